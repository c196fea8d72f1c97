"""Document layouts for synth5: letter, training, title_cert, appraisal."""

from __future__ import annotations

from . import data
from .render import FONT_FILES, Canvas, Face

CN_DIGITS = "〇一二三四五六七八九"


def cn_year(y):
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def cn_num(n):
    if n <= 10:
        return "十" if n == 10 else CN_DIGITS[n]
    if n < 20:
        return "十" + CN_DIGITS[n - 10]
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


class Ctx:
    """Per-page randomness, the applicant profile and the text helpers."""

    def __init__(self, rng, profile, info, cv: Canvas):
        self.rng, self.p, self.info, self.cv = rng, profile, info, cv
        self.name = profile["name"]
        self.dotted = "·" in self.name
        forms = [self.name] + profile["aliases"]
        self.page_name = (
            forms[0] if (not self.dotted or rng.random() < 0.6) else forms[int(rng.integers(1, len(forms)))]
        )
        self.E, self.S = profile["employers"][0], profile["employers"][1]
        self.fam = {k: FONT_FILES[k][int(rng.integers(0, len(FONT_FILES[k])))] for k in FONT_FILES}
        self.year = int(rng.integers(2019, 2025))

    def r(self, seq):
        return seq[int(self.rng.integers(0, len(seq)))]

    def chance(self, p):
        return self.rng.random() < p

    def face(self, fam, pt):
        path, idx = self.fam[fam]
        return Face(path, idx, self.cv.pt(pt))

    def nm(self, spaced_p=0.12):
        if not self.dotted and self.chance(spaced_p):
            return self.r(self.info["spaced"])
        return self.page_name

    def date(self, cn=None):
        m, d = int(self.rng.integers(1, 13)), int(self.rng.integers(1, 29))
        if cn is None:
            cn = self.chance(0.3)
        if cn:
            return f"{cn_year(self.year)}年{cn_num(m)}月{cn_num(d)}日"
        return f"{self.year}年{m}月{d}日"

    def idno(self):
        digs = "".join(str(int(v)) for v in self.rng.integers(0, 10, 3))
        yy, mm, dd = (int(self.rng.integers(a, b)) for a, b in ((1968, 1995), (1, 13), (1, 29)))
        b = f"{yy}{mm:02d}{dd:02d}"
        return f"65{int(self.rng.integers(1000, 9999))}{b}{digs}{self.r('0123456789X')}"

    def tel(self):
        return f"09{int(self.rng.integers(90, 99))}-{int(self.rng.integers(2000000, 8999999))}"

    def para(self, x, y, width, text, face, lh, indent=2, layer="k", tags=(), wrap_p=0.5):
        """Paragraph; with probability wrap_p try to put a line break inside an applicant term."""
        lines = None
        if self.chance(wrap_p):
            for k in range(0, 8):
                lines = self.cv.wrap_hits(text, face, width - k * face.size * 0.4, indent)
                if lines is not None:
                    break
        if lines is not None:
            return self.cv.paragraph(x, y, width, text, face, lh, indent, layer, tags, lines=lines)
        return self.cv.paragraph(x, y, width, text, face, lh, indent, layer, tags)

    def cell(self, x0, y0, x1, y1, text, face, align="center", tags=("in_table",), layer="k", track=0.0):
        cv = self.cv
        pad = face.size * 0.3
        wdt = cv.measure(text, face, track)
        if wdt <= (x1 - x0) - 2 * pad:
            base = (y0 + y1) / 2 + face.size * 0.36
            if align == "center":
                cv.text((x0 + x1) / 2, base, text, face, layer, track, tags, align="center")
            else:
                cv.text(x0 + pad, base, text, face, layer, track, tags)
            return
        lh = face.size * 1.25
        lines = cv.layout(text, face, (x1 - x0) - 2 * pad)
        top = (y0 + y1) / 2 - lh * len(lines) / 2 + face.size * 0.1
        cv.paragraph(x0 + pad, top, (x1 - x0) - 2 * pad, text, face, lh, 0, layer, tuple(tags), lines=lines)

    def handwrite(self, x, base, text, pt=None):
        f = self.face("kai", pt or float(self.rng.uniform(15, 20)))
        return self.cv.text(x, base, text, f, "k", float(self.rng.uniform(0, 0.15)) * f.size, ("handwritten",))

    def employer_seal(self, cx, cy, bottom_p=0.3, bottoms=("人事专用章", "党委", "人事处")):
        rng = self.rng
        bottom = self.r(list(bottoms)) if self.chance(bottom_p) else ""
        shape = "oval" if self.chance(0.08) else "round"
        return self.cv.seal(
            cx,
            cy,
            self.E,
            "applicant",
            diameter_mm=float(rng.uniform(38, 45)),
            bottom=bottom,
            shape=shape,
            faded=self.chance(0.25),
            incomplete=self.chance(0.25),
        )

    def other_seal(self, cx, cy, org, faded_p=0.3, bottom=""):
        rng = self.rng
        return self.cv.seal(
            cx,
            cy,
            org,
            "other",
            diameter_mm=float(rng.uniform(38, 45)),
            bottom=bottom,
            faded=self.chance(faded_p),
            incomplete=self.chance(0.2),
        )

    def name_seal(self, cx, cy, person):
        txt = person + ("印" if len(person) == 3 else "之印")
        return self.cv.seal(
            cx,
            cy,
            txt,
            "other",
            diameter_mm=float(self.rng.uniform(16, 22)),
            shape="square",
            angle=float(self.rng.uniform(-6, 6)),
        )

    def signoff(self, right, y, lines, face, lh):
        """Right-aligned sign-off block; returns (centre x, centre y) of the block."""
        widths = [self.cv.measure(s, face) for s in lines]
        wmax = max(widths)
        cx = right - wmax / 2
        self.cv.block([(cx, y + i * lh + face.size * 0.88, s, "center") for i, s in enumerate(lines)], face)
        return cx, y + lh * len(lines) / 2


