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


# --- a phone photo of a notice on pink paper --------------------------------------------------------

PINK_PAPER = (184, 172, 209)    # BGR: R − max(G, B) 25, at the red-ink rule's floor


def _pink_notice(width: int = 1600, height: int = 1200) -> np.ndarray:
    page = np.zeros((height, width, 3), np.uint8)
    page[:] = PINK_PAPER
    # Lit unevenly: the left side a little redder, as the dev photo's is.
    ramp = np.linspace(8, 0, width, dtype=np.float32)[None, :]
    page[:, :, 2] = np.clip(page[:, :, 2] + ramp, 0, 255).astype(np.uint8)
    page[:, :, 1] = np.clip(page[:, :, 1] - ramp, 0, 255).astype(np.uint8)
    # A phone's noise and blotchy light: the paper's redness scatters round the rule's floor.
    rng = np.random.default_rng(7)
    blotches = cv2.resize(rng.normal(0, 6, (12, 16)).astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)
    noise = rng.normal(0, 4, (height, width)).astype(np.float32) + blotches
    page[:, :, 2] = np.clip(page[:, :, 2] + noise, 0, 255).astype(np.uint8)
    page[:, :, 1] = np.clip(page[:, :, 1] - noise / 2, 0, 255).astype(np.uint8)
    for i in range(8):
        draw_text(page, "经本人申请、学院评定委员会评议，现将院级学生奖励名单进行公示。", (60, 120 + 110 * i), 36)
    for x in range(60, 1500, 180):
        cv2.line(page, (x, 500), (x, 1150), (60, 60, 60), 2)     # the list's table
    return page


def test_red_ink_on_pink_paper_is_counted_against_the_paper_and_its_seal_found_whole(reader):
    """dev-notice-phone-pink-award-list: half the pink page passed the red-ink rule, and a
    ring 1.6k px across was fitted over the table; the notice's own seal was not found."""
    from redaction.detect.ink import plain_red_ink
    from redaction.pipeline.propose import find_page_seals

    page = _pink_notice()
    truth = stamp(page, seal_layer(420), 1250, 330, (70, 50, 205), 0.85)
    assert plain_red_ink(page).mean() > 0.3                      # the paper passes the plain rule
    mask = red_ink_mask(page)
    assert mask.mean() < 0.05
    assert mask[truth[1]:truth[3], truth[0]:truth[2]].mean() > 0.05     # the seal's ink stays
    seals = find_page_seals(page, None, red_ink_mask(page), reader)     # no dpi: every size, the frame's too
    assert len(seals) == 1, [s.bbox for s in seals]
    x0, y0, x1, y1 = seals[0].bbox
    assert x0 <= truth[0] and y0 <= truth[1] and x1 >= truth[2] and y1 >= truth[3]
    assert (x1 - x0) * (y1 - y0) <= 2.0 * (truth[2] - truth[0]) * (truth[3] - truth[1])


def test_white_paper_in_a_red_frame_and_an_orange_certificate_keep_the_plain_rule():
    from redaction.detect.ink import plain_red_ink

    framed = np.full((900, 1200, 3), 235, np.uint8)
    cv2.rectangle(framed, (0, 0), (1199, 899), (40, 40, 200), 200)        # a red frame, 60 % of it
    orange = np.zeros((900, 1200, 3), np.uint8)
    orange[:] = (90, 165, 195)                                              # green over blue
    cv2.rectangle(orange, (0, 0), (1199, 899), (40, 40, 210), 120)
    for page in (framed, orange):
        assert plain_red_ink(page).mean() > 0.3
        assert np.array_equal(red_ink_mask(page), plain_red_ink(page))
