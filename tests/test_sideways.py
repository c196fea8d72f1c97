"""Pages delivered sideways as users bring them (issue 14): a landscape certificate or a letter
photographed with the phone held upright, so the page lies a quarter turn and a few degrees more
off, in perspective; its name and employer must still be found.

The detector orders a line box's corners by x: a vertical line tilted by more than its thickness
over its length comes back starting at its bottom-left corner, and orientation took its length
for its width (a sideways phone photo of a dense page was judged level and left sideways)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from bench.accuracy import coverage
from redaction.detect.orient import _line_shapes, rotate_box, rotate_quads
from redaction.files.document import Page
from testkit.corpus import make_page
from tests.conftest import render_page

# A vertical line 1000 px long and 20 px thick, tilted 6°, corners as the detector gives them
# (sorted by x: bottom-left, top-left, top-right, bottom-right).
TILTED_VERTICAL = np.array([[0, 1000], [105, 0], [125, 2], [20, 1002]], np.float32)


def test_a_tilted_vertical_line_counts_as_vertical():
    widths, heights = _line_shapes([TILTED_VERTICAL])
    assert heights[0] > 20 * widths[0]
    widths, heights = _line_shapes([TILTED_VERTICAL[[1, 2, 3, 0]]])   # the same box, corners in order
    assert heights[0] > 20 * widths[0]


@pytest.mark.parametrize("rotation", [90, 270])
def test_a_turned_tilted_vertical_line_starts_at_its_top_left(rotation):
    (q,) = rotate_quads([TILTED_VERTICAL], rotation, 1200, 1100)
    top_left = np.argmin(q.sum(axis=1))
    assert top_left == 0 and q[1, 0] - q[0, 0] > 900 and abs(q[3, 1] - q[0, 1]) < 40


def _covered(item, regions) -> float:
    return coverage(item, [tuple(int(round(v)) for v in r.bbox) for r in regions if r.accepted])


def _back(regions, rotation, upright):
    back = (360 - rotation) % 360
    return [r.with_bbox(rotate_box(r.bbox, back, upright.width, upright.height)) for r in regions]


@pytest.mark.parametrize("index", [18, 48])
def test_a_sideways_phone_photo_is_turned_and_its_name_and_employer_covered(detector, index):
    """Corpus seed 0: page 18 (a journal page) and 48 (an employer's letter), phone photos turned
    90° and tilted, left sideways before (every tilted long line counted as horizontal)."""
    sp = make_page(0, index)
    assert sp.dpi is None and sp.rotation == 90            # a phone photo, turned
    upright, rotation, regions = detector.propose_upright(Page(sp.pixels, Path("p.jpg"), 0, 1, None), sp.profile)
    assert rotation == sp.rotation
    regions = _back(regions, rotation, upright)
    items = [t for t in sp.items("applicant") if t.kind in ("name", "employer") and "small" not in t.tags]
    assert items
    for t in items:
        assert _covered(t, regions) >= 0.9, t


@pytest.mark.parametrize("turn", [90, 270])
def test_a_dense_page_turned_and_tilted_is_read_upright(detector, profile, turn):
    lines = [(90, 80 + 56 * i, f"第{i + 1}条 阿克苏地区关于专业技术职务任职资格评审工作的通知") for i in range(9)]
    lines += [(90, 600, "申报人：阿依古丽·买买提  工作单位：阿克苏地区生态环境局")]
    page = render_page(lines, size=(1400, 1000), font_px=30)
    k = 1 if turn == 90 else 3                         # np.rot90 turns counter-clockwise
    turned = np.ascontiguousarray(np.rot90(page, k))
    h, w = turned.shape[:2]
    tilt = cv2.getRotationMatrix2D((w / 2, h / 2), 5.0, 1.0)
    photo = cv2.warpAffine(turned, tilt, (w, h), borderValue=(255, 255, 255))
    upright, rotation, regions = detector.propose_upright(Page(photo, Path("p.jpg"), 0, 1, None), profile)
    assert rotation == turn
    assert any(r.kind == "name" and "买买提" in (r.text or "") for r in regions)
    assert any(r.kind == "employer" for r in regions)


@pytest.mark.parametrize("read", ["作者简介：阿依古丽0买买提（1985一）", "阿依古丽〇买买提"])
def test_a_dot_read_as_a_zero_is_still_the_dot(profile, read):
    """Corpus seed 1, page 28 (a journal page photographed sideways): the author bio's small
    阿依古丽•买买提 read as 阿依古丽0买买提; only 阿依古丽 was masked (a numeral the name does not
    have used to veto the fuzzy hit)."""
    from redaction.detect.match import match_lines
    from redaction.ocr.base import TextLine, proportional_char_boxes

    quad = np.array([[0, 0], [30 * len(read), 0], [30 * len(read), 30], [0, 30]], np.float32)
    line = TextLine(quad, read, 0.9, proportional_char_boxes(quad, read))
    names = [r.text for r in match_lines([line], profile) if r.kind == "name"]
    assert any(n and n.endswith("买买提") for n in names), names


def test_a_wrapped_name_on_a_turned_form_is_read_on_the_upright_page_s_own_lines(detector):
    """synth4 s6 030: a phone photo of an appraisal form lying a quarter turn, the name wrapped in
    its cell (热依汗古丽·艾 / 则孜). Detected on the page as it came, the first row's line ended at
    丽 (·艾 lost) and 艾 was left readable (covered 0.85). The page is detected again once upright."""
    from bench.accuracy import _spec_pages
    from testkit.synth4 import make_page as synth4_page

    sp = _spec_pages([synth4_page(6, 30)])[0]
    assert sp.rotation == 90
    upright, rotation, regions = detector.propose_upright(Page(sp.pixels, Path("p.jpg"), 0, 1, sp.dpi), sp.profile)
    assert rotation == 90
    regions = _back(regions, rotation, upright)
    names = [t for t in sp.truth if t.kind == "name" and t.owner == "applicant"]
    assert any(t.text.endswith("·艾") for t in names)
    for t in names:
        assert _covered(t, regions) >= 0.9, t


def _quad(x0, y0, x1, y1):
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)


def test_lines_only_the_turned_page_showed_are_kept_beside_the_upright_page_s():
    """`with_unseen`: a turned pass's line that the upright pass also found (in one piece or in
    two: the first then reaches the second, never over it) adds nothing; one the upright pass has
    nothing for is kept; the upright lines all stay."""
    from redaction.pipeline.propose import with_unseen

    upright = [_quad(100, 100, 600, 140), _quad(100, 200, 300, 240), _quad(320, 200, 600, 240)]
    turned = [_quad(102, 101, 560, 139), _quad(100, 200, 600, 240), _quad(100, 400, 500, 440),
              _quad(100, 300, 400, 340)]
    kept = with_unseen(upright, turned, (1000, 800))
    assert len(kept) == 5
    assert np.allclose(kept[0], upright[0]) and np.allclose(kept[2], upright[2])
    assert np.allclose(kept[1], _quad(100, 200, 320, 240))
    assert np.allclose(kept[3], turned[2]) and np.allclose(kept[4], turned[3])


def test_an_upright_line_cut_short_or_thin_gives_way_to_the_turned_pass_s():
    """dev, the Tencent letter (sideways): the upright pass's box of a sentence was 22 px thick
    where the turned pass's was 32 (the name in it left 0.75 covered), and its box of the name 王昊
    on its own ended before 昊's last strokes. A turned line lying along an upright one and holding
    it whole and thicker takes its place; one longer lengthens it along its own line — neither
    past the next line of the row; one shorter at an end (a piece lost) or a box over two lines
    changes nothing."""
    from redaction.pipeline.propose import with_unseen

    line = _quad(100, 105, 400, 127)
    kept = with_unseen([line], [_quad(95, 100, 460, 132)], (1000, 800))
    assert len(kept) == 1 and np.allclose(kept[0], _quad(95, 100, 460, 132))
    row = [line, _quad(430, 105, 600, 127)]
    kept = with_unseen(row, [_quad(100, 103, 470, 129)], (1000, 800))
    assert len(kept) == 2 and np.allclose(kept[0], _quad(100, 105, 430, 127)) and np.allclose(kept[1], row[1])
    kept = with_unseen([line], [_quad(100, 100, 340, 132)], (1000, 800))
    assert len(kept) == 1 and np.allclose(kept[0], line)
    two = [line, _quad(100, 135, 400, 157)]
    kept = with_unseen(two, [_quad(100, 103, 420, 159)], (1000, 800))
    assert len(kept) == 2 and all(np.allclose(k, t) for k, t in zip(kept, two, strict=True))
