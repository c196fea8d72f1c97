"""Self-test of the synth5 generator (run: python -m pytest -q testkit/synth5/test_synth5.py)."""

from __future__ import annotations

import hashlib
import time

import numpy as np
import pytest

from testkit.spec import REQUIRED_BY_TYPE
from testkit.synth5 import DOC_TYPES, make_page, make_pages

N = 24
SEEDS = (0, 7)


@pytest.fixture(scope="module")
def pages():
    return [make_page(s, i) for s in SEEDS for i in range(N)]


def _hash(p):
    return hashlib.sha256(p.pixels.tobytes()).hexdigest()


def test_determinism():
    for seed, idx in ((0, 0), (0, 5), (3, 2), (11, 7)):
        a, b = make_page(seed, idx), make_page(seed, idx)
        assert _hash(a) == _hash(b)
        assert [t.as_dict() for t in a.truth] == [t.as_dict() for t in b.truth]
    assert _hash(make_page(0, 1)) != _hash(make_page(1, 1))


def test_make_pages_runs_and_fast():
    t = time.time()
    ps = make_pages(8, 0)
    dt = (time.time() - t) / 8
    assert [p.doc_type for p in ps] == [DOC_TYPES[i % 4] for i in range(8)]
    assert [p.stem for p in ps] == [f"{i:03d}-{DOC_TYPES[i % 4]}" for i in range(8)]
    assert _hash(ps[3]) == _hash(make_page(0, 3))
    assert dt < 1.5, dt


def test_page_fields(pages):
    for p in pages:
        assert p.pixels.dtype == np.uint8 and p.pixels.ndim == 3 and p.pixels.shape[2] == 3
        assert p.rotation in (0, 90, 180, 270)
        assert p.capture in ("scan", "grey", "phone")
        assert p.dpi > 50
        assert set(p.profile) == {"name", "employers", "aliases"}
        assert len(p.profile["employers"]) >= 2
        if "·" in p.profile["name"]:
            assert p.profile["aliases"]


def test_required_kinds(pages):
    for p in pages:
        kinds = {t.kind for t in p.truth if t.owner == "applicant"}
        missing = REQUIRED_BY_TYPE[p.doc_type] - kinds
        assert not missing, (p.stem, missing)


def test_boxes_inside_and_nonempty(pages):
    for p in pages:
        h, w = p.pixels.shape[:2]
        for t in p.truth:
            x0, y0, x1, y1 = t.bbox
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, (p.stem, t)
            assert t.owner in ("applicant", "other")
            assert t.kind in ("name", "employer", "seal", "eyes", "org", "title")
            d = t.as_dict()
            assert d["bbox"] == [x0, y0, x1, y1]


def test_text_boxes_contain_ink(pages):
    for p in pages:
        img = p.pixels.astype(np.int16)
        grey = img.mean(2)
        h, w = grey.shape
        for t in p.truth:
            if t.kind not in ("name", "employer", "org", "title"):
                continue
            x0, y0, x1, y1 = t.bbox
            m = max(x1 - x0, y1 - y0)
            ctx = grey[max(0, y0 - m) : min(h, y1 + m), max(0, x0 - m) : min(w, x1 + m)]
            box = img[y0:y1, x0:x1]
            dark = grey[y0:y1, x0:x1].min() < np.median(ctx) - 35
            red = (box[..., 2] - box[..., 1]).max() > 50
            assert dark or red, (p.stem, t)


def test_applicant_text_matches_profile(pages):
    for p in pages:
        name = p.profile["name"]
        forms = [name] + p.profile["aliases"] + [" ".join(name), "\u3000".join(name)]
        for t in p.truth:
            if t.owner != "applicant" or t.text is None or t.kind == "seal":
                continue
            pool = forms if t.kind == "name" else p.profile["employers"]
            if "wrapped" in t.tags:
                assert any(t.text in f for f in pool), (p.stem, t)
            else:
                assert t.text in pool, (p.stem, t)


def test_variety(pages):
    caps = {p.capture for p in pages}
    assert caps == {"scan", "grey", "phone"}
    tags = {tag for p in pages for t in p.truth for tag in t.tags}
    for want in ("wrapped", "under_seal", "over_text", "long_ring", "handwritten", "in_table", "letterhead"):
        assert want in tags, want
    assert any(p.rotation for p in pages)
