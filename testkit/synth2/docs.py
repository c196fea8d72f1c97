"""The eight document layouts, each drawn flat on a Canvas in millimetres."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from . import lists as L
from .core import Canvas, Seg
from .seal import stamp

INK = (22, 22, 24)
BLUE_INK = (28, 38, 92)  # ballpoint signatures
RED_PRINT = (200, 26, 32)


class Ctx:
    """What a layout needs: the canvas, the random stream, the applicant, chosen fonts."""

    def __init__(self, cv: Canvas, rng: np.random.Generator, app: L.Applicant, face: int):
        self.cv, self.rng, self.app, self.face = cv, rng, app, face
        self.body = str(rng.choice(["song", "song", "song2"]))
        self.hei = str(rng.choice(["hei", "hei2"]))
        self.kai = str(rng.choice(["kai", "kai", "kai2"]))
        self.hand = str(rng.choice(["kai2", "kai3", "kai"]))
        # most pages print the applicant's own dot; official certificates sometimes the standard one
        self.dot = app.dot if rng.random() < 0.75 else str(rng.choice(list(L.DOTS)))
        self.side = np.random.default_rng(0)   # gen.make_page sets a per-page stream

    def choice(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def name(self, dot: str | None = None) -> tuple[str, tuple[str, ...]]:
        d = dot or self.dot
        tags = (f"dot:{d}",) if self.app.dotted else ()
        return self.app.printed(d), tags

    def name_seg(self, extra=()) -> Seg:
        s, t = self.name()
        return Seg(s, "name", "applicant", t + tuple(extra))

    def employer(self, short_ok: bool = True) -> str:
        if short_ok and self.rng.random() < 0.35:
            return self.choice(self.app.shorts)
        return self.app.employer

    def emp_seg(self, short_ok: bool = True) -> Seg:
        return Seg(self.employer(short_ok), "employer", "applicant")

    def project(self) -> str:
        """A project that fits the applicant's field, so the prose reads like theirs."""
        m = self.app.major + self.app.employer
        for keys, pool in L.PROJECTS_BY_FIELD:
            if any(k in m for k in keys):
                return self.choice(pool)
        return self.choice(L.PROJECTS)

    def other_person(self) -> str:
        return self.choice(L.OTHER_PEOPLE)

    def date(self, y0=2015, y1=2024) -> tuple[int, int, int]:
        return int(self.rng.integers(y0, y1 + 1)), int(self.rng.integers(1, 13)), int(self.rng.integers(1, 29))

    def sign(self, x, y, text, kind="name", owner="applicant", size_mm=7.0, tags=(), max_w=None):
        """A handwritten-style signature starting at x: kai/wenkai face, ballpoint ink, a little
        tilt; people sign smaller when the space is short."""
        cv = self.cv
        stretch = float(self.rng.uniform(0.9, 1.25))
        size = cv.mm(size_mm)
        w = cv.advance(text, self.hand, size) * stretch
        if max_w is not None and w > max_w:
            size = max(cv.mm(3.5), int(size * max_w / w))
            w = cv.advance(text, self.hand, size) * stretch
        self.cv.text_rotated(
            x + w / 2,
            y,
            text,
            self.hand,
            size,
            BLUE_INK if self.rng.random() < 0.7 else INK,
            float(self.rng.uniform(-6, 8)),
            kind=kind,
            owner=owner,
            tags=tuple(tags) + ("handwritten",),
            stretch=stretch,
        )


def red_title(cv, x: float, y: float, s: str, fkey: str, size: int, track: float = 0.0) -> None:
    """A document's printed red title (the issuer's words, not the applicant's)."""
    cv.text(x, y, s, fkey, size, RED_PRINT, anchor="ms", track=track, kind="title", owner="other")


def cn_date(y, m, d, upper=False) -> str:
    if not upper:
        return f"{y}年{m}月{d}日"
    dig = "〇一二三四五六七八九"
    yy = "".join(dig[int(c)] for c in str(y))

    def n(v):
        return {10: "十"}.get(v) or (
            dig[v]
            if v < 10
            else ("十" + dig[v % 10] if v < 20 else dig[v // 10] + "十" + (dig[v % 10] if v % 10 else ""))
        )

    return f"{yy}年{n(m)}月{n(d)}日"


def border(cv: Canvas, rng, color, fancy=True):
    m = cv.mm(rng.uniform(7, 12))
    cv.rect(m, m, cv.W - m, cv.H - m, width=cv.mm(1.6), fill=color)
    cv.rect(m + cv.mm(2.5), m + cv.mm(2.5), cv.W - m - cv.mm(2.5), cv.H - m - cv.mm(2.5), width=cv.mm(0.4), fill=color)
    if fancy:
        # a simple repeated lozenge band between the two frames
        step = cv.mm(6)
        r = cv.mm(0.9)
        for x in range(m + step, cv.W - m - step, step):
            for y in (m + cv.mm(1.25), cv.H - m - cv.mm(1.25)):
                cv.draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=(250, 235, 200))
    return m + cv.mm(2.5)


def emblem(cv: Canvas, cx, cy, r):
    """A stylised national emblem: red disc, gold ring, big star and four small ones, a gate."""
    gold = (214, 170, 60)
    d = cv.draw
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(196, 30, 36), outline=gold, width=max(2, int(r * 0.12)))

    def star(x, y, rr):
        pts = []
        for i in range(10):
            q = rr if i % 2 == 0 else rr * 0.38
            a = math.radians(90 + 36 * i)
            pts.append((x + q * math.cos(a), y - q * math.sin(a)))
        d.polygon(pts, fill=gold)

    star(cx - r * 0.35, cy - r * 0.35, r * 0.2)
    for a in (10, 30, 50, 70):
        t = math.radians(a)
        star(cx - r * 0.35 + r * 0.42 * math.cos(t), cy - r * 0.35 + r * 0.42 * (1 - math.sin(t)) - r * 0.3, r * 0.07)
    d.rectangle([cx - r * 0.45, cy + r * 0.1, cx + r * 0.45, cy + r * 0.45], fill=gold)
    d.rectangle([cx - r * 0.12, cy + r * 0.22, cx + r * 0.12, cy + r * 0.45], fill=(196, 30, 36))
    cv.add(
        "emblem",
        None,
        "other",
        [(cx + r * math.cos(2 * math.pi * k / 48), cy + r * math.sin(2 * math.pi * k / 48)) for k in range(48)],
        (),
    )


def id_number(ctx: Ctx) -> str:
    y, m, d = ctx.app.birth
    code = "65" + f"{int(ctx.rng.integers(0, 10000)):04d}"
    tail = f"{int(ctx.rng.integers(0, 1000)):03d}" + ctx.choice("0123456789X")
    return f"{code}{y}{m:02d}{d:02d}{tail}"


