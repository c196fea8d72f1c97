"""Red ink: the rule that finds red and faded-pink ink (seals, red letterheads, red titles), the
page's red channel (where red seals vanish), and bands of red ink worth reading."""

from __future__ import annotations

from typing import cast

import cv2
import numpy as np

from redaction.model.types import Box, Image, Mask


def red_ink_mask(image: Image) -> Mask:
    """Red and faded-pink ink: R − max(G, B) > 25 and R > 90 (HSV saturation loses pink seals).
    Saturating uint8 subtraction gives the same mask as signed arithmetic, 5× faster."""
    b, g, r = cv2.split(image)
    return (cv2.subtract(r, cv2.max(b, g)) > 25) & (r > 90)


def red_channel_view(image: Image) -> Image:
    """Red seals vanish in the red channel, so black text under them reads cleanly."""
    red = image[:, :, 2]
    return cast(Image, cv2.merge([red, red, red]))


def red_ink_regions(mask: Mask, min_height: int = 8) -> list[Box]:
    """Bands of red ink worth reading as text, merged so one title stays one crop."""
    h, w = mask.shape
    scale = 4
    small = cv2.resize(mask.astype(np.uint8) * 255, (max(1, w // scale), max(1, h // scale)),
                       interpolation=cv2.INTER_AREA)
    small = (small > 20).astype(np.uint8)
    small = cv2.dilate(small, np.ones((3, 9), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(small)
    boxes: list[Box] = []
    for x, y, bw, bh, area in stats[1:]:
        if bh * scale < min_height or area < 6:
            continue
        pad = 4 * scale
        boxes.append((max(0, x * scale - pad), max(0, y * scale - pad),
                      min(w, (x + bw) * scale + pad), min(h, (y + bh) * scale + pad)))
    return boxes
