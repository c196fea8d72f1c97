"""What happens between the printed page and the delivered file: flatbed scan, grey photocopy,
phone photo, delivery rotation. Every geometric step returns a 3x3 matrix in continuous pixel
coordinates so item outlines follow exactly."""
from __future__ import annotations

import math

import cv2
import numpy as np


def _cv_to_cont(M3):
    """A matrix in OpenCV's pixel-centre convention -> the same map in continuous coordinates."""
    T = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1]], np.float64)
    Ti = np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1]], np.float64)
    return T @ M3 @ Ti


def apply_h(H, pts):
    p = np.asarray(pts, np.float64)
    q = np.c_[p, np.ones(len(p))] @ H.T
    return q[:, :2] / q[:, 2:3]


_TILE = {}


def grain(rng, h, w, amp):
    """Cheap fine noise: a random window of a fixed noise tile (int16)."""
    if "t" not in _TILE:
        g = np.random.default_rng(12345)
        _TILE["t"] = g.normal(0, 1, (512, 512)).astype(np.float32)
    t = _TILE["t"]
    reps = (h // 512 + 2, w // 512 + 2)
    oy, ox = int(rng.integers(0, 512)), int(rng.integers(0, 512))
    big = np.tile(t, reps)[oy:oy + h, ox:ox + w]
    return big * amp


def lowfreq(rng, h, w, cells=5):
    lo = rng.uniform(0, 1, (cells, cells)).astype(np.float32)
    return cv2.resize(lo, (w, h), interpolation=cv2.INTER_CUBIC)


def paper_tone(img, rng):
    """Off-white paper with faint unevenness and sensor grain."""
    h, w = img.shape[:2]
    b = rng.uniform(238, 252)
    tone = np.array([b, b - rng.uniform(0, 4), b - rng.uniform(2, 12)], np.float32)
    f = img.astype(np.float32) * (tone / 255.0)
    f += (lowfreq(rng, h, w) - 0.5)[..., None] * rng.uniform(4, 12)
    f += grain(rng, h, w, rng.uniform(1.5, 4.0))[..., None]
    return np.clip(f, 0, 255).astype(np.uint8)


def photocopy(img, rng):
    """Grey photocopy: everything (seals too) grey, harder contrast, toner speckle."""
    g = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).astype(np.float32)
    h, w = g.shape
    gamma = rng.uniform(1.3, 2.0)
    g = 255.0 * (g / 255.0) ** gamma
    g = g * rng.uniform(0.88, 0.97) + rng.uniform(5, 20)
    g += (lowfreq(rng, h, w, 4) - 0.5) * rng.uniform(10, 30)
    g += grain(rng, h, w, rng.uniform(3, 7))
    n = int(h * w * rng.uniform(2e-5, 1.2e-4))
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    g[ys, xs] = rng.uniform(20, 120, n)
    g = np.clip(g, 0, 255).astype(np.uint8)
    g = cv2.GaussianBlur(g, (0, 0), 0.6)
    return np.dstack([g, g, g])


def flatbed(img, rng):
    """Skew up to 2 degrees inside a scanner frame a little larger than the page; sometimes a
    dark border where the lid did not cover. Returns image and 3x3 matrix."""
    h, w = img.shape[:2]
    ang = float(rng.uniform(-2, 2))
    mx, my = int(w * rng.uniform(0.0, 0.03)), int(h * rng.uniform(0.0, 0.02))
    W, H = w + 2 * mx, h + 2 * my
    dx, dy = float(rng.uniform(-0.6, 0.6) * mx), float(rng.uniform(-0.6, 0.6) * my)
    M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
    M[0, 2] += mx + dx
    M[1, 2] += my + dy
    dark = rng.random() < 0.3
    border = (30, 30, 30) if dark else tuple(int(v) for v in img[2, 2])
    out = cv2.warpAffine(img, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=border)
    if dark:   # soften the dark frame into a gradient strip
        k = max(3, int(min(W, H) * 0.01)) | 1
        out = cv2.GaussianBlur(out, (k, k), 0) if rng.random() < 0.5 else out
    M3 = np.vstack([M, [0, 0, 1]])
    return out, _cv_to_cont(M3)


