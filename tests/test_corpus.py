"""The synthetic corpus generator and the accuracy scoring: deterministic, boxes on ink, rotations."""

from __future__ import annotations

import numpy as np
import pytest

from bench.accuracy import coverage, format_report, score_pages
from redaction.model.regions import Region
from redaction.text.normalize import normalize
from testkit.corpus import (
    APPLICANTS,
    DOC_TYPES,
    GroundTruth,
    _rot90_matrix,
    english_org,
    latin_name,
    make_corpus,
    make_page,
    read_truth,
    write_corpus,
)


@pytest.fixture(scope="module")
def corpus40():
    return make_corpus(40, seed=0)


@pytest.fixture(scope="module")
def corpus(corpus40):
    return corpus40[:16]


def _dark(pixels, box, thresh=120):
    x0, y0, x1, y1 = box
    sub = pixels[y0:y1, x0:x1].astype(np.int16)
    return sub.max(axis=2) < thresh           # black/grey ink: every channel low


def _red(pixels, box):
    x0, y0, x1, y1 = box
    b, g, r = (pixels[y0:y1, x0:x1, i].astype(np.int16) for i in range(3))
    return ((r - np.maximum(g, b)) > 25) & (r > 90)


def test_deterministic_and_independent_of_length():
    a = make_page(3, 5)
    b = make_page(3, 5)
    assert np.array_equal(a.pixels, b.pixels)
    assert [t.to_json() for t in a.truth] == [t.to_json() for t in b.truth]
    c = make_corpus(6, seed=3)[5]
    assert np.array_equal(a.pixels, c.pixels)
    d = make_page(4, 5)
    assert d.pixels.shape != a.pixels.shape or not np.array_equal(d.pixels, a.pixels)


def test_every_type_in_each_block_of_eight(corpus):
    assert sorted(p.doc_type for p in corpus[:8]) == sorted(DOC_TYPES)
    assert sorted(p.doc_type for p in corpus[8:16]) == sorted(DOC_TYPES)
    assert any(p.rotation in (90, 270) for p in corpus)
    assert any(p.grey for p in corpus)


def test_boxes_inside_page_and_non_empty(corpus):
    for p in corpus:
        h, w = p.pixels.shape[:2]
        assert p.pixels.dtype == np.uint8 and p.pixels.ndim == 3
        for t in p.truth:
            x0, y0, x1, y1 = t.bbox
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, (p.stem, t)
            assert t.owner in ("applicant", "other")
            assert t.kind in (("name", "employer", "seal", "eyes") if t.owner == "applicant"
                              else ("name", "org", "seal", "title", "emblem"))


def test_required_items_per_document_type(corpus):
    for p in corpus:
        kinds = {t.kind for t in p.items("applicant")}
        assert "name" in kinds, p.stem
        if p.doc_type in ("letter", "appraisal"):
            assert {"employer", "seal"} <= kinds, p.stem
        if p.doc_type in ("id_card", "diploma", "title_cert"):
            assert "eyes" in kinds, p.stem
        if p.doc_type == "award":
            assert any(t.kind == "title" for t in p.items("other"))
        if p.doc_type == "diploma":
            assert any(t.kind == "seal" for t in p.items("other"))


def test_text_boxes_lie_on_ink(corpus):
    for p in corpus:
        for t in p.truth:
            if t.kind in ("name", "employer", "org", "title"):
                red = "red" in t.tags or "letterhead" in t.tags
                ink = _red(p.pixels, t.bbox) if red and not p.grey else _dark(p.pixels, t.bbox, 150)
                assert ink.mean() > 0.02, (p.stem, t.text, ink.mean())


def test_seal_boxes_are_red_unless_grey(corpus):
    seen = 0
    for p in corpus:
        for t in p.items(kind="seal"):
            seen += 1
            x0, y0, x1, y1 = t.bbox
            assert 220 < max(x1 - x0, y1 - y0) < 460, (p.stem, t.bbox)
            if p.grey:
                assert "grey" in t.tags
                assert _dark(p.pixels, t.bbox, 200).mean() > 0.03
            else:
                assert _red(p.pixels, t.bbox).mean() > 0.03, (p.stem, t.text)
    assert seen >= 8


