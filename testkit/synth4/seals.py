"""Seal drawing: round official seals (star, ring text, optional 专用章 line), square name seals."""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image, ImageDraw

from .canvas import INK_T, pil_font

SEAL_FONTS = ["sansb", "serifb", "zenhei", "uming", "microhei"]


def _star(draw, cx, cy, r, fill=255):
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.382
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(pts, fill=fill)


def round_seal(text, font_key, rng, sub=None, number=None, S=640):
    """Ink mask (float32 0..1), S x S, disc of diameter ~0.96 S centred."""
    im = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(im)
    c = S / 2
    R = S * 0.48
    ring = S * rng.uniform(0.026, 0.036)
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=int(ring))
    _star(d, c, c, S * rng.uniform(0.15, 0.18))
    n = len(text)
    span = min(272.0, max(190.0, 16.0 * n + 50)) if n > 4 else 150.0
    span = math.radians(span)
    ch_h = S * (0.17 if n <= 10 else 0.155 if n <= 15 else 0.14)
    r_t = R - ring - S * 0.02 - ch_h / 2
    arc_per = r_t * span / n
    squeeze = min(1.0, arc_per * 0.93 / ch_h)
    f = pil_font(font_key, ch_h)
    for k, ch in enumerate(text):
        th = -span / 2 + span * (k + 0.5) / n  # from top, clockwise
        g = Image.new("L", (int(ch_h * 1.5), int(ch_h * 1.5)), 0)
        ImageDraw.Draw(g).text((g.width / 2, g.height / 2), ch, font=f, fill=255, anchor="mm")
        if squeeze < 1.0:
            g = g.resize((max(1, int(g.width * squeeze)), g.height), Image.BILINEAR)
        g = g.rotate(-math.degrees(th), resample=Image.BILINEAR, expand=True)
        px = c + r_t * math.sin(th) - g.width / 2
        py = c - r_t * math.cos(th) - g.height / 2
        im.paste(255, (int(px), int(py)), g)
    if sub:
        fs = S * 0.1
        f2 = pil_font(font_key, fs)
        w = f2.getlength(sub)
        sq = min(1.0, S * 0.52 / max(1, w))
        g = Image.new("L", (int(w) + 4, int(fs * 1.4)), 0)
        ImageDraw.Draw(g).text((2, g.height / 2), sub, font=f2, fill=255, anchor="lm")
        if sq < 1:
            g = g.resize((max(1, int(g.width * sq)), g.height), Image.BILINEAR)
        im.paste(255, (int(c - g.width / 2), int(c + S * 0.25 - g.height / 2)), g)
    if number:
        fs = S * 0.055
        f2 = pil_font("sans", fs)
        m = len(number)
        sp = math.radians(min(100, 7 * m))
        r_n = R - ring - S * 0.05
        for k, ch in enumerate(number):
            th = math.pi + sp / 2 - sp * (k + 0.5) / m
            g = Image.new("L", (int(fs * 1.4), int(fs * 1.4)), 0)
            ImageDraw.Draw(g).text((g.width / 2, g.height / 2), ch, font=f2, fill=255, anchor="mm")
            g = g.rotate(-math.degrees(th) + 180, resample=Image.BILINEAR, expand=True)
            im.paste(255, (int(c + r_n * math.sin(th) - g.width / 2), int(c - r_n * math.cos(th) - g.height / 2)), g)
    return np.asarray(im, np.float32) / 255.0, R / S


def square_seal(text, font_key, rng, S=400):
    im = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(im)
    b = S * 0.04
    th = S * rng.uniform(0.05, 0.07)
    d.rectangle([b, b, S - b, S - b], outline=255, width=int(th))
    chars = list(text)
    if len(chars) == 2:
        chars = [chars[0], "印", chars[1], "之"] if rng.random() < 0.5 else chars + ["之", "印"]
        chars = [chars[2], chars[0], chars[3], chars[1]] if len(chars) == 4 else chars
    n = len(chars)
    cols = 2 if n <= 4 else 3
    rows = math.ceil(n / cols)
    inner = S - 2 * (b + th) - S * 0.04
    cw, chh = inner / cols, inner / rows
    f = pil_font(font_key, min(cw, chh) * 0.95)
    # traditional order: right column first, top to bottom
    for k, ch in enumerate(chars):
        col = cols - 1 - k // rows
        row = k % rows
        x = b + th + S * 0.02 + cw * (col + 0.5)
        y = b + th + S * 0.02 + chh * (row + 0.5)
        g = Image.new("L", (int(cw * 1.3), int(chh * 1.3)), 0)
        ImageDraw.Draw(g).text((g.width / 2, g.height / 2), ch, font=f, fill=255, anchor="mm")
        g = g.resize((max(1, int(cw)), max(1, int(chh))), Image.BILINEAR)
        im.paste(255, (int(x - g.width / 2), int(y - g.height / 2)), g)
    return np.asarray(im, np.float32) / 255.0


