"""The eight document layouts. Each takes a Ctx and returns a drawn Page (items recorded)."""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from testkit.heldout import lists
from testkit.heldout.render import Page, emblem, embossed_seal, font, pick_key, place_seal

BLACK = (22, 22, 24)
RED = (200, 28, 36)
BLUE_LABEL = (60, 95, 150)

CN_DIGITS = "〇一二三四五六七八九"

MID_TITLE = {"高级工程师": "工程师", "正高级工程师": "高级工程师", "副主任医师": "主治医师", "主任医师": "副主任医师",
             "高级农艺师": "农艺师", "高级兽医师": "兽医师", "高级教师": "一级教师", "高级讲师": "讲师",
             "副主任护师": "主管护师", "副主任技师": "主管技师"}


def cn_year(y):
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def cn_num(n):
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


class Ctx:
    """Everything a layout needs about this page: applicant, randomness, helpers."""

    def __init__(self, prof: dict, rng: np.random.Generator, dpi: int):
        self.p = prof
        self.rng = rng
        self.dpi = dpi
        pool = [n for n in lists.OTHER_PEOPLE if n != prof["name"]]
        self.others = [pool[i] for i in rng.permutation(len(pool))]
        self._oi = 0
        self.dotted = "·" in prof["name"]

    # random helpers
    def r(self, a=0.0, b=1.0):
        return float(self.rng.uniform(a, b))

    def chance(self, p):
        return bool(self.rng.random() < p)

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def other(self):
        n = self.others[self._oi % len(self.others)]
        self._oi += 1
        return n

    # applicant name in one of its printed variants
    def name(self, allow_dot_variants=True):
        n = self.p["name"]
        if not self.dotted:
            return n, ()
        if not allow_dot_variants:
            return n, ("dot:middot",)
        v = self.pick(["·", "·", "•", ".", "・", "", "·"])
        tag = {"·": "dot:middot", "•": "dot:bullet", ".": "dot:period", "・": "dot:katakana",
               "": "dot:none"}[v]
        return n.replace("·", v), (tag,)

    def spaced_name(self):
        """A name as typed into a form cell: letter-spaced with a full-width or ASCII space, or
        drawn with wide tracking (returned as tracking factor)."""
        n, tags = self.name()
        if len(n) == 2 and self.chance(0.7):
            sp = self.pick(["　", " ", "  ", "　 "])
            return n[0] + sp + n[1], tags + ("letter_spaced",), 0.0
        if len(n) <= 4 and self.chance(0.75):
            return n, tags + ("letter_spaced",), self.r(0.4, 1.0)
        return n, tags, 0.0

    def nmeta(self, tags=()):
        return dict(kind="name", owner="applicant", tags=tuple(tags))

    def emeta(self, tags=()):
        return dict(kind="employer", owner="applicant", tags=tuple(tags))

    def emp(self, full_p=0.6):
        es = self.p["employers"]
        if len(es) == 1 or self.chance(full_p):
            return es[0]
        return self.pick(es[1:])

    def date(self, y=None, chinese=None):
        y = y or int(self.rng.integers(2016, 2024))
        m, d = int(self.rng.integers(1, 13)), int(self.rng.integers(1, 29))
        if chinese is None:
            chinese = self.chance(0.4)
        if chinese:
            return f"{cn_year(y)}年{cn_num(m)}月{cn_num(d)}日"
        return f"{y}年{m}月{d}日"

    def body_key(self):
        return self.pick(["song", "song", "ming", "kai", "gkai"])

    def face(self):
        fs = lists.FACES_F if self.p["gender"] == "女" else lists.FACES_M
        return fs[lists.APPLICANTS.index(self.p) % len(fs)]

    def other_face(self):
        mine = self.face()
        pool = [f for f in lists.FACES_F + lists.FACES_M if f != mine]
        return self.pick(pool)


def org_meta(tags=()):
    return dict(kind="org", owner="other", tags=tuple(tags))


def oname_meta(tags=()):
    return dict(kind="name", owner="other", tags=tuple(tags))


def rotated_text(page: Page, cx, cy, text, key, size, angle, fill):
    """Draw text rotated by angle degrees (counter-clockwise) centred at (cx, cy)."""
    f = font(key, size)
    w = int(f.getlength(text)) + 8
    h = int(size * 1.5)
    im = Image.new("L", (w, h), 0)
    ImageDraw.Draw(im).text((4, h * 0.75), text, font=f, fill=255, anchor="ls")
    im = im.rotate(angle, resample=Image.BILINEAR, expand=True)
    col = Image.new("RGB", im.size, fill)
    page.img.paste(col, (int(cx - im.size[0] / 2), int(cy - im.size[1] / 2)), im)


def hline(page, x0, x1, y, w, col=BLACK):
    page.draw.line([(x0, y), (x1, y)], fill=col, width=max(1, int(round(w))))


def vline(page, x, y0, y1, w, col=BLACK):
    page.draw.line([(x, y0), (x, y1)], fill=col, width=max(1, int(round(w))))


def border(page, ctx, colour, inset_mm=8):
    """Decorative certificate border: thick and thin frame with corner ornaments."""
    d = page.draw
    P = page.px
    W, H = page.W, page.H
    i = P(inset_mm)
    d.rectangle([i, i, W - i, H - i], outline=colour, width=max(2, int(P(1.6))))
    j = i + P(2.5)
    d.rectangle([j, j, W - j, H - j], outline=colour, width=max(1, int(P(0.4))))
    if ctx.chance(0.7):
        # a band of small lozenges between the frames
        step = P(6)
        k = (i + j) / 2
        r = P(0.8)
        x = j
        while x < W - j:
            for y in (k, H - k):
                d.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=colour)
            x += step
        y = j
        while y < H - j:
            for x in (k, W - k):
                d.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=colour)
            y += step
    for (cx, cy) in [(j, j), (W - j, j), (j, H - j), (W - j, H - j)]:
        r = P(6)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=max(1, int(P(0.6))))
        d.ellipse([cx - r / 2.5, cy - r / 2.5, cx + r / 2.5, cy + r / 2.5], fill=colour)


def title_text(page, ctx, cx, y, text, size, red, key=None, tracking=0.0):
    key = key or ctx.pick(["hei", "song", "wenkaib", "kai"])
    col = RED if red else BLACK
    stroke = max(1, int(size / 45)) if key in ("song", "kai", "ming") else 0
    n0 = len(page.items)
    page.text_run(cx, y, [(text, dict(kind="title", owner="other", tags=("red",)) if red else None)], key,
                  size, fill=col, anchor="c", tracking=tracking, stroke=stroke)
    return n0


# ------------------------------------------------------------------------------------------------
# 1. ID card copy
# ------------------------------------------------------------------------------------------------

