"""Scan / photocopy / phone-photo simulation with truth carried through the geometry.

All point arithmetic is in continuous pixel coordinates (pixel i covers [i, i+1))."""

from __future__ import annotations

import math

import cv2
import numpy as np

_SH = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1]], np.float64)
_SHI = np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1]], np.float64)


def _cont(Hidx):
    """cv2 (pixel-index) homography -> continuous-coordinate homography."""
    return _SH @ Hidx @ _SHI


def apply_h(H, pts):
    p = np.asarray(pts, np.float64)
    q = np.c_[p, np.ones(len(p))] @ H.T
    return (q[:, :2] / q[:, 2:3]).astype(np.float32)


def _transform_items(items, H):
    for it in items:
        it["hull"] = apply_h(H, it["hull"])
        if it["poly"] is not None:
            it["poly"] = apply_h(H, it["poly"])


def _noise(img, rng, sigma):
    n = rng.normal(0, sigma, img.shape[:2]).astype(np.float32)
    out = img.astype(np.float32) + n[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def scan(img, items, rng, grey=False):
    h, w = img.shape[:2]
    r_ = rng.uniform(238, 253)
    g_ = r_ - rng.uniform(0, 5)
    tone = np.array([r_, g_, g_ - rng.uniform(0, 10)], np.float32)
    out = (img.astype(np.float32) * (tone / 255.0)).astype(np.uint8)
    ang = rng.uniform(-2, 2) if rng.random() < 0.8 else 0.0
    if abs(ang) > 0.05:
        M = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), ang, 1.0)
        out = cv2.warpAffine(
            out,
            M,
            (w, h),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=tuple(float(t) for t in tone),
        )
        _transform_items(items, _cont(np.vstack([M, [0, 0, 1]])))
    if grey:
        g = cv2.cvtColor(out, cv2.COLOR_RGB2GRAY).astype(np.float32)
        lo, hi = rng.uniform(10, 40), rng.uniform(225, 245)
        g = np.clip((g - lo) / (255 - lo) * 255 * rng.uniform(1.0, 1.15), 0, 255)
        g = np.minimum(g, hi + (g > 250) * 0) * 1.0
        bg = cv2.resize(rng.uniform(0.9, 1.0, (5, 4)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        g *= bg
        # toner speckle
        k = int(w * h * rng.uniform(2e-5, 1.2e-4))
        ys, xs = rng.integers(0, h, k), rng.integers(0, w, k)
        g[ys, xs] = rng.uniform(20, 120, k)
        g = cv2.GaussianBlur(g, (0, 0), rng.uniform(0.5, 0.9))
        out = np.repeat(np.clip(g, 0, 255).astype(np.uint8)[..., None], 3, 2)
    if rng.random() < 0.25:  # dark border from the scanner lid
        side = int(rng.integers(0, 4))
        bw = int(max(3, min(w, h) * rng.uniform(0.004, 0.012)))
        val = rng.uniform(30, 90)
        if side == 0:
            out[:, :bw] = val
        elif side == 1:
            out[:, w - bw :] = val
        elif side == 2:
            out[:bw, :] = val
        else:
            out[h - bw :, :] = val
    out = _noise(out, rng, rng.uniform(1.5, 3.5))
    if not grey:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.35, 0.6))
    return out


def phone(img, items, rng):
    h, w = img.shape[:2]
    scale = rng.uniform(0.6, 0.85)
    Wo, Ho = int(w * scale * rng.uniform(1.08, 1.2)), int(h * scale * rng.uniform(1.06, 1.14))
    pw, ph = w * scale, h * scale
    cx, cy = Wo / 2 + rng.uniform(-0.03, 0.03) * Wo, Ho / 2 + rng.uniform(-0.02, 0.02) * Ho
    base = np.array([[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]])
    tilt = rng.uniform(-0.06, 0.06)
    jit = rng.uniform(-0.035, 0.035, (4, 2)) * [pw, ph]
    jit[0, 0] += tilt * pw
    jit[1, 0] -= tilt * pw  # trapezoid
    rot = math.radians(rng.uniform(-4, 4))
    R = np.array([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]])
    dst = (base + jit) @ R.T + [cx, cy]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
    Hc = cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32)).astype(np.float64)
    Hidx = _SHI @ Hc @ _SH
    # background: a table
    tb = np.array([rng.uniform(60, 160), rng.uniform(50, 140), rng.uniform(40, 120)], np.float32)
    bg = np.ones((Ho, Wo, 3), np.float32) * tb
    bg *= cv2.resize(rng.uniform(0.75, 1.1, (6, 6)).astype(np.float32), (Wo, Ho))[..., None]
    paper = cv2.warpPerspective(
        img,
        Hidx,
        (Wo, Ho),
        flags=cv2.INTER_AREA if scale < 0.8 else cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(0, 0, 0),
    ).astype(np.float32)
    msk = cv2.warpPerspective(np.ones((h, w), np.float32), Hidx, (Wo, Ho), flags=cv2.INTER_LINEAR)
    out = paper * msk[..., None] + bg * (1 - msk[..., None])
    _transform_items(items, Hc)
    # uneven light
    light = cv2.resize(rng.uniform(0.78, 1.05, (3, 3)).astype(np.float32), (Wo, Ho), interpolation=cv2.INTER_CUBIC)
    out *= light[..., None]
    # shadow of a hand / phone
    f = 8
    sh = np.zeros((Ho // f + 1, Wo // f + 1), np.float32)
    a = rng.uniform(0, 2 * np.pi)
    p0 = np.array([Wo / 2 + math.cos(a) * Wo * 0.7, Ho / 2 + math.sin(a) * Ho * 0.7])
    pts = [p0 + rng.uniform(-0.5, 0.5, 2) * [Wo, Ho] for _ in range(3)] + [p0]
    cv2.fillPoly(sh, [(np.array(pts) / f).astype(np.int32)], 1.0)
    sh = cv2.GaussianBlur(sh, (0, 0), Wo * 0.03 / f)
    sh = cv2.resize(sh, (Wo, Ho), interpolation=cv2.INTER_LINEAR)
    out *= (1 - sh * rng.uniform(0.25, 0.45))[..., None]
    out *= np.array([rng.uniform(0.95, 1.02), 1.0, rng.uniform(0.92, 1.0)], np.float32)  # warm/cool cast
    out = np.clip(out, 0, 255).astype(np.uint8)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.2))
    out = _noise(out, rng, rng.uniform(2, 4))
    q = int(rng.integers(55, 86))
    ok, buf = cv2.imencode(".jpg", out[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, q])
    out = cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1]
    top = np.linalg.norm(dst[1] - dst[0])
    bot = np.linalg.norm(dst[2] - dst[3])
    dpi_guess = float((top + bot) / 2 / img_dpi_hint(w, h))
    return np.ascontiguousarray(out), dpi_guess


def img_dpi_hint(w, h):
    """Page width in inches for A4 portrait/landscape drawn at any dpi."""
    return 8.27 if w < h else 11.69


def rotate(img, items, k):
    """np.rot90 by k (counter-clockwise quarter turns)."""
    h, w = img.shape[:2]
    if k % 4 == 0:
        return img
    if k % 4 == 1:
        H = np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], np.float64)
    elif k % 4 == 2:
        H = np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], np.float64)
    else:
        H = np.array([[0, -1, h], [1, 0, 0], [0, 0, 1]], np.float64)
    _transform_items(items, H)
    return np.ascontiguousarray(np.rot90(img, k))
