"""Purple seal ink: a stamp pad whose red has gone violet (blue nearly up to its red, green far
under both; the spec of real attachments: "bright red to faded pink, sometimes purple-ish").
R − max(G, B) is then ~20, under the red rule's floor, and such a seal was missed whole (synth3
seed 7, 068: the employer's purple seal over its sign-off, a red one touching it below)."""

from __future__ import annotations

import numpy as np

from redaction.detect.ink import plain_red_ink
from redaction.detect.seals import dpi_guesses, find_seals
from testkit.imaging import box_covered

#: BGR of violet stamp-pad ink on white paper (the median of synth3 seed 7 068's purple seal).
VIOLET = (160, 108, 185)





def test_violet_seal_ink_is_seal_ink_and_black_or_blue_ink_is_not():
    swatch = np.array([[VIOLET, (60, 30, 200), (30, 30, 30), (200, 80, 40), (245, 245, 245)]], np.uint8)
    assert plain_red_ink(swatch).tolist() == [[True, True, False, False, False]]


def test_a_purple_seal_touching_a_red_one_on_an_appraisal_form_is_found(seal_reader):
    """synth3 seed 7, 068: the employer's purple seal over its sign-off, the reviewing bureau's red
    seal touching it below."""
    from testkit.synth3 import make_page

    page = make_page(7, 68)
    truth = [t.as_dict() for t in page.truth]
    purple, red = (t["bbox"] for t in truth if t["kind"] == "seal")
    seals = find_seals(page.pixels, dpi_guesses(page.dpi, page.pixels.shape), None, seal_reader)
    for part in (purple, red):
        found = [s.bbox for s in seals if box_covered(s.bbox, part) > 0.95]
        assert found, (part, seals)
        box = found[0]
        assert (box[2] - box[0]) * (box[3] - box[1]) < 2.0 * (part[2] - part[0]) * (part[3] - part[1])
