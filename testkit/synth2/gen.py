"""Page assembly: pick applicant, layout, capture; finish the truth tags; write pages."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np

from . import lists as L
from .core import Canvas, Item, Synth2Page
from .docs import LAYOUTS, Ctx, page_size
from .scan import deliver

DOC_TYPES = ["id_card", "diploma", "title_cert", "appraisal", "training", "award", "journal", "letter"]
TEXT_KINDS = {"name", "employer", "org", "title"}


def _overlap(a, b) -> float:
    """Share of box a covered by box b."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(1e-6, (a[2] - a[0]) * (a[3] - a[1]))


def _box(poly):
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    return min(xs), min(ys), max(xs), max(ys)


def _seal_tags(items: list[Item]):
    """under_seal / over_text where a seal's inner disc runs over printed text (content frame)."""
    seals = [it for it in items if it.kind == "seal"]
    for s in seals:
        x0, y0, x1, y1 = _box(s.polygon)
        dx, dy = (x1 - x0) * 0.1, (y1 - y0) * 0.1
        inner = (x0 + dx, y0 + dy, x1 - dx, y1 - dy)
        for it in items:
            if it.kind in TEXT_KINDS and _overlap(_box(it.polygon), inner) > 0.08:
                if "under_seal" not in it.tags:
                    it.tags = it.tags + ("under_seal",)
                if "over_text" not in s.tags:
                    s.tags = s.tags + ("over_text",)


def make_page(seed: int, index: int) -> Synth2Page:
    rng = np.random.default_rng([int(seed), int(index), 0x5E2])
    doc_type = DOC_TYPES[index % len(DOC_TYPES)]
    app = L.APPLICANTS[int(rng.integers(len(L.APPLICANTS)))]
    face = int(rng.integers(1000))
    # capture first: it sets the resolution we draw at
    r = rng.random()
    if doc_type == "id_card":
        mode = "copy" if r < 0.55 else ("phone" if r < 0.75 else "flatbed")
    else:
        mode = "copy" if r < 0.2 else ("phone" if r < 0.4 else "flatbed")
    dpi = 170 if mode == "phone" else int(rng.choice([150, 200, 240, 300], p=[0.3, 0.35, 0.15, 0.2]))
    w_mm, h_mm = page_size(doc_type, rng)
    paper = (252, 252, 250) if doc_type not in ("diploma", "award") else (251, 248, 240)
    cv = Canvas(w_mm, h_mm, dpi, rng, paper)
    ctx = Ctx(cv, rng, app, face)
    # a second stream for later additions to a layout, so the pages drawn before stay the same
    ctx.side = np.random.default_rng([int(seed), int(index), 0x5E3])
    LAYOUTS[doc_type](ctx)
    _seal_tags(cv.items)
    for it in cv.items:
        extra = []
        if mode == "copy" and (it.kind in ("seal", "emblem") or "red" in it.tags or it.kind == "title"):
            extra.append("grey")
        if mode == "phone":
            extra.append("phone_photo")
        it.tags = it.tags + tuple(t for t in extra if t not in it.tags)
    rr = rng.random()
    rotation = 0 if rr < 0.9 else int(rng.choice([90, 270, 180], p=[0.4, 0.3, 0.3]))
    rgb = np.asarray(cv.img)
    pixels, truth, photos = deliver(rgb, cv.items, cv.photo_polys, mode, rotation, rng)
    if rotation:
        t = "upside_down" if rotation == 180 else "sideways"
        for it in truth:
            it.tags = it.tags + (t,)
    aliases = [app.name.replace("·", "")] if app.dotted else []
    profile = {"name": app.name, "aliases": aliases, "employers": [app.employer] + list(app.shorts)}
    return Synth2Page(
        pixels=pixels,
        truth=truth,
        doc_type=doc_type,
        profile=profile,
        dpi=None if mode == "phone" else dpi,
        rotation=rotation,
        stem=f"{index:03d}-{doc_type}",
        meta={"mode": mode, "photos": photos},
    )


def make_pages(n: int, seed: int) -> list[Synth2Page]:
    return [make_page(seed, i) for i in range(n)]


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write_pages(pages: list[Synth2Page], folder, overlay: bool = False) -> None:
    folder = Path(folder)
    (folder / "profiles").mkdir(parents=True, exist_ok=True)
    doc = {"version": 1, "pages": []}
    for p in pages:
        ok, buf = cv2.imencode(".jpg", p.pixels, [cv2.IMWRITE_JPEG_QUALITY, 92])
        (folder / f"{p.stem}.jpg").write_bytes(buf.tobytes())
        prof = p.profile
        (folder / "profiles" / f"{p.stem}.toml").write_text(
            f"name = {_toml_str(prof['name'])}\n"
            f"aliases = [{', '.join(_toml_str(a) for a in prof['aliases'])}]\n"
            f"employers = [{', '.join(_toml_str(e) for e in prof['employers'])}]\n",
            encoding="utf-8",
        )
        doc["pages"].append(
            {
                "stem": p.stem,
                "file": f"{p.stem}.jpg",
                "doc_type": p.doc_type,
                "dpi": p.dpi,
                "rotation": p.rotation,
                "profile": prof,
                "truth": [it.as_dict() for it in p.truth],
            }
        )
        if overlay:
            im = p.pixels.copy()
            for it in p.truth:
                col = (0, 0, 255) if it.owner == "applicant" else (0, 170, 0)
                if it.polygon:
                    cv2.polylines(im, [np.round(np.array(it.polygon)).astype(np.int32)], True, col, 2)
                x0, y0, x1, y1 = it.bbox
                cv2.rectangle(im, (x0, y0), (x1 - 1, y1 - 1), col, 1)
            cv2.imwrite(str(folder / f"{p.stem}-truth.png"), im)
    (folder / "truth.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
