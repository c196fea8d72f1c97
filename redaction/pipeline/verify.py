"""Leak check on already-masked files: run the detectors again and keep what is still visible.

A finding is only something blind review requires masked — the applicant's name or an alias,
an employer, the employer's seal, the eyes of their own photo — judged the way `redact` judges
it: the same detectors and the same seal attribution (another organisation's seal, `other_seal`,
is no finding). Two things differ on a masked page and are allowed for here:

- a solid fill burned over part of a seal (a fragment `redact` took for a seal of its own inside
  another organisation's seal) hides part of the ring text, so the ring no longer reads as a
  whole. The seal is judged again with the fills blanked to paper, and a confidently read visible
  part of the ring that names no employer and could not be a misreading of one is that other
  organisation's seal; anything that could be the employer's, or does not read, stays a finding.
- CenterFace still finds a face whose eyes are burned out, but its eye points then land at the
  edge of the band: eyes lying within a third of an eye distance of a solid fill are covered.

Each finding keeps its evidence: kind, box, the text read (when there is one) and a short
`evidence` line in `Region.extra`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import cv2
import numpy as np

from redaction.files.document import Page
from redaction.model.kinds import REQUIRED_KINDS
from redaction.model.profile import Profile
from redaction.model.regions import Region, box_area, clip_box, intersection, iou
from redaction.model.types import Box, BoxF
from redaction.pipeline.protocols import LeakDetector
from redaction.text.normalize import normalize

if TYPE_CHECKING:
    from redaction.detect.seals import Seal

#: A box counts as masked when this fraction of its pixels share one solid colour.
MASKED_FRACTION = 0.85
_TOLERANCE = 12  # JPEG ringing around a solid fill
#: Solid fills smaller than this (pixels a side) are not masks.
MIN_FILL_SIDE = 10
#: Eye points within this many eye distances of a solid fill are under it (the face detector's
#: landmarks on a face with its eyes burned out land at the edge of the band).
EYE_FILL_MARGIN = 0.35
#: A visible part of a ring read at least this confidently, with at least this many Chinese
#: characters, can say whose seal it is (the recogniser's READABLE_SCORE for whole rings).
REMNANT_SCORE = 0.75
REMNANT_CHARS = 4
#: Or two fairer readings of it (the recogniser's AGREEING_SCORE on average) agreeing on this many
#: characters in a row, sharing nothing of the employers' own words.
REMNANT_AGREEMENT = 6


def uniform_fraction(pixels: np.ndarray, box: Box | BoxF) -> float:
    """Fraction of the box's pixels within a small tolerance of its median colour."""
    h, w = pixels.shape[:2]
    x0, y0, x1, y1 = clip_box(box, w, h)
    patch = pixels[y0:y1, x0:x1].reshape(-1, pixels.shape[2] if pixels.ndim == 3 else 1).astype(np.int16)
    if not len(patch):
        return 0.0   # nothing there: nothing masked
    median = np.median(patch, axis=0)
    close = np.all(np.abs(patch - median) <= _TOLERANCE, axis=1)
    return float(close.mean())


