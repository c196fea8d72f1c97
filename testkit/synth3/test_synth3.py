"""Fast checks of the synth3 generator (a handful of pages)."""

import numpy as np
import pytest

from testkit.synth3 import DOC_TYPES, make_page, make_pages

# as testkit/spec.py says for these two types (copied, so the package imports nothing outside it)
REQUIRED_BY_TYPE = {"appraisal": {"name", "employer", "seal"}, "letter": {"name", "employer", "seal"}}

N = 6


@pytest.fixture(scope="module")
def pages():
    return make_pages(N, 11)


def test_deterministic(pages):
    again = make_page(11, 3)
    assert np.array_equal(again.pixels, pages[3].pixels)
    assert [(t.kind, t.bbox, t.text) for t in again.truth] == [(t.kind, t.bbox, t.text) for t in pages[3].truth]


def test_interface(pages):
    for i, p in enumerate(pages):
        assert p.doc_type == DOC_TYPES[i % 2]
        assert p.pixels.dtype == np.uint8 and p.pixels.ndim == 3 and p.pixels.shape[2] == 3
        assert p.rotation in (0, 90, 180, 270)
        assert p.dpi is None or p.dpi in (150, 200, 300)
        assert p.stem == f"{i:03d}-{p.doc_type}"
        assert p.profile["employers"] and p.profile["name"]


def test_required_kinds(pages):
    for p in pages:
        have = {t.kind for t in p.truth if t.owner == "applicant"}
        assert REQUIRED_BY_TYPE[p.doc_type] <= have, (p.stem, have)


def test_boxes_and_polygons(pages):
    for p in pages:
        H, W = p.pixels.shape[:2]
        for t in p.truth:
            x0, y0, x1, y1 = t.bbox
            assert 0 <= x0 < x1 <= W and 0 <= y0 < y1 <= H, (p.stem, t)
            assert t.owner in ("applicant", "other")
            if t.polygon is not None:
                for x, y in t.polygon:
                    assert x0 - 1e-6 <= x <= x1 + 1e-6 and y0 - 1e-6 <= y <= y1 + 1e-6, (p.stem, t)
            if t.kind == "seal":
                assert len(t.polygon) in (4, 48)


def test_text_boxes_hold_ink(pages):
    for p in pages:
        g = p.pixels.min(axis=2)
        for t in p.truth:
            if t.kind in ("name", "employer", "org"):
                x0, y0, x1, y1 = t.bbox
                assert g[y0:y1, x0:x1].min() < 200, (p.stem, t)


def test_write_pages(tmp_path, pages):
    import json

    from testkit.synth3 import write_pages

    write_pages(pages[:2], str(tmp_path), overlay=True)
    d = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert [p["stem"] for p in d["pages"]] == [pages[0].stem, pages[1].stem]
    for p in pages[:2]:
        assert (tmp_path / f"{p.stem}.jpg").exists() and (tmp_path / f"{p.stem}-truth.png").exists()
