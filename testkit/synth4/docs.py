"""The four page builders: letter, award, appraisal, journal."""

from __future__ import annotations

import math

import numpy as np

from . import data as D
from .canvas import BODY_FONTS, HAND_FONTS, HEAD_FONTS, Canvas, adv, text_width
from .seals import SEAL_COLORS, SEAL_FONTS, round_seal, square_seal, stamp, texture

BLACK = (25, 25, 28)
RED = (200, 30, 35)


def pick(rng, seq):
    return seq[int(rng.integers(0, len(seq)))]


def chance(rng, p):
    return rng.random() < p


# ---------------------------------------------------------------- context
class Ctx:
    """Everything one page knows about its applicant and the other people/organisations."""

    def __init__(self, rng):
        self.rng = rng
        a = D.APPLICANTS[int(rng.integers(0, len(D.APPLICANTS)))]
        (
            self.canon,
            self.sex,
            self.nation,
            self.birth,
            self.native,
            self.emp_full,
            self.emp_short,
            self.prefix,
            self.city,
            self.zip,
            self.field,
        ) = a
        self.employers = [self.emp_full] + ([self.emp_short] if self.emp_short else [])
        if "·" in self.canon:
            self.dot = pick(rng, ["middle"] * 4 + ["bullet", "bullet", "period", "period", "katakana", "none", "none"])
            self.name = self.canon.replace("·", D.DOT_VARIANTS[self.dot])
            self.aliases = [self.canon.replace("·", v) for k, v in D.DOT_VARIANTS.items() if k != "middle"]
            self.name_tags = ("dot:" + self.dot,)
        else:
            self.dot = None
            self.name = self.canon
            self.aliases = []
            self.name_tags = ()
        forms = [self.name, self.canon] + self.employers

        def clash(s):
            return (
                any(f in s or s in f for f in forms)
                or any(ch in s for ch in self.canon.split("·")[0][:1])
                and s[:1] == self.canon[:1]
            )

        self.others = [p for p in D.OTHER_PEOPLE if not clash(p)]
        rng.shuffle(self.others)
        sib = [self.prefix + s for s in D.SIBLING_SUFFIXES]
        self.siblings = [s for s in sib if not any(f in s or s in f for f in self.employers)]
        rng.shuffle(self.siblings)
        self.supervisors = D.supervisors(self.prefix)
        self.authorities = list(D.AUTHORITIES[self.field]) + list(D.GENERAL_AUTHORITIES)
        self.t_mid, self.t_senior, self.spec = D.TITLES[self.field]
        self.year = int(rng.integers(2016, 2024))
        self._oi = 0

    def other(self):
        p = self.others[self._oi % len(self.others)]
        self._oi += 1
        if "·" in p and chance(self.rng, 0.3):
            p = p.replace("·", pick(self.rng, ["•", ".", ""]))
        return p

    def date(self, cn=False):
        y, m, d = self.year, int(self.rng.integers(1, 13)), int(self.rng.integers(1, 29))
        if cn:

            def num(v):
                if v < 10:
                    return D.CN_DIGITS[v]
                t, u = divmod(v, 10)
                return ("" if t == 1 else D.CN_DIGITS[t]) + "十" + (D.CN_DIGITS[u] if u else "")

            return "".join(D.CN_DIGITS[int(c)] for c in str(y)) + "年" + num(m) + "月" + num(d) + "日"
        return f"{y}年{m}月{d}日"

    def register(self, cv):
        cv.register(self.name, "name", "applicant", self.name_tags)
        for e in self.employers:
            cv.register(e, "employer", "applicant")

    def emp(self, p_short=0.35):
        if self.emp_short and chance(self.rng, p_short):
            return self.emp_short
        return self.emp_full


def spaced(s, sep):
    return sep.join(s)


# ---------------------------------------------------------------- helpers
def fit_para(cv, rng, segs, key, size, width, indent_chars=2):
    """segs: list of str | ('flex', options) | ('target', text). Choose flex fillers so that the target
    is cut at a line end at a wanted position. Returns final string."""
    tgt = [s for s in segs if isinstance(s, tuple) and s[0] == "target"]
    flexes = [i for i, s in enumerate(segs) if isinstance(s, tuple) and s[0] == "flex"]
    ind = adv(key, size, "一") * indent_chars

    def build(choice):
        out, tpos = [], None
        fi = 0
        for s in segs:
            if isinstance(s, tuple):
                if s[0] == "flex":
                    out.append(choice[fi])
                    fi += 1
                else:
                    tpos = sum(len(x) for x in out)
                    out.append(s[1])
            else:
                out.append(s)
        return "".join(out), tpos

    def combo(opts):
        if isinstance(opts, list) and opts and isinstance(opts[0], list):  # pool of phrases: subset
            pool = opts[0]
            k = int(rng.integers(0, min(6, len(pool)) + 1))
            idx = rng.permutation(len(pool))[:k]
            return "".join(pool[i] for i in idx)
        return pick(rng, opts)

    if not tgt:
        return build([combo(segs[i][1]) for i in flexes])[0]
    L = len(tgt[0][1])
    r = rng.random()
    want = int(rng.integers(1, 3)) if r < 0.3 else L - int(rng.integers(1, 3)) if r < 0.6 else int(rng.integers(1, L))
    want = min(max(1, want), L - 1)
    best, best_d = None, 1e9
    for _ in range(60):
        ch = [combo(segs[i][1]) for i in flexes]
        s, tp = build(ch)
        lines = cv.layout(s, key, size, width, ind)
        cut = None
        for _i, j in lines:
            if tp < j < tp + L:
                cut = j - tp
                break
        d = abs(cut - want) if cut is not None else 1000
        if d < best_d:
            best, best_d = s, d
        if d == 0:
            break
    return best