def id_card(ctx: Ctx) -> Page:
    p, rng = ctx.p, ctx.rng
    page = Page(210, 297, ctx.dpi, rng)
    P = page.px
    stacked = ctx.chance(0.65)
    sc = ctx.r(1.0, 1.45) if stacked else ctx.r(1.0, 1.12)
    cw, chh = 85.6 * sc, 54.0 * sc
    if stacked:
        x0 = (210 - cw) / 2 + ctx.r(-10, 10)
        y1 = ctx.r(25, 50)
        pos = [(x0, y1), (x0 + ctx.r(-5, 5), y1 + chh + ctx.r(12, 30))]
    else:
        gap = ctx.r(4, 12)
        x0 = (210 - 2 * cw - gap) / 2
        y1 = ctx.r(30, 90)
        pos = [(x0, y1), (x0 + cw + gap, y1 + ctx.r(-3, 3))]
    if ctx.chance(0.5):
        pos = pos[::-1] if not stacked else pos
    front_at, back_at = pos if ctx.chance(0.75) else pos[::-1]

    def card_bg(x, y):
        d = page.draw
        r = P(3.2 * sc)
        bg = tuple(int(v) for v in rng.integers(226, 246, 3))
        d.rounded_rectangle([P(x), P(y), P(x + cw), P(y + chh)], radius=r, fill=bg,
                            outline=(150, 150, 150), width=max(1, int(P(0.25))))
        # faint guilloche lines
        for k in range(14):
            yy = P(y + chh * (k + 0.5) / 14)
            pts = [(P(x + 2 + t), yy + P(1.2 * sc) * math.sin(t / 4.0 + k)) for t in np.arange(0, cw - 4, 1.5)]
            d.line(pts, fill=tuple(max(0, v - 18) for v in bg), width=1)

    # front
    fx, fy = front_at
    card_bg(fx, fy)
    lab = P(2.5 * sc)
    val = P(3.1 * sc)
    hk = "hei"
    def label(x, y, t):
        page.text_run(P(fx + x * sc), P(fy + y * sc), [(t, None)], hk, lab, fill=BLUE_LABEL)
    nm, tags = ctx.name()
    label(5, 10, "姓 名")
    page.text_run(P(fx + 15 * sc), P(fy + 10 * sc), [(nm, ctx.nmeta(tags))], hk, val, fill=BLACK)
    label(5, 17, "性 别")
    page.text_run(P(fx + 15 * sc), P(fy + 17 * sc), [(p["gender"], None)], hk, val, fill=BLACK)
    label(26, 17, "民 族")
    page.text_run(P(fx + 36 * sc), P(fy + 17 * sc), [(p["eth"].rstrip("族") if p["eth"] != "汉族" else "汉", None)],
                  hk, val, fill=BLACK)
    y_, m_, d_ = p["birth"]
    label(5, 24, "出 生")
    page.text_run(P(fx + 15 * sc), P(fy + 24 * sc), [(f"{y_}  年  {m_}  月  {d_}  日", None)], hk, val, fill=BLACK)
    label(5, 31, "住 址")
    page.paragraph(P(fx + 15 * sc), P(fy + 31 * sc), P(35 * sc), [(p["addr"], None)], hk, val, leading=1.45,
                   justify=False)
    label(5, 49, "公民身份号码")
    idn = p["idcode"] + f"{y_:04d}{m_:02d}{d_:02d}" + f"{int(rng.integers(100, 999))}" + ctx.pick("0123456789X")
    page.text_run(P(fx + 27 * sc), P(fy + 49 * sc), [(idn, None)], "hei", P(3.4 * sc), fill=BLACK,
                  tracking=P(0.35 * sc))
    page.photo(P(fx + 55 * sc), P(fy + 7 * sc), P(26 * sc), P(32 * sc), ctx.face(), tone=ctx.r(0.85, 1.0))

    # back
    bx, by = back_at
    card_bg(bx, by)
    emblem(page, P(bx + 12 * sc), P(by + 12 * sc), P(8.5 * sc), colour=(200, 40, 40))
    page.text_run(P(bx + 50 * sc), P(by + 13 * sc), [("中华人民共和国", None)], "hei", P(4.6 * sc), fill=BLACK,
                  anchor="c", tracking=P(1.0 * sc))
    page.text_run(P(bx + 48 * sc), P(by + 28 * sc), [("居民身份证", None)], "song", P(7.5 * sc), fill=BLACK,
                  anchor="c", tracking=P(1.6 * sc), stroke=1)
    page.text_run(P(bx + 14 * sc), P(by + 41 * sc), [("签发机关", None)], hk, lab, fill=BLUE_LABEL)
    page.text_run(P(bx + 28 * sc), P(by + 41 * sc), [(p["police"], org_meta())], hk, val, fill=BLACK)
    page.text_run(P(bx + 14 * sc), P(by + 48 * sc), [("有效期限", None)], hk, lab, fill=BLUE_LABEL)
    ys = int(rng.integers(2012, 2022))
    page.text_run(P(bx + 28 * sc), P(by + 48 * sc), [(f"{ys}.{m_:02d}.{d_:02d}-{ys + 20}.{m_:02d}.{d_:02d}", None)],
                  hk, val, fill=BLACK)
    if ctx.chance(0.45):
        # handwritten-style note across the copy
        txt = ctx.pick(["仅供职称申报使用", "此复印件仅供职称评审使用", "仅供职称申报使用，他用无效"])
        key = ctx.pick(["wenkai", "kai", "gkai"])
        cx = P(105 + ctx.r(-20, 20))
        cy = P((front_at[1] + back_at[1]) / 2 + chh / 2 + ctx.r(-10, 10))
        rotated_text(page, cx, cy, txt, key, P(ctx.r(7, 11)), ctx.r(-25, 25),
                     ctx.pick([(30, 30, 90), (40, 40, 40), (150, 30, 30)]))
    return page


# ------------------------------------------------------------------------------------------------
# 2. Diploma / degree certificate
# ------------------------------------------------------------------------------------------------

