"""A red seal inked on one side only (the stamp rocked as it was pressed): its inked half carries
the ring text and the star, the other half next to nothing. The outline tests fit a narrow oval
round the inked half (synth3 seed 7, 014: 72 × 166 px over a 125-px seal); a seal is round or a
4:3 oval, so such a find is completed to the circle its outer arc lies on
(`seals._completed_half_rings`): the whole seal covered, as the platform asks. Inked on one side
so little that no oval was fitted (a blob too thin for a seal), the seal is the circle its ring
line's outer edge lies on when ring text runs round the inked side (`seals._half_inked_red`),
and so is a blob dense enough for a candidate in which the learned detector saw no ring; so too
when the learned detector saw a ring there that the ink did not confirm
(`seals._half_inked_round`)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redaction.detect.seals import dpi_guesses, find_seals
from testkit.imaging import RED, blank_page, box_covered, draw_text, seal_layer, stamp

W, H, D = 1654, 2339, 330
CX, CY = 1100, 1500


def _covering(page, truth, seal_reader) -> tuple[float, float, float, float]:
    """The seal box found on a generated page that covers most of `truth`."""
    seals = find_seals(page.pixels, dpi_guesses(page.dpi, page.pixels.shape), None, seal_reader)
    return max((s.bbox for s in seals), key=lambda b: box_covered(b, truth))


def _area(box) -> float:
    return float((box[2] - box[0]) * (box[3] - box[1]))


@pytest.mark.parametrize(("seed", "index"), [(7, 14), (7, 24), (8, 24), (10, 73), (12, 8), (29, 5), (37, 30)])
def test_a_red_seal_inked_on_one_side_is_covered_whole(seal_reader, seed, index):
    """synth3 seed 7: 014 inked on its left half (72 x 166 px oval fitted), 024 on its right half
    (73 x 117), each over the unit's sign-off on an appraisal form. Seed 8, 024: inked on its
    left half, stamped across the form's red title; its ring line is broken by the title and the
    print under it, and the learned detector's ring round the inked side's text is a 250 x 430 px
    oval off the 300-px seal's centre, which the ink did not confirm (`seals._half_inked_round`:
    missed whole before, covered 0.39 by the name's box). Seed 10, 073: a grey copy's seal inked
    on its lower part, fitted 1.51:1, its arc 218° (covered 0.78 while grey finds were completed
    from 1.55:1 only). Seed 12, 008: inked on its right, its left ring text faint, the learned
    detector's ring text round 0.97 of it: boxed to its ink, it covered 0.89 of the disc. Seed 29,
