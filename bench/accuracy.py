"""Accuracy and speed of the detection pipeline on three sets.

    python -m bench.accuracy [--set own|heldout|synth2|synth3|synth4|synth5|real|dev] --pages 40 --seed 0
                             [--engine rapid]
                             [--only ID-PART,...]
                             [--json metrics.json] [--verbose] [--types letter,award] [--write-corpus DIR]

Sets:
- `own` (default): the synthetic corpus the detectors are tuned on (testkit/corpus.py);
- `heldout`: a second generator written from a written spec of real attachments by someone who
  never read the detectors (testkit/heldout, its own fonts, layouts, names and seals); nobody
  tunes against it;
- `synth2`: a third generator written from the same spec alone by someone who read neither the
  detectors nor the other two generators (testkit/synth2): tuned on, so that the held-out split's
  kind of material can be worked on without touching the held-out split;
- `synth3`: a fourth generator written from the same spec alone (testkit/synth3), of the two
  types where the held-out split's misses lie, appraisal forms and employer letters, in more
  layouts: tuned on, as synth2;
- `synth4`: a fifth generator written from the same spec alone at stop 41 (testkit/synth4), of
  letters, awards, appraisal forms and journal pages (employers wrapped anywhere in running prose,
  two-issuer awards, sideways forms): tuned on, as synth2;
- `synth5`: a sixth generator written from the same spec alone at stop 54 (testkit/synth5), of
  letters, training certificates, title certificates and appraisal forms (names and employers in
  prose, tables, letterheads, sign-offs and footers, wrapped and letter-spaced): tuned on, as
  synth2;
- `real`: real public photos and scans annotated by hand (bench/real: truth/*.json, the images
  whose licence allows it in images/, the others rebuilt from a local mirror of their repository
  when one is present under /work/.mirror or $BLINDMASK_MIRRORS);
- `dev`: real development images (bench/real/dev, same format, other repositories): real
  material to tune on, so the real set stays a check.

Figures, per kind and per document type:
- recall: fraction of the applicant's items (name, employer, seal, eyes) covered over at least 90 % of
  their area by the union of accepted boxes (a box of any kind counts: a seal box hiding a name hides it);
- over-masking: fraction of other people's / organisations' items (name, org, seal, title, emblem)
  covered over at least 30 % by accepted boxes; the parts of such an item that lie under an applicant
  item do not count (masking the applicant's seal legitimately hides what it stamps on), and an item
  lying wholly under applicant items is not scored;
- stray boxes per page: accepted boxes that overlap no applicant item at all;
- seconds per page of Detector.propose_upright (orientation included; the first page, which loads the models, is
  reported apart);
- seal box bloat: for every seal item (applicant's or another's) with an accepted seal box on it,
  the area of the accepted seal boxes lying mostly on it or covering 90 % of it over the item's own box area (a box that
  covers the whole ring and nothing more is ~1.35 with the 8 % padding; the goal is at most 2).

Scoring is the pure function `score_pages(pages, proposals)`, importable by tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import cv2
import numpy as np

RECALL_COVER = 0.90
OVERMASK_COVER = 0.30
APPLICANT_KINDS = ("name", "employer", "seal", "eyes")
OTHER_KINDS = ("name", "org", "seal", "title", "emblem", "face")
#: A seal box whose area exceeds this many times its seal's is bloated.
MAX_BLOAT = 2.0


# --- geometry --------------------------------------------------------------------------------

def _box_of(region) -> tuple[int, int, int, int]:
    box = region["bbox"] if isinstance(region, dict) else region.bbox
    return tuple(int(round(v)) for v in box)


def _accepted(region) -> bool:
    return bool(region.get("accepted", True) if isinstance(region, dict) else getattr(region, "accepted", True))


def _item_mask(item) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Boolean mask of the item's polygon over its bbox (bbox-only items fill the box)."""
    x0, y0, x1, y1 = item.bbox
    w, h = max(1, x1 - x0), max(1, y1 - y0)
    poly = getattr(item, "polygon", None)
    if not poly:
        return np.ones((h, w), bool), (x0, y0, x1, y1)
    pts = np.array(poly, np.float64) - (x0, y0)
    mask = np.zeros((h, w), np.uint8)
    cv2.fillPoly(mask, [np.round(pts * 4).astype(np.int32)], 1, cv2.LINE_8, shift=2)
    if not mask.any():
        mask[:] = 1
    return mask.astype(bool), (x0, y0, x1, y1)


