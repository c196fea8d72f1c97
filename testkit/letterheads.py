"""A stress set of letterheads: the employer's name printed at the head of a page as bureaus and
companies print it, then scanned or photographed.

Variants (`VARIANTS`):

- ``wenjian``: a red-header document (红头文件): XX市XX局文件 in red bold song/hei, 70–110 px at
  200 dpi, squeezed to fit the page when long, over a red rule (often with a star), the document
  number between;
- ``spaced``: the name alone, letter-spaced one or two character widths, red or black, 60–100 px;
- ``huge``: a short name at 120–150 px, bold, red or black;
- ``logo``: a round logo or emblem at the left of the name (70–90 px), a rule under it;
- ``english``: the name with its English name under it in small capitals (~22–30 px);
- ``brand``: a company letterhead: the short brand name large beside a logo, the full name in
  the footer and in the body (the profile lists the full name; ``alias=True`` adds the short form);
- ``phone``: a ``wenjian`` or ``spaced`` letterhead photographed with perspective.

Every page carries the employer once or twice more in the body (a letter's sign-off), so a page
is a real page to read, and one other organisation named (an addressee) that must stay visible.
Truth: `employer` items owned by the applicant, tagged ``letterhead`` for the head's.
"""

from __future__ import annotations

import cv2
import numpy as np

from redaction.model.profile import Profile
from testkit.corpus import (
    A4,
    DPI,
    RED_PRINT,
    Canvas,
    F,
    Oth,
    ScanSettings,
    SyntheticPage,
    _star,
    phone_photo,
    scan,
    text_width,
    transform_truth,
    transform_truth_h,
)

VARIANTS = ("wenjian", "spaced", "huge", "logo", "english", "brand", "phone")

#: (full official name, short form, English name). Bureaus first, then companies (brand = short).
EMPLOYERS = (
    ("莆田市生态环境局", "莆田市环境局", "PUTIAN MUNICIPAL BUREAU OF ECOLOGY AND ENVIRONMENT"),
    ("阿克苏地区林业和草原局", "阿克苏林草局", "AKSU PREFECTURE FORESTRY AND GRASSLAND BUREAU"),
    ("南京市江宁区教育局", "江宁区教育局", "JIANGNING DISTRICT EDUCATION BUREAU OF NANJING"),
    ("新疆维吾尔自治区人力资源和社会保障厅", "自治区人社厅",
     "HUMAN RESOURCES AND SOCIAL SECURITY DEPARTMENT OF XINJIANG"),
    ("中国科学院新疆理化技术研究所", "新疆理化所", "XINJIANG TECHNICAL INSTITUTE OF PHYSICS AND CHEMISTRY, CAS"),
    ("深圳市华兴智能科技股份有限公司", "华兴智能", "SHENZHEN HUAXING INTELLIGENT TECHNOLOGY CO., LTD."),
    ("厦门宏达建设工程有限公司", "宏达建设", "XIAMEN HONGDA CONSTRUCTION ENGINEERING CO., LTD."),
    ("国网新疆电力有限公司", "国网新疆电力", "STATE GRID XINJIANG ELECTRIC POWER CO., LTD."),
)
COMPANIES = tuple(e for e in EMPLOYERS if e[0].endswith("公司"))

INK = (28, 28, 30)
#: Families as letterheads use them: 小标宋 and 宋体 bold (serif_bold, song), 黑体 (hei, sans_bold).
HEAD_FAMILIES = ("serif_bold", "serif_bold", "hei", "sans_bold")

BODY = ("根据工作安排，现将有关事项通知如下。请各单位高度重视，认真组织实施，确保各项工作按时完成。"
        "工作中遇到的问题请及时与我单位联系。")


def _head_font(rng: np.random.Generator, lo: float, hi: float) -> F:
    return F(str(rng.choice(HEAD_FAMILIES)), int(rng.uniform(lo, hi)))


def _fit(text: str, f: F, width: float, tracking: float = 0.0) -> F:
    """`f` squeezed horizontally (as 红头 squeeze long names) so that `text` fits `width`."""
    w = text_width(text, f, tracking)
    if w <= width:
        return f
    return F(f.family, f.size, round(max(0.45, width / w * 0.98), 3))


