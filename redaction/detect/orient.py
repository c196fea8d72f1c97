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
    # Corners put in order afresh rather than rolled: a tilted vertical line's corners come from
    # the detector starting at the wrong one (see `_line_shapes`).
    return [_clockwise_from_top_left(m).astype(np.float32) for m in moved]


def _clockwise_from_top_left(quad: Floats) -> Floats:
    """The quad's corners clockwise (on screen), starting at the top-left one in the frame of the
    box itself (its side nearest the x axis taken as its top), as the detector gives an untilted
    box; right for lines of any length tilted by up to 45°."""
    q = np.asarray(quad, dtype=np.float64).reshape(4, 2)
    c = q.mean(axis=0)
    q = q[np.argsort(np.arctan2(q[:, 1] - c[1], q[:, 0] - c[0]))]   # y down: rising angle is clockwise
    sides = [q[1] - q[0], q[2] - q[1]]
    e1 = max(sides, key=lambda v: abs(float(v[0])) / (float(np.linalg.norm(v)) + 1e-9))
    e1 = e1 / (float(np.linalg.norm(e1)) + 1e-9) * (1.0 if e1[0] >= 0 else -1.0)
    e2 = np.array([-e1[1], e1[0]])
    return np.roll(q, -int(np.argmin(q @ (e1 + e2))), axis=0)


def _line_shapes(quads: Sequence[Floats]) -> tuple[Floats, Floats]:
    """Each line box's extent along the page's x and y axes: (length, thickness) for a line
    running horizontally, (thickness, length) for one running vertically.

    Told from the box's long side, not from the order of its corners: the detector orders corners
    by x, so a vertical line tilted by more than its thickness over its length (a phone photo a
    few degrees off the quarter turn) comes back starting at its bottom-left corner, and its
    first side, taken as its width, is its length."""
    q = np.asarray(quads, dtype=np.float32).reshape(-1, 4, 2)
    a = ((q[:, 1] - q[:, 0]) + (q[:, 2] - q[:, 3])) / 2      # one pair of opposite sides
    b = ((q[:, 3] - q[:, 0]) + (q[:, 2] - q[:, 1])) / 2      # the other pair
    la, lb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    long_side = np.where((la >= lb)[:, None], a, b)
    length, thickness = np.maximum(la, lb), np.minimum(la, lb)
    horizontal = np.abs(long_side[:, 0]) >= np.abs(long_side[:, 1])
    return np.where(horizontal, length, thickness), np.where(horizontal, thickness, length)


def _line_crop(image: Image, quad: Floats, sideways: bool) -> Image:
    """The line straightened to read from left to right: a horizontal line as it stands, a
    vertical one as the page turned 90° clockwise shows it (its bottom end to the left)."""
    q = np.asarray(quad, dtype=np.float64).reshape(4, 2)
    a = ((q[1] - q[0]) + (q[2] - q[3])) / 2
    b = ((q[3] - q[0]) + (q[2] - q[1])) / 2
    u = a if np.linalg.norm(a) >= np.linalg.norm(b) else b        # along the line
    length, thickness = float(np.linalg.norm(u)), float(min(np.linalg.norm(a), np.linalg.norm(b)))
    if length < 2 or thickness < 2:
        return np.zeros((0, 0, 3), np.uint8)
    u = u / length
    if (u[1] > 0) if sideways else (u[0] < 0):   # reading direction: up for sideways, right for level
        u = -u
    n = np.array([-u[1], u[0]])                        # from the top of the characters to their foot
    c = q.mean(axis=0)
    half_l, half_t = u * length / 2, n * thickness / 2
    src = np.array([c - half_l - half_t, c + half_l - half_t, c + half_l + half_t, c - half_l + half_t], np.float32)
    w, h = int(round(length)), int(round(thickness))
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    return cast(Image, cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE))


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
    base = 90 if _runs_vertically(widths, heights) else 0
    if base:
        small = rotate_image(small, base)
        quads = engine.detect_boxes(small)
        if len(quads) == 0:
            return base
        widths, heights = _line_shapes(quads)
    order = np.argsort(-(widths * (widths > 2.0 * heights)))[:max_lines]
    if _upside_down(engine, [_line_crop(small, quads[i], sideways=False) for i in order]):
        base = (base + 180) % 360
    return base


def _runs_vertically(widths: Floats, heights: Floats) -> bool:
    """Whether the page's text runs vertically: only lines of several characters say anything
    about direction, and vertical ones must outweigh horizontal ones 1.5 : 1."""
    horizontal = float(widths[widths > 2.0 * heights].sum())
    vertical = float(heights[heights > 2.0 * widths].sum())
    return vertical > 1.5 * horizontal


def _upside_down(engine: OcrEngine, crops: list[Image]) -> bool | None:
    """The 0°/180° classifier's vote over line crops, weighted by width; None without a usable crop."""
    crops = [c for c in crops if c.size and c.shape[0] >= 8 and c.shape[1] >= 16]
    if not crops:
        return None
    votes = np.asarray(engine.upside_down(crops), dtype=np.float64)
    weights = np.array([c.shape[1] for c in crops], dtype=np.float64)
    return float((votes * weights).sum() / weights.sum()) > 0.5


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
    if not _runs_vertically(widths, heights):
        return None
    order = np.argsort(-(heights * (heights > 2.0 * widths)))[:max_lines]
    crops = [_line_crop(image, np.asarray(quads[i], np.float32).reshape(4, 2) * scale, sideways=True)
             for i in order]
    return 270 if _upside_down(engine, crops) else 90


def rotation_from_lines(engine: OcrEngine, image: Image, quads: Sequence[Floats], max_lines: int = 12) -> int:
    """Orientation from lines already read on the page as it is: free for upright pages except
    one batched direction-classifier call; falls back to `detect_rotation` when lines run
    vertically or there are too few to judge."""
    if len(quads) < 2:
        return detect_rotation(engine, image, max_lines) if len(quads) == 0 else 0
    widths, heights = _line_shapes(quads)
    if _runs_vertically(widths, heights):
        return detect_rotation(engine, image, max_lines)
    order = np.argsort(-(widths * (widths > 2.0 * heights)))[:max_lines]
    return 180 if _upside_down(engine, [_line_crop(image, quads[i], sideways=False) for i in order]) else 0