def _paint(mask: np.ndarray, origin, boxes) -> np.ndarray:
    """Boolean mask of `boxes` (page pixels) over a window at origin (x0, y0) of mask's shape."""
    ox, oy = origin
    h, w = mask.shape
    out = np.zeros((h, w), bool)
    for bx0, by0, bx1, by1 in boxes:
        a0, b0 = max(0, bx0 - ox), max(0, by0 - oy)
        a1, b1 = min(w, bx1 - ox), min(h, by1 - oy)
        if a1 > a0 and b1 > b0:
            out[b0:b1, a0:a1] = True
    return out


def coverage(item, boxes, exclude=()) -> float | None:
    """Fraction of the item's area under `boxes`; `exclude` items' areas are left out of both.

    None when nothing of the item is left after exclusion.
    """
    mask, (x0, y0, _, _) = _item_mask(item)
    if exclude:
        for other in exclude:
            if _overlap(item.bbox, other.bbox) <= 0:
                continue
            om, (ox0, oy0, ox1, oy1) = _item_mask(other)
            h, w = mask.shape
            a0, b0 = max(0, ox0 - x0), max(0, oy0 - y0)
            a1, b1 = min(w, ox1 - x0), min(h, oy1 - y0)
            if a1 > a0 and b1 > b0:
                sub = om[b0 + y0 - oy0:b1 + y0 - oy0, a0 + x0 - ox0:a1 + x0 - ox0]
                mask[b0:b1, a0:a1] &= ~sub
    total = int(mask.sum())
    if total == 0:
        return None
    covered = _paint(mask, (x0, y0), boxes) & mask
    return float(covered.sum()) / total


def _overlap(a, b) -> int:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)


# --- scoring ---------------------------------------------------------------------------------

def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def _mostly_on(box, target) -> bool:
    return _overlap(box, target) >= 0.5 * max(1, (box[2] - box[0]) * (box[3] - box[1]))