def phone(img, rng):
    """Phone photo: page as a trapezoid on a table, hand/phone shadow, uneven light, colour cast,
    blur, JPEG artefacts. Returns image and 3x3 matrix."""
    h, w = img.shape[:2]
    long_side = int(rng.uniform(1700, 2300))
    if h >= w:
        H, W = long_side, int(long_side * rng.uniform(0.72, 0.78))
    else:
        W, H = long_side, int(long_side * rng.uniform(0.72, 0.78))
    fill = rng.uniform(0.78, 0.92)
    sc = min(W * fill / w, H * fill / h)
    pw, ph = w * sc, h * sc
    cx, cy = W / 2 + rng.uniform(-0.04, 0.04) * W, H / 2 + rng.uniform(-0.04, 0.04) * H
    base = np.array([[cx - pw / 2, cy - ph / 2], [cx + pw / 2, cy - ph / 2],
                     [cx + pw / 2, cy + ph / 2], [cx - pw / 2, cy + ph / 2]])
    # perspective: the top edge narrower or wider, random jitter of corners
    k = rng.uniform(0.03, 0.10) * (1 if rng.random() < 0.75 else -1)
    base[0, 0] += k * pw
    base[1, 0] -= k * pw
    base += rng.uniform(-0.025, 0.025, (4, 2)) * np.array([pw, ph])
    rot = math.radians(rng.uniform(-6, 6))
    c = base.mean(0)
    R = np.array([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]])
    quad = (base - c) @ R.T + c
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
    Hc = cv2.getPerspectiveTransform(src.astype(np.float32), quad.astype(np.float32)).astype(np.float64)
    # background: table in a plain colour with texture
    tab = np.array(rng.choice([[120, 90, 60], [150, 115, 80], [90, 90, 95], [60, 55, 50],
                               [185, 180, 170], [140, 60, 40]]), np.float32)
    bg = np.empty((H, W, 3), np.float32)
    bg[:] = tab
    bg += (lowfreq(rng, H, W, 6) - 0.5)[..., None] * 40
    if rng.random() < 0.5:   # wood-like streaks
        streak = cv2.resize(rng.uniform(0, 1, (1, 64)).astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
        bg += (streak - 0.5)[..., None] * 30
    bg = np.clip(bg, 0, 255).astype(np.uint8)
    # Hc is in continuous coordinates already (corner points), OpenCV warps pixel centres
    T = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1]], np.float64)
    Ti = np.linalg.inv(T)
    Hcv = Ti @ Hc @ T
    out = cv2.warpPerspective(img, Hcv, (W, H), flags=cv2.INTER_AREA if sc < 1 else cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_TRANSPARENT, dst=bg.copy())
    f = out.astype(np.float32)
    # lighting: a gradient plus vignette
    yy, xx = np.mgrid[0:H:8, 0:W:8].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    grad = 1.0 + rng.uniform(0.05, 0.22) * ((xx / W - 0.5) * math.cos(a) + (yy / H - 0.5) * math.sin(a))
    vig = 1.0 - rng.uniform(0.05, 0.25) * (((xx / W - 0.5) ** 2 + (yy / H - 0.5) ** 2) * 2)
    light = cv2.resize((grad * vig).astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)
    # shadow of a hand or the phone: a soft blob entering from one edge
    sh = np.zeros((H // 8 + 1, W // 8 + 1), np.float32)
    side = int(rng.integers(4))
    hw, hh = sh.shape[1], sh.shape[0]
    ctr = [(rng.uniform(0.2, 0.8) * hw, -0.05 * hh), (1.05 * hw, rng.uniform(0.2, 0.8) * hh),
           (rng.uniform(0.2, 0.8) * hw, 1.05 * hh), (-0.05 * hw, rng.uniform(0.2, 0.8) * hh)][side]
    axes = (int(rng.uniform(0.2, 0.45) * hw), int(rng.uniform(0.2, 0.5) * hh))
    cv2.ellipse(sh, (int(ctr[0]), int(ctr[1])), axes, float(rng.uniform(0, 180)), 0, 360, 1.0, -1)
    sh = cv2.GaussianBlur(sh, (0, 0), max(hw, hh) * rng.uniform(0.03, 0.08))
    sh = cv2.resize(sh, (W, H), interpolation=cv2.INTER_LINEAR)
    shade = 1.0 - sh * rng.uniform(0.25, 0.5)
    cast = np.array([rng.uniform(0.95, 1.05), 1.0, rng.uniform(0.9, 1.05)], np.float32)
    f *= (light * shade)[..., None] * cast
    f += grain(rng, H, W, rng.uniform(2, 5))[..., None]
    out = np.clip(f, 0, 255).astype(np.uint8)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.1))
    ok, enc = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(55, 80))])
    out = cv2.imdecode(enc, cv2.IMREAD_COLOR)
    return out, Hc


def deliver_rotation(img, k):
    """Turn the content k*90 degrees counter-clockwise. Returns image and 3x3 matrix."""
    h, w = img.shape[:2]
    if k == 0:
        return img, np.eye(3)
    out = np.ascontiguousarray(np.rot90(img, k))
    if k == 1:     # (x, y) -> (y, w - x)
        M = np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], np.float64)
    elif k == 2:   # (x, y) -> (w - x, h - y)
        M = np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], np.float64)
    else:          # (x, y) -> (h - y, x)
        M = np.array([[0, -1, h], [1, 0, 0], [0, 0, 1]], np.float64)
    return out, M