# ------------------------------------------------------------------ 1 ID card copy
def id_card(ctx: Ctx):
    cv, rng, app = ctx.cv, ctx.rng, ctx.app
    sc = 1.0 if rng.random() < 0.7 else float(rng.uniform(1.2, 1.45))  # enlarged copies
    mm = lambda v: cv.mm(v * sc)  # noqa: E731
    cw, ch = mm(85.6), mm(54)
    side = sc == 1.0 and rng.random() < 0.35
    if side:
        xs = [cv.mm(rng.uniform(14, 18)), cv.mm(rng.uniform(110, 114))]
        ys = [cv.mm(rng.uniform(50, 70))] * 2
    else:
        x = (cv.W - cw) / 2 + cv.mm(rng.uniform(-10, 10))
        y0 = cv.mm(rng.uniform(30, 50))
        xs, ys = [x, x + cv.mm(rng.uniform(-3, 3))], [y0, y0 + ch + cv.mm(rng.uniform(15, 35))]
    fx, fy = xs[0], ys[0]
    tint = (232, 240, 238)
    cv.draw.rounded_rectangle([fx, fy, fx + cw, fy + ch], radius=mm(3), fill=tint, outline=(150, 150, 150))
    lab = (60, 110, 160)
    ls = mm(2.6)
    vs = mm(3.3)
    hei = ctx.hei
    lx, vx = fx + mm(6), fx + mm(17)
    base = fy + mm(9)
    cv.text(lx, base, "姓  名", hei, ls, lab)
    nm, tags = ctx.name()
    cv.text(vx, base, nm, hei, vs, INK, kind="name", tags=tags)
    y2 = base + mm(7)
    cv.text(lx, y2, "性  别", hei, ls, lab)
    cv.text(vx, y2, app.gender, hei, vs, INK)
    cv.text(vx + mm(11), y2, "民  族", hei, ls, lab)
    cv.text(vx + mm(22), y2, app.nation.replace("族", ""), hei, vs, INK)
    y3 = y2 + mm(7)
    b = app.birth
    cv.text(lx, y3, "出  生", hei, ls, lab)
    cv.text(vx, y3, f"{b[0]}  年  {b[1]}  月  {b[2]}  日", hei, vs, INK)
    y4 = y3 + mm(7)
    cv.text(lx, y4, "住  址", hei, ls, lab)
    addr = (
        f"新疆{app.city}市{ctx.choice(['人民路', '建设路', '团结路', '北京路', '天山路'])}{int(rng.integers(1, 300))}号"
    )
    addr2 = f"{int(rng.integers(1, 30))}栋{int(rng.integers(1, 6))}单元{int(rng.integers(101, 1802))}室"
    cv.text(vx, y4, addr, hei, vs, INK)
    cv.text(vx, y4 + mm(4.6), addr2, hei, vs, INK)
    cv.text(lx, fy + ch - mm(6), "公民身份号码", hei, ls, lab)
    cv.text(fx + mm(28), fy + ch - mm(6), id_number(ctx), hei, mm(3.6), INK, track=mm(0.25))
    cv.photo(fx + cw - mm(31), fy + mm(6), mm(26), mm(32), ctx.face, bg=(238, 240, 238))
    # back
    bx, by = xs[1], ys[1]
    cv.draw.rounded_rectangle([bx, by, bx + cw, by + ch], radius=mm(3), fill=tint, outline=(150, 150, 150))
    emblem(cv, bx + mm(14), by + mm(14), mm(9))
    cv.text(
        bx + mm(30),
        by + mm(13),
        "中华人民共和国",
        ctx.hei,
        mm(5),
        INK,
        track=mm(0.6),
    )
    cv.text(bx + mm(30), by + mm(27), "居民身份证", "heib", mm(7.5), INK, track=mm(1.2))
    police = ctx.choice(L.POLICE)
    cv.text(bx + mm(14), by + ch - mm(15), "签发机关", hei, ls, INK)
    cv.text(bx + mm(29), by + ch - mm(15), police, hei, vs, INK, kind="org", owner="other")
    y0 = int(rng.integers(2012, 2022))
    cv.text(bx + mm(14), by + ch - mm(7), "有效期限", hei, ls, INK)
    cv.text(bx + mm(29), by + ch - mm(7), f"{y0}.{b[1]:02d}.{b[2]:02d}-{y0 + 20}.{b[1]:02d}.{b[2]:02d}", hei, vs, INK)
    if rng.random() < 0.5:
        # the applicant's own note across the copy, in pen
        ang = float(rng.uniform(8, 25))
        cv.text_rotated(
            cv.W / 2 + cv.mm(rng.uniform(-15, 15)),
            (ys[0] + ys[1] + ch) / 2 + cv.mm(rng.uniform(-8, 8)),
            "仅供职称申报使用",
            ctx.hand,
            mm(9),
            BLUE_INK,
            ang,
            alpha=0.85,
        )
    if rng.random() < 0.3:
        ctx.sign(cv.W - cv.mm(100), cv.H - cv.mm(40), nm, tags=tags, max_w=cv.mm(85))