def score_page(page, regions) -> dict:
    """Per-page counts: applicant items hit/missed, other items over-masked, stray boxes."""
    boxes = [_box_of(r) for r in regions if _accepted(r)]
    applicant = [t for t in page.truth if t.owner == "applicant"]
    others = [t for t in page.truth if t.owner == "other"]
    items = []
    for t in applicant:
        c = coverage(t, boxes)
        items.append({"owner": "applicant", "kind": t.kind, "text": t.text, "bbox": list(t.bbox),
                      "tags": list(t.tags), "coverage": round(c or 0.0, 3), "ok": (c or 0.0) >= RECALL_COVER})
    for t in others:
        inside = [a for a in applicant if _overlap(a.bbox, t.bbox) > 0]
        c = coverage(t, boxes, exclude=inside)
        if c is None:
            continue
        items.append({"owner": "other", "kind": t.kind, "text": t.text, "bbox": list(t.bbox),
                      "tags": list(t.tags), "coverage": round(c, 3), "masked": c >= OVERMASK_COVER})
    bloat = []
    seal_boxes = [(_box_of(r), r) for r in regions if _accepted(r) and _kind_of(r) in ("seal", "other_seal")]
    for t in page.truth:
        if t.kind != "seal":
            continue
        area = max(1, (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
        # A box lying mostly on the seal, or one covering it whole however far it spreads (a box
        # drawn round a page's worth of patterned ground must not pass for a tight one) unless it
        # lies mostly on another seal (a big seal's box over a small name seal stamped in it).
        mine = [b for b, _ in seal_boxes
                if _mostly_on(b, t.bbox)
                or (_overlap(b, t.bbox) >= 0.9 * area
                    and not any(_mostly_on(b, o.bbox) for o in page.truth if o.kind == "seal" and o is not t))]
        if mine:
            ratio = sum((b[2] - b[0]) * (b[3] - b[1]) for b in mine) / area
            bloat.append({"owner": t.owner, "text": t.text, "bbox": list(t.bbox), "bloat": round(ratio, 3)})
    stray, stray_regions = [], []
    for r in regions:
        b = _box_of(r)
        if _accepted(r) and not any(_overlap(b, a.bbox) > 0 for a in applicant):
            stray.append(list(b))
            get = r.get if isinstance(r, dict) else lambda k, r=r: getattr(r, k, None)
            stray_regions.append({"kind": get("kind"), "text": get("text"), "bbox": list(b)})
    return {"items": items, "stray": stray, "stray_regions": stray_regions, "accepted": len(boxes), "bloat": bloat}


def _kind_of(region) -> str | None:
    return region.get("kind") if isinstance(region, dict) else getattr(region, "kind", None)


def score_pages(pages, proposals, seconds=None) -> dict:
    """Metrics for pages (SyntheticPage-like: .truth, .doc_type) and their proposals.

    proposals[i] is the list of regions for pages[i] (redaction.model.regions.Region or contract dicts
    with "bbox" and "accepted"). seconds: optional per-page detection times.
    """
    if len(pages) != len(proposals):
        raise ValueError("one list of proposals per page")
    recall = defaultdict(lambda: [0, 0])
    over = defaultdict(lambda: [0, 0])
    by_tag = defaultdict(lambda: [0, 0])
    by_type = defaultdict(lambda: {"pages": 0, "recall": [0, 0], "overmask": [0, 0], "stray": 0,
                                   "kinds": defaultdict(lambda: [0, 0])})
    misses, overmasked, strays, bloats = [], [], [], []
    stray_total = 0
    for i, (page, regions) in enumerate(zip(pages, proposals, strict=True)):
        s = score_page(page, regions)
        doc = getattr(page, "doc_type", "page")
        bt = by_type[doc]
        bt["pages"] += 1
        bt["stray"] += len(s["stray"])
        stray_total += len(s["stray"])
        rot = getattr(page, "rotation", 0)
        strays += [{"stem": getattr(page, "stem", str(i)), **r} for r in s["stray_regions"]]
        bloats += [{"stem": getattr(page, "stem", str(i)), **b} for b in s["bloat"]]
        for it in s["items"]:
            where = {"page": i, "doc_type": doc, "stem": getattr(page, "stem", str(i)), "rotation": rot}
            if it["owner"] == "applicant":
                recall[it["kind"]][1] += 1
                bt["recall"][1] += 1
                bt["kinds"][it["kind"]][1] += 1
                tags = set(it["tags"]) | ({f"rotated{rot}"} if rot else set())
                tags |= {t.split(":")[0] for t in tags if ":" in t}
                for tag in tags:
                    by_tag[tag][1] += 1
                if it["ok"]:
                    recall[it["kind"]][0] += 1
                    bt["recall"][0] += 1
                    bt["kinds"][it["kind"]][0] += 1
                    for tag in tags:
                        by_tag[tag][0] += 1
                else:
                    misses.append({**where, **it})
            else:
                over[it["kind"]][1] += 1
                bt["overmask"][1] += 1
                if it["masked"]:
                    over[it["kind"]][0] += 1
                    bt["overmask"][0] += 1
                    overmasked.append({**where, **it})
    n = len(pages)
    r_hit, r_tot = sum(v[0] for v in recall.values()), sum(v[1] for v in recall.values())
    o_hit, o_tot = sum(v[0] for v in over.values()), sum(v[1] for v in over.values())
    out = {
        "pages": n,
        "recall": {k: {"hit": v[0], "total": v[1], "ratio": _ratio(*v)} for k, v in sorted(recall.items())},
        "overmask": {k: {"hit": v[0], "total": v[1], "ratio": _ratio(*v)} for k, v in sorted(over.items())},
        "recall_all": _ratio(r_hit, r_tot),
        "overmask_all": _ratio(o_hit, o_tot),
        "stray_total": stray_total,
        "stray_per_page": round(stray_total / n, 3) if n else None,
        "recall_by_tag": {k: {"hit": v[0], "total": v[1], "ratio": _ratio(*v)} for k, v in sorted(by_tag.items())},
        "by_doc_type": {
            k: {"pages": v["pages"], "recall": _ratio(*v["recall"]), "overmask": _ratio(*v["overmask"]),
                "stray_per_page": round(v["stray"] / v["pages"], 3),
                "recall_by_kind": {kk: _ratio(*vv) for kk, vv in sorted(v["kinds"].items())}}
            for k, v in sorted(by_type.items())
        },
        "misses": misses,
        "overmasked": overmasked,
        "strays": strays,
        "seal_bloat": {
            "seals": len(bloats),
            "median": round(float(np.median([b["bloat"] for b in bloats])), 3) if bloats else None,
            "max": max((b["bloat"] for b in bloats), default=None),
            "over_limit": sum(1 for b in bloats if b["bloat"] > MAX_BLOAT),
        },
        "bloats": bloats,
    }
    if seconds:
        secs = list(seconds)
        out["seconds_per_page"] = round(float(np.mean(secs)), 3)
        out["seconds_first_page"] = round(float(secs[0]), 3)
        out["seconds_per_page_warm"] = round(float(np.mean(secs[1:])), 3) if len(secs) > 1 else out["seconds_per_page"]
    return out


def score_folder(folder, proposal_files) -> dict:
    """Score proposals JSON files (contract format, e.g. from `blindmask propose`) against a corpus
    written by testkit.corpus.write_corpus into `folder`. Documents are matched by path suffix; a
    truth document without proposals counts as nothing proposed."""
    from types import SimpleNamespace

    folder = Path(folder)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    found: dict[str, list] = {}
    for f in proposal_files:
        data = json.loads(Path(f).read_text(encoding="utf-8"))
        for doc in data.get("documents", []):
            found[Path(doc["path"]).as_posix()] = doc.get("pages") or []
    from testkit.corpus import GroundTruth

    pages, proposals = [], []
    for doc in truth["documents"]:
        match = next((v for k, v in found.items() if k.endswith(doc["path"])), [])
        by_index = {p.get("index", i): p for i, p in enumerate(match)}
        for tp in doc["pages"]:
            pages.append(SimpleNamespace(truth=[GroundTruth.from_json(t) for t in tp["truth"]],
                                         doc_type=doc["doc_type"], rotation=tp.get("rotation", 0),
                                         stem=doc["path"]))
            proposals.append((by_index.get(tp["index"]) or {}).get("regions", []))
    return score_pages(pages, proposals)


# --- report ----------------------------------------------------------------------------------

def _fmt(entry) -> str:
    if not entry or entry.get("ratio") is None:
        return "   -          "
    return f"{entry['ratio']:.3f} ({entry['hit']}/{entry['total']})".ljust(14)


def format_report(m: dict) -> str:
    lines = [f"pages: {m['pages']}   recall (>= {RECALL_COVER:.0%} covered): {m['recall_all']}   "
             f"over-masking (>= {OVERMASK_COVER:.0%} covered): {m['overmask_all']}   "
             f"stray boxes/page: {m['stray_per_page']}"]
    if "seconds_per_page" in m:
        lines[0] += (f"   s/page: {m['seconds_per_page']} (first {m['seconds_first_page']}, "
                     f"warm {m['seconds_per_page_warm']})")
    lines.append("")
    lines.append(f"{'kind':10s} {'recall':16s} {'over-masking':16s}")
    kinds = sorted(set(m["recall"]) | set(m["overmask"]), key=lambda k: (k not in APPLICANT_KINDS, k))
    for k in kinds:
        lines.append(f"{k:10s} {_fmt(m['recall'].get(k)):16s} {_fmt(m['overmask'].get(k)):16s}")
    lines.append("")
    lines.append(f"{'doc type':12s} {'pages':>5s} {'recall':>7s} {'over':>7s} {'stray/p':>8s}   recall by kind")
    for k, v in m["by_doc_type"].items():
        kinds = " ".join(f"{kk}={vv:.2f}" for kk, vv in v["recall_by_kind"].items() if vv is not None)
        rec = "-" if v["recall"] is None else f"{v['recall']:.3f}"
        ovm = "-" if v["overmask"] is None else f"{v['overmask']:.3f}"
        lines.append(f"{k:12s} {v['pages']:5d} {rec:>7s} {ovm:>7s} {v['stray_per_page']:8.2f}   {kinds}")
    sb = m.get("seal_bloat") or {}
    if sb.get("seals"):
        lines.append("")
        lines.append(f"seal box bloat (accepted seal box area / seal area): median {sb['median']}, "
                     f"max {sb['max']}, over {MAX_BLOAT:g}x: {sb['over_limit']} of {sb['seals']} seals")
    hard = {k: v for k, v in m["recall_by_tag"].items() if v["total"]}
    if hard:
        lines.append("")
        lines.append("recall by difficulty: " + "  ".join(
            f"{k}={v['ratio']:.2f}({v['hit']}/{v['total']})" for k, v in hard.items()))
    return "\n".join(lines)


def run(pages, engine: str | None = None, progress=None):
    """Detect on every page; returns (proposals, seconds, rotations): the clockwise turn that
    made each page upright."""
    from redaction.detect.orient import rotate_box
    from redaction.files.document import Page
    from redaction.pipeline.propose import Detector

    det = Detector() if engine is None else Detector(ocr=engine)
    proposals, seconds, rotations = [], [], []
    for i, sp in enumerate(pages):
        page = Page(sp.pixels, Path(f"{getattr(sp, 'stem', i)}.jpg"), 0, 1, getattr(sp, "dpi", None))
        t0 = time.perf_counter()
        upright, rotation, regions = det.propose_upright(page, sp.profile)
        seconds.append(time.perf_counter() - t0)
        rotations.append(rotation)
        if rotation:  # truth is in the page as scanned: map boxes back
            back = (360 - rotation) % 360
            regions = [r.with_bbox(rotate_box(r.bbox, back, upright.width, upright.height)) for r in regions]
        proposals.append(regions)
        if progress:
            progress(i, sp, regions, seconds[-1])
    return proposals, seconds, rotations


def orientation_report(pages, rotations) -> str | None:
    """Which turn BlindMask chose (clockwise) for the pages of each recorded turn (counter-clockwise,
    as the corpora record it; the two agree when the page was made upright). None for sets
    without turned pages."""
    if not all(hasattr(p, "rotation") for p in pages) or not any(p.rotation for p in pages):
        return None
    chosen: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for p, r in zip(pages, rotations, strict=True):
        chosen[p.rotation % 360][r % 360] += 1
    return "orientation (page's turn: turns chosen): " + "  ".join(
        f"{t}°: " + ",".join(f"{r}°×{n}" for r, n in sorted(chosen[t].items())) for t in sorted(chosen))


def heldout_pages(n: int, seed: int) -> list:
    """The held-out split as bench pages (its profile dicts made Profiles)."""
    from testkit.heldout import make_heldout

    return _spec_pages(make_heldout(n, seed))


def synth2_pages(n: int, seed: int) -> list:
    """The second spec-written generator's pages (tuned on) as bench pages."""
    from testkit.synth2 import make_pages

    return _spec_pages(make_pages(n, seed))


def synth3_pages(n: int, seed: int) -> list:
    """The appraisal-and-letter generator's pages (tuned on) as bench pages."""
    from testkit.synth3 import make_pages

    return _spec_pages(make_pages(n, seed))


def synth4_pages(n: int, seed: int) -> list:
    """The letter/award/appraisal/journal generator's pages (stop 41, tuned on) as bench pages."""
    from testkit.synth4 import make_pages

    return _spec_pages(make_pages(n, seed))


def synth5_pages(n: int, seed: int) -> list:
    """The letter/training/title-certificate/appraisal generator's pages (stop 54, tuned on) as bench pages."""
    from testkit.synth5 import make_pages

    return _spec_pages(make_pages(n, seed))


def _spec_pages(generated) -> list:
    """Pages of a generator written from testkit/heldout/SPEC.md (profile dicts made Profiles)."""
    from types import SimpleNamespace

    from redaction.model.profile import Profile

    out = []
    for p in generated:
        prof = p.profile
        out.append(SimpleNamespace(pixels=p.pixels, truth=p.truth, doc_type=p.doc_type, dpi=p.dpi,
                                   rotation=p.rotation, stem=p.stem,
                                   profile=Profile(name=prof["name"], employers=tuple(prof["employers"]),
                                                   aliases=tuple(prof.get("aliases", ())))))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", dest="which", default="own",
                    choices=("own", "heldout", "synth2", "synth3", "synth4", "synth5", "real", "dev"),
                    help="own synthetic corpus (tuned on), held-out synthetic split, the second generator "
                         "written from the held-out split's spec (tuned on), its appraisal-and-letter sibling "
                         "(synth3, tuned on), the fifth and sixth (synth4, synth5, tuned on), real public images, "
                         "or the real development images (bench/real/dev, tuned on)")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--engine", default=None, help="OCR engine name passed as Detector(ocr=NAME)")
    ap.add_argument("--types", default=None, help="comma-separated document types to keep")
    ap.add_argument("--only", default=None,
                    help="comma-separated parts of page ids: keep the pages whose id holds one (a dev round's images)")
    ap.add_argument("--json", dest="json_out", default=None, help="write the metrics here")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="list every miss, over-masked item and stray box")
    ap.add_argument("--write-corpus", metavar="DIR", default=None,
                    help="also write the corpus as files (JPEG/PDF, profiles, truth.json) for CLI runs")
    args = ap.parse_args(argv)

    root = Path(__file__).resolve().parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    t0 = time.perf_counter()
    if args.which in ("real", "dev"):
        from bench.realset import ROOT, load_real_pages

        pages = load_real_pages(ROOT / "dev" if args.which == "dev" else ROOT)
    elif args.which == "heldout":
        pages = heldout_pages(args.pages, args.seed)
    elif args.which == "synth2":
        pages = synth2_pages(args.pages, args.seed)
    elif args.which == "synth3":
        pages = synth3_pages(args.pages, args.seed)
    elif args.which == "synth4":
        pages = synth4_pages(args.pages, args.seed)
    elif args.which == "synth5":
        pages = synth5_pages(args.pages, args.seed)
    else:
        from testkit.corpus import make_corpus

        pages = make_corpus(args.pages, args.seed)
    if args.types:
        keep = set(args.types.split(","))
        pages = [p for p in pages if p.doc_type in keep]
    if args.only:
        parts = args.only.split(",")
        pages = [p for p in pages if any(part in p.stem for part in parts)]
    gen = time.perf_counter() - t0
    print(f"{args.which} set: {len(pages)} pages (seed {args.seed}) in {gen:.1f} s", file=sys.stderr)
    if args.write_corpus:
        if args.which != "own":
            ap.error("--write-corpus writes the own corpus only "
                     "(python -m testkit.heldout --out DIR for the held-out one)")
        from testkit.corpus import write_corpus

        write_corpus(pages, args.write_corpus)
        print(f"corpus written to {args.write_corpus}", file=sys.stderr)

    def progress(i, sp, regions, secs):
        acc = sum(1 for r in regions if _accepted(r))
        print(f"  [{i + 1}/{len(pages)}] {sp.stem:16s} {secs:5.2f} s  {acc} accepted", file=sys.stderr)

    proposals, seconds, rotations = run(pages, args.engine, progress)
    metrics = score_pages(pages, proposals, seconds)
    metrics["set"] = args.which
    metrics["seed"] = args.seed
    metrics["engine"] = args.engine
    print(format_report(metrics))
    orientation = orientation_report(pages, rotations)
    if orientation:
        print("\n" + orientation)
    if args.verbose:
        for title, rows in (("misses", metrics["misses"]), ("over-masked", metrics["overmasked"])):
            print(f"\n{title}:")
            for r in rows:
                print(f"  {r['stem']:16s} {r['kind']:8s} cov={r['coverage']:.2f} {r['text']!s:24s} "
                      f"{r['bbox']} {','.join(r['tags'])}")
        print("\nseal boxes (area over the seal's):")
        for r in metrics["bloats"]:
            print(f"  {r['stem']:16s} {r['owner']:9s} {r['bloat']:6.2f} {r['text']!s:24s} {r['bbox']}")
        print("\nstray boxes (accepted, over no applicant item):")
        for r in metrics["strays"]:
            print(f"  {r['stem']:16s} {r['kind']!s:10s} {r['text']!s:24s} {r['bbox']}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
