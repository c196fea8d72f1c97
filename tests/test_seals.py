"""Red seal detection on synthetic 200-dpi A4 pages: realistic seals found whole, red titles, red
letterheads and rouged faces never taken for seals."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redaction.detect.ink import red_ink_mask
from redaction.detect.seals import Seal, find_seals, fit_ring, refit_outline, ring_maps, unwarp_ring
from testkit.imaging import (
    PINK,
    RED,
    astronaut_bgr,
    honour_certificate,
    letterhead_page,
    paste_photo,
    photocopy,
    rouged_portrait,
    seal_layer,
    stamp,
    text_page,
)

DPI = 200


def _covers(seal: Seal, truth) -> bool:
    x0, y0, x1, y1 = seal.bbox
    return x0 <= truth[0] and y0 <= truth[1] and x1 >= truth[2] and y1 >= truth[3]


def _snug(seal: Seal, truth, limit: float = 1.6) -> bool:
    """Not absurdly larger than the disc (8 % padding each side gives ~1.35× the area)."""
    area = (seal.bbox[2] - seal.bbox[0]) * (seal.bbox[3] - seal.bbox[1])
    return area <= limit * (truth[2] - truth[0]) * (truth[3] - truth[1])


def _one(page, truth, shape=None, colour="red"):
    seals = find_seals(page, DPI)
    assert len(seals) == 1, seals
    s = seals[0]
    assert _covers(s, truth), (s.bbox, truth)
    assert _snug(s, truth), (s.bbox, truth)
    assert s.colour == colour
    if shape:
        assert s.shape == shape
    return s


# --- seals that must be found ----------------------------------------------------------------------

@pytest.mark.parametrize("angle", [0, 35, 140, 250])
def test_round_seal_over_black_text(angle):
    page = text_page()
    truth = stamp(page, seal_layer(330), 1150, 1400, RED, 0.9, angle=angle)  # 4.2 cm at 200 dpi
    s = _one(page, truth, "round")
    assert s.score >= 0.9
    assert abs(s.center[0] - 1150) < 6 and abs(s.center[1] - 1400) < 6
    assert 160 <= s.axes[0] <= 175 and 160 <= s.axes[1] <= 175


@pytest.mark.parametrize("seed", range(6))
def test_faded_and_worn_pink_seals(seed):
    page = text_page(seed=seed)
    wear, strength = [(0.3, 0.6), (0.5, 0.5), (0.4, 0.45)][seed % 3]
    truth = stamp(page, seal_layer(330, seed=seed, wear=wear), 600 + 60 * seed, 800 + 150 * seed, PINK,
                  strength, angle=47 * seed)
    s = _one(page, truth, "round")
    assert 0.5 < s.score <= 1.0


def test_oval_seal():
    page = text_page()
    ink = seal_layer(380, shape="oval", aspect=0.66, text="新疆维吾尔自治区人力资源和社会保障厅")
    truth = stamp(page, ink, 600, 1800, RED, 0.85, angle=10)
    s = _one(page, truth, "oval")
    assert max(s.axes) / min(s.axes) > 1.3


def test_square_name_seal():
    page = text_page()
    truth = stamp(page, seal_layer(150, text="王建国", shape="square"), 1300, 2050, RED, 0.9)
    _one(page, truth, "square")


def test_small_and_large_round_seals():
    """Seal sizes in use: 3.8 cm (300 px) to 5 cm, plus a 2.5-cm round name seal."""
    page = text_page()
    truths = [stamp(page, seal_layer(300, seed=1), 450, 600, RED, 0.9),
              stamp(page, seal_layer(395, seed=2, text="阿克苏地区第一人民医院"), 1150, 1200, RED, 0.85),
              stamp(page, seal_layer(197, seed=3, text="财务专用章", bottom=""), 500, 1900, RED, 0.9)]
    seals = find_seals(page, DPI)
    assert len(seals) == 3
    for t in truths:
        assert sum(_covers(s, t) for s in seals) == 1


def test_two_seals_side_by_side_are_both_kept():
    """Two parties' seals at the same height (a contract) are not a row of title characters."""
    page = text_page()
    a = stamp(page, seal_layer(330, seed=1), 450, 1800, RED, 0.9)
    b = stamp(page, seal_layer(330, seed=2, text="新疆塔里木大学"), 1150, 1800, RED, 0.9, angle=20)
    seals = find_seals(page, DPI)
    assert len(seals) == 2
    assert all(any(_covers(s, t) for s in seals) for t in (a, b))


@pytest.mark.parametrize("shift", [(10, 320), (300, 40)])
def test_touching_seals_are_split(shift):
    """Appraisal forms stack the unit's and the reviewer's seals so that they touch: one red blob
    too long for a seal, which must still give two seals."""
    page = text_page()
    a = stamp(page, seal_layer(330, seed=1), 800, 1300, RED, 0.9)
    b = stamp(page, seal_layer(330, seed=2, text="新疆维吾尔自治区人力资源和社会保障厅"),
              800 + shift[0], 1300 + shift[1], PINK, 0.7, angle=25)
    seals = find_seals(page, DPI)
    assert len(seals) == 2
    for t in (a, b):
        assert sum(_covers(s, t) for s in seals) == 1


