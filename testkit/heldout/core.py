"""make_heldout / write_heldout / overlays."""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field

import cv2
import numpy as np

from testkit.heldout import lists, scan
from testkit.heldout.docs import DOCS, Ctx

DOC_TYPES = ["id_card", "diploma", "title_cert", "appraisal", "training", "award", "journal", "letter"]


@dataclass
class Item:
    kind: str
    bbox: tuple
    text: str | None
    owner: str
    polygon: list | None
    tags: tuple = ()

    def to_dict(self):
        return {"kind": self.kind, "bbox": list(self.bbox), "text": self.text, "owner": self.owner,
                "polygon": None if self.polygon is None else [[x, y] for x, y in self.polygon],
                "tags": list(self.tags)}


@dataclass
class HeldoutPage:
    pixels: np.ndarray
    truth: list
    doc_type: str
    profile: dict
    dpi: int | None
    rotation: int
    stem: str
    scan_mode: str = field(default="flatbed", repr=False)


def profile_of(a: dict) -> dict:
    return {"name": a["name"], "aliases": [a["name"].replace("·", "")] if "·" in a["name"] else [],
            "employers": list(a["employers"])}


def _overlap(poly_a, poly_b) -> float:
    a = np.asarray(poly_a, np.float32)
    b = np.asarray(poly_b, np.float32)
    ax0, ay0 = a.min(0)
    ax1, ay1 = a.max(0)
    bx0, by0 = b.min(0)
    bx1, by1 = b.max(0)
    if ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0:
        return 0.0
    area, _ = cv2.intersectConvexConvex(cv2.convexHull(a), cv2.convexHull(b))
    return float(area)


def _tag_overprint(items, ink):
    """under_seal on text items a seal covers; over_text on seals stamped over printed text."""
    seals = [it for it in items if it["kind"] == "seal"]
    for s in seals:
        for it in items:
            if it is s or it["kind"] in ("seal", "eyes", "face", "emblem"):
                continue
            ov = _overlap(s["poly"], it["poly"])
            box = np.asarray(it["poly"])
            area = float(np.ptp(box[:, 0]) * np.ptp(box[:, 1])) or 1.0
            if ov > 0.05 * area:
                it["tags"].add("under_seal")
        for r in ink:
            box = np.asarray(r)
            area = float(np.ptp(box[:, 0]) * np.ptp(box[:, 1])) or 1.0
            if _overlap(s["poly"], r) > 0.05 * area:
                s["tags"].add("over_text")
                break


def make_page(i: int, seed: int) -> HeldoutPage:
    rng = np.random.default_rng([int(seed), int(i), 20240917])
    doc_type = DOC_TYPES[i % len(DOC_TYPES)]
    app = lists.APPLICANTS[int(rng.integers(len(lists.APPLICANTS)))]
    # scan mode and resolution
    u = rng.random()
    if doc_type == "id_card":
        mode = "photocopy" if u < 0.6 else "flatbed" if u < 0.85 else "phone"
    else:
        mode = "flatbed" if u < 0.6 else "photocopy" if u < 0.75 else "phone"
    dpi = int(rng.choice([150, 200, 200, 240, 300])) if mode != "phone" else int(rng.choice([150, 180, 200]))
    ctx = Ctx(app, rng, dpi)
    page = DOCS[doc_type](ctx)
    img = page.finish()
    items = page.items
    _tag_overprint(items, page.ink)
    H = np.eye(3)
    if mode == "photocopy":
        img = scan.photocopy(img, rng)
        img, M = scan.flatbed(img, rng)
        H = M @ H
    elif mode == "flatbed":
        img = scan.paper_tone(img, rng)
        img, M = scan.flatbed(img, rng)
        H = M @ H
    else:
        img = scan.paper_tone(img, rng)
        img, M = scan.phone(img, rng)
        H = M @ H
    r = rng.random()
    k = 0 if r < 0.9 else 1 if r < 0.94 else 3 if r < 0.97 else 2
    img, M = scan.deliver_rotation(img, k)
    H = M @ H
    hh, ww = img.shape[:2]
    truth = []
    extra = set()
    if mode == "photocopy":
        extra.add("grey")
    if mode == "phone":
        extra.add("phone_photo")
    if k in (1, 3):
        extra.add("sideways")
    if k == 2:
        extra.add("upside_down")
    for it in items:
        pts = np.round(scan.apply_h(H, it["poly"]), 2)
        x0 = int(math.floor(pts[:, 0].min()))
        y0 = int(math.floor(pts[:, 1].min()))
        x1 = int(math.ceil(pts[:, 0].max()))
        y1 = int(math.ceil(pts[:, 1].max()))
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(ww, x1), min(hh, y1)
        if x1 <= x0 or y1 <= y0:
            continue
        tags = set(it["tags"]) | extra
        truth.append(Item(kind=it["kind"], bbox=(x0, y0, x1, y1), text=it["text"], owner=it["owner"],
                          polygon=[(round(float(x), 2), round(float(y), 2)) for x, y in pts],
                          tags=tuple(sorted(tags))))
    bgr = np.ascontiguousarray(img[..., ::-1])
    return HeldoutPage(pixels=bgr, truth=truth, doc_type=doc_type, profile=profile_of(app),
                       dpi=None if mode == "phone" else dpi, rotation=90 * k,
                       stem=f"{i:03d}-{doc_type.replace('_', '-')}", scan_mode=mode)