def fill_boxes(pixels: np.ndarray) -> list[Box]:
    """Solid fills burned into a page: rectangles of one colour (JPEG ringing allowed) that are
    not the paper. A white fill on white paper is paper here (it hides nothing either way)."""
    img = pixels if pixels.ndim == 3 else cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    h, w = img.shape[:2]
    kernel = np.ones((5, 5), np.uint8)
    spread = (cv2.dilate(img, kernel).astype(np.int16) - cv2.erode(img, kernel).astype(np.int16)).max(axis=2)
    flat = (spread <= 2 * _TOLERANCE).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(flat, connectivity=4)
    paper = np.median(img[:: max(1, h // 200), :: max(1, w // 200)].reshape(-1, 3), axis=0)
    boxes = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if bw < MIN_FILL_SIDE or bh < MIN_FILL_SIDE or area < 0.85 * bw * bh or area > 0.25 * h * w:
            continue
        colour = img[y + bh // 2, x + bw // 2].astype(np.int16)
        if np.all(np.abs(colour - paper) <= 2 * _TOLERANCE):
            continue
        # The flat core shrinks by the window's half-width at each edge: give it back.
        boxes.append((max(0, x - 2), max(0, y - 2), min(w, x + bw + 2), min(h, y + bh + 2)))
    return boxes


def _near_fill(x: float, y: float, fills: Sequence[Box], margin: float) -> bool:
    return any(x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin for x0, y0, x1, y1 in fills)


def is_masked(pixels: np.ndarray, region: Region, fills: Sequence[Box] | None = None) -> bool:
    """Whether a finding is already covered. Text and seals that the detectors find again are
    visible by definition (a solid fill has no text and no red ink); faces are still found with
    their eyes burned out, so for eyes the eye points themselves must lie under a solid fill
    (`fills`: the page's solid fills, found if not given)."""
    if region.kind != "eyes":
        return False
    if "eyes" in region.extra:
        # The eye band found on a masked photo need not line up with the burned one; what
        # matters is that both eyes themselves lie under a solid fill.
        d = float(region.extra.get("eye_distance", 20.0))
        r = max(3.0, 0.2 * d)
        if all(uniform_fraction(pixels, (x - r, y - r, x + r, y + r)) >= MASKED_FRACTION
               for x, y in region.extra["eyes"]):
            return True
        fills = fill_boxes(pixels) if fills is None else fills
        margin = max(4.0, EYE_FILL_MARGIN * d)
        return all(_near_fill(x, y, fills, margin) for x, y in region.extra["eyes"])
    return uniform_fraction(pixels, region.bbox) >= MASKED_FRACTION


def _blank(pixels: np.ndarray, fills: Sequence[Box]) -> np.ndarray:
    """The page with its solid fills painted the paper's colour (nothing to read there)."""
    out: np.ndarray = pixels.copy()
    h, w = out.shape[:2]
    paper = np.median(out[:: max(1, h // 200), :: max(1, w // 200)].reshape(-1, out.shape[2]), axis=0)
    for x0, y0, x1, y1 in fills:
        out[y0:y1, x0:x1] = paper.astype(out.dtype)
    return out


def _page_seal(pixels: np.ndarray, dpi: int | None, region: Region) -> Seal | None:
    """The detector's Seal (outline and all) behind a seal region of this page."""
    from redaction.pipeline.propose import find_page_seals

    best, best_iou = None, 0.3
    for seal in find_page_seals(pixels, dpi):
        v = iou(seal.bbox, region.bbox)
        if v > best_iou:
            best, best_iou = seal, v
    return best


def remnant_is_other(text: str, score: float, profile: Profile) -> bool:
    """A confident reading of the visible part of a ring (4+ Chinese characters) that names no
    employer, is not consistent with one and could not be a misreading of one."""
    from redaction.detect.sealtext import (
        cjk_count,
        consistent_with_employer,
        employer_in_ring,
        resembled_employer,
    )

    if score < REMNANT_SCORE or cjk_count(text) < REMNANT_CHARS:
        return False
    return (employer_in_ring(text, profile) is None and consistent_with_employer(text, profile) is None
            and resembled_employer(text, profile)[0] is None)


def remnants_agree_on_other(readings: list[tuple[str, float]], profile: Profile) -> bool:
    """Two readings of the visible part of a ring that agree on REMNANT_AGREEMENT characters in a
    row, fair on average, while no reading shares two characters of an employer's own words nor
    could be a misreading of one: what is visible says the same thing twice, and it is not the
    employer (an authority's 人力资源和社会保障厅 read 系认力资源和社会保疗 and 系认力资源和会保近
    beside the applicant's burned photo)."""
    from redaction.detect.sealtext import (
        AGREEING_SCORE,
        SHARING_SCORE,
        _common_run,
        consistent_with_employer,
        resembled_employer,
        shares_own_words,
    )

    if any(score >= SHARING_SCORE and shares_own_words(text, profile) for text, score in readings):
        return False
    fair = [(normalize(t), sc) for t, sc in readings
            if consistent_with_employer(t, profile) is None and resembled_employer(t, profile)[0] is None]
    return any((a[1] + b[1]) / 2 >= AGREEING_SCORE and _common_run(a[0], b[0]) >= REMNANT_AGREEMENT
               for i, a in enumerate(fair) for b in fair[i + 1:])


def judge_masked_seal(detector: LeakDetector, page: Page, region: Region, fills: Sequence[Box],
                      profile: Profile) -> Region | None:
    """An unreadable seal found again on a masked page with a solid fill over part of it, judged
    with the fills blanked: the finding (with its evidence), or None when the seal is another
    organisation's."""
    from redaction.detect.sealtext import SMOOTHING, read_ring, ring_text_strip

    covered = sum(intersection(f, region.bbox) for f in fills)
    if covered < 0.03 * box_area(region.bbox):
        region.extra["evidence"] = ("seal found again; its ring text does not read "
                                    "(unreadable seals count as the employer's)")
        return region
    seal = _page_seal(page.pixels, page.dpi, region)
    if seal is None:
        region.extra["evidence"] = "seal found again beside a mask; its ring text does not read"
        return region
    blank = _blank(page.pixels, fills)
    judged = detector.seal_regions(blank, [seal], profile)[0]
    if judged.kind != "seal":
        return None
    if judged.text:
        region.text = judged.text
        region.extra["evidence"] = f"seal partly masked; the visible ring reads as the employer: {judged.text}"
        return region
    readings: list[tuple[str, float]] = []
    for smoothing in SMOOTHING:
        strip = ring_text_strip(blank, seal, smoothing)
        if strip is None:
            break
        for text, score in read_ring(detector.ocr, [strip]):
            if remnant_is_other(text, score, profile):
                return None
            readings.append((text, score))
    if remnants_agree_on_other(readings, profile):
        return None
    region.extra["evidence"] = "seal partly masked; what is visible of its ring does not say whose it is"
    return region


#: Other people's names and employers (the roster audit's `others`), found in the same reading.
OTHER_KINDS = ("other_name", "other_employer")


def find_leaks(detector: LeakDetector, page: Page, profile: Profile, others: Profile | None = None
               ) -> tuple[Page, int, list[Region]]:
    """Required-kind findings not already covered by a solid fill, on the page made upright
    (a sideways page is read too); returns (upright page, rotation applied, findings).
    `others` (the roster audit): other applicants' names and employers, found in the same
    reading and returned as `other_name` / `other_employer` findings."""
    if others is None:
        upright, rotation, regions = detector.propose_upright(page, profile)
    else:
        upright, rotation, regions = detector.propose_upright(page, profile, others=others)
    foreign = [r for r in regions if r.kind in OTHER_KINDS]
    for r in foreign:
        r.extra.setdefault("evidence", f"another applicant's {r.kind[6:]} readable: {r.text}")
    candidates = [r for r in regions if r.accepted and r.kind in REQUIRED_KINDS]
    if not candidates:
        return upright, rotation, foreign
    fills = fill_boxes(upright.pixels)
    leaks = []
    for r in candidates:
        if is_masked(upright.pixels, r, fills):
            continue
        if r.kind == "seal" and r.text is None:
            judged = judge_masked_seal(detector, upright, r, fills, profile)
            if judged is None:
                continue
            r = judged
        elif r.kind == "eyes":
            r.extra.setdefault("evidence", "a face whose eyes are not under a solid fill")
        elif r.kind == "seal":
            r.extra.setdefault("evidence", f"the seal's ring reads as the employer: {r.text}")
        elif r.text:
            r.extra.setdefault("evidence", f"{r.kind} readable: {r.text}")
        leaks.append(r)
    return upright, rotation, leaks + foreign
