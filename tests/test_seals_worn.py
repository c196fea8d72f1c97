"""Worn, pale and oval seals as real material brings them (issue 14): broken uneven ink close to the
paper's colour with one side of the ring barely printed, oval 发票专用章 / 财务专用章, and both on
grey photocopies over black text. Each must be covered by one box at most twice the seal's area."""

from __future__ import annotations

import numpy as np
import pytest

from bench.accuracy import coverage
from redaction.detect.ink import red_ink_mask
from redaction.detect.sealdet import SealTextDetector
from redaction.pipeline.propose import find_page_seals
from testkit.corpus import MM, make_page, make_seal, worn_ink
from testkit.imaging import photocopy, stamp, text_page

PALE = (110, 90, 230)     # BGR: a worn pink seal


@pytest.fixture(scope="module")
def reader():
    return SealTextDetector()


def _stamp(page, org: str, cx: int, cy: int, seed: int, *, shape: str = "round", worn: bool = True,
           colour=PALE, width_mm: float = 42.0, aspect: float = 0.75, bottom: str | None = None):
    """Stamp a corpus seal (worn if asked) on the page; its outline's box."""
    rng = np.random.default_rng(seed)
    code = "91650100MA7XKD2P3Q" if shape == "oval" else None
    alpha, outline = make_seal(org, rng, width_mm * MM, shape, bottom, False, aspect=aspect, code=code)
    if worn:
        alpha = worn_ink(alpha, rng)
    stamp(page, alpha, cx, cy, colour, 1.0)
    h, w = alpha.shape
    pts = np.asarray(outline) + (cx - w // 2, cy - h // 2)
    return (int(pts[:, 0].min()), int(pts[:, 1].min()), int(np.ceil(pts[:, 0].max())), int(np.ceil(pts[:, 1].max())))


def _covered_by_one_snug_box(seals, truth) -> bool:
    area = (truth[2] - truth[0]) * (truth[3] - truth[1])
    item = type("Item", (), {"bbox": truth, "polygon": None})()
    return any((coverage(item, [tuple(int(round(v)) for v in s.bbox)]) or 0) >= 0.9
               and (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]) <= 2.0 * area for s in seals)


def _seals(page, reader):
    return find_page_seals(page, 200, red_ink_mask(page), reader)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_worn_pale_oval_invoice_seal_over_text_is_found_whole(reader, seed):
    page = text_page(seed=seed)
    truth = _stamp(page, "新疆天山水务工程有限公司", 1100, 1500, seed, shape="oval", bottom="发票专用章")
    seals = _seals(page, reader)
    assert _covered_by_one_snug_box(seals, truth), (truth, seals)


ARCS_OFF = pytest.mark.xfail(reason="found only by the search for circles drawn by arcs of faint ink, off since it "
                                    "over-masked names on the real set", strict=True)


@pytest.mark.parametrize("seed", [pytest.param(4, marks=ARCS_OFF), 5])
def test_a_worn_pale_round_seal_over_text_is_found_whole(reader, seed):
    page = text_page(seed=seed)
    truth = _stamp(page, "阿克苏地区生态环境局", 900, 1300, seed)
    seals = _seals(page, reader)
    assert _covered_by_one_snug_box(seals, truth), (truth, seals)


@ARCS_OFF
def test_a_worn_seal_on_a_grey_copy_over_text_is_found(reader):
    page = text_page(seed=6)
    truth = _stamp(page, "和田地区水利局", 1000, 1400, 6, colour=(60, 50, 200))
    grey = photocopy(page, 6)
    seals = _seals(grey, reader)
    assert _covered_by_one_snug_box(seals, truth), (truth, seals)
    assert all(s.colour == "gray" for s in seals)


def test_a_grey_oval_seal_over_text_is_found(reader):
    page = text_page(seed=7)
    truth = _stamp(page, "喀什地区第一人民医院", 1000, 1500, 7, shape="oval", worn=False, colour=(40, 40, 210),
                   width_mm=40.0, bottom="财务专用章")
    seals = _seals(photocopy(page, 7), reader)
    assert _covered_by_one_snug_box(seals, truth), (truth, seals)


def test_a_half_inked_seal_on_a_grey_copy_inside_a_larger_failed_candidate_is_found(reader):
    """synth2 seed 5, 045: an award's seal on a grey copy, inked strongly on its left side and
    fading out on its right. The blob of dark ink round it (with the print) was looked at first and
    showed the learned detector no ring; the Hough circle inside it, 0.79 of its area, was then
    skipped as already looked at. Looked at on its own, the ring text runs round 0.61 of it."""
    from bench.accuracy import _spec_pages
    from testkit.synth2 import make_page

    sp = _spec_pages([make_page(5, 45)])[0]
    truth = next(t for t in sp.truth if t.kind == "seal" and t.owner == "applicant")
    assert {"grey", "incomplete"} <= set(truth.tags)
    seals = find_page_seals(sp.pixels, sp.dpi, red_ink_mask(sp.pixels), reader)
    assert _covered_by_one_snug_box(seals, truth.bbox), (truth.bbox, seals)