def diploma(ctx: Ctx) -> Page:
    p, rng = ctx.p, ctx.rng
    land = ctx.chance(0.55)
    page = Page(297 if land else 210, 210 if land else 297, ctx.dpi, rng)
    P = page.px
    Wm, Hm = page.w_mm, page.h_mm
    frame_col = ctx.pick([(150, 30, 40), (30, 70, 120), (30, 100, 70), (120, 90, 40)])
    border(page, ctx, frame_col, inset_mm=ctx.r(6, 12))
    degree = ctx.chance(0.35)
    red_title = ctx.chance(0.6)
    tsz = P(ctx.r(11, 15))
    title_text(page, ctx, P(Wm / 2), P(32 if land else 45), "学 位 证 书" if degree else "毕 业 证 书", tsz, red_title)
    univ = p["univ"]
    # photo upper-left or upper-right
    left = ctx.chance(0.5)
    phw, phh = 25 + ctx.r(0, 8), 35 + ctx.r(0, 10)
    px0 = 28 if left else Wm - 28 - phw
    py0 = 48 if land else 62
    page.photo(P(px0), P(py0), P(phw), P(phh), ctx.face())
    # university seal half over the photo corner
    scx = P(px0 + (phw if left else 0) + ctx.r(-4, 4))
    scy = P(py0 + phh + ctx.r(-6, 2))
    if ctx.chance(0.5):
        embossed_seal(page, scx, scy, univ, d_mm=ctx.r(28, 36))
    else:
        place_seal(page, scx, scy, "round", "other", univ, d_mm=ctx.r(36, 42), faded=ctx.chance(0.2))
    key = ctx.pick(["kai", "gkai", "song", "ming"])
    sz = P(ctx.r(4.6, 5.6)) if land else P(ctx.r(4.2, 5.0))
    nm, tags = ctx.name()
    y1 = p["birth"][0] + 18 + int(rng.integers(0, 2))
    y2 = y1 + 4
    if degree:
        segs = [(nm, ctx.nmeta(tags)), (f"，{p['gender']}，{p['birth'][0]}年{p['birth'][1]}月生。在", None),
                (univ, org_meta()),
                (f"{p['major']}专业完成了本科学习计划，业已毕业。"
                 "经审核符合《中华人民共和国学位条例》的规定，授予", None),
                (ctx.pick(["工学", "农学", "医学", "理学", "教育学"]) + "学士学位。", None)]
    else:
        segs = [("学生 ", None), (nm, ctx.nmeta(tags)),
                (f"，性别{p['gender']}，{p['birth'][0]}年{p['birth'][1]}月{p['birth'][2]}日生，"
                 f"于{y1}年9月至{y2}年7月在本校{p['major']}专业四年制本科学习，"
                 "修完教学计划规定的全部课程，成绩合格，准予毕业。", None)]
    tx0 = (px0 + phw + 12) if left else 30
    tx1 = (Wm - 30) if left else (px0 - 12)
    if not land:
        tx0, tx1 = 30, Wm - 30
        ystart = py0 + phh + ctx.r(30, 55)
        sz = sz * 1.15
    else:
        ystart = 62
    yb = page.paragraph(P(tx0), P(ystart), P(tx1 - tx0), segs, key, sz, leading=ctx.r(1.8, 2.2), indent_chars=2)
    # bottom block: university name with its seal over it, president, number, date
    bx = Wm - 40
    by = max(yb / page.s + 12, Hm - 52)
    page.text_run(P(bx), P(by), [("校名：", None), (univ, org_meta())], key, sz, anchor="r")
    if degree:
        role = "学位评定委员会主席："
    else:
        role = ctx.pick(["校长：", "校（院）长：", "校长 "])
    pres = ctx.other()
    page.text_run(P(bx), P(by + 10), [(role, None), (pres, oname_meta())], key, sz, anchor="r")
    page.text_run(P(bx), P(by + 20), [(ctx.date(y2, chinese=True), None)], key, sz, anchor="r")
    num = "".join(str(int(d)) for d in rng.integers(0, 10, 18))
    page.text_run(P(30), P(Hm - 20), [(("证书编号：" if not degree else "证书编号："), None), (num, None)], "song",
                  P(3.2))
    # the university's red seal over its name and the date
    place_seal(page, P(bx - ctx.r(15, 30)), P(by + ctx.r(4, 14)), "round", "other", univ,
               faded=ctx.chance(0.2))
    if ctx.chance(0.3):   # president's square name seal
        place_seal(page, P(bx + 6), P(by + 8), "square", "other", pres + "印" if len(pres) <= 3 else pres[:4],
                   d_mm=ctx.r(14, 18))
    return page


# ------------------------------------------------------------------------------------------------
# 3. Title certificate (booklet scanned open)
# ------------------------------------------------------------------------------------------------

def title_cert(ctx: Ctx) -> Page:
    p, rng = ctx.p, ctx.rng
    page = Page(297, 210, ctx.dpi, rng, paper=(250, 248, 242))
    P = page.px
    d = page.draw
    # booklet cover around and a fold in the middle
    cover = ctx.pick([(120, 25, 30), (30, 50, 100), (90, 20, 25)])
    d.rectangle([0, 0, page.W, page.H], fill=cover)
    m = ctx.r(6, 12)
    d.rectangle([P(m), P(m), page.W - P(m), page.H - P(m)], fill=(249, 247, 240))
    fold = page.W / 2
    for k in range(12):
        c = 250 - 6 * (12 - k)
        d.line([(fold - k, P(m)), (fold - k, page.H - P(m))], fill=(c, c, c - 4))
        d.line([(fold + k, P(m)), (fold + k, page.H - P(m))], fill=(c, c, c - 4))
    key = ctx.pick(["song", "ming", "kai", "hei"])
    sz = P(ctx.r(3.6, 4.3))
    authority = ctx.pick([a for a in lists.AUTHORITIES[:4] if "兵团" not in a]
                         if not p["employers"][0].startswith("新疆生产建设兵团")
                         else ["新疆生产建设兵团人力资源和社会保障局"])
    committee = ctx.pick(["新疆维吾尔自治区", "自治区", "兵团"]) + p["spec"] + ctx.pick(["系列", ""]) + \
        ctx.pick(["高级专业技术职务评审委员会", "高级职称评审委员会"])
    # left page: photo, table
    L0 = m + 12
    L1 = 148.5 - 10
    phw, phh = 25, 35
    phx = (L0 + L1) / 2 - phw / 2
    page.photo(P(phx), P(m + 12), P(phw), P(phh), ctx.face())
    if ctx.chance(0.6):   # steel seal of the authority over the photo corner
        embossed_seal(page, P(phx + phw), P(m + 12 + phh), authority, d_mm=ctx.r(26, 32))
    nm, tags = ctx.name()
    sp = ctx.chance(0.5)
    if sp and len(nm) == 2:
        nm2, tags2 = nm[0] + "　" + nm[1], tags + ("letter_spaced",)
    else:
        nm2, tags2 = nm, tags
    emp = ctx.emp(0.7)
    rows = [("姓　　名", [(nm2, ctx.nmeta(tags2))]), ("性　　别", [(p["gender"], None)]),
            ("出生年月", [(f"{p['birth'][0]}年{p['birth'][1]}月", None)]),
            ("工作单位", [(emp, ctx.emeta())]), ("专　　业", [(p["spec"], None)]),
            ("资格名称", [(p["title"], None)]), ("评审委员会", [(committee, org_meta())]),
            ("批准文号", [(f"新人社职字〔{int(rng.integers(2016, 2023))}〕{int(rng.integers(10, 300))}号", None)]),
            ("证书编号", [("".join(str(int(v)) for v in rng.integers(0, 10, 12)), None)])]
    ty = m + 12 + phh + 8
    rh = ctx.r(9.5, 11.5)
    lw = 24
    table_w = L1 - L0
    rule = ctx.chance(0.6)
    for i, (lab, segs) in enumerate(rows):
        y0 = ty + i * rh
        page.text_run(P(L0), P(y0 + rh * 0.68), [(lab, None)], key, sz * 0.95)
        vx = L0 + lw + 2
        width = table_w - lw - 2
        lines = page.layout(segs, key, sz, P(width))
        if len(lines) > 1:
            page.paragraph(P(vx), P(y0 + rh * 0.45), P(width), segs, key, sz * 0.9, leading=1.2, justify=False,
                           lines=page.layout(segs, key, sz * 0.9, P(width)))
        else:
            page.text_run(P(vx), P(y0 + rh * 0.68), segs, key, sz)
        if rule:
            hline(page, P(vx - 1), P(L1), P(y0 + rh - 1), P(0.2), (90, 90, 90))
    # right page: authority text and its seal over the name and date
    R0 = 148.5 + 14
    R1 = 297 - m - 12
    title_text(page, ctx, P((R0 + R1) / 2), P(m + 30),
               ctx.pick(["专业技术资格证书", "专业技术职务任职资格证书", "职称证书"]), P(ctx.r(6, 8)), ctx.chance(0.5))
    segs = [("经", None), (committee, org_meta()), ("评审通过，", None)]
    if ctx.chance(0.6):
        nm3, tg3 = ctx.name()
        segs += [(nm3, ctx.nmeta(tg3)), ("同志", None)]
    segs += [(f"具备{p['title']}资格。", None)]
    yb = page.paragraph(P(R0), P(m + 55), P(R1 - R0), segs, key, sz * 1.1, leading=1.9, indent_chars=2)
    page.paragraph(P(R0), yb + P(4), P(R1 - R0),
                   [("本证书是持证人具备相应专业技术资格的证明，由发证机关统一印制，全国范围内有效。", None)],
                   key, sz * 0.85, leading=1.7, indent_chars=2)
    ay = 210 - m - 45
    page.text_run(P(R1 - 5), P(ay), [("发证机关：", None), (authority, org_meta())], key, sz * 0.95, anchor="r")
    page.text_run(P(R1 - 5), P(ay + 9), [(ctx.date(chinese=ctx.chance(0.5)), None)], key, sz * 0.95, anchor="r")
    place_seal(page, P(R1 - 5 - ctx.r(20, 40)), P(ay + ctx.r(-2, 8)), "round", "other", authority,
               faded=ctx.chance(0.25))
    return page


