"""Drawing primitives: a float ink canvas (multiplicative, so seals print over text), text runs
whose ink hull is measured from the rendered glyphs, handwriting, and seals."""

from __future__ import annotations

import math
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

F = "/usr/share/fonts/"
BODY_FONTS = [
    (F + "opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    (F + "opentype/noto/NotoSansCJK-Regular.ttc", 2),
    (F + "truetype/arphic/uming.ttc", 0),
    (F + "truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    (F + "truetype/wqy/wqy-zenhei.ttc", 0),
    (F + "truetype/wqy/wqy-microhei.ttc", 0),
    (F + "truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
]
BOLD_FONTS = [
    (F + "opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    (F + "opentype/noto/NotoSansCJK-Bold.ttc", 2),
    (F + "truetype/wqy/wqy-zenhei.ttc", 0),
    (F + "truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf", 0),
]
HAND_FONTS = [
    (F + "truetype/arphic/ukai.ttc", 0),
    (F + "truetype/arphic-gkai00mp/gkai00mp.ttf", 0),
    (F + "truetype/lxgw-wenkai/LXGWWenKai-Light.ttf", 0),
    (F + "truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
]
SEAL_FONTS = [
    (F + "opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    (F + "opentype/noto/NotoSansCJK-Bold.ttc", 2),
    (F + "truetype/arphic/uming.ttc", 0),
    (F + "truetype/wqy/wqy-zenhei.ttc", 0),
]

BLACK = (0.08, 0.08, 0.08)
RED_PRINT = (0.16, 0.13, 0.88)  # BGR transmission of red printing ink
BLUE_PEN = (0.45, 0.18, 0.12)
BLACK_PEN = (0.15, 0.13, 0.13)


@lru_cache(maxsize=256)
def font(spec, px: int):
    path, idx = spec
    return ImageFont.truetype(path, max(6, int(px)), index=idx)


def pick(rng, seq):
    return seq[int(rng.integers(len(seq)))]


def hull_of_mask(a: np.ndarray, x0: float, y0: float, thr=0.3):
    """Convex hull (page coords, pixel edges) of the ink pixels of alpha array a placed at x0,y0."""
    pts = cv2.findNonZero((a > thr).astype(np.uint8))
    if pts is None:
        return None
    h = cv2.convexHull(pts).reshape(-1, 2).astype(np.float32)
    corners = np.concatenate([h, h + (1, 0), h + (0, 1), h + (1, 1)])
    h2 = cv2.convexHull(np.ascontiguousarray(corners, np.float32).reshape(-1, 1, 2)).reshape(-1, 2)
    return h2 + np.array([x0, y0], np.float32)


class Canvas:
    def __init__(self, w_mm, h_mm, ppmm):
        self.ppmm = ppmm
        self.W = int(round(w_mm * ppmm))
        self.H = int(round(h_mm * ppmm))
        self.img = np.ones((self.H, self.W, 3), np.float32)
        self.items = []  # raw truth: dicts with kind owner text tags hull / poly

    def px(self, mm):
        return mm * self.ppmm

    def multiply(self, a, x, y, color, strength=1.0):
        x, y = int(round(x)), int(round(y))
        h, w = a.shape
        x0, y0, x1, y1 = max(0, x), max(0, y), min(self.W, x + w), min(self.H, y + h)
        if x1 <= x0 or y1 <= y0:
            return
        sub = a[y0 - y : y1 - y, x0 - x : x1 - x] * strength
        c = 1.0 - np.asarray(color, np.float32)
        self.img[y0:y1, x0:x1] *= 1.0 - sub[..., None] * c

    def fill(self, x0, y0, x1, y1, color):
        x0, y0 = int(round(x0)), int(round(y0))
        x1, y1 = max(int(round(x1)), x0 + 1), max(int(round(y1)), y0 + 1)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(self.W, x1), min(self.H, y1)
        if x1 > x0 and y1 > y0:
            self.img[y0:y1, x0:x1] *= np.asarray(color, np.float32)

    def hline(self, x0, x1, y, t, color=BLACK):
        self.fill(x0, y - t / 2, x1, y + t / 2, color)

    def vline(self, x, y0, y1, t, color=BLACK):
        self.fill(x - t / 2, y0, x + t / 2, y1, color)

    def add(self, kind, owner, text, tags, hull=None, poly=None):
        if hull is None and poly is None:
            return
        self.items.append(dict(kind=kind, owner=owner, text=text, tags=set(tags), hull=hull, poly=poly))

    # ---- printed text -------------------------------------------------------------------
    def text(self, x, y, s, fnt, color=BLACK, spacing=0.0, sx=1.0, strength=1.0):
        """Draw s with its baseline-left at (x, y) (px). spacing: extra px between characters;
        sx: horizontal squeeze. Returns (hull, advance)."""
        if not s:
            return None, 0.0
        adv = [fnt.getlength(ch) + spacing for ch in s]
        total = sum(adv) - spacing
        asc, desc = fnt.getmetrics()
        pad = 4
        wpx = int(math.ceil(total + 2 * pad + fnt.size * 0.3))
        im = Image.new("L", (wpx, asc + desc + 2 * pad), 0)
        d = ImageDraw.Draw(im)
        # character by character, so that the advance is exactly the sum of getlength (the
        # shaper would otherwise squeeze adjacent CJK punctuation)
        cx = pad
        for ch, a in zip(s, adv, strict=True):
            d.text((cx, pad + asc), ch, font=fnt, fill=255, anchor="ls")
            cx += a
        a = np.asarray(im, np.float32) / 255.0
        if sx != 1.0:
            a = cv2.resize(a, (max(1, int(round(a.shape[1] * sx))), a.shape[0]), interpolation=cv2.INTER_AREA)
            total *= sx
        ox, oy = x - pad * sx, y - pad - asc
        ox_i, oy_i = int(round(ox)), int(round(oy))
        self.multiply(a, ox_i, oy_i, color, strength)
        return hull_of_mask(a, ox_i, oy_i), total

    def width(self, s, fnt, spacing=0.0):
        return sum(fnt.getlength(ch) + spacing for ch in s) - (spacing if s else 0)

    # ---- handwriting ----------------------------------------------------------------------
    def hand(self, x, y, s, fspec, size_px, rng, color=BLUE_PEN, pitch=0.95, thick=False):
        """Handwriting-like run: each character jittered in size, angle and baseline.
        Returns (hull, advance)."""
        n = len(s)
        if n == 0:
            return None, 0.0
        big = int(size_px * 1.4)
        W = int(big * (n + 1.5))
        Hh = int(big * 2.2)
        canvas = np.zeros((Hh, W), np.float32)
        cx = big * 0.3
        base = Hh * 0.65
        slant = rng.uniform(-4, 6)
        for ch in s:
            sc = rng.uniform(0.85, 1.15)
            f = font(fspec, int(size_px * sc))
            gw = int(f.size * 1.6)
            g = Image.new("L", (gw, gw), 0)
            ImageDraw.Draw(g).text((gw * 0.15, gw * 0.8), ch, font=f, fill=255, anchor="ls")
            g = g.rotate(rng.uniform(-7, 7) - slant * 0.3, resample=Image.BILINEAR, center=(gw / 2, gw / 2))
            ga = np.asarray(g, np.float32) / 255.0
            if thick:
                ga = cv2.dilate(ga, np.ones((2, 2), np.uint8))
            gx = int(cx)
            gy = int(base + rng.uniform(-0.08, 0.08) * size_px - gw * 0.8)
            h_, w_ = ga.shape
            gy = max(0, min(Hh - h_, gy))
            if gx + w_ > W:
                break
            canvas[gy : gy + h_, gx : gx + w_] = np.maximum(canvas[gy : gy + h_, gx : gx + w_], ga)
            adv = f.getlength(ch) if ch not in "·.•・ " else f.getlength(ch) * 0.8
            cx += adv * pitch * rng.uniform(0.92, 1.05)
        ox, oy = int(round(x - big * 0.3)), int(round(y - base))
        self.multiply(canvas, ox, oy, color, rng.uniform(0.85, 1.0))
        return hull_of_mask(canvas, ox, oy), cx - big * 0.3


# ---- seals ------------------------------------------------------------------------------
def _star(d, cx, cy, r, fill=255):
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.382
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=fill)


def _glyph(ch, f, sx=1.0):
    gw = int(f.size * 1.5)
    g = Image.new("L", (gw, gw), 0)
    ImageDraw.Draw(g).text((gw / 2, gw / 2), ch, font=f, fill=255, anchor="mm")
    if sx != 1.0:
        g = g.resize((max(1, int(gw * sx)), gw), Image.BILINEAR)
        g2 = Image.new("L", (gw, gw), 0)
        g2.paste(g, ((gw - g.size[0]) // 2, 0))
        g = g2
    return g


def round_seal(rng, name, ppmm, dia_mm, fspec, bottom=None, line=None, inner_ring=False):
    """Alpha mask (float) of a round official seal; returns (alpha, radius_px)."""
    R = dia_mm * ppmm / 2
    S = int(math.ceil(2 * R + 6))
    im = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(im)
    c = S / 2
    t = rng.uniform(1.0, 1.5) * ppmm
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=max(2, int(round(t))))
    if inner_ring:
        ri = R - t - 0.8 * ppmm
        d.ellipse([c - ri, c - ri, c + ri, c + ri], outline=255, width=max(1, int(round(0.25 * ppmm))))
    n = len(name)
    span = math.radians(rng.uniform(240, 270) if n >= 8 else rng.uniform(200, 250))
    if bottom:
        span = min(span, math.radians(250))
    ch_h = min(R * 0.30, (R * 0.62) * span / max(n, 1) * 1.25)
    ch_h = max(ch_h, R * 0.17)
    rr = R - t - ch_h * 0.72 - 0.4 * ppmm
    inner = rr - ch_h * 0.42  # the glyphs' inner edge is where neighbours touch first
    sx = min(1.0, max(0.4, inner * span / n / ch_h * 0.97))
    f = font(fspec, int(ch_h))
    for i, ch in enumerate(name):
        th = -span / 2 + span * (i + 0.5) / n  # 0 = top, clockwise positive
        g = _glyph(ch, f, sx).rotate(-math.degrees(th), resample=Image.BILINEAR)
        gx = c + rr * math.sin(th) - g.size[0] / 2
        gy = c - rr * math.cos(th) - g.size[1] / 2
        im.paste(255, (int(gx), int(gy)), g)
    self_line = bool(line)
    _star(
        d, c, c - (R * 0.05 if self_line else 0), R * (rng.uniform(0.2, 0.25) if self_line else rng.uniform(0.24, 0.3))
    )
    if line:
        fl = font(fspec, int(R * 0.17))
        wl = fl.getlength(line)
        sxl = min(1.0, (R * 0.8) / max(wl, 1))
        g = Image.new("L", (int(wl) + 8, int(fl.size * 1.5)), 0)
        ImageDraw.Draw(g).text((4, fl.size * 0.75), line, font=fl, fill=255, anchor="lm")
        if sxl < 1:
            g = g.resize((max(1, int(g.size[0] * sxl)), g.size[1]), Image.BILINEAR)
        im.paste(255, (int(c - g.size[0] / 2), int(c + R * 0.36 - g.size[1] / 2)), g)
    if bottom:
        fb = font(fspec, int(R * 0.11))
        m = len(bottom)
        bspan = math.radians(min(95 if line else 80, 6.5 * m))
        rb = R - t - fb.size * 0.9
        for i, ch in enumerate(bottom):
            th = math.pi + bspan / 2 - bspan * (i + 0.5) / m
            g = _glyph(ch, fb).rotate(-math.degrees(th) + 180, resample=Image.BILINEAR)
            gx = c + rb * math.sin(th) - g.size[0] / 2
            gy = c - rb * math.cos(th) - g.size[1] / 2
            im.paste(255, (int(gx), int(gy)), g)
    return np.asarray(im, np.float32) / 255.0, R


def oval_seal(rng, name, ppmm, fspec, line="专用章", middle=None):
    A, B = 20 * ppmm, 15 * ppmm
    W, H = int(2 * A + 6), int(2 * B + 6)
    im = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(im)
    cx, cy = W / 2, H / 2
    t = max(2, int(round(1.1 * ppmm)))
    d.ellipse([cx - A, cy - B, cx + A, cy + B], outline=255, width=t)
    n = len(name)
    span = math.radians(220)
    ch_h = min(B * 0.36, 2 * A * 1.3 / n)
    sx = 1.0 if n <= 12 else max(0.5, 12 / n)
    f = font(fspec, int(ch_h))
    for i, ch in enumerate(name):
        th = -span / 2 + span * (i + 0.5) / n
        px_ = cx + (A - t - ch_h * 0.7) * math.sin(th)
        py_ = cy - (B - t - ch_h * 0.7) * math.cos(th)
        # normal direction of the ellipse
        nx, ny = math.sin(th) / (A), -math.cos(th) / (B)
        ang = math.degrees(math.atan2(nx, -ny))
        g = _glyph(ch, f, sx).rotate(-ang, resample=Image.BILINEAR)
        im.paste(255, (int(px_ - g.size[0] / 2), int(py_ - g.size[1] / 2)), g)
    if middle:
        fm = font(fspec, int(B * 0.2))
        d.text((cx, cy), middle, font=fm, fill=255, anchor="mm")
    fl = font(fspec, int(B * 0.28))
    d.text((cx, cy + B * 0.55), line, font=fl, fill=255, anchor="mm")
    return np.asarray(im, np.float32) / 255.0, (A, B)


def square_seal(rng, chars, ppmm, side_mm, fspec):
    s = side_mm * ppmm
    S = int(math.ceil(s + 4))
    im = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(im)
    o = (S - s) / 2
    t = max(2, int(round(rng.uniform(0.8, 1.4) * ppmm)))
    inverted = rng.random() < 0.3
    if inverted:
        d.rectangle([o, o, o + s, o + s], fill=255)
    else:
        d.rectangle([o, o, o + s, o + s], outline=255, width=t)
    k = 2 if len(chars) <= 4 else 3
    cols = math.ceil(len(chars) / k)
    cell_w = (s - 2 * t) / cols
    cell_h = (s - 2 * t) / k
    f = font(fspec, int(min(cell_h, cell_w) * 0.95))
    # traditional order: right column first, top to bottom
    for i, ch in enumerate(chars):
        col = cols - 1 - i // k
        row = i % k
        cx = o + t + cell_w * (col + 0.5)
        cy = o + t + cell_h * (row + 0.5)
        g = _glyph(ch, f, sx=min(1.0, cell_w / cell_h * 1.05))
        g = g.resize((g.size[0], int(g.size[1] * min(1.25, cell_h / cell_w))), Image.BILINEAR)
        im.paste(0 if inverted else 255, (int(cx - g.size[0] / 2), int(cy - g.size[1] / 2)), g)
    return np.asarray(im, np.float32) / 255.0, s


def seal_texture(rng, a, faded=False, partial=False):
    """Blotchy ink: low-frequency strength field, speckle, optional fade-out on one side."""
    h, w = a.shape
    g = rng.uniform(0, 1, (6, 6)).astype(np.float32)
    field = cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)
    lo, hi = (0.4, 0.85) if faded else (0.65, 1.05)
    field = lo + (hi - lo) * field
    sp = (rng.uniform(0, 1, (max(2, h // 3), max(2, w // 3))) > (0.25 if faded else 0.08)).astype(np.float32)
    sp = cv2.resize(sp, (w, h), interpolation=cv2.INTER_LINEAR)
    out = a * np.clip(field, 0, 1) * (0.55 + 0.45 * sp)
    if partial:
        ang = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        proj = ((xx - w / 2) * math.cos(ang) + (yy - h / 2) * math.sin(ang)) / (max(w, h) / 2)
        cut = rng.uniform(0.1, 0.5)
        out *= np.clip((cut - proj) / 0.25, 0, 1)
    return out


def rotate_alpha(a, deg):
    h, w = a.shape
    M = cv2.getRotationMatrix2D((w / 2 - 0.5, h / 2 - 0.5), deg, 1.0)
    return cv2.warpAffine(a, M, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)


SEAL_COLORS = {
    "red": (0.22, 0.16, 0.90),
    "pink": (0.55, 0.45, 0.97),
    "purple": (0.55, 0.22, 0.62),
    "dark": (0.18, 0.12, 0.70),
}


def stamp(
    cv: Canvas, rng, a, cx, cy, shape, kind, owner, text, tags, color="red", faded=False, partial=False, rot=None
):
    """Rotate a seal mask, texture it, multiply it over the canvas centred at (cx, cy) and record
    its outline polygon. shape: ("disc", R) | ("oval", (A, B)) | ("square", s)."""
    if rot is None:
        rot = rng.uniform(-30, 30)
    a = seal_texture(rng, a, faded=faded, partial=partial)
    if shape[0] != "disc":
        big = int(max(a.shape) * 1.45)
        pad = np.zeros((big, big), np.float32)
        oy, ox = (big - a.shape[0]) // 2, (big - a.shape[1]) // 2
        pad[oy : oy + a.shape[0], ox : ox + a.shape[1]] = a
        a = pad
    a = rotate_alpha(a, rot)
    h, w = a.shape
    x0, y0 = int(round(cx - w / 2)), int(round(cy - h / 2))
    strength = rng.uniform(0.6, 0.85) if faded else rng.uniform(0.85, 1.0)
    cv.multiply(a, x0, y0, SEAL_COLORS[color], strength)
    ccx, ccy = x0 + w / 2, y0 + h / 2
    th = math.radians(-rot)  # image coords, y down: cv2 rotates CCW for positive angle
    cs, sn = math.cos(th), math.sin(th)
    if shape[0] == "disc":
        R = shape[1]
        pts = [(ccx + R * math.cos(2 * math.pi * k / 48), ccy + R * math.sin(2 * math.pi * k / 48)) for k in range(48)]
    elif shape[0] == "oval":
        A, B = shape[1]
        pts = []
        for k in range(48):
            u, v = A * math.cos(2 * math.pi * k / 48), B * math.sin(2 * math.pi * k / 48)
            pts.append((ccx + u * cs - v * sn, ccy + u * sn + v * cs))
    else:
        s = shape[1] / 2
        pts = [(ccx + u * cs - v * sn, ccy + u * sn + v * cs) for u, v in ((-s, -s), (s, -s), (s, s), (-s, s))]
    tg = set(tags)
    if faded:
        tg.add("faded")
    if partial:
        tg.add("incomplete")
    if color == "pink":
        tg.add("pink")
    if shape[0] == "oval":
        tg.add("oval")
    if shape[0] == "square":
        tg.add("square")
    cv.add(kind, owner, text, tg, poly=np.array(pts, np.float32))