# ------------------------------------------------------------------ 2 diploma
def diploma(ctx: Ctx):
    cv, rng, app = ctx.cv, ctx.rng, ctx.app
    inner = border(cv, rng, ctx.choice([(120, 40, 40), (40, 80, 60), (90, 70, 30)]))
    uni = ctx.choice(L.UNIVERSITIES)
    kind = ctx.choice(["毕业证书", "学位证书"]) if rng.random() < 0.8 else "毕业证书"
    red_title(cv, cv.W / 2, inner + cv.mm(30), kind, "songb", cv.mm(16), track=cv.mm(4))
    pw, ph = cv.mm(30), cv.mm(40)
    left = rng.random() < 0.5
    px = inner + cv.mm(14) if left else cv.W - inner - cv.mm(14) - pw
    py = inner + cv.mm(45)
    cv.photo(px, py, pw, ph, ctx.face, bg=ctx.choice([(70, 140, 215), (245, 245, 245), (200, 40, 45)]))
    # the university's seal half over the photo's lower corner
    sx = px + (pw if left else 0)
    emboss = rng.random() < 0.55
    stamp(
        cv,
        sx,
        py + ph,
        "round",
        uni,
        "other",
        rng,
        ink="emboss" if emboss else "red",
        d_mm=38,
        fkey=ctx.body,
        faded=False,
    )
    y, m, d = app.birth
    nm, tags = ctx.name()
    s0, s1 = int(rng.integers(2002, 2012)), 4
    major = app.major
    if kind == "毕业证书":
        segs = [
            Seg("学生 "),
            Seg(nm, "name", "applicant", tags),
            Seg(
                f"，性别{app.gender}，{y}年{m}月{d}日生，于{s0}年9月至{s0 + s1}年6月在本校"
                f"{major}专业四年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。"
            ),
        ]
    else:
        segs = [
            Seg(nm, "name", "applicant", tags),
            Seg(f"，{app.gender}，{y}年{m}月{d}日生。在{uni}"),
            Seg(""),
            Seg(
                f"{major}专业完成了本科学习计划，业已毕业。经审核符合《中华人民共和国学位条例》的规定，"
                f"授予{degree_of(major)}学士学位。"
            ),
        ]
        segs[1] = Seg(f"，{app.gender}，{y}年{m}月{d}日生。在")
        segs[2] = Seg(uni, "org", "other")
    if cv.W > cv.H:
        # landscape: the text runs beside the photo
        tx0 = inner + cv.mm(14) + (pw + cv.mm(12) if left else 0)
        tw = cv.W - 2 * inner - cv.mm(28) - pw - cv.mm(12)
        size = cv.mm(5.2)
        yy = cv.prose(tx0, py + cv.mm(8), tw, segs, ctx.body, size, cv.mm(10), indent=2 * size)
    else:
        # portrait: the text runs under the photo across the page, in a larger type
        tx0, tw = inner + cv.mm(16), cv.W - 2 * inner - cv.mm(32)
        size = cv.mm(5.8)
        yy = cv.prose(tx0, py + ph + cv.mm(28), tw, segs, ctx.body, size, cv.mm(13), indent=2 * size)
    # bottom block: university, president, number, date; the red seal over the university name
    by = max(yy + cv.mm(10), cv.H - inner - cv.mm(40))
    pres = ctx.other_person()
    blk = max(cv.advance(uni, ctx.body, cv.mm(6)), cv.mm(15) + cv.advance(pres, ctx.body, cv.mm(5)), cv.mm(52))
    ux = cv.W - inner - cv.mm(14) - blk
    ub = cv.text(ux, by, uni, ctx.body, cv.mm(6), INK, kind="org", owner="other")
    cv.text(ux, by + cv.mm(10), "校长：", ctx.body, cv.mm(5), INK)
    pb = cv.text(ux + cv.mm(15), by + cv.mm(10), pres, ctx.body, cv.mm(5), INK, kind="name", owner="other")
    if rng.random() < 0.35 and pb and ux > cv.W / 2:
        # the president's name seal, left of the signing block where there is room
        stamp(
            cv,
            ux - cv.mm(16),
            by + cv.mm(8),
            "square",
            (pres.replace("·", "") + "印")[:4],
            "other",
            rng,
            d_mm=18,
            fkey=ctx.kai,
            faded=False,
            incomplete=False,
        )
    dy, dm, dd = s0 + s1, 6, int(rng.integers(20, 30))
    cv.text(ux, by + cv.mm(20), cn_date(dy, dm, dd, upper=rng.random() < 0.5), ctx.body, cv.mm(5), INK)
    cv.text(
        inner + cv.mm(14),
        by + cv.mm(20),
        f"证书编号：{int(rng.integers(10000, 99999))}{dy}{int(rng.integers(10**7, 10**8))}",
        ctx.body,
        cv.mm(4),
        INK,
    )
    if ub:
        stamp(cv, (ub[0] + ub[2]) / 2, by + cv.mm(4), "round", uni, "other", rng, fkey=ctx.body, d_mm=42)


# ------------------------------------------------------------------ 3 title certificate
LOWER = {
    "高级工程师": "工程师",
    "正高级工程师": "高级工程师",
    "副主任医师": "主治医师",
    "高级教师": "一级教师",
    "高级农艺师": "农艺师",
    "副主任护师": "主管护师",
    "高级兽医师": "兽医师",
    "高级讲师": "讲师",
    "副主任技师": "主管技师",
}


def lower_title(title: str) -> str:
    """The title the applicant holds now, one step below the one applied for."""
    return LOWER.get(title, "工程师")


def degree_of(major: str) -> str:
    for keys, deg in (("医护检验卫生", "医学"), ("农林畜兽草", "农学"), ("教育", "教育学"), ("数学气象大气", "理学")):
        if any(k in major for k in keys):
            return deg
    return "工学"


def fold_shadow(cv: Canvas, x: int, rng):
    """The booklet's spine: paper curves down into a soft grey valley."""
    sig = cv.mm(rng.uniform(4, 9))
    x0, x1 = max(0, x - 3 * sig), min(cv.W, x + 3 * sig)
    region = np.asarray(cv.img.crop((x0, 0, x1, cv.H)), dtype=np.float32)
    dx = np.arange(x0, x1, dtype=np.float32) - x
    k = 1 - rng.uniform(0.12, 0.3) * np.exp(-((dx / sig) ** 2))
    region *= k[None, :, None]
    cv.img.paste(Image.fromarray(np.clip(region, 0, 255).astype(np.uint8)), (x0, 0))


def title_cert(ctx: Ctx):
    cv, rng, app = ctx.cv, ctx.rng, ctx.app
    cv.draw.rectangle([0, 0, cv.W, cv.H], fill=(244, 236, 222))
    frame = (150, 60, 50)
    half = cv.W // 2
    for x0 in (0, half):
        cv.rect(x0 + cv.mm(10), cv.mm(10), x0 + half - cv.mm(10), cv.H - cv.mm(10), width=cv.mm(0.8), fill=frame)
    cv.line(half, 0, half, cv.H, width=cv.mm(0.5), fill=(200, 190, 175))
    fold_shadow(cv, half, rng)
    lx = cv.mm(22)
    pw, ph = cv.mm(25), cv.mm(35)
    cv.photo(lx + cv.mm(40), cv.mm(20), pw, ph, ctx.face, bg=ctx.choice([(70, 140, 215), (240, 240, 240)]))
    auth = ctx.choice(L.AUTHORITIES[:5])
    if rng.random() < 0.5:
        # the issuing office's steel seal pressed over the photo's lower corner
        stamp(
            cv,
            lx + cv.mm(40) + pw,
            cv.mm(20) + ph,
            "round",
            auth,
            "other",
            rng,
            ink="emboss",
            d_mm=38,
            fkey=ctx.body,
            faded=False,
        )
    nm, tags = ctx.name()
    size = cv.mm(4.2)
    lab_w = cv.mm(26)
    y = cv.mm(68)
    row_h = cv.mm(10.5)
    committee = ctx.choice(L.COMMITTEES)
    name_seg = Seg(nm, "name", "applicant", tags)
    if not app.dotted and len(nm) <= 3 and rng.random() < 0.4:
        name_seg = Seg(ctx.choice(["　", " "]).join(nm), "name", "applicant", tags + ("letter_spaced",))
    fields = [
        ("姓    名", name_seg),
        ("性    别", Seg(app.gender)),
        ("出生年月", Seg(f"{app.birth[0]}年{app.birth[1]}月")),
        ("工作单位", Seg(app.employer, "employer", "applicant")),
        ("专    业", Seg(app.major)),
        ("资格名称", Seg(app.title)),
        ("评审委员会", Seg(committee, "org", "other")),
        ("批准文号", Seg(f"新职称评字〔{int(rng.integers(2016, 2025))}〕{int(rng.integers(10, 200))}号")),
    ]
    value_w = half - lx - lab_w - cv.mm(16)
    for lab, seg in fields:
        cv.text(lx, y, lab, ctx.body, size, INK)
        nxt = cv.prose(lx + lab_w, y, value_w, [seg], ctx.body, size, cv.mm(6.5))
        cv.line(lx + lab_w - cv.mm(1), y + cv.mm(1.8), half - cv.mm(16), y + cv.mm(1.8), width=1, fill=(120, 100, 90))
        y = max(y + row_h, nxt + cv.mm(3))
    # right page: title, number, authority and its seal
    rx = half + cv.mm(22)
    red_title(cv, half + half / 2, cv.mm(40), "专业技术职务", "songb", cv.mm(8))
    red_title(cv, half + half / 2, cv.mm(54), "任职资格证书", "songb", cv.mm(8))
    cv.text(rx, cv.mm(80), f"证书编号：{int(rng.integers(10**9, 10**10))}", ctx.body, size, INK)
    cv.prose(
        rx,
        cv.mm(95),
        half - cv.mm(44),
        [Seg("经"), Seg(committee, "org", "other"), Seg("评审通过，具备"), Seg(app.title), Seg("任职资格。")],
        ctx.body,
        size,
        cv.mm(8),
        indent=2 * size,
    )
    ay = cv.H - cv.mm(48)
    cv.text(
        half + half / 2,
        ay,
        auth,
        ctx.body,
        int(size * (0.9 if len(auth) > 16 else 1.0)),
        INK,
        anchor="ms",
        kind="org",
        owner="other",
    )
    y_, m_, d_ = ctx.date(2016, 2024)
    cv.text(half + half / 2, ay + cv.mm(11), cn_date(y_, m_, d_), ctx.body, size, INK, anchor="ms")
    stamp(
        cv,
        half + half / 2 + cv.mm(rng.uniform(-8, 8)),
        ay + cv.mm(rng.uniform(-2, 6)),
        "round",
        auth,
        "other",
        rng,
        fkey=ctx.body,
        d_mm=42,
        line=None if rng.random() < 0.6 else "职称专用章",
    )