def test_seal_at_300_dpi():
    page = cv2.resize(text_page(), None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC)
    truth = stamp(page, seal_layer(495), 1500, 2000, RED, 0.9)
    seals = find_seals(page, 300)
    assert len(seals) == 1 and _covers(seals[0], truth)
    # The same seal read as 600 dpi is 2.1 cm across: still a seal (name seals start at 1.3 cm)...
    assert len(find_seals(page, 600)) == 1
    # ...but at 1200 dpi it would be 1 cm, too small for any seal.
    assert find_seals(page, 1200) == []


def test_red_mask_from_caller_gives_the_same_result():
    page = text_page()
    stamp(page, seal_layer(330), 900, 1000, RED, 0.9)
    stamp(page, seal_layer(330, seed=4, wear=0.4), 700, 1800, PINK, 0.55)
    assert find_seals(page, DPI) == find_seals(page, DPI, red_mask=red_ink_mask(page))


def test_seal_bbox_clipped_at_page_edge():
    page = text_page()
    stamp(page, seal_layer(330), 200, 2150, RED, 0.9)
    h, w = page.shape[:2]
    seals = find_seals(page, DPI)
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0].bbox
    assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h


# --- red things that are not seals ----------------------------------------------------------------

def test_red_letterhead_is_not_a_seal():
    assert find_seals(letterhead_page(), DPI) == []
    assert find_seals(letterhead_page("新疆维吾尔自治区人力资源和社会保障厅", 80), DPI) == []


def test_letterhead_with_its_seal_keeps_only_the_seal():
    page = letterhead_page()
    truth = stamp(page, seal_layer(330), 1200, 1900, RED, 0.9, angle=15)
    _one(page, truth, "round")


@pytest.mark.parametrize("size,spacing", [(120, 0.0), (150, 0.5), (200, 1.0), (160, 2.0)])
def test_red_honour_title_is_not_a_seal(size, spacing):
    """荣誉证书 in red: each character is seal-sized, and 誉 even looks round to a loose test."""
    page = honour_certificate(size=size, spacing=spacing)
    assert find_seals(page, DPI) == []


def test_honour_certificate_with_issuer_seal():
    page = honour_certificate()
    truth = stamp(page, seal_layer(330, text="阿克苏地区教育局"), 1100, 1300, RED, 0.9)
    _one(page, truth, "round")


@pytest.mark.parametrize("height", [250, 400])
def test_rouged_face_photo_is_not_a_seal(height):
    page = text_page()
    photo, eyes = rouged_portrait()
    paste_photo(page, photo, eyes, 1100, 300, height)
    assert find_seals(page, DPI) == []


def test_colour_photo_and_red_underlines_are_not_seals():
    page = text_page()
    page[1200:1712, 900:1412] = astronaut_bgr()  # red flag patch, red-brown tones
    cv2.line(page, (150, 600), (900, 600), (30, 30, 220), 4)
    cv2.rectangle(page, (150, 800), (700, 860), (30, 30, 220), 3)  # a red box around a line of text
    assert find_seals(page, DPI) == []


def test_text_page_has_no_seals():
    assert find_seals(text_page(seed=5), DPI) == []


# --- grey photocopies -----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_photocopied_round_seal_found_with_low_confidence(seed):
    page = text_page(seed=seed)
    truth = stamp(page, seal_layer(330, seed=seed), 600 + 100 * seed, 900 + 200 * seed, RED, 0.9, angle=40 * seed)
    s = _one(photocopy(page, seed), truth, "round", colour="gray")
    assert s.score < 0.5


@pytest.mark.parametrize("seed", range(3))
def test_photocopied_text_and_photos_have_no_seals(seed):
    page = text_page(seed=seed)
    photo, eyes = rouged_portrait()
    paste_photo(page, photo, eyes, 1100, 300, 300)
    assert find_seals(photocopy(page, seed), DPI) == []


def test_grey_search_only_on_colourless_pages():
    """A colour page without seals does not fall back to the (false-alarm prone) grey search."""
    page = text_page()
    truth = stamp(page, seal_layer(330), 900, 1000, (60, 60, 60), 0.9)  # a black 'seal' ring
    page[100:200, 100:400] = (40, 180, 40)                                # some colour on the page
    assert find_seals(page, DPI) == []
    # The same page photocopied: now the grey search runs and finds the ring, with low confidence.
    grey = find_seals(photocopy(page), DPI)
    assert len(grey) == 1 and grey[0].colour == "gray" and _covers(grey[0], truth)