def _stamp_arch(page, org: str, cx: int, cy: int, seed: int, inked_above: float):
    """A red seal stamped pressed on its upper edge: its ink fades out over a tenth of its height
    from `inked_above` of its height down (0.5: the lower half left off). Its outline's box."""
    rng = np.random.default_rng(seed)
    alpha, outline = make_seal(org, rng, 42 * MM, "round", None, False)
    rows = np.arange(alpha.shape[0], dtype=np.float32)[:, None] / alpha.shape[0]
    alpha = (alpha * np.clip((inked_above - rows) / 0.1 + 1, 0, 1)).astype(alpha.dtype)
    stamp(page, alpha, cx, cy, (40, 40, 210), 1.0)
    h, w = alpha.shape
    pts = np.asarray(outline) + (cx - w // 2, cy - h // 2)
    return (int(pts[:, 0].min()), int(pts[:, 1].min()), int(np.ceil(pts[:, 0].max())), int(np.ceil(pts[:, 1].max())))


@pytest.mark.parametrize(("seed", "inked_above"), [(9, 0.6), (10, 0.5), (13, 0.5)])
def test_a_seal_inked_on_its_upper_half_only_on_a_grey_copy_is_found_whole(reader, seed, inked_above):
    """synth2 seed 5, 063: an arch of ring and ring text over the print, nothing below. The
    learned detector sees ring text round the Hough circle, but the ellipse fitted to the arch sits
    low and large and the look round it finds none; the circle's ring line, unbroken over half of
    it, settles it (circles drawn through lines of print cross them in runs of 0.04-0.11 of it)."""
    page = text_page(seed=seed)
    truth = _stamp_arch(page, "阿勒泰地区畜牧兽医局", 1000, 1300, seed, inked_above)
    seals = _seals(photocopy(page, seed), reader)
    assert _covered_by_one_snug_box(seals, truth), (truth, seals)
    assert len(seals) == 1, seals


def test_a_ring_line_unbroken_over_half_the_circle_is_told_from_print_it_crosses():
    from redaction.detect.seals import _longest_arc

    ink = np.zeros((200, 200), bool)
    yy, xx = np.mgrid[:200, :200]
    d = np.hypot(xx - 100, yy - 100)
    arch = (np.abs(d - 60) < 1.5) & (yy < 115)          # the ring above a line a quarter below the centre
    assert 0.55 < _longest_arc(arch, 100, 100, 60) < 0.65
    lines = np.zeros_like(ink)
    for y in range(30, 180, 14):                          # lines of print 6 px tall, 8 px apart
        lines[y:y + 6, 20:180] = True
    assert _longest_arc(lines, 100, 100, 60) < 0.15
    assert _longest_arc(np.abs(d - 60) < 1.5, 100, 100, 60) == 1.0


def test_the_corpus_worn_oval_seal_is_found_and_a_plain_text_page_has_none(reader):
    page = make_page(0, 23)       # a letter: the employer's worn oval seal over its name and the date
    truth = next(t for t in page.truth if t.kind == "seal" and t.owner == "applicant")
    assert {"oval", "worn"} <= set(truth.tags)
    seals = find_page_seals(page.pixels, page.dpi, red_ink_mask(page.pixels), reader)
    assert _covered_by_one_snug_box(seals, truth.bbox), (truth.bbox, seals)
    assert _seals(text_page(seed=8), reader) == []
    assert _seals(photocopy(text_page(seed=8), 8), reader) == []


def _seal_boxes_off_seals(page, seals):
    # A printed emblem (国徽 on a certificate) looks like a seal: the finder may take it for one and
    # attribution tell it apart (tests/test_seal_attribution.py).
    truths = [t.bbox for t in page.truth if t.kind in ("seal", "emblem")]
    return [s.bbox for s in seals
            if not any(min(s.bbox[2], t[2]) > max(s.bbox[0], t[0]) and min(s.bbox[3], t[3]) > max(s.bbox[1], t[1])
                       for t in truths)]


@pytest.mark.parametrize("index", [6, 10, 48])
def test_the_corpus_worn_seals_on_copies_and_phone_photos_are_found_whole(reader, index):
    """A worn seal on a grey copy over text (006: just above the reviewer's seal, whose ink joins
    its own into one group too large for a seal; found from the learned detector's ring, judged on
    the mid-grey ink), a small worn grey oval under large text on a sideways copy (010), a worn
    pale seal on a sideways phone photo (048): the ring is in arcs (one side barely printed) and
    the ring text faint."""
    page = make_page(0, index)
    seals = find_page_seals(page.pixels, page.dpi, red_ink_mask(page.pixels), reader)
    for truth in (t for t in page.truth if t.kind == "seal" and t.owner == "applicant"):
        assert _covered_by_one_snug_box(seals, truth.bbox), (truth.bbox, seals)
    assert _seal_boxes_off_seals(page, seals) == []


@pytest.mark.parametrize("index", [1, 31, 43, 44])
def test_letterheads_headings_ornaments_and_guilloche_do_not_pass_for_worn_rings(reader, index):
    """Hough draws circles through a red letterhead (001), a red 荣誉证书 heading over a red rule
    (043), a diploma's gold corner ornament (044) and an ID card's grey guilloche (031); none of
    them is a seal, and each page's own seals are still found."""
    page = make_page(0, index)
    seals = find_page_seals(page.pixels, page.dpi, red_ink_mask(page.pixels), reader)
    assert _seal_boxes_off_seals(page, seals) == []
    for truth in (t for t in page.truth if t.kind == "seal" and t.owner == "applicant"):
        assert _covered_by_one_snug_box(seals, truth.bbox), (truth.bbox, seals)


@pytest.mark.parametrize("seed", [5, 7])
def test_a_worn_seal_in_a_dim_cool_photo_is_found_whole(reader, seed):
    # A phone photo's white balance: paper ~(B 130, G 120, R 122), the worn pink ink's redness
    # left a few levels over the paper's (below the faint-red rule until judged against the paper).
    page = text_page(seed=seed)
    page[120:220, 400:1250] = (40, 40, 220)     # a red title: a colour page, not a grey copy
    truth = _stamp(page, "克拉玛依市环境监测站", 900, 1300, seed)
    photo = np.clip(page.astype(np.float32) * np.float32([0.53, 0.49, 0.48]) + 4, 0, 255).astype(np.uint8)
    seals = _seals(photo, reader)
    assert _covered_by_one_snug_box(seals, truth), (truth, seals)


def test_a_worn_grey_seal_above_anothers_is_the_applicants_and_the_other_is_not_masked(detector):
    """Own 006 end to end: the employer's worn seal on a grey copy of an appraisal form is masked
    with a snug box, the 职称改革 office's seal and printed name just below it are not."""
    from pathlib import Path

    from bench.accuracy import _accepted
    from redaction.files.document import Page

    page = make_page(0, 6)
    regions = detector.propose(Page(page.pixels, Path("006.jpg"), 0, 1, page.dpi), page.profile)
    boxes = [tuple(int(v) for v in r.bbox) for r in regions if _accepted(r)]
    own = next(t for t in page.truth if t.kind == "seal" and t.owner == "applicant")
    assert {"worn", "grey"} <= set(own.tags)
    assert _covered_by_one_snug_box([r for r in regions if r.kind == "seal" and r.accepted], own.bbox)
    others = [t for t in page.truth if t.owner == "other" and t.kind in ("seal", "org")]
    assert others
    for t in others:
        assert (coverage(t, boxes, exclude=[own]) or 0) < 0.3, t


def test_the_worn_red_seal_in_a_dim_sideways_photo_is_masked_once_the_page_is_upright(detector):
    """Own 026 end to end (turned upright first): the worn red seal's ring is fitted as it lies,
    not refitted within an annulus as a worn ring on a copy is (that fitted a smaller ring here)."""
    from pathlib import Path

    from bench.accuracy import _accepted
    from redaction.detect.orient import rotate_box
    from redaction.files.document import Page

    page = make_page(0, 26)
    upright, rotation, regions = detector.propose_upright(Page(page.pixels, Path("026.jpg"), 0, 1, page.dpi),
                                                          page.profile)
    back = (360 - rotation) % 360
    boxes = [rotate_box(r.bbox, back, upright.width, upright.height) if rotation else r.bbox
             for r in regions if _accepted(r)]
    own = next(t for t in page.truth if t.kind == "seal" and t.owner == "applicant")
    assert "worn" in own.tags and page.rotation
    assert coverage(own, [tuple(int(v) for v in b) for b in boxes]) >= 0.9


def test_a_tilted_grey_oval_with_a_long_ring_over_a_line_of_print_is_found(reader):
    """synth3 s21 029: a photocopied 人事专用章, a 4.6-cm oval tilted 17°, its 22-character ring
    text too small for the network to see round it, a line of black print across its middle. The
    Hough search finds round seals only; the mid-grey ink away from the print, without the dots
    the print's edges leave (which joined it to the whole line), is one group ringed 0.97 of the
    way round by an oval: a seal on a copy (`GRAY_OVAL_RING`)."""
    from bench.accuracy import _spec_pages
    from testkit.synth3 import make_page

    sp = _spec_pages([make_page(21, 29)])[0]
    truth = next(t for t in sp.truth if t.kind == "seal" and t.owner == "applicant")
    assert {"grey", "oval", "long_ring", "over_text"} <= set(truth.tags)
    seals = find_page_seals(sp.pixels, sp.dpi, red_ink_mask(sp.pixels), reader)
    assert _covered_by_one_snug_box(seals, truth.bbox), (truth.bbox, seals)
    assert len(seals) == 1, seals


def test_a_grey_copy_of_print_alone_has_no_oval_seal(reader):
    for seed in (3, 4):
        page = photocopy(text_page(seed=seed), seed)
        assert _seals(page, reader) == []
