"""Drawing on a page: fonts, text lines and paragraphs that record item outlines, photos,
seals (round, oval, square, embossed) and a stylised emblem.

Coordinates: continuous pixel coordinates of the unrotated page (pixel (r, c) covers
[c, c+1) x [r, r+1)). Layouts work in millimetres and convert with Page.px.
"""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

DATA = os.path.join(os.path.dirname(__file__), "data")

FONT_FILES = {
    "song": ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),      # fonts-arphic-gbsn00lp
    "ming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),                  # fonts-arphic-uming
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),                    # fonts-arphic-ukai
    "gkai": ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0),      # fonts-arphic-gkai00mp
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),               # fonts-wqy-microhei
    "wenkai": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),  # fonts-lxgw-wenkai
    "wenkaib": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf", 0),
}
# gbsn00lp and gkai00mp lack these; text containing them falls back to a sibling font.
_MISSING = {"song": set("•・"), "gkai": set("•・")}
_FALLBACK = {"song": "ming", "gkai": "kai"}


@lru_cache(maxsize=512)
def font(key: str, px: int) -> ImageFont.FreeTypeFont:
    path, idx = FONT_FILES[key]
    return ImageFont.truetype(path, max(4, int(px)), index=idx)


@lru_cache(maxsize=64)
def _extent(key: str) -> tuple[float, float]:
    """Ink extent of CJK glyphs relative to the baseline, in ems (top < 0 < bottom)."""
    f = font(key, 200)
    tops, bots = [], []
    for ch in "疆國量型鲁王":
        b = f.getbbox(ch, anchor="ls")
        tops.append(b[1])
        bots.append(b[3])
    return min(tops) / 200.0 - 0.02, max(bots) / 200.0 + 0.02


def pick_key(key: str, text: str) -> str:
    if key in _MISSING and any(c in _MISSING[key] for c in text):
        return _FALLBACK[key]
    return key


