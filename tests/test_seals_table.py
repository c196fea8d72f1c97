"""A form ruled in red (a photographed appraisal table on pink paper) is no seal: at the scale where a
seal fills the frame, a ring fitted inside the table's border passed the ring test and the whole
table was masked as one oval seal (synth2 seed 1 page 019: 34.9× its seal's area)."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from redaction.detect.ink import red_ink_mask
from redaction.detect.seals import _red_frame, _traced_by_lines, dpi_guesses, find_seals, fit_ring
from testkit.imaging import seal_layer
from testkit.synth2.gen import make_page


def test_red_table_rules_are_not_a_seal_but_the_seal_in_them_is():
    # Appraisal form on pink paper, red rules, phone photo; since stop 26 the reviewing authority's
    # seal is stamped overlapping the employer's in the table (a ring through the tilted rules round
    # both was a 13× "seal" box until `_traced_by_lines`).
    page = make_page(1, 19)
    truths = [t.bbox for t in page.truth if t.kind == "seal"]
    own = next(t.bbox for t in page.truth if t.kind == "seal" and t.owner == "applicant")
    seals = find_seals(page.pixels, dpi_guesses(page.dpi, page.pixels.shape), red_mask=red_ink_mask(page.pixels))
    assert any(s.bbox[0] <= own[0] and s.bbox[1] <= own[1] and s.bbox[2] >= own[2] and s.bbox[3] >= own[3]
               for s in seals), "the employer's seal in the table is found"
    for s in seals:
        box_area = (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1])
        truth = max(truths, key=lambda t: _overlap(s.bbox, t))
        assert box_area <= 2.0 * (truth[2] - truth[0]) * (truth[3] - truth[1]), (s.bbox, truth)


def _overlap(a, b):
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def test_a_ring_traced_by_tilted_rules_is_not_a_seal_but_a_seal_on_them_is():
    ink = np.zeros((400, 600), np.uint8)
    for y0 in (60, 200, 340):               # a table's rules, tilted 2 degrees as in a photo
        cv2.line(ink, (20, y0), (580, y0 + 20), 1, 3)
    for x0 in (30, 570):
        cv2.line(ink, (x0, 40), (x0 - 12, 380), 1, 3)
    table = ink.astype(bool)
    ring = fit_ring(table, (300, 210), 250)
    assert ring is not None and ring[3] >= 0.5     # the outline tests alone take it for a ring
    assert _traced_by_lines(table, ring[0], ring[1], ring[3])
    seal = ink.copy()
    cv2.circle(seal, (300, 210), 90, 1, 5)
    cv2.putText(seal, "AB", (250, 230), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 1, 3)
    ring = fit_ring(seal.astype(bool), (300, 210), 90)
    assert ring is not None and ring[3] >= 0.8
    assert not _traced_by_lines(seal.astype(bool), ring[0], ring[1], ring[3])


def test_a_ring_is_not_a_frame_but_an_empty_ruled_box_is():
    ring = np.zeros((300, 300), np.uint8)
    cv2.circle(ring, (150, 150), 110, 1, 6)
    assert not _red_frame(ring.astype(bool), (150, 150), 110)
    box = np.zeros((300, 300), np.uint8)
    cv2.rectangle(box, (30, 50), (270, 250), 1, 2)
    cv2.line(box, (30, 150), (270, 150), 1, 2)
    assert _red_frame(box.astype(bool), (150, 150), 120)
    # a square name seal's frame holds its characters: not an empty frame
    seal = (seal_layer(200, text="张三之印", shape="square") > 0.5)
    assert not _red_frame(seal, (seal.shape[1] / 2, seal.shape[0] / 2), seal.shape[0] / 2)


def test_the_whole_ring_wins_over_a_circle_inside_it():
    """The dev invoice (a 7-cm 发票专用章 photographed close): at 300 dpi the largest circle inside
    the oval rang best (0.87) and boxed 0.81 of it; the whole oval, found at the frame's scale
    (0.83), is kept instead. A ring round two seals (over twice the part's area) or one ringing
    clearly worse is not."""
    from redaction.detect.seals import Seal, _whole_ring

    part = Seal((1030, 2740, 1766, 3493), "round", 0.8667, (1398, 3116), (317, 324), 0.4)
    whole = Seal((777, 2735, 1851, 3515), "oval", 0.8333, (1314, 3125), (333, 464), 97.3)
    assert _whole_ring(part, [part, whole]) is whole
    two_seals = replace(whole, bbox=(500, 2600, 2200, 3600))
    assert _whole_ring(part, [part, two_seals]) is part
    worse = replace(whole, score=0.75)
    assert _whole_ring(part, [part, worse]) is part
    beside = replace(whole, bbox=(1900, 2735, 2974, 3515))
    assert _whole_ring(part, [part, beside]) is part
