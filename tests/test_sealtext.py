from pathlib import Path

import pytest

from redaction.document import Page
from redaction.propose import find_page_seals
from redaction.profile import Profile
from redaction.sealtext import attribute_seal, classify_seal
from tests.conftest import draw_seal, render_page

PROFILE = Profile(name="阿依古丽·买买提", employers=("阿克苏地区生态环境局", "阿克苏地区环境监测站"))


@pytest.mark.parametrize("ring, kind", [("阿克苏地区生态环境局", "seal"), ("新疆大学", "other_seal"),
                                        ("新疆维吾尔自治区人力资源和社会保障厅", "other_seal"),
                                        ("阿克苏地区环境监测站", "seal")])
def test_the_ring_text_tells_whose_seal_it_is(detector, ring, kind):
    page = render_page([(100, 100, "证明")], size=(1000, 800))
    draw_seal(page, (500, 420), 170, ring)
    seals = find_page_seals(page, 200)
    assert len(seals) == 1
    got, accepted, text, _ = attribute_seal(detector.ocr, page, seals[0], PROFILE)
    assert (got, accepted) == (kind, kind == "seal")


def test_unreadable_rings_stay_accepted_seals():
    assert classify_seal([("", 0.0), ("@#", 0.2)], PROFILE) == ("seal", True, None, 0.0)
    assert classify_seal([("新疆大学", 0.5)], PROFILE)[:2] == ("seal", True)      # not confident enough
    assert classify_seal([("阿克苏地区生态坏境", 0.6)], PROFILE)[:3] == ("seal", True, "阿克苏地区生态环境局")


def test_an_unreadable_seal_over_a_printed_organisation_is_that_organisations(detector):
    # A faint university seal over the university's printed name (the 落款 of a diploma).
    page = render_page([(100, 100, "阿依古丽·买买提 同学于2008年毕业。"), (560, 500, "新疆医科大学"),
                        (540, 560, "二〇〇八年七月一日")], size=(1240, 800))
    draw_seal(page, (660, 520), 150, "新疆医科大学", rgb=(245, 190, 195))
    regions = detector.propose(Page(page, Path("d.jpg"), 0, 1, 200), PROFILE)
    seals = [r for r in regions if r.kind in ("seal", "other_seal")]
    assert [(r.kind, r.accepted) for r in seals] == [("other_seal", False)]
    # The same seal over the employer's printed name is the applicant's.
    page = render_page([(560, 500, "阿克苏地区生态环境局"), (540, 560, "2019年8月1日")], size=(1240, 800))
    draw_seal(page, (700, 520), 150, "阿克苏地区生态环境局", rgb=(245, 190, 195))
    regions = detector.propose(Page(page, Path("d.jpg"), 0, 1, 200), PROFILE)
    assert [(r.kind, r.accepted) for r in regions if "seal" in r.kind] == [("seal", True)]


def test_a_partial_reading_of_the_employers_ring_keeps_it_the_applicants_seal():
    profile = Profile(name="王芳", employers=("伊犁哈萨克自治州农业技术推广总站",))
    # Worn ring: half the characters lost, what was read is all in the employer's name, in order.
    assert classify_seal([("伊犁哈治农站伊犁哈自治农站", 0.8)], profile)[:2] == ("seal", True)
    # Another organisation of the same region is still told apart.
    assert classify_seal([("伊犁哈萨克自治州人民医院", 0.9)], profile)[:2] == ("other_seal", False)
