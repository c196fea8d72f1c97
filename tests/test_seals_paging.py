"""A paging seal (骑缝章) stamped across the edge of a multi-page report: the page holds a third of
its disc or less (dev: a test report's cover, 153 of 438 px across). The outline tests see an arc,
the learned detector a thick crescent no ellipse holds; the ring line's crisp outer edge gives the
circle, and ring text round the part on the page confirms it. A bare red arc cut by the edge (no
ring text) is no seal."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redaction.detect.seals import dpi_guesses, find_seals
from testkit.imaging import RED, blank_page, box_covered, draw_text, seal_layer, stamp

W, H, D, CY = 1654, 2339, 472, 1200



def _report_page(shown: float, ring_text: bool) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A page of running text whose right edge cuts a seal `shown` of its diameter onto the page."""
    wide = blank_page((W + 600, H))
    for i in range(30):
        draw_text(wide, "本报告共十二页，每页加盖骑缝章，复印无效。", (150, 150 + 70 * i), 34)
    cx = W - int(shown * D) + D // 2
    if ring_text:
        stamp(wide, seal_layer(D, text="阿克苏地区生态环境局", bottom="检验专用章"), cx, CY, RED, 0.9)
    else:
        cv2.circle(wide, (cx, CY), D // 2 - 6, (60, 60, 220), 10)
    return np.ascontiguousarray(wide[:, :W]), (cx - D // 2, CY - D // 2, W, CY + D // 2)




@pytest.mark.parametrize("shown", [0.25, 0.3, 0.35])
def test_a_paging_seal_cut_by_the_page_edge_is_found_whole(seal_reader, shown):
    page, part = _report_page(shown, ring_text=True)
    seals = find_seals(page, dpi_guesses(None, page.shape), None, seal_reader)
    assert len(seals) == 1, seals
    box = seals[0].bbox
    assert box[2] == W and box_covered(box, part) > 0.98
    # the box is the seal's on-page part and its padding, not more
    assert (box[2] - box[0]) * (box[3] - box[1]) < 2.0 * (part[2] - part[0]) * (part[3] - part[1])


@pytest.mark.parametrize("shown", [0.3, 0.35])
def test_a_bare_red_arc_cut_by_the_edge_is_no_seal(seal_reader, shown):
    page, _ = _report_page(shown, ring_text=False)
    assert find_seals(page, dpi_guesses(None, page.shape), None, seal_reader) == []


# A sliver: a page of a thick bundle holds a tenth or a fifth of the paging seal's disc. The
# outline tests and the learned detector see too little of the ring; its ring line and the cut
# characters inside it are still the employer's seal (`seals._edge_slivers`).

def _turned(page: np.ndarray, side: str) -> np.ndarray:
    """The page turned so that its right side becomes `side`."""
    k = {"right": 0, "top": 1, "left": 2, "bottom": 3}[side]
    return np.ascontiguousarray(np.rot90(page, k))


def _ink_box(page: np.ndarray) -> tuple[int, int, int, int]:
    """The red ink's bounding box on a page (black text is not red)."""
    b, g, r = (page[:, :, i].astype(int) for i in range(3))
    ys, xs = np.nonzero((r - np.maximum(g, b)) > 60)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


@pytest.mark.parametrize(("side", "shown", "dpi"), [
    ("right", 0.1, None), ("left", 0.2, None), ("top", 0.15, None), ("bottom", 0.1, None),
    ("right", 0.2, 200), ("bottom", 0.15, 200)])
def test_a_sliver_of_a_paging_seal_at_any_side_is_masked(seal_reader, side, shown, dpi):
    page = _turned(_report_page(shown, ring_text=True)[0], side)
    part = _ink_box(page)
    seals = find_seals(page, dpi_guesses(dpi, page.shape), None, seal_reader)
    assert len(seals) == 1, seals
    box = seals[0].bbox
    assert box_covered(box, part) > 0.98
    assert (box[2] - box[0]) * (box[3] - box[1]) < 1.6 * (part[2] - part[0]) * (part[3] - part[1])


@pytest.mark.parametrize("side", ["right", "bottom"])
@pytest.mark.parametrize("shown", [0.1, 0.2])
def test_a_bare_red_sliver_of_arc_is_no_seal(seal_reader, side, shown):
    page = _turned(_report_page(shown, ring_text=False)[0], side)
    assert find_seals(page, dpi_guesses(None, page.shape), None, seal_reader) == []


def test_red_title_characters_and_a_rule_at_the_edge_are_no_sliver(seal_reader):
    """A red heading whose last characters the image's side cuts, and a red rule along the side:
    the characters' left edges are no arc of a seal-sized circle, the rule is straight."""
    wide = blank_page((W + 300, H))
    for i in range(30):
        draw_text(wide, "本报告共十二页，每页加盖骑缝章，复印无效。", (150, 300 + 70 * i), 34)
    draw_text(wide, "（关于专业技术职务任职资格评审的通知）", (900, 120), 64, colour=RED)
    page = np.ascontiguousarray(wide[:, :W])
    cv2.line(page, (W - 4, 400), (W - 4, 2000), RED, 6)
    assert find_seals(page, dpi_guesses(None, page.shape), None, seal_reader) == []

