"""Robust ellipse fitting, shared by the seal outline finder and the learned ring detector."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import cv2
import numpy as np

from redaction.model.types import Floats

#: An ellipse as cv2.fitEllipse gives it: centre, full axes (width, height), angle in degrees.
Ellipse: TypeAlias = tuple[tuple[float, float], tuple[float, float], float]


def refit_ellipse(pts: Floats, tolerances: Sequence[float], min_points: int) -> tuple[Ellipse, Floats] | None:
    """An ellipse through `pts`, refitted once per tolerance on the points whose relative radial
    distance from the previous fit is within it (outliers dropped step by step). Returns
    (cv2 ellipse, every point's relative residual to the last fit), or None when fewer than
    `min_points` points stay or the fit degenerates."""
    keep = np.ones(len(pts), bool)
    for tol in tolerances:
        if keep.sum() < min_points:
            return None
        (ex, ey), (w, h), ang = cv2.fitEllipse(pts[keep])
        if not (np.isfinite([ex, ey, w, h]).all() and w > 2 and h > 2):
            return None
        t = np.deg2rad(ang)
        d = pts - (ex, ey)
        u = (d[:, 0] * np.cos(t) + d[:, 1] * np.sin(t)) / (w / 2)
        v = (-d[:, 0] * np.sin(t) + d[:, 1] * np.cos(t)) / (h / 2)
        res = np.abs(np.hypot(u, v) - 1)
        keep = res < tol
    return ((ex, ey), (w, h), ang), res