def rect(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


class Page:
    def __init__(self, w_mm: float, h_mm: float, dpi: int, rng: np.random.Generator,
                 paper=(255, 255, 255)):
        self.dpi = dpi
        self.s = dpi / 25.4
        self.W, self.H = int(round(w_mm * self.s)), int(round(h_mm * self.s))
        self.w_mm, self.h_mm = w_mm, h_mm
        self.img = Image.new("RGB", (self.W, self.H), paper)
        self.draw = ImageDraw.Draw(self.img)
        self.rng = rng
        self.items: list[dict] = []
        self.ink: list[list] = []         # outlines of every printed text line (for over_text tags)
        self.stamps: list[tuple] = []     # (x0, y0, alpha patch, rgb colour) applied after text

    # -- units ---------------------------------------------------------------------------------
    def px(self, mm: float) -> float:
        return mm * self.s

    def add_item(self, kind, owner, text, poly, tags=()):
        self.items.append(dict(kind=kind, owner=owner, text=text,
                               poly=[(float(x), float(y)) for x, y in poly], tags=set(tags)))
        return self.items[-1]

    # -- text ------------------------------------------------------------------------------------
    def text_run(self, x, y, segs, key, size, fill=(20, 20, 20), tracking=0.0, anchor="l",
                 stroke=0, record_ink=True):
        """Draw one line of segments at baseline y (px). segs: list of (text, meta) with meta None
        or dict(kind, owner, tags, text?). Returns (x_start, x_end). tracking: extra px after
        every character (letter spacing)."""
        full = "".join(t for t, _ in segs)
        key = pick_key(key, full)
        f = font(key, size)
        if tracking:
            widths = [f.getlength(c) + tracking for c in full]
            total = sum(widths) - tracking
        else:
            total = f.getlength(full)
        if anchor == "c":
            x = x - total / 2
        elif anchor == "r":
            x = x - total
        top, bot = _extent(key)
        if tracking:
            cx = x
            for c, w in zip(full, widths, strict=True):
                self.draw.text((cx, y), c, font=f, fill=fill, anchor="ls", stroke_width=stroke,
                               stroke_fill=fill)
                cx += w
        else:
            self.draw.text((x, y), full, font=f, fill=fill, anchor="ls", stroke_width=stroke,
                           stroke_fill=fill)
        pos = 0
        for t, meta in segs:
            if meta is not None and t.strip():
                # trim surrounding spaces of the covered piece
                lead = len(t) - len(t.lstrip())
                trail = len(t) - len(t.rstrip())
                a, b = pos + lead, pos + len(t) - trail
                if tracking:
                    xa = x + sum(widths[:a])
                    xb = x + sum(widths[:b]) - tracking
                else:
                    xa = x + f.getlength(full[:a])
                    xb = x + f.getlength(full[:b])
                poly = rect(xa, y + top * size, xb, y + bot * size)
                self.add_item(meta["kind"], meta["owner"], meta.get("text", t.strip()), poly,
                              meta.get("tags", ()))
            pos += len(t)
        if record_ink and full.strip():
            self.ink.append(rect(x, y + top * size, x + total, y + bot * size))
        return x, x + total

    def layout(self, segs, key, size, width, indent=0.0):
        """Greedy CJK line breaking. Returns lines: list of list of (char, seg_index)."""
        chars = [(c, i) for i, (t, _) in enumerate(segs) for c in t]
        key = pick_key(key, "".join(c for c, _ in chars))
        f = font(key, size)
        lines, cur, w = [], [], indent
        no_start = set("，。、；：）”！？》")
        for c, i in chars:
            cw = f.getlength(c)
            if cur and w + cw > width + 0.01:
                if c in no_start:          # keep the punctuation on this line (hang it)
                    cur.append((c, i))
                    lines.append(cur)
                    cur, w = [], 0.0
                    continue
                lines.append(cur)
                cur, w = [], 0.0
            cur.append((c, i))
            w += cw
        if cur:
            lines.append(cur)
        return lines

    def paragraph(self, x, y, width, segs, key, size, leading=1.7, indent_chars=0, fill=(20, 20, 20),
                  lines=None, justify=True):
        """Lay out and draw; y is the first baseline. Returns the baseline after the last line."""
        indent = indent_chars * size
        if lines is None:
            lines = self.layout(segs, key, size, width, indent)
        key = pick_key(key, "".join(t for t, _ in segs))
        f = font(key, size)
        # which segments end up on several lines
        seg_lines = {}
        for li, ln in enumerate(lines):
            for _, i in ln:
                seg_lines.setdefault(i, set()).add(li)
        for li, ln in enumerate(lines):
            x0 = x + (indent if li == 0 else 0)
            # regroup the line's characters into segment pieces
            pieces = []
            for c, i in ln:
                if pieces and pieces[-1][1] == i:
                    pieces[-1][0] += c
                else:
                    pieces.append([c, i])
            rs = []
            for t, i in pieces:
                meta = segs[i][1]
                if meta is not None and len(seg_lines[i]) > 1:
                    meta = dict(meta)
                    meta["tags"] = tuple(meta.get("tags", ())) + ("wrapped",)
                    meta.pop("text", None)
                rs.append((t, meta))
            tracking = 0.0
            if justify and li < len(lines) - 1:
                natural = f.getlength("".join(t for t, _ in rs))
                n = sum(len(t) for t, _ in rs)
                slack = (width - (x0 - x)) - natural
                if 0 < slack < size * 1.2 and n > 1:
                    tracking = slack / (n - 1)
            self.text_run(x0, y, rs, key, size, fill=fill, tracking=tracking)
            y += size * leading
        return y

    def handwriting(self, x, y, text, size, meta=None, fill=(25, 30, 70), key="wenkai"):
        """A handwritten-looking name: per-character jitter in size, baseline and slant."""
        rng = self.rng
        cx = x
        top_all, bot_all = 1e9, -1e9
        k = pick_key(key, text)
        top, bot = _extent(k)
        for c in text:
            s = size * rng.uniform(0.88, 1.12)
            dy = rng.uniform(-0.08, 0.08) * size
            f = font(k, s)
            self.draw.text((cx, y + dy), c, font=f, fill=fill, anchor="ls")
            top_all = min(top_all, y + dy + top * s)
            bot_all = max(bot_all, y + dy + bot * s)
            cx += f.getlength(c) * rng.uniform(0.78, 0.95)
        poly = rect(x, top_all, cx, bot_all)
        if meta is not None:
            self.add_item(meta["kind"], meta["owner"], meta.get("text", text), poly,
                          tuple(meta.get("tags", ())) + ("handwritten",))
        self.ink.append(poly)
        return cx

    # -- photos ----------------------------------------------------------------------------------
    def photo(self, x, y, w, h, face_file, owner="applicant", grey=False, tone=1.0):
        """Paste a face photo filling the box (px). Adds the eyes band (applicant) or the face
        (other)."""
        im, (eye_l, eye_r) = load_face(face_file)
        ih, iw = im.shape[:2]
        sc = max(w / iw, h / ih)
        # keep the eyes at about 42 % of the box height
        ey = (eye_l[1] + eye_r[1]) / 2 * sc
        oy = min(max(ey - 0.42 * h, 0), ih * sc - h)
        ox = (iw * sc - w) / 2
        M = np.array([[sc, 0, -ox], [0, sc, -oy]], np.float32)
        wi, hi = int(round(w)), int(round(h))
        out = cv2.warpAffine(im, M, (wi, hi), flags=cv2.INTER_AREA if sc < 1 else cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REPLICATE)
        if grey:
            g = cv2.cvtColor(out, cv2.COLOR_RGB2GRAY)
            out = np.dstack([g, g, g])
        if tone != 1.0:
            out = (255 - (255 - out.astype(np.float32)) * tone).astype(np.uint8)
        xi, yi = int(round(x)), int(round(y))
        self.img.paste(Image.fromarray(out), (xi, yi))
        L = np.array([eye_l[0] * sc - ox + xi, eye_l[1] * sc - oy + yi])
        R = np.array([eye_r[0] * sc - ox + xi, eye_r[1] * sc - oy + yi])
        c = (L + R) / 2
        d = float(np.linalg.norm(R - L))
        ang = math.degrees(math.atan2(R[1] - L[1], R[0] - L[0]))
        if owner == "applicant":
            band = cv2.boxPoints(((c[0], c[1]), (2.0 * d, 1.0 * d), ang))
            self.add_item("eyes", "applicant", None, band, ())
        else:
            u = (R - L) / max(d, 1e-6)
            v = np.array([-u[1], u[0]])
            fc = c + v * 0.55 * d
            box = cv2.boxPoints(((fc[0], fc[1]), (2.6 * d, 3.3 * d), ang))
            self.add_item("face", "other", None, box, ())
        return (xi, yi, xi + wi, yi + hi)

    # -- stamps ----------------------------------------------------------------------------------
    def stamp(self, cx, cy, alpha, colour, kind_owner, text, outline, tags):
        """Queue an ink patch (float alpha HxW) centred at (cx, cy) px and its item."""
        h, w = alpha.shape
        x0, y0 = int(round(cx - w / 2)), int(round(cy - h / 2))
        self.stamps.append((x0, y0, alpha, colour))
        kind, owner = kind_owner
        poly = [(px + x0, py + y0) for px, py in outline]
        return self.add_item(kind, owner, text, poly, tags)

    def finish(self) -> np.ndarray:
        """Return the page as RGB uint8 with the stamps multiplied in (ink over the print)."""
        a = np.asarray(self.img).copy()
        for x0, y0, alpha, colour in self.stamps:
            h, w = alpha.shape
            X0, Y0 = max(x0, 0), max(y0, 0)
            X1, Y1 = min(x0 + w, self.W), min(y0 + h, self.H)
            if X1 <= X0 or Y1 <= Y0:
                continue
            al = alpha[Y0 - y0:Y1 - y0, X0 - x0:X1 - x0][..., None]
            if isinstance(colour, str) and colour == "emboss":
                reg = a[Y0:Y1, X0:X1].astype(np.float32)
                reg += al * 1.0
                a[Y0:Y1, X0:X1] = np.clip(reg, 0, 255).astype(np.uint8)
                continue
            col = np.array(colour, np.float32) / 255.0
            reg = a[Y0:Y1, X0:X1].astype(np.float32)
            reg *= 1.0 - al * (1.0 - col)
            a[Y0:Y1, X0:X1] = reg.astype(np.uint8)
        return a


@lru_cache(maxsize=16)
def _load_face(name):
    im = cv2.imread(os.path.join(DATA, "faces", name), cv2.IMREAD_COLOR)
    return cv2.cvtColor(im, cv2.COLOR_BGR2RGB)


@lru_cache(maxsize=1)
def _eyes():
    with open(os.path.join(DATA, "faces", "eyes.json"), encoding="utf-8") as fh:
        return json.load(fh)


def load_face(name):
    e = _eyes()[name]
    return _load_face(name), (e["left"], e["right"])


# ------------------------------------------------------------------------------------------------
# Seals
# ------------------------------------------------------------------------------------------------

def _glyph(ch, key, px, stroke=0):
    f = font(key, px)
    w, h = int(px * 1.3) + 2 * stroke, int(px * 1.3) + 2 * stroke
    im = Image.new("L", (w, h), 0)
    ImageDraw.Draw(im).text((w / 2, h / 2), ch, font=f, fill=255, anchor="mm", stroke_width=stroke,
                            stroke_fill=255)
    return np.asarray(im)


def _paste_max(dst, src, cx, cy):
    h, w = src.shape
    x0, y0 = int(round(cx - w / 2)), int(round(cy - h / 2))
    X0, Y0, X1, Y1 = max(x0, 0), max(y0, 0), min(x0 + w, dst.shape[1]), min(y0 + h, dst.shape[0])
    if X1 > X0 and Y1 > Y0:
        np.maximum(dst[Y0:Y1, X0:X1], src[Y0 - y0:Y1 - y0, X0 - x0:X1 - x0], out=dst[Y0:Y1, X0:X1])


def _char_at(mask, ch, key, h_px, w_scale, cx, cy, angle_deg, stroke=0):
    """Render ch with height h_px, squeezed horizontally by w_scale, rotated clockwise by
    angle_deg (its top turned that way), centred at (cx, cy)."""
    g = _glyph(ch, key, h_px, stroke)
    gh, gw = g.shape
    M = cv2.getRotationMatrix2D((gw / 2, gh / 2), -angle_deg, 1.0)
    M[:, :2] = M[:, :2] @ np.diag([w_scale, 1.0])
    M[0, 2] = gw / 2 - (M[0, 0] * gw / 2 + M[0, 1] * gh / 2)
    M[1, 2] = gh / 2 - (M[1, 0] * gw / 2 + M[1, 1] * gh / 2)
    r = cv2.warpAffine(g, M, (gw, gh), flags=cv2.INTER_LINEAR)
    _paste_max(mask, r, cx, cy)


def _star(mask, cx, cy, r):
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.382
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    cv2.fillPoly(mask, [np.round(np.array(pts) * 16).astype(np.int32)], 255, cv2.LINE_AA, shift=4)


def round_seal(page: Page, name: str, d_mm=42.0, sub: str | None = None, code: str | None = None,
               key="song"):
    """Alpha mask (uint8) of a round official seal and its outline (relative points)."""
    s = page.s
    D = d_mm * s
    R = D / 2
    size = int(math.ceil(D + 6))
    m = np.zeros((size, size), np.uint8)
    c = size / 2
    ring = page.rng.uniform(1.0, 1.5) * s
    cv2.circle(m, (int(c * 16), int(c * 16)), int((R - ring / 2) * 16), 255, int(round(ring)),
               cv2.LINE_AA, shift=4)
    n = len(name)
    span = min(270.0, max(150.0, 95 + 11.5 * n)) if n < 14 else page.rng.uniform(245, 270)
    ch_h = D * (0.21 if n <= 10 else 0.185 if n <= 15 else 0.165)
    r_txt = R - ring - ch_h * 0.62
    step = span / n
    arc_w = r_txt * math.radians(step)
    w_scale = min(1.0, 0.92 * arc_w / ch_h)
    for i, ch in enumerate(name):
        th = -span / 2 + step * (i + 0.5)
        a = math.radians(th)
        _char_at(m, ch, key, ch_h, w_scale, c + r_txt * math.sin(a), c - r_txt * math.cos(a), th,
                 stroke=max(1, int(ch_h / 40)))
    _star(m, c, c, D * page.rng.uniform(0.16, 0.19))
    if sub:
        sh = D * 0.12
        tw = min(D * 0.56, sh * len(sub))
        sc = min(1.0, tw / (sh * len(sub)))
        for i, ch in enumerate(sub):
            _char_at(m, ch, key, sh, sc, c - tw / 2 + (i + 0.5) * tw / len(sub), c + D * 0.27, 0.0,
                     stroke=1)
    if code:
        ch = D * 0.065
        cspan = 70.0
        st = cspan / len(code)
        rc = R - ring - ch * 0.9
        for i, d in enumerate(code):
            th = 180 + cspan / 2 - st * (i + 0.5)   # left to right along the bottom, tops inward
            a = math.radians(th)
            _char_at(m, d, "hei", ch, 0.8, c + rc * math.sin(a), c - rc * math.cos(a), th - 180)
    outline = [(c + R * math.cos(t), c + R * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 48, endpoint=False)]
    tags = ("long_ring",) if n >= 15 else ()
    return m, outline, tags


def oval_seal(page: Page, name: str, middle: str, bottom: str = "发票专用章", w_mm=40.0, h_mm=30.0,
              key="song"):
    s = page.s
    A, B = w_mm * s / 2, h_mm * s / 2
    W, H = int(math.ceil(2 * A + 6)), int(math.ceil(2 * B + 6))
    m = np.zeros((H, W), np.uint8)
    cx, cy = W / 2, H / 2
    ring = page.rng.uniform(1.0, 1.3) * s
    cv2.ellipse(m, (int(cx * 16), int(cy * 16)), (int((A - ring / 2) * 16), int((B - ring / 2) * 16)),
                0, 0, 360, 255, int(round(ring)), cv2.LINE_AA, shift=4)
    n = len(name)
    ch_h = 2 * B * 0.2
    span = min(200.0, 90 + 8 * n)
    a_t, b_t = A - ring - ch_h * 0.62, B - ring - ch_h * 0.62
    # place by arc length along the ellipse
    ts = np.linspace(-math.radians(span / 2), math.radians(span / 2), 400)
    xs, ys = a_t * np.sin(ts), -b_t * np.cos(ts)
    seg = np.hypot(np.diff(xs), np.diff(ys))
    cum = np.concatenate([[0], np.cumsum(seg)])
    L = cum[-1]
    w_scale = min(1.0, 0.9 * (L / n) / ch_h)
    for i, ch in enumerate(name):
        target = L * (i + 0.5) / n
        t = np.interp(target, cum, ts)
        x, y = a_t * math.sin(t), -b_t * math.cos(t)
        nx, ny = math.sin(t) / a_t, -math.cos(t) / b_t      # outward normal direction (unnormalised)
        ang = math.degrees(math.atan2(nx, -ny))
        _char_at(m, ch, key, ch_h, w_scale, cx + x, cy + y, ang, stroke=1)
    mh = 2 * B * 0.13
    mw = min(2 * A * 0.68 / len(middle), mh * 0.62)
    for i, ch in enumerate(middle):
        _char_at(m, ch, "hei", mh, mw / (mh * 0.62) * 0.62, cx - mw * len(middle) / 2 + mw * (i + 0.5),
                 cy + mh * 0.15, 0)
    bh = 2 * B * 0.15
    for i, ch in enumerate(bottom):
        _char_at(m, ch, key, bh, 0.95, cx - bh * len(bottom) / 2 + bh * (i + 0.5), cy + B * 0.55, 0, stroke=1)
    outline = [(cx + A * math.cos(t), cy + B * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 48, endpoint=False)]
    return m, outline, ("oval",)


def square_seal(page: Page, text: str, mm=22.0, key="song", relief=False):
    """A square seal of 4-9 characters in a grid read top-down, right column first."""
    s = page.s
    S = mm * s
    size = int(math.ceil(S + 6))
    m = np.zeros((size, size), np.uint8)
    o = (size - S) / 2
    bw = max(2, int(round(page.rng.uniform(0.9, 1.6) * s)))
    n = len(text)
    cols = 2 if n <= 4 else 3 if n <= 9 else 3
    rows = int(math.ceil(n / cols))
    inner = S - 2 * bw - 0.12 * S
    cw, chh = inner / cols, inner / rows
    if relief:   # white characters on red
        cv2.rectangle(m, (int(o), int(o)), (int(o + S), int(o + S)), 255, -1)
        cm = np.zeros_like(m)
    else:
        cv2.rectangle(m, (int(o + bw / 2), int(o + bw / 2)), (int(o + S - bw / 2), int(o + S - bw / 2)), 255, bw)
        cm = m
    start = o + bw + 0.06 * S
    for i, ch in enumerate(text):
        col = cols - 1 - i // rows
        row = i % rows
        _char_at(cm, ch, key, chh * 0.98, min(1.0, cw / chh), start + (col + 0.5) * cw, start + (row + 0.5) * chh, 0,
                 stroke=max(1, int(chh / 30)))
    if relief:
        m = np.where(cm > 0, 0, m).astype(np.uint8)
    outline = [(o, o), (o + S, o), (o + S, o + S), (o, o + S)]
    return m, outline, ("square",)


def ink(page: Page, mask: np.ndarray, faded=False, incomplete=False, angle=0.0, strength=None):
    """Rotate the mask and turn it into an uneven ink alpha (float32 0..1).
    Returns alpha and the rotation matrix applied (2x3, about the mask centre, same size)."""
    rng = page.rng
    h, w = mask.shape
    M = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    mk = cv2.warpAffine(mask, M, (w, h), flags=cv2.INTER_LINEAR)
    a = mk.astype(np.float32) / 255.0
    # low-frequency density variation + fine holes
    lo = rng.uniform(0.0, 1.0, (6, 6)).astype(np.float32)
    lo = cv2.resize(lo, (w, h), interpolation=cv2.INTER_CUBIC)
    base = strength if strength is not None else (rng.uniform(0.35, 0.6) if faded else rng.uniform(0.75, 0.95))
    dens = np.clip(base + (lo - 0.5) * (0.7 if faded else 0.35), 0.0, 1.0)
    fine = rng.uniform(0.0, 1.0, (max(2, h // 3), max(2, w // 3))).astype(np.float32)
    fine = cv2.resize(fine, (w, h), interpolation=cv2.INTER_LINEAR)
    holes = np.clip((fine - (0.18 if faded else 0.08)) * 6, 0, 1)
    a = a * dens * holes
    if incomplete:
        t = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        proj = ((xx - w / 2) * math.cos(t) + (yy - h / 2) * math.sin(t)) / (max(w, h) / 2)
        a *= np.clip((rng.uniform(0.35, 0.7) - proj) * 3.0, 0.0, 1.0)
    a = cv2.GaussianBlur(a, (0, 0), max(0.4, page.s * 0.05))
    return np.clip(a, 0, 1), M


def rotate_outline(outline, M):
    pts = np.array(outline, np.float64)
    return (pts @ M[:, :2].T + M[:, 2]).tolist()


SEAL_RED = [(205, 25, 35), (220, 40, 40), (190, 20, 45), (228, 50, 60)]
SEAL_PINK = [(235, 110, 130), (240, 130, 140), (225, 95, 120)]
SEAL_PURPLE = [(165, 45, 110), (150, 50, 120)]


def seal_colour(rng, faded):
    if faded:
        return SEAL_PINK[int(rng.integers(len(SEAL_PINK)))]
    if rng.random() < 0.1:
        return SEAL_PURPLE[int(rng.integers(len(SEAL_PURPLE)))]
    return SEAL_RED[int(rng.integers(len(SEAL_RED)))]


def place_seal(page: Page, cx, cy, kind: str, owner: str, name: str, *, sub=None, code=None,
               middle=None, bottom="发票专用章", d_mm=None, faded=None, incomplete=None, angle=None,
               extra_tags=()):
    """Stamp a seal of `kind` (round/oval/square) centred at (cx, cy) px and record its item."""
    rng = page.rng
    key = "song" if rng.random() < 0.7 else "hei"
    if kind == "round":
        d = d_mm if d_mm is not None else float(np.clip(rng.normal(42, 1.5), 38, 45))
        mask, outline, tags = round_seal(page, name, d, sub=sub, code=code, key=key)
    elif kind == "oval":
        mask, outline, tags = oval_seal(page, name, middle or "91652801MA7X3K2L5Q", bottom=bottom, key=key)
    else:
        mask, outline, tags = square_seal(page, name, d_mm or float(rng.uniform(20, 25)), key=key,
                                          relief=rng.random() < 0.4)
    if faded is None:
        faded = rng.random() < 0.25
    if incomplete is None:
        incomplete = rng.random() < 0.2
    if angle is None:
        angle = float(rng.uniform(-30, 30)) if kind != "square" else float(rng.uniform(-8, 8))
    alpha, M = ink(page, mask, faded=faded, incomplete=incomplete, angle=angle)
    outline = rotate_outline(outline, M)
    tags = set(tags) | set(extra_tags)
    if faded:
        tags.add("faded")
    if incomplete:
        tags.add("incomplete")
    return page.stamp(cx, cy, alpha, seal_colour(rng, faded), ("seal", owner), name, outline, tags)


def embossed_seal(page: Page, cx, cy, name, d_mm=32.0):
    """A steel (embossed) seal: ring, text and star as a light relief, no ink."""
    mask, outline, tags = round_seal(page, name, d_mm, key="hei")
    m = mask.astype(np.float32) / 255.0
    m = cv2.GaussianBlur(m, (0, 0), page.s * 0.12)
    sh = max(1, int(round(page.s * 0.25)))
    relief = (np.roll(m, (-sh, -sh), (0, 1)) - np.roll(m, (sh, sh), (0, 1))) * 70.0 + m * 25.0
    return page.stamp(cx, cy, relief.astype(np.float32), "emboss", ("seal", "other"), name, outline,
                      {"embossed"})


def emblem(page: Page, cx, cy, r, colour=(200, 30, 30)):
    """A stylised national-emblem-like roundel (not a seal): outer rim, gate, five stars."""
    d = page.draw
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=max(2, int(r * 0.08)))
    d.ellipse([cx - r * 0.78, cy - r * 0.78, cx + r * 0.78, cy + r * 0.78], outline=colour,
              width=max(1, int(r * 0.04)))
    # gate
    d.rectangle([cx - r * 0.42, cy + r * 0.05, cx + r * 0.42, cy + r * 0.38], fill=colour)
    d.polygon([(cx - r * 0.5, cy + r * 0.05), (cx + r * 0.5, cy + r * 0.05), (cx, cy - r * 0.1)], fill=colour)
    for dx, dy, rr in [(0, -0.45, 0.2), (-0.36, -0.28, 0.09), (-0.2, -0.12, 0.09),
                       (0.2, -0.12, 0.09), (0.36, -0.28, 0.09)]:
        pts = []
        for j in range(10):
            a = -math.pi / 2 + j * math.pi / 5
            q = r * rr if j % 2 == 0 else r * rr * 0.38
            pts.append((cx + dx * r + q * math.cos(a), cy + dy * r + q * math.sin(a)))
        d.polygon(pts, fill=colour)
    # wheat ears
    for sgn in (-1, 1):
        for j in range(6):
            a = math.radians(200 - j * 22) if sgn < 0 else math.radians(-20 + j * 22)
            px_, py_ = cx + r * 0.66 * math.cos(a) * (1 if sgn > 0 else 1), cy - r * 0.66 * math.sin(a) * -1
            d.ellipse([px_ - r * 0.07, py_ - r * 0.11, px_ + r * 0.07, py_ + r * 0.11], fill=colour)
    page.add_item("emblem", "other", None, rect(cx - r, cy - r, cx + r, cy + r), ())