def texture(mask, rng, faded=False, incomplete=False):
    """Uneven stamp ink. Keeps every part of the ring at least faintly printed."""
    S = mask.shape[0]
    low = cv2.resize(rng.uniform(0.55, 1.0, (6, 6)).astype(np.float32), (S, S), interpolation=cv2.INTER_CUBIC)
    fine = cv2.GaussianBlur(rng.uniform(0.6, 1.0, (S, S)).astype(np.float32), (0, 0), S / 300)
    tex = np.clip(low, 0.5, 1.0) * np.clip(fine * 1.15, 0, 1)
    if faded:
        tex *= rng.uniform(0.55, 0.75)
    if incomplete:
        a = rng.uniform(0, 2 * np.pi)
        yy, xx = np.mgrid[0:S, 0:S].astype(np.float32) / S - 0.5
        g = (xx * math.cos(a) + yy * math.sin(a)) / 0.5  # -1..1 across the disc
        tex *= np.clip(1.0 - np.clip(g - 0.1, 0, 1) * 1.1, 0.28, 1.0)
    m = cv2.GaussianBlur(mask, (0, 0), max(0.6, S / 700)) * tex
    return np.clip(m * 1.1, 0, 1)


SEAL_COLORS = {
    "red": [(205, 30, 40), (220, 40, 50), (190, 25, 45), (230, 50, 45)],
    "pink": [(235, 105, 120), (240, 130, 140)],
    "purple": [(170, 40, 95)],
}


def stamp(
    canvas,
    mask,
    cx,
    cy,
    diam_px,
    rng,
    color,
    angle,
    item_kind="seal",
    text="",
    owner="other",
    tags=(),
    shape="round",
    aspect=1.0,
):
    """Scale mask to diam_px, rotate by angle (deg), multiply-blend centred at (cx, cy); record item."""
    mask.shape[0]
    size = max(8, int(round(diam_px / 0.96)))
    m = cv2.resize(mask, (size, int(round(size * aspect))), interpolation=cv2.INTER_AREA)
    h, w = m.shape
    pad = int(0.25 * max(h, w)) + 2
    big = np.zeros((h + 2 * pad, w + 2 * pad), np.float32)
    big[pad : pad + h, pad : pad + w] = m
    bc = (big.shape[1] / 2, big.shape[0] / 2)
    M = cv2.getRotationMatrix2D(bc, angle, 1.0)
    r = cv2.warpAffine(big, M, (big.shape[1], big.shape[0]), flags=cv2.INTER_LINEAR)
    x0 = int(round(cx - big.shape[1] / 2))
    y0 = int(round(cy - big.shape[0] / 2))
    canvas.blend(r, x0, y0, color, 1.0)
    ys, xs = np.nonzero(r >= INK_T / 255.0 * 0.5)
    if len(xs) == 0:
        return None
    hull = cv2.convexHull(np.stack([xs, ys], 1).astype(np.int32)).reshape(-1, 2).astype(np.float32)
    hull += (x0 + 0.5, y0 + 0.5)
    # outline polygon
    if shape == "square":
        half = size * 0.96 / 2
        loc = np.array([[-half, -half], [half, -half], [half, half], [-half, half]], np.float32)
    else:
        t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
        loc = np.stack([np.cos(t) * size * 0.48, np.sin(t) * size * 0.48 * aspect], 1).astype(np.float32)
    a = math.radians(-angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    poly = loc @ rot.T + (x0 + bc[0], y0 + bc[1])
    return canvas.add_item(item_kind, text, owner, hull, tags, poly=poly)