def make_heldout(n_pages: int, seed: int) -> list[HeldoutPage]:
    return [make_page(i, seed) for i in range(n_pages)]


def _slug_of(name: str) -> str:
    for a in lists.APPLICANTS:
        if a["name"] == name:
            return a["slug"]
    return "applicant"


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write_heldout(pages, folder: str, overlay: bool = False) -> None:
    os.makedirs(os.path.join(folder, "profiles"), exist_ok=True)
    out = {"version": 1, "pages": []}
    seen = set()
    for pg in pages:
        fn = pg.stem + ".jpg"
        ok, enc = cv2.imencode(".jpg", pg.pixels, [cv2.IMWRITE_JPEG_QUALITY, 92])
        assert ok
        with open(os.path.join(folder, fn), "wb") as fh:
            fh.write(enc.tobytes())
        slug = _slug_of(pg.profile["name"])
        if slug not in seen:
            seen.add(slug)
            pr = pg.profile
            with open(os.path.join(folder, "profiles", slug + ".toml"), "w", encoding="utf-8") as fh:
                fh.write(f"name = {_toml_str(pr['name'])}\n")
                fh.write("aliases = [" + ", ".join(_toml_str(a) for a in pr["aliases"]) + "]\n")
                fh.write("employers = [" + ", ".join(_toml_str(e) for e in pr["employers"]) + "]\n")
        out["pages"].append({"stem": pg.stem, "file": fn, "doc_type": pg.doc_type, "dpi": pg.dpi,
                             "rotation": pg.rotation, "profile": pg.profile,
                             "truth": [it.to_dict() for it in pg.truth]})
        if overlay:
            cv2.imwrite(os.path.join(folder, pg.stem + "-truth.png"), draw_overlay(pg))
    with open(os.path.join(folder, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)


def draw_overlay(pg: HeldoutPage) -> np.ndarray:
    im = pg.pixels.copy()
    t = max(2, int(round(max(im.shape[:2]) / 900)))
    for it in pg.truth:
        col = (0, 0, 255) if it.owner == "applicant" else (0, 170, 0)
        pts = np.round(np.array(it.polygon)).astype(np.int32)
        cv2.polylines(im, [pts], True, col, t, cv2.LINE_AA)
        x0, y0, x1, y1 = it.bbox
        cv2.rectangle(im, (x0, y0), (x1 - 1, y1 - 1), col, 1)
        cv2.putText(im, it.kind, (x0, max(12, y0 - 3)), cv2.FONT_HERSHEY_SIMPLEX, 0.4 * t, col, max(1, t // 2),
                    cv2.LINE_AA)
    return im
