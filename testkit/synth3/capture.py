"""Capture simulation: flatbed scan, grey photocopy, phone photo; each returns the delivered
image and a function mapping page points (pixel-edge coordinates) to delivered points."""

from __future__ import annotations

import math

import cv2
import numpy as np


def _jpeg(img, q):
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(q)])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def _noise(rng, shape, sigma):
    """Gaussian noise (float32) drawn by OpenCV, seeded from rng (fast for big images)."""
    n = np.empty(shape, np.float32)
    cv2.setRNGSeed(int(rng.integers(1 << 30)))
    cv2.randn(n, 0.0, float(sigma))
    return n


def _affine_map(M):
    def f(pts):
        p = np.asarray(pts, np.float64) - 0.5
        q = p @ M[:, :2].T + M[:, 2]
        return q + 0.5

    return f


def _homog_map(H):
    def f(pts):
        p = np.asarray(pts, np.float64) - 0.5
        ph = np.concatenate([p, np.ones((len(p), 1))], 1) @ H.T
        return ph[:, :2] / ph[:, 2:3] + 0.5

    return f


def scan(page, rng, ppmm, grey=False):
    """page: float32 BGR in [0,1]. Returns (uint8 BGR, map)."""
    h, w = page.shape[:2]
    tone = np.array([rng.uniform(0.86, 0.95), rng.uniform(0.9, 0.97), rng.uniform(0.93, 0.99)], np.float32)
    img = cv2.convertScaleAbs(page, alpha=255.0)
    if grey:
        lo, hi = rng.uniform(0.05, 0.15), rng.uniform(0.8, 0.92)
        lut = np.clip((np.arange(256) / 255.0 - lo) / (hi - lo), 0, 1) * rng.uniform(0.86, 0.95) * 255
        g = cv2.LUT(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), lut.astype(np.uint8))
        img = cv2.merge([g, g, g])
    else:
        img = cv2.multiply(img, tuple(float(t) for t in tone) + (1.0,), dtype=cv2.CV_8U)
    ang = rng.uniform(-2, 2) if rng.random() < 0.8 else rng.uniform(-0.3, 0.3)
    M = cv2.getRotationMatrix2D((w / 2 - 0.5, h / 2 - 0.5), ang, 1.0)
    M[:, 2] += rng.uniform(-0.006, 0.006, 2) * (w, h)
    if rng.random() < 0.25:
        b = int(rng.uniform(20, 70))
        bv = (b, b, b)
    else:
        bv = tuple(int(v) for v in img[2, 2])
    img = cv2.warpAffine(img, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=bv)
    sig = rng.uniform(0.3, 0.7) * ppmm / 6
    img = cv2.GaussianBlur(img, (0, 0), sig)
    noise = _noise(rng, img.shape[:2], rng.uniform(1.5, 4.0))
    img = cv2.add(img, cv2.merge([noise] * 3), dtype=cv2.CV_8U)
    if grey:
        # toner speckle
        n = int(w * h * rng.uniform(2e-5, 1e-4))
        ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
        img[ys, xs] = rng.integers(20, 90, (n, 1)).astype(np.uint8)
        if rng.random() < 0.4:
            x = int(rng.integers(0, w))
            img[:, x : x + 2] = (img[:, x : x + 2] * 0.75).astype(np.uint8)
    img = _jpeg(img, rng.uniform(72, 94))
    return img, _affine_map(M)


