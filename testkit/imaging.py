"""Drawing helpers for detector tests: A4 pages, CJK text, pasted face photos, realistic seals."""

from __future__ import annotations

import math
import os
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

A4_200DPI = (1654, 2339)  # width, height
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
RED = (30, 30, 220)       # BGR seal red
PINK = (150, 140, 235)    # faded seal

# Astronaut (skimage.data.astronaut, 512×512): true eye extents measured once by eye at full size,
# around CenterFace's landmarks (203.2, 101.7) and (247.0, 104.5).
ASTRONAUT_EYES = ((191, 96, 214, 108), (236, 98, 259, 111))
# Head-and-shoulders crop of the astronaut used as an ID photo (x0, y0, x1, y1): face ~60 % of height.
ASTRONAUT_PORTRAIT = (150, 30, 300, 230)


def font(size: int, path: str = SANS) -> ImageFont.FreeTypeFont:
    return _font(path, int(size))


@lru_cache(maxsize=64)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    if not os.path.exists(path):
        path = SANS
    return ImageFont.truetype(path, size)


def blank_page(size=A4_200DPI, tone: int = 255) -> np.ndarray:
    w, h = size
    return np.full((h, w, 3), tone, np.uint8)


def draw_text(page: np.ndarray, text: str, xy, size: int, colour=(20, 20, 20), path: str = SANS) -> None:
    """Draw `text` (colour BGR) onto the BGR page in place."""
    img = Image.fromarray(page[:, :, ::-1])
    ImageDraw.Draw(img).text(xy, text, font=font(size, path), fill=tuple(int(c) for c in colour[::-1]))
    page[:] = np.asarray(img)[:, :, ::-1]


BODY = ("申报人自二〇一五年起从事生态环境监测工作，主持完成了地区大气污染源解析、"
        "塔里木河流域水质评价等项目，发表论文五篇，获得自治区科技进步奖三等奖一项。")


def text_page(size=A4_200DPI, lines: int = 40, font_px: int = 34, seed: int = 0) -> np.ndarray:
    """A page of body text (12 pt at 200 dpi) under a bold title: the common case, no faces."""
    return _text_page(tuple(size), lines, font_px, seed).copy()


@lru_cache(maxsize=8)
def _text_page(size, lines, font_px, seed) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w, h = size
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.text((w // 2 - 420, 140), "专业技术人员任职资格评审表", font=font(70, SERIF_BOLD), fill=(20, 20, 20))
    y = 300
    for _ in range(lines):
        start = int(rng.integers(0, len(BODY) - 20))
        d.text((150, y), (BODY[start:] + BODY)[:int((w - 300) / font_px)], font=font(font_px), fill=(20, 20, 20))
        y += int(font_px * 1.6)
        if y > h - 150:
            break
    page = np.ascontiguousarray(np.asarray(img)[:, :, ::-1])
    page.flags.writeable = False
    return page


def astronaut_bgr() -> np.ndarray:
    import skimage.data

    return cv2.cvtColor(skimage.data.astronaut(), cv2.COLOR_RGB2BGR)


def astronaut_portrait() -> tuple[np.ndarray, list[tuple[float, float, float, float]]]:
    """An ID-photo crop of the astronaut and its true eye boxes in the crop's coordinates."""
    x0, y0, x1, y1 = ASTRONAUT_PORTRAIT
    crop = astronaut_bgr()[y0:y1, x0:x1].copy()
    eyes = [(a - x0, b - y0, c - x0, d - y0) for a, b, c, d in ASTRONAUT_EYES]
    return crop, eyes


def paste_photo(page: np.ndarray, photo: np.ndarray, eyes, x: int, y: int, height: int, border: bool = True):
    """Paste `photo` scaled to `height` px at (x, y); returns the eye boxes in page coordinates."""
    s = height / photo.shape[0]
    width = max(1, round(photo.shape[1] * s))
    scaled = cv2.resize(photo, (width, height), interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC)
    page[y:y + height, x:x + width] = scaled
    if border:
        cv2.rectangle(page, (x - 2, y - 2), (x + width + 1, y + height + 1), (40, 40, 40), 1)
    return [(x + a * s, y + b * s, x + c * s, y + d * s) for a, b, c, d in eyes]


def photocopy(page: np.ndarray, seed: int = 0) -> np.ndarray:
    """Grey photocopy: luminance only, raised contrast, a grey paper tone and toner noise."""
    rng = np.random.default_rng(seed)
    g = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY).astype(np.float32)
    g = (g - 128) * 1.25 + 128 - 12
    g += rng.normal(0, 6, g.shape).astype(np.float32)
    g = cv2.GaussianBlur(np.clip(g, 0, 255), (3, 3), 0.8)
    return cv2.cvtColor(g.astype(np.uint8), cv2.COLOR_GRAY2BGR)


def rotate_page(page: np.ndarray, rotation: int) -> tuple[np.ndarray, callable]:
    """Turn a page clockwise by 90/180/270; returns it and a function mapping old (x, y) to new."""
    h, w = page.shape[:2]
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    maps = {90: lambda x, y: (h - y, x), 180: lambda x, y: (w - x, h - y), 270: lambda x, y: (y, w - x)}
    return cv2.rotate(page, codes[rotation]), maps[rotation]


def rotate_box(box, fn):
    corners = ((box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3]))
    xs, ys = zip(*(fn(x, y) for x, y in corners), strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def box_covered(band_box, target) -> float:
    """Fraction of `target` inside `band_box` (both x0, y0, x1, y1)."""
    iw = min(band_box[2], target[2]) - max(band_box[0], target[0])
    ih = min(band_box[3], target[3]) - max(band_box[1], target[1])
    area = (target[2] - target[0]) * (target[3] - target[1])
    return max(0.0, iw) * max(0.0, ih) / area if area > 0 else 0.0


def polygon_covered(poly: np.ndarray, target, shape) -> float:
    """Fraction of the axis-aligned `target` inside the polygon (rasterised on a page of `shape`)."""
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(np.asarray(poly) * 4).astype(np.int32)], 1, shift=2)
    x0, y0, x1, y1 = (int(round(v)) for v in target)
    region = mask[y0:y1, x0:x1]
    return float(region.mean()) if region.size else 0.0


