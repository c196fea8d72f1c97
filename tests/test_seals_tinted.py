"""Faded seals on tinted paper: a pale pink seal on light blue paper has no R − max(G, B) left; the
red-ink rule on the page divided by its paper's colour finds it, the learned detector confirms."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redaction.detect.ink import red_ink_mask
from redaction.detect.seals import find_seals
from testkit.imaging import draw_text, seal_layer, stamp

DPI = 200


# --- faded seals on tinted paper (need the learned ring-text detector) ---------------------------

BLUE_PAPER = (240, 207, 191)    # BGR: a light blue certificate
PALE_PINK = (217, 217, 255)     # ink that leaves R and takes 15 % of G and B: no R − max(G, B) on blue


@pytest.fixture(scope="module")
def reader():
    from redaction.detect.sealdet import SealTextDetector

    return SealTextDetector()


def _blue_page(width: int = 1200, height: int = 900) -> np.ndarray:
    page = np.zeros((height, width, 3), np.uint8)
    page[:] = BLUE_PAPER
    for i in range(6):
        draw_text(page, "兹证明该同志在本单位工作期间表现良好，特此证明。", (80, 120 + 110 * i), 40)
    return page


def test_pale_seal_on_blue_paper_is_found_against_its_paper(reader):
    page = _blue_page()
    truth = stamp(page, seal_layer(330), 600, 500, PALE_PINK, 1.0)
    assert red_ink_mask(page)[truth[1]:truth[3], truth[0]:truth[2]].mean() < 0.001
    seals = find_seals(page, DPI, ring_reader=reader)
    assert len(seals) == 1, [s.bbox for s in seals]
    x0, y0, x1, y1 = seals[0].bbox
    assert x0 <= truth[0] and y0 <= truth[1] and x1 >= truth[2] and y1 >= truth[3]
    assert (x1 - x0) * (y1 - y0) <= 1.6 * (truth[2] - truth[0]) * (truth[3] - truth[1])


def test_red_photo_background_on_blue_paper_is_not_a_seal(reader):
    """An ID photo on a red background: the background round the face rings it, in strong red
    alone and against the paper; no ring text is there."""
    page = _blue_page()
    cv2.rectangle(page, (700, 150), (960, 480), (40, 40, 200), -1)
    cv2.ellipse(page, (830, 330), (80, 110), 0, 0, 360, (150, 170, 220), -1)   # the face, skin
    cv2.rectangle(page, (720, 400), (940, 480), (230, 230, 230), -1)            # a white shirt
    assert find_seals(page, DPI, ring_reader=reader) == []