def test_eye_boxes_sit_on_a_photo(corpus):
    n = 0
    for p in corpus:
        for t in p.items(kind="eyes"):
            n += 1
            x0, y0, x1, y1 = t.bbox
            sub = p.pixels[y0:y1, x0:x1].astype(np.float32)
            assert sub.std() > 8 and sub.mean() < 235, p.stem     # not blank paper
            w, h = x1 - x0, y1 - y0
            assert w > h > 3
    assert n >= 3


def test_truth_text_matches_the_profile(corpus):
    for p in corpus:
        terms = [normalize(t) for t in (p.profile.name, *p.profile.aliases, *p.profile.employers)]
        # names in Latin letters (a journal's English block) as the corpus spells the profile's
        latin = {normalize(latin_name(n, style)) for n in (p.profile.name, *p.profile.aliases) for style in range(3)}
        for t in p.truth:
            if t.text is None or t.kind in ("eyes",):
                continue
            key = normalize(t.text)
            if "english" in t.tags:   # a journal's English affiliation line
                assert (t.text in {english_org(e) for e in p.profile.employers}) == (t.owner == "applicant")
                continue
            if "latin" in t.tags:
                assert (key in latin) == (t.owner == "applicant"), (p.stem, t.text)
                continue
            if t.owner == "applicant" and t.kind in ("name", "employer"):
                assert any(key in term for term in terms), (p.stem, t.text)
            if t.owner == "other" and t.kind in ("name", "org"):
                assert not any(term in key or key in term for term in terms), (p.stem, t.text)


def test_hard_cases_present(corpus40):
    pages = corpus40
    tags = {tag for p in pages for t in p.truth for tag in t.tags}
    for needed in ("wrapped", "faded", "grey", "signature", "padded", "letterhead"):
        assert needed in tags, needed
    assert any(tag.startswith("dot:") and tag != "dot:·" for tag in tags)
    assert {p.rotation for p in pages} >= {0, 90, 180} or {p.rotation for p in pages} >= {0, 270, 180}


def test_hard_other_seals_and_emblems_present(corpus40):
    # Other organisations' seals as real attachments carry them, and printed emblems (issue 14).
    others = [t for p in corpus40 for t in p.truth if t.owner == "other"]
    tags = {tag for t in others if t.kind == "seal" for tag in t.tags}
    assert {"hard_other", "long_ring", "special_line", "faded"} <= tags
    assert any(t.kind == "emblem" and "badge" in t.tags for t in others)
    assert any(t.kind == "seal" and t.text and len(t.text) >= 15 for t in others)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_rotation_maps_boxes(k):
    base = make_page(11, 2, rot90=0, grey=False, clean=True)
    rot = make_page(11, 2, rot90=k, grey=False, clean=True)
    assert rot.rotation == 90 * k
    expect = np.rot90(base.pixels, k)
    assert rot.pixels.shape == expect.shape
    assert np.abs(rot.pixels.astype(np.int16) - expect).mean() < 3.0
    h, w = base.pixels.shape[:2]
    M = _rot90_matrix(k, w, h)
    assert len(rot.truth) == len(base.truth)
    for a, b in zip(base.truth, rot.truth, strict=True):
        corners = np.array([[a.bbox[0], a.bbox[1], 1], [a.bbox[2], a.bbox[3], 1]], float) @ M.T
        x0, y0 = corners[:, :2].min(axis=0)
        x1, y1 = corners[:, :2].max(axis=0)
        assert np.allclose(b.bbox, (x0, y0, x1, y1), atol=1.0), (a, b)
        assert a.kind == b.kind and a.text == b.text


def test_rotated_text_still_on_ink():
    for k in (1, 3):
        p = make_page(11, 2, rot90=k, grey=False, clean=True)
        for t in p.items("applicant", "name"):
            if "red" not in t.tags:
                assert _dark(p.pixels, t.bbox, 150).mean() > 0.02


def test_clean_text_boxes_are_tight():
    p = make_page(5, 6, rot90=0, grey=False, clean=True)   # a page without skew or noise
    checked = 0
    for t in p.truth:
        if t.kind not in ("name", "employer", "org") or "red" in t.tags:
            continue
        x0, y0, x1, y1 = t.bbox
        under_seal = any(s.kind == "seal" and s.bbox[0] < x1 and x0 < s.bbox[2] and s.bbox[1] < y1 and y0 < s.bbox[3]
                         for s in p.truth)
        if under_seal:
            continue
        win = _dark(p.pixels, t.bbox, 160)            # ink reaches every edge of the box
        ys, xs = np.nonzero(win)
        h, w = win.shape
        assert xs.min() <= 2 and xs.max() >= w - 3 and ys.min() <= 2 and ys.max() >= h - 3, (t.text, t.bbox)
        checked += 1
    assert checked >= 2