# ------------------------------------------------------------------ 4 annual appraisal form
def appraisal(ctx: Ctx):
    cv, rng, app = ctx.cv, ctx.rng, ctx.app
    year = int(rng.integers(2018, 2025))
    rule = RED_PRINT if rng.random() < 0.25 else INK
    cv.text(
        cv.W / 2,
        cv.mm(28),
        ctx.choice(
            [
                "事业单位工作人员年度考核登记表",
                "年度考核登记表",
                "专业技术人员年度考核表",
                "机关事业单位工作人员年度考核登记表",
            ]
        ),
        "songb",
        cv.mm(7),
        INK,
        anchor="ms",
    )
    cv.text(cv.W / 2, cv.mm(38), f"（{year}年度）", ctx.body, cv.mm(4.5), INK, anchor="ms")
    x0, x1 = cv.mm(20), cv.W - cv.mm(20)
    y = cv.mm(46)
    size = cv.mm(4.0)
    rh = cv.mm(12)
    cols = [x0, x0 + cv.mm(24), x0 + cv.mm(64), x0 + cv.mm(84), x0 + cv.mm(108), x0 + cv.mm(132), x1]
    lw = max(2, cv.mm(0.35))

    def cell_text(xa, xb, yb, s, **kw):
        return cv.text((xa + xb) / 2, yb, s, ctx.body, size, INK, anchor="ms", **kw)

    # row 1: name padded with spaces / letter-spaced
    nm, tags = ctx.name()
    cv.line(x0, y, x1, y, lw, rule)
    base = y + rh / 2 + size * 0.35
    cell_text(cols[0], cols[1], base, "姓  名")
    # a quarter of the forms are filled in by hand (print-like pen), the rest typed
    by_hand = rng.random() < 0.25
    if by_hand:
        ctx.sign(cols[1] + cv.mm(3), base - size * 0.4, nm, tags=tags, size_mm=5.5, max_w=cols[2] - cols[1] - cv.mm(6))
    elif not app.dotted and len(nm) <= 3 and rng.random() < 0.7:
        spaced = ctx.choice(["　", " ", "  "]).join(nm)
        cell_text(cols[1], cols[2], base, spaced, kind="name", tags=tags + ("letter_spaced",))
    else:
        cv.text(
            (cols[1] + cols[2]) / 2,
            base,
            nm,
            ctx.body,
            int(size * (0.85 if len(nm) > 6 else 1)),
            INK,
            anchor="ms",
            kind="name",
            tags=tags,
        )
    cell_text(cols[2], cols[3], base, "性别")
    cell_text(cols[3], cols[4], base, app.gender)
    cell_text(cols[4], cols[5], base, "出生年月")
    cell_text(cols[5], cols[6], base, f"{app.birth[0]}.{app.birth[1]:02d}")
    y += rh
    cv.line(x0, y, x1, y, lw, rule)
    base = y + rh / 2 + size * 0.35
    cell_text(cols[0], cols[1], base, "政治面貌")
    cell_text(cols[1], cols[2], base, ctx.choice(["中共党员", "群众", "中共党员"]))
    cell_text(cols[2], cols[3], base, "职务")
    cell_text(cols[3], cols[6], base, ctx.choice(["科员", "技术员", "主管", "副科长", "工程师"]))
    y += rh
    cv.line(x0, y, x1, y, lw, rule)
    # row 3: employer, long enough to wrap in its narrow cell
    cell_w = cols[3] - cols[1] - cv.mm(6)
    emp = app.employer
    y_emp = y
    base = y + cv.mm(6.5)
    cell_text(cols[0], cols[1], y + rh * 0.5 + size * 0.35 + cv.mm(2), "工作单位")
    if by_hand:
        # pen writing does not reflow: a long name goes on in a second line of the cell
        hs = 4.6
        if cv.advance(emp, ctx.hand, cv.mm(hs)) * 1.25 > cell_w:
            k = (len(emp) + 1) // 2
            ctx.sign(
                cols[1] + cv.mm(2),
                base - cv.mm(1),
                emp[:k],
                kind="employer",
                size_mm=hs,
                tags=("wrapped",),
                max_w=cell_w,
            )
            ctx.sign(
                cols[1] + cv.mm(2),
                base + cv.mm(6),
                emp[k:],
                kind="employer",
                size_mm=hs,
                tags=("wrapped",),
                max_w=cell_w,
            )
            nxt = base + cv.mm(12)
        else:
            ctx.sign(cols[1] + cv.mm(2), base + cv.mm(1), emp, kind="employer", size_mm=hs, max_w=cell_w)
            nxt = base + cv.mm(6)
    else:
        nxt = cv.prose(cols[1] + cv.mm(3), base, cell_w, [Seg(emp, "employer", "applicant")], ctx.body, size, cv.mm(6))
    cell_text(cols[3], cols[5], y + rh * 0.5 + size * 0.35 + cv.mm(2), "专业技术职务")
    cv.text(
        cols[5] + cv.mm(2),
        y + rh * 0.5 + size * 0.35 + cv.mm(2),
        lower_title(app.title),
        ctx.body,
        int(size * 0.85),
        INK,
    )
    y = max(y + rh + cv.mm(4), nxt - cv.mm(1))
    for c in (cols[1], cols[3], cols[5]):
        cv.line(c, y_emp, c, y, lw, rule)
    for c in cols[1:6]:
        cv.line(c, cv.mm(46), c, cv.mm(46) + rh, lw, rule)
    for c in cols[1:4]:
        cv.line(c, cv.mm(46) + rh, c, cv.mm(46) + 2 * rh, lw, rule)
    cv.line(x0, y, x1, y, lw, rule)
    # 个人总结: prose mentioning the employer inside sentences
    top = y
    cv.text(x0 + cv.mm(3), y + cv.mm(8), "个人总结", ctx.body, size, INK)
    proj = ctx.project()
    segs = [
        Seg(f"{year}年，本人在"),
        ctx.emp_seg(),
        Seg(
            "党组的领导下，认真学习贯彻党的路线方针政策，严格遵守各项规章制度，"
            f"扎实做好本职工作。一年来，主要参与了{proj}项目的技术工作，负责方案编制、现场技术指导和资料整理，"
            "按时完成了各项任务。在"
        ),
        ctx.emp_seg(),
        Seg(
            "组织的业务培训中，认真学习专业知识，不断提高业务能力。"
            "同时积极参加单位组织的各项活动，团结同事，服从安排。存在的不足是理论学习还不够系统，今后将继续努力，"
            "为"
        ),
        ctx.emp_seg(),
        Seg("各项工作再上新台阶贡献自己的力量。"),
    ]
    y = cv.prose(x0 + cv.mm(6), y + cv.mm(17), x1 - x0 - cv.mm(12), segs, ctx.body, size, cv.mm(7.2), indent=2 * size)
    lb = cv.text(x1 - cv.mm(75), y + cv.mm(3), "本人签名：", ctx.body, size, INK)
    ctx.sign(lb[2] + cv.mm(3), y + cv.mm(1), nm, tags=tags, max_w=x1 - lb[2] - cv.mm(6))
    y += cv.mm(10)
    cv.line(x0, y, x1, y, lw, rule)
    # 主管领导评语 with another person's signature
    cv.text(x0 + cv.mm(3), y + cv.mm(8), "主管领导评语", ctx.body, size, INK)
    y2 = cv.prose(
        x0 + cv.mm(6),
        y + cv.mm(17),
        x1 - x0 - cv.mm(12),
        [Seg("该同志工作认真负责，业务能力强，能够按时保质完成各项工作任务，团结同事，作风扎实。同意评定为优秀。")],
        ctx.body,
        size,
        cv.mm(7.2),
        indent=2 * size,
    )
    boss = ctx.other_person()
    lb = cv.text(x1 - cv.mm(60), y2 + cv.mm(3), "签名：", ctx.body, size, INK)
    ctx.sign(lb[2] + cv.mm(4), y2 + cv.mm(1), boss, owner="other", max_w=x1 - lb[2] - cv.mm(7))
    y = y2 + cv.mm(10)
    cv.line(x0, y, x1, y, lw, rule)
    cv.text(x0 + cv.mm(3), y + cv.mm(8), "考核等次", ctx.body, size, INK)
    cv.text(x0 + cv.mm(40), y + cv.mm(8), ctx.choice(["优秀", "合格", "优秀"]), ctx.body, size, INK)
    y += cv.mm(13)
    cv.line(x0, y, x1, y, lw, rule)
    # 单位盖章: employer name and date, the employer's seal over the date
    cv.text(x0 + cv.mm(3), y + cv.mm(8), "单位意见", ctx.body, size, INK)
    cv.text(x0 + cv.mm(30), y + cv.mm(8), "同意。", ctx.body, size, INK)
    cv.text(x1 - cv.mm(70), y + cv.mm(22), "（单位盖章）", ctx.body, size, INK)
    sy, sm, sd = year + 1, int(rng.integers(1, 3)), int(rng.integers(1, 29))
    db = cv.text(x1 - cv.mm(62), y + cv.mm(33), f"{sy}年{sm}月{sd}日", ctx.body, size, INK)
    side = ctx.side
    main_rng, ctx.rng = ctx.rng, side          # the additions draw from the side stream only
    if side.random() < 0.7:
        # the unit head signs the unit's opinion, left of where the employer's seal goes
        hb = cv.text(x0 + cv.mm(3), y + cv.mm(22), ctx.choice(["单位负责人：", "负责人签字："]), ctx.body, size, INK)
        if hb:
            ctx.sign(hb[2] + cv.mm(3), y + cv.mm(20), side.choice(L.OTHER_PEOPLE), owner="other",
                     max_w=x1 - cv.mm(75) - hb[2] - cv.mm(8))
    bottom = y + cv.mm(42)
    if bottom + cv.mm(34) <= cv.H - cv.mm(5) and side.random() < 0.75:
        # 主管部门意见: the reviewing authority's printed name and its own seal, sometimes the
        # reviewer's printed name; the applicant's seal is not there
        cv.line(x0, bottom, x1, bottom, lw, rule)
        y = bottom
        auth = str(side.choice(L.AUTHORITIES + L.SISTER_ORGS[-4:]))
        label = ctx.choice(["主管部门意见", "主管部门审核意见", "审核意见"])
        cv.text(x0 + cv.mm(3), y + cv.mm(8), label, ctx.body, size, INK)
        opinion = str(side.choice(["同意。", "同意单位意见。", "经审核，同意。"]))
        cv.text(x0 + cv.mm(40), y + cv.mm(8), opinion, ctx.body, size, INK)
        if side.random() < 0.5:
            rb = cv.text(x0 + cv.mm(3), y + cv.mm(20), str(side.choice(["审核人：", "经办人："])), ctx.body, size, INK)
            if rb:
                cv.text(rb[2] + cv.mm(2), y + cv.mm(20), str(side.choice(L.OTHER_PEOPLE)), ctx.body, size, INK,
                        kind="name", owner="other")
        asize = int(size * (0.85 if len(auth) > 14 else 1))
        ab = cv.text(x1 - cv.mm(6), y + cv.mm(22), auth, ctx.body, asize, INK, anchor="rs", kind="org", owner="other")
        ab2 = cv.text(x1 - cv.mm(14), y + cv.mm(31), f"{sy}年{sm}月{int(side.integers(1, 29))}日", ctx.body, size, INK,
                      anchor="rs")
        if ab and ab2:
            stamp(
                cv,
                (ab2[0] + ab2[2]) / 2 + cv.mm(float(side.uniform(-8, 4))),
                # on the paper: a seal near the foot of the page is stamped over the name instead
                min((ab[3] + ab2[1]) / 2 + cv.mm(float(side.uniform(-4, 4))), cv.H - cv.mm(24)),
                "round",
                auth,
                "other",
                side,
                fkey=ctx.body,
                line="专用章" if side.random() < 0.2 else None,
            )
        bottom = y + cv.mm(34)
    ctx.rng = main_rng
    cv.line(x0, bottom, x1, bottom, lw, rule)
    cv.line(x0, cv.mm(46), x0, bottom, lw, rule)
    cv.line(x1, cv.mm(46), x1, bottom, lw, rule)
    cv.line(cols[1], top, cols[1], top, lw, rule)
    if db:
        stamp(
            cv,
            (db[0] + db[2]) / 2 + cv.mm(rng.uniform(-6, 6)),
            db[1] - cv.mm(rng.uniform(2, 10)),
            "round",
            app.employer,
            "applicant",
            rng,
            fkey=ctx.body,
        )


