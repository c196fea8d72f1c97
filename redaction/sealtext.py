"""Whose seal is it: read the ring text of a seal and compare it with the profile's employers.

The ring is unrolled into a straight strip (seals.unwarp_ring) and read as one text line, upright
and turned 180° (ring text at the bottom of oval seals runs the other way). A seal whose ring
names an employer is `seal`; one that reads clearly as another organisation is `other_seal`
(shown, not accepted); anything unreadable stays `seal`, accepted: recall first.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from .match import approximate_find
from .profile import Profile, normalize

#: Ring text of an organisation's seal ends in one of these (after normalisation).
ORGANISATION = re.compile(r"(局|站|院|校|大学|学院|中心|委员会|委|政府|办公室|公司|协会|学会|研究所|所|厅|部|处|队|"
                          r"社|馆|厂|集团|医院|银行|专用章|公章|章)")
#: Below this recognition confidence a ring is "unreadable".
READABLE_SCORE = 0.75


def read_ring(engine, strip: np.ndarray) -> list[tuple[str, float]]:
    """Candidate readings (text, confidence) of an unrolled ring strip."""
    candidates = [strip, cv2.rotate(strip, cv2.ROTATE_180)]
    if hasattr(engine, "recognize"):
        return engine.recognize(candidates)
    out = []
    for c in candidates:
        lines = engine.read(c)
        if lines:
            best = max(lines, key=lambda ln: len(ln.text) * ln.score)
            out.append((best.text, best.score))
    return out


def employer_in_ring(text: str, profile: Profile) -> str | None:
    """The employer named by a ring reading, tolerating ~30 % misread characters."""
    norm = normalize(text)
    for term in profile.terms():
        if term.kind != "employer" or len(term.key) < 3:
            continue
        k = max(1, int(round(0.3 * len(term.key))))
        if approximate_find(term.key, norm, k):
            return term.text
    return None


def classify_seal(readings: list[tuple[str, float]], profile: Profile) -> tuple[str, bool, str | None, float]:
    """(kind, accepted, text, confidence) for a seal from its ring readings."""
    for text, score in readings:
        employer = employer_in_ring(text, profile)
        if employer:
            return "seal", True, employer, score
    for text, score in sorted(readings, key=lambda r: -r[1]):
        norm = normalize(text)
        cjk = sum(1 for c in norm if "\u4e00" <= c <= "\u9fff")
        if score >= READABLE_SCORE and cjk >= 4 and ORGANISATION.search(norm):
            return "other_seal", False, norm, score
    return "seal", True, None, 0.0
