"""Other organisations' seals as real attachments carry them (issue 14): long ring texts (15–22
characters, 270–320° round), faded pink, a 专用章 line; printed emblems (a ring round a star, no
ring text). They stay visible; the employer's seal with a long ring text is still masked."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from redaction.detect.sealtext import (
    attribute_seal,
    classify_seal,
    consistent_with_employer,
    employer_in_ring,
    is_emblem,
    own_words,
)
from redaction.files.document import Page
from redaction.model.profile import Profile
from redaction.pipeline.propose import find_page_seals
from testkit.corpus import MM, Canvas, _star, _tint, draw_emblem, make_seal, worn_ink
from testkit.imaging import seal_layer, stamp
from tests.conftest import render_page

HOSPITAL = Profile(name="王芳", employers=("新疆维吾尔自治区人民医院", "自治区人民医院"))
TRAINING_BASE = "新疆维吾尔自治区专业技术人员继续教育基地"
BASE_STAFF = Profile(name="王芳", employers=(TRAINING_BASE,))


def long_seal_page(org: str, seed: int, *, faded: bool, worn: bool = False, span: float | None = None,
                   bottom: str | None = None) -> np.ndarray:
    """A corpus seal (make_seal) with a long ring text, stamped over the organisation's printed
    name, wrapped over two lines, and the date, in red or faded pink ink."""
    rng = np.random.default_rng(seed)
    alpha, _ = make_seal(org, rng, 42 * MM, "round", bottom, False, span_deg=span)
    colour = (220, 40, 50)
    if faded:
        alpha = alpha * rng.uniform(0.55, 0.8)
        if worn:
            alpha = worn_ink(alpha, rng) / 0.7
        colour = (int(rng.integers(225, 245)), int(rng.integers(90, 135)), int(rng.integers(105, 145)))
    page = render_page([(200, 380, org[:10]), (200, 440, org[10:]), (330, 500, "2021年6月30日")], size=(1100, 800))
    rgb = cv2.cvtColor(page, cv2.COLOR_BGR2RGB).astype(np.float32)
    h, w = alpha.shape
    x0, y0 = 450 - w // 2, 440 - h // 2
    _tint(rgb[y0:y0 + h, x0:x0 + w], np.clip(alpha, 0, 1), colour)
    return cv2.cvtColor(np.clip(rgb, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)


def emblem_page(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    cv = Canvas(900, 700, rng)
    draw_emblem(cv, 450, 350, float(rng.uniform(130, 260)), rng)
    return cv2.cvtColor(np.clip(cv.render(), 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)


def test_a_reading_of_the_region_alone_names_no_employer():
    # The training centre's faded seal read only as far as its region (issue 14): not the hospital's.
    assert own_words("新疆维吾尔自治区人民医院") == "人民医院"
    assert own_words("自治区人民医院") == "人民医院"
    assert own_words("阿克苏地区生态环境局") == "生态环境局"
    assert consistent_with_employer("新产尔治区", HOSPITAL) is None
    assert employer_in_ring("新疆维吾尔自治区专业", HOSPITAL) is None
    assert classify_seal([("新产尔治区", 0.79), ("新国尔治区", 0.85)], HOSPITAL) == ("seal", True, None, 0.0)
    # A misread employer still shares its own words.
    assert consistent_with_employer("新疆维吾尔自治区人民医", HOSPITAL) == "新疆维吾尔自治区人民医院"


@pytest.mark.parametrize("seed, faded, worn, span, bottom", [
    (0, True, True, None, "专用章"),        # faded, worn, 250° round: its heaviest piece is the region alone
    (5, True, False, 301.0, None),          # faded, 300° round
    (2, True, False, 277.0, "培训专用章"),
])
def test_a_long_faded_ring_text_of_another_organisation_is_read_and_left_unmasked(detector, seed, faded, worn,
                                                                                 span, bottom):
    page = long_seal_page(TRAINING_BASE, seed, faded=faded, worn=worn, span=span, bottom=bottom)
    seal, = find_page_seals(page, 200, None, detector.ring_reader)
    kind, accepted, text, _ = attribute_seal(detector.ocr, page, seal, HOSPITAL)
    assert (kind, accepted) == ("other_seal", False), text


def test_an_unread_long_seal_over_its_wrapped_printed_name_is_left_unmasked(detector):
    page = long_seal_page("新疆维吾尔自治区农业技术推广总站培训部", 6, faded=True, bottom="培训专用章")
    regions = detector.propose(Page(page, Path("t.jpg"), 0, 1, 200), HOSPITAL)
    seals = [r for r in regions if "seal" in r.kind]
    assert seals and not any(r.accepted for r in seals)


@pytest.mark.parametrize("seed, faded, worn, span", [(50, True, True, None), (51, False, False, 300.0),
                                                     (56, True, False, None)])
def test_the_employers_seal_with_a_long_ring_text_is_still_masked(detector, seed, faded, worn, span):
    page = long_seal_page(TRAINING_BASE, seed, faded=faded, worn=worn, span=span)
    seal, = find_page_seals(page, 200, None, detector.ring_reader)
    assert attribute_seal(detector.ocr, page, seal, BASE_STAFF)[:2] == ("seal", True)


@pytest.mark.parametrize("seed", range(300, 306))
def test_an_emblem_is_not_masked(detector, seed):
    page = emblem_page(seed)
    found = find_page_seals(page, 200, None, detector.ring_reader)
    for seal in found:
        assert is_emblem(page, seal)
        assert attribute_seal(detector.ocr, page, seal, HOSPITAL)[:2] == ("other_seal", False)
    regions = detector.propose(Page(page, Path("e.jpg"), 0, 1, 200), HOSPITAL)
    assert not any(r.accepted for r in regions)


@pytest.mark.parametrize("radius, star, ring", [(100, 0.95, 0.08), (80, 0.9, 0.1), (110, 1.0, 0.07), (150, 0.65, 0.04)])
def test_an_emblem_whose_star_touches_its_ring_is_not_masked(detector, radius, star, ring):
    rgb = np.full((700, 900, 3), 250.0, np.float32)
    ink = np.zeros((700, 900), np.uint8)
    cv2.circle(ink, (450, 350), int(radius * (1 - ring / 2)), 255, max(2, int(radius * ring)), cv2.LINE_AA)
    cv2.fillPoly(ink, [np.round(_star(450, 350, radius * star * (1 - ring))).astype(np.int32)], 255, cv2.LINE_AA)
    _tint(rgb, ink.astype(np.float32) / 255, (210, 30, 40))
    page = cv2.cvtColor(np.clip(rgb, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)
    seal, = find_page_seals(page, 200, None, detector.ring_reader)
    assert attribute_seal(detector.ocr, page, seal, HOSPITAL)[:2] == ("other_seal", False)


def test_a_ring_with_a_star_and_a_special_line_is_a_seal_not_an_emblem(detector):
    page = np.full((800, 1000, 3), 255, np.uint8)
    stamp(page, seal_layer(330, text="", bottom="专用章"), 500, 400)
    seal, = find_page_seals(page, 200)
    assert not is_emblem(page, seal)
    # the employer's worn seals (a speck of text left is enough) are never emblems
    for seed in (0, 1, 2):
        page = long_seal_page(TRAINING_BASE, 50 + seed, faded=True, worn=True)
        for seal in find_page_seals(page, 200, None, detector.ring_reader):
            assert not is_emblem(page, seal)