# ------------------------------------------------------------------------------------------------
# 4. Annual appraisal form
# ------------------------------------------------------------------------------------------------

def appraisal(ctx: Ctx) -> Page:
    p, rng = ctx.p, ctx.rng
    page = Page(210, 297, ctx.dpi, rng)
    P = page.px
    key = ctx.pick(["song", "ming", "song", "hei"])
    rule_col = RED if ctx.chance(0.25) else BLACK
    year = int(rng.integers(2016, 2023))
    title_text(page, ctx, P(105), P(24),
               ctx.pick(["事业单位工作人员年度考核登记表", "年度考核登记表", "专业技术人员年度考核登记表"]),
               P(ctx.r(6, 7.5)), False, key=ctx.pick(["hei", "song"]))
    page.text_run(P(105), P(33), [(f"（{year}年度）", None)], key, P(4))
    sz = P(ctx.r(3.6, 4.1))
    X0, X1 = 20.0, 190.0
    Y = 40.0
    lw = P(0.35) if rule_col == BLACK else P(0.45)
    cols = [X0, 38, 72, 88, 108, 128, X1]

    def grid_row(y0, h, xs):
        page.draw.rectangle([P(xs[0]), P(y0), P(xs[-1]), P(y0 + h)], outline=rule_col, width=max(1, int(lw)))
        for x in xs[1:-1]:
            vline(page, P(x), P(y0), P(y0 + h), lw, rule_col)

    def cell(x0, x1, y0, h, segs, tracking=0.0, center=True):
        xc = P((x0 + x1) / 2) if center else P(x0 + 2)
        txt = "".join(t for t, _ in segs)
        k = pick_key(key, txt)
        avail = P(x1 - x0 - 3)
        need = font(k, int(sz)).getlength(txt) + tracking * max(0, len(txt) - 1)
        s_, tr = sz, tracking
        if need > avail:   # a long name: no tracking, smaller type, as a person filling the form would
            tr = 0.0
            s_ = sz * min(1.0, avail / font(k, int(sz)).getlength(txt))
        page.text_run(xc, P(y0 + h * 0.66), segs, key, s_, anchor="c" if center else "l", tracking=tr)

    rh = 11.0
    grid_row(Y, rh, cols)
    nm, tags, track = ctx.spaced_name()
    cell(cols[0], cols[1], Y, rh, [("姓　名", None)])
    cell(cols[1], cols[2], Y, rh, [(nm, ctx.nmeta(tags))], tracking=track * sz)
    cell(cols[2], cols[3], Y, rh, [("性别", None)])
    cell(cols[3], cols[4], Y, rh, [(p["gender"], None)])
    cell(cols[4], cols[5], Y, rh, [("出生年月", None)])
    cell(cols[5], cols[6], Y, rh, [(f"{p['birth'][0]}.{p['birth'][1]:02d}", None)])
    Y += rh
    cols2 = [X0, 38, 72, 88, X1]
    rh2 = 15.0
    grid_row(Y, rh2, cols2)
    cell(cols2[0], cols2[1], Y, rh2, [("政治面貌", None)])
    cell(cols2[1], cols2[2], Y, rh2, [(ctx.pick(["中共党员", "群众", "中共党员", "民盟盟员"]), None)])
    cell(cols2[2], cols2[3], Y, rh2, [("工作单位", None)])
    emp = p["employers"][0]
    ew = cols2[4] - cols2[3] - 4
    # make the employer wrap inside its cell some of the time by narrowing the text area
    if ctx.chance(0.6) and len(emp) >= 9:
        ew = min(ew, (math.ceil(len(emp) / 2) + 0.3) * sz / page.s)
    segs = [(emp, ctx.emeta())]
    lines = page.layout(segs, key, sz, P(ew))
    if len(lines) == 1:
        cell(cols2[3], cols2[4], Y, rh2, segs, center=False)
    else:
        lead = 1.25
        block = (len(lines) - 1) * lead * sz + 0.9 * sz
        page.paragraph(P(cols2[3] + 2), P(Y + rh2 / 2) - block / 2 + 0.85 * sz, P(ew), segs, key, sz, leading=lead,
                       justify=False, lines=lines)
    Y += rh2
    grid_row(Y, rh, [X0, 38, 108, 128, X1])
    cell(X0, 38, Y, rh, [("现任职务", None)])
    cell(38, 108, Y, rh, [(p["dept"] + p["post"], None)])
    cell(108, 128, Y, rh, [("专业技术职务", None)]) if False else cell(108, 128, Y, rh, [("职　称", None)])
    cell(128, X1, Y, rh, [(MID_TITLE.get(p["title"], "中级"), None)])
    Y += rh
    # personal summary
    hs = ctx.r(95, 120)
    grid_row(Y, hs, [X0, 30, X1])
    for k, ch in enumerate("个人总结"):
        page.text_run(P(25), P(Y + hs / 2 - 12 + k * 8), [(ch, None)], key, sz, anchor="c")
    short = ctx.emp(0.3)
    segs = [(f"本人自{p['birth'][0] + 23}年参加工作以来，一直在", None), (emp, ctx.emeta()),
            (f"{p['dept']}从事{p['spec']}相关工作。{year}年，在", None), (short, ctx.emeta()),
            ("党组的正确领导下，本人" + ctx.pick(lists.SUMMARY)[:-1] + "，" + ctx.pick(lists.FILLER), None),
            (ctx.pick(lists.SUMMARY), None), ("作为", None), (ctx.emp(0.5), ctx.emeta()),
            (f"的一名专业技术人员，本人主动承担{p['focus']}等任务，" + ctx.pick(lists.SUMMARY), None),
            (ctx.pick(lists.SUMMARY) + ctx.pick(lists.SUMMARY), None)]
    page.paragraph(P(33), P(Y + 8), P(X1 - 33 - 3), segs, key, sz * 0.95, leading=1.75, indent_chars=2)
    nm2, tg2 = ctx.name()
    lab_w = font(key, int(sz)).getlength("本人签名：")
    sx0 = min(P(X1 - 45), P(X1 - 4) - lab_w - len(nm2) * sz * 1.35 * 0.95)
    page.text_run(sx0, P(Y + hs - 6), [("本人签名：", None)], key, sz)
    page.handwriting(sx0 + lab_w, P(Y + hs - 6), nm2, sz * 1.35, meta=ctx.nmeta(tg2))
    Y += hs
    # supervisor comment
    hc = ctx.r(34, 42)
    grid_row(Y, hc, [X0, 30, X1])
    for k, ch in enumerate("主管领导评语"):
        page.text_run(P(25), P(Y + 6 + k * 5.5), [(ch, None)], key, sz * 0.8, anchor="c")
    page.paragraph(P(33), P(Y + 8), P(X1 - 36), [(ctx.pick(lists.LEADER_COMMENTS), None)], key, sz * 0.95, leading=1.7,
                   indent_chars=2)
    page.text_run(P(120), P(Y + hc - 6), [("签名：", None)], key, sz)
    boss = ctx.other()
    xe = page.handwriting(P(120) + font(key, int(sz)).getlength("签名："), P(Y + hc - 6), boss, sz * 1.3,
                          meta=oname_meta())
    if ctx.chance(0.25) and len(boss) <= 3:   # the supervisor's square name seal beside the signature
        place_seal(page, xe + P(7), P(Y + hc - 9), "square", "other", boss + "印", d_mm=ctx.r(12, 16))
    page.text_run(P(X1 - 4), P(Y + hc - 6),
                  [(f"{year + 1}年{int(rng.integers(1, 3))}月{int(rng.integers(1, 28))}日", None)], key, sz, anchor="r")
    Y += hc
    # grade
    grid_row(Y, rh, [X0, 38, X1])
    cell(X0, 38, Y, rh, [("考核等次", None)])
    cell(38, X1, Y, rh, [(ctx.pick(["优秀", "合格", "优秀", "称职"]), None)])
    Y += rh
    # unit stamp
    hu = 297 - 22 - Y
    grid_row(Y, hu, [X0, 30, X1])
    for k, ch in enumerate("单位意见"):
        page.text_run(P(25), P(Y + hu / 2 - 10 + k * 6.5), [(ch, None)], key, sz * 0.85, anchor="c")
    page.text_run(P(35), P(Y + 10),
                  [(ctx.pick(["同意考核小组意见。", "经考核，该同志本年度考核等次确定为优秀。", "同意。"]), None)],
                  key, sz)
    sy = Y + hu - 8
    ex = X1 - 6
    with_name = ctx.chance(0.7)
    if with_name:
        page.text_run(P(ex), P(sy - 9), [(p["employers"][0], ctx.emeta())], key, sz, anchor="r")
    else:
        page.text_run(P(ex), P(sy - 9), [("单位（盖章）", None)], key, sz, anchor="r")
    page.text_run(P(ex), P(sy), [(f"{year + 1}年{int(rng.integers(1, 3))}月{int(rng.integers(1, 28))}日", None)],
                  key, sz, anchor="r")
    if ctx.chance(0.2):   # a department's oval 专用章
        place_seal(page, P(ex - ctx.r(18, 32)), P(sy - ctx.r(2, 8)), "oval", "applicant", p["employers"][0],
                   middle=ctx.pick(["人事科", "组织人事科", "办公室"]), bottom="考核专用章")
    else:
        place_seal(page, P(ex - ctx.r(18, 32)), P(sy - ctx.r(2, 8)), "round", "applicant", p["employers"][0],
                   sub=ctx.pick([None, None, "人事专用章"]))
    return page