def vtext(cv, cx, cy, s, key, size, color=BLACK):
    """Characters stacked vertically, centred on (cx, cy)."""
    step = size * 1.25
    y = cy - step * (len(s) - 1) / 2 + size * 0.38
    for ch in s:
        cv.text(cx, y, ch, key, size, color, anchor="c")
        y += step


def mark_overlap(cv, seal_item, before):
    """Tag text items under the seal disc with under_seal; the seal with over_text if it covers text."""
    if seal_item is None:
        return
    poly = seal_item["poly"]
    c = poly.mean(0)
    R = np.linalg.norm(poly - c, axis=1).max()
    hit = False
    for it in cv.items[:before]:
        if it["kind"] == "seal":
            continue
        x0, y0 = it["hull"].min(0)
        x1, y1 = it["hull"].max(0)
        nx, ny = min(max(c[0], x0), x1), min(max(c[1], y0), y1)
        if math.hypot(nx - c[0], ny - c[1]) < R * 0.97:
            it["tags"].add("under_seal")
            hit = True
    if hit:
        seal_item["tags"].add("over_text")


def make_seal(
    cv, rng, ctx, org, cx, cy, owner, over_text_hint=True, sub=None, faded=None, diam_mm=None, incomplete=None
):
    n = len(org)
    diam = cv.mm(diam_mm or rng.uniform(38, 45))
    if sub is None and chance(rng, 0.2):
        sub = pick(rng, ["人事专用章", "人事专用章", "行政专用章", "业务专用章"])
    if sub:
        org_txt = org
    else:
        org_txt = org
    number = None
    if not sub and chance(rng, 0.25):
        number = "".join(str(int(rng.integers(0, 10))) for _ in range(int(rng.integers(10, 14))))
    m, _ = round_seal(org_txt, pick(rng, SEAL_FONTS), rng, sub=sub, number=number)
    faded = chance(rng, 0.2) if faded is None else faded
    incomplete = chance(rng, 0.15) if incomplete is None else incomplete
    m = texture(m, rng, faded=faded, incomplete=incomplete)
    col = (
        pick(rng, SEAL_COLORS["pink"])
        if faded and chance(rng, 0.6)
        else (pick(rng, SEAL_COLORS["purple"]) if chance(rng, 0.06) else pick(rng, SEAL_COLORS["red"]))
    )
    tags = ["red"]
    if n >= 15:
        tags.append("long_ring")
    if faded:
        tags.append("faded")
    if incomplete:
        tags.append("incomplete")
    before = len(cv.items)
    text = org + (" " + sub if sub else "")
    it = stamp(cv, m, cx, cy, diam, rng, col, rng.uniform(-30, 30), text=text, owner=owner, tags=tags)
    if over_text_hint:
        mark_overlap(cv, it, before)
        if it is not None:
            it["tags"].add("over_text")
    return it


def signoff(cv, rng, cx, y, lines, key, size, leading):
    """Centred sign-off lines around cx; returns list of (y_baseline)."""
    ys = []
    for s in lines:
        cv.text(cx, y, s, key, size, BLACK, anchor="c")
        ys.append(y)
        y += leading
    return ys


# ---------------------------------------------------------------- letter
LETTER_KINDS = ["单位证明", "在职证明", "推荐信", "工作鉴定", "情况说明"]


