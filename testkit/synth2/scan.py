"""Scan simulation: flatbed scan, grey photocopy, phone photo, delivery turned. Every geometric
step is one 3x3 matrix so the truth outlines follow the pixels exactly."""

from __future__ import annotations

import math

import cv2
import numpy as np

from .core import Item


def _edge(M: np.ndarray) -> np.ndarray:
    """OpenCV maps pixel centres; truth uses pixel edges (centre = index + 0.5)."""
    A = np.array([[1, 0, 0.5], [0, 1, 0.5], [0, 0, 1]], np.float64)
    B = np.array([[1, 0, -0.5], [0, 1, -0.5], [0, 0, 1]], np.float64)
    return A @ M @ B


def _apply(M: np.ndarray, pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    p = np.hstack([np.array(pts, np.float64), np.ones((len(pts), 1))]) @ M.T
    return [(float(x / w), float(y / w)) for x, y, w in p]


def _paper(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    tone = np.array([rng.uniform(0.955, 0.99), rng.uniform(0.95, 0.985), rng.uniform(0.93, 0.975)], np.float32)
    return img.astype(np.float32) * tone


def _noise(img: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    n = rng.standard_normal(img.shape[:2], dtype=np.float32)[..., None]
    n *= sigma
    img += n
    return img


def flatbed(rgb: np.ndarray, rng: np.random.Generator):
    """Skewed ±2°, off-white paper, light blur and noise, sometimes a dark border strip."""
    H, W = rgb.shape[:2]
    img = _paper(rgb, rng)
    ang = float(rng.uniform(-2, 2))
    M = np.vstack([cv2.getRotationMatrix2D((W / 2, H / 2), ang, 1.0), [0, 0, 1]])
    lid = float(rng.uniform(238, 252))
    img = cv2.warpAffine(img, M[:2], (W, H), flags=cv2.INTER_LINEAR, borderValue=(lid, lid, lid))
    if rng.random() < 0.3:
        side = int(rng.integers(4))
        bw = int(rng.integers(6, max(8, int(0.012 * W))))
        dark = float(rng.uniform(20, 70))
        if side == 0:
            img[:, :bw] = dark
        elif side == 1:
            img[:, W - bw :] = dark
        elif side == 2:
            img[:bw] = dark
        else:
            img[H - bw :] = dark
    img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.35, 0.7)))
    img = _noise(img, rng, float(rng.uniform(1.0, 3.0)))
    return np.clip(img, 0, 255).astype(np.uint8), _edge(M)


def photocopy(rgb: np.ndarray, rng: np.random.Generator):
    """Everything grey (seals too), harder contrast, toner speckle, slight skew."""
    H, W = rgb.shape[:2]
    g = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    lo, hi = rng.uniform(0, 25), rng.uniform(228, 245)
    g = lo + (hi - lo) * np.clip((g / 255.0 - 0.08) / 0.84, 0, 1) ** rng.uniform(1.2, 1.7)
    # uneven drum: a faint band of grey across the page
    grad = np.linspace(0, 1, H, dtype=np.float32)[:, None]
    g = g - rng.uniform(0, 12) * np.sin(grad * math.pi * rng.uniform(0.5, 2)) ** 2
    ang = float(rng.uniform(-1.5, 1.5))
    M = np.vstack([cv2.getRotationMatrix2D((W / 2, H / 2), ang, 1.0), [0, 0, 1]])
    g = cv2.warpAffine(g, M[:2], (W, H), flags=cv2.INTER_LINEAR, borderValue=float(hi))
    n = int(H * W * rng.uniform(2e-5, 1e-4))
    ys, xs = rng.integers(0, H, n), rng.integers(0, W, n)
    rs = rng.integers(1, 3, n)
    for y, x, r in zip(ys, xs, rs, strict=True):
        cv2.circle(g, (int(x), int(y)), int(r), float(rng.uniform(20, 110)), -1)
    g = cv2.GaussianBlur(g, (0, 0), float(rng.uniform(0.4, 0.8)))
    g = g + 2.5 * rng.standard_normal(g.shape, dtype=np.float32)
    g = np.clip(g, 0, 255).astype(np.uint8)
    return cv2.cvtColor(g, cv2.COLOR_GRAY2RGB), _edge(M)