# ------------------------------------------------------------------------------------------------
# 5. Training certificate
# ------------------------------------------------------------------------------------------------

def training(ctx: Ctx) -> Page:
    rng = ctx.rng
    land = ctx.chance(0.5)
    page = Page(297 if land else 210, 210 if land else 297, ctx.dpi, rng)
    P = page.px
    Wm, Hm = page.w_mm, page.h_mm
    if ctx.chance(0.7):
        border(page, ctx, ctx.pick([(40, 90, 150), (160, 40, 40), (40, 110, 80), (170, 130, 50)]),
               inset_mm=ctx.r(6, 10))
    title_text(page, ctx, P(Wm / 2), P(40 if land else 55),
               ctx.pick(["培训合格证书", "继续教育合格证书", "结业证书", "培 训 证 书"]), P(ctx.r(10, 13)),
               ctx.chance(0.6))
    key = ctx.body_key()
    sz = P(ctx.r(5.0, 6.0))
    hours = int(rng.choice([24, 30, 32, 40, 48, 60, 72, 90]))
    year = int(rng.integers(2016, 2024))
    nm, tags = ctx.name()
    emp = ctx.emp(0.6)
    segs = [("兹证明 ", None), (nm, ctx.nmeta(tags)), (" 同志（工作单位：", None), (emp, ctx.emeta()),
            (f"）于{year}年{int(rng.integers(3, 11))}月参加了" + ctx.pick(lists.TRAININGS) +
             f"培训，共计{hours}学时，经考核合格。", None)]
    x0 = 35 if land else 28
    y = page.paragraph(P(x0), P(70 if land else 95), P(Wm - 2 * x0), segs, key, sz, leading=ctx.r(1.9, 2.3),
                       indent_chars=2)
    page.text_run(P(x0) + 2 * sz, y, [("特发此证。", None)], key, sz)
    centre = ctx.pick(lists.TRAINING)
    bx, by = Wm - x0, Hm - (40 if land else 60)
    page.text_run(P(bx), P(by), [(centre, org_meta())], key, sz * 0.85, anchor="r")
    page.text_run(P(bx), P(by + 11), [(f"{year}年{int(rng.integers(5, 13))}月{int(rng.integers(1, 28))}日", None)], key,
                  sz * 0.85, anchor="r")
    page.text_run(P(x0), P(Hm - 22), [(f"证书编号：XJJY{year}{int(rng.integers(100000, 999999))}", None)], "song",
                  P(3.4))
    place_seal(page, P(bx - ctx.r(20, 45)), P(by + ctx.r(-2, 8)), "round", "other", centre,
               faded=ctx.chance(0.6),
               code=("".join(str(int(v)) for v in rng.integers(0, 10, 13)) if ctx.chance(0.3) else None))
    if ctx.chance(0.35):   # photo on the certificate
        page.photo(P(Wm - x0 - 27), P(18 if land else 70 - 48), P(25), P(35), ctx.face())
    return page