005: a letter's seal inked on its left half on pink paper, the employer's name and the date
printed in it: a blob dense enough for a candidate of its own, in which the network saw no ring
(missed, 0.14 covered by the name's box); its ring line gives the circle as a thin arc's does.
Seed 37, 030: inked on its left and bottom over the employer's printed name on a form, its ring
line crossing two red rules: no red candidate of its own, only a Hough circle on the dark ink in
which the network saw ring text the ink did not confirm (missed, 0.18 covered by the name's box)."""
    from testkit.synth3 import make_page

    page = make_page(seed, index)
    truth = [t.as_dict()["bbox"] for t in page.truth
             if t.kind == "seal" and "incomplete" in t.as_dict()["tags"]]
    assert truth
    for whole in truth:
        box = _covering(page, whole, seal_reader)
        assert box_covered(box, whole) > 0.95
        assert _area(box) < 2.0 * _area(whole)


@pytest.mark.parametrize("aspect", [0.75, 2 / 3])
def test_an_invoices_oval_seal_stays_an_oval(seal_reader, aspect):
    """A whole 4:3 oval (发票专用章, 40 x 30 mm) is no half of a round seal, nor is an older
    45 x 30 mm one."""
    page = blank_page((W, H))
    stamp(page, seal_layer(D, text="乌鲁木齐市某某科技有限公司", bottom="发票专用章", shape="oval", aspect=aspect),
          CX, CY, RED, 0.9)
    seals = find_seals(page, dpi_guesses(200, page.shape), None, seal_reader)
    assert len(seals) == 1 and seals[0].shape == "oval", seals
    x0, y0, x1, y1 = seals[0].bbox
    assert (x1 - x0) > 1.2 * (y1 - y0)


def _signoff(inked_to: float, ring_text: bool = True) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A sign-off on black print with the employer's seal inked on its right side only: full
    strength right of `inked_to` × D/5 from its middle, none a fifth of D left of that."""
    page = blank_page((W, H))
    for i in range(16):
        draw_text(page, "该同志工作认真负责，业务能力强，同意推荐申报中级职称。", (150, 200 + 70 * i), 34)
    draw_text(page, "（单位盖章）", (1000, 1460), 36)
    draw_text(page, "2019年1月9日", (990, 1520), 36)
    if ring_text:
        ink = seal_layer(D, text="乌鲁木齐市第十一中学", bottom="人事专用章")
    else:
        ink = np.zeros((D + 2, D + 2), np.float32)
        cv2.circle(ink, (D // 2 + 1, D // 2 + 1), D // 2 - 6, 1.0, 10)
    xs = np.arange(ink.shape[1])[None, :] - ink.shape[1] / 2
    stamp(page, ink * np.clip(inked_to + xs / (0.2 * D), 0, 1), CX, CY, RED, 0.9)
    return page, (CX - D // 2, CY - D // 2, CX + D // 2, CY + D // 2)


@pytest.mark.parametrize(("inked_to", "dpi"), [(-0.3, 200), (-0.1, None), (0.1, 200)])
def test_a_red_seal_inked_on_its_right_side_only_is_found_whole(seal_reader, inked_to, dpi):
    """The inked side's ring line is one long arc and its ring text runs round it; nothing else
    settled such a seal (`seals._half_inked_red`): missed whole before."""
    page, whole = _signoff(inked_to)
    seals = find_seals(page, dpi_guesses(dpi, page.shape), None, seal_reader)
    assert len(seals) == 1, seals
    box = seals[0].bbox
    assert box_covered(box, whole) > 0.95
    assert (box[2] - box[0]) * (box[3] - box[1]) < 2.0 * D * D


def test_a_bare_red_half_ring_is_no_seal(seal_reader):
    page, _ = _signoff(-0.1, ring_text=False)
    assert find_seals(page, dpi_guesses(200, page.shape), None, seal_reader) == []


def test_a_tilted_whole_oval_is_not_completed_to_a_circle(seal_reader):
    """synth3 seed 7, 070: a long-ring 人事专用章 oval turned 45 degrees; the best circle through its
    outline runs through the two ends of its long axis (two arcs, not one), and the oval's box stays
    the oval's (a circle there was 2.2 times its area)."""
    from testkit.synth3 import make_page

    page = make_page(7, 70)
    oval = next(t.as_dict()["bbox"] for t in page.truth if t.kind == "seal" and "oval" in t.as_dict()["tags"])
    box = _covering(page, oval, seal_reader)
    assert box_covered(box, oval) > 0.9
    assert _area(box) < 2.0 * _area(oval)


@pytest.mark.parametrize(("seed", "index"), [(11, 75), (13, 71)])
def test_a_seal_inked_on_its_lower_part_is_covered_whole(seal_reader, seed, index):
    """synth2 seed 11, 075: an appraisal form's seal inked on its lower two thirds, fitted as a
    1.5:1 oval over the inked part (282 x 424 px over a 449-px seal: covered 0.73), is completed
    to its circle (`HALF_RING_ASPECT` 1.55 → 1.4; a whole 1.5:1 oval stays one, above). Seed 13,
    071: inked on less than its lower half, the inked chord 0.87 of the diameter: its circle is
    1.15 times the oval's longer semi-axis (`HALF_RING_REACH` 1.1 → 1.25; covered 0.73 before)."""
    from testkit.synth2 import make_page

    page = make_page(seed, index)
    whole = next(t.as_dict()["bbox"] for t in page.truth
                 if t.kind == "seal" and "incomplete" in t.as_dict()["tags"])
    box = _covering(page, whole, seal_reader)
    assert box_covered(box, whole) > 0.95
    assert _area(box) < 2.0 * _area(whole)


def test_a_red_oval_inked_in_part_seen_at_the_first_look_only_is_found(seal_reader):
    """synth5 seed 2, 024: a letter's red oval seal (…林业和草原局, long ring text) uninked on its
    upper left, over 单位（盖章） and the date: its candidate box held the oval's right part, the
    learned detector saw the ring text round it, and the look round that ring saw only the number
    in it — no seal found, nothing covered. The first look's ring, confirmed on the ink, is it."""
    from testkit.synth5 import make_page

    page = make_page(2, 24)
    whole = next(t.as_dict()["bbox"] for t in page.truth if t.kind == "seal")
    box = _covering(page, whole, seal_reader)
    assert box_covered(box, whole) > 0.9
    assert _area(box) < 2.0 * _area(whole)


def test_a_photocopied_oval_inked_on_one_side_is_not_made_a_circle(seal_reader):
    """synth3 seed 10, 041: a 4:3 oval seal on a grey copy inked on one side, fitted as a 1.49:1
    oval; completed as a find 1.4:1 and narrower may be, its circle covered 2.2 times the
    seal: the arc its outer ink rings on that circle spans 144°, a seal inked on one side 198–218°
    (`HALF_RING_MIN_SPAN` 140° → 170°)."""
    from testkit.synth3 import make_page

    page = make_page(10, 41)
    oval = next(t.as_dict()["bbox"] for t in page.truth if t.kind == "seal" and "oval" in t.as_dict()["tags"])
    box = _covering(page, oval, seal_reader)
    assert box_covered(box, oval) > 0.5
    assert _area(box) < 2.0 * _area(oval)


def test_a_seal_inked_on_one_side_found_in_two_pieces_is_covered_whole(seal_reader):
    """synth2 seed 36, 015: a letter's seal inked round its upper and left sides, the printed
    sign-off across it breaking its ring line in two; each piece was fitted as an oval of its own
    (339 x 222 and 288 x 361 px over a 450-px seal, together 0.77 of it), and neither could be
    completed alone, each holding the other (`seals._joined_half_rings`)."""
    from testkit.synth2 import make_page

    page = make_page(36, 15)
    whole = next(t.as_dict()["bbox"] for t in page.truth if t.kind == "seal" and "incomplete" in t.as_dict()["tags"])
    box = _covering(page, whole, seal_reader)
    assert box_covered(box, whole) > 0.95
    assert _area(box) < 2.0 * _area(whole)
