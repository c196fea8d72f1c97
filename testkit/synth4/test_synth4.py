"""Self-checks of the synth4 generator (no project code involved)."""

import numpy as np
import pytest

from testkit.spec import REQUIRED_BY_TYPE
from testkit.synth4 import DOC_TYPES, make_page, make_pages

N = 24
SEED = 7


@pytest.fixture(scope="module")
def pages():
    return make_pages(N, SEED)


def test_determinism(pages):
    for i in (0, 5, 10):
        a, b = pages[i], make_page(SEED, i)
        assert np.array_equal(a.pixels, b.pixels)
        assert [t.as_dict() for t in a.truth] == [t.as_dict() for t in b.truth]
        assert a.profile == b.profile and a.rotation == b.rotation and a.dpi == b.dpi


def test_page_shape_and_meta(pages):
    stems = set()
    for i, p in enumerate(pages):
        assert p.doc_type == DOC_TYPES[i % len(DOC_TYPES)]
        assert p.pixels.dtype == np.uint8 and p.pixels.ndim == 3 and p.pixels.shape[2] == 3
        assert p.rotation in (0, 90, 180, 270)
        assert p.stem == f"{i:03d}-{p.doc_type}"
        stems.add(p.stem)
        assert set(p.profile) == {"name", "employers", "aliases"}
        assert 1 <= len(p.profile["employers"]) <= 2
        assert 50 < p.dpi <= 400
    assert len(stems) == len(pages)


def test_required_kinds(pages):
    for p in pages:
        kinds = {t.kind for t in p.truth if t.owner == "applicant"}
        missing = REQUIRED_BY_TYPE[p.doc_type] - kinds
        assert not missing, (p.stem, missing)


def test_boxes_inside_and_nonempty(pages):
    for p in pages:
        H, W = p.pixels.shape[:2]
        for t in p.truth:
            x0, y0, x1, y1 = t.bbox
            assert 0 <= x0 < x1 <= W and 0 <= y0 < y1 <= H, (p.stem, t)
            d = t.as_dict()
            assert set(d) == {"kind", "bbox", "text", "owner", "polygon", "tags"}
            assert t.owner in ("applicant", "other")
            assert t.kind in ("name", "employer", "seal", "eyes", "org", "title")


def test_boxes_sit_on_ink(pages):
    """The box's border region is lighter than its inside: something dark is inside every text box."""
    for p in pages:
        g = p.pixels.mean(2)
        for t in p.truth:
            if t.kind == "seal":
                continue
            x0, y0, x1, y1 = t.bbox
            inside = g[y0:y1, x0:x1]
            assert inside.min() < np.median(g) - 40, (p.stem, t.text)


def test_wrapped_in_pieces(pages):
    seen = 0
    for p in pages:
        applicant_forms = [p.profile["name"]] + p.profile["aliases"] + p.profile["employers"]
        wrapped = [t for t in p.truth if "wrapped" in t.tags]
        for t in wrapped:
            # a piece is a proper part of a longer form
            assert any(t.text in f and t.text != f for f in applicant_forms) or t.owner == "other", (p.stem, t.text)
        # pieces of one term come at least in pairs
        if wrapped:
            seen += 1
            assert len([t for t in wrapped if t.owner == "applicant"]) != 1 or any(
                t.owner == "other" for t in wrapped
            ), p.stem
    assert seen >= N // 4


def test_letter_employer_cut(pages):
    """Letters carry an employer name cut over two lines with its pieces on consecutive lines."""
    n = 0
    for p in pages:
        if p.doc_type != "letter":
            continue
        pcs = [t for t in p.truth if t.kind == "employer" and "wrapped" in t.tags]
        n += bool(pcs)
    assert n >= 4


def test_seals(pages):
    for p in pages:
        seals = [t for t in p.truth if t.kind == "seal"]
        if p.doc_type in ("letter", "appraisal"):
            assert any(s.owner == "applicant" for s in seals)
        if p.doc_type == "award":
            assert any(s.owner == "other" for s in seals)
        for s in seals:
            x0, y0, x1, y1 = s.bbox
            if p.rotation in (0, 180) and "phone_photo" not in s.tags:
                assert 0.8 < (x1 - x0) / (y1 - y0) < 1.25 or "square" in s.tags
            assert s.polygon and len(s.polygon) >= 4