def build_letter(rng, ctx, dpi):
    cv = Canvas(int(210 / 25.4 * dpi), int(297 / 25.4 * dpi), dpi)
    ctx.register(cv)
    kind = pick(rng, LETTER_KINDS)
    body, head = pick(rng, BODY_FONTS), pick(rng, HEAD_FONTS)
    size = cv.pt(rng.uniform(12, 15.5))
    lead = size * rng.uniform(1.65, 2.05)
    x0, x1 = cv.mm(rng.uniform(24, 32)), cv.w - cv.mm(rng.uniform(22, 30))
    y = cv.mm(rng.uniform(22, 32))
    W = cv.w
    if chance(rng, 0.55):  # red letterhead
        hs = cv.pt(rng.uniform(20, 28))
        sp = hs * rng.uniform(0.0, 0.45) if chance(rng, 0.6) else 0.0
        name = ctx.emp_full
        if text_width(head, hs, name, sp) > (x1 - x0):
            sp = 0.0
            hs = min(hs, (x1 - x0) / len(name) * 0.98)
        y += hs
        tags = ["red"] + (["letter_spaced"] if sp > 0 else [])
        cv.text(W / 2, y, name, head, hs, RED, spacing=sp, anchor="c", tags=tags)
        y += hs * 0.55
        cv.line(x0 - cv.mm(5), y, x1 + cv.mm(5), y, RED, cv.mm(0.9))
        cv.line(x0 - cv.mm(5), y + cv.mm(1.4), x1 + cv.mm(5), y + cv.mm(1.4), RED, cv.mm(0.3))
        y += cv.mm(14)
    else:
        y += cv.mm(12)
    title = {
        "单位证明": pick(rng, ["证　明", "证明", "工作证明"]),
        "在职证明": "在职证明",
        "推荐信": "推荐信",
        "工作鉴定": pick(rng, ["工作鉴定", "现实表现鉴定"]),
        "情况说明": "情况说明",
    }[kind]
    ts = cv.pt(rng.uniform(20, 26))
    cv.register(title, "title", "other")
    y += ts * 0.5
    cv.text(W / 2, y, title, head, ts, BLACK, spacing=ts * (0.5 if len(title) <= 3 else 0.15), anchor="c")
    y += ts * 1.4
    sup = ctx.supervisors[0]
    sib = ctx.siblings[0]
    auth = pick(rng, ctx.authorities)
    for o in (sup, sib, auth):
        cv.register(o, "org", "other")
    if kind in ("推荐信", "情况说明"):
        cv.text(x0, y, auth + "：", body, size, BLACK)
        y += lead
    by, bm = ctx.birth
    wy = by + int(rng.integers(21, 25))
    jy = min(ctx.year - 1, wy + int(rng.integers(0, 6)))
    idno = (
        "65"
        + "".join(str(int(rng.integers(0, 10))) for _ in range(4))
        + f"{by}{bm:02d}"
        + "".join(str(int(rng.integers(0, 10))) for _ in range(4))
    )
    nm = ctx.name
    width = x1 - x0
    works = list(D.WORK[ctx.field])
    rng.shuffle(works)
    dept = pick(rng, D.DEPTS)
    paras = []
    if kind in ("单位证明", "在职证明"):
        paras.append(
            [
                f"兹证明{nm}同志，{ctx.sex}，{ctx.nation}族，{by}年{bm}月出生，身份证号码：{idno}，"
                f"于{wy}年7月参加工作，",
                ("flex", ["", f"{jy}年{int(rng.integers(1, 13))}月调入并", f"{jy}年起", "自参加工作起一直", "现"]),
                "在",
                ("target", ctx.emp()),
                f"{dept}从事{ctx.spec}工作，现任{ctx.t_mid}。",
            ]
        )
        paras.append(
            [
                "该同志",
                ("flex", [D.PRAISE]),
                "在",
                ("target", ctx.emp()),
                f"工作期间，{works[0]}，{works[1]}，曾被{sup}评为先进个人。",
            ]
        )
        paras.append(
            [
                f"本证明仅用于{nm}同志申报{ctx.t_senior}专业技术职务任职资格",
                ("flex", D.SHORT_TAILS),
                "。如有异议，请与",
                ("target", ctx.emp()),
                "人事科联系。",
            ]
        )
    elif kind == "推荐信":
        paras.append(
            [
                f"{nm}同志系我单位在编专业技术人员，{wy}年参加工作，",
                ("flex", [D.PRAISE]),
                "现在",
                ("target", ctx.emp()),
                f"{dept}工作，任{ctx.t_mid}。",
            ]
        )
        paras.append(
            [
                f"该同志{works[0]}，{works[1]}。{jy + 1}年曾借调至{sib}参与项目技术工作，",
                ("flex", [D.PRAISE]),
                "得到",
                ("target", sib),
                "的一致好评。",
            ]
        )
        paras.append(
            [
                f"经单位研究，同意推荐{nm}同志申报{ctx.t_senior}任职资格",
                ("flex", D.SHORT_TAILS),
                "。推荐单位：",
                ("target", ctx.emp()),
                "。",
            ]
        )
    elif kind == "工作鉴定":
        paras.append(
            [
                f"{nm}，{ctx.sex}，{ctx.nation}族，{by}年{bm}月生，",
                ("flex", [D.PRAISE]),
                "现任",
                ("target", ctx.emp()),
                f"{dept}{ctx.t_mid}。",
            ]
        )
        paras.append(
            [
                "该同志任现职以来",
                ("flex", [["，"] + D.PRAISE]),
                f"{works[0]}，{works[1]}，{works[2]}，为",
                ("target", ctx.emp()),
                "的业务发展作出了积极贡献。",
            ]
        )
        paras.append(
            [
                f"经{ctx.emp()}考核小组鉴定，该同志{ctx.year - 2}年至{ctx.year - 1}年年度考核均为优秀等次",
                ("flex", D.SHORT_TAILS),
                "。",
            ]
        )
    else:
        paras.append(
            [
                f"{nm}同志，身份证号码：{idno}，系",
                ("flex", ["", "我单位", "本单位"]),
                ("target", ctx.emp()),
                f"在编在岗专业技术人员，主管部门为{sup}。",
            ]
        )
        paras.append(
            [
                f"{jy}年至{jy + 2}年，该同志被派驻{sib}工作，",
                ("flex", [D.PRAISE]),
                "期间人事关系仍在",
                ("target", ctx.emp()),
                "，其工作年限连续计算。",
            ]
        )
        paras.append(["特此说明", ("flex", D.SHORT_TAILS), "。如有异议，请与", ("target", ctx.emp()), "人事科联系。"])
    for segs in paras:
        s = fit_para(cv, rng, segs, body, size, width)
        _, y, _ = cv.paragraph(x0, x1, y, s, body, size, lead)
        y += lead * rng.uniform(0.0, 0.35)
    if chance(rng, 0.6):
        cv.text(
            x0 + adv(body, size, "一") * 2, y, "特此证明。" if kind != "情况说明" else "特此说明。", body, size, BLACK
        )
        y += lead
    y += lead * rng.uniform(1.0, 2.0)
    # people
    boss, clerk = ctx.other(), ctx.other()
    cv.register(boss, "name", "other")
    cv.register(clerk, "name", "other")
    ly = y
    cv.text(x0, ly, "单位负责人：", body, size, BLACK)
    hand = pick(rng, HAND_FONTS)
    _, xe = (
        cv.text(
            x0 + text_width(body, size, "单位负责人："),
            ly,
            boss,
            hand,
            size * 1.25,
            (30, 30, 60),
            tags=("handwritten",),
            hand=1.0,
            rng=rng,
        )
        if chance(rng, 0.6)
        else cv.text(x0 + text_width(body, size, "单位负责人："), ly, boss, body, size, BLACK)
    )
    cv.text(
        x0,
        ly + lead,
        f"经办人：{clerk}　　联系电话：09{int(rng.integers(90, 99))}-{int(rng.integers(2000000, 8999999))}",
        body,
        size,
        BLACK,
    )
    # sign-off right
    cx = x1 - max(text_width(body, size, ctx.emp_full), cv.mm(45)) / 2 - cv.mm(rng.uniform(0, 10))
    cx = max(cx, W / 2 + cv.mm(10))
    sy = ly + lead * rng.uniform(2.5, 3.6)
    date = ctx.date(cn=chance(rng, 0.4))
    ys = signoff(cv, rng, cx, sy, [ctx.emp_full if chance(rng, 0.8) else ctx.emp(), date], body, size, lead * 1.1)
    scx = cx + cv.mm(rng.uniform(-8, 8))
    scy = (ys[0] + ys[1]) / 2 - size * 0.3 + cv.mm(rng.uniform(-6, 6))
    sub = "人事专用章" if chance(rng, 0.25) else None
    make_seal(cv, rng, ctx, ctx.emp_full, scx, scy, "applicant", sub=sub)
    return cv, kind


