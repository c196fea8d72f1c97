"""Seal drawing: round 公章 with ring text on the arc, star, 专用章 line, bottom number; oval;
square name seals; embossed steel seals. Ink texture, fading and missing parts."""

from __future__ import annotations

import math

import cv2
import numpy as np

from .core import Canvas, font, pick_font

RED = (206, 32, 40)
PINK = (232, 112, 128)
PURPLE = (168, 44, 112)


def _glyph(ch: str, fkey: str, h: int, w: int) -> np.ndarray:
    """One character's ink, scaled to w x h pixels (narrowed for long ring names)."""
    fkey = pick_font(fkey, ch)
    f = font(fkey, int(h * 1.15))
    m, off = f.getmask2(ch, anchor="ls")
    arr = np.asarray(m, dtype=np.uint8).reshape(m.size[1], m.size[0]) if m.size[0] else np.zeros((1, 1), np.uint8)
    ys, xs = np.nonzero(arr > 30)
    if len(xs) == 0:
        return np.zeros((h, w), np.float32)
    arr = arr[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    ah, aw = arr.shape
    # keep the glyph's own proportions inside the cell, as engravers do for narrow signs like 一
    sh = min(h / ah, 10.0)
    tw = max(1, min(w, int(round(aw * sh * (w / h if aw > 0.6 * ah else 1.0)))))
    th = max(1, int(round(ah * sh))) if ah > 0.35 * aw else max(1, int(round(ah * w / aw)))
    g = cv2.resize(arr.astype(np.float32) / 255.0, (tw, min(th, h)), interpolation=cv2.INTER_AREA)
    out = np.zeros((h, w), np.float32)
    oy, ox = (h - g.shape[0]) // 2, (w - g.shape[1]) // 2
    out[oy : oy + g.shape[0], ox : ox + g.shape[1]] = g
    return out


def _put(mask: np.ndarray, g: np.ndarray, cx: float, cy: float, angle: float):
    """Rotate glyph g by angle degrees counter-clockwise and max it into mask centred at (cx, cy)."""
    h, w = g.shape
    diag = int(math.ceil(math.hypot(w, h))) + 2
    M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    M[0, 2] += diag / 2 - w / 2
    M[1, 2] += diag / 2 - h / 2
    r = cv2.warpAffine(g, M, (diag, diag), flags=cv2.INTER_LINEAR)
    x0, y0 = int(round(cx - diag / 2)), int(round(cy - diag / 2))
    H, W = mask.shape
    ax0, ay0, ax1, ay1 = max(0, x0), max(0, y0), min(W, x0 + diag), min(H, y0 + diag)
    if ax1 > ax0 and ay1 > ay0:
        sub = r[ay0 - y0 : ay1 - y0, ax0 - x0 : ax1 - x0]
        np.maximum(mask[ay0:ay1, ax0:ax1], sub, out=mask[ay0:ay1, ax0:ax1])


def _star(mask: np.ndarray, cx: float, cy: float, r: float):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = math.radians(90 + 36 * i)
        pts.append((cx + rr * math.cos(a), cy - rr * math.sin(a)))
    cv2.fillPoly(mask, [np.round(np.array(pts) * 8).astype(np.int32)], 1.0, lineType=cv2.LINE_AA, shift=3)


def _hline(mask: np.ndarray, text: str, fkey: str, cx: float, cy: float, h: int, maxw: float):
    n = len(text)
    cw = int(min(h * 0.95, maxw / n))
    for i, ch in enumerate(text):
        g = _glyph(ch, fkey, h, cw)
        _put(mask, g, cx + (i - (n - 1) / 2) * maxw / n if n * h > maxw else cx + (i - (n - 1) / 2) * h, cy, 0)


def round_mask(
    org: str,
    px_mm: float,
    rng: np.random.Generator,
    *,
    d_mm: float = 42.0,
    fkey: str = "song",
    line: str | None = None,
    number: str | None = None,
    span: float | None = None,
):
    """Ink mask (float 0..1, square) of a round official seal; its outer radius in px."""
    R = d_mm / 2 * px_mm
    size = int(math.ceil(2 * R + 6))
    c = size / 2
    mask = np.zeros((size, size), np.float32)
    t = rng.uniform(1.0, 1.5) * px_mm
    cv2.circle(mask, (int(c * 8), int(c * 8)), int((R - t / 2) * 8), 1.0, max(1, int(round(t))), cv2.LINE_AA, 3)
    if rng.random() < 0.15:
        # some bureaus' seals have a thin inner ring just inside the thick one
        ri = R - t - 0.8 * px_mm
        cv2.circle(mask, (int(c * 8), int(c * 8)), int(ri * 8), 1.0, max(1, int(round(0.35 * px_mm))), cv2.LINE_AA, 3)
        R_text = ri - 0.3 * px_mm
    else:
        R_text = R - t
    n = len(org)
    span = span or (rng.uniform(240, 270) if n > 6 else rng.uniform(170, 220))
    h = (0.205 if n < 13 else (0.17 if n < 17 else 0.15)) * d_mm * px_mm
    rt = R_text - 0.7 * px_mm - h / 2
    step = span / max(1, n - 1) if n > 1 else 0
    # neighbours must not touch at the glyphs' inner ends, where the arc is shortest
    cw = min(h * 0.95, math.radians(step) * (rt - 0.3 * h) * 0.92) if n > 1 else h
    for i, ch in enumerate(org):
        a = 90 + span / 2 - i * step
        g = _glyph(ch, fkey, int(h), max(2, int(cw)))
        _put(mask, g, c + rt * math.cos(math.radians(a)), c - rt * math.sin(math.radians(a)), a - 90)
    _star(mask, c, c - (0.02 * d_mm * px_mm if line else 0), 0.17 * d_mm * px_mm)
    if line:
        _hline(mask, line, fkey, c, c + 0.25 * d_mm * px_mm, int(0.095 * d_mm * px_mm), 0.5 * d_mm * px_mm)
    if number:
        hn = int(0.065 * d_mm * px_mm)
        rn = R - t - 0.6 * px_mm - hn / 2
        nspan = min(100, len(number) * 6.2)
        for i, ch in enumerate(number):
            a = 270 - nspan / 2 + i * nspan / max(1, len(number) - 1)
            g = _glyph(ch, "hei", hn, int(hn * 0.62))
            _put(mask, g, c + rn * math.cos(math.radians(a)), c - rn * math.sin(math.radians(a)), a - 270)
    return mask, R


def oval_mask(org: str, middle: str, bottom: str, px_mm: float, rng: np.random.Generator, fkey: str = "song"):
    a, b = 20 * px_mm, 15 * px_mm
    W, H = int(2 * a + 6), int(2 * b + 6)
    cx, cy = W / 2, H / 2
    mask = np.zeros((H, W), np.float32)
    t = 1.0 * px_mm
    cv2.ellipse(
        mask,
        (int(cx * 8), int(cy * 8)),
        (int((a - t / 2) * 8), int((b - t / 2) * 8)),
        0,
        0,
        360,
        1.0,
        max(1, int(round(t))),
        cv2.LINE_AA,
        3,
    )
    h = 4.2 * px_mm
    ai, bi = a - t - 0.5 * px_mm - h / 2, b - t - 0.5 * px_mm - h / 2
    n = len(org)
    span = 210 if n > 8 else 160
    for i, ch in enumerate(org):
        ang = math.radians(90 + span / 2 - i * span / max(1, n - 1))
        x, y = cx + ai * math.cos(ang), cy - bi * math.sin(ang)
        nrm = math.degrees(math.atan2(math.sin(ang) / bi, math.cos(ang) / ai))
        g = _glyph(ch, fkey, int(h), int(min(h, 2 * math.pi * ai * span / 360 / n * 0.85)))
        _put(mask, g, x, y, nrm - 90)
    if middle:
        hm = int(3.0 * px_mm)
        wm = int(hm * 0.55)
        for i, ch in enumerate(middle):
            _put(mask, _glyph(ch, "hei", hm, wm), cx + (i - (len(middle) - 1) / 2) * wm * 1.05, cy + 1.5 * px_mm, 0)
    if bottom:
        _hline(mask, bottom, fkey, cx, cy + 8.5 * px_mm, int(3.6 * px_mm), 18 * px_mm)
    poly = [(a * math.cos(2 * math.pi * k / 48), b * math.sin(2 * math.pi * k / 48)) for k in range(48)]
    return mask, poly


def square_mask(
    chars: str, px_mm: float, rng: np.random.Generator, side_mm: float = 22.0, fkey: str = "kai", intaglio: bool = False
):
    """Name seal: characters in columns read right to left, top to bottom."""
    s = side_mm * px_mm
    S = int(s + 6)
    mask = np.zeros((S, S), np.float32)
    o = 3
    t = max(2, int(0.9 * px_mm))
    if intaglio:
        cv2.rectangle(mask, (o, o), (int(o + s), int(o + s)), 1.0, -1)
    else:
        cv2.rectangle(mask, (o, o), (int(o + s), int(o + s)), 1.0, t)
    n = len(chars)
    cols = 2 if n <= 4 else 3
    rows = math.ceil(n / cols)
    cw, chh = (s - 2.5 * t) / cols, (s - 2.5 * t) / rows
    for i, ch in enumerate(chars):
        col, row = i // rows, i % rows
        x = o + s - 1.25 * t - (col + 0.5) * cw
        y = o + 1.25 * t + (row + 0.5) * chh
        g = _glyph(ch, fkey, int(chh * 0.9), int(cw * 0.9))
        if intaglio:
            sub = mask.copy() * 0
            _put(sub, g, x, y, 0)
            mask = np.clip(mask - sub, 0, 1)
        else:
            _put(mask, g, x, y, 0)
    half = s / 2
    return mask, [(-half, -half), (half, -half), (half, half), (-half, half)]


def _texture(mask: np.ndarray, rng: np.random.Generator, strength: float, faded: bool, incomplete: bool):
    """Uneven stamp pad ink: blotches, grain, a faded or un-pressed side."""
    H, W = mask.shape
    lo = rng.uniform(0, 1, (6, 6)).astype(np.float32)
    lo = cv2.resize(lo, (W, H), interpolation=cv2.INTER_CUBIC)
    grain = rng.uniform(0, 1, (max(2, H // 2), max(2, W // 2))).astype(np.float32)
    grain = cv2.resize(grain, (W, H), interpolation=cv2.INTER_LINEAR)
    level = (0.45 if faded else 0.82) + (0.25 if not faded else 0.25) * lo - 0.22 * (grain > 0.8)
    if incomplete:
        ang = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        proj = ((xx - W / 2) * math.cos(ang) + (yy - H / 2) * math.sin(ang)) / (W / 2)
        cut = rng.uniform(0.25, 0.6)
        level = level * np.clip((cut - proj) / 0.25 + 0.05, 0.0, 1.0)
    blurred = cv2.GaussianBlur(mask, (0, 0), 0.6)
    return np.clip(blurred * level * strength, 0, 1)


def _rotate(mask: np.ndarray, angle: float) -> np.ndarray:
    H, W = mask.shape
    M = cv2.getRotationMatrix2D((W / 2, H / 2), angle, 1.0)
    return cv2.warpAffine(mask, M, (W, H), flags=cv2.INTER_LINEAR)


def _rot_poly(poly, angle, cx, cy):
    t = math.radians(angle)
    c, s = math.cos(t), math.sin(t)
    return [(cx + x * c + y * s, cy - x * s + y * c) for x, y in poly]


def stamp(
    cv: Canvas,
    cx: float,
    cy: float,
    shape: str,
    org: str,
    owner: str,
    rng: np.random.Generator,
    *,
    line: str | None = None,
    number: str | None = None,
    ink: str = "red",
    fkey: str = "song",
    d_mm: float | None = None,
    faded: bool | None = None,
    incomplete: bool | None = None,
    angle: float | None = None,
    middle: str = "",
    bottom: str = "",
    text: str | None = None,
    record: bool = True,
):
    """Stamp a seal on the canvas (multiplied over the print) and record its outline."""
    tags: list[str] = []
    faded = bool(rng.random() < 0.22) if faded is None else faded
    incomplete = bool(rng.random() < 0.15) if incomplete is None else incomplete
    angle = float(rng.uniform(-30, 30)) if angle is None else angle
    if shape == "round":
        d_mm = d_mm or float(rng.choice([38, 40, 42, 42, 42, 45]))
        if number is None and line is None and len(org) <= 13 and rng.random() < 0.2:
            # newer seals carry the 13-digit seal code along the bottom
            number = "65" + "".join(str(int(v)) for v in rng.integers(0, 10, 11))
        mask, R = round_mask(org, cv.k, rng, d_mm=d_mm, fkey=fkey, line=line, number=number)
        mask = _rotate(mask, angle)
        poly = [(cx + R * math.cos(2 * math.pi * k / 48), cy + R * math.sin(2 * math.pi * k / 48)) for k in range(48)]
        if len(org) >= 15:
            tags.append("long_ring")
    elif shape == "oval":
        mask, p = oval_mask(org, middle, bottom, cv.k, rng, fkey)
        angle = angle / 3
        mask = _rotate(mask, angle)
        poly = _rot_poly(p, angle, cx, cy)
        tags.append("oval")
    else:
        mask, p = square_mask(
            org, cv.k, rng, side_mm=d_mm or float(rng.uniform(20, 25)), fkey=fkey, intaglio=bool(rng.random() < 0.4)
        )
        angle = angle / 6
        mask = _rotate(mask, angle)
        poly = _rot_poly(p, angle, cx, cy)
        tags.append("square")
    H, W = mask.shape
    x0, y0 = int(round(cx - W / 2)), int(round(cy - H / 2))
    if ink == "emboss":
        tags.append("embossed")
        soft = cv2.GaussianBlur(mask, (0, 0), 1.2 * cv.k / 11.8)
        relief = np.roll(soft, (2, 2), (0, 1)) - np.roll(soft, (-2, -2), (0, 1))
        cv.emboss(relief, x0, y0)
    else:
        if ink == "red":
            rgb = PINK if faded else (PURPLE if rng.random() < 0.12 else RED)
            rgb = tuple(int(np.clip(v + rng.integers(-12, 12), 0, 255)) for v in rgb)
            tags.append("red")
        else:
            rgb = (70, 70, 70)
        if faded:
            tags.append("faded")
        if incomplete:
            tags.append("incomplete")
        a = _texture(mask, rng, 0.97, faded, incomplete)
        cv.paint(a, rgb, x0, y0, multiply=True)
    if record:
        return cv.add("seal", text if text is not None else org, owner, poly, tags)
    return None
