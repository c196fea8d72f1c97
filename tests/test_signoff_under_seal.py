"""The employer's sign-off printed under its own seal and read through the seal's red ink (dev
round 17: 枣庄市社会科学界联合会 read 枣上市社会学鼎联合会 under the 联合会's seal): matching asked too
much of the line, and the seal's box covered only 0.86 of it. Under a seal that is the employer's,
a line that could be the employer's name misread is the employer."""

from __future__ import annotations

import numpy as np

from redaction.detect.sealtext import signoff_under_own_seal
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.ocr.base import TextLine, proportional_char_boxes

PROFILE = Profile(name="潘高", employers=("枣庄市社会科学界联合会",))


def _line(box, text):
    x0, y0, x1, y1 = box
    quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    return TextLine(quad, text, 0.84, proportional_char_boxes(quad, text))


SEAL = (1858, 1312, 2288, 1755)
SIGNOFF = (1819, 1487, 2332, 1570)


def test_a_misread_signoff_under_the_employers_seal_is_the_employer():
    seal = Region("seal", SEAL, 0.9, "枣庄市社会科学界联合会", True)
    found = signoff_under_own_seal([seal], [_line(SIGNOFF, "枣上市社会学鼎联合会")], [], PROFILE)
    assert [(r.kind, r.accepted, r.bbox, r.extra["term"]) for r in found] == [
        ("employer", True, SIGNOFF, "枣庄市社会科学界联合会")]


def test_another_bodys_line_anothers_seal_a_line_away_from_it_or_one_matched_already_are_left():
    seal = Region("seal", SEAL, 0.9, "枣庄市社会科学界联合会", True)
    assert signoff_under_own_seal([seal], [_line(SIGNOFF, "共青团枣庄市委员会")], [], PROFILE) == []
    other = Region("other_seal", SEAL, 0.9, "枣庄市文学艺术界联合会", False)
    assert signoff_under_own_seal([other], [_line(SIGNOFF, "枣上市社会学鼎联合会")], [], PROFILE) == []
    away = (1819, 1900, 2332, 1983)
    assert signoff_under_own_seal([seal], [_line(away, "枣上市社会学鼎联合会")], [], PROFILE) == []
    matched = Region("employer", SIGNOFF, 0.9, "枣庄市社会科学界联合会", True)
    assert signoff_under_own_seal([seal], [_line(SIGNOFF, "枣上市社会学鼎联合会")], [matched], PROFILE) == []


def test_a_signoff_the_seal_parts_in_two_pieces_is_the_employer_whole():
    """synth4 s0 060: the sign-off 巴音郭楞蒙古自治州水利局 under the employer's grey seal came out in
    two pieces, 巴音郭楞 and 自活水利局 (蒙古 lost under the star); neither piece alone could be the
    name misread, and the first reaches out of the seal's box (employer covered 0.83)."""
    bureau = Profile(name="王芳", employers=("巴音郭楞蒙古自治州水利局", "巴州水利局"))
    seal = Region("seal", (989, 1557, 1362, 1930), 0.9, "巴州水利局", True)
    left, right = _line((900, 1621, 1061, 1673), "巴音郭楞"), _line((1161, 1623, 1385, 1687), "自活水利局")
    date = _line((1012, 1715, 1267, 1763), "2016年2月24日")
    found = signoff_under_own_seal([seal], [left, right, date], [], bureau)
    assert sorted(r.bbox for r in found) == [left.bbox, right.bbox]
    assert all(r.kind == "employer" and r.accepted for r in found)
    # A label's piece before the name (名称 | 天津…, dev's business licence copy) holds none of it.
    label = _line((960, 1621, 1000, 1673), "称")
    found = signoff_under_own_seal([seal], [label, _line((1001, 1621, 1100, 1673), "巴音郭楞"), right], [], bureau)
    assert found and label.bbox not in [r.bbox for r in found]
    # Another body's sign-off in pieces, or the pieces under another's seal, are left.
    other = [_line((900, 1621, 1061, 1673), "巴音郭楞"), _line((1161, 1623, 1385, 1687), "自治州财政局")]
    assert signoff_under_own_seal([seal], other, [], bureau) == []
    theirs = Region("other_seal", seal.bbox, 0.9, "巴音郭楞蒙古自治州财政局", False)
    assert signoff_under_own_seal([theirs], [left, right], [], bureau) == []


def test_a_signoff_read_with_its_numeral_changed_under_the_seal_whose_ring_names_the_employer():
    """synth3 s45 075: under the school's seal, its ring read 喀什地区疏附县第二中学, the sign-off read
    喀什地区疏附县第三中学 (the seal's ink over 二): another school's numeral to the matcher, left
    half outside the seal's box (employer covered 0.88)."""
    school = Profile(name="艾尔肯·吐尔逊", employers=("喀什地区疏附县第二中学", "疏附县二中"))
    seal = Region("seal", (993, 529, 1378, 892), 0.95, "喀什地区疏附县第二中学", True)
    line = _line((939, 699, 1315, 749), "喀什地区疏附县第三中学")
    found = signoff_under_own_seal([seal], [line], [], school)
    assert [(r.kind, r.accepted, r.bbox) for r in found] == [("employer", True, line.bbox)]
    # a seal not read as the employer's, or two characters another, leaves it
    unread = Region("seal", (993, 529, 1378, 892), 0.95, None, True)
    assert signoff_under_own_seal([unread], [line], [], school) == []
    assert signoff_under_own_seal([seal], [_line((939, 699, 1315, 749), "喀什地区疏勒县第三中学")], [], school) == []
