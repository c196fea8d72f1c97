"""A seal stamped by a guilloche border on paper printed with a faint red ground pattern (dev round
14: a pink honour certificate): grown as seals are grouped, the pattern's specks join the border and
the seal into one blob over the whole page, though they are too little of the page's red ink (the
border is most of it) for the page to count as dotted paper. A page whose red ink makes one sheet
is looked at again without the specks."""

from __future__ import annotations

import cv2
import numpy as np

from redaction.detect.ink import red_ink_mask
from redaction.detect.seals import _max_pool2, _one_sheet, find_seals
from testkit.imaging import RED, blank_page, draw_text, seal_layer, stamp

BORDER_RED = (110, 120, 235)       # BGR: the border's printed red
GROUND_RED = (150, 140, 235)       # the ground pattern's lighter red
BAND = 150                         # px: the border's width at 200 dpi (~1.9 cm)


def _certificate(seal: bool) -> tuple[np.ndarray, tuple[int, int, int, int] | None]:
    page = blank_page()
    h, w = page.shape[:2]
    step = 36
    for y in range(step // 2, h, step):                 # small crosses ~4.5 mm apart all over
        for x in range(step // 2 + (step // 2 if (y // step) % 2 else 0), w, step):
            cv2.line(page, (x - 3, y), (x + 3, y), GROUND_RED, 2)
            cv2.line(page, (x, y - 3), (x, y + 3), GROUND_RED, 2)
    # the border: interlaced waves round the page, a band of dense fine lines
    for k in range(14):
        phase, off = k * 0.45, 10 + k * 10
        xs = np.arange(0, w)
        ys = np.arange(0, h)
        top = (off + 12 * np.sin(xs / 23.0 + phase)).astype(np.int32)
        left = (off + 12 * np.sin(ys / 23.0 + phase)).astype(np.int32)
        for pts in (np.stack([xs, top], 1), np.stack([xs, h - 1 - top], 1),
                    np.stack([left, ys], 1), np.stack([w - 1 - left, ys], 1)):
            cv2.polylines(page, [pts.reshape(-1, 1, 2)], False, BORDER_RED, 2)
    draw_text(page, "荣誉证书", (w // 2 - 200, 400), 100)
    draw_text(page, "在二〇二三年度工作中表现突出，特发此证。", (300, 900), 48)
    truth = None
    if seal:
        # stamped low on the right, its ring touching the border's band
        ink = seal_layer(330, text="沙角电厂设备部", seed=4)
        truth = stamp(page, ink, w - BAND - 420, h - BAND - 165 + 4, RED, 0.9)
    return page, truth


def _cover(box, truth) -> float:
    iw = min(box[2], truth[2]) - max(box[0], truth[0])
    ih = min(box[3], truth[3]) - max(box[1], truth[1])
    return iw * ih / ((truth[2] - truth[0]) * (truth[3] - truth[1])) if iw > 0 and ih > 0 else 0.0


def test_a_seal_by_a_border_on_paper_with_a_red_ground_pattern_is_found():
    page, truth = _certificate(seal=True)
    seals = find_seals(page, 200)
    assert truth is not None
    hits = [s for s in seals if _cover(s.bbox, truth) >= 0.9]
    assert hits, [s.bbox for s in seals]
    x0, y0, x1, y1 = hits[0].bbox
    assert (x1 - x0) * (y1 - y0) <= 2 * (truth[2] - truth[0]) * (truth[3] - truth[1])


def test_the_border_and_the_ground_pattern_alone_are_no_seal():
    page, _ = _certificate(seal=False)
    assert find_seals(page, 200) == []



def test_red_paper_is_no_sheet_of_specks():
    # A certificate printed red all over (dev: red-on-red, red-on-orange, red ink on 0.61 of the
    # page) grows into one sheet with or without its specks: looked at again without them, its
    # red ground gave one page-sized "seal" (11 and 28 times the seal's area). Only a page whose
    # paper is not red is looked at again.
    page = blank_page()
    page[:] = (70, 90, 225)
    draw_text(page, "奖状", (700, 400), 140, colour=(40, 200, 240))
    red = _max_pool2(red_ink_mask(page).astype(bool))
    assert not _one_sheet(red, 200.0)
    certificate, _ = _certificate(seal=False)
    assert _one_sheet(_max_pool2(red_ink_mask(certificate).astype(bool)), 200.0)