# ------------------------------------------------------------------------------------------------
# 6. Award / honour certificate
# ------------------------------------------------------------------------------------------------

def award(ctx: Ctx) -> Page:
    p, rng = ctx.p, ctx.rng
    page = Page(297, 210, ctx.dpi, rng, paper=(255, 253, 246))
    P = page.px
    Wm, Hm = 297, 210
    border(page, ctx, RED, inset_mm=ctx.r(6, 11))
    if ctx.chance(0.4):
        emblem(page, P(Wm / 2), P(32), P(11), colour=RED)
        ty = 62
    else:
        ty = 48
    title_text(page, ctx, P(Wm / 2), P(ty), "荣誉证书", P(ctx.r(15, 20)), True,
               key=ctx.pick(["wenkaib", "hei", "song", "kai"]), tracking=P(ctx.r(2, 6)))
    key = ctx.pick(["kai", "gkai", "wenkai", "song"])
    sz = P(ctx.r(6.5, 8.0))
    by_employer = ctx.chance(0.5)
    year = int(rng.integers(2015, 2023))
    nm, tags = ctx.name()
    x0 = 40
    y = ty + 24
    if by_employer or ctx.chance(0.5):
        page.text_run(P(x0), P(y), [(nm, ctx.nmeta(tags)), (" 同志：", None)], key, sz)
        pre = []
    else:
        page.text_run(P(x0), P(y),
                      [(ctx.emp(0.5), ctx.emeta()), ("  ", None), (nm, ctx.nmeta(tags)), (" 同志：", None)], key, sz)
        pre = []
    if by_employer:
        issuer = p["employers"][0]
        segs = [(f"在{year}年度工作中成绩突出，被评为“" + ctx.pick(lists.HONOURS) + "”。特发此证，以资鼓励。", None)]
        if ctx.chance(0.4):
            segs = [("在", None), (ctx.emp(0.3), ctx.emeta()),
                    (f"{year}年度" + segs[0][0][len(f"在{year}年度"):], None)]
    else:
        issuer = ctx.pick(lists.AUTHORITIES + lists.NEAR_ORGS[p["slug"]][:1])
        segs = [(f"在{year}年度全区" + ctx.pick(["水利", "卫生健康", "农业农村", "教育", "专业技术"]) +
                 "工作中成绩突出，被评为“" + ctx.pick(lists.HONOURS) + "”。特发此证，以资鼓励。", None)]
    page.paragraph(P(x0), P(y + 16), P(Wm - 2 * x0), pre + segs, key, sz, leading=1.9, indent_chars=2)
    bx, by = Wm - 45, Hm - 38
    imeta = ctx.emeta() if by_employer else org_meta()
    page.text_run(P(bx), P(by), [(issuer, imeta)], key, sz * 0.8, anchor="r")
    page.text_run(P(bx), P(by + 11), [(ctx.date(year + 1), None)], key, sz * 0.8, anchor="r")
    place_seal(page, P(bx - ctx.r(20, 45)), P(by + ctx.r(-2, 8)), "round",
               "applicant" if by_employer else "other", issuer, faded=ctx.chance(0.2))
    return page


# ------------------------------------------------------------------------------------------------
# 7. Journal article first page
# ------------------------------------------------------------------------------------------------

