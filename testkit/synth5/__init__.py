"""synth5: synthetic scanned attachments (letter, training, title_cert, appraisal) with truth.

from testkit.synth5 import make_page, make_pages, DOC_TYPES
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import capture, data
from .docs import BUILDERS, PAGE_SIZE, Ctx
from .render import Canvas, Item, Term

__all__ = ["DOC_TYPES", "Item", "Page", "make_page", "make_pages"]

DOC_TYPES = ("letter", "training", "title_cert", "appraisal")
DOTS = {"•": "bullet", ".": "period", "・": "katakana", "": "none"}


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


def _profile(rng):
    name, eth, gender = data.APPLICANTS[int(rng.integers(len(data.APPLICANTS)))]
    region, full, shorts = data.EMPLOYERS[int(rng.integers(len(data.EMPLOYERS)))]
    aliases = [name.replace("·", d) for d in DOTS] if "·" in name else []
    profile = {"name": name, "employers": [full] + list(shorts), "aliases": aliases}
    return profile, region, eth, gender


def _conflicts(a, forms):
    return any(a in f or f in a for f in forms)


def make_page(seed: int, index: int) -> Page:
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, int(index), 55])
    doc_type = DOC_TYPES[index % len(DOC_TYPES)]
    profile, region, eth, gender = _profile(rng)
    name = profile["name"]
    full, short = profile["employers"][0], profile["employers"][1]
    spaced = []
    if "·" not in name and len(name) <= 3:
        spaced = ["\u3000".join(name), " ".join(name)]
    # term registry: applicant forms, then the page's other people and organisations
    terms = [Term(name, "name", "applicant", ("dot:middle",) if "·" in name else ())]
    for d, a in zip(DOTS, profile["aliases"], strict=False):
        terms.append(Term(a, "name", "applicant", (f"dot:{DOTS[d]}",)))
    terms += [Term(s, "name", "applicant", ("letter_spaced",)) for s in spaced]
    terms += [Term(full, "employer", "applicant"), Term(short, "employer", "applicant", ("short",))]
    app_forms = [t.form for t in terms]
    people = [p for p in data.OTHER_PEOPLE if not _conflicts(p, app_forms)]
    others = [people[k] for k in rng.permutation(len(people))[:6]]
    sister_suffix = [s for s in data.SISTER_SUFFIXES if not _conflicts(region + s, app_forms)]
    sister = region + sister_suffix[int(rng.integers(len(sister_suffix)))]
    hr = region + ("人力资源和社会保障局" if region not in ("新疆维吾尔自治区",) else "人力资源和社会保障厅")
    if region == "新疆生产建设兵团":
        hr = "新疆生产建设兵团人力资源和社会保障局"
    centre = data.TRAINING_CENTRES[int(rng.integers(len(data.TRAINING_CENTRES)))]
    auth = data.AUTHORITIES[int(rng.integers(len(data.AUTHORITIES)))]
    if doc_type == "title_cert" and auth == "自治区高级专业技术职务评审委员会":
        auth = data.AUTHORITIES[0]
    uni = data.UNIVERSITIES[int(rng.integers(len(data.UNIVERSITIES)))]
    prof = data.PROFESSIONS[int(rng.integers(len(data.PROFESSIONS)))]
    level = "高级" if ("高级" in prof[1] or "副" in prof[1]) else "中级"
    committee = f"新疆维吾尔自治区{prof[2]}系列{level}专业技术职务评审委员会"
    other_orgs = set(
        [sister, hr, centre, auth, committee, "自治区职称改革工作领导小组办公室"]
        + data.UNIVERSITIES
        + data.AUTHORITIES
        + data.TRAINING_CENTRES
    )
    other_orgs = [o for o in other_orgs if not _conflicts(o, app_forms)]
    terms += [Term(p, "name", "other") for p in data.OTHER_PEOPLE if not _conflicts(p, app_forms)]
    terms += [Term(o, "org", "other") for o in other_orgs]
    info = {
        "spaced": spaced or [name],
        "others": others,
        "sister": sister,
        "hr": hr,
        "centre": centre,
        "auth": auth,
        "uni": uni,
        "prof": prof,
        "committee": committee,
        "eth": eth,
        "gender": gender,
        "city": data.CITIES.get(region, ("乌鲁木齐", "830000")),
    }

    cap = rng.choice(["scan", "grey", "phone"], p=[0.5, 0.25, 0.25])
    dpi = (
        float(rng.choice([150, 200, 240, 300], p=[0.3, 0.35, 0.2, 0.15]))
        if cap != "phone"
        else float(rng.choice([180, 200, 220]))
    )
    wmm, hmm = PAGE_SIZE[doc_type]
    W, H = int(round(wmm / 25.4 * dpi)), int(round(hmm / 25.4 * dpi))
    paper = tuple(int(v) for v in (rng.integers(236, 252), rng.integers(234, 250), rng.integers(225, 246)))
    cv = Canvas(W, H, dpi, rng, terms, paper)
    ctx = Ctx(rng, profile, info, cv)
    subtype = BUILDERS[doc_type](ctx)
    raws = cv.collect()
    # overlap tags between seals and text
    seals = [r for r in raws if r.kind == "seal"]
    for s in seals:
        sx0, sy0 = s.points.min(0)
        sx1, sy1 = s.points.max(0)
        for r in raws:
            if r.kind == "seal" or r.rect is None:
                continue
            x0, y0, x1, y1 = r.rect
            if x0 < sx1 and x1 > sx0 and y0 < sy1 and y1 > sy0:
                if "under_seal" not in r.tags:
                    r.tags.append("under_seal")
                if "over_text" not in s.tags:
                    s.tags.append("over_text")
    rgb = cv.composite()
    extra = []
    if cap == "scan":
        img, Hm, skew = capture.scan(rgb, rng, paper)
        out_dpi = dpi
    elif cap == "grey":
        img, Hm, skew = capture.grey(rgb, rng, paper)
        out_dpi = dpi
        extra.append("grey")
        for r in raws:
            r.tags = [t for t in r.tags if t != "red"]
    else:
        img, Hm, page_w = capture.phone(rgb, rng)
        out_dpi = float(page_w / (wmm / 25.4))  # portrait A4: page width px / 8.27
        extra.append("phone_photo")
    rot = 0
    if rng.random() < 0.12:
        k = int(rng.integers(1, 4))
        h0, w0 = img.shape[:2]
        Hm = capture.rot_matrix(k, w0, h0) @ Hm
        img = np.ascontiguousarray(np.rot90(img, k))
        rot = 90 * k
        extra.append(f"rotated{rot}")
    h, w = img.shape[:2]
    truth = capture.items_from_raws(raws, Hm, w, h, extra)
    bgr = np.ascontiguousarray(img[..., ::-1])
    return Page(bgr, truth, doc_type, profile, round(out_dpi, 2), rot, f"{index:03d}-{doc_type}", str(cap), subtype)


def make_pages(n: int, seed: int) -> list[Page]:
    return [make_page(seed, i) for i in range(n)]