# ---------------------------------------------------------------- award
def border(cv, rng, color):
    m = cv.mm(rng.uniform(8, 14))
    cv.rect(m, m, cv.w - m, cv.h - m, color, cv.mm(rng.uniform(1.5, 2.8)))
    g = cv.mm(rng.uniform(2.5, 4))
    cv.rect(m + g, m + g, cv.w - m - g, cv.h - m - g, color, cv.mm(0.5))
    # corner ornaments: nested squares and diamonds
    s = min(cv.mm(rng.uniform(8, 14)), m + g - cv.mm(3))
    for cx, cy in [(m + g, m + g), (cv.w - m - g, m + g), (m + g, cv.h - m - g), (cv.w - m - g, cv.h - m - g)]:
        for k in range(3):
            r = s * (1 - k * 0.28)
            pts = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy), (cx, cy - r)]
            for a, b in zip(pts, pts[1:], strict=False):
                cv.line(a[0], a[1], b[0], b[1], color, cv.mm(0.45))
    # dotted chain along the inner edge
    step = cv.mm(6)
    inner = m + g + cv.mm(2.2)
    xs = np.arange(m + g + s * 1.3, cv.w - m - g - s * 1.3, step)
    for x in xs:
        for yy in (inner, cv.h - inner):
            cv.line(x - cv.mm(1), yy, x + cv.mm(1), yy, color, cv.mm(0.6))
    return m + g + cv.mm(6)


