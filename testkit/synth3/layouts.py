"""The two document types: annual appraisal forms and employer letters."""

from __future__ import annotations

import math

from . import flow as fl
from .render import (
    BLACK,
    BLACK_PEN,
    BLUE_PEN,
    BODY_FONTS,
    BOLD_FONTS,
    HAND_FONTS,
    RED_PRINT,
    SEAL_FONTS,
    font,
    oval_seal,
    pick,
    round_seal,
    square_seal,
    stamp,
)

CN_DIGITS = "〇一二三四五六七八九"


def cn_date(y, m, d, chinese=False):
    if not chinese:
        return f"{y}年{m}月{d}日"
    yy = "".join(CN_DIGITS[int(c)] for c in str(y))

    def num(k):
        if k < 10:
            return CN_DIGITS[k]
        if k == 10:
            return "十"
        if k < 20:
            return "十" + CN_DIGITS[k - 10]
        return CN_DIGITS[k // 10] + "十" + (CN_DIGITS[k % 10] if k % 10 else "")

    return f"{yy}年{num(m)}月{num(d)}日"


class Ctx:
    """Everything one page needs to know about its people, organisations and style."""

    def __init__(self, rng, profile, person, emp, others, people):
        self.rng = rng
        self.p = person  # dict: name(display), sex, eth, birth, place, job, major
        self.emp_full = emp[0]
        self.emp_short = emp[1]
        self.others = others  # other organisations (strings)
        self.people = people  # other people
        self.body = pick(rng, BODY_FONTS)
        self.bold = pick(rng, BOLD_FONTS)
        self.handf = pick(rng, HAND_FONTS)
        self.sealf = pick(rng, SEAL_FONTS)
        self.pen = BLUE_PEN if rng.random() < 0.6 else BLACK_PEN
        self.year = int(rng.integers(2018, 2024))
        self.name_tags = set(profile.get("_name_tags", ()))
        auth = [
            o
            for o in others
            if any(
                k in o
                for k in ("人力资源", "委员会", "教育局", "农业农村局", "气象局", "人民政府", "勘查开发局", "水利局")
            )
        ]
        self.auth = auth[0] if auth else others[0]

    def N(self, display=None):
        s = display or self.p["name"]
        return (s, ("name", "applicant", tuple(self.name_tags)))

    def E(self, full=True):
        s = self.emp_full if full or not self.emp_short else pick(self.rng, self.emp_short)
        return (s, ("employer", "applicant", ()))

    def O(self, s=None):  # noqa: E743  (the template letter for an organisation, as E, N)
        s = s or pick(self.rng, self.others)
        return (s, ("org", "other", ()))

    def P(self, s=None):
        s = s or pick(self.rng, self.people)
        return (s, ("name", "other", ()))


def print_term(cv, x, y, s, fnt, meta, color=BLACK, spacing=0.0, sx=1.0):
    hull, adv = cv.text(x, y, s, fnt, color=color, spacing=spacing, sx=sx)
    if meta is not None:
        kind, owner, tags = meta
        tg = set(tags)
        if spacing > 0 and kind == "name":
            tg.add("letter_spaced")
        cv.add(kind, owner, s, tg, hull=hull)
    return adv


def hand_term(cv, ctx, x, y, s, size, meta, thick=False):
    hull, adv = cv.hand(x, y, s, ctx.handf, size, ctx.rng, color=ctx.pen, thick=thick)
    if meta is not None:
        kind, owner, tags = meta
        cv.add(kind, owner, s, set(tags) | {"handwritten"}, hull=hull)
    return adv


def employer_seal(cv, ctx, cx, cy, tags=("over_text",)):
    rng = ctx.rng
    tg = set(tags)
    if len(ctx.emp_full) >= 15:
        tg.add("long_ring")
    color = pick(rng, ["red", "red", "red", "red", "dark", "pink", "purple"])
    faded = rng.random() < (0.05 if color == "pink" else 0.15)
    partial = rng.random() < 0.12
    if rng.random() < 0.08:
        a, AB = oval_seal(rng, ctx.emp_full, cv.ppmm, ctx.sealf, line=pick(rng, ["人事专用章", "业务专用章"]))
        stamp(
            cv,
            rng,
            a,
            cx,
            cy,
            ("oval", AB),
            "seal",
            "applicant",
            ctx.emp_full,
            tg,
            color=color,
            faded=faded,
            partial=partial,
        )
        return
    dia = rng.uniform(38, 45)
    line = pick(rng, [None, None, None, "人事专用章", "人事处", "党委组织部"]) if rng.random() < 0.35 else None
    code = "".join(str(int(d)) for d in rng.integers(0, 10, 13)) if rng.random() < 0.35 else None
    a, R = round_seal(rng, ctx.emp_full, cv.ppmm, dia, ctx.sealf, bottom=code, line=line, inner_ring=rng.random() < 0.2)
    stamp(
        cv,
        rng,
        a,
        cx,
        cy,
        ("disc", R),
        "seal",
        "applicant",
        ctx.emp_full,
        tg,
        color=color,
        faded=faded,
        partial=partial,
    )


def other_seal(cv, ctx, cx, cy, org, oval=False):
    rng = ctx.rng
    if oval:
        a, AB = oval_seal(rng, org, cv.ppmm, ctx.sealf, line=pick(rng, ["专用章", "业务专用章", "审核专用章"]))
        shape = ("oval", AB)
    else:
        a, R = round_seal(
            rng,
            org,
            cv.ppmm,
            rng.uniform(38, 45),
            ctx.sealf,
            line=pick(rng, [None, None, "职称审核专用章", "人事专用章"]),
        )
        shape = ("disc", R)
    tg = {"over_text"}
    if len(org) >= 15:
        tg.add("long_ring")
    stamp(
        cv,
        rng,
        a,
        cx,
        cy,
        shape,
        "seal",
        "other",
        org,
        tg,
        color=pick(rng, ["red", "red", "pink", "dark"]),
        faded=rng.random() < 0.3,
        partial=rng.random() < 0.15,
    )


def name_seal(cv, ctx, cx, cy, person):
    rng = ctx.rng
    chars = person.replace("·", "")[:4]
    if len(chars) <= 2:
        chars = chars + "之印"
    elif len(chars) == 3:
        chars = chars + "印"
    a, s = square_seal(rng, chars, cv.ppmm, rng.uniform(18, 25), ctx.sealf)
    stamp(
        cv,
        rng,
        a,
        cx,
        cy,
        ("square", s),
        "seal",
        "other",
        person,
        {"over_text"},
        color=pick(rng, ["red", "red", "pink"]),
        rot=rng.uniform(-8, 8),
    )


# ------------------------------------------------------------------------------------------
SUMMARY = [
    "{Y}年，本人在{E}党委的正确领导下，认真学习贯彻党的路线方针政策，坚持把理论学习与本职工作结合起来，努力提高自身政治素质和业务能力。",
    "作为{S}的一名{J}，本人始终坚守岗位，严格执行各项规章制度，按时保质完成领导交办的各项工作任务，全年无迟到早退现象。",
    "在业务工作中，本人主动参与{S}承担的重点项目，认真做好{M}方面的技术工作，撰写技术报告两篇，得到了单位领导和同事的认可。",
    "积极参加{O}组织的专业技术人员继续教育培训，完成规定学时，并将所学知识运用到实际工作中。",
    "同时，本人注重团结同事，服从组织安排，在{E}开展的各项活动中积极发挥作用，较好地完成了年度目标任务。",
    "存在的不足是理论学习还不够系统，创新意识有待加强。今后我将立足{S}工作实际，查找差距，努力把各项工作做得更好。",
    "本年度本人还承担了新入职人员的传帮带工作，协助{S}完成了年度考核和业务检查的各项准备工作。",
]
COMMENT = [
    "该同志{Y}年度政治立场坚定，工作认真负责，业务能力较强，能够圆满完成各项工作任务，同意评为{G}等次。",
    "该同志爱岗敬业，团结同志，专业技术水平较高，在本单位业务工作中发挥了骨干作用。",
    "经考核小组评议，该同志德、能、勤、绩、廉各方面表现良好，建议确定为{G}。",
]


def _vertical_label(cv, fnt, x0, y0, x1, y1, s, fspec):
    """Label written top to bottom; in two columns (right column first) when the row is short."""
    n = len(s)
    cols = 1 if n * fnt.size * 1.15 < (y1 - y0) * 0.9 or n < 4 else 2
    per = math.ceil(n / cols)
    step = min(fnt.size * 1.6, (y1 - y0) * 0.85 / max(per, 1))
    f = fnt if step >= fnt.size * 1.05 else font(fspec, int(step * 0.9))
    top = (y0 + y1) / 2 - step * per / 2
    cw = f.size * 1.2
    for i, ch in enumerate(s):
        c = i // per
        cx = (x0 + x1) / 2 + (cw / 2 - c * cw if cols == 2 else 0)
        w = f.getlength(ch)
        cv.text(cx - w / 2, top + step * (i % per) + f.size * 0.9, ch, f)


def _cell_value(cv, ctx, x0, y0, x1, y1, s, fnt, meta, hand, pad, spacing=0.0, align="center"):
    """Write s in a cell, wrapping inside it if too wide (one item per line piece)."""
    avail = x1 - x0 - 2 * pad
    if hand:
        size = fnt.size * 1.05
        widths = [fnt.getlength(c) * 1.0 for c in s]
    else:
        widths = [fnt.getlength(c) + spacing for c in s]
    lines, cur, w = [], "", 0.0
    for c, a in zip(s, widths, strict=True):
        if w + a > avail and cur:
            lines.append(cur)
            cur, w = "", 0.0
        cur += c
        w += a
    lines.append(cur)
    lh = fnt.size * 1.25
    base0 = (y0 + y1) / 2 - lh * (len(lines) - 1) / 2 + fnt.size * 0.38
    for k, ln in enumerate(lines):
        lw = sum(fnt.getlength(c) + spacing for c in ln)
        if align == "center" or len(lines) > 1:
            x = x0 + pad if len(lines) > 1 else (x0 + x1) / 2 - lw / 2
        else:
            x = x0 + pad
        m = meta
        if meta is not None and len(lines) > 1:
            m = (meta[0], meta[1], tuple(meta[2]) + ("wrapped",))
        if hand:
            hand_term(cv, ctx, x, base0 + k * lh, ln, size, m)
        else:
            print_term(cv, x, base0 + k * lh, ln, fnt, m, spacing=spacing)


def appraisal(cv, ctx, tags):
    rng = ctx.rng
    mm = cv.px
    red_rules = rng.random() < 0.25
    rule_c = RED_PRINT if red_rules else BLACK
    L, R = mm(rng.uniform(17, 26)), cv.W - mm(rng.uniform(15, 24))
    y = mm(rng.uniform(16, 26))
    fs = rng.uniform(3.6, 4.6)
    fnt = font(ctx.body, mm(fs))
    hand = rng.random() < 0.3
    if hand:
        tags.add("filled_by_hand")
    page2 = rng.random() < 0.2
    Y = ctx.year
    G = pick(rng, ["优秀", "合格", "称职", "优秀"])
    fill = dict(Y=str(Y), E=ctx.E(True), S=ctx.E(False), J=ctx.p["job"], M=ctx.p["major"], O=ctx.O(), G=G)

    if not page2:
        titles = [
            f"{Y}年度事业单位工作人员年度考核登记表",
            "专业技术人员年度考核表",
            f"公务员年度考核登记表（{Y}年度）",
            "年度考核登记表",
            f"{Y}年度考核登记表",
        ]
        title = pick(rng, titles)
        tf = font(ctx.bold, mm(rng.uniform(5.5, 7.5)))
        tw = cv.width(title, tf)
        if tw > R - L:
            tf = font(ctx.bold, int(tf.size * (R - L) / tw * 0.95))
            tw = cv.width(title, tf)
        red_title = rng.random() < 0.2
        y += tf.size
        hull, _ = cv.text((cv.W - tw) / 2, y, title, tf, color=RED_PRINT if red_title else BLACK)
        if red_title:
            cv.add("title", "other", title, {"red"}, hull=hull)
        y += mm(rng.uniform(5, 9))
        if rng.random() < 0.6:
            sf = font(ctx.body, mm(fs * 0.95))
            x = L + mm(2)
            x += print_term(cv, x, y, pick(rng, ["单位（盖章）：", "填报单位：", "工作单位："]), sf, None)
            if hand:
                s = fill["S"][0] if rng.random() < 0.5 else ctx.emp_full
                adv = hand_term(cv, ctx, x + mm(2), y, s, sf.size * 1.1, fill["E"][1])
            else:
                s, meta = ctx.E(rng.random() < 0.5)
                adv = print_term(cv, x + mm(1), y, s, sf, meta)
            if rng.random() < 0.15:
                # the employer stamped its seal on the form's header as well
                employer_seal(cv, ctx, x + adv / 2 + mm(rng.uniform(-5, 5)), y - sf.size * 0.4 + mm(rng.uniform(-4, 4)))
                tags.add("header_seal")
            ds = f"填表时间：{Y + 1}年{int(rng.integers(1, 3))}月"
            print_term(cv, R - cv.width(ds, sf) - mm(2), y, ds, sf, None)
            y += mm(4)
        else:
            y += mm(1)
    else:
        tags.add("page2")
        sf = font(ctx.body, mm(fs * 0.95))
        y += mm(6)
        x = L
        x += print_term(cv, x, y, "姓名：", sf, None)
        s, meta = ctx.N()
        x += print_term(cv, x, y, s, sf, meta) + mm(8)
        x += print_term(cv, x, y, "工作单位：", sf, None)
        s, meta = ctx.E(rng.random() < 0.5)
        print_term(cv, x, y, s, sf, meta)
        pg = "第2页"
        print_term(cv, R - cv.width(pg, sf), y, pg, sf, None)
        y += mm(5)

    T = y
    thin = max(1, mm(rng.uniform(0.25, 0.45)))
    thick = max(thin, mm(rng.uniform(0.5, 0.9)))
    pad = mm(rng.uniform(1.0, 3.0))
    rows = []  # (y0, y1)
    bottom_limit = cv.H - mm(rng.uniform(16, 24))

    # ---- info rows
    if not page2:
        nm = ctx.p["name"]
        spacing = 0.0
        if len(nm) == 2 and not hand:
            r = rng.random()
            if r < 0.4:
                nm = nm[0] + "　" + nm[1]
            elif r < 0.6:
                nm = nm[0] + " " + nm[1]
            elif r < 0.8:
                spacing = fnt.size * rng.uniform(0.5, 1.2)
        elif len(nm) == 3 and not hand and rng.random() < 0.3:
            spacing = fnt.size * rng.uniform(0.2, 0.5)
        name_meta = ctx.N(nm)[1]
        if nm != ctx.p["name"]:
            name_meta = (name_meta[0], name_meta[1], tuple(name_meta[2]) + ("letter_spaced",))
        wide = rng.random() < 0.5
        E_meta = ctx.E(True)
        emp_s = ctx.emp_full if rng.random() < 0.8 else ctx.E(False)[0]
        if wide:
            fr = [0.12, 0.17, 0.1, 0.14, 0.15, 0.32]
            jitter = rng.uniform(-0.02, 0.02, 6)
            fr = [max(0.07, f + j) for f, j in zip(fr, jitter, strict=True)]
            spec_rows = [
                [
                    ("姓名", 1),
                    (nm, 1, name_meta, spacing),
                    ("性别", 1),
                    (ctx.p["sex"], 1),
                    ("出生年月", 1),
                    (ctx.p["birth"], 1),
                ],
                [
                    ("民族", 1),
                    (ctx.p["eth"], 1),
                    ("政治面貌", 1),
                    (pick(rng, ["中共党员", "群众", "共青团员"]), 1),
                    ("参加工作时间", 1),
                    (ctx.p["start"], 1),
                ],
                [
                    ("工作单位", 1),
                    (emp_s, 3, E_meta[1]),
                    ("现任职务", 1),
                    (pick(rng, ["科员", "技术员", "副科长", "专业技术人员"]), 1),
                ]
                if rng.random() < 0.6
                else [
                    ("工作单位", 1),
                    (emp_s, 1, E_meta[1]),
                    ("现任职务", 1),
                    (pick(rng, ["科员", "技术员", "副科长"]), 1),
                    ("学历", 1),
                    (pick(rng, ["大学本科", "研究生", "大专"]), 1),
                ],
                [("专业技术职务", 1), (ctx.p["job"], 3), ("任职时间", 1), (f"{int(ctx.p['start'][:4]) + 5}.09", 1)],
            ]
        else:
            fr = [0.16, 0.34, 0.16, 0.34]
            k = rng.uniform(-0.08, 0.06)
            fr = [0.16, 0.34 + k, 0.16, 0.34 - k]
            spec_rows = [
                [("姓名", 1), (nm, 1, name_meta, spacing), ("性别", 1), (ctx.p["sex"], 1)],
                [("出生年月", 1), (ctx.p["birth"], 1), ("民族", 1), (ctx.p["eth"], 1)],
                [("工作单位", 1), (emp_s, 1, E_meta[1]), ("专业技术职务", 1), (ctx.p["job"], 1)],
                [
                    ("政治面貌", 1),
                    (pick(rng, ["中共党员", "群众"]), 1),
                    ("现任职务", 1),
                    (pick(rng, ["科员", "主任", "技术员"]), 1),
                ],
            ]
        s_ = sum(fr)
        xs = [L]
        for f in fr:
            xs.append(xs[-1] + (R - L) * f / s_)
        rh = mm(rng.uniform(9, 12))
        lfnt = font(ctx.body, mm(fs * rng.uniform(0.9, 1.0)))
        for spec in spec_rows:
            # employer row taller when the text wraps
            y0 = y
            hrow = rh
            col = 0
            cells = []
            for cellspec in spec:
                span = cellspec[1]
                cells.append((xs[col], xs[col + span], cellspec))
                col += span
            # compute needed height
            for x0, x1, cs_ in cells:
                need = cv.width(cs_[0], fnt, cs_[3] if len(cs_) > 3 else 0)
                nl = math.ceil(need / max(1, (x1 - x0 - 2 * pad)))
                hrow = max(hrow, nl * fnt.size * 1.25 + mm(3))
            y1 = y0 + hrow
            for ci, (x0, x1, cs_) in enumerate(cells):
                is_label = ci % 2 == 0
                meta = cs_[2] if len(cs_) >= 3 else None
                sp = cs_[3] if len(cs_) > 3 else 0.0
                if is_label:
                    _cell_value(cv, ctx, x0, y0, x1, y1, cs_[0], lfnt, None, False, pad * 0.5)
                else:
                    _cell_value(cv, ctx, x0, y0, x1, y1, cs_[0], fnt, meta, hand, pad, spacing=sp)
                cv.vline(x0, y0, y1, thin, rule_c)
            rows.append((y0, y1, cells))
            y = y1
        label_w = xs[1] - L
    else:
        label_w = (R - L) * rng.uniform(0.1, 0.15)

    # ---- big rows: summary, comments, grade, unit opinion, authority opinion
    has_auth = rng.random() < 0.45
    lh = fnt.size * rng.uniform(1.5, 1.9)
    unit_h = mm(rng.uniform(44, 56))
    auth_h = mm(rng.uniform(40, 48)) if has_auth else 0
    grade_h = mm(rng.uniform(10, 14))
    comm_h = mm(rng.uniform(28, 38))
    sum_h = bottom_limit - y - unit_h - auth_h - grade_h - comm_h
    big = []
    vx = L + label_w
    px0, px1 = vx + pad, R - pad

    # summary
    y0 = y
    y1 = y + sum_h
    lab = pick(rng, ["个人总结", "个人述职", "本人总结"]) + ("（续）" if page2 else "")
    _vertical_label(cv, fnt, L, y0, vx, y1, lab.replace("（续）", "续") if page2 else lab, ctx.body)
    nlines_fit = int((sum_h - mm(16)) / lh)
    sent = list(SUMMARY)
    rng.shuffle(sent)
    toks = []
    hand_args = (ctx.handf, fnt.size * 1.05, rng, ctx.pen) if hand else None
    for s_ in sent:
        cand = toks + fl.tokens(s_, fill)
        if fl.count_lines(cand, fnt, (px1 - px0) * (0.88 if hand else 1.0), fnt.size * 2) > nlines_fit:
            continue
        toks = cand
    fl.flow(
        cv,
        toks,
        px0,
        y0 + pad + fnt.size * 1.2,
        (px1 - px0) * (0.88 if hand else 1.0),
        fnt,
        lh,
        BLACK,
        first_indent=fnt.size * 2,
        hand=hand_args,
    )
    # signature
    sy = y1 - mm(4)
    sig = ctx.p["name"] if rng.random() < 0.7 else ctx.p["name_nodot"]
    lab = pick(rng, ["本人签名：", "签名：", "本人签字："])
    need = cv.width(lab, fnt) + len(sig) * fnt.size * 1.5 + mm(6) + cv.width("2024年12月22日", fnt)
    sx = min(R - mm(rng.uniform(62, 80)), R - pad - need)
    sx += print_term(cv, sx, sy, lab, fnt, None)
    sx += hand_term(cv, ctx, sx + mm(1), sy, sig, fnt.size * rng.uniform(1.2, 1.6), ctx.N(sig)[1]) + mm(4)
    print_term(cv, sx, sy, f"{Y + 1}年1月{int(rng.integers(3, 25))}日", fnt, None)
    big.append((y0, y1))
    y = y1

    # comments
    y0, y1 = y, y + comm_h
    lab = pick(rng, ["主管领导评语", "考核小组意见", "主管领导意见"])
    _vertical_label(cv, fnt, L, y0, vx, y1, lab, ctx.body)
    c_toks = fl.tokens(pick(rng, COMMENT), fill)
    hc = rng.random() < 0.5
    fl.flow(
        cv,
        c_toks,
        px0,
        y0 + pad + fnt.size * 1.2,
        (px1 - px0) * (0.88 if hc else 1.0),
        fnt,
        lh,
        BLACK,
        first_indent=fnt.size * 2,
        hand=(ctx.handf, fnt.size * 1.05, rng, ctx.pen) if hc else None,
    )
    sy = y1 - mm(4)
    boss = ctx.people[0]
    need = cv.width("签名：", fnt) + len(boss) * fnt.size * 1.45 + mm(6) + cv.width("2024年12月22日", fnt)
    sx = min(R - mm(rng.uniform(66, 82)), R - pad - need)
    sx += print_term(cv, sx, sy, "签名：", fnt, None)
    sx += hand_term(cv, ctx, sx + mm(1), sy, boss, fnt.size * 1.4, ("name", "other", ())) + mm(4)
    print_term(cv, sx, sy, f"{Y + 1}年1月{int(rng.integers(3, 25))}日", fnt, None)
    big.append((y0, y1))
    y = y1

    # grade
    y0, y1 = y, y + grade_h
    gl = "考核等次"
    print_term(cv, L + (label_w - cv.width(gl, fnt)) / 2, (y0 + y1) / 2 + fnt.size * 0.38, gl, fnt, None)
    if rng.random() < 0.5:
        hand_term(cv, ctx, vx + mm(10), (y0 + y1) / 2 + fnt.size * 0.45, G, fnt.size * 1.3, None)
    else:
        opts = "优秀  □合格  □基本合格  □不合格"
        print_term(cv, vx + mm(8), (y0 + y1) / 2 + fnt.size * 0.38, "√" + opts, fnt, None)
    big.append((y0, y1))
    y = y1

    # unit opinion with the employer seal over the date
    y0, y1 = y, y + unit_h
    lab = pick(rng, ["单位意见", "单位考核意见", "考核委员会意见"])
    _vertical_label(cv, fnt, L, y0, vx, y1, lab, ctx.body)
    print_term(cv, px0 + fnt.size * 2, y0 + pad + fnt.size * 1.2, f"同意评定为{G}等次。", fnt, None)
    sy = y0 + mm(rng.uniform(16, 22))
    sx = vx + mm(rng.uniform(4, 12))
    sx += print_term(cv, sx, sy, "单位负责人签名：", fnt, None)
    head = ctx.people[1]
    hand_term(cv, ctx, sx + mm(1), sy, head, fnt.size * 1.4, ("name", "other", ()))
    dx = R - mm(rng.uniform(55, 70))
    dy = y1 - mm(rng.uniform(5, 8))
    emp_line = rng.random() < 0.55
    if emp_line:
        s, meta = ctx.E(rng.random() < 0.6)
        ef = fnt
        if cv.width(s, ef) > R - dx - mm(2):
            dx = R - mm(2) - cv.width(s, ef)
        print_term(cv, dx, dy - lh, s, ef, meta)
    else:
        print_term(cv, dx + mm(6), dy - lh, "（单位盖章）", fnt, None)
    dstr = cn_date(Y + 1, 1, int(rng.integers(5, 28)), rng.random() < 0.3)
    print_term(cv, dx + mm(4), dy, dstr, fnt, None)
    employer_seal(cv, ctx, dx + mm(rng.uniform(14, 26)), dy - lh * 0.5 - fnt.size * 0.4 + mm(rng.uniform(-6, 3)))
    if rng.random() < 0.2:
        name_seal(cv, ctx, sx + mm(rng.uniform(14, 22)), sy - mm(3), head)
    big.append((y0, y1))
    y = y1

    if has_auth:
        y0, y1 = y, y + auth_h
        auth = ctx.auth
        lab = pick(rng, ["主管部门意见", "审核意见", "主管部门审核意见"])
        _vertical_label(cv, fnt, L, y0, vx, y1, lab, ctx.body)
        print_term(
            cv,
            px0 + fnt.size * 2,
            y0 + pad + fnt.size * 1.2,
            pick(rng, ["同意。", "情况属实，同意。", "同意单位考核意见。"]),
            fnt,
            None,
        )
        dy = y1 - mm(rng.uniform(5, 8))
        w = cv.width(auth, fnt)
        dx = min(R - mm(3) - w, R - mm(70))
        print_term(cv, dx, dy - lh, auth, fnt, ("org", "other", ()))
        print_term(cv, dx + mm(8), dy, cn_date(Y + 1, 2, int(rng.integers(1, 28))), fnt, None)
        other_seal(
            cv,
            ctx,
            dx + min(w, mm(60)) / 2 + mm(rng.uniform(-4, 8)),
            dy - lh * 0.8 + mm(rng.uniform(-4, 4)),
            auth,
            oval=rng.random() < 0.15,
        )
        big.append((y0, y1))
        y = y1

    # rules (drawn last is fine: multiplicative ink)
    for y0, y1 in big:
        cv.vline(vx, y0, y1, thin, rule_c)
    for y0, _y1, _cells in rows:
        cv.hline(L, R, y0, thin, rule_c)
    for y0, _y1 in big:
        cv.hline(L, R, y0, thin, rule_c)
    cv.hline(L, R, T, thick, rule_c)
    cv.hline(L, R, y, thick, rule_c)
    cv.vline(L, T, y, thick, rule_c)
    cv.vline(R, T, y, thick, rule_c)
    if rng.random() < 0.4:
        nf = font(ctx.body, mm(3.2))
        note = pick(
            rng,
            [
                "注：本表一式两份，一份存入本人档案，一份由单位留存。",
                "说明：考核等次分为优秀、合格、基本合格、不合格。",
            ],
        )
        print_term(cv, L, y + mm(6), note, nf, None)
    if red_rules:
        tags.add("red_rules")


# ------------------------------------------------------------------------------------------
LETTER_TITLES = ["证明", "证  明", "在职证明", "任职证明", "工作证明", "推荐信", "单位推荐意见", "情况说明"]
LETTER_BODY = [
    [
        "兹证明{N}同志，{X}，{T}，{B}出生，身份证号码：{ID}，于{W}参加工作，现在{E}工作，任{J}，从事{M}专业技术工作至今。",
        "该同志在{S}工作期间，政治立场坚定，遵纪守法，爱岗敬业，业务能力强，历年年度考核均为合格以上等次，无违法违纪行为。",
        "{N}同志所提交的申报材料真实有效，如有不实，{E}愿承担相应责任。",
        "特此证明。",
    ],
    [
        "{N}同志，{X}，{T}，现年{A}岁，{W}参加工作，{K}调入{E}，现任{J}。",
        "该同志自到{S}工作以来，认真钻研{M}业务，先后参与完成多项重点工作，经{O}考核合格，在{S}起到了业务骨干作用。",
        "经{E}研究，同意推荐{N}同志申报{J2}任职资格。",
        "如有异议，请与{E}人事科联系，联系人：{P}，联系电话：{TEL}。",
    ],
    [
        "{O}：",
        "我单位{N}同志，{B}出生，{T}，大学本科学历，{W}参加工作以来一直在{E}从事{M}工作，任职期间工作认真，成绩突出，符合申报条件。",
        "经{S}领导班子集体研究，同意推荐该同志参加{Y}年度{J2}资格评审。{N}同志的申报材料已经我单位审核，情况属实。",
        "特此推荐。",
    ],
]


LETTER_CONT = [
    "（接上页）近年来，{N}同志主持或参与了{S}多项技术革新和重点项目，撰写的技术报告被{O}采纳，工作业绩得到了广泛认可。",
    "在{E}工作期间，该同志主动承担急难险重任务，多次被评为先进工作者，群众基础好。",
]


def letter(cv, ctx, tags):
    rng = ctx.rng
    mm = cv.px
    L, R = mm(rng.uniform(24, 32)), cv.W - mm(rng.uniform(22, 30))
    y = mm(rng.uniform(16, 28))
    Y = ctx.year
    page2 = rng.random() < 0.15
    if page2:
        tags.add("page2")
        y += mm(rng.uniform(10, 20))
    elif rng.random() < 0.7:
        tags.add("letterhead")
        lf = font(pick(rng, [ctx.bold, ctx.bold, ctx.sealf]), mm(rng.uniform(8, 12)))
        s = ctx.emp_full
        sp = lf.size * rng.uniform(0.0, 0.25) if len(s) < 12 else 0.0
        w = cv.width(s, lf, sp)
        sx = 1.0
        if w > R - L:
            sx = (R - L) / w
            w *= sx
        y += lf.size
        hull, _ = cv.text((cv.W - w) / 2, y, s, lf, color=RED_PRINT, spacing=sp, sx=sx)
        cv.add("employer", "applicant", s, {"letterhead", "red"}, hull=hull)
        y += mm(rng.uniform(4, 7))
        cv.hline(mm(15), cv.W - mm(15), y, mm(rng.uniform(0.8, 1.4)), RED_PRINT)
        if rng.random() < 0.6:
            cv.hline(mm(15), cv.W - mm(15), y + mm(1.5), mm(0.3), RED_PRINT)
        y += mm(rng.uniform(16, 24))
    else:
        y += mm(rng.uniform(20, 35))
    title = pick(rng, LETTER_TITLES)
    if not page2:
        tf = font(ctx.bold, mm(rng.uniform(7, 10)))
        tw = cv.width(title, tf)
        red_title = rng.random() < 0.15
        hull, _ = cv.text((cv.W - tw) / 2, y, title, tf, color=RED_PRINT if red_title else BLACK)
        if red_title:
            cv.add("title", "other", title, {"red"}, hull=hull)
        y += mm(rng.uniform(14, 20))
    fs = rng.uniform(4.2, 5.4)
    fnt = font(ctx.body, mm(fs))
    lh = fnt.size * rng.uniform(1.6, 2.1)
    birth = ctx.p["birth"]
    fill = dict(
        N=ctx.N(),
        E=ctx.E(True),
        S=ctx.E(False),
        O=ctx.O(ctx.auth),
        P=ctx.P(ctx.people[2]),
        X=ctx.p["sex"],
        T=ctx.p["eth"],
        B=f"{birth[:4]}年{int(birth[5:])}月",
        ID="65"
        + "".join(str(int(d)) for d in rng.integers(0, 10, 4))
        + birth[:4]
        + birth[5:]
        + f"{int(rng.integers(1, 29)):02d}"
        + "".join(str(int(d)) for d in rng.integers(0, 10, 3))
        + pick(rng, "0123456789X"),
        W=f"{ctx.p['start'][:4]}年{int(ctx.p['start'][5:])}月",
        J=ctx.p["job"],
        M=ctx.p["major"],
        A=str(Y - int(birth[:4])),
        K=f"{int(ctx.p['start'][:4]) + 3}年",
        Y=str(Y + 1),
        J2=pick(rng, ["高级", "副高级", "中级"]) + "专业技术职务",
        TEL=f"0996-{int(rng.integers(2000000, 2999999))}",
    )
    if "推荐" in title:
        body = LETTER_BODY[1] if rng.random() < 0.4 else LETTER_BODY[2]
    else:
        body = LETTER_BODY[0] if rng.random() < 0.7 else LETTER_BODY[1]
    if page2:
        body = [b for b in body if not b.endswith("：")]
        body = [LETTER_CONT[int(rng.integers(len(LETTER_CONT)))]] + body[-2:]
    # refresh short forms per occurrence
    paras = []
    for p_ in body:
        f2 = dict(fill)
        f2["S"] = ctx.E(False)
        f2["E"] = ctx.E(rng.random() < 0.75)
        paras.append(fl.tokens(p_, f2))
    width = R - L
    # one measure for the whole letter; 80 % of letters take, among a few slightly narrower
    # measures, the one that cuts the most employer names at a line end
    if rng.random() < 0.8:
        best, best_n = width, -1
        for k in range(8):
            w = width - k * fnt.size * 0.5
            n = sum(fl.employer_cuts(toks, fnt, w, fnt.size * 2) for toks in paras)
            if n > best_n:
                best, best_n = w, n
        width = best
    for k, toks in enumerate(paras):
        salutation = len(toks) == 2 and toks[1][0] == "：" and k == 0
        if salutation:
            fl.flow(cv, toks, L, y, width, fnt, lh, BLACK, first_indent=0, justify=False)
            y += lh
            continue
        y = fl.flow(cv, toks, L, y, width, fnt, lh, BLACK, first_indent=fnt.size * 2)
    y += lh * rng.uniform(0.5, 1.5)
    # signature block
    has_head = rng.random() < 0.35
    if has_head:
        head = ctx.people[1]
        x = L + mm(rng.uniform(0, 10))
        x += print_term(cv, x, y, pick(rng, ["单位负责人：", "负责人（签字）：", "法定代表人："]), fnt, None)
        hx = x + mm(1)
        hand_term(cv, ctx, hx, y, head, fnt.size * 1.35, ("name", "other", ()))
        if rng.random() < 0.7:
            name_seal(cv, ctx, hx + mm(rng.uniform(10, 20)), y - mm(rng.uniform(1, 5)), head)
        y += lh
    y += lh * rng.uniform(0.5, 1.5)
    if rng.random() < 0.2:
        s, meta = "（盖章）", None
    else:
        s, meta = ctx.E(rng.random() < 0.7)
    ew = cv.width(s, fnt)
    ex = min(R - ew, R - mm(rng.uniform(60, 75)))
    if meta is None:
        ex = R - mm(rng.uniform(45, 60))
    print_term(cv, ex, y, s, fnt, meta)
    y2 = y + lh
    ds = cn_date(Y + 1, int(rng.integers(1, 12)), int(rng.integers(1, 28)), rng.random() < 0.35)
    dw = cv.width(ds, fnt)
    dx = ex + (ew - dw) / 2
    print_term(cv, dx, y2, ds, fnt, None)
    cx = ex + ew / 2 + mm(rng.uniform(-8, 8))
    cy = (y + y2) / 2 - fnt.size * 0.4 + mm(rng.uniform(-5, 5))
    employer_seal(cv, ctx, cx, cy)
    y = y2 + lh * 2
    if rng.random() < 0.3 and y < cv.H - mm(40):
        # copy-to block near the bottom
        yb = cv.H - mm(rng.uniform(30, 40))
        cv.hline(L, R, yb - fnt.size * 1.3, mm(0.35))
        x = L + mm(2)
        x += print_term(cv, x, yb, "抄送：", fnt, None)
        org = ctx.others[min(1, len(ctx.others) - 1)]
        x += print_term(cv, x, yb, org, fnt, ("org", "other", ()))
        print_term(cv, x, yb, "。", fnt, None)
        cv.hline(L, R, yb + fnt.size * 0.7, mm(0.35))
        tags.add("copy_to")
    if page2:
        pf = font(ctx.body, mm(3.2))
        s2 = "第2页 共2页"
        print_term(cv, (cv.W - cv.width(s2, pf)) / 2, cv.H - mm(12), s2, pf, None)
    if "letterhead" in tags and rng.random() < 0.4:
        yb = cv.H - mm(rng.uniform(14, 20))
        cv.hline(mm(15), cv.W - mm(15), yb - mm(5), mm(0.6), RED_PRINT)
        af = font(ctx.body, mm(3))
        print_term(
            cv,
            mm(20),
            yb,
            f"地址：{pick(rng, ['人民东路', '解放南路', '友好北路', '团结路'])}{int(rng.integers(1, 300))}号"
            f"    邮编：8{int(rng.integers(30000, 49999))}    电话：{fill['TEL']}",
            af,
            None,
            color=RED_PRINT,
        )