# ------------------------------------------------------------------------------------ letter
LETTER_SUBTYPES = ["在职证明", "工作证明", "任职证明", "推荐意见", "单位意见", "思想政治表现证明", "诚信承诺"]


def build_letter(c: Ctx):
    cv, rng, i = c.cv, c.rng, c.info
    W, H = cv.w, cv.h
    sub = c.r(LETTER_SUBTYPES)
    mx = cv.mm(rng.uniform(22, 30))
    right = W - mx
    width = right - mx
    y = cv.mm(rng.uniform(14, 24))
    if c.chance(0.7):  # red letterhead
        if c.chance(0.6):
            head = c.E
            pt = float(rng.uniform(20, 28))
            f = c.face("bold", pt)
            while cv.measure(head, f) > width and pt > 12:
                pt -= 1
                f = c.face("bold", pt)
            cv.text(W / 2, y + f.size, head, f, "r", tags=("letterhead",), align="center")
            y += f.size * 1.5
        else:
            f = c.face("bold", float(rng.uniform(16, 20)))
            cv.text(mx, y + f.size, c.E, f, "r", tags=("letterhead",))
            f2 = c.face("song", 10.5)
            cv.text(right, y + f.size, f"{c.S[:2]}字〔{c.year}〕{int(rng.integers(3, 80))}号", f2, align="right")
            y += f.size * 1.5
        cv.line(mx, y, right, y, cv.mm(rng.uniform(0.6, 1.2)), "rl")
        if c.chance(0.5):
            cv.line(mx, y + cv.mm(1.2), right, y + cv.mm(1.2), 1, "rl")
        y += cv.mm(10)
    else:
        y += cv.mm(rng.uniform(10, 25))
    title = (
        sub
        if sub not in ("推荐意见", "诚信承诺")
        else ("推荐信" if c.chance(0.5) else "推荐意见")
        if sub == "推荐意见"
        else "专业技术人员职称申报诚信承诺书"
    )
    tf = c.face(c.r(["bold", "song", "hei"]), float(rng.uniform(18, 24)))
    track = tf.size * (1.0 if len(title) <= 4 and c.chance(0.5) else 0.0)
    cv.text(W / 2, y + tf.size, title, tf, track=track, align="center")
    y += tf.size * 2.2
    bf = c.face(c.r(["song", "song", "hei", "kai"]), float(rng.uniform(13, 15.5)))
    lh = bf.size * rng.uniform(1.6, 2.0)
    o = i["others"]
    dept = c.r(["人事科", "办公室", "技术科", "业务科", "财务科", "规划科", "内科", "外科"])
    pos = c.r(["科员", "副科长", "科长", "主治医师", "技术员", "工程师", "专业技术人员"])
    prof, ttl, _ = i["prof"]
    G, ET = i["gender"], i["eth"]
    y0 = c.year - int(rng.integers(5, 18))
    if c.chance(0.55):
        cv.text(
            mx,
            y + bf.size,
            c.r([i["hr"] + "：", i["auth"] + "：", "自治区职称改革工作领导小组办公室：", f"{i['hr']}职称科："]),
            bf,
        )
        y += lh
    N = c.nm
    paras = []
    if sub in ("推荐意见", "单位意见", "诚信承诺") and c.chance(0.6):
        lab = c.r(["被推荐人：", "申报人：", "姓名："]) if sub != "诚信承诺" else c.r(["申报人：", "姓名："])
        x = cv.text(mx, y + bf.size, lab, bf)
        if c.chance(0.4):
            x = c.handwrite(x + cv.mm(2), y + bf.size, c.page_name)
        else:
            x = cv.text(x, y + bf.size, c.nm(0.3), bf)
        cv.text(x + cv.mm(8), y + bf.size, f"工作单位：{c.r([c.E, c.S])}" if c.chance(0.5) else f"申报资格：{ttl}", bf)
        y += lh
    if sub == "在职证明":
        paras.append(
            f"兹证明{N()}同志，{G}，{ET}，身份证号：{c.idno()}，"
            f"自{y0}年{int(rng.integers(1, 13))}月起在{c.E}{dept}工作，"
            f"现任{pos}，系我单位在编在岗正式职工，从事{prof}工作至今。"
        )
        paras.append(
            f"{N()}同志在{c.S}工作期间，遵纪守法，工作认真负责，"
            f"{c.year - 1}年被评为“{c.r([c.S, c.E])}先进工作者”，未受过任何处分。"
        )
        paras.append("特此证明。")
    elif sub == "工作证明":
        paras.append(
            f"{N()}，{G}，{ET}，{y0 - 1}年毕业于{c.r(data.UNIVERSITIES)}{prof}专业，"
            f"同年分配至{c.E}{dept}工作，先后在{c.S}{dept}、{i['sister']}（借调）从事{prof}工作。"
        )
        paras.append(f"该同志{c.year - y0}年来一直在“{c.E}”从事专业技术工作，累计专业技术工作年限符合申报条件。")
        paras.append(f"特此证明。如有异议，请与{c.E}人事科联系，联系人：{o[1]}，联系电话：{c.tel()}。")
    elif sub == "任职证明":
        paras.append(
            f"经{c.E}党组研究决定，聘任{N()}同志为{dept}{pos}，聘期自{y0 + 3}年{int(rng.integers(1, 13))}月起。"
        )
        paras.append(
            f"{N()}同志于{y0 + 2}年取得{ttl.replace('高级', '')}任职资格，"
            f"现在{c.S}{dept}从事{prof}工作，任职期间年度考核均为合格以上等次。"
        )
        paras.append("特此证明。")
    elif sub == "推荐意见":
        paras.append(
            f"我单位{N()}同志，{G}，{ET}，现任{dept}{pos}，{y0}年参加工作以来一直从事{prof}工作。该同志政治立场坚定，"
            f"业务能力突出，主持完成了{c.S}多项重点项目，成果获{i['sister']}及{i['hr']}肯定。"
        )
        paras.append(f"经{c.E}职称推荐委员会评议并公示无异议，同意推荐{N()}同志申报{ttl}任职资格。")
        paras.append(f"推荐人：{o[0]}（{c.S}总工程师）")
    elif sub == "单位意见":
        paras.append(
            f"{N()}同志系{c.E}在职在编专业技术人员，现从事{prof}工作。经审核，"
            f"该同志提交的申报材料真实、准确，学历、资历、业绩符合申报{ttl}任职资格条件。"
        )
        paras.append(f"经{c.S}党组会议研究，并在本单位公示五个工作日无异议，同意推荐。")
    elif sub == "思想政治表现证明":
        paras.append(
            f"{N()}，{G}，{ET}，中共党员，{c.E}{dept}干部。该同志坚决拥护中国共产党的领导，"
            f"在维护社会稳定和民族团结方面立场坚定、旗帜鲜明，无违法违纪行为。"
        )
        paras.append(
            f"该同志在{c.S}工作期间爱岗敬业，{c.year - 1}年度考核为优秀等次。经{c.E}党委审查，同意其申报{ttl}任职资格。"
        )
        paras.append("特此证明。")
    else:
        paras.append(
            f"本人{N()}，身份证号：{c.idno()}，现工作单位：{c.E}，申报{ttl}任职资格。本人郑重承诺：所提交的学历证书、"
            f"任职资格证书、业绩成果等材料真实有效，如有弄虚作假，自愿承担相应责任，并接受{i['hr']}的处理。"
        )
    for t in paras:
        y = c.para(mx, y, width, t, bf, lh, 2 if not t.startswith("推荐人") else 0) + lh * 0.15
    if sub == "诚信承诺":
        y += lh * 0.5
        f = bf
        x = cv.text(mx + width * 0.4, y + f.size, "承诺人（签字）：", f)
        c.handwrite(x + cv.mm(2), y + f.size, c.page_name)
        y += lh
        cv.text(right - cv.mm(40), y + f.size, c.date(False), f)
        y += lh * 1.5
        y = (
            c.para(
                mx,
                y,
                width,
                f"单位意见：经核实，该同志所提交材料真实有效，同意推荐。如有异议，请与{c.E}人事科联系。",
                bf,
                lh,
                0,
            )
            + lh * 0.3
        )
        x = cv.text(mx, y + f.size, "单位负责人签字：", f)
        c.handwrite(x + cv.mm(2), y + f.size, o[2])
        if c.chance(0.5):
            c.name_seal(x + cv.mm(30), y + f.size * 0.5, o[2][:3] if "·" not in o[2] else o[3])
        y += lh * 1.3
    y += lh * rng.uniform(0.5, 1.5)
    y = min(y, H - cv.mm(75))
    sign = [c.E + c.r(["", "", "（盖章）", "党委"] if sub == "思想政治表现证明" else ["", "", "（盖章）"])]
    if c.chance(0.25):
        sign = ["单位（盖章）"]
    if sub == "推荐意见" and c.chance(0.5):
        x = cv.text(mx, y + bf.size, "单位负责人（签字）：", bf)
        c.handwrite(x + cv.mm(2), y + bf.size, o[3])
    sign.append(c.date())
    scx, scy = c.signoff(right - cv.mm(rng.uniform(0, 15)), y, sign, bf, lh)
    c.employer_seal(
        scx + cv.mm(rng.uniform(-8, 8)),
        scy + cv.mm(rng.uniform(-8, 6)),
        bottoms=("党委",) if sub == "思想政治表现证明" else ("人事专用章", "人事处"),
    )
    y += lh * len(sign) + lh
    if c.chance(0.55):
        fy = H - cv.mm(rng.uniform(16, 24))
        ff = c.face("song", float(rng.uniform(9, 10.5)))
        cv.line(mx, fy - ff.size * 1.2, right, fy - ff.size * 1.2, 1, c.r(["kl", "rl"]))
        city, pc = i["city"]
        foot = c.r(
            [
                f"地址：{city}市{c.r(data.STREETS)}{int(rng.integers(1, 300))}号　邮编：{pc}　电话：{c.tel()}",
                f"{c.E}办公室　地址：{city}市{c.r(data.STREETS)}{int(rng.integers(1, 300))}号　电话：{c.tel()}",
                f"联系单位：{c.S}人事科　联系人：{o[4]}　电话：{c.tel()}",
            ]
        )
        cv.text(W / 2, fy, foot, ff, align="center")
    return sub