def build_award(rng, ctx, dpi):
    land = chance(rng, 0.6)
    wmm, hmm = (297, 210) if land else (210, 297)
    paper = tuple(int(v) for v in (rng.uniform(246, 255), rng.uniform(240, 252), rng.uniform(225, 245)))
    cv = Canvas(int(wmm / 25.4 * dpi), int(hmm / 25.4 * dpi), dpi, paper=paper)
    ctx.register(cv)
    inset = border(cv, rng, pick(rng, [(200, 40, 40), (190, 150, 60), (205, 55, 50)]))
    body, head = pick(rng, BODY_FONTS), pick(rng, HEAD_FONTS)
    kind = pick(rng, ["荣誉证书", "荣誉证书", "获奖证书", "聘书"])
    title = {"荣誉证书": "荣誉证书", "获奖证书": "获奖证书", "聘书": "聘　书"}[kind]
    ts = cv.pt(rng.uniform(40, 58))
    y = inset + cv.mm(rng.uniform(10, 20)) + ts
    cv.register(title, "title", "other")
    cv.text(cv.w / 2, y, title, head, ts, (210, 30, 30), spacing=ts * rng.uniform(0.2, 0.5), anchor="c", tags=("red",))
    y += ts * 0.9
    size = cv.pt(rng.uniform(16, 21))
    lead = size * rng.uniform(1.7, 2.0)
    x0, x1 = inset + cv.mm(rng.uniform(14, 24)), cv.w - inset - cv.mm(rng.uniform(14, 24))
    two = chance(rng, 0.35)
    issuer = pick(rng, ctx.authorities if chance(rng, 0.7) else ctx.supervisors[:2])
    cv.register(issuer, "org", "other")
    honour = pick(rng, D.HONOURS)
    variant = pick(rng, ["line", "line", "emp", "emp"]) if kind != "聘书" else "appoint"
    if variant == "line":
        hand = chance(rng, 0.4)
        nm = ctx.name
        letter = len(nm) <= 3 and "·" not in nm and chance(rng, 0.5)
        if letter:
            nm = spaced(nm, "　" if chance(rng, 0.5) else " ")
            cv.register(nm, "name", "applicant", ("letter_spaced",))
        key = pick(rng, HAND_FONTS) if hand else body
        ns = size * (1.3 if hand else 1.1)
        its, xe = cv.text(
            x0,
            y,
            nm,
            key,
            ns,
            (30, 30, 70) if hand else BLACK,
            tags=("handwritten",) if hand else (),
            hand=0.8 if hand else None,
            rng=rng,
        )
        cv.line(x0 - cv.mm(2), y + cv.mm(1.5), xe + cv.mm(4), y + cv.mm(1.5), BLACK, cv.mm(0.25))
        cv.text(xe + cv.mm(6), y, "同志：", body, size, BLACK)
        y += lead
        s = (
            f"在{ctx.year}年度{pick(rng, ['本职', '专业技术', '业务', '脱贫攻坚', '防汛抗旱'])}工作中表现突出，"
            f"成绩显著，被评为“{honour}”。特发此证，以资鼓励。"
        )
        _, y, _ = cv.paragraph(x0, x1, y, s, body, size, lead)
    elif variant == "emp":
        s = fit_para(
            cv,
            rng,
            [
                ("flex", ["", "经评选，", "经研究决定，", "经考核评选，", "经单位推荐、评审委员会评审，"]),
                ("target", ctx.emp()),
                f"{ctx.name}同志在{ctx.year}年度工作中成绩突出，被评为“{honour}”。特发此证，以资鼓励。",
            ],
            body,
            size,
            x1 - x0,
        )
        _, y, _ = cv.paragraph(x0, x1, y, s, body, size, lead)
    else:
        role = pick(rng, ["专家库成员", "兼职教师", "技术顾问", "评审专家"])
        y0 = ctx.year
        s = fit_para(
            cv,
            rng,
            [
                "兹聘请",
                ("flex", ["", "我区", "我单位推荐的"]),
                ("target", ctx.emp()),
                f"{ctx.name}同志为{issuer}{role}，聘期自{y0}年{int(rng.integers(1, 13))}月至{y0 + 3}年止。",
            ],
            body,
            size,
            x1 - x0,
        )
        _, y, _ = cv.paragraph(x0, x1, y, s, body, size, lead)
    # certificate number
    bottom = cv.h - inset - cv.mm(rng.uniform(10, 18))
    cv.text(x0, bottom, f"证书编号：XJ{ctx.year}-{int(rng.integers(100, 9999)):04d}", body, size * 0.7, BLACK)
    # issuers
    date = ctx.date(cn=chance(rng, 0.5))
    iy = max(y + lead * 1.5, bottom - lead * 2.2)
    if two:
        second_emp = chance(rng, 0.6)
        second = ctx.emp_full if second_emp else pick(rng, [o for o in ctx.authorities if o != issuer])
        if not second_emp:
            cv.register(second, "org", "other")
        specs = [(issuer, "other"), (second, "applicant" if second_emp else "other")]
        if chance(rng, 0.5):
            specs.reverse()
        cxs = [cv.w * 0.36, cv.w * 0.72]
        fs = min(size, (cv.w * 0.33) / max(len(specs[0][0]), len(specs[1][0])))
        for (org, _owner), cx in zip(specs, cxs, strict=False):
            cv.text(cx, iy, org, body, fs, BLACK, anchor="c")
        cv.text(cv.w * 0.72, iy + lead, date, body, size * 0.9, BLACK, anchor="c")
        for (org, owner), cx in zip(specs, cxs, strict=False):
            make_seal(
                cv,
                rng,
                ctx,
                org,
                cx + cv.mm(rng.uniform(-4, 4)),
                iy - size * 0.3 + cv.mm(rng.uniform(-4, 6)),
                owner,
                faded=chance(rng, 0.35),
            )
    else:
        cx = cv.w - inset - cv.mm(rng.uniform(30, 45)) - min(cv.mm(30), text_width(body, size, issuer) / 2 - cv.mm(20))
        cx = min(cx, cv.w - inset - text_width(body, size, issuer) / 2 - cv.mm(4))
        cv.text(cx, iy, issuer, body, size, BLACK, anchor="c")
        cv.text(cx, iy + lead, date, body, size * 0.9, BLACK, anchor="c")
        make_seal(
            cv,
            rng,
            ctx,
            issuer,
            cx + cv.mm(rng.uniform(-8, 8)),
            iy + lead * 0.4 + cv.mm(rng.uniform(-5, 5)),
            "other",
            faded=chance(rng, 0.4),
        )
    return cv, kind


# ---------------------------------------------------------------- appraisal
def cell_text(cv, x0, y0, x1, y1, s, key, size, pad, align="c", lead=1.35, tags=()):
    w = x1 - x0 - 2 * pad
    lines = cv.layout(s, key, size, w, 0.0)
    n = len(lines)
    L = size * lead
    y = (y0 + y1) / 2 - L * (n - 1) / 2 + size * 0.36
    cv.paragraph(
        x0 + pad, x1 - pad, y, s, key, size, L, indent_chars=0, justify=False, lines=lines, align=align, tags=tags
    )
    return n


