"""Page orientation: pages scanned sideways or upside down are made upright before detection.

The page's text line boxes (the detection pass that reading reuses) tell horizontal from vertical
(a sideways page has tall, thin line boxes); a 0°/180° text-direction classifier on the longest
lines then tells which way round. Upright pages pay one classifier call (~10 ms).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import cv2
import numpy as np

from redaction.model.types import BoxF, Floats, Image
from redaction.ocr.base import OcrEngine

ROTATIONS = (0, 90, 180, 270)
_CV_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
#: Long side of the copy used for orientation.
ORIENT_SIDE = 1024


def rotate_image(pixels: Image, rotation: int) -> Image:
    """Rotate clockwise by 0/90/180/270 degrees."""
    rotation %= 360
    return pixels if rotation == 0 else cast(Image, np.ascontiguousarray(cv2.rotate(pixels, _CV_ROTATE[rotation])))


def rotate_box(box: Sequence[float], rotation: int, width: int, height: int) -> BoxF:
    """Map a box on an image of width×height to the same image rotated clockwise by `rotation`."""
    x0, y0, x1, y1 = box
    rotation %= 360
    if rotation == 0:
        return (x0, y0, x1, y1)
    if rotation == 90:
        return (height - y1, x0, height - y0, x1)
    if rotation == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    return (y0, width - x1, y1, width - x0)


def unrotate_points(pts: Floats, rotation: int, width: int, height: int) -> Floats:
    """Points (…, 2) found in `rotate_image(img, rotation)` → coordinates in `img` (width×height).

    Continuous pixel coordinates (pixel centres at +0.5), so the mapping is exact both ways.
    """
    pts = np.asarray(pts, dtype=np.float64)
    x, y = pts[..., 0], pts[..., 1]
    r = rotation % 360
    if r == 0:
        ox, oy = x, y
    elif r == 90:    # clockwise: (x, y) → (H − y, x)
        ox, oy = y, height - x
    elif r == 180:
        ox, oy = width - x, height - y
    elif r == 270:   # counter-clockwise: (x, y) → (y, W − x)
        ox, oy = width - y, x
    else:
        raise ValueError(f"rotation must be 0/90/180/270, not {rotation}")
    return np.stack([ox, oy], axis=-1)


def rotate_quads(quads: Sequence[Floats], rotation: int, width: int, height: int) -> list[Floats]:
    """Line quads found on an image of width×height, mapped onto that image rotated clockwise by
    `rotation`, corners still clockwise from the top-left (a 90° turn brings the bottom-left
    corner to the top-left)."""
    rotation %= 360
    if rotation == 0 or not len(quads):
        return list(quads)
    # The image is the turned one turned back by 360 − rotation; its size is the turned one's.
    turned_w, turned_h = (height, width) if rotation in (90, 270) else (width, height)
    q = np.asarray(quads, dtype=np.float32).reshape(-1, 4, 2)
    moved = unrotate_points(q, 360 - rotation, turned_w, turned_h)
    return list(np.roll(moved, rotation // 90, axis=1).astype(np.float32))


def _line_shapes(quads: Sequence[Floats]) -> tuple[Floats, Floats]:
    q = np.asarray(quads, dtype=np.float32).reshape(-1, 4, 2)
    w = (np.linalg.norm(q[:, 1] - q[:, 0], axis=1) + np.linalg.norm(q[:, 2] - q[:, 3], axis=1)) / 2
    h = (np.linalg.norm(q[:, 3] - q[:, 0], axis=1) + np.linalg.norm(q[:, 2] - q[:, 1], axis=1)) / 2
    return w, h


def _crop(image: Image, quad: Floats) -> Image:
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
    return image[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]


def detect_rotation(engine: OcrEngine, image: Image, max_lines: int = 12) -> int:
    """Clockwise rotation (0/90/180/270) that makes the page's text upright.

    Uses the engine's `detect_boxes(image) -> quads` and `upside_down(crops) -> list[float]`
    (probability each crop is upside down).
    """
    small = _small_copy(image)
    quads = engine.detect_boxes(small)
    if len(quads) == 0:
        return 0
    widths, heights = _line_shapes(quads)
    # Only lines of several characters say anything about direction.
    horizontal = float(widths[widths > 2.0 * heights].sum())
    vertical = float(heights[heights > 2.0 * widths].sum())
    base = 90 if vertical > 1.5 * horizontal else 0
    if base:
        small = rotate_image(small, base)
        quads = engine.detect_boxes(small)
        if len(quads) == 0:
            return base
        widths, heights = _line_shapes(quads)
    order = np.argsort(-(widths * (widths > 2.0 * heights)))[:max_lines]
    crops = [_crop(small, np.asarray(quads[i], np.float32).reshape(4, 2)) for i in order]
    crops = [c for c in crops if c.size and c.shape[0] >= 8 and c.shape[1] >= 16]
    if not crops:
        return base
    votes = np.asarray(engine.upside_down(crops), dtype=np.float64)
    weights = np.array([c.shape[1] for c in crops], dtype=np.float64)
    if float((votes * weights).sum() / weights.sum()) > 0.5:
        base = (base + 180) % 360
    return base


def _small_copy(image: Image) -> Image:
    h, w = image.shape[:2]
    scale = min(1.0, ORIENT_SIDE / max(h, w))
    if scale >= 1:
        return image
    return cast(Image, cv2.resize(image, (max(1, int(w * scale)), max(1, int(h * scale))),
                                  interpolation=cv2.INTER_AREA))


def sideways_rotation(engine: OcrEngine, image: Image, quads: Sequence[Floats] | None = None,
                      max_lines: int = 12) -> int | None:
    """Before reading a page: the rotation for a page scanned sideways (90 or 270), or None when
    its lines run horizontally (upright or upside down, told apart after reading by
    `rotation_from_lines`). Saves reading a sideways page twice. `quads`: the page's line boxes
    when already detected (the reading pass reuses them, so upright pages pay no detection pass
    for orientation); else they are detected on a small copy.

    Which way a sideways page turns: its longest lines, turned 90° clockwise, go to the 0°/180°
    classifier (upright: 90; upside down: 270)."""
    scale = 1.0
    if quads is None:
        small = _small_copy(image)
        scale = image.shape[1] / small.shape[1]
        quads = engine.detect_boxes(small)
    if len(quads) == 0:
        return None
    widths, heights = _line_shapes(quads)
    horizontal = float(widths[widths > 2.0 * heights].sum())
    vertical = float(heights[heights > 2.0 * widths].sum())
    if vertical <= 1.5 * horizontal:
        return None
    order = np.argsort(-(heights * (heights > 2.0 * widths)))[:max_lines]
    crops = [_crop(image, np.asarray(quads[i], np.float32).reshape(4, 2) * scale) for i in order]
    crops = [cast(Image, cv2.rotate(c, cv2.ROTATE_90_CLOCKWISE))
             for c in crops if c.size and c.shape[1] >= 8 and c.shape[0] >= 16]
    if not crops:
        return 90
    votes = np.asarray(engine.upside_down(crops), dtype=np.float64)
    weights = np.array([c.shape[1] for c in crops], dtype=np.float64)
    return 270 if float((votes * weights).sum() / weights.sum()) > 0.5 else 90


def rotation_from_lines(engine: OcrEngine, image: Image, quads: Sequence[Floats], max_lines: int = 12) -> int:
    """Orientation from lines already read on the page as it is: free for upright pages except
    one batched direction-classifier call; falls back to `detect_rotation` when lines run
    vertically or there are too few to judge."""
    if len(quads) < 2:
        return detect_rotation(engine, image, max_lines) if len(quads) == 0 else 0
    widths, heights = _line_shapes(quads)
    horizontal = float(widths[widths > 2.0 * heights].sum())
    vertical = float(heights[heights > 2.0 * widths].sum())
    if vertical > 1.5 * horizontal:
        return detect_rotation(engine, image, max_lines)
    order = np.argsort(-(widths * (widths > 2.0 * heights)))[:max_lines]
    crops = [_crop(image, np.asarray(quads[i], np.float32).reshape(4, 2)) for i in order]
    crops = [c for c in crops if c.size and c.shape[0] >= 8 and c.shape[1] >= 16]
    if not crops:
        return 0
    votes = np.asarray(engine.upside_down(crops), dtype=np.float64)
    weights = np.array([c.shape[1] for c in crops], dtype=np.float64)
    return 180 if float((votes * weights).sum() / weights.sum()) > 0.5 else 0