def _logo(cv: Canvas, cx: float, cy: float, d: float, colour, rng: np.random.Generator) -> None:
    """A company's or bureau's round mark: a ring round a star, or a filled disc with a white
    swoosh. No truth: it is neither the name nor anyone's seal."""
    lay = cv.layer(colour)
    c, r = (int(cx), int(cy)), int(d / 2)
    if rng.random() < 0.5:
        cv2.circle(lay, c, r - 4, 255, max(4, r // 8), cv2.LINE_AA)
        cv2.fillPoly(lay, [np.round(_star(cx, cy, r * 0.5, 0.0)).astype(np.int32)], 255, cv2.LINE_AA)
    else:
        cv2.circle(lay, c, r, 255, -1, cv2.LINE_AA)
        cv2.ellipse(lay, c, (int(r * 0.7), int(r * 0.35)), -25, 0, 360, 0, max(5, r // 6), cv2.LINE_AA)


def _body(cv: Canvas, y: float, full: str, addressee: str, f: F) -> None:
    """A short letter under the head: an addressee (another organisation), a paragraph and the
    employer's sign-off (the full name, small)."""
    L, R = 200, cv.w - 200
    cv.write(L, y, [(addressee, Oth("org")), "："], f)
    y += f.size * 2.2
    y = cv.paragraph(L, y, R - L, [BODY], f, leading=1.9)
    y += f.size * 3
    w = text_width(full, f)
    cv.write(R - w, y, [(full, A_emp())], f)
    cv.write(R - text_width("二〇二四年五月八日", f), y + f.size * 1.8, ["二〇二四年五月八日"], f)


def A_emp(*tags: str):
    from testkit.corpus import A

    return A("employer", *tags)


def draw_letterhead(variant: str, employer: tuple[str, str, str], rng: np.random.Generator) -> Canvas:
    """The page (before scanning) of one variant for one employer."""
    full, short, english = employer
    cv = Canvas(*A4, rng)
    W = cv.w
    L, R = 150, W - 150
    red = bool(rng.random() < 0.6)
    colour = RED_PRINT if red else INK
    body = F("serif", 36)
    y = 200
    if variant == "wenjian":
        f = _head_font(rng, 70, 110)
        if rng.random() < 0.5:      # 小标宋 set narrow, as many 红头 are
            f = F(f.family, f.size, round(float(rng.uniform(0.6, 0.85)), 3))
        f = _fit(full + "文件", f, R - L)
        colour = RED_PRINT
        cv.write_center(W / 2, y, [(full, A_emp("red", "letterhead")), "文件"], f, colour)
        y += f.size + 70
        cv.write_center(W / 2, y, [f"{short[:2]}发〔2024〕{int(rng.integers(3, 60))}号"], F("song", 34))
        y += 70
        cv.hline(L - 30, R + 30, y, int(rng.integers(4, 9)), RED_PRINT)
        if rng.random() < 0.6:
            cv2.fillPoly(cv.layer(RED_PRINT), [np.round(_star(W / 2, y, 24)).astype(np.int32)], 255, cv2.LINE_AA)
        y += 100
    elif variant == "spaced":
        f = _head_font(rng, 60, 100)
        tracking = f.size * float(rng.uniform(1.0, 2.0))
        f = _fit(full, f, R - L, tracking)
        tracking = min(tracking, max(0.0, (R - L - text_width(full, f)) / max(1, len(full) - 1)))
        cv.write_center(W / 2, y, [(full, A_emp("letterhead", "spaced") if not red
                                    else A_emp("red", "letterhead", "spaced"))], f, colour, tracking)
        y += f.size + 50
        cv.hline(L, R, y, 5, colour)
        y += 100
    elif variant == "huge":
        name = full if len(full) <= 10 else short
        f = _fit(name, _head_font(rng, 120, 150), R - L)
        cv.write_center(W / 2, y, [(name, A_emp("letterhead", "huge") if not red
                                    else A_emp("red", "letterhead", "huge"))], f, colour)
        y += f.size + 60
        cv.hline(L, R, y, 6, colour)
        y += 100
    elif variant in ("logo", "english", "brand"):
        brand = variant == "brand"
        name = short if brand else full
        d = int(rng.uniform(110, 160))
        with_logo = variant != "english" or rng.random() < 0.5
        x0 = L + (d + 40 if with_logo else 0)
        f = _fit(name, _head_font(rng, 70, 100 if not brand else 130), R - x0)
        if variant == "english" or (brand and rng.random() < 0.6):
            # centred block: logo left of the name, English small capitals under it
            pass
        if with_logo:
            _logo(cv, L + d / 2, y + f.size * 0.55, d, colour, rng)
        tags = ("letterhead",) + (("red",) if red else ()) + (("brand",) if brand else ())
        cv.write(x0, y, [(name, A_emp(*tags))], f, colour)
        y += f.size + 20
        if variant == "english" or brand:
            small = F("serif_bold" if rng.random() < 0.5 else "sans", int(rng.uniform(22, 30)))
            text = english.upper()
            small = _fit(text, small, R - x0, small.size * 0.15)
            # the English name is the employer too (the profile lists the Chinese name only)
            cv.write(x0, y, [(text, A_emp("english", *(("red",) if red else ())))], small, colour, small.size * 0.15)
            y += small.size + 20
        cv.hline(L, R, y + 10, 4, colour)
        y += 110
    else:
        raise ValueError(variant)
    _body(cv, y, full, "各县（市）有关单位" if not full.endswith("公司") else "各合作单位", body)
    if variant == "brand":
        # the footer: the full name and an address, small
        foot = F("sans", 26)
        cv.hline(L, R, cv.h - 220, 2, colour)
        cv.write(L, cv.h - 200, [(full, A_emp("footer")), "　地址：某市某区某路88号　电话：0592-5550123"], foot)
    return cv


def make_letterhead(variant: str, index: int, seed: int = 0, alias: bool = False) -> SyntheticPage:
    """One stress page. `alias`: the profile lists the short form too."""
    rng = np.random.default_rng([seed, index, VARIANTS.index(variant), 4242])
    pool = COMPANIES if variant == "brand" else EMPLOYERS
    employer = pool[index % len(pool)]
    inner = variant
    if variant == "phone":
        inner = "wenjian" if index % 2 == 0 else "spaced"
    cv = draw_letterhead(inner, employer, rng)
    img = cv.render()
    s = ScanSettings(skew=float(rng.uniform(-1.5, 1.5)), blur=float(rng.choice([0.0, 0.5, 0.8])),
                     noise=float(rng.uniform(2, 5)), quality=int(rng.integers(60, 88)),
                     shade=float(rng.uniform(0.02, 0.06)), seed=int(rng.integers(2 ** 31)))
    pixels, M = scan(img, s, rng)
    h, w = pixels.shape[:2]
    truth = transform_truth(cv.truth, M, w, h)
    dpi: int | None = DPI
    if variant == "phone":
        pixels, Hm = phone_photo(pixels, 0, rng)
        h, w = pixels.shape[:2]
        truth = transform_truth_h(truth, Hm, w, h)
        dpi = None
    full, short, _ = employer
    profile = Profile(name="王晓燕", employers=(full, short) if alias else (full,))
    return SyntheticPage(pixels=pixels, truth=truth, doc_type=f"letterhead-{variant}", profile=profile, dpi=dpi,
                         applicant=full, seed=seed, index=index)


def stress_set(per_variant: int = 6, seed: int = 0, alias: bool = False,
               variants: tuple[str, ...] = VARIANTS) -> list[SyntheticPage]:
    return [make_letterhead(v, i, seed, alias) for v in variants for i in range(per_variant)]


def letterhead_coverage(pages: list[SyntheticPage], proposals) -> dict[str, tuple[int, int]]:
    """Per variant: (letterhead employers covered ≥ 90 % as bench/accuracy counts them, total)."""
    from bench.accuracy import RECALL_COVER, _accepted, _box_of, coverage

    out: dict[str, tuple[int, int]] = {}
    for page, regions in zip(pages, proposals, strict=True):
        boxes = [_box_of(r) for r in regions if _accepted(r)]
        key = page.doc_type.split("-", 1)[1]
        hit, total = out.get(key, (0, 0))
        for t in page.items("applicant", "employer"):
            if "letterhead" not in t.tags and "english" not in t.tags:
                continue
            c = coverage(t, boxes) or 0.0
            out[key] = (hit + (c >= RECALL_COVER), total + 1)
            hit, total = out[key]
    return out


def _main() -> None:      # pragma: no cover - a measuring script
    import argparse
    import sys

    from bench.accuracy import RECALL_COVER, _accepted, _box_of, coverage, run

    ap = argparse.ArgumentParser(description="letterhead stress set: employer coverage per variant")
    ap.add_argument("--per", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--alias", action="store_true")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--save", default="")
    a = ap.parse_args()
    pages = stress_set(a.per, a.seed, a.alias, tuple(a.variants.split(",")))
    props, secs, _ = run(pages)
    for p, regs in zip(pages, props, strict=True):
        boxes = [_box_of(r) for r in regs if _accepted(r)]
        for t in p.items("applicant", "employer"):
            c = coverage(t, boxes) or 0.0
            if a.v and c < RECALL_COVER:
                print(f"MISS {p.doc_type} #{p.index} {t.text} {t.tags} cov={c:.2f} box={t.bbox}")
        if a.save:
            import os
            os.makedirs(a.save, exist_ok=True)
            img = p.pixels.copy()
            for t in p.items("applicant", "employer"):
                cv2.rectangle(img, t.bbox[:2], t.bbox[2:], (0, 200, 0), 3)
            for r in regs:
                b = _box_of(r)
                cv2.rectangle(img, b[:2], b[2:], (255, 0, 0) if _accepted(r) else (0, 160, 255), 2)
            cv2.imwrite(f"{a.save}/{p.doc_type}-{p.index}.jpg", img)
    cov = letterhead_coverage(pages, props)
    total = [0, 0]
    for k, (hit, n) in cov.items():
        print(f"{k:10s} {hit}/{n}")
        total[0] += hit
        total[1] += n
    print(f"{'all':10s} {total[0]}/{total[1]}  ({sum(secs) / len(secs):.2f} s a page)")
    sys.stdout.flush()


if __name__ == "__main__":
    _main()
