"""A photocopied seal with a long ring text and the employer's name printed across it (synth3: 18–22
ring characters, 新疆维吾尔自治区地质矿产勘查开发局第二地质大队): its ring is found on the grey copy,
but the learned detector's band joins the ring text to the printed line and its own fit is no ring.
The seal is kept when the network marks text round the band inside the ring that was found and
none just outside it; a line printed across a bare ring is not ring text."""

from __future__ import annotations

import cv2
import pytest

from redaction.detect.sealdet import SealTextDetector, ring_text_shares
from redaction.detect.seals import RING_TEXT_OUTSIDE, RING_TEXT_ROUND, dpi_guesses, find_seals
from testkit.imaging import blank_page, draw_text, seal_layer, stamp

GREY = (90, 90, 90)
LONG = "新疆维吾尔自治区地质矿产勘查开发局第二地质大队"


@pytest.fixture(scope="module")
def detector():
    return SealTextDetector()


def _page(ring_text: bool):
    page = blank_page((1240, 1754))
    draw_text(page, LONG, (420, 860), 30)
    draw_text(page, "二〇二二年二月九日", (560, 910), 30)
    if ring_text:
        stamp(page, seal_layer(264, text=LONG, bottom=""), 700, 880, GREY, 0.8)
    else:
        cv2.circle(page, (700, 880), 132, GREY, 8)
    return page


@pytest.mark.parametrize("ring_text", [True, False])
def test_ring_text_runs_round_a_seal_and_not_round_a_bare_ring_over_a_printed_line(detector, ring_text):
    inside, outside = ring_text_shares(detector, _page(ring_text), (700, 880), 136, ((0.6, 0.95), (1.08, 1.2)))
    assert outside <= RING_TEXT_OUTSIDE
    assert (inside >= RING_TEXT_ROUND) == ring_text, inside


@pytest.mark.parametrize("seed, index", [(4, 62), (4, 78), (2, 11)])
def test_a_grey_long_ring_seal_under_a_printed_line_is_found(detector, seed, index):
    from bench.accuracy import _spec_pages
    from redaction.detect.ink import red_ink_mask
    from testkit.synth3 import make_page

    sp = _spec_pages([make_page(seed, index)])[0]
    img = sp.pixels
    seals = find_seals(img, dpi_guesses(sp.dpi, img.shape), red_mask=red_ink_mask(img), ring_reader=detector)
    for truth in (t for t in sp.truth if t.kind == "seal" and t.owner == "applicant"):
        x0, y0, x1, y1 = truth.bbox
        area = (x1 - x0) * (y1 - y0)
        on_it = [s for s in seals
                 if (min(s.bbox[2], x1) - max(s.bbox[0], x0)) * (min(s.bbox[3], y1) - max(s.bbox[1], y0)) >= 0.9 * area]
        assert on_it, (truth.bbox, [s.bbox for s in seals])
        assert all((s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]) <= 2 * area for s in on_it)