def build_appraisal(rng, ctx, dpi):
    cv = Canvas(int(210 / 25.4 * dpi), int(297 / 25.4 * dpi), dpi)
    ctx.register(cv)
    body, head = pick(rng, BODY_FONTS), pick(rng, HEAD_FONTS)
    size = cv.pt(rng.uniform(10.5, 12.5))
    x0, x1 = cv.mm(rng.uniform(16, 22)), cv.w - cv.mm(rng.uniform(16, 22))
    y = cv.mm(rng.uniform(14, 20))
    ts = cv.pt(rng.uniform(17, 21))
    kind = pick(rng, ["事业单位工作人员年度考核登记表", "年度考核登记表", "专业技术人员年度考核登记表"])
    title = (
        f"{ctx.year}年度" + kind.replace("年度考核", "年度考核")
        if not kind.startswith("年度")
        else f"{ctx.year}年度考核登记表"
    )
    cv.register(title, "title", "other")
    y += ts
    cv.text(cv.w / 2, y, title, head, ts, BLACK, anchor="c")
    y += ts * 0.8
    if chance(rng, 0.5):
        cv.text(x0, y + size, "填报单位：" + ctx.emp(0.6), body, size, BLACK)
        cv.text(x1, y + size, f"填表日期：{ctx.year + 1}年1月", body, size, BLACK, anchor="r")
        y += size * 1.8
    T = x1 - x0
    th = cv.mm(0.35)
    cw = np.array([0.13, 0.21, 0.13, 0.17, 0.16, 0.20]) * T
    cx = x0 + np.concatenate([[0], np.cumsum(cw)])
    pad = cv.mm(1.2)
    by, bm = ctx.birth
    nm = ctx.name
    if len(nm) <= 3 and "·" not in nm and chance(rng, 0.6):
        nm = spaced(nm, "　" if len(nm) == 2 else " ")
        cv.register(nm, "name", "applicant", ("letter_spaced",))
    rows = [
        (cv.mm(11), ["姓名", nm, "性别", ctx.sex, "出生年月", f"{by}.{bm:02d}"]),
        (
            cv.mm(11),
            [
                "民族",
                ctx.nation + "族",
                "政治面貌",
                pick(rng, ["中共党员", "群众", "中共党员"]),
                "学历",
                pick(rng, ["大学本科", "研究生", "大学本科"]),
            ],
        ),
        (
            None,
            [
                "工作单位",
                ctx.emp(0.25),
                "现任职务",
                pick(rng, ["科员", "技术员", "副科长", "无"]),
                "专业技术职务",
                ctx.t_mid,
            ],
        ),
    ]
    # height of the employer row: enough for the wrapped name
    nl = len(cv.layout(rows[2][1][1], body, size, cw[1] - 2 * pad, 0.0))
    rows[2] = (max(cv.mm(11), size * 1.35 * nl + cv.mm(4)), rows[2][1])
    ytop = y
    for h, cells in rows:
        for k, s in enumerate(cells):
            cell_text(cv, cx[k], y, cx[k + 1], y + h, s, body, size, pad)
        y += h
        cv.line(x0, y, x1, y, BLACK, th)
    for k in range(1, 6):
        cv.line(cx[k], ytop, cx[k], y, BLACK, th)
    lab = cw[0]
    works = list(D.WORK[ctx.field])
    rng.shuffle(works)
    summ = (
        f"本人{ctx.year}年度在{ctx.emp()}{pick(rng, D.DEPTS)}从事{ctx.spec}工作。一年来，"
        f"{''.join(D.PRAISE[int(i)] for i in rng.permutation(len(D.PRAISE))[:3])}{works[0]}，{works[1]}。"
        f"在{ctx.emp()}领导和同事的支持下，圆满完成了年初确定的各项工作任务。"
        f"今后将继续加强学习，不断提高业务水平，为{ctx.emp()}的发展贡献力量。"
    )
    boss = ctx.other()
    cv.register(boss, "name", "other")
    sup = ctx.supervisors[0]
    cv.register(sup, "org", "other")
    grade = pick(rng, ["优秀", "优秀", "合格", "称职"])
    bottom = cv.h - cv.mm(rng.uniform(12, 18))
    avail = bottom - y
    hs = np.array([0.34, 0.17, 0.06, 0.22, 0.21]) * avail
    labels = ["个人总结", "主管领导评语", "考核等次", "单位意见", "主管部门意见"]
    for r in range(5):
        ya, yb = y, y + hs[r]
        if labels[r] == "考核等次":
            cell_text(cv, x0, ya, x0 + lab, yb, labels[r], body, size, pad)
            cell_text(cv, x0 + lab, ya, x1, yb, grade, body, size * 1.1, pad, align="l")
        else:
            if chance(rng, 0.5):
                vtext(cv, x0 + lab / 2, (ya + yb) / 2, labels[r], body, size)
            else:
                cell_text(cv, x0, ya, x0 + lab, yb, labels[r], body, size, pad)
            lx0, lx1 = x0 + lab + cv.mm(3), x1 - cv.mm(3)
            lead = size * 1.6
            if labels[r] == "个人总结":
                cv.paragraph(lx0, lx1, ya + cv.mm(4) + size, summ, body, size, lead)
                sy = yb - cv.mm(5)
                sx = lx0 + (lx1 - lx0) * rng.uniform(0.25, 0.35)
                cv.text(sx, sy, "本人签名：", body, size, BLACK)
                cv.text(
                    sx + text_width(body, size, "本人签名："),
                    sy,
                    ctx.name,
                    pick(rng, HAND_FONTS),
                    size * 1.35,
                    (25, 30, 80),
                    tags=("handwritten",),
                    hand=1.0,
                    rng=rng,
                )
                cv.text(lx1, sy, f"{ctx.year + 1}年1月{int(rng.integers(2, 20))}日", body, size, BLACK, anchor="r")
            elif labels[r] == "主管领导评语":
                praise = D.PRAISE[int(rng.integers(0, len(D.PRAISE)))]
                s = f"该同志{praise}较好地完成了本年度工作任务，同意评定为{grade}等次。"
                cv.paragraph(lx0, lx1, ya + cv.mm(4) + size, s, body, size, lead)
                sy = yb - cv.mm(5)
                sx = lx0 + (lx1 - lx0) * rng.uniform(0.3, 0.4)
                cv.text(sx, sy, "签名：", body, size, BLACK)
                cv.text(
                    sx + text_width(body, size, "签名："),
                    sy,
                    boss,
                    pick(rng, HAND_FONTS),
                    size * 1.35,
                    (25, 30, 80),
                    tags=("handwritten",),
                    hand=1.0,
                    rng=rng,
                )
                cv.text(lx1, sy, f"{ctx.year + 1}年1月{int(rng.integers(2, 20))}日", body, size, BLACK, anchor="r")
            elif labels[r] == "单位意见":
                cv.paragraph(
                    lx0, lx1, ya + cv.mm(4) + size, f"同意主管领导评鉴意见，考核等次为{grade}。", body, size, lead
                )
                sy = yb - cv.mm(5)
                dx = lx1 - cv.mm(25)
                cv.text(dx, sy - lead, "（盖章）", body, size, BLACK, anchor="c")
                cv.text(dx, sy, f"{ctx.year + 1}年1月{int(rng.integers(5, 25))}日", body, size, BLACK, anchor="c")
                if chance(rng, 0.3):
                    sq_boss = ctx.other()
                    cv.register(sq_boss, "name", "other")
                    cv.text(lx0, sy, "负责人：" + sq_boss, body, size, BLACK)
                    m = texture(square_seal(sq_boss.replace("·", "")[:4], pick(rng, ["zenhei", "serifb"]), rng), rng)
                    xx = lx0 + text_width(body, size, "负责人：" + sq_boss) + cv.mm(12)
                    stamp(
                        cv,
                        m,
                        xx,
                        sy - size * 0.4,
                        cv.mm(rng.uniform(18, 22)),
                        rng,
                        pick(rng, SEAL_COLORS["red"]),
                        rng.uniform(-6, 6),
                        text=sq_boss,
                        owner="other",
                        tags=("red", "square"),
                        shape="square",
                    )
                make_seal(
                    cv,
                    rng,
                    ctx,
                    ctx.emp_full,
                    dx + cv.mm(rng.uniform(-6, 6)),
                    (ya + yb) / 2 + (yb - ya) * rng.uniform(0.0, 0.12),
                    "applicant",
                    diam_mm=min(rng.uniform(38, 44), (yb - ya) / cv.mm(1) * 0.95),
                )
            else:
                cv.paragraph(
                    lx0,
                    lx1,
                    ya + cv.mm(4) + size,
                    pick(rng, ["同意。", "同意单位意见。", "同意考核等次为" + grade + "。"]),
                    body,
                    size,
                    lead,
                )
                sy = yb - cv.mm(5)
                dx = lx1 - cv.mm(25)
                cv.text(dx, sy, f"{ctx.year + 1}年2月{int(rng.integers(1, 25))}日", body, size, BLACK, anchor="c")
                make_seal(
                    cv,
                    rng,
                    ctx,
                    sup,
                    dx + cv.mm(rng.uniform(-6, 6)),
                    (ya + yb) / 2 + (yb - ya) * rng.uniform(0.0, 0.1),
                    "other",
                    diam_mm=min(rng.uniform(38, 44), (yb - ya) / cv.mm(1) * 0.95),
                )
        y = yb
        cv.line(x0, y, x1, y, BLACK, th)
        cv.line(x0 + lab, ya, x0 + lab, yb, BLACK, th)
    cv.rect(x0, ytop, x1, y, BLACK, th * 2)
    return cv, kind