def phone(rgb: np.ndarray, rng: np.random.Generator):
    """The page as a trapezoid on a table, shadow of a hand/phone, uneven light, cast, blur, JPEG."""
    H, W = rgb.shape[:2]
    out_w = int(rng.integers(1400, 2000))
    out_h = int(out_w * rng.uniform(1.3, 1.4)) if H > W else int(out_w * rng.uniform(0.72, 0.8))
    fill = rng.uniform(0.74, 0.88)
    s = min(out_w * fill / W, out_h * fill / H)
    pw, ph = W * s, H * s
    cx, cy = out_w / 2 + rng.uniform(-0.03, 0.03) * out_w, out_h / 2 + rng.uniform(-0.03, 0.03) * out_h
    j = 0.045
    tilt = rng.uniform(-0.05, 0.05)  # one edge further from the lens: narrower
    dst = np.array(
        [
            [cx - pw / 2 * (1 - tilt), cy - ph / 2],
            [cx + pw / 2 * (1 - tilt), cy - ph / 2],
            [cx + pw / 2 * (1 + tilt), cy + ph / 2],
            [cx - pw / 2 * (1 + tilt), cy + ph / 2],
        ],
        np.float32,
    )
    dst += rng.uniform(-j, j, (4, 2)).astype(np.float32) * np.array([pw, ph], np.float32) * 0.5
    src = np.array([[0, 0], [W - 1, 0], [W - 1, H - 1], [0, H - 1]], np.float32)
    M = cv2.getPerspectiveTransform(src, dst).astype(np.float64)
    # table: a colour with a soft wood-like grain
    base = np.array(
        rng.choice([[150, 110, 80], [90, 70, 60], [200, 195, 185], [60, 62, 70], [170, 140, 105]]), np.float32
    )
    bg = np.ones((out_h, out_w, 3), np.float32) * base
    grain = cv2.resize(rng.normal(0, 1, (out_h // 24 + 2, 6)).astype(np.float32), (out_w, out_h))
    bg += grain[..., None] * rng.uniform(4, 14)
    page = _paper(rgb, rng)
    warped = cv2.warpPerspective(
        page,
        M,
        (out_w, out_h),
        flags=cv2.INTER_AREA if s < 0.8 else cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(0, 0, 0),
    )
    m = cv2.warpPerspective(np.ones((H, W), np.float32), M, (out_w, out_h), flags=cv2.INTER_LINEAR)[..., None]
    img = warped * m + bg * (1 - m)
    # light: a broad gradient plus a vignette
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    light = 1 + rng.uniform(0.05, 0.2) * ((xx / out_w - 0.5) * math.cos(a) + (yy / out_h - 0.5) * math.sin(a))
    light -= rng.uniform(0.05, 0.18) * (((xx / out_w - 0.5) ** 2 + (yy / out_h - 0.5) ** 2) * 2)
    img *= light[..., None]
    # a shadow band from a hand or the phone across one part of the page
    if rng.random() < 0.75:
        sh = np.zeros((out_h, out_w), np.float32)
        edge = int(rng.integers(4))
        d = rng.uniform(0.15, 0.4)
        if edge == 0:
            pts = [[0, 0], [out_w * d, 0], [out_w * d * rng.uniform(0.3, 1.6), out_h], [0, out_h]]
        elif edge == 1:
            pts = [[out_w, 0], [out_w * (1 - d), 0], [out_w * (1 - d * rng.uniform(0.3, 1.6)), out_h], [out_w, out_h]]
        elif edge == 2:
            pts = [[0, out_h], [out_w, out_h], [out_w, out_h * (1 - d)], [0, out_h * (1 - d * rng.uniform(0.3, 1.6))]]
        else:
            pts = [[0, 0], [out_w * rng.uniform(0.3, 0.6), 0], [0, out_h * rng.uniform(0.3, 0.6)]]
        cv2.fillPoly(sh, [np.array(pts, np.int32)], 1.0)
        # a wide soft edge: blur at 1/8 size, it is the same shadow and 60x cheaper
        small = cv2.resize(sh, (out_w // 8, out_h // 8), interpolation=cv2.INTER_AREA)
        small = cv2.GaussianBlur(small, (0, 0), out_w / 8 * rng.uniform(0.02, 0.06))
        sh = cv2.resize(small, (out_w, out_h), interpolation=cv2.INTER_LINEAR)
        img *= (1 - rng.uniform(0.25, 0.5) * sh)[..., None]
    cast = np.array([rng.uniform(0.92, 1.05), rng.uniform(0.95, 1.03), rng.uniform(0.88, 1.04)], np.float32)
    img = img * cast
    img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.6, 1.3)))
    img = _noise(img, rng, float(rng.uniform(2, 4)))
    img = np.clip(img, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(55, 80))])
    img = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return img, _edge(M)