# --- seals ---------------------------------------------------------------------------------------

def _star(cx, cy, r):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def _ring_text(draw_layer: Image.Image, text: str, cx, cy, radius, char_px, span_deg=250.0, font_path=SANS):
    """Characters along the top arc, each rotated so its foot points at the centre (as on seals)."""
    n = len(text)
    start = -90 - span_deg / 2
    step = span_deg / max(1, n - 1)
    f = font(char_px, font_path)
    for i, ch in enumerate(text):
        ang = start + i * step
        tile = Image.new("L", (char_px * 2, char_px * 2), 0)
        ImageDraw.Draw(tile).text((char_px // 2, char_px // 2 - char_px // 8), ch, font=f, fill=255)
        tile = tile.rotate(-(ang + 90), resample=Image.BICUBIC)
        a = math.radians(ang)
        px, py = cx + radius * math.cos(a), cy + radius * math.sin(a)
        draw_layer.paste(255, (int(px - char_px), int(py - char_px)), tile)


def seal_layer(diameter: int, text: str = "阿克苏地区生态环境局", bottom: str = "专用章",
               shape: str = "round", aspect: float = 1.0, ring_width: float | None = None,
               seed: int = 0, wear: float = 0.0) -> np.ndarray:
    """An ink mask (float 0..1) of a Chinese official seal: ring, star, arc text, bottom line.

    shape "round" or "oval" (aspect = height/width), or "square" (a personal name seal).
    `wear` removes that fraction of ink in blotches, as on a lightly stamped seal.
    """
    rng = np.random.default_rng(seed)
    w = diameter
    h = int(round(diameter * aspect))
    pad = 6
    layer = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    d = ImageDraw.Draw(layer)
    cx, cy = pad + w / 2, pad + h / 2
    rw = ring_width or max(4, diameter * 0.035)
    if shape == "square":
        d.rectangle((pad, pad, pad + w, pad + h), outline=255, width=int(rw))
        chars = list(text[:4].ljust(4, "印"))
        f = font(int(w * 0.36), SERIF_BOLD)
        for i, ch in enumerate(chars):
            col, row = 1 - i // 2, i % 2
            d.text((pad + w * (0.08 + 0.46 * col), pad + h * (0.06 + 0.46 * row)), ch, font=f, fill=255)
    else:
        d.ellipse((pad, pad, pad + w, pad + h), outline=255, width=int(rw))
        r_star = min(w, h) * 0.17
        d.polygon(_star(cx, cy - h * 0.02, r_star), fill=255)
        char_px = int(min(w, h) * 0.14)
        _ring_text(layer, text, cx, cy, min(w, h) / 2 - rw - char_px * 0.62, char_px)
        if bottom:
            f = font(int(min(w, h) * 0.11))
            tw = d.textlength(bottom, font=f)
            d.text((cx - tw / 2, cy + h * 0.2), bottom, font=f, fill=255)
    ink = np.asarray(layer, np.float32) / 255.0
    if wear > 0:
        noise = cv2.GaussianBlur(rng.random(ink.shape).astype(np.float32), (0, 0), max(2, diameter / 60))
        cut = np.quantile(noise, wear)
        ink = ink * (noise > cut)
    return ink


def stamp(page: np.ndarray, ink: np.ndarray, cx: int, cy: int, colour=RED, strength: float = 0.9,
          angle: float = 0.0) -> tuple[int, int, int, int]:
    """Multiply the seal's ink onto the page (ink over text darkens it, as real stamp ink does).

    Returns the bounding box of the inked disc on the page.
    """
    if angle:
        hh, ww = ink.shape
        m = cv2.getRotationMatrix2D((ww / 2, hh / 2), angle, 1.0)
        cos, sin = abs(m[0, 0]), abs(m[0, 1])
        nw, nh = int(hh * sin + ww * cos) + 2, int(hh * cos + ww * sin) + 2
        m[0, 2] += nw / 2 - ww / 2
        m[1, 2] += nh / 2 - hh / 2
        ink = cv2.warpAffine(ink, m, (nw, nh))
    hh, ww = ink.shape
    x0, y0 = cx - ww // 2, cy - hh // 2
    region = page[y0:y0 + hh, x0:x0 + ww].astype(np.float32)
    a = (ink * strength)[:, :, None]
    tint = np.asarray(colour, np.float32) / 255.0
    region = region * (1 - a) + region * tint * a
    page[y0:y0 + hh, x0:x0 + ww] = np.clip(region, 0, 255).astype(np.uint8)
    ys, xs = np.nonzero(ink > 0.2)
    return (x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()) + 1, y0 + int(ys.max()) + 1)


# --- red things that are not seals ---------------------------------------------------------------

TITLE_RED = (40, 30, 210)  # BGR red of printed titles


def letterhead_page(title: str = "阿克苏地区生态环境局文件", size: int = 110) -> np.ndarray:
    """A red-header (红头) document: big red title, red rule line below, black body text."""
    page = text_page()
    page[90:330] = 255
    w = page.shape[1]
    f = font(size, SERIF_BOLD)
    tw = ImageDraw.Draw(Image.new("L", (1, 1))).textlength(title, font=f)
    draw_text(page, title, (int((w - tw) / 2), 110), size, TITLE_RED, SERIF_BOLD)
    cv2.line(page, (120, 300), (w - 120, 300), TITLE_RED, 6)
    return page


def honour_certificate(title: str = "荣誉证书", size: int = 150, spacing: float = 0.5) -> np.ndarray:
    """A certificate page with a red title (letter-spaced by `spacing` × size) and black text."""
    page = blank_page()
    x = 300
    for ch in title:
        draw_text(page, ch, (x, 300), size, TITLE_RED, SERIF_BOLD)
        x += int(size * (1 + spacing))
    draw_text(page, "兹授予 同志", (300, 700), 60)
    draw_text(page, "在二〇二三年度工作中成绩突出，特发此证。", (300, 820), 50)
    return page


def rouged_portrait() -> tuple[np.ndarray, list]:
    """The astronaut ID photo with red lipstick and rouged cheeks (red ink by the redness rule)."""
    photo, eyes = astronaut_portrait()
    photo = photo.copy()
    x0, y0 = ASTRONAUT_PORTRAIT[:2]
    cv2.ellipse(photo, (225 - x0, 143 - y0), (22, 8), 0, 0, 360, (40, 30, 200), -1)
    for cx in (195, 258):
        tint = photo.copy()
        cv2.circle(tint, (cx - x0, 126 - y0), 14, (90, 80, 230), -1)
        photo = cv2.addWeighted(photo, 0.5, tint, 0.5, 0)
    return photo, eyes
