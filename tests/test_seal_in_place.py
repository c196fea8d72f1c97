"""A faded ring on a phone photo read one character for each of the employer's name, half of them
where the name has them (略升动区设岗疑第二中学 for 喀什地区疏附县第二中学, 社海西市高昌区育热货源局 for
吐鲁番市高昌区自然资源局: synth3 s35 032, 035), stamped over the employer's printed name, is the
employer's seal: both were taken for another organisation's and left unmasked."""

from __future__ import annotations

import pytest

from redaction.detect.sealtext import misread_in_place
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.pipeline.propose import own_by_printed_employer

SCHOOL = Profile(name="艾尔肯·吐尔逊", employers=("喀什地区疏附县第二中学", "疏附县二中"))
LAND = Profile(name="麦麦提江·艾合买提", employers=("吐鲁番市高昌区自然资源局", "高昌区自然资源局"))


@pytest.mark.parametrize("reading, profile", [("略升动区设岗疑第二中学", SCHOOL),
                                              ("社海西市高昌区育热货源局", LAND),
                                              ("社海西市高昌区育热货源局专用章", LAND)])
def test_a_reading_as_long_as_the_name_half_in_place_is_the_name_misread(reading, profile):
    assert misread_in_place(reading, profile)


@pytest.mark.parametrize("reading, profile", [
    ("喀什地区疏附县第三中学", SCHOOL),           # another school: a numeral of its own
    ("略升动区设岗疑第二中心", SCHOOL),           # another organisation word at the end
    ("略升动区设岗疑第二中", SCHOOL),             # one character short: not read in place
    ("吐鲁番市高昌区人民政府办", LAND),           # the region, then words of another body (5 in a row)
    ("吐鲁番市高昌区教育局", LAND),               # another bureau of the district, shorter
    ("社海西市高等职业技术学", LAND)])            # its own words (高昌区…资源局) not kept
def test_another_name_or_too_little_in_place_is_not(reading, profile):
    assert not misread_in_place(reading, profile)


@pytest.mark.parametrize("printed, owner", [((953, 1010, 1200, 1050), ("seal", True)),
                                             ((100, 200, 500, 260), ("other_seal", False))])
def test_read_in_place_it_is_the_employers_seal_only_over_the_printed_employer(printed, owner):
    seal = Region("other_seal", (927, 875, 1245, 1201), 0.76, "社海西市高昌区育热货源局", False)
    own_by_printed_employer(seal, [printed], LAND)
    assert (seal.kind, seal.accepted) == owner


def test_a_faded_seal_over_the_employers_sign_off_on_a_phone_photo_is_masked(detector):
    from pathlib import Path

    from bench.accuracy import _box_of, _spec_pages, coverage
    from redaction.files.document import Page
    from testkit.synth3 import make_page

    sp = _spec_pages([make_page(35, 35)])[0]
    _, rotation, regions = detector.propose_upright(Page(sp.pixels, Path("page.jpg"), 0, 1, sp.dpi), sp.profile)
    assert rotation == 0
    boxes = [_box_of(r) for r in regions if r.accepted]
    own = [t for t in sp.truth if t.kind == "seal" and t.owner == "applicant"]
    assert own
    for truth in own:
        assert coverage(truth, boxes) >= 0.9, [r for r in regions if "seal" in r.kind]


@pytest.mark.parametrize(("readings", "owner"), [
    ([("武建德区维阴共第中学", 0.69), ("武德区政阴县第中学", 0.70), ("民舟德区维阴共第中学", 0.67)], ("seal", True)),
    # garbles keeping an organisation word no employer's name has (a contest committee's ring
    # over the print, dev): another body's still
    ([("电子没计竞塞山东委员会", 0.68), ("电子设计竞赛东区委员会", 0.66)], ("other_seal", False)),
    # one confident reading of another school: it stays theirs, printed employer or not
    ([("武建德区维阴共第中学", 0.69), ("喀什地区英吉沙县第一中学", 0.93)], ("other_seal", False)),
])
def test_a_garble_read_only_unsurely_over_the_printed_employer_is_the_employers_seal(readings, owner):
    """synth3 s48 014: the employer's faded seal over its printed name in an appraisal's sign-off,
    read three times below READABLE_SCORE, each a garble agreeing with the others (…德区…阴…第中
    学) — taken for another school's and left unmasked."""
    seal = Region("other_seal", (750, 1182, 1029, 1460), 0.99, readings[0][0], False)
    own_by_printed_employer(seal, [(751, 1285, 1023, 1329)], SCHOOL, readings)
    assert (seal.kind, seal.accepted) == owner


HOSPITAL = Profile(name="王芳", employers=("哈密市中心医院", "哈密中心医院"))
CORPS_HOSPITAL = Profile(name="李建国", employers=("新疆生产建设兵团第一师阿拉尔医院", "一师阿拉尔医院"))


@pytest.mark.parametrize(("reading", "profile", "owner"), [
    # synth5 s2 064: a grey seal over 哈密市中心医院 printed, read 泌市中心心 (泌 for 密)
    ("泌市中心心", HOSPITAL, ("seal", True)),
    # synth4 s23 049: a faded red seal over the hospital's printed name, read at its end only
    ("集狮网恒尔医院", CORPS_HOSPITAL, ("seal", True)),
    # another body's words the employer's names lack: a department, an organisation word, a
    # numeral
    ("哈密市疾病预防控制中心", HOSPITAL, ("other_seal", False)),
    ("哈密市卫生健康委员会", HOSPITAL, ("other_seal", False)),
    ("喀什地区疏附县第一中学", SCHOOL, ("other_seal", False)),
])
def test_a_ring_read_surely_in_part_bringing_nothing_of_its_own_over_the_printed_employer_is_theirs(
        reading, profile, owner):
    seal = Region("other_seal", (1473, 1317, 2014, 1858), 0.86, reading, False)
    own_by_printed_employer(seal, [(1527, 1507, 1961, 1590)], profile, [(reading, 0.86)])
    assert (seal.kind, seal.accepted) == owner
    # not where the employer's name is not printed under it
    away = Region("other_seal", (1473, 1317, 2014, 1858), 0.86, reading, False)
    own_by_printed_employer(away, [(100, 200, 500, 260)], profile, [(reading, 0.86)])
    assert (away.kind, away.accepted) == ("other_seal", False)


@pytest.mark.parametrize(("reading", "profile", "foreign"), [
    ("泌市中心心", HOSPITAL, False), ("集狮网恒尔医院", CORPS_HOSPITAL, False),
    # another place: two characters of its own before a place's ending, or an ending the name lacks
    ("喀什地区英吉沙县中学", Profile(name="王芳", employers=("喀什地区疏附县第二中学",)), True),
    ("伊州区中心医院", HOSPITAL, True),
    ("新疆继续教育中心", HOSPITAL, True), ("新疆维吾尔自治区人民医院", HOSPITAL, True),
])
def test_what_a_reading_brings_of_its_own(reading, profile, foreign):
    from redaction.detect.sealtext import nothing_foreign

    assert nothing_foreign(reading, profile) is not foreign
