"""Security paper printed all over with fine red wavy lines (a certificate's guilloche 底纹): the
lines join a seal stamped on them into one page-sized sheet of red ink and, to the outline tests,
make rings of any size. A page whose red ink is one sheet is searched again with strokes thinner
than a seal's ring taken out (`seals.GUILLOCHE_OPEN`)."""

from __future__ import annotations

import cv2
import numpy as np

from redaction.detect.seals import find_seals
from testkit.imaging import RED, blank_page, box_covered, draw_text, seal_layer, stamp

WAVE_RED = (90, 120, 225)      # BGR: orange-red print, as on the dev work-study certificate


def _guilloche_page(step: int = 14) -> np.ndarray:
    """An A4 page at 200 dpi printed all over with 2-px orange-red wavy lines `step` px apart."""
    page = blank_page()
    h, w = page.shape[:2]
    xs = np.arange(0, w, 4)
    for y in range(0, h + step, step):
        ys = y + 5 * np.sin(2 * np.pi * xs / 130.0 + y / 40.0)
        pts = np.stack([xs, ys], axis=1).round().astype(np.int32)
        cv2.polylines(page, [pts], False, WAVE_RED, 2, cv2.LINE_AA)
    return page


def test_a_seal_on_guilloche_paper_is_found_whole_and_snug():
    page = _guilloche_page()
    draw_text(page, "中南大学勤工助学指导中心", (520, 1480), 40)
    truth = stamp(page, seal_layer(320, text="中南大学勤工助学指导中心", seed=3), 900, 1500, RED, 0.9)
    seals = find_seals(page, 200)
    hits = [s for s in seals if box_covered(s.bbox, truth) >= 0.9]
    assert hits, ([s.bbox for s in seals], truth)
    x0, y0, x1, y1 = hits[0].bbox
    assert (x1 - x0) * (y1 - y0) <= 2 * (truth[2] - truth[0]) * (truth[3] - truth[1])


def test_guilloche_paper_alone_is_no_seal():
    page = _guilloche_page()
    draw_text(page, "中南大学勤工助学指导中心", (520, 1480), 40)
    assert find_seals(page, 200) == []