def _clip(poly, W, H):
    """Sutherland-Hodgman against the image rectangle, so truth never leaves the page."""

    def cut(pts, inside, inter):
        out = []
        for i, p in enumerate(pts):
            q = pts[i - 1]
            if inside(p):
                if not inside(q):
                    out.append(inter(q, p))
                out.append(p)
            elif inside(q):
                out.append(inter(q, p))
        return out

    def ix(q, p, x):
        t = (x - q[0]) / (p[0] - q[0])
        return (x, q[1] + t * (p[1] - q[1]))

    def iy(q, p, y):
        t = (y - q[1]) / (p[1] - q[1])
        return (q[0] + t * (p[0] - q[0]), y)

    pts = list(poly)
    for inside, inter in (
        (lambda p: p[0] >= 0, lambda q, p: ix(q, p, 0.0)),
        (lambda p: p[0] <= W, lambda q, p: ix(q, p, float(W))),
        (lambda p: p[1] >= 0, lambda q, p: iy(q, p, 0.0)),
        (lambda p: p[1] <= H, lambda q, p: iy(q, p, float(H))),
    ):
        if not pts:
            break
        pts = cut(pts, inside, inter)
    return pts


def _recompress(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Many uploads were saved as JPEG once before (scanner software, chat apps)."""
    if rng.random() < 0.35:
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(65, 90))])
        img = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return img


def deliver(rgb: np.ndarray, items: list[Item], photos: list, mode: str, rotation: int, rng: np.random.Generator):
    """Run the chosen capture, turn the result, carry every outline along; returns BGR pixels."""
    if mode == "copy":
        img, M = photocopy(rgb, rng)
        img = _recompress(cv2.cvtColor(img, cv2.COLOR_RGB2BGR), rng)
    elif mode == "phone":
        img, M = phone(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), rng)
    else:
        img, M = flatbed(rgb, rng)
        img = _recompress(cv2.cvtColor(img, cv2.COLOR_RGB2BGR), rng)
    H, W = img.shape[:2]
    # turning counter-clockwise by 90°: (x, y) -> (y, W - x), W the width before the turn
    R = np.eye(3)
    w, h = W, H
    for _ in range(rotation // 90):
        R = np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], np.float64) @ R
        w, h = h, w
    if rotation:
        img = np.ascontiguousarray(np.rot90(img, rotation // 90))
    T = R @ M
    H, W = img.shape[:2]
    out = []
    for it in items:
        poly = _clip(_apply(T, it.polygon), W, H)
        if len(poly) < 3:
            continue
        xs, ys = [p[0] for p in poly], [p[1] for p in poly]
        x0, y0 = max(0, int(math.floor(min(xs)))), max(0, int(math.floor(min(ys))))
        x1, y1 = min(W, int(math.ceil(max(xs)))), min(H, int(math.ceil(max(ys))))
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        out.append(Item(it.kind, (x0, y0, x1, y1), it.text, it.owner, poly, it.tags))
    photos_out = [_apply(T, p) for p in photos]
    return np.ascontiguousarray(img), out, photos_out