def test_write_and_read_back(tmp_path):
    from redaction.files.document import load_pages

    pages = [make_page(0, i, doc_type=t) for i, t in enumerate(("letter", "id_card", "award"))]
    write_corpus(pages, tmp_path)
    docs = read_truth(tmp_path)
    assert [d["doc_type"] for d in docs] == ["letter", "id_card", "award"]
    assert docs[0]["path"].endswith(".pdf")
    for sp, d in zip(pages, docs, strict=True):
        loaded = load_pages(tmp_path / d["path"], dpi=d["pages"][0]["dpi"])
        assert len(loaded) == 1
        px = loaded[0].pixels
        assert px.shape == sp.pixels.shape
        assert np.abs(px.astype(np.int16) - sp.pixels).mean() < 4
        assert d["profile"].name == sp.profile.name
        assert [t.bbox for t in d["pages"][0]["truth"]] == [t.bbox for t in sp.truth]


# --- scoring ---------------------------------------------------------------------------------

def test_score_oracle_and_nothing(corpus):
    pages = corpus[:8]
    oracle = [[Region(t.kind, t.bbox) for t in p.items("applicant")] for p in pages]
    m = score_pages(pages, oracle, seconds=[0.5] * 8)
    assert m["recall_all"] == 1.0
    assert m["overmask_all"] == 0.0
    assert m["stray_per_page"] == 0.0
    assert m["seconds_per_page"] == 0.5
    assert set(m["by_doc_type"]) == set(DOC_TYPES)
    assert "recall" in format_report(m)
    none = score_pages(pages, [[] for _ in pages])
    assert none["recall_all"] == 0.0 and len(none["misses"]) == sum(len(p.items("applicant")) for p in pages)


def test_score_counts_overmask_stray_and_ignores_rejected():
    page = make_page(0, 0, doc_type="letter")
    other = next(t for t in page.items("other") if t.kind == "name")
    name = page.items("applicant", "name")[0]
    regions = [
        Region("name", name.bbox),
        Region("name", other.bbox),                                   # over-masks another person
        Region("seal", (0, 0, 10, 10)),                               # stray: touches nothing of ours
        Region("id_number", (0, 0, page.pixels.shape[1], page.pixels.shape[0]), accepted=False),
    ]
    m = score_pages([page], [regions])
    assert m["overmask"]["name"]["hit"] == 1
    assert m["stray_total"] == 2
    assert m["recall"]["name"]["hit"] >= 1
    as_dicts = [{"kind": r.kind, "bbox": list(r.bbox), "accepted": r.accepted} for r in regions]
    assert score_pages([page], [as_dicts])["stray_total"] == 2


def test_coverage_uses_polygon_and_threshold():
    diamond = GroundTruth("seal", (0, 0, 100, 100), None, "applicant",
                          [(50, 0), (100, 50), (50, 100), (0, 50)])
    assert coverage(diamond, [(25, 25, 75, 75)]) == pytest.approx(0.5, abs=0.03)
    assert coverage(diamond, [(0, 0, 100, 100)]) == 1.0
    box = GroundTruth("name", (10, 10, 50, 30), "x", "applicant", None)
    assert coverage(box, [(10, 10, 45, 30)]) == pytest.approx(35 / 40)
    page = type("P", (), {"truth": [box], "doc_type": "t"})()
    assert score_pages([page], [[Region("name", (10, 10, 45, 30))]])["recall_all"] == 0.0   # 87.5 % < 90 %
    assert score_pages([page], [[Region("name", (8, 9, 47, 31))]])["recall_all"] == 1.0


def test_other_items_under_applicant_items_are_not_overmasked():
    seal = GroundTruth("seal", (0, 0, 100, 100), "单位", "applicant", None)
    under = GroundTruth("org", (10, 40, 90, 60), "他单位", "other", None)
    page = type("P", (), {"truth": [seal, under], "doc_type": "t"})()
    m = score_pages([page], [[Region("seal", (0, 0, 100, 100))]])
    assert m["overmask_all"] is None            # wholly under the applicant's seal: not scored
    assert m["recall_all"] == 1.0


