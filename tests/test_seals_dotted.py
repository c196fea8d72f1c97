"""Security paper printed with a dust of fine red dots (a graduation certificate's 底纹): dilated,
the dots join a seal stamped on it into one page-sized blob, so the seal is looked for again with
the dots (components under `seals.SPECK_MM`) taken out."""

from __future__ import annotations

import cv2
import numpy as np

from redaction.detect.seals import find_seals
from testkit.imaging import RED, blank_page, draw_text, seal_layer, stamp

PATTERN_RED = (140, 130, 230)      # BGR: the paper's light red print


def _dotted_page(step: int = 36) -> np.ndarray:
    """An A4 page at 200 dpi printed all over with small red crosses (under 1 mm across, ~4.5 mm apart)."""
    page = blank_page()
    h, w = page.shape[:2]
    for y in range(step // 2, h, step):
        for x in range(step // 2 + (step // 2 if (y // step) % 2 else 0), w, step):
            cv2.line(page, (x - 3, y), (x + 3, y), PATTERN_RED, 2)
            cv2.line(page, (x, y - 3), (x, y + 3), PATTERN_RED, 2)
    return page


def _cover(box, truth) -> float:
    iw = min(box[2], truth[2]) - max(box[0], truth[0])
    ih = min(box[3], truth[3]) - max(box[1], truth[1])
    return max(0, iw) * max(0, ih) / ((truth[2] - truth[0]) * (truth[3] - truth[1])) if iw > 0 and ih > 0 else 0.0


def test_a_seal_on_dotted_red_paper_is_found():
    page = _dotted_page()
    draw_text(page, "准予毕业。", (300, 1200), 48)
    truth = stamp(page, seal_layer(320, text="莆田市涵江区梧塘九峰小学", seed=2), 900, 1500, RED, 0.9)
    seals = find_seals(page, 200)
    assert any(_cover(s.bbox, truth) >= 0.9 for s in seals), [s.bbox for s in seals]
    # One box, on the seal, no larger than twice its area.
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0].bbox
    assert (x1 - x0) * (y1 - y0) <= 2 * (truth[2] - truth[0]) * (truth[3] - truth[1])


def test_dotted_red_paper_alone_is_no_seal():
    page = _dotted_page()
    draw_text(page, "准予毕业。", (300, 1200), 48)
    assert find_seals(page, 200) == []
