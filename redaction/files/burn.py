"""Burn solid masks into pixels: every accepted box of a page in one vectorised pass.

Solid opaque fills only: blur and mosaic are reversible (Depix, Unredacter), so there is no option
for them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from redaction.model.types import Mask

DEFAULT_FILL = (0, 0, 0)  # BGR


def _clipped_boxes(shape: tuple[int, ...], boxes: npt.ArrayLike) -> tuple[npt.NDArray[np.int64], ...]:
    """Boxes as int arrays (x0, y0, x1, y1), clipped to the page, rounded outwards, non-empty only.

    As floats first: coordinates from an edited review file may be huge or fractional; a
    fractional edge covers the pixel it touches.
    """
    h, w = shape
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    if np.isnan(boxes).any():
        raise ValueError("a mask box has a coordinate that is not a number")
    x0 = np.floor(np.clip(boxes[:, 0], 0, w)).astype(np.int64)
    y0 = np.floor(np.clip(boxes[:, 1], 0, h)).astype(np.int64)
    x1 = np.ceil(np.clip(boxes[:, 2], 0, w)).astype(np.int64)
    y1 = np.ceil(np.clip(boxes[:, 3], 0, h)).astype(np.int64)
    keep = (x1 > x0) & (y1 > y0)
    return x0[keep], y0[keep], x1[keep], y1[keep]


def coverage_mask(shape: tuple[int, ...], boxes: npt.ArrayLike) -> Mask:
    """Boolean H×W mask of the union of boxes [x0, y0, x1, y1) (clipped to the page).

    A 2-D difference array (+1/−1 at the corners, then two cumulative sums) marks every box at
    once, whatever their number or overlap.
    """
    h, w = shape
    x0, y0, x1, y1 = _clipped_boxes(shape, boxes)
    if not len(x0):
        return np.zeros((h, w), dtype=bool)
    diff = np.zeros((h + 1, w + 1), dtype=np.int32)
    np.add.at(diff, (y0, x0), 1)
    np.add.at(diff, (y0, x1), -1)
    np.add.at(diff, (y1, x0), -1)
    np.add.at(diff, (y1, x1), 1)
    return diff.cumsum(axis=0).cumsum(axis=1)[:h, :w] > 0


#: Up to this many boxes a page is filled box by box (work ∝ box area); beyond, in one pass
#: through `coverage_mask` (work ∝ page area, whatever the number of boxes).
_SLICE_FILL_MAX = 64


def burn(pixels: np.ndarray, boxes: npt.ArrayLike, fill: Sequence[int] = DEFAULT_FILL,
         in_place: bool = False) -> np.ndarray:
    """`pixels` with every box filled solid with `fill` (BGR, or gray for 2-D images): a copy,
    or with `in_place` the array itself (export's own freshly decoded page, written out and
    dropped: copying a 200-dpi A4 page costs as much as burning it)."""
    out = pixels if in_place and pixels.flags.writeable else np.array(pixels, copy=True)
    value = np.asarray(fill, dtype=out.dtype)[: out.shape[2] if out.ndim == 3 else 1].squeeze()
    x0, y0, x1, y1 = _clipped_boxes(out.shape[:2], boxes)
    if len(x0) <= _SLICE_FILL_MAX:
        for a, b, c, d in zip(x0.tolist(), y0.tolist(), x1.tolist(), y1.tolist(), strict=True):
            out[b:d, a:c] = value
    else:
        mask = coverage_mask(out.shape[:2], boxes)
        out[mask] = value
    return out


def parse_color(text: str) -> tuple[int, int, int]:
    """'black', 'white', '#RRGGBB' or 'R,G,B' → a BGR tuple."""
    named = {"black": (0, 0, 0), "white": (255, 255, 255), "gray": (128, 128, 128), "grey": (128, 128, 128)}
    t = text.strip().lower()
    if t in named:
        r, g, b = named[t]
    elif t.startswith("#") and len(t) == 7:
        r, g, b = (int(t[i:i + 2], 16) for i in (1, 3, 5))
    else:
        parts = [int(p) for p in t.split(",")]
        if len(parts) != 3:
            raise ValueError(f"not a colour: {text!r}")
        r, g, b = parts
    if not all(0 <= v <= 255 for v in (r, g, b)):
        raise ValueError(f"colour out of range: {text!r}")
    return (b, g, r)
