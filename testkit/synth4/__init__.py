"""synth4: synthetic attachment pages (letter, award, appraisal, journal) with exact truth.

Written from testkit/heldout/SPEC.md and the task brief only; see README.md."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import capture
from .docs import BUILDERS, Ctx

DOC_TYPES = ("letter", "award", "appraisal", "journal")


@dataclass
class Item:
    kind: str
    bbox: list
    text: str | None
    owner: str
    polygon: list | None = None
    tags: tuple = ()

    def as_dict(self):
        return dict(
            kind=self.kind,
            bbox=[int(v) for v in self.bbox],
            text=self.text,
            owner=self.owner,
            polygon=None if self.polygon is None else [[float(x), float(y)] for x, y in self.polygon],
            tags=list(self.tags),
        )


@dataclass
class Page:
    pixels: np.ndarray
    truth: list
    doc_type: str
    profile: dict
    dpi: float
    rotation: int
    stem: str
    capture: str = "scan"
    subtype: str = ""


def _rect_poly(hull):
    x0, y0 = hull.min(0) - 0.5
    x1, y1 = hull.max(0) + 0.5
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)


def make_page(seed: int, index: int) -> Page:
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, int(index), 4])
    doc_type = DOC_TYPES[index % len(DOC_TYPES)]
    ctx = Ctx(rng)
    r = rng.random()
    cap = "scan" if r < 0.42 else "grey" if r < 0.65 else "phone"
    dpi = float(rng.choice([150, 200, 200, 240, 300])) if cap != "phone" else 200.0
    cv, subtype = BUILDERS[doc_type](rng, ctx, dpi)
    items = cv.items
    for it in items:
        if it["poly"] is None:
            it["poly"] = _rect_poly(it["hull"])
    img = cv.img
    if cap == "phone":
        img, dpi = capture.phone(img, items, rng)
        for it in items:
            it["tags"].add("phone_photo")
    else:
        img = capture.scan(img, items, rng, grey=(cap == "grey"))
    for it in items:
        if it["kind"] == "seal" and cap == "grey":
            it["tags"].discard("red")
            it["tags"].add("grey")
    rotation = 0
    if doc_type == "appraisal" and rng.random() < 0.4:
        rotation = 90 if rng.random() < 0.5 else 270
    elif rng.random() < 0.04:
        rotation = 180
    if rotation:
        img = capture.rotate(img, items, rotation // 90)
        for it in items:
            it["tags"].add(f"rotated{rotation}")
    H, W = img.shape[:2]
    truth = []
    for it in items:
        h = it["hull"]
        x0 = max(0, int(math.floor(h[:, 0].min())))
        y0 = max(0, int(math.floor(h[:, 1].min())))
        x1 = min(W, int(math.ceil(h[:, 0].max())))
        y1 = min(H, int(math.ceil(h[:, 1].max())))
        if x1 <= x0 or y1 <= y0:
            continue
        truth.append(
            Item(
                it["kind"],
                [x0, y0, x1, y1],
                it["text"],
                it["owner"],
                [(float(x), float(y)) for x, y in it["poly"]],
                tuple(sorted(it["tags"])),
            )
        )
    profile = {"name": ctx.canon, "employers": list(ctx.employers), "aliases": list(ctx.aliases)}
    bgr = np.ascontiguousarray(img[..., ::-1])
    return Page(bgr, truth, doc_type, profile, float(round(dpi, 1)), rotation, f"{index:03d}-{doc_type}", cap, subtype)


def make_pages(n: int, seed: int) -> list:
    return [make_page(seed, i) for i in range(n)]


__all__ = ["make_page", "make_pages", "DOC_TYPES", "Item", "Page"]
