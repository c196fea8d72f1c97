"""An appraisal form's employer seal whose ring reads half garbled, stamped over the employer's
printed name, is the employer's seal; another organisation's seal over its own name stays another's."""

import pytest

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
    for two agreeing readings). Either reading near the employer makes it the employer's. (Since
    stop 56 the chosen reading alone does too: it brings nothing the employer's name lacks,
    `sealtext.nothing_foreign`; one that does, a garble ending in 委员会, needs the near one.)"""
    readings = [("中国人民辉故军品建省莆田市通汇人民代发部", 0.74), ("中国人民辉故军建省莆团市通汇人民代发部", 0.80)]
    seal = Region("other_seal", ARMY_SEAL, 0.8, readings[1][0], False)
    own_by_printed_employer(seal, [ARMY_PRINTED], ARMY)
    assert (seal.kind, seal.accepted) == ("seal", True)
    readings = [("中国人民辉故军品建省莆田市通汇人民代发部", 0.74), ("通汇人民代发委员会", 0.80)]
    seal = Region("other_seal", ARMY_SEAL, 0.8, readings[1][0], False)
    own_by_printed_employer(seal, [ARMY_PRINTED], ARMY)
    assert seal.kind == "other_seal"        # the chosen reading alone is not near enough
    own_by_printed_employer(seal, [ARMY_PRINTED], ARMY, readings)
    assert (seal.kind, seal.accepted) == ("seal", True)


def _text_line(text: str, box, score: float = 0.99):
    import numpy as np

    from redaction.ocr.base import TextLine, proportional_char_boxes

    x0, y0, x1, y1 = box
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, text, score, proportional_char_boxes(quad, text))


# synth4 s0 030: an appraisal form's last two rows — the unit's opinion with the employer's seal
# over （盖章） and its date, then 主管部门 / 意见 down the label column beside the authority's
# oval seal over its date; its long ring (…人力资源和社会保障局 人事专用章) read as nothing.
ROWS = [("（盖章）", (820, 1255, 932, 1312)), ("2020年1月24日", (815, 1300, 973, 1349)),
        ("同意单位意见。", (321, 1337, 463, 1382)), ("2020年2月14日", (814, 1556, 977, 1610))]
AUTHORITY_SEAL = (740, 1363, 999, 1660)


@pytest.mark.parametrize("label, kind", [
    ((("主管部门", (163, 1395, 258, 1436)), ("意见", (181, 1428, 237, 1468))), "other_seal"),
    ((("主管部门意", (163, 1395, 258, 1436)), ("见", (196, 1428, 222, 1468))), "other_seal"),
    ((("上级主管部门意见", (120, 1490, 300, 1530)),), "other_seal"),
    # the unit's own rows: its seal
    ((("单位意见", (163, 1395, 258, 1436)),), "seal"),
    ((("所在单位", (163, 1395, 258, 1436)), ("审核意见", (163, 1428, 258, 1468))), "seal"),
    ((("考核委员", (163, 1395, 258, 1436)), ("会意见", (170, 1428, 250, 1468))), "seal"),
    ((("人力资源部", (163, 1395, 258, 1436)), ("审批意见", (163, 1428, 258, 1468))), "seal"),
])
def test_an_unread_seal_in_a_supervising_authoritys_row_is_the_authoritys(label, kind):
    """synth4 s0 010, 030, 042 and synth2 s25 059: a 人力资源和社会保障局 seal whose long ring read
    as nothing was masked as the employer's; it is stamped in the row the form gives the
    supervising authority (主管部门意见), and a seal there is the authority's."""
    from redaction.pipeline.propose import attribute_by_place

    lines = [_text_line(t, b) for t, b in ROWS + list(label)]
    seal = Region("seal", AUTHORITY_SEAL, 0.9, None, True, extra={"shape": "oval"})
    attribute_by_place(seal, lines, [])
    assert (seal.kind, seal.accepted) == (kind, kind == "seal")


def test_the_employers_seal_in_the_row_above_the_authoritys_stays_the_employers():
    """synth4 s0 042: the employer's seal, unread too, in the unit's row just above the authority's."""
    from redaction.pipeline.propose import attribute_by_place

    lines = [_text_line(t, b) for t, b in ROWS] + [
        _text_line("单位意见", (163, 1150, 258, 1190)), _text_line("主管部门意", (156, 1417, 265, 1452)),
        _text_line("见", (201, 1448, 226, 1475))]
    employers_seal = Region("seal", (781, 1091, 1030, 1340), 0.9, None, True, extra={"shape": "round"})
    attribute_by_place(employers_seal, lines, [])
    assert (employers_seal.kind, employers_seal.accepted) == ("seal", True)
    authoritys = Region("seal", (778, 1282, 1044, 1578), 0.9, None, True, extra={"shape": "round"})
    attribute_by_place(authoritys, lines, [])
    assert authoritys.kind == "other_seal"