# ---------------------------------------------------------------- journal
def build_journal(rng, ctx, dpi):
    cv = Canvas(int(210 / 25.4 * dpi), int(297 / 25.4 * dpi), dpi)
    ctx.register(cv)
    body, head = pick(rng, BODY_FONTS), pick(rng, HEAD_FONTS)
    x0, x1 = cv.mm(rng.uniform(17, 22)), cv.w - cv.mm(rng.uniform(17, 22))
    y = cv.mm(rng.uniform(12, 18))
    jn = pick(rng, D.JOURNALS[ctx.field])
    cv.register(jn, "org", "other")
    hs = cv.pt(9)
    y += hs
    cv.text(x0, y, f"第{int(rng.integers(20, 45))}卷 第{int(rng.integers(1, 7))}期", body, hs, BLACK)
    cv.text(cv.w / 2, y, jn, head, hs * 1.2, BLACK, anchor="c")
    cv.text(x1, y, f"{ctx.year}年{int(rng.integers(1, 13))}月", body, hs, BLACK, anchor="r")
    y += hs * 0.6
    cv.line(x0, y, x1, y, BLACK, cv.mm(0.5))
    cv.line(x0, y + cv.mm(0.9), x1, y + cv.mm(0.9), BLACK, cv.mm(0.2))
    y += cv.mm(4) + hs
    cv.text(
        x0,
        y,
        f"文章编号：1008-{int(rng.integers(1000, 9999))}({ctx.year})"
        f"{int(rng.integers(1, 7)):02d}-0{int(rng.integers(10, 99))}-05",
        body,
        hs,
        BLACK,
    )
    y += cv.mm(10)
    ts = cv.pt(rng.uniform(16, 19))
    topic = pick(rng, D.BODY[ctx.field])[:-1]
    title = (
        pick(rng, ["浅析", "关于", "试论", ""])
        + topic[: int(rng.integers(12, 20))].rstrip("，")
        + pick(rng, ["的探讨", "的研究", "分析", "初探"])
    )
    lines = cv.layout(title, head, ts, x1 - x0 - cv.mm(20), 0.0)
    for i, j in lines:
        y += ts
        cv.text(cv.w / 2, y, title[i:j], head, ts, BLACK, anchor="c")
        y += ts * 0.4
    y += cv.mm(6)
    # authors
    n_auth = int(rng.integers(1, 5))
    pos = int(rng.integers(0, n_auth))
    univ = pick(rng, D.UNIVERSITIES)
    cv.register(univ[0], "org", "other")
    multi = n_auth > 1 and chance(rng, 0.6)
    authors = []
    for k in range(n_auth):
        if k == pos:
            authors.append((ctx.name, 1))
        else:
            p = ctx.other()
            cv.register(p, "name", "other")
            authors.append((p, 1 if not multi or chance(rng, 0.5) else 2))
    as_ = cv.pt(rng.uniform(12, 14))
    sup_s = as_ * 0.55
    tot = 0.0
    for k, (p, a) in enumerate(authors):
        tot += (
            text_width(body, as_, p)
            + (text_width(body, sup_s, str(a)) if multi else 0)
            + (as_ * 1.2 if k < n_auth - 1 else 0)
        )
    ax = cv.w / 2 - tot / 2
    y += as_
    kai = pick(rng, ["ukai", "gkai", "wenkai", body])
    for k, (p, a) in enumerate(authors):
        _, ax = cv.text(ax, y, p, kai, as_, BLACK)
        if multi:
            _, ax = cv.text(ax, y - as_ * 0.45, str(a), body, sup_s, BLACK)
        if k < n_auth - 1:
            _, ax = cv.text(ax, y, "，", kai, as_, BLACK)
            ax += as_ * 0.2
    y += as_ * 0.9
    # affiliation
    af_s = cv.pt(rng.uniform(9, 10.5))
    emp = ctx.emp(0.2)
    if multi:
        aff = f"（1. {emp}，新疆 {ctx.city} {ctx.zip}；2. {univ[0]}，新疆 {univ[1]} {univ[2]}）"
    else:
        aff = f"（{emp}，新疆 {ctx.city} {ctx.zip}）"
    tpos = aff.index(emp)
    width = min(x1 - x0 - cv.mm(10), cv.mm(rng.uniform(110, 165)))
    if chance(rng, 0.6):
        k = int(rng.integers(1, len(emp)))
        wcut = text_width(body, af_s, aff[: tpos + k])
        if cv.mm(60) < wcut < x1 - x0:
            width = wcut + 0.5
    lines = cv.layout(aff, body, af_s, width, 0.0)
    lead = af_s * 1.5
    y += af_s
    cv.paragraph(
        cv.w / 2 - width / 2,
        cv.w / 2 + width / 2,
        y,
        aff,
        body,
        af_s,
        lead,
        indent_chars=0,
        justify=False,
        lines=lines,
        align="c",
    )
    y += lead * len(lines) + cv.mm(3)
    # abstract
    ab_s = cv.pt(9)
    ab_lead = ab_s * 1.6
    sents = list(D.BODY[ctx.field])
    rng.shuffle(sents)
    abstract = "摘　要：" + "".join(sents[:3])
    _, y, _ = cv.paragraph(x0 + cv.mm(6), x1 - cv.mm(6), y, abstract, body, ab_s, ab_lead, indent_chars=2)
    kw = "关键词：" + "；".join(
        {
            "water": ["灌区", "节水", "渠道衬砌"],
            "agri": ["棉花", "滴灌", "产量"],
            "med": ["基层医院", "疗效", "护理"],
            "edu": ["课堂教学", "核心素养"],
            "env": ["颗粒物", "气象条件", "监测"],
        }[ctx.field]
    )
    _, y, _ = cv.paragraph(x0 + cv.mm(6), x1 - cv.mm(6), y, kw, body, ab_s, ab_lead, indent_chars=2)
    cv.text(
        x0 + cv.mm(6),
        y,
        f"中图分类号：{dict(water='TV213', agri='S562', med='R473', edu='G633', env='X513')[ctx.field]}"
        "　　文献标志码：A",
        body,
        ab_s,
        BLACK,
    )
    y += ab_lead + cv.mm(3)
    # two columns + footnote
    bs = cv.pt(rng.uniform(9, 10))
    bl = bs * 1.55
    gap = cv.mm(7)
    colw = (x1 - x0 - gap) / 2
    foot_s = cv.pt(8)
    fund = pick(rng, ctx.authorities)
    cv.register(fund, "org", "other")
    foot = [
        f"收稿日期：{ctx.year - 1}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}",
        f"基金项目：{fund}科研项目（{ctx.year - 2}D01A{int(rng.integers(10, 99))}）",
        f"作者简介：{ctx.name}（{ctx.birth[0]}—），{ctx.sex}，{ctx.nation}族，{ctx.native}人，{ctx.t_mid}，"
        f"{'硕士，' if chance(rng, 0.4) else ''}主要从事{ctx.spec}工作。",
    ]
    if chance(rng, 0.4):
        foot[2] = foot[2][:-1] + f"，现就职于{ctx.emp()}。"
    flines = [cv.layout(f, body, foot_s, colw, 0.0) for f in foot]
    fh = sum(len(fl) for fl in flines) * foot_s * 1.45 + cv.mm(4)
    bottom = cv.h - cv.mm(18)
    text = "".join(D.BODY[ctx.field][int(i) % len(D.BODY[ctx.field])] for i in rng.permutation(160))
    text = "0　引言" + "\n" + text
    head_s = bs * 1.1
    cy = y + bs
    cv.text(x0, cy, "0　引言", head, head_s, BLACK)
    cy += bl
    lines = cv.layout(text.split("\n")[1], body, bs, colw, adv(body, bs, "一") * 2)
    s = text.split("\n")[1]
    col_bottom = [bottom - fh, bottom]
    li = 0
    for c in range(2):
        cx0 = x0 + c * (colw + gap)
        yy = cy if c == 0 else y + bs
        n_fit = int((col_bottom[c] - yy) / bl)
        sub = lines[li : li + n_fit]
        if not sub:
            break
        cv.paragraph(
            cx0, cx0 + colw, yy, s, body, bs, bl, indent_chars=2 if li == 0 else 0, lines=sub, justify_last=True
        )
        li += n_fit
    # footnote in column 1
    fy = bottom - fh + cv.mm(2)
    cv.line(x0, fy, x0 + colw * 0.4, fy, BLACK, cv.mm(0.2))
    fy += foot_s * 1.3
    for f, fl in zip(foot, flines, strict=False):
        cv.paragraph(x0, x0 + colw, fy, f, body, foot_s, foot_s * 1.45, indent_chars=0, lines=fl)
        fy += foot_s * 1.45 * len(fl)
    return cv, "期刊论文"


BUILDERS = {"letter": build_letter, "award": build_award, "appraisal": build_appraisal, "journal": build_journal}
