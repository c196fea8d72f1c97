"""Leak check on already-masked files: run the detectors again and keep what is still visible."""

from __future__ import annotations

import numpy as np

from .document import Page
from .profile import Profile
from .regions import REQUIRED_KINDS, Region, clip_box

#: A box counts as masked when this fraction of its pixels share one solid colour.
MASKED_FRACTION = 0.85
_TOLERANCE = 12  # JPEG ringing around a solid fill


def uniform_fraction(pixels: np.ndarray, box) -> float:
    """Fraction of the box's pixels within a small tolerance of its median colour."""
    h, w = pixels.shape[:2]
    x0, y0, x1, y1 = clip_box(box, w, h)
    patch = pixels[y0:y1, x0:x1].reshape(-1, pixels.shape[2] if pixels.ndim == 3 else 1).astype(np.int16)
    if not len(patch):
        return 0.0   # nothing there: nothing masked
    median = np.median(patch, axis=0)
    close = np.all(np.abs(patch - median) <= _TOLERANCE, axis=1)
    return float(close.mean())


def is_masked(pixels: np.ndarray, region: Region) -> bool:
    """Whether a finding is already covered. Text and seals that the detectors find again are
    visible by definition (a solid fill has no text and no red ink); faces are still found with
    their eyes burned out, so for eyes the eye points themselves must lie under a solid fill."""
    if region.kind != "eyes":
        return False
    if "eyes" in region.extra:
        # The eye band found on a masked photo need not line up with the burned one; what
        # matters is that both eyes themselves lie under a solid fill.
        d = float(region.extra.get("eye_distance", 20.0))
        r = max(3.0, 0.2 * d)
        return all(uniform_fraction(pixels, (x - r, y - r, x + r, y + r)) >= MASKED_FRACTION
                   for x, y in region.extra["eyes"])
    return uniform_fraction(pixels, region.bbox) >= MASKED_FRACTION


def find_leaks(detector, page: Page, profile: Profile) -> tuple[Page, int, list[Region]]:
    """Required-kind findings not already covered by a solid fill, on the page made upright
    (a sideways page is read too); returns (upright page, rotation applied, findings)."""
    upright, rotation, regions = detector.propose_upright(page, profile)
    leaks = [r for r in regions
             if r.accepted and r.kind in REQUIRED_KINDS and not is_masked(upright.pixels, r)]
    return upright, rotation, leaks