def test_applicants_are_well_formed():
    keys = [a.key for a in APPLICANTS]
    assert len(set(keys)) == len(keys)
    for a in APPLICANTS:
        assert a.profile.employers and a.profile.name


def test_bundled_samples_match_their_truth():
    import json
    from pathlib import Path

    from redaction.files.document import load_pages
    from redaction.model.profile import load_profile

    folder = Path(__file__).resolve().parent.parent / "resources" / "samples"
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    profile = load_profile(folder / "profile.toml")
    assert profile.name == "阿依古丽·买买提" and "阿克苏地区生态环境局" in profile.employers
    files = [p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".pdf")]
    assert len(files) >= 5
    assert sum(p.stat().st_size for p in files) < 2 * 1024 * 1024
    assert all(p.stat().st_size < 400 * 1024 for p in files if p.suffix == ".jpg")
    names = {p.name for p in files}
    for doc in truth["documents"]:
        assert doc["path"] in names
        pages = load_pages(folder / doc["path"])
        assert len(pages) == len(doc["pages"])
        for page, tp in zip(pages, doc["pages"], strict=True):
            assert page.pixels.shape[:2] == (tp["height"], tp["width"])   # EXIF applied, PDF at 200 dpi
            kinds = {t["kind"] for t in tp["truth"] if t["owner"] == "applicant"}
            assert "name" in kinds
            for t in tp["truth"]:
                x0, y0, x1, y1 = t["bbox"]
                if t["kind"] == "name" and "red" not in t["tags"]:
                    assert _dark(page.pixels, (x0, y0, x1, y1), 150).mean() > 0.02, (doc["path"], t)


def test_score_folder_reads_contract_json(tmp_path):
    import json

    from bench.accuracy import score_folder

    pages = [make_page(1, i, doc_type=t) for i, t in enumerate(("letter", "award"))]
    write_corpus(pages, tmp_path / "c")
    truth = json.loads((tmp_path / "c" / "truth.json").read_text(encoding="utf-8"))
    docs = []
    for doc, page in zip(truth["documents"], pages, strict=False):
        regions = [{"kind": t.kind, "bbox": list(t.bbox), "score": 1.0, "text": t.text, "accepted": True}
                   for t in page.items("applicant")]
        docs.append({"path": str(tmp_path / "c" / doc["path"]), "error": None,
                     "pages": [{"index": 0, "regions": regions}]})
    out = tmp_path / "p.json"
    out.write_text(json.dumps({"version": 1, "documents": docs}, ensure_ascii=False), encoding="utf-8")
    m = score_folder(tmp_path / "c", [out])
    assert m["recall_all"] == 1.0 and m["overmask_all"] == 0.0
    assert score_folder(tmp_path / "c", [])["recall_all"] == 0.0


def test_seal_bloat_counts_a_box_covering_the_seal_from_far_around():
    """A box drawn round a page's worth of patterned ground covers the seal (recall) and must show
    as bloated, not slip past the figure because most of it lies off the seal."""
    seal = GroundTruth("seal", (400, 400, 600, 600), "单位", "applicant", None)
    page = type("P", (), {"truth": [seal], "doc_type": "t"})()
    tight = score_pages([page], [[Region("seal", (390, 390, 610, 610))]])["seal_bloat"]
    assert tight["seals"] == 1 and tight["max"] == pytest.approx(1.21, abs=0.01)
    huge = score_pages([page], [[Region("seal", (0, 0, 1000, 1000))]])
    assert huge["recall_all"] == 1.0
    assert huge["seal_bloat"]["over_limit"] == 1 and huge["seal_bloat"]["max"] == pytest.approx(25.0)
    # A name seal stamped inside a big seal's box: that box is the big seal's, not a bloated one.
    big = GroundTruth("seal", (300, 300, 700, 700), "单位", "other", None)
    page = type("P", (), {"truth": [seal, big], "doc_type": "t"})()
    both = score_pages([page], [[Region("seal", (290, 290, 710, 710))]])["seal_bloat"]
    assert both["over_limit"] == 0 and both["seals"] == 1
