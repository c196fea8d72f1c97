"""testkit.synth2: the third synthetic generator (written from testkit/heldout/SPEC.md alone)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from testkit.spec import REQUIRED_BY_TYPE as REQUIRED
from testkit.synth2 import DOC_TYPES, lists as L, make_page, make_pages, write_pages


@pytest.fixture(scope="module")
def pages():
    return make_pages(8, 11)


def test_every_type_once_in_eight(pages):
    assert [p.doc_type for p in pages] == DOC_TYPES
    assert len({p.stem for p in pages}) == 8


def test_same_seed_same_pixels(pages):
    again = make_page(11, 3)
    assert np.array_equal(again.pixels, pages[3].pixels)
    assert [t.as_dict() for t in again.truth] == [t.as_dict() for t in pages[3].truth]
    other = make_page(12, 3)
    assert other.pixels.shape != pages[3].pixels.shape or not np.array_equal(other.pixels, pages[3].pixels)


def test_pixels_are_bgr_uint8(pages):
    for p in pages:
        assert p.pixels.dtype == np.uint8 and p.pixels.ndim == 3 and p.pixels.shape[2] == 3
        assert p.rotation in (0, 90, 180, 270)
        assert (p.dpi is None) == ("phone_photo" in {t for it in p.truth for t in it.tags})


def test_boxes_inside_page_and_hold_their_polygon(pages):
    for p in pages:
        H, W = p.pixels.shape[:2]
        for it in p.truth:
            x0, y0, x1, y1 = it.bbox
            assert 0 <= x0 < x1 <= W and 0 <= y0 < y1 <= H, (p.stem, it)
            assert it.owner in ("applicant", "other")
            assert it.polygon and len(it.polygon) >= 3
            for x, y in it.polygon:
                assert x0 - 1e-6 <= x <= x1 + 1e-6 and y0 - 1e-6 <= y <= y1 + 1e-6, (p.stem, it.kind)
            if it.kind == "seal" and "oval" not in it.tags and "square" not in it.tags:
                assert len(it.polygon) >= 40


def test_applicant_items_per_type(pages):
    for p in pages:
        kinds = {it.kind for it in p.truth if it.owner == "applicant"}
        assert REQUIRED[p.doc_type] <= kinds, (p.stem, kinds)
        if p.doc_type == "journal":
            assert not any(it.kind == "seal" for it in p.truth)
        if p.doc_type in ("diploma", "training"):
            # only the university's / the centre's seal
            assert all(it.owner == "other" for it in p.truth if it.kind == "seal")
            assert any(it.kind == "seal" for it in p.truth)


def test_text_items_are_ink_not_paper(pages):
    """A text box must hold dark print: its darkest pixels are well below the paper around it."""
    for p in pages:
        grey = p.pixels.mean(axis=2)
        for it in p.truth:
            if it.kind in ("name", "employer", "org") and "handwritten" not in it.tags:
                x0, y0, x1, y1 = it.bbox
                m = max(8, (y1 - y0))
                around = grey[max(0, y0 - m) : y1 + m, max(0, x0 - m) : x1 + m]
                assert grey[y0:y1, x0:x1].min() < np.percentile(around, 75) - 40, (p.stem, it.text)


def test_eyes_band_on_the_photo(pages):
    for p in pages:
        eyes = [it for it in p.truth if it.kind == "eyes"]
        if not eyes:
            continue
        photos = p.meta["photos"]
        assert len(eyes) == len(photos)
        for it, ph in zip(eyes, photos, strict=True):
            xs, ys = [q[0] for q in ph], [q[1] for q in ph]
            cx = sum(q[0] for q in it.polygon) / 4
            cy = sum(q[1] for q in it.polygon) / 4
            assert min(xs) < cx < max(xs) and min(ys) < cy < max(ys)
            # the band sits in the upper-middle of the photo, in the photo's own frame
            a, b, c = np.array(ph[0]), np.array(ph[1]), np.array(ph[3])
            u = np.dot(np.array([cx, cy]) - a, b - a) / np.dot(b - a, b - a)
            v = np.dot(np.array([cx, cy]) - a, c - a) / np.dot(c - a, c - a)
            assert 0.25 < u < 0.75 and 0.2 < v < 0.6, (p.stem, u, v)
            # 2:1 band, textured (a face, not paper)
            w = math.dist(it.polygon[0], it.polygon[1])
            h = math.dist(it.polygon[1], it.polygon[2])
            # perspective on phone photos bends the 2:1 band a little
            assert (1.8 < w / h < 2.25) if p.dpi is None else (1.95 < w / h < 2.05), (p.stem, w / h)
            x0, y0, x1, y1 = it.bbox
            assert p.pixels[y0:y1, x0:x1].std() > 12


def test_profiles_name_the_applicant(pages):
    for p in pages:
        prof = p.profile
        assert prof["employers"][0] in {a.employer for a in L.APPLICANTS}
        forms = {prof["name"], *prof["aliases"]}
        if "·" in prof["name"]:
            assert prof["name"].replace("·", "") in prof["aliases"]
        for it in p.truth:
            if it.owner == "applicant" and it.kind == "name" and "wrapped" not in it.tags:
                bare = "".join(c for c in it.text if c not in " 　·•.・")
                assert bare in {f.replace("·", "") for f in forms}, (p.stem, it.text)
            if it.owner == "applicant" and it.kind == "employer" and "wrapped" not in it.tags:
                assert it.text in prof["employers"]


def test_lists_are_big_enough():
    assert len(L.APPLICANTS) >= 16
    assert L.all_org_count() >= 60
    dots = {a.dot for a in L.APPLICANTS if a.dotted}
    assert {"middot", "bullet", "period", "katakana", "none"} <= dots


def test_write_pages(tmp_path, pages):
    write_pages(pages[:2], tmp_path, overlay=True)
    doc = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and len(doc["pages"]) == 2
    for p in pages[:2]:
        assert (tmp_path / f"{p.stem}.jpg").read_bytes()[:2] == b"\xff\xd8"
        assert (tmp_path / f"{p.stem}-truth.png").exists()
        assert "name = " in (tmp_path / "profiles" / f"{p.stem}.toml").read_text(encoding="utf-8")


def test_appraisal_forms_carry_the_reviewing_authority_and_the_unit_head():
    """Appraisal forms: the 主管部门's printed name and its own seal (another organisation's), the
    unit head's signature; the applicant's seal stays the one employer seal."""
    forms = [make_page(s, i) for s in (0, 1) for i in (3, 11, 19, 27)]
    others = [(it.kind, it.text) for p in forms for it in p.truth if it.owner == "other"]
    assert any(k == "seal" for k, _ in others) and any(k == "org" for k, _ in others)
    assert sum(k == "name" for k, _ in others) > len(forms)        # leader + unit head / reviewer
    for p in forms:
        own = [it for it in p.truth if it.kind == "seal" and it.owner == "applicant"]
        assert len(own) == 1 and own[0].text == p.profile["employers"][0]
        for it in p.truth:
            if it.kind == "seal" and it.owner == "other":
                assert it.text in L.AUTHORITIES + L.SISTER_ORGS