# ------------------------------------------------------------------------------------ training
def build_training(c: Ctx):
    cv, rng, i = c.cv, c.rng, c.info
    W, H = cv.w, cv.h
    centre, o = i["centre"], i["others"]
    hours = int(rng.integers(12, 120))
    course = c.r(data.TRAININGS)
    if c.chance(0.55):
        sub = "certificate"
        m = cv.mm(rng.uniform(10, 16))
        lay = c.r(["rl", "kl"])
        cv.rect(m, m, W - m, H - m, cv.mm(1.5), lay)
        cv.rect(m + cv.mm(2.5), m + cv.mm(2.5), W - m - cv.mm(2.5), H - m - cv.mm(2.5), 1, lay)
        y = m + cv.mm(rng.uniform(18, 30))
        ttl = c.r(["继续教育证书", "培训合格证书", "结业证书", "继续教育合格证"])
        tf = c.face("bold", float(rng.uniform(26, 36)))
        cv.text(W / 2, y + tf.size, ttl, tf, "r", track=tf.size * 0.3, align="center")
        cv.add_title(ttl, len(cv.runs) - 1)
        y += tf.size * 2.0
        sf = c.face("song", 11)
        cv.text(W - m - cv.mm(12), y, f"编号：XJJX{c.year}{int(rng.integers(10000, 99999))}", sf, align="right")
        y += cv.mm(14)
        bf = c.face(c.r(["song", "kai", "hei"]), float(rng.uniform(15, 18)))
        lh = bf.size * rng.uniform(1.8, 2.2)
        x0 = m + cv.mm(18)
        width = W - 2 * x0
        if c.chance(0.5):  # fill-in: handwritten name over an underline
            xa = x0 + bf.size * 2
            end = c.handwrite(xa + cv.mm(3), y + bf.size, c.nm(0.3), bf.size / c.cv.dpi * 72 * 1.1)
            cv.line(xa, y + bf.size * 1.25, end + cv.mm(3), y + bf.size * 1.25, 1)
            rest_x = end + cv.mm(5)
            cv.text(rest_x, y + bf.size, "同志：", bf)
            y += lh
            txt = (
                f"工作单位：{c.E}，于{c.year}年{int(rng.integers(1, 7))}月至{c.year}年{int(rng.integers(7, 13))}月"
                f"参加{i['auth']}组织、{centre}承办的{course}培训，共计{hours}学时，经考核成绩合格，特发此证。"
            )
        else:
            txt = (
                f"兹证明{c.nm(0.3)}同志（工作单位：{c.E}）参加了{centre}举办的{course}培训，"
                f"共计{hours}学时，经考核合格。特发此证。"
            )
        y = c.para(x0, y, width, txt, bf, lh, 2)
        y = max(y + lh, H - m - cv.mm(rng.uniform(65, 85)))
        lf = c.face("song", float(rng.uniform(13, 15)))
        lines = [centre, c.date(c.chance(0.6))]
        if len(centre) > 16 and c.chance(0.5):
            lines = [centre[: len(centre) // 2 + 1], centre[len(centre) // 2 + 1 :], lines[1]]
        scx, scy = c.signoff(W - m - cv.mm(22), y, lines, lf, lf.size * 1.7)
        c.other_seal(scx + cv.mm(rng.uniform(-6, 6)), scy + cv.mm(rng.uniform(-8, 4)), centre, faded_p=0.6)
        if c.chance(0.35):
            x = cv.text(x0, y + lf.size, "负责人：", lf)
            c.handwrite(x, y + lf.size, o[0])
        return sub
    sub = "hours_table"
    mx = cv.mm(rng.uniform(18, 25))
    right = W - mx
    y = cv.mm(rng.uniform(22, 32))
    tf = c.face("bold", float(rng.uniform(17, 21)))
    cv.text(
        W / 2,
        y + tf.size,
        c.r(["专业技术人员继续教育学时证明", "继续教育学时登记表", "专业技术人员培训学时证明"]),
        tf,
        align="center",
    )
    y += tf.size * 2.2
    f = c.face(c.r(["song", "hei"]), float(rng.uniform(10.5, 12)))
    rh = f.size * 2.4
    tw = right - mx
    cols = [mx, mx + tw * 0.16, mx + tw * 0.42, mx + tw * 0.56, mx + tw * 0.72, right]
    rows = [
        [("姓名", c.nm(0.5) if not c.dotted else c.page_name), ("性别", i["gender"])],
        [("身份证号", c.idno())],
        [("工作单位", c.E)],
        [("职称", i["prof"][1])],
    ]
    narrow = c.chance(0.5)
    for r in rows:
        cv.line(mx, y, right, y, 1)
        if len(r) == 2:
            xs = [cols[0], cols[1], cols[3], cols[4], cols[5]]
            for k, (lab, val) in enumerate(r):
                c.cell(xs[2 * k], y, xs[2 * k + 1], y + rh, lab, f)
                c.cell(xs[2 * k + 1], y, xs[2 * k + 2], y + rh, val, f)
            for xx in xs:
                cv.line(xx, y, xx, y + rh, 1)
        else:
            lab, val = r[0]
            xe = cols[3] if (lab == "工作单位" and narrow) else right
            c.cell(cols[0], y, cols[1], y + rh, lab, f)
            c.cell(cols[1], y, xe, y + rh, val, f, align="left")
            for xx in (cols[0], cols[1], xe, right):
                cv.line(xx, y, xx, y + rh, 1)
            if xe != right:
                c.cell(xe, y, cols[4], y + rh, "专业", f)
                c.cell(cols[4], y, right, y + rh, i["prof"][0], f)
                cv.line(cols[4], y, cols[4], y + rh, 1)
        y += rh
    # course list
    hdr = ["序号", "培训内容", "培训时间", "学时", "培训机构"]
    cxs = [mx, mx + tw * 0.08, mx + tw * 0.42, mx + tw * 0.60, mx + tw * 0.68, right]
    crs = [
        (
            str(k + 1),
            c.r(data.TRAININGS),
            f"{c.year}.{int(rng.integers(1, 13)):02d}",
            str(int(rng.integers(8, 40))),
            c.r([centre, i["uni"] + "继续教育学院" if False else i["uni"], centre]),
        )
        for k in range(int(rng.integers(3, 6)))
    ]
    for r in [hdr] + [list(x) for x in crs]:
        cv.line(mx, y, right, y, 1)
        for k in range(5):
            c.cell(cxs[k], y, cxs[k + 1], y + rh * 1.2, r[k], f)
            cv.line(cxs[k], y, cxs[k], y + rh * 1.2, 1)
        cv.line(right, y, right, y + rh * 1.2, 1)
        y += rh * 1.2
    cv.line(mx, y, right, y, 1)
    y += rh
    bf = c.face("song", float(rng.uniform(12, 13.5)))
    lh = bf.size * 1.8
    y = c.para(
        mx,
        y,
        tw,
        f"经审核，{c.nm()}同志{c.year}年度累计完成继续教育{hours}学时，"
        f"其中公需科目{int(hours * 0.3)}学时，符合《专业技术人员继续教育规定》要求。",
        bf,
        lh,
        2,
    )
    y += lh
    if c.chance(0.5):
        # unit countersign with the employer's seal
        x = cv.text(mx, y + bf.size, "所在单位意见：情况属实。", bf)
        del x
        scx, scy = c.signoff(mx + cv.mm(70), y + lh, [c.E, c.date(False)], bf, lh)
        c.employer_seal(scx, scy, bottom_p=0.4)
    scx, scy = c.signoff(right - cv.mm(5), y + lh, [centre, c.date(False)], bf, lh)
    c.other_seal(scx + cv.mm(rng.uniform(-5, 5)), scy, centre, faded_p=0.6)
    return sub


# ------------------------------------------------------------------------------------ title_cert
def build_title_cert(c: Ctx):
    cv, rng, i = c.cv, c.rng, c.info
    W, H = cv.w, cv.h
    prof, ttl, series = i["prof"]
    auth = i["auth"]
    # two booklet pages on a darker cover
    cover = tuple(int(v) for v in (rng.integers(120, 160), rng.integers(20, 40), rng.integers(25, 45)))
    from PIL import ImageDraw

    d = ImageDraw.Draw(cv.base)
    d.rectangle([0, 0, W, H], fill=cover)
    m = cv.mm(rng.uniform(8, 14))
    tint = tuple(int(v) for v in (rng.integers(238, 250), rng.integers(232, 246), rng.integers(215, 235)))
    d.rectangle([m, m, W - m, H - m], fill=tint)
    cv.line(W / 2, m, W / 2, H - m, 2, "kl")
    lp0, lp1 = m + cv.mm(10), W / 2 - cv.mm(10)
    rp0, rp1 = W / 2 + cv.mm(10), W - m - cv.mm(10)
    y = m + cv.mm(rng.uniform(12, 18))
    pw, ph = cv.mm(25), cv.mm(35)
    if c.chance(0.5):
        px = (lp0 + lp1) / 2 - pw / 2
    else:
        px = lp0
    cv.photo(px, y, pw, ph)
    if c.chance(0.4):  # issuer's small steel-stamp-like seal over the photo corner
        c.other_seal(px + pw, y + ph, auth, faded_p=0.8)
    y += ph + cv.mm(8)
    f = c.face(c.r(["song", "hei"]), float(rng.uniform(10.5, 12)))
    hand = c.chance(0.4)
    rows = [
        ("姓　　名", "NAME"),
        ("性　　别", i["gender"]),
        ("出生年月", f"{int(rng.integers(1968, 1995))}年{int(rng.integers(1, 13))}月"),
        ("工作单位", c.E),
        ("专　　业", prof),
        ("资格名称", ttl),
        ("评审委员会", i["committee"]),
        ("批准文号", f"新人社职字〔{c.year}〕{int(rng.integers(10, 300))}号"),
        ("证书编号", f"{int(rng.integers(10**9, 10**10))}"),
    ]
    ruled = c.chance(0.6)
    lw = (lp1 - lp0) * 0.3
    rh = f.size * 2.3
    for lab, val in rows:
        if ruled:
            cv.rect(lp0, y, lp1, y + rh, 1)
            cv.line(lp0 + lw, y, lp0 + lw, y + rh, 1)
        c.cell(lp0, y, lp0 + lw, y + rh, lab, f)
        if val == "NAME":
            if hand:
                hf = c.face("kai", f.size / cv.dpi * 72 * 1.3)
                c.cell(
                    lp0 + lw,
                    y,
                    lp1,
                    y + rh,
                    c.nm(0.4),
                    hf,
                    align="center" if ruled else "left",
                    tags=("in_table", "handwritten"),
                )
            else:
                c.cell(lp0 + lw, y, lp1, y + rh, c.nm(0.4), f, align="center" if ruled else "left")
        else:
            c.cell(lp0 + lw, y, lp1, y + rh, val, f, align="left")
        y += rh
    # right page
    y = m + cv.mm(rng.uniform(15, 25))
    tf = c.face("bold", float(rng.uniform(16, 20)))
    t1 = c.r(["专业技术职务任职资格证书", "专业技术资格证书", "职称证书"])
    red = c.chance(0.6)
    cv.text((rp0 + rp1) / 2, y + tf.size, t1, tf, "r" if red else "k", align="center")
    if red:
        cv.add_title(t1, len(cv.runs) - 1)
    y += tf.size * 2.5
    bf = c.face(c.r(["song", "kai"]), float(rng.uniform(12, 14)))
    lh = bf.size * 1.9
    y = c.para(rp0, y, rp1 - rp0, f"{c.nm()}同志经{i['committee']}评审通过，具备{ttl}任职资格。", bf, lh, 2)
    y = c.para(rp0, y, rp1 - rp0, "特发此证。", bf, lh, 2)
    if c.chance(0.5):
        y = c.para(rp0, y, rp1 - rp0, f"工作单位：{c.r([c.E, c.S])}", bf, lh, 0)
    y = H - m - cv.mm(rng.uniform(50, 60))
    cut = auth.find("人力资源") if "人力资源" in auth else len(auth) // 2
    lines = (
        ["发证机关：", auth, c.date(True)] if len(auth) < 18 else ["发证机关：", auth[:cut], auth[cut:], c.date(True)]
    )
    scx, scy = c.signoff(rp1 - cv.mm(5), y, lines, bf, lh)
    c.other_seal(scx, scy + cv.mm(3), auth, faded_p=0.2, bottom=c.r(["", "职称专用章"]))
    return "booklet"


# ------------------------------------------------------------------------------------ appraisal
def build_appraisal(c: Ctx):
    cv, rng, i = c.cv, c.rng, c.info
    W, H = cv.w, cv.h
    o = i["others"]
    mx = cv.mm(rng.uniform(15, 22))
    right = W - mx
    tw = right - mx
    y = cv.mm(rng.uniform(14, 22))
    tf = c.face("bold", float(rng.uniform(16, 20)))
    cv.text(
        W / 2,
        y + tf.size,
        c.r(["事业单位工作人员年度考核登记表", "年度考核登记表", "公务员年度考核登记表"]),
        tf,
        align="center",
    )
    y += tf.size * 1.6
    sf = c.face("song", 12)
    cv.text(W / 2, y + sf.size, f"（{c.year}年度）", sf, align="center")
    y += sf.size * 2.2
    f = c.face(c.r(["song", "hei"]), float(rng.uniform(10.5, 12)))
    if c.chance(0.4):
        cv.text(mx, y + f.size, f"填报单位：{c.r([c.E, c.S])}", f)
        y += f.size * 1.8
    rh = f.size * 2.6
    cols = [mx + tw * k for k in (0, 0.13, 0.33, 0.46, 0.6, 0.74, 0.87, 1.0)]
    cols = [mx, mx + tw * 0.13, mx + tw * 0.33, mx + tw * 0.46, mx + tw * 0.58, mx + tw * 0.72, right]
    spaced = c.r(i["spaced"]) if not c.dotted and c.chance(0.6) else c.page_name
    rlay = "rl" if c.chance(0.15) else "kl"
    lw_ = max(1, int(cv.mm(0.25)))

    def row(cells, h):
        nonlocal y
        cv.line(mx, y, right, y, lw_, rlay)
        for x0, x1, txt, al in cells:
            c.cell(x0, y, x1, y + h, txt, f, align=al)
            cv.line(x0, y, x0, y + h, lw_, rlay)
        cv.line(right, y, right, y + h, lw_, rlay)
        y += h

    row(
        [
            (cols[0], cols[1], "姓名", "center"),
            (cols[1], cols[2], spaced, "center"),
            (cols[2], cols[3], "性别", "center"),
            (cols[3], cols[4], i["gender"], "center"),
            (cols[4], cols[5], "出生年月", "center"),
            (cols[5], right, f"{int(rng.integers(1968, 1995))}.{int(rng.integers(1, 13)):02d}", "center"),
        ],
        rh,
    )
    row(
        [
            (cols[0], cols[1], "民族", "center"),
            (cols[1], cols[2], i["eth"], "center"),
            (cols[2], cols[3], "政治面貌", "center"),
            (cols[3], cols[4], c.r(["中共党员", "群众", "民盟盟员"]), "center"),
            (cols[4], cols[5], "学历", "center"),
            (cols[5], right, c.r(["大学本科", "硕士研究生", "大专"]), "center"),
        ],
        rh,
    )
    narrow = c.chance(0.6)
    e_end = cols[3] if narrow else cols[4]
    row(
        [
            (cols[0], cols[1], "工作单位", "center"),
            (cols[1], e_end, c.E, "left"),
            (e_end, cols[5], "职务（职称）", "center"),
            (cols[5], right, i["prof"][1], "center"),
        ],
        rh * (1.3 if narrow else 1),
    )
    # 个人总结
    bf = f
    lh = bf.size * 1.75
    txt = (
        f"{c.year}年，本人在{c.E}党组的坚强领导下，"
        f"认真学习贯彻党的路线方针政策，坚持以习近平新时代中国特色社会主义思想为指导，"
        f"立足本职岗位，扎实做好{i['prof'][0]}各项工作。一是加强政治理论学习，积极参加{c.S}组织的各类学习活动；"
        f"二是认真履行岗位职责，全年完成{int(rng.integers(5, 30))}项重点任务，"
        f"配合{i['sister']}开展联合检查{int(rng.integers(2, 9))}次；"
        f"三是注重业务能力提升，参加{i['centre']}组织的继续教育培训{int(rng.integers(30, 96))}学时。"
        f"今后，我将继续立足{c.S}实际，不断改进工作作风，努力提高工作水平。"
    )
    top = y
    cv.line(mx, y, right, y, lw_, rlay)
    y += lh * 0.4
    y = c.para(cols[1] + bf.size * 0.4, y, right - cols[1] - bf.size * 0.8, txt, bf, lh, 2, tags=("in_table",))
    y += lh * 0.2
    x = cv.text(cols[1] + tw * 0.25, y + bf.size, "本人签名：", bf)
    c.handwrite(x + cv.mm(2), y + bf.size, c.page_name)
    cv.text(right - cv.mm(5), y + bf.size, c.date(False), bf, align="right")
    y += lh * 1.3
    c.cell(cols[0], top, cols[1], y, "个人总结", f)
    cv.line(cols[0], top, cols[0], y, lw_, rlay)
    cv.line(cols[1], top, cols[1], y, lw_, rlay)
    cv.line(right, top, right, y, lw_, rlay)
    # 主管领导评语
    top = y
    cv.line(mx, y, right, y, lw_, rlay)
    y += lh * 0.4
    y = c.para(
        cols[1] + bf.size * 0.4,
        y,
        right - cols[1] - bf.size * 0.8,
        f"该同志工作积极主动，业务熟练，较好地完成了{c.S}交办的各项任务，同意评定为{c.r(['优秀', '合格'])}等次。",
        bf,
        lh,
        2,
        tags=("in_table",),
    )
    x = cv.text(cols[1] + tw * 0.25, y + bf.size, "主管领导签名：", bf)
    c.handwrite(x + cv.mm(2), y + bf.size, o[0])
    cv.text(right - cv.mm(5), y + bf.size, c.date(False), bf, align="right")
    y += lh * 1.3
    c.cell(cols[0], top, cols[1], y, "主管领导评语", f)
    for xx in (cols[0], cols[1], right):
        cv.line(xx, top, xx, y, lw_, rlay)
    row([(cols[0], cols[1], "考核等次", "center"), (cols[1], right, c.r(["优秀", "合格", "称职"]), "left")], rh)
    # 单位意见
    top = y
    cv.line(mx, y, right, y, lw_, rlay)
    y += lh * 0.5
    cv.text(
        cols[1] + bf.size * 1.2,
        y + bf.size,
        c.r(["同意主管领导意见。", "经考核委员会审核，同意该同志考核等次。", "情况属实，同意。"]),
        bf,
    )
    y += lh * 1.6
    lines = [c.r(["单位（盖章）", c.E, c.E + "（盖章）"]), c.date()]
    if c.chance(0.35):
        x = cv.text(cols[1] + bf.size * 1.2, y + bf.size, "单位负责人签字：", bf)
        c.handwrite(x, y + bf.size, o[1])
        y += lh * 1.2
    scx, scy = c.signoff(right - cv.mm(8), y, lines, bf, lh)
    y += lh * 2.6
    c.cell(cols[0], top, cols[1], y, "单位意见", f)
    for xx in (cols[0], cols[1], right):
        cv.line(xx, top, xx, y, lw_, rlay)
    cv.line(mx, y, right, y, lw_, rlay)
    c.employer_seal(scx + cv.mm(rng.uniform(-10, 5)), scy + cv.mm(rng.uniform(-6, 4)), bottom_p=0.2)
    if y < H - cv.mm(40) and c.chance(0.5):
        cv.text(
            mx,
            y + f.size * 2,
            f"注：本表一式两份，一份存入本人档案，一份由{c.r([i['hr'], c.S])}留存。",
            c.face("song", 9.5),
        )
    return "form"


BUILDERS = {
    "letter": build_letter,
    "training": build_training,
    "title_cert": build_title_cert,
    "appraisal": build_appraisal,
}
PAGE_SIZE = {"letter": (210, 297), "training": (210, 297), "title_cert": (297, 210), "appraisal": (210, 297)}