# ------------------------------------------------------------------ 5 training certificate
def training(ctx: Ctx):
    cv, rng = ctx.cv, ctx.rng
    inner = border(cv, rng, ctx.choice([(30, 70, 140), (150, 40, 40), (40, 100, 70)]), fancy=rng.random() < 0.6)
    title = ctx.choice(["培训合格证书", "继续教育证书", "结业证书"])
    red_title(cv, cv.W / 2, inner + cv.mm(28), title, "songb", cv.mm(12), track=cv.mm(2))
    centre = ctx.choice(L.CENTRES)
    course = ctx.choice(L.COURSES)
    y, m, d = ctx.date(2019, 2024)
    hours = int(rng.choice([24, 32, 40, 48, 72, 90]))
    segs = [
        Seg("兹证明 "),
        ctx.name_seg(),
        Seg(" 同志（工作单位："),
        ctx.emp_seg(),
        Seg(f"）于{y}年{m}月参加了{course}培训，共计{hours}学时，经考核合格。"),
        Seg("特发此证。"),
    ]
    x0 = inner + cv.mm(22)
    w = cv.W - 2 * x0
    size = cv.mm(6.2 if cv.W > cv.H else 5.6)
    top = inner + cv.mm(58 if cv.W > cv.H else 80)
    if rng.random() < 0.35:
        # some centres print the trainee's photo left of the text, the centre's seal is not on it
        pw, ph = cv.mm(25), cv.mm(35)
        cv.photo(x0, top - cv.mm(8), pw, ph, ctx.face, bg=ctx.choice([(70, 140, 215), (240, 240, 240)]))
        x0 += pw + cv.mm(10)
        w -= pw + cv.mm(10)
    yy = cv.prose(x0, top, w, segs, ctx.body, size, cv.mm(13), indent=2 * size)
    by = max(yy + cv.mm(18), cv.H - inner - cv.mm(38))
    cx = cv.W - inner - cv.mm(60)
    cv.text(
        cx,
        by,
        centre,
        ctx.body,
        int(cv.mm(4.6) * (0.85 if len(centre) > 16 else 1)),
        INK,
        anchor="ms",
        kind="org",
        owner="other",
    )
    cv.text(cx, by + cv.mm(10), cn_date(y, m, int(rng.integers(1, 29))), ctx.body, cv.mm(4.6), INK, anchor="ms")
    cv.text(
        x0, cv.H - inner - cv.mm(12), f"证书编号：XJJX{y}{int(rng.integers(10**5, 10**6))}", ctx.body, cv.mm(3.6), INK
    )
    # the centre's own seal, long ring, often faded pink
    stamp(
        cv,
        cx + cv.mm(rng.uniform(-5, 5)),
        by + cv.mm(rng.uniform(-2, 6)),
        "round",
        centre,
        "other",
        rng,
        fkey=ctx.body,
        faded=bool(rng.random() < 0.5),
        line="培训专用章" if rng.random() < 0.3 else None,
    )


