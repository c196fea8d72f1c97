"""Handwritten signatures (and red fingerprints) next to signature labels such as 本人签名.

A signature is the applicant's name too. OCR reads the printed label; the ink to its right or
just below it that is not printed text (well-read OCR lines) and not table rules is the signature.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

import cv2
import numpy as np
import numpy.typing as npt

from redaction.detect.ink import red_ink_mask
from redaction.model.regions import Region
from redaction.model.types import Box, BoxF, Image, Mask, Numeric
from redaction.ocr.base import TextLine
from redaction.text.normalize import normalize_with_map

#: Labels after which a person signs (normalised: no spaces).
SIGNATURE_LABEL = re.compile(
    r"(本人签名|本人签字|本人签章|持证人签名|申请人签名|申报人签名|申报人签字|承诺人签名|承诺人签字|"
    r"个人签名|签名|签字|签章|承诺人|申报人|申请人|被考核人|填表人)[:：]?")
#: Printed text read at least this confidently is not a signature.
PRINTED_SCORE = 0.85


def _label_spans(line: TextLine) -> Iterator[tuple[BoxF, BoxF]]:
    norm, index = normalize_with_map(line.text)
    for m in SIGNATURE_LABEL.finditer(norm):
        # A label only if the line ends there or continues after a colon/space: 申报人基本情况 is a heading.
        rest = norm[m.end():]
        if rest and not (m.group(0).endswith((":", "：")) or rest.startswith(("(", "（", "_"))):
            if len(rest) > 2:
                continue
        first, last = index[m.start()], index[m.end() - 1]
        yield line.char_boxes[first], line.char_boxes[last]


def _ink_mask(gray: Numeric, line_height: float) -> npt.NDArray[np.integer[Any]]:
    """Dark ink without long straight rules (table borders, underlines to sign on)."""
    ink = (gray < 140).astype(np.uint8)
    length = max(15, int(3 * line_height))
    horizontal = cast(Image, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8)))
    vertical = cast(Image, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8)))
    return ink & ~(horizontal | vertical) & 1


def _local_ink(gray: Numeric, area: Box, line_height: float) -> npt.NDArray[np.integer[Any]]:
    """`_ink_mask` of one search area only (not the whole page per label): computed on the area
    grown by a rule's length, so rules crossing it are still long enough to be recognised."""
    x0, y0, x1, y1 = area
    grow = max(15, int(3 * line_height))
    h, w = gray.shape
    gx0, gy0, gx1, gy1 = max(0, x0 - grow), max(0, y0 - grow), min(w, x1 + grow), min(h, y1 + grow)
    ink = _ink_mask(gray[gy0:gy1, gx0:gx1], line_height)
    return ink[y0 - gy0:y1 - gy0, x0 - gx0:x1 - gx0]


def find_signatures(image: Image, lines: list[TextLine], red: Mask | None = None,
                    gray: Numeric | None = None) -> list[Region]:
    """`signature` regions (and `fingerprint` regions for red ink) beside signature labels."""
    h, w = image.shape[:2]
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if gray is None else gray
    red = red_ink_mask(image) if red is None else red
    printed = np.zeros((h, w), np.uint8)
    for ln in lines:
        if ln.score >= PRINTED_SCORE and ln.source == "page" and not SIGNATURE_LABEL.fullmatch(
                normalize_with_map(ln.text)[0]):
            x0, y0, x1, y1 = (int(round(v)) for v in ln.bbox)
            printed[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = 1
    regions: list[Region] = []
    for ln in lines:
        if ln.source != "page":
            continue
        for first, last in _label_spans(ln):
            lh = max(8.0, ln.height)
            lx0, ly0 = first[0], min(first[1], last[1])
            lx1, ly1 = last[2], max(first[3], last[3])
            areas = [
                (lx1 + 0.1 * lh, ly0 - 0.9 * lh, lx1 + 9 * lh, ly1 + 0.9 * lh),      # to the right
                (lx0 - 1.0 * lh, ly1 + 0.1 * lh, lx0 + 9 * lh, ly1 + 3.0 * lh),      # just below
            ]
            for ax0, ay0, ax1, ay1 in areas:
                x0, y0 = max(0, int(ax0)), max(0, int(ay0))
                x1, y1 = min(w, int(ax1)), min(h, int(ay1))
                if x1 - x0 < 4 or y1 - y0 < 4:
                    continue
                ink = _local_ink(gray, (x0, y0, x1, y1), lh) & (1 - printed[y0:y1, x0:x1])
                box = _ink_box(ink, lh)
                if box is not None:
                    bx0, by0, bx1, by1 = box
                    pad = 0.3 * lh
                    regions.append(Region("signature", (x0 + bx0 - pad, y0 + by0 - pad, x0 + bx1 + pad, y0 + by1 + pad),
                                          0.6, ln.text.strip(), True))
                finger = _ink_box(red[y0:y1, x0:x1].astype(np.uint8), lh, min_fill=0.15)
                if finger is not None:
                    bx0, by0, bx1, by1 = finger
                    pad = 0.2 * lh
                    regions.append(Region("fingerprint",
                                          (x0 + bx0 - pad, y0 + by0 - pad, x0 + bx1 + pad, y0 + by1 + pad),
                                          0.6, None, True))
    return regions


def _ink_box(ink: npt.NDArray[np.integer[Any]], line_height: float, min_fill: float = 0.0) -> Box | None:
    """Bounding box of the meaningful ink blobs in `ink`, or None when there is (almost) none."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = [s for s in stats[1:] if s[4] >= max(6, 0.01 * line_height ** 2)]
    if not keep:
        return None
    total = sum(int(s[4]) for s in keep)
    if total < 0.15 * line_height ** 2:
        return None
    x0 = min(s[0] for s in keep)
    y0 = min(s[1] for s in keep)
    x1 = max(s[0] + s[2] for s in keep)
    y1 = max(s[1] + s[3] for s in keep)
    if min_fill and total / max(1, (x1 - x0) * (y1 - y0)) < min_fill:
        return None
    return x0, y0, x1, y1
