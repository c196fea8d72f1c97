"""Fast checks of the held-out generator (plain pytest)."""

import json
import os

import numpy as np
import pytest
import tomllib
from PIL import Image

from testkit.heldout import DOC_TYPES, make_heldout, make_page, write_heldout
from testkit.spec import REQUIRED_BY_TYPE as REQUIRED

APPLICANT_KINDS = {"name", "employer", "seal", "eyes"}
OTHER_KINDS = {"name", "org", "seal", "title", "emblem", "face"}


@pytest.fixture(scope="module")
def pages():
    return make_heldout(8, 0)


def _same(a, b):
    assert a.stem == b.stem and a.doc_type == b.doc_type and a.dpi == b.dpi and a.rotation == b.rotation
    assert a.profile == b.profile
    assert a.pixels.shape == b.pixels.shape and np.array_equal(a.pixels, b.pixels)
    assert [t.to_dict() for t in a.truth] == [t.to_dict() for t in b.truth]


def test_deterministic_and_independent_of_n_pages(pages):
    again = make_heldout(2, 0)
    _same(pages[0], again[0])
    _same(pages[1], again[1])
    _same(pages[5], make_page(5, 0))
    other_seed = make_page(1, 1)
    assert not (other_seed.pixels.shape == pages[1].pixels.shape and np.array_equal(other_seed.pixels, pages[1].pixels))


def test_round_robin_and_page_fields(pages):
    assert [p.doc_type for p in pages] == DOC_TYPES
    assert len({p.stem for p in pages}) == len(pages)
    for p in pages:
        assert p.pixels.dtype == np.uint8 and p.pixels.ndim == 3 and p.pixels.shape[2] == 3
        assert p.rotation in (0, 90, 180, 270)
        assert p.dpi is None or isinstance(p.dpi, int)
        assert set(p.profile) == {"name", "aliases", "employers"}
        assert p.profile["employers"] and all(isinstance(e, str) for e in p.profile["employers"])


def test_applicant_kinds_present(pages):
    for p in pages:
        kinds = {t.kind for t in p.truth if t.owner == "applicant"}
        assert REQUIRED[p.doc_type] <= kinds, (p.stem, kinds)


def test_items_well_formed_and_inside(pages):
    for p in pages:
        h, w = p.pixels.shape[:2]
        for t in p.truth:
            assert t.owner in ("applicant", "other")
            assert t.kind in (APPLICANT_KINDS if t.owner == "applicant" else OTHER_KINDS)
            x0, y0, x1, y1 = t.bbox
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, (p.stem, t)
            assert t.polygon and len(t.polygon) >= 4
            xs = [q[0] for q in t.polygon]
            ys = [q[1] for q in t.polygon]
            # the bbox is the polygon's extent clipped to the image
            assert x0 == max(0, int(np.floor(min(xs)))) and y1 == min(h, int(np.ceil(max(ys))))
            assert isinstance(t.tags, tuple)
        # applicant texts are the applicant's name/employer forms
        for t in p.truth:
            if t.owner == "applicant" and t.kind == "employer" and "wrapped" not in t.tags:
                assert t.text in p.profile["employers"], (p.stem, t.text)


def test_write_heldout(tmp_path, pages):
    sub = pages[:3]
    write_heldout(sub, str(tmp_path))
    data = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and len(data["pages"]) == 3
    for p, d in zip(sub, data["pages"], strict=True):
        f = tmp_path / d["file"]
        assert d["file"] == p.stem + ".jpg" and f.exists()
        raw = f.read_bytes()
        assert raw[:2] == b"\xff\xd8" and b"Exif" not in raw[:4096]
        with Image.open(f) as im:
            assert not im.getexif() and im.size == (p.pixels.shape[1], p.pixels.shape[0])
        assert d["truth"] == json.loads(json.dumps([t.to_dict() for t in p.truth]))
        assert d["profile"] == p.profile and d["doc_type"] == p.doc_type
        assert d["dpi"] == p.dpi and d["rotation"] == p.rotation and d["stem"] == p.stem
    profs = os.listdir(tmp_path / "profiles")
    assert profs
    for fn in profs:
        t = tomllib.loads((tmp_path / "profiles" / fn).read_text(encoding="utf-8"))
        assert set(t) == {"name", "aliases", "employers"}
        assert any(t["name"] == p.profile["name"] and t["employers"] == p.profile["employers"] for p in sub)