# --- geometry helpers -----------------------------------------------------------------------------

def test_fit_ring_on_a_drawn_ellipse():
    mask = np.zeros((300, 400), np.uint8)
    cv2.ellipse(mask, (200, 150), (120, 80), 30, 0, 360, 1, 3)
    (cx, cy), (a, b), angle, ring = fit_ring(mask.astype(bool), (205, 145), 120)
    assert abs(cx - 200) < 2 and abs(cy - 150) < 2
    assert sorted([a, b]) == pytest.approx([80, 120], abs=3)
    assert ring > 0.95


# --- ring text ------------------------------------------------------------------------------------

def _seal_page(angle=70):
    page = text_page()
    stamp(page, seal_layer(330), 800, 1200, RED, 0.9, angle=angle)
    return page, find_seals(page, DPI)[0]


def test_unwarp_ring_strip_shape_and_ink():
    page, seal = _seal_page()
    strip = unwarp_ring(page, seal)
    r = max(seal.axes)
    h, w = strip.shape[:2]
    assert strip.ndim == 3 and strip.dtype == np.uint8
    assert abs(h - 0.45 * r) <= 2
    assert abs(w - 2 * round(2 * np.pi * 0.75 * r)) <= 2
    ink = strip[:, :, 0] < 128
    assert 0.05 < ink.mean() < 0.5            # ring text, not blank and not solid
    # Two identical turns side by side; black body text under the seal is gone (red ink only).
    left, right = strip[:, : w // 2], strip[:, w // 2: w // 2 * 2]
    assert np.mean(np.abs(left.astype(int) - right.astype(int))) < 3


def test_unwarp_ring_reads_the_organisation_with_ocr():
    pytest.importorskip("rapidocr_onnxruntime")
    from redaction.ocr.registry import get_engine

    page, seal = _seal_page(angle=200)  # text crossing the strip's start: the second turn keeps it whole
    text = "".join(line.text for line in get_engine().read(unwarp_ring(page, seal)))
    assert "阿克苏地区生态环境局" in text


def _ring_row(ink, seal):
    """Per column of the unrolled ring, the row of its strongest ink near the outline."""
    mx, my = ring_maps(seal, (-0.3, 0.3), cols=360)
    band = cv2.remap(ink, mx, my, cv2.INTER_LINEAR)
    return np.argmax(cv2.blur(band.astype(np.float32), (9, 3)), axis=0)


def test_an_oval_ring_unrolls_along_its_outline_and_a_poor_fit_is_refitted():
    ink = np.zeros((700, 900), np.uint8)
    cv2.ellipse(ink, (450, 350), (240, 160), 20, 0, 360, 255, 8)
    true = Seal((0, 0, 900, 700), "oval", 1.0, (450.0, 350.0), (240.0, 160.0), 20.0)
    rows = _ring_row(ink, true)
    assert rows.max() - rows.min() <= 2              # the ring is one straight row
    # A fit 12 px off centre and 8 % too small (as from a half-size Hough split) unrolls the ring
    # into a wave; refitted on the full-size ink it is straight again.
    off = Seal((0, 0, 900, 700), "oval", 1.0, (462.0, 340.0), (222.0, 148.0), 24.0)
    assert np.ptp(_ring_row(ink, off)) > 10
    fixed = refit_outline(ink, refit_outline(ink, off))
    assert np.hypot(fixed.center[0] - 450, fixed.center[1] - 350) < 2
    assert abs(max(fixed.axes) - 240) < 3 and abs(min(fixed.axes) - 160) < 3
    assert np.ptp(_ring_row(ink, fixed)) <= 2


@pytest.mark.parametrize("grey", [False, True])
def test_several_dpi_guesses_find_what_each_finds_alone(grey):
    """A file that does not state its dpi is searched at 100, 200 and 300 dpi in one call (masks
    made once): every seal is one that a single-dpi call finds, nothing a single call finds is
    lost, and of the finds of one seal at several scales only the best ring stays."""
    from redaction.model.regions import intersection, iou

    page = text_page(seed=2)
    stamp(page, seal_layer(330, seed=2), 700, 900, RED, 0.9)
    stamp(page, seal_layer(200, seed=3), 1300, 1800, RED, 0.9)
    if grey:
        page = photocopy(page, 2)
    together = find_seals(page, (100, 200, 300))
    alone = [s for dpi in (100, 200, 300) for s in find_seals(page, dpi)]
    assert len(together) >= (1 if grey else 2)
    assert all(s in alone for s in together)
    assert all(any(intersection(a.bbox, s.bbox) > 0 for s in together) for a in alone)
    for s in together:
        rivals = [a for a in alone if iou(a.bbox, s.bbox) >= 0.3]
        assert s.score == max(a.score for a in rivals)
    assert all(iou(a.bbox, b.bbox) < 0.3 for i, a in enumerate(together) for b in together[i + 1:])