def test_a_label_cell_is_read_top_to_bottom():
    """synth4 s2 030: the label column's lines as read (评语's 语, 考核等次, 单位 / 意见, 主管部门 /
    意见). Ordered by their left edges, the cell was read on from 意见 through the rows above
    (意见意见单位语) and the authority's seal stayed masked as the employer's."""
    from redaction.pipeline.propose import attribute_by_place

    column = [("语", (253, 1082, 283, 1118)), ("考核等次", (208, 1143, 321, 1191)), ("单位", (236, 1278, 275, 1352)),
              ("意见", (234, 1337, 273, 1411)), ("主管部门", (186, 1571, 300, 1620)), ("意见", (208, 1606, 272, 1651))]
    lines = [_text_line(t, b) for t, b in column] + [_text_line("同意单位意见。", (372, 1517, 538, 1568))]
    seal = Region("seal", (876, 1590, 1145, 1852), 0.9, None, True, extra={"shape": "round"})
    attribute_by_place(seal, lines, [])
    assert seal.kind == "other_seal"


# synth4 s13 008: a grey 吐鲁番市高昌区人民医院 seal stamped over the hospital's printed short name,
# its ring read only at its end (昊民殿民医院, 0.77) and taken for another hospital's.
HOSPITAL = Profile(name="张丽", employers=("吐鲁番市高昌区人民医院", "高昌区人民医院"))
HOSPITAL_SEAL = (1529, 2005, 2070, 2546)
HOSPITAL_PRINTED = (1600, 2068, 2000, 2117)


@pytest.mark.parametrize("reading, kind", [
    ("昊民殿民医院", "seal"),
    ("吐鲁番市人民医院", "seal"),           # no foreign words: may be the employer's, stamped on its name
    ("乌鲁木齐市第一人民医院", "other_seal"),  # a numeral of its own
    ("吐鲁番市中医医院", "other_seal"),       # another ending
    ("新疆维吾尔自治区卫生健康委员会人民医院", "other_seal"),   # longer than the name
    ("民医院", "other_seal"),               # too little read
])
def test_a_ring_read_only_at_its_end_over_the_printed_employer_is_the_employers(reading, kind):
    _judged_over_its_print_only(Region("other_seal", HOSPITAL_SEAL, 0.77, reading, False), HOSPITAL_PRINTED,
                                HOSPITAL, kind)


def _judged_over_its_print_only(seal: Region, printed, profile: Profile, kind: str) -> None:
    """`own_by_printed_employer` makes the seal `kind` over the employer's print; away from it, another's."""
    away = Region(seal.kind, seal.bbox, seal.score, seal.text, seal.accepted)
    own_by_printed_employer(seal, [printed], profile)
    assert (seal.kind, seal.accepted) == (kind, kind == "seal")
    own_by_printed_employer(away, [(100, 200, 500, 260)], profile)
    assert away.kind == "other_seal"


# synth4 s19 000: a grey 阿勒泰地区福海县水利管理站 seal stamped over the station's printed name,
# its ring read where it was inked (勒, 福海, 理站) with a slip in each gap: 随勒她福海理站 (0.87).
STATION = Profile(name="叶尔兰·努尔别克", employers=("阿勒泰地区福海县水利管理站", "福海县水管站"))
STATION_SEAL = (1196, 1864, 1635, 2303)
STATION_PRINTED = (1080, 2004, 1691, 2082)


@pytest.mark.parametrize("reading, kind", [
    ("随勒她福海理站", "seal"),
    ("勒泰福海县管站", "seal"),
    ("阿勒泰地区水利局", "other_seal"),        # another ending: the prefecture's bureau
    ("福海县第二中学", "other_seal"),          # a numeral of its own, another ending
    ("阿勒泰地区气象站", "other_seal"),        # two foreign characters in a row
    ("海理站", "other_seal"),                  # too little read
])
def test_a_ring_read_in_part_with_single_slips_over_the_printed_employer_is_the_employers(reading, kind):
    _judged_over_its_print_only(Region("other_seal", STATION_SEAL, 0.87, reading, False), STATION_PRINTED,
                                STATION, kind)