def journal(ctx: Ctx) -> Page:
    p, rng = ctx.p, ctx.rng
    page = Page(210, 297, ctx.dpi, rng)
    P = page.px
    jn, jen = ctx.pick(lists.JOURNALS)
    year = int(rng.integers(2015, 2024))
    vol, no = int(rng.integers(20, 45)), int(rng.integers(1, 13))
    X0, X1 = 20.0, 190.0
    small = P(3.0)
    page.text_run(P(X0), P(16), [(f"第{vol}卷 第{no}期", None)], "song", small)
    page.text_run(P(105), P(16), [(jn, org_meta())], "hei", P(3.4), anchor="c")
    page.text_run(P(X1), P(16), [(f"Vol.{vol} No.{no}", None)], "song", small, anchor="r")
    page.text_run(P(X0), P(20.5), [(f"{year}年{no}月", None)], "song", small)
    month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][no - 1]
    page.text_run(P(X1), P(20.5), [(f"{jen}  {month}.,{year}", None)], "song", small, anchor="r")
    hline(page, P(X0), P(X1), P(22.5), P(0.5))
    hline(page, P(X0), P(X1), P(23.4), P(0.2))
    page.text_run(P(X0), P(28), [(f"文章编号：{int(rng.integers(1000, 2000))}-{int(rng.integers(1000, 9999))}"
                                  f"（{year}）{no:02d}-{int(rng.integers(10, 150)):04d}-04", None)], "song", small)
    t = ctx.pick(lists.ARTICLE_TITLES).format(spec=p["spec"], focus=p["focus"])
    page.text_run(P(105), P(42), [(t, None)], "hei", P(ctx.r(5.6, 6.6)), anchor="c")
    # authors
    n_auth = int(rng.integers(2, 5))
    pos = int(rng.integers(0, n_auth))
    names = [ctx.other() for _ in range(n_auth)]
    nm, tags = ctx.name()
    names[pos] = None
    aff_other = ctx.pick(lists.UNIVERSITIES[:9] + lists.NEAR_ORGS[p["slug"]] + lists.OTHER_ORGS)
    akey = ctx.pick(["kai", "fs" if False else "song", "ming"])
    asz = P(4.0)
    x = P(105)
    segs = []
    sups = []
    for i, n in enumerate(names):
        aff = 1 if (n is None or ctx.chance(0.4)) else 2
        if n is None:
            segs.append((nm, ctx.nmeta(tags)))
        else:
            segs.append((n, oname_meta()))
        sups.append((len(segs) - 1, str(aff)))
        if i < n_auth - 1:
            segs.append(("，  ", None))
    # draw author line with superscripts: draw centred, then add superscripts after each name
    f = font(pick_key(akey, "".join(s for s, _ in segs)), int(asz))
    supw = font("song", int(asz * 0.55)).getlength("1")
    total = f.getlength("".join(s for s, _ in segs)) + supw * len(sups)
    cx = x - total / 2
    ay = P(52)
    for i, (s, meta) in enumerate(segs):
        x0_, x1_ = page.text_run(cx, ay, [(s, meta)], akey, asz)
        cx = x1_
        if any(j == i for j, _ in sups):
            lab = dict(sups)[i]
            page.text_run(cx + 1, ay - asz * 0.45, [(lab, None)], "song", asz * 0.55, record_ink=False)
            cx += supw + 2
    # affiliations
    city, post = p["city"]
    emp = p["employers"][0]
    asegs = [("（1. ", None), (emp, ctx.emeta()), (f"，{city[:2]} {city[2:]} {post}；2. ", None),
             (aff_other, org_meta()),
             (f"，新疆 {ctx.pick(['乌鲁木齐', '石河子', '阿拉尔', '库尔勒'])} "
              f"{int(rng.integers(830000, 849999))}）", None)]
    page.paragraph(P(X0 + 8), P(59), P(X1 - X0 - 16), asegs, "song", P(3.1), leading=1.5, justify=False)
    # abstract, keywords
    ab = "".join(ctx.pick(lists.FILLER) for _ in range(4))
    yb = page.paragraph(P(X0 + 6), P(72), P(X1 - X0 - 12), [("摘  要：", None), (ab, None)], "song", P(3.1),
                        leading=1.6)
    yb = page.paragraph(P(X0 + 6), yb + P(1), P(X1 - X0 - 12),
                        [("关键词：", None), (f"{p['spec']}；{p['focus'][:6]}；新疆；对策", None)],
                        "song", P(3.1), leading=1.6)
    page.text_run(P(X0 + 6), yb + P(1),
                  [(f"中图分类号：S{int(rng.integers(100, 999))}.{int(rng.integers(1, 9))}    文献标志码：A", None)],
                  "song", P(3.0))
    ytop = yb / page.s + 8
    hline(page, P(X0), P(X1), P(ytop - 4), P(0.25))
    # body in two columns; footnote at the bottom of the left column
    colw = (X1 - X0 - 8) / 2
    bsz = P(3.15)
    foot_top = 297 - 38
    sec = 0
    for c in range(2):
        cx0 = X0 + c * (colw + 8)
        y = P(ytop + 2)
        ylim = P(foot_top - 3 if c == 0 else 297 - 18)
        if c == 0:
            page.text_run(P(cx0), y, [("0  引言", None)], "hei", P(3.6))
            y += P(7)
        while y < ylim - P(12):
            txt = "".join(ctx.pick(lists.FILLER) for _ in range(int(rng.integers(2, 4))))
            lines = page.layout([(txt, None)], "song", bsz, P(colw), indent=2 * bsz)
            room = int((ylim - y) // (bsz * 1.55))
            lines = lines[:max(1, room)]
            y = page.paragraph(P(cx0), y, P(colw), [(txt, None)], "song", bsz, leading=1.55, indent_chars=2,
                               lines=lines)
            if c == 0 and ctx.chance(0.3) and y < ylim - P(20):
                sec += 1
                head = ctx.pick(["研究区概况", "材料与方法", "结果与分析", "存在问题", "对策建议"])
                page.text_run(P(cx0), y + P(1), [(f"{sec}  " + head, None)], "hei", P(3.5))
                y += P(7)
    hline(page, P(X0), P(X0 + 30), P(foot_top), P(0.25))
    fsz = P(2.8)
    page.text_run(P(X0), P(foot_top + 4.5),
                  [(f"收稿日期：{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 28)):02d}", None)],
                  "song", fsz)
    nm2, tags2 = ctx.name()
    fsegs = [("作者简介：", None), (nm2, ctx.nmeta(tags2)),
             (f"（{p['birth'][0]}—），{p['gender']}，{p['eth']}，{p['native']}人，{p['title']}，"
              f"主要从事{p['focus']}工作。", None)]
    y = page.paragraph(P(X0), P(foot_top + 9), P(colw), fsegs, "song", fsz, leading=1.5, justify=False)
    if pos != 0 and ctx.chance(0.6):
        page.paragraph(P(X0), y, P(colw),
                       [("通讯作者：", None), (names[0], oname_meta()),
                        ("，E-mail：xj" + str(int(rng.integers(1000, 9999))) + "@163.com", None)],
                       "song", fsz, leading=1.5, justify=False)
    if ctx.chance(0.3):   # author photo beside the footnote (first author's)
        fx = X0 + colw - 16
        if pos == 0:
            page.photo(P(fx), P(foot_top + 2), P(14), P(19), ctx.face())
        else:
            page.photo(P(fx), P(foot_top + 2), P(14), P(19), ctx.other_face(), owner="other")
    return page


# ------------------------------------------------------------------------------------------------
# 8. Employer letter
# ------------------------------------------------------------------------------------------------

def letter(ctx: Ctx) -> Page:
    p, rng = ctx.p, ctx.rng
    page = Page(210, 297, ctx.dpi, rng)
    P = page.px
    emp = p["employers"][0]
    X0, X1 = 25.0, 185.0
    if ctx.chance(0.2):
        return _letter_page2(ctx, page, emp, X0, X1)
    # letterhead
    lk = ctx.pick(["song", "hei", "kai", "wenkaib"])
    lsz = P(min(ctx.r(8, 12), (X1 - X0) / (len(emp) + 1)))
    track = min(P(ctx.r(0, 3)), (P(X1 - X0) - font(lk, int(lsz)).getlength(emp)) / max(1, len(emp) - 1))
    page.text_run(P(105), P(30), [(emp, ctx.emeta(("red", "letterhead")))], lk, lsz, fill=RED, anchor="c",
                  tracking=max(0.0, track), stroke=1 if lk in ("song", "kai") else 0)
    hline(page, P(X0 - 5), P(X1 + 5), P(37), P(1.0), RED)
    if ctx.chance(0.6):
        hline(page, P(X0 - 5), P(X1 + 5), P(38.6), P(0.3), RED)
    kind = ctx.pick(["证明", "工作证明", "任职证明", "推荐信", "证明"])
    page.text_run(P(105), P(56), [(("证  明" if kind == "证明" else kind), None)], ctx.pick(["hei", "song"]),
                  P(ctx.r(7, 9)), anchor="c", stroke=0)
    key = ctx.pick(["song", "ming", "song", "kai"])
    sz = P(ctx.r(4.3, 5.2))
    nm, tags = ctx.name()
    short = p["employers"][-1] if len(p["employers"]) > 1 else emp
    y0 = p["birth"][0] + int(rng.integers(21, 25))
    segs = []
    if kind == "推荐信":
        segs += [(ctx.pick(lists.AUTHORITIES) + "：", None)]
        page.text_run(P(X0), P(70), [(segs[0][0][:-1], org_meta()), ("：", None)], key, sz)
        segs = []
    segs += [("兹证明", None), (nm, ctx.nmeta(tags)),
             (f"同志，{p['gender']}，{p['eth']}，{p['birth'][0]}年{p['birth'][1]}月出生，系", None),
             (emp, ctx.emeta()), (f"在职在编职工。该同志于{y0}年7月参加工作，{y0 + 5}年至今在", None),
             (short, ctx.emeta()),
             (f"{p['dept']}从事{p['spec']}工作，现任{p['post']}，{y0 + 6}年取得中级专业技术资格。", None)]
    para2 = [("该同志工作期间遵纪守法，爱岗敬业，" + ctx.pick(lists.FILLER[5:7]) + "经", None), (short, ctx.emeta()),
             ("研究，同意推荐", None), (ctx.name()[0], ctx.nmeta(ctx.name()[1] if False else tags)),
             (f"同志申报{p['title']}任职资格。", None)]
    para3 = [("特此证明。如有异议，请与", None), (emp, ctx.emeta()),
             (ctx.pick(["人事科", "组织人事科", "办公室"]) + "联系。联系人：", None),
             (ctx.other(), oname_meta()),
             (f"，联系电话：0{int(rng.integers(900, 999))}-{int(rng.integers(2000000, 8999999))}。", None)]
    width = P(X1 - X0)
    # choose the text width so that an employer name in para3 is split at a line end
    target = 1
    best = None
    for k in range(0, 40):
        w = width - k * sz * 0.25
        lines = page.layout(para3, key, sz, w, indent=2 * sz)
        segl = {}
        for li, ln in enumerate(lines):
            for _, i in ln:
                segl.setdefault(i, []).append(li)
        ls = segl.get(target, [])
        if len(set(ls)) > 1 and min(ls.count(v) for v in set(ls)) >= 2:
            best = w
            break
    if best is None or ctx.chance(0.1):
        best = width
    y = page.paragraph(P(X0), P(84), best, segs, key, sz, leading=1.9, indent_chars=2)
    y = page.paragraph(P(X0), y + P(1), best, para2, key, sz, leading=1.9, indent_chars=2)
    y = page.paragraph(P(X0), y + P(1), best, para3, key, sz, leading=1.9, indent_chars=2)
    # signature block
    sy = max(y / page.s + 25, 215.0)
    sx = X1 - 5
    page.text_run(P(sx), P(sy), [(emp, ctx.emeta())], key, sz, anchor="r")
    page.text_run(P(sx), P(sy + 11), [(ctx.date(), None)], key, sz, anchor="r")
    wemp = font(pick_key(key, emp), int(sz)).getlength(emp) / page.s
    place_seal(page, P(sx - min(wemp, 45) * ctx.r(0.35, 0.65)), P(sy + ctx.r(0, 8)), "round", "applicant", emp,
               sub=ctx.pick([None, None, None, "人事专用章"]), faded=ctx.chance(0.2))
    if ctx.chance(0.3):
        page.text_run(P(105), P(285), [("第1页 共1页" if ctx.chance(0.5) else "- 1 -", None)], key, P(3), anchor="c")
    return page


def _forced_split_width(page, segs, target, key, sz, width):
    """A text width at which segment `target` is split across a line end (>= 2 chars each side)."""
    for k in range(0, 40):
        w = width - k * sz * 0.25
        lines = page.layout(segs, key, sz, w, indent=2 * sz)
        ls = [li for li, ln in enumerate(lines) for _, i in ln if i == target]
        if len(set(ls)) > 1 and min(ls.count(v) for v in set(ls)) >= 2:
            return w
    return width


def _letter_page2(ctx, page, emp, X0, X1):
    """Second page of a two-page letter: no letterhead, prose continues, signature and seal."""
    p = ctx.p
    P = page.px
    key = ctx.pick(["song", "ming", "kai"])
    sz = P(ctx.r(4.3, 5.2))
    short = p["employers"][-1]
    nm, tags = ctx.name()
    segs = [("，" + ctx.pick(lists.FILLER) + "该同志在", None), (short, ctx.emeta()),
            (f"工作期间，主持完成了多项{p['spec']}相关任务，" + ctx.pick(lists.FILLER) + ctx.pick(lists.FILLER), None)]
    para2 = [("综上，", None), (nm, ctx.nmeta(tags)), ("同志符合申报条件，", None), (emp, ctx.emeta()),
             (f"同意推荐其申报{p['title']}任职资格。如有异议，请与", None), (emp, ctx.emeta()),
             ("人事科联系。", None)]
    width = _forced_split_width(page, para2, 5, key, sz, P(X1 - X0))
    y = page.paragraph(P(X0), P(32), width, segs, key, sz, leading=1.9)
    y = page.paragraph(P(X0), y + P(1), width, para2, key, sz, leading=1.9, indent_chars=2)
    y = page.paragraph(P(X0), y + P(1), width, [("特此证明。", None)], key, sz, leading=1.9, indent_chars=2)
    sy = max(y / page.s + 25, 120.0 + ctx.r(0, 60))
    sx = X1 - 5
    page.text_run(P(sx), P(sy), [(emp, ctx.emeta())], key, sz, anchor="r")
    page.text_run(P(sx), P(sy + 11), [(ctx.date(), None)], key, sz, anchor="r")
    wemp = font(pick_key(key, emp), int(sz)).getlength(emp) / page.s
    place_seal(page, P(sx - min(wemp, 45) * ctx.r(0.35, 0.65)), P(sy + ctx.r(0, 8)), "round", "applicant", emp,
               faded=ctx.chance(0.2))
    page.text_run(P(105), P(285), [("第2页 共2页", None)], key, P(3), anchor="c")
    return page


DOCS = {"id_card": id_card, "diploma": diploma, "title_cert": title_cert, "appraisal": appraisal,
        "training": training, "award": award, "journal": journal, "letter": letter}