# ------------------------------------------------------------------ 6 award certificate
def award(ctx: Ctx):
    cv, rng, app = ctx.cv, ctx.rng, ctx.app
    inner = border(cv, rng, (190, 30, 36))
    red_title(
        cv,
        cv.W / 2,
        inner + cv.mm(32),
        "荣誉证书",
        "songb" if rng.random() < 0.6 else "heib",
        cv.mm(17),
        track=cv.mm(3),
    )
    by_employer = rng.random() < 0.5
    auth = ctx.choice(L.AUTHORITIES + L.SISTER_ORGS[-2:])
    honour = ctx.choice(L.HONOURS)
    year = int(rng.integers(2016, 2024))
    segs = [ctx.name_seg(), Seg(" 同志：")]
    if not by_employer or rng.random() < 0.4:
        segs = [ctx.emp_seg(), Seg(" ")] + segs
    segs.append(Seg(f"在{year}年度工作中成绩突出，被评为“{honour}”。特发此证，以资鼓励。"))
    x0 = inner + cv.mm(24)
    size = cv.mm(7.6 if cv.W > cv.H else 6.8)
    yy = cv.prose(
        x0,
        inner + cv.mm(66 if cv.W > cv.H else 95),
        cv.W - 2 * x0,
        segs,
        ctx.kai if rng.random() < 0.4 else ctx.body,
        size,
        cv.mm(16),
    )
    by = max(yy + cv.mm(15), cv.H - inner - cv.mm(36))
    cx = cv.W - inner - cv.mm(62)
    issuer = app.employer if by_employer else auth
    cv.text(
        cx,
        by,
        issuer,
        ctx.body,
        int(cv.mm(5) * (0.85 if len(issuer) > 15 else 1)),
        INK,
        anchor="ms",
        kind="employer" if by_employer else "org",
        owner="applicant" if by_employer else "other",
    )
    cv.text(
        cx,
        by + cv.mm(11),
        cn_date(year + 1, int(rng.integers(1, 4)), int(rng.integers(1, 29)), upper=rng.random() < 0.5),
        ctx.body,
        cv.mm(5),
        INK,
        anchor="ms",
    )
    stamp(
        cv,
        cx + cv.mm(rng.uniform(-6, 6)),
        by + cv.mm(rng.uniform(-1, 6)),
        "round",
        issuer,
        "applicant" if by_employer else "other",
        rng,
        fkey=ctx.body,
    )
    if not by_employer and cv.W > cv.H and rng.random() < 0.3:
        # issued jointly: the applicant's employer signs beside the authority, with its own seal
        cx2 = cx - cv.mm(105)
        emp = app.employer
        cv.text(
            cx2, by, emp, ctx.body, int(cv.mm(5) * (0.85 if len(emp) > 15 else 1)), INK, anchor="ms", kind="employer"
        )
        stamp(
            cv,
            cx2 + cv.mm(rng.uniform(-6, 6)),
            by + cv.mm(rng.uniform(-1, 6)),
            "round",
            emp,
            "applicant",
            rng,
            fkey=ctx.body,
        )


# ------------------------------------------------------------------ 7 journal article
FILLER = (
    "本文以新疆典型区域为研究对象，结合多年实测资料，对相关指标的时空变化特征进行了系统分析。结果表明，"
    "研究区各指标年际波动明显，季节分配不均，与气候因子和人类活动密切相关。在此基础上提出了适合干旱区特点的"
    "管理对策与技术措施，可为同类地区的规划设计和运行管理提供参考。"
)