def phone(page, rng, ppmm):
    h, w = page.shape[:2]
    img = (page * np.array([0.96, 0.98, 1.0], np.float32) * 255).astype(np.uint8)
    OH = int(rng.uniform(1.05, 1.2) * h)
    OW = int(OH * rng.uniform(0.72, 0.8))
    # background: table / desk
    desks = [
        (60, 100, 150),
        (40, 70, 110),
        (70, 90, 120),
        (60, 60, 62),
        (175, 178, 180),
        (30, 30, 32),
        (120, 110, 95),
        (95, 120, 135),
        (140, 150, 160),
    ]
    base = np.array(desks[int(rng.integers(len(desks)))], np.float32) * rng.uniform(0.8, 1.15)
    g = cv2.resize(rng.uniform(-1, 1, (4, 4)).astype(np.float32), (OW, OH), interpolation=cv2.INTER_CUBIC)
    bg = base[None, None, :] * (1 + 0.2 * g[..., None])
    bg += _noise(rng, (OH, OW), 6)[..., None]
    bg = np.clip(bg, 0, 255).astype(np.uint8)
    scale = min(OW / w, OH / h) * rng.uniform(0.8, 0.92)
    pw, ph = w * scale, h * scale
    cx, cy = OW / 2 + rng.uniform(-0.04, 0.04) * OW, OH / 2 + rng.uniform(-0.03, 0.03) * OH
    dst = np.array(
        [
            [cx - pw / 2, cy - ph / 2],
            [cx + pw / 2, cy - ph / 2],
            [cx + pw / 2, cy + ph / 2],
            [cx - pw / 2, cy + ph / 2],
        ],
        np.float32,
    )
    # trapezoid: top edge narrower (phone tilted), plus jitter
    k = rng.uniform(0.02, 0.09) * pw
    if rng.random() < 0.5:
        dst[0, 0] += k
        dst[1, 0] -= k
    else:
        dst[3, 0] += k
        dst[2, 0] -= k
    dst += rng.uniform(-0.02, 0.02, (4, 2)).astype(np.float32) * (pw, ph)
    rot = math.radians(rng.uniform(-4, 4))
    c, s = math.cos(rot), math.sin(rot)
    dst = (dst - (cx, cy)) @ np.array([[c, s], [-s, c]], np.float32) + (cx, cy)
    # keep inside the frame
    mn, mx = dst.min(0), dst.max(0)
    shift = np.maximum(0, 4 - mn) - np.maximum(0, mx - (OW - 4, OH - 4))
    dst = (dst + shift).astype(np.float32)
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    H = cv2.getPerspectiveTransform(src, dst - 0.0)
    warped = cv2.warpPerspective(
        img, H, (OW, OH), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT, dst=bg.copy()
    )
    out = warped.astype(np.float32)
    # uneven light
    lf = cv2.resize(rng.uniform(0, 1, (3, 3)).astype(np.float32), (OW, OH), interpolation=cv2.INTER_CUBIC)
    out *= (rng.uniform(0.72, 0.85) + rng.uniform(0.15, 0.3) * lf)[..., None]
    # shadow of a hand / phone across part of the page
    if rng.random() < 0.7:
        sh, sw = OH // 8, OW // 8
        mask = np.zeros((sh, sw), np.float32)
        side = int(rng.integers(4))
        depth = rng.uniform(0.12, 0.35)
        pts = []
        if side == 0:
            pts = [
                (0, OH * rng.uniform(0.3, 0.7)),
                (OW * depth, OH * rng.uniform(0.5, 0.9)),
                (OW * depth * 0.8, OH),
                (0, OH),
            ]
        elif side == 1:
            pts = [
                (OW, OH * rng.uniform(0.2, 0.6)),
                (OW * (1 - depth), OH * rng.uniform(0.6, 0.9)),
                (OW * (1 - depth * 0.7), OH),
                (OW, OH),
            ]
        elif side == 2:
            pts = [
                (OW * rng.uniform(0.2, 0.5), OH),
                (OW * rng.uniform(0.4, 0.7), OH * (1 - depth)),
                (OW * rng.uniform(0.8, 1.0), OH * (1 - depth * 0.8)),
                (OW, OH),
            ]
        else:
            pts = [(0, 0), (OW * rng.uniform(0.3, 0.6), 0), (OW * 0.2, OH * depth), (0, OH * depth * 1.2)]
        cv2.fillPoly(mask, [(np.array(pts) / 8).astype(np.int32)], 1.0)
        mask = cv2.GaussianBlur(mask, (0, 0), sw * 0.02)
        mask = cv2.resize(mask, (OW, OH), interpolation=cv2.INTER_LINEAR)
        out *= (1 - rng.uniform(0.25, 0.45) * mask)[..., None]
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.1))
    out += _noise(rng, (OH, OW), rng.uniform(2, 5))[..., None]
    out = np.clip(out, 0, 255).astype(np.uint8)
    out = _jpeg(out, rng.uniform(65, 88))
    return out, _homog_map(H.astype(np.float64))


def rotate(img, k):
    """Turn counter-clockwise by k*90 degrees; returns (img, point map)."""
    h, w = img.shape[:2]
    out = np.ascontiguousarray(np.rot90(img, k))

    def f(pts):
        p = np.asarray(pts, np.float64)
        x, y = p[:, 0], p[:, 1]
        if k == 1:
            return np.stack([y, w - x], 1)
        if k == 2:
            return np.stack([w - x, h - y], 1)
        if k == 3:
            return np.stack([h - y, x], 1)
        return p

    return out, f
