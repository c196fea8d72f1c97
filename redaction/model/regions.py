"""The box that every stage passes around: a proposed or confirmed mask region."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np

from redaction.model.types import Box, BoxF


@dataclass
class Region:
    """One rectangle on a page, in page pixels: x0, y0 inclusive; x1, y1 exclusive."""

    kind: str
    #: Integer page pixels once clipped (`clip_box`); detectors may hand over float boxes first.
    bbox: Box | BoxF
    score: float = 1.0
    text: str | None = None
    accepted: bool = True
    source: str = "auto"  # "auto" (a detector) or "manual" (a person drew it)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def width(self) -> float:
        """x1 − x0."""
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        """y1 − y0."""
        return self.bbox[3] - self.bbox[1]

    def with_bbox(self, bbox: Sequence[float]) -> Region:
        """A copy with `bbox`, its coordinates truncated to integers."""
        return replace(self, bbox=cast(Box, tuple(int(v) for v in bbox)))


def clip_box(box: Sequence[float], width: int, height: int) -> Box:
    """Round outwards to integers and clip to the page; the result may be empty."""
    x0, y0, x1, y1 = box
    x0 = int(np.floor(max(0, min(width, x0))))
    y0 = int(np.floor(max(0, min(height, y0))))
    x1 = int(np.ceil(max(0, min(width, x1))))
    y1 = int(np.ceil(max(0, min(height, y1))))
    return x0, y0, max(x0, x1), max(y0, y1)


def pad_box(box: Sequence[float], px: float, py: float | None = None) -> BoxF:
    """`box` grown by `px` left and right and `py` (default: `px`) above and below."""
    py = px if py is None else py
    x0, y0, x1, y1 = box
    return x0 - px, y0 - py, x1 + px, y1 + py


def box_area(box: Sequence[float]) -> float:
    """Area of a box; 0 if it is empty."""
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def intersection(a: Sequence[float], b: Sequence[float]) -> float:
    """Area of the overlap of two boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    """Intersection over union of two boxes (0 when both are empty)."""
    inter = intersection(a, b)
    union = box_area(a) + box_area(b) - inter
    return inter / union if union > 0 else 0.0


def union_box(boxes: Iterable[Sequence[float]]) -> BoxF:
    """The smallest box holding all `boxes` (int coordinates stay int)."""
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def merge_overlapping(regions: list[Region], min_iou: float = 0.5) -> list[Region]:
    """Drop regions of the same kind that mostly duplicate a higher-scoring one."""
    kept: list[Region] = []
    for r in sorted(regions, key=lambda r: -r.score):
        dup = False
        for k in kept:
            if k.kind != r.kind:
                continue
            inter = intersection(k.bbox, r.bbox)
            if inter <= 0:
                continue
            small = min(box_area(k.bbox), box_area(r.bbox))
            if iou(k.bbox, r.bbox) >= min_iou or (small and inter / small >= 0.9):
                k.bbox = union_box([k.bbox, r.bbox])
                dup = True
                break
        if not dup:
            kept.append(r)
    return kept
