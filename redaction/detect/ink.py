"""Red ink: the rule that finds red and faded-pink ink (seals, red letterheads, red titles), the
page's red channel (where red seals vanish), and bands of red ink worth reading."""

from __future__ import annotations

from typing import cast

import cv2
import numpy as np

from redaction.model.types import Box, Image, Mask

#: The red rule's floor: R − max(G, B) above this is red or faded-pink ink.
REDNESS = 25


#: A page whose red-ink share reaches this, on pink paper at least `PINK_PAPER` red itself, is its
#: paper counted as ink (a phone photo of a notice on pink paper: half the page), not ink.
TINTED_SHARE = 0.3
PINK_PAPER = 20


#: Purple seal ink (a stamp pad's violet-red: blue nearly up to its red, green far under both):
#: R − G above this and R above B. (Red ink under 0.55-0.62 transmission of blue and red: R − B
#: 17-22 on white paper, R − G 60-150 — under `REDNESS` for the plain rule.)
VIOLET_RG = 50


def plain_red_ink(image: Image) -> Mask:
    """Red and faded-pink ink: R − max(G, B) > REDNESS and R > 90 (HSV saturation loses pink
    seals); and purple seal ink, R − G > VIOLET_RG with B under R. Saturating uint8 subtraction
    gives the same mask as signed arithmetic, 5× faster."""
    b, g, r = cv2.split(image)
    red = cv2.subtract(r, cv2.max(b, g)) > REDNESS
    violet = (cv2.subtract(r, g) > VIOLET_RG) & (cv2.subtract(r, b) > 0)
    return (red | violet) & (r > 90)


def red_ink_mask(image: Image) -> Mask:
    """`plain_red_ink` of a page; on tinted paper that rule takes for ink (`TINTED_SHARE`,
    `PINK_PAPER`), the same rule on the page white-balanced to its paper: redness over the paper's."""
    mask = plain_red_ink(image)
    if np.count_nonzero(mask) < TINTED_SHARE * mask.size:
        return mask
    # The paper: the channels' medians over the brighter half of every 8th pixel (a red frame or
    # background round white paper, darker than it, is not its tone).
    sample = np.ascontiguousarray(image[::8, ::8]).reshape(-1, 3)
    grey = sample @ np.array([0.114, 0.587, 0.299])
    tone = np.maximum(np.median(sample[grey >= np.median(grey)], axis=0), 1.0)
    if tone[2] - max(tone[0], tone[1]) < PINK_PAPER or tone[0] < tone[1]:
        # Not pink: white paper in a red frame, or an orange or yellow certificate (green over
        # blue), whose red borders and ornaments stay red ink against it (on the one such dev
        # photo, counted against its paper, they made a seal-sized ring of 1.5k px).
        return mask
    # A lookup per channel, saturating in uint8: what is brighter than the paper is no ink.
    levels = np.arange(256, dtype=np.float64)[:, None] * (255.0 / tone)[None, :]
    table = np.clip(np.round(levels), 0, 255).astype(np.uint8).reshape(256, 1, 3)
    b, g, r = cv2.split(cv2.LUT(image, table))
    return (cv2.subtract(r, cv2.max(b, g)) > REDNESS) & (image[:, :, 2] > 90)


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
    return _join_rows(boxes, mask)


#: Red ink covers ≥ 17 % of a red title character's band; the red fringes of black text in a
#: colour scan cover 1–3 % of theirs, and are not joined into lines.
SOLID_RED = 0.08


def _join_rows(boxes: list[Box], mask: Mask) -> list[Box]:
    """Join solid red bands side by side on one row whose gap is under 1.5 of their height: a
    red title set with wide letter-spacing (江  苏  省  教  师) is one line, not nine
    one-character crops (stacked for reading, those read as a column of text)."""
    solid = [b for b in boxes if float(mask[b[1]:b[3], b[0]:b[2]].mean()) >= SOLID_RED]
    joined = sorted(solid)
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(joined):
            for j in range(i + 1, len(joined)):
                b = joined[j]
                height = max(a[3] - a[1], b[3] - b[1])
                overlap = min(a[3], b[3]) - max(a[1], b[1])
                gap = max(a[0], b[0]) - min(a[2], b[2])
                if overlap > 0.6 * min(a[3] - a[1], b[3] - b[1]) and gap < 1.5 * height:
                    joined[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del joined[j]
                    changed = True
                    break
            if changed:
                break
    return joined + [b for b in boxes if b not in solid]
