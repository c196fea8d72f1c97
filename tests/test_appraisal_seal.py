"""An appraisal form's employer seal whose ring reads half garbled, stamped over the employer's
printed name, is the employer's seal; another organisation's seal over its own name stays another's."""

from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.pipeline.propose import own_by_printed_employer

PROFILE = Profile(name="热孜万古丽·艾则孜", employers=("昌吉回族自治州林业和草原局",))
SEAL_BOX = (978, 1466, 1346, 1835)
PRINTED_EMPLOYER = (941, 1590, 1419, 1651)      # the sign-off's printed name, under the seal


def test_garbled_ring_over_the_printed_employer_is_the_employers_seal():
    seal = Region("other_seal", SEAL_BOX, 0.8, "昌售国成自治州林业和草总局", False)
    own_by_printed_employer(seal, [PRINTED_EMPLOYER], PROFILE)
    assert (seal.kind, seal.accepted) == ("seal", True)


def test_another_organisations_seal_stays_anothers():
    seal = Region("other_seal", SEAL_BOX, 0.9, "昌吉回族自治州人力资源和社会保障局", False)
    own_by_printed_employer(seal, [PRINTED_EMPLOYER], PROFILE)
    assert (seal.kind, seal.accepted) == ("other_seal", False)


def test_a_resembling_reading_away_from_the_employers_name_stays_anothers():
    seal = Region("other_seal", SEAL_BOX, 0.8, "昌售国成自治州林业和草总局", False)
    own_by_printed_employer(seal, [(100, 200, 500, 260)], PROFILE)
    assert seal.kind == "other_seal"


# An army office's seal names its national parent first (中国人民解放军…): worn and stamped over
# the office's printed name (dev-cert-appointment-seal-on-red-frame-01), the ring read as below.
ARMY = Profile(name="庄磊", employers=("福建省莆田市涵江区人民武装部", "涵江区人民武装部"))
ARMY_SEAL = (822, 589, 1044, 813)
ARMY_PRINTED = (800, 659, 1069, 713)


def test_a_seal_naming_its_national_parent_over_the_printed_employer_is_the_employers():
    seal = Region("other_seal", ARMY_SEAL, 0.99, "中国人民辉故军品建省莆田市通汇人民代发部", False)
    own_by_printed_employer(seal, [ARMY_PRINTED], ARMY)
    assert (seal.kind, seal.accepted) == ("seal", True)


def test_another_organisations_words_before_the_name_are_still_foreign():
    seal = Region("other_seal", ARMY_SEAL, 0.99, "厦门大学附属第一医院建省莆田市通汇人民代发部", False)
    own_by_printed_employer(seal, [ARMY_PRINTED], ARMY)
    assert (seal.kind, seal.accepted) == ("other_seal", False)


def test_any_of_the_rings_readings_may_be_the_near_one():
    """The same seal read twice: …莆田市… (near the employer) and …莆团市… (0.80, which named it
    another's once the first reading, keeping 莆田市 of the employer's own words, no longer counted
    for two agreeing readings). Either reading near the employer makes it the employer's."""
    readings = [("中国人民辉故军品建省莆田市通汇人民代发部", 0.74), ("中国人民辉故军建省莆团市通汇人民代发部", 0.80)]
    seal = Region("other_seal", ARMY_SEAL, 0.8, readings[1][0], False)
    own_by_printed_employer(seal, [ARMY_PRINTED], ARMY)
    assert seal.kind == "other_seal"        # the chosen reading alone is not near enough
    own_by_printed_employer(seal, [ARMY_PRINTED], ARMY, readings)
    assert (seal.kind, seal.accepted) == ("seal", True)
