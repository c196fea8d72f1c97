"""Letterheads and the employer's other printed forms: a name cut by the image's side, a
college printed apart from its university, the English name under a letterhead, and a small
subset of the letterhead stress set (testkit/letterheads.py) read by the real pipeline."""

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from redaction.detect.letterhead import english_under
from redaction.detect.match import match_lines
from redaction.model.profile import Profile
from redaction.model.regions import Region
from tests.conftest import cjk_font_path
from tests.test_match import covers, line

SCHOOL = Profile(name="陈睿阳", employers=("上海市西南工程学校",))


def test_employer_cut_by_the_right_edge_is_matched_by_the_part_in_view():
    # 市 lost under a seal's ring, 学校 beyond the photo's right edge (上海西南工程 read)
    ln = line("上海西南工程", 2400, 3900, char_w=110, h=150)
    width = int(ln.bbox[2]) + 2
    found = [r for r in match_lines([ln], SCHOOL, page_width=width) if r.kind == "employer"]
    assert found and all(r.extra.get("cut_by_edge") for r in found)
    assert covers((min(r.bbox[0] for r in found), min(r.bbox[1] for r in found),
                   max(r.bbox[2] for r in found), max(r.bbox[3] for r in found)), ln.bbox, 0.95)


def test_the_same_line_away_from_the_edge_is_no_employer():
    # ending well inside the image, 上海西南工程 is a name three characters short, not a cut one
    ln = line("上海西南工程", 400, 900, char_w=110, h=150)
    assert not [r for r in match_lines([ln], SCHOOL, page_width=3072) if r.kind == "employer"]


def test_a_cut_line_ending_in_another_word_is_no_employer():
    ln = line("上海西南工程大厦", 2200, 3900, char_w=110, h=150)
    width = int(ln.bbox[2]) + 2
    assert not [r for r in match_lines([ln], SCHOOL, page_width=width) if r.kind == "employer"]


COLLEGE = Profile(name="姚鹏", employers=("沈阳工业大学", "沈阳工业大学信息科学与工程学院"))


def test_college_printed_apart_from_its_university_is_matched_on_the_same_page():
    school = line("学校：沈阳工业大学", 1096, 681, char_w=34, h=58)
    college = line("院（系）：信息科学与工程学院", 1094, 767, char_w=38, h=62)
    found = [r for r in match_lines([school, college], COLLEGE) if r.kind == "employer"]
    start = college.text.index("信")
    target = (college.char_boxes[start][0], college.bbox[1], college.bbox[2], college.bbox[3])
    assert any(covers(r.bbox, target, 0.95) for r in found)


def test_college_alone_without_its_university_is_not_matched():
    # 信息科学与工程学院 is a college of many universities: only on a page naming the parent
    college = line("院（系）：信息科学与工程学院", 1094, 767, char_w=38, h=62)
    other = line("学校：东北大学", 1096, 681, char_w=34, h=58)
    assert not [r for r in match_lines([other, college], COLLEGE) if r.kind == "employer"]


def _lockup(english: str | None, rule: int = 0):
    """A logo lockup: the Chinese name 40 px, then (optionally) its English name 12 px under it."""
    img = Image.new("L", (900, 300), 235)
    draw = ImageDraw.Draw(img)
    draw.text((100, 100), "哈尔滨理工大学", font=ImageFont.truetype(cjk_font_path(), 40), fill=30)
    if english:
        draw.text((104, 150), english, font=ImageFont.truetype(cjk_font_path(), 12), fill=40)
    if rule:
        draw.rectangle((100, 152, 390, 152 + rule - 1), fill=30)
    gray = np.asarray(img)
    ys, xs = np.nonzero(gray[95:148] < 150)
    ln = line("哈尔滨理工大学", int(xs.min()), 95 + int(ys.min()) - 2, char_w=40, h=int(ys.max() - ys.min()) + 4)
    emp = Region("employer", ln.bbox, 0.95, "哈尔滨理工大学", True, extra={"term": "哈尔滨理工大学", "errors": 0})
    return gray, ln, emp


def test_small_english_name_under_a_letterhead_name_is_masked_though_ocr_saw_no_line():
    gray, ln, emp = _lockup("Harbin University of Science and Technology")
    found = english_under([emp], [ln], gray)
    ys, xs = np.nonzero(gray[151:175] < 150)        # the English letters (the name's strokes end above)
    target = (xs.min(), 151 + ys.min(), xs.max() + 1, 151 + ys.max() + 1)
    assert len(found) == 1 and covers(found[0].bbox, target, 0.95)


@pytest.mark.parametrize("thickness", [3, 12])
def test_a_rule_under_a_letterhead_name_is_not_taken_for_its_english_name(thickness):
    gray, ln, emp = _lockup(None, rule=thickness)
    assert english_under([emp], [ln], gray) == []


def test_nothing_under_the_name_gives_nothing():
    gray, ln, emp = _lockup(None)
    assert english_under([emp], [ln], gray) == []


@pytest.mark.parametrize("variant,index", [("english", 0), ("english", 3), ("spaced", 1), ("wenjian", 2)])
def test_letterhead_stress_pages_cover_the_employer_in_the_head(detector, variant, index):
    """Letterheads drawn as bureaus and companies print them (testkit/letterheads.py), scanned:
    every employer in the head (and the English name under it) ≥ 90 % covered."""
    from pathlib import Path

    from redaction.files.document import Page
    from testkit.letterheads import letterhead_coverage, make_letterhead

    page = make_letterhead(variant, index)
    _, _, regions = detector.propose_upright(Page(page.pixels, Path("p.jpg"), 0, 1, page.dpi), page.profile)
    hit, total = letterhead_coverage([page], [regions])[variant]
    assert total >= 1 and hit == total


def test_a_signature_under_a_signoff_name_is_not_taken_for_its_english_name():
    gray, ln, emp = _lockup(None)
    img = gray.copy()
    cv2.polylines(img, [np.array([[120, 160], [170, 152], [200, 166], [260, 150], [300, 163]], np.int32)],
                  False, 30, 2, cv2.LINE_AA)
    assert english_under([emp], [ln], img) == []


def test_an_english_name_longer_than_the_chinese_one_is_covered_to_its_end():
    gray, ln, emp = _lockup("XINJIANG TECHNICAL INSTITUTE OF PHYSICS AND CHEMISTRY, CHINESE ACADEMY OF SCIENCES")
    found = english_under([emp], [ln], gray)
    ys, xs = np.nonzero(gray[151:175] < 150)
    target = (xs.min(), 151 + ys.min(), xs.max() + 1, 151 + ys.max() + 1)
    assert target[2] > ln.bbox[2] + 100                # the English runs well past the Chinese
    assert len(found) == 1 and covers(found[0].bbox, target, 0.95)
