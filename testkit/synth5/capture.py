"""Capture simulation for synth5: flatbed scan, grey photocopy, phone photo, quarter turns.
All geometry is one 3x3 matrix so truth points follow the pixels exactly."""

from __future__ import annotations

import math

import cv2
import numpy as np

from .render import Item, Raw


def _noise(img, rng, sigma):
    """Additive sensor noise from a random tile (fast, deterministic); returns uint8."""
    h, w = img.shape[:2]
    tile = np.round(rng.normal(0, sigma, (509, 503, 1))).astype(np.int16)
    oy, ox = int(rng.integers(0, 509)), int(rng.integers(0, 503))
    reps = ((h + oy) // 509 + 1, (w + ox) // 503 + 1, 1)
    n = np.tile(tile, reps)[oy : oy + h, ox : ox + w]
    return np.clip(img.astype(np.int16) + n, 0, 255).astype(np.uint8)


def scan(rgb, rng, paper):
    h, w = rgb.shape[:2]
    ang = float(rng.uniform(-2, 2)) if rng.random() < 0.6 else float(rng.uniform(-0.3, 0.3))
    M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
    out = cv2.warpAffine(rgb, M, (w, h), flags=cv2.INTER_LINEAR, borderValue=tuple(int(v) for v in paper))
    out = _noise(out, rng, rng.uniform(1.5, 3.5))
    if rng.random() < 0.2:  # dark scanner border on one side
        bw = int(rng.integers(4, max(6, w // 60)))
        side = rng.integers(4)
        if side == 0:
            out[:, :bw] //= 4
        elif side == 1:
            out[:, -bw:] //= 4
        elif side == 2:
            out[:bw] //= 4
        else:
            out[-bw:] //= 4
    if rng.random() < 0.4:
        out = cv2.GaussianBlur(out, (0, 0), 0.6)
    H = np.vstack([M, [0, 0, 1]])
    return np.clip(out, 0, 255).astype(np.uint8), H, abs(ang) > 0.5


def grey(rgb, rng, paper):
    out, H, skew = scan(rgb, rng, paper)
    g = cv2.cvtColor(out, cv2.COLOR_RGB2GRAY).astype(np.float32)
    gain, off = rng.uniform(0.85, 1.0), rng.uniform(-25, -5)
    g = g * gain + off
    h, w = g.shape
    spots = rng.random((h, w)) < rng.uniform(0.0005, 0.002)
    g[spots] = rng.uniform(20, 120)
    shade = np.linspace(rng.uniform(0.85, 1.0), rng.uniform(0.9, 1.0), w, dtype=np.float32)[None, :]
    g = g * shade
    g = np.clip(g, 0, 255).astype(np.uint8)
    return cv2.cvtColor(g, cv2.COLOR_GRAY2RGB), H, skew


def phone(rgb, rng):
    h, w = rgb.shape[:2]
    s = rng.uniform(0.6, 0.85)
    ow, oh = int(w * s * rng.uniform(1.15, 1.3)), int(h * s * rng.uniform(1.1, 1.22))
    pw, ph = w * s, h * s
    ox, oy = (ow - pw) / 2, (oh - ph) / 2
    j = 0.05 * pw
    dst = np.float32([[ox, oy], [ox + pw, oy], [ox + pw, oy + ph], [ox, oy + ph]])
    dst += rng.uniform(-j, j, (4, 2)).astype(np.float32)
    if rng.random() < 0.6:  # keystone: top narrower
        k = rng.uniform(0.02, 0.07) * pw
        dst[0, 0] += k
        dst[1, 0] -= k
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    H = cv2.getPerspectiveTransform(src, dst)
    base = np.array([rng.uniform(90, 170), rng.uniform(70, 140), rng.uniform(40, 110)], np.float32)
    bg = np.ones((oh, ow, 3), np.float32) * base
    grain = cv2.resize(rng.normal(0, 14, (oh // 24 + 1, ow // 6 + 1)).astype(np.float32), (ow, oh))
    bg += grain[..., None] + rng.normal(0, 4, (oh, ow, 1)).astype(np.float32)
    bg = np.clip(bg, 0, 255).astype(np.uint8)
    out = cv2.warpPerspective(
        rgb,
        H,
        (ow, oh),
        dst=bg,
        flags=cv2.INTER_AREA if s < 0.7 else cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    ).astype(np.float32)
    # lighting: radial falloff + a soft hand/phone shadow across part of the page
    yy, xx = np.mgrid[0:oh, 0:ow].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * ow, rng.uniform(0.2, 0.8) * oh
    rad = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / math.hypot(ow, oh)
    light = 1.05 - rng.uniform(0.15, 0.35) * rad
    th = rng.uniform(0, 2 * math.pi)
    d = (xx - rng.uniform(0.3, 0.7) * ow) * math.cos(th) + (yy - rng.uniform(0.3, 0.7) * oh) * math.sin(th)
    soft = rng.uniform(0.03, 0.1) * ow
    shadow = 1 - rng.uniform(0.2, 0.42) / (1 + np.exp(-d / soft))
    out *= (light * shadow)[..., None]
    out *= np.array([rng.uniform(0.95, 1.05), 1.0, rng.uniform(0.88, 1.0)], np.float32)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.2))
    out = _noise(out, rng, rng.uniform(2, 5)).astype(np.uint8)
    q = int(rng.integers(50, 80))
    ok, enc = cv2.imencode(".jpg", out[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, q])
    out = cv2.imdecode(enc, cv2.IMREAD_COLOR)[..., ::-1]
    page_w = (np.linalg.norm(dst[1] - dst[0]) + np.linalg.norm(dst[2] - dst[3])) / 2
    return out, H, page_w


def rot_matrix(k, w, h):
    """Matrix of np.rot90(img, k) on pixel index coordinates."""
    M = np.eye(3)
    for _ in range(k):
        step = np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], float)
        M = step @ M
        w, h = h, w
    return M


def _map(H, pts):
    p = np.hstack([pts, np.ones((len(pts), 1))]) @ H.T
    return p[:, :2] / p[:, 2:3]


def items_from_raws(raws: list[Raw], H, w, h, extra_tags):
    out = []
    for r in raws:
        pts = _map(H, np.asarray(r.points, float))
        x0, y0 = int(math.floor(pts[:, 0].min() + 0.5)), int(math.floor(pts[:, 1].min() + 0.5))
        x1, y1 = int(math.floor(pts[:, 0].max() + 0.5)) + 1, int(math.floor(pts[:, 1].max() + 0.5)) + 1
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if x1 <= x0 or y1 <= y0:
            continue
        if r.kind == "seal":
            poly = [(float(x), float(y)) for x, y in pts]
        else:
            a0, b0, a1, b1 = r.rect
            cr = np.array([[a0 - 0.5, b0 - 0.5], [a1 + 0.5, b0 - 0.5], [a1 + 0.5, b1 + 0.5], [a0 - 0.5, b1 + 0.5]])
            poly = [(float(x), float(y)) for x, y in _map(H, cr)]
        tags = tuple(dict.fromkeys(list(r.tags) + list(extra_tags)))
        out.append(Item(r.kind, [x0, y0, x1, y1], r.text, r.owner, poly, tags))
    return out