def journal(ctx: Ctx):
    cv, rng, app = ctx.cv, ctx.rng, ctx.app
    jn, en = ctx.choice(L.JOURNALS)
    year = int(rng.integers(2015, 2025))
    x0, x1 = cv.mm(20), cv.W - cv.mm(20)
    cv.text(x0, cv.mm(16), f"第{int(rng.integers(20, 60))}卷 第{int(rng.integers(1, 12))}期", ctx.body, cv.mm(3), INK)
    cv.text(cv.W / 2, cv.mm(16), jn, ctx.hei, cv.mm(4), INK, anchor="ms", kind="org", owner="other")
    cv.text(x1, cv.mm(16), f"{year}年{int(rng.integers(1, 13))}月", ctx.body, cv.mm(3), INK, anchor="rs")
    cv.text(cv.W / 2, cv.mm(21), en, "hei", cv.mm(2.4), INK, anchor="ms")
    cv.line(x0, cv.mm(23), x1, cv.mm(23), max(2, cv.mm(0.4)))
    proj = ctx.project()
    title = ctx.choice(
        [f"{proj}中的关键技术研究", f"{proj}实践与思考", f"{ctx.app.city}地区{proj}现状及对策", f"{proj}效果评价与分析"]
    )
    tf = ctx.hei if rng.random() < 0.5 else "heib"
    ts = min(cv.mm(7), int((x1 - x0) / max(1.0, cv.advance(title, tf, 100) / 100)))  # long titles set smaller
    cv.text(cv.W / 2, cv.mm(40), title, tf, ts, INK, anchor="ms")
    # authors: the applicant among co-authors, superscript affiliation numbers
    n_co = int(rng.integers(1, 4))
    pos = int(rng.integers(0, n_co + 1))
    pool = [p for p in L.OTHER_PEOPLE]
    names = [pool.pop(int(rng.integers(len(pool)))) for _ in range(n_co)]  # distinct co-authors
    nm, tags = ctx.name()
    names.insert(pos, None)
    uni = ctx.choice(L.UNIVERSITIES)
    size = cv.mm(4.2)
    sup = cv.mm(2.4)
    widths = []
    for nme in names:
        s = nm if nme is None else nme
        widths.append(cv.advance(s, ctx.kai, size) + cv.advance("1,2", "hei", sup) + cv.mm(6))
    x = cv.W / 2 - sum(widths) / 2
    ay = cv.mm(52)
    for i, nme in enumerate(names):
        s = nm if nme is None else nme
        b = cv.text(
            x,
            ay,
            s,
            ctx.kai,
            size,
            INK,
            kind="name",
            owner="applicant" if nme is None else "other",
            tags=tags if nme is None else (),
        )
        aff = "1" if nme is None else ctx.choice(["1", "2", "1,2"])
        cv.text(b[2] + cv.mm(0.5), ay - size * 0.45, aff, "hei", sup, INK)
        x += widths[i]
    city = app.city
    emp = ctx.employer()
    segs = [
        Seg("（1. "),
        Seg(emp, "employer", "applicant"),
        Seg(f"，新疆 {city} {app.postcode}；2. "),
        Seg(uni, "org", "other"),
        Seg("，新疆 乌鲁木齐 830046）"),
    ]
    y = cv.prose(x0 + cv.mm(8), cv.mm(61), x1 - x0 - cv.mm(16), segs, ctx.body, cv.mm(3.2), cv.mm(5))
    ab = [
        Seg("摘  要：", color=INK),
        Seg(FILLER + "研究成果已在"),
        Seg(emp, "employer", "applicant"),
        Seg("及周边地区推广应用，取得了良好的经济效益和社会效益。"),
    ]
    y = cv.prose(x0 + cv.mm(8), y + cv.mm(3), x1 - x0 - cv.mm(16), ab, ctx.body, cv.mm(3.4), cv.mm(5.4))
    cv.text(x0 + cv.mm(8), y, f"关键词：{proj[:4]}；干旱区；技术措施；新疆", ctx.body, cv.mm(3.4), INK)
    cv.text(
        x0 + cv.mm(8),
        y + cv.mm(5.5),
        f"中图分类号：S{int(rng.integers(100, 999))}    文献标志码：A    "
        f"文章编号：1001-{int(rng.integers(1000, 9999))}({year})0{int(rng.integers(1, 9))}"
        f"-00{int(rng.integers(10, 99))}-0{int(rng.integers(3, 9))}",
        ctx.body,
        cv.mm(3),
        INK,
    )
    y += cv.mm(14)
    cv.line(x0, y - cv.mm(3), x1, y - cv.mm(3), 1)
    # body, two columns
    colw = (x1 - x0 - cv.mm(8)) / 2
    foot_top = cv.H - cv.mm(40)
    body = (
        "0 引言\n"
        + FILLER * 2
        + "近年来，随着区域经济社会的快速发展，相关问题日益突出，亟需开展系统研究。"
        + FILLER
        + "\n1 研究区概况与方法\n"
        + FILLER * 3
    )
    for ci in range(2):
        cx = x0 + ci * (colw + cv.mm(8))
        yy = y + cv.mm(2)
        for para in body.split("\n"):
            if yy > foot_top - cv.mm(8):
                break
            bold = len(para) < 20
            lines = int((foot_top - yy) / cv.mm(5.2))
            yy = cv.prose(
                cx,
                yy + cv.mm(3),
                colw,
                [Seg(para)],
                "heib" if bold else ctx.body,
                cv.mm(3.3),
                cv.mm(5.2),
                indent=0 if bold else cv.mm(6.6),
                max_lines=max(1, lines),
            ) - cv.mm(2)
        body = "2 结果与分析\n" + FILLER * 2 + "\n3 讨论\n" + FILLER * 3
    cv.line(x0, foot_top, x0 + cv.mm(50), foot_top, 1)
    fy = foot_top + cv.mm(5)
    cv.text(
        x0,
        fy,
        f"收稿日期：{year - 1}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}",
        ctx.body,
        cv.mm(2.9),
        INK,
    )
    fund = f"基金项目：新疆维吾尔自治区自然科学基金项目（{year - 2}D01A{int(rng.integers(10, 99))}）"
    cv.text(x0, fy + cv.mm(4.6), fund, ctx.body, cv.mm(2.9), INK)
    segs = [
        Seg("作者简介："),
        ctx.name_seg(),
        Seg(
            f"（{app.birth[0]}—），{app.gender}，{app.nation}，{app.home}人，"
            f"{app.title}，主要从事{app.major}方面的研究工作。E-mail: xj{int(rng.integers(1000, 9999))}@163.com"
        ),
    ]
    cv.prose(x0, fy + cv.mm(9.2), x1 - x0, segs, ctx.body, cv.mm(2.9), cv.mm(4.6))


