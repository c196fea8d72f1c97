"""A faded seal found by its bright side only (dev: three unit seals in a row over the issuers'
names, two of them pale; the outline tests fitted a narrow oval on the right third of each, and the
rest of the ring text stayed readable): the weak find grows into the whole ring when the page's
outermost red ink round it lies on one larger ellipse. A sound seal beside it is not taken in, and
a weak find in red text (no ring round it) stays as it was."""

from __future__ import annotations

import cv2
import numpy as np

from redaction.detect.seals import GROW_MAX_SCORE, SCALE, Seal, _grown_to_whole_rings, _inside, _max_pool2, _to_page

W, H = 1600, 1200


def _weak_find(cx: float, cy: float, a: float, b: float) -> Seal:
    """A find as the outline tests give it (half-resolution fit, made page-sized by `_to_page`)."""
    return _to_page(Seal((0, 0, 0, 0), "oval", GROW_MAX_SCORE - 0.12, (cx * SCALE, cy * SCALE),
                         (a * SCALE, b * SCALE), 0.0), W, H)


def _ring(mask: np.ndarray, cx: int, cy: int, r: int) -> tuple[int, int, int, int]:
    cv2.circle(mask, (cx, cy), r, 255, 9)
    cv2.putText(mask, "RING TEXT", (cx - r // 2, cy), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 5)   # inside the ring
    return (cx - r, cy - r, cx + r, cy + r)


def test_a_weak_find_on_one_side_of_a_faded_seal_grows_into_the_whole_ring():
    full = np.zeros((H, W), np.uint8)
    truth = _ring(full, 700, 600, 230)
    part = _weak_find(800, 600, 130, 220)            # the bright right side of the ring
    assert _inside(truth, part.bbox) < 0.7
    grown = _grown_to_whole_rings([part], _max_pool2(full > 0), W, H)
    assert len(grown) == 1 and grown[0].shape == "round"
    assert _inside(truth, grown[0].bbox) > 0.98
    # and not much more than the ring (8 % padding round it, as every find has)
    area = (grown[0].bbox[2] - grown[0].bbox[0]) * (grown[0].bbox[3] - grown[0].bbox[1])
    assert area < 1.5 * (truth[2] - truth[0]) * (truth[3] - truth[1])


def test_fragments_of_one_ring_become_one_seal():
    full = np.zeros((H, W), np.uint8)
    truth = _ring(full, 700, 600, 230)
    parts = [_weak_find(800, 600, 130, 220), _weak_find(720, 680, 200, 140)]
    grown = _grown_to_whole_rings(parts, _max_pool2(full > 0), W, H)
    assert len(grown) == 1 and _inside(truth, grown[0].bbox) > 0.98


def test_a_ring_that_would_take_in_a_sound_seal_is_not_taken():
    full = np.zeros((H, W), np.uint8)
    _ring(full, 700, 600, 230)
    # another's square name seal stamped inside the faded ring, found soundly on its own
    cv2.rectangle(full, (520, 560), (620, 660), 255, 8)
    sound = _to_page(Seal((0, 0, 0, 0), "square", 1.0, (570 * SCALE, 610 * SCALE), (50 * SCALE, 50 * SCALE), 0.0), W, H)
    weak = _weak_find(800, 600, 130, 220)
    assert _grown_to_whole_rings([sound, weak], _max_pool2(full > 0), W, H) == [sound, weak]


def test_a_weak_find_inside_a_sound_seal_is_left_as_it_was():
    full = np.zeros((H, W), np.uint8)
    _ring(full, 700, 600, 230)
    sound = _to_page(Seal((0, 0, 0, 0), "round", 1.0, (700 * SCALE, 600 * SCALE), (115.0, 115.0), 0.0), W, H)
    small = _weak_find(780, 520, 60, 60)
    assert _grown_to_whole_rings([sound, small], _max_pool2(full > 0), W, H) == [sound, small]


def test_a_weak_find_in_red_text_with_no_ring_round_it_stays_as_it_was():
    full = np.zeros((H, W), np.uint8)
    for i, word in enumerate(("RED TITLE", "LETTERHEAD", "HEADING")):
        cv2.putText(full, word, (300, 400 + 120 * i), cv2.FONT_HERSHEY_SIMPLEX, 4, 255, 14)
    weak = _weak_find(600, 500, 120, 110)
    assert _grown_to_whole_rings([weak], _max_pool2(full > 0), W, H) == [weak]
