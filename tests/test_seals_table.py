"""A form ruled in red (a photographed appraisal table on pink paper) is no seal: at the scale where a
seal fills the frame, a ring fitted inside the table's border passed the ring test and the whole
table was masked as one oval seal (synth2 seed 1 page 019: 34.9× its seal's area)."""

from __future__ import annotations

import cv2
import numpy as np

from redaction.detect.ink import red_ink_mask
from redaction.detect.seals import _red_frame, dpi_guesses, find_seals
from testkit.imaging import seal_layer
from testkit.synth2.gen import make_page


def test_red_table_rules_are_not_a_seal_but_the_seal_in_them_is():
    page = make_page(1, 19)                 # appraisal form on pink paper, red rules, phone photo
    truth = next(t.bbox for t in page.truth if t.kind == "seal")
    area = (truth[2] - truth[0]) * (truth[3] - truth[1])
    seals = find_seals(page.pixels, dpi_guesses(page.dpi, page.pixels.shape), red_mask=red_ink_mask(page.pixels))
    assert any(s.bbox[0] <= truth[0] and s.bbox[1] <= truth[1] and s.bbox[2] >= truth[2] and s.bbox[3] >= truth[3]
               for s in seals), "the employer's seal in the table is found"
    for s in seals:
        box_area = (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1])
        assert box_area <= 2.0 * area, (s.bbox, truth)


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