# ------------------------------------------------------------------ 8 employer letter
def letter(ctx: Ctx):
    cv, rng, app = ctx.cv, ctx.rng, ctx.app
    x0, x1 = cv.mm(25), cv.W - cv.mm(25)
    emp = app.employer
    # some letters run to two pages: the second has no letterhead, only the end and the seal
    second = rng.random() < 0.2
    if not second:
        size_head = cv.mm(8.5 if len(emp) < 14 else 7.0)
        cv.text(
            cv.W / 2,
            cv.mm(30),
            emp,
            "songb" if rng.random() < 0.6 else ctx.hei,
            size_head,
            RED_PRINT,
            anchor="ms",
            kind="employer",
            tags=("red", "letterhead"),
            track=cv.mm(0.6) if len(emp) < 14 else 0,
        )
        cv.line(x0 - cv.mm(5), cv.mm(36), x1 + cv.mm(5), cv.mm(36), max(2, cv.mm(0.8)), RED_PRINT)
        if rng.random() < 0.5:
            cv.line(x0 - cv.mm(5), cv.mm(37.5), x1 + cv.mm(5), cv.mm(37.5), max(1, cv.mm(0.25)), RED_PRINT)
        title = ctx.choice(["证  明", "任职证明", "工作证明", "推荐信"])
        cv.text(cv.W / 2, cv.mm(58), title, "heib" if rng.random() < 0.5 else "songb", cv.mm(8), INK, anchor="ms")
        y0w = cv.mm(78)
    else:
        title = ""
        cv.text(cv.W / 2, cv.H - cv.mm(15), "第 2 页  共 2 页", ctx.body, cv.mm(3.2), INK, anchor="ms")
        y0w = cv.mm(35)
    size = cv.mm(4.6)
    nm, tags = ctx.name()
    y, m, d = app.birth
    start = int(rng.integers(2006, 2016))
    yr = int(rng.integers(2021, 2025))
    short = app.shorts[0]
    nm_seg = lambda: Seg(nm, "name", "applicant", tags)  # noqa: E731
    segs = [
        Seg("兹证明 "),
        nm_seg(),
        Seg(
            f" 同志，{app.gender}，{app.nation}，{y}年{m}月出生，身份证号{id_number(ctx)}，"
            f"自{start}年{int(rng.integers(1, 13))}月起在"
        ),
        Seg(emp, "employer"),
        Seg(
            f"工作，现任{app.title}。该同志"
            "政治立场坚定，遵纪守法，工作勤恳，业务能力突出，近五年年度考核均为合格以上等次，无违法违纪行为。"
        ),
    ]
    lower = lower_title(app.title)
    if title == "推荐信":
        segs = [
            Seg("我单位 "),
            nm_seg(),
            Seg(
                f" 同志，{y}年{m}月出生，{start - 4}年毕业于{ctx.choice(L.UNIVERSITIES)}{app.major}专业，"
                f"{start}年参加工作，现在"
            ),
            Seg(emp, "employer"),
            Seg(f"从事专业技术工作。经本人申请、单位推荐委员会评议并公示无异议，同意推荐其申报{app.title}任职资格。"),
        ]
    elif title == "任职证明":
        segs = [
            Seg("兹证明 "),
            nm_seg(),
            Seg(f" 同志于{start + 5}年取得{lower}任职资格，自{start + 5}年{int(rng.integers(1, 13))}月起被"),
            Seg(emp, "employer"),
            Seg(f"聘任为{lower}，聘期内履职尽责，年度考核均为合格以上等次。"),
        ]
    p2 = [
        nm_seg(),
        Seg(" 同志在"),
        Seg(short if rng.random() < 0.5 else emp, "employer"),
        Seg("工作期间，主持和参与了" + ctx.project() + "等多项工作，所提交的申报材料真实有效。"),
    ]
    w = x1 - x0
    # real letters split the employer's name at a line end and go on on the next line:
    # choose the closing wording whose layout does that
    leads = [
        "",
        "特此证明。",
        "本证明仅用于专业技术职务任职资格申报。",
        "以上情况属实。",
        "本单位对以上内容的真实性负责。",
    ]
    asks = ["如有异议，请与", "如对上述情况有异议，请与", "如需核实，请于工作日与", "如有疑问，请与", "如有异议请与"]
    phone_no = "0996-" + str(int(rng.integers(2000000, 2999999)))
    tail = None
    order = [(i, j) for i in range(len(leads)) for j in range(len(asks))]
    rng.shuffle(order)
    for i, j in order:
        cand = [Seg(leads[i] + asks[j]), Seg(emp, "employer"), Seg(f"人事科联系，联系电话：{phone_no}。")]
        split, _ = cv.prose(x0, 0, w, cand, ctx.body, size, 0, indent=2 * size, dry=True)
        if "employer" in split:
            tail = cand
            break
    tail = tail or [Seg(leads[0] + asks[0]), Seg(emp, "employer"), Seg(f"人事科联系，联系电话：{phone_no}。")]
    best = w
    if second:
        segs = [
            Seg("三是业务能力突出。"),
            nm_seg(),
            Seg(" 同志熟悉本专业的技术标准和规范，多次参与"),
            Seg(emp, "employer"),
            Seg(
                "重点项目的技术审查工作，撰写的技术报告和论文在行业内具有一定影响，"
                "在指导青年技术人员方面发挥了积极作用。"
            ),
        ]
    yy = cv.prose(x0, y0w, w, segs, ctx.body, size, cv.mm(9), indent=2 * size)
    yy = cv.prose(x0, yy + cv.mm(2), w, p2, ctx.body, size, cv.mm(9), indent=2 * size)
    yy = cv.prose(x0, yy + cv.mm(2), best, tail, ctx.body, size, cv.mm(9), indent=2 * size)
    # signature block: employer and date, the seal over both
    sx = x1 - cv.mm(5)
    sy = yy + cv.mm(20)
    eb = cv.text(sx, sy, emp, ctx.body, size, INK, anchor="rs", kind="employer")
    db = cv.text(
        sx - cv.mm(5),
        sy + cv.mm(11),
        cn_date(yr, int(rng.integers(1, 13)), int(rng.integers(1, 29))),
        ctx.body,
        size,
        INK,
        anchor="rs",
    )
    if eb and db:
        cx = (min(eb[0], db[0]) + max(eb[2], db[2])) / 2 + cv.mm(rng.uniform(-8, 8))
        cy = (eb[1] + db[3]) / 2 + cv.mm(rng.uniform(-3, 3))
        if rng.random() < 0.15:
            # a department's oval 专用章: the employer on the arc, the use at the bottom
            stamp(
                cv,
                cx,
                cy,
                "oval",
                emp,
                "applicant",
                rng,
                fkey=ctx.body,
                bottom=ctx.choice(["人事专用章", "证明专用章"]),
                middle="",
            )
        else:
            stamp(
                cv,
                cx,
                cy,
                "round",
                emp,
                "applicant",
                rng,
                fkey=ctx.body,
                line="人事专用章" if rng.random() < 0.2 else None,
                number=f"65{int(rng.integers(10**10, 10**11))}" if rng.random() < 0.25 else None,
            )
    if rng.random() < 0.35:
        boss = ctx.other_person()
        lb = cv.text(x0, sy + cv.mm(28), "单位负责人：", ctx.body, size, INK)
        ctx.sign(lb[2] + cv.mm(3), sy + cv.mm(26), boss, owner="other", max_w=cv.mm(40))
        if rng.random() < 0.5:
            seal_name = boss.replace("·", "")[:3] + "印"
            stamp(
                cv,
                lb[2] + cv.mm(55),
                sy + cv.mm(24),
                "square",
                seal_name,
                "other",
                rng,
                fkey=ctx.kai,
                d_mm=float(rng.uniform(18, 22)),
                faded=False,
                incomplete=False,
            )


LAYOUTS = {
    "id_card": id_card,
    "diploma": diploma,
    "title_cert": title_cert,
    "appraisal": appraisal,
    "training": training,
    "award": award,
    "journal": journal,
    "letter": letter,
}


def page_size(doc_type: str, rng) -> tuple[float, float]:
    """Paper size (w, h mm): booklets open landscape; certificates come either way."""
    if doc_type in ("title_cert",):
        return 297.0, 210.0
    if doc_type in ("diploma", "award", "training"):
        return (297.0, 210.0) if rng.random() < 0.6 else (210.0, 297.0)
    return 210.0, 297.0
