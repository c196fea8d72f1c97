"""synth3: synthetic appraisal forms (年度考核登记表) and employer letters (单位证明/推荐信) with
exact truth, written from testkit/heldout/SPEC.md and testkit/spec.py alone.

    from testkit.synth3 import make_page, make_pages, DOC_TYPES, write_pages
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import cv2
import numpy as np

from . import capture, data, layouts
from .render import Canvas, pick

DOC_TYPES = ("appraisal", "letter")
A4 = (210.0, 297.0)


@dataclass
class Item:
    kind: str
    bbox: tuple
    text: str | None
    owner: str
    polygon: list | None = None
    tags: tuple = ()

    def as_dict(self):
        return dict(
            kind=self.kind,
            bbox=list(self.bbox),
            text=self.text,
            owner=self.owner,
            polygon=None if self.polygon is None else [[round(x, 1), round(y, 1)] for x, y in self.polygon],
            tags=list(self.tags),
        )


@dataclass
class Page:
    pixels: np.ndarray
    truth: list
    doc_type: str
    profile: dict
    dpi: int | None
    rotation: int
    stem: str
    capture: str = ""
    tags: tuple = field(default_factory=tuple)


def _person(rng, idx):
    name, sex, eth, birth, place = data.APPLICANTS[idx]
    job, major = data.JOBS[idx % len(data.JOBS)]
    start_y = int(birth[:4]) + int(rng.integers(21, 25))
    return dict(
        canon=name,
        sex=sex,
        eth=eth,
        birth=birth,
        place=place,
        job=job,
        major=major,
        start=f"{start_y}.{int(rng.integers(7, 10)):02d}",
    )


def _profile(rng, idx):
    p = _person(rng, idx)
    canon = p["canon"]
    tags = []
    disp = canon
    if "·" in canon:
        r = rng.random()
        variant = "·" if r < 0.45 else pick(rng, ["•", ".", "・", ""])
        disp = canon.replace("·", variant)
        tags.append("dot:" + ({"·": "middle", "•": "bullet", ".": "period", "・": "katakana", "": "none"}[variant]))
    p["name"] = disp
    p["name_nodot"] = canon.replace("·", "")
    aliases = []
    for v in ("·", "•", ".", "・", ""):
        a = canon.replace("·", v)
        if a != canon and "·" in canon and a not in aliases:
            aliases.append(a)
    if len(canon) == 2:
        aliases += [canon[0] + "　" + canon[1], canon[0] + " " + canon[1]]
    emp = data.EMPLOYERS[idx % len(data.EMPLOYERS)]
    profile = dict(name=canon, aliases=aliases, employers=[emp[0]] + list(emp[1]))
    return p, profile, emp, tags


def make_page(seed: int, index: int) -> Page:
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, int(index), 3303])
    doc_type = DOC_TYPES[index % 2]
    stem = f"{index:03d}-{doc_type}"
    idx = int(rng.integers(len(data.APPLICANTS)))
    person, profile, emp, name_tags = _profile(rng, idx)
    # other organisations: the prefecture's authorities and sister units first, then generic ones
    local = list(data.OTHER_ORGS[emp[2]])
    rng.shuffle(local)
    others = local + [pick(rng, data.GENERIC_ORGS)]
    people = [p for p in data.OTHER_PEOPLE]
    rng.shuffle(people)
    people = people[:6]

    # capture kind and resolution
    r = rng.random()
    kind = "scan" if r < 0.6 else ("grey" if r < 0.8 else "phone")
    if kind == "phone":
        dpi = None
        ppmm = rng.uniform(150, 185) / 25.4
    else:
        dpi = int(pick(rng, [150, 150, 200, 200, 300]))
        ppmm = dpi / 25.4

    cv = Canvas(*A4, ppmm)
    ctx = layouts.Ctx(rng, dict(_name_tags=name_tags), person, (emp[0], list(emp[1])), others, people)
    page_tags = set()
    if doc_type == "appraisal":
        layouts.appraisal(cv, ctx, page_tags)
    else:
        layouts.letter(cv, ctx, page_tags)

    # capture
    if kind == "phone":
        img, fmap = capture.phone(cv.img, rng, ppmm)
        cap_tags = {"phone_photo"}
    else:
        img, fmap = capture.scan(cv.img, rng, ppmm, grey=(kind == "grey"))
        cap_tags = {"grey"} if kind == "grey" else {"scan"}
    rotation = 0
    if rng.random() < 0.1:
        k = int(rng.integers(1, 4))
        img, rmap = capture.rotate(img, k)
        rotation = 90 * k
        cap_tags.add(f"rotated{rotation}")
        fmap = _then(fmap, rmap)

    truth = _finish_truth(cv, fmap, img.shape[1], img.shape[0], cap_tags | page_tags)
    return Page(
        pixels=img,
        truth=truth,
        doc_type=doc_type,
        profile=profile,
        dpi=dpi,
        rotation=rotation,
        stem=stem,
        capture=kind,
        tags=tuple(sorted(page_tags)),
    )


def _box_of(pts):
    return (float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max()))


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _finish_truth(cv, fmap, W, H, extra_tags):
    # over_text / under_seal in the page frame
    seals = [it for it in cv.items if it["poly"] is not None]
    texts = [it for it in cv.items if it["hull"] is not None]
    for s in seals:
        sb = _box_of(s["poly"])
        c = ((sb[0] + sb[2]) / 2, (sb[1] + sb[3]) / 2)
        r = (sb[2] - sb[0]) / 2
        for t in texts:
            tb = _box_of(t["hull"])
            # distance from seal centre to the text box
            dx = max(tb[0] - c[0], 0, c[0] - tb[2])
            dy = max(tb[1] - c[1], 0, c[1] - tb[3])
            if dx * dx + dy * dy < r * r:
                t["tags"].add("under_seal")
    carry = {t for t in extra_tags if t in ("grey", "phone_photo") or t.startswith("rotated")}
    out = []
    for it in cv.items:
        if it["hull"] is not None:
            hull = it["hull"]
            ink = fmap(hull)
            x0, y0 = np.floor(ink.min(0))
            x1, y1 = np.ceil(ink.max(0))
            hb = _box_of(hull)
            quad = fmap(np.array([[hb[0], hb[1]], [hb[2], hb[1]], [hb[2], hb[3]], [hb[0], hb[3]]]))
        else:
            poly = fmap(it["poly"])
            x0, y0 = np.floor(poly.min(0))
            x1, y1 = np.ceil(poly.max(0))
            quad = poly
        x0, y0 = int(max(0, x0)), int(max(0, y0))
        x1, y1 = int(min(W, x1)), int(min(H, y1))
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        polygon = [(float(min(max(px, x0), x1)), float(min(max(py, y0), y1))) for px, py in quad]
        tags = tuple(sorted(it["tags"] | carry))
        out.append(
            Item(kind=it["kind"], bbox=(x0, y0, x1, y1), text=it["text"], owner=it["owner"], polygon=polygon, tags=tags)
        )
    return out


def make_pages(n: int, seed: int):
    return [make_page(seed, i) for i in range(n)]


def write_pages(pages, folder, overlay=False):
    os.makedirs(folder, exist_ok=True)
    os.makedirs(os.path.join(folder, "profiles"), exist_ok=True)
    recs = []
    for p in pages:
        fn = p.stem + ".jpg"
        cv2.imwrite(os.path.join(folder, fn), p.pixels, [cv2.IMWRITE_JPEG_QUALITY, 92])
        recs.append(
            dict(
                stem=p.stem,
                file=fn,
                doc_type=p.doc_type,
                dpi=p.dpi,
                rotation=p.rotation,
                capture=p.capture,
                profile=p.profile,
                truth=[t.as_dict() for t in p.truth],
            )
        )
        pr = p.profile
        with open(os.path.join(folder, "profiles", pr["name"].replace("·", "") + ".toml"), "w", encoding="utf-8") as f:
            f.write(f"name = {json.dumps(pr['name'], ensure_ascii=False)}\n")
            f.write(f"aliases = {json.dumps(pr['aliases'], ensure_ascii=False)}\n")
            f.write(f"employers = {json.dumps(pr['employers'], ensure_ascii=False)}\n")
        if overlay:
            im = p.pixels.copy()
            t = max(2, im.shape[1] // 800)
            for it in p.truth:
                col = (0, 0, 255) if it.owner == "applicant" else (0, 170, 0)
                cv2.rectangle(im, it.bbox[:2], (it.bbox[2] - 1, it.bbox[3] - 1), col, t)
                if it.polygon is not None and it.kind == "seal":
                    cv2.polylines(im, [np.round(np.array(it.polygon)).astype(np.int32)], True, col, max(1, t - 1))
            cv2.imwrite(os.path.join(folder, p.stem + "-truth.png"), im, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    with open(os.path.join(folder, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(dict(version=1, generator="synth3", pages=recs), f, ensure_ascii=False, indent=1)


def _then(first, second):
    """The point map `second(first(pts))`."""

    def both(pts):
        return second(first(pts))

    return both
