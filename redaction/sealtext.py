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

from .match import approximate_find, numerals_compatible
from .profile import Profile, normalize

#: Ring text of an organisation's seal ends in one of these (after normalisation).
ORGANISATION = re.compile(r"(局|站|院|校|大学|学院|中心|委员会|委|政府|办公室|公司|协会|学会|研究所|所|厅|部|处|队|"
                          r"社|馆|厂|集团|医院|银行|专用章|公章|章)")
#: One reading this confident is enough; two agreeing readings may be down to MIN_SCORE.
READABLE_SCORE = 0.75
MIN_SCORE = 0.45
AGREEING_SCORE = 0.6


#: Radial bands (outer, inner, as fractions of the fitted ring) tried for the ring text: fitted
#: ellipses are a little off on worn or oval seals, and the ring line itself confuses the reader.
RING_BANDS = ((0.95, 0.5), (0.88, 0.45), (0.98, 0.6))


def _normalised(strip: np.ndarray) -> np.ndarray:
    """Stretch faded ink to full contrast (pink seals unroll into pale grey strips)."""
    gray = strip[:, :, 0] if strip.ndim == 3 else strip
    ink = 255.0 - gray.astype(np.float32)
    top = float(np.percentile(ink, 99.5))
    if top > 20:
        ink = np.clip(ink * (255.0 / top), 0, 255)
    out = (255.0 - ink).astype(np.uint8)
    return cv2.merge([out, out, out])


def ring_strips(image: np.ndarray, seal, band=RING_BANDS[0]) -> list[np.ndarray]:
    """The ring unrolled over one radial band, upright and turned 180°."""
    from .seals import unwarp_ring

    strip = _normalised(unwarp_ring(image, seal, band=band))
    return [strip, cv2.rotate(strip, cv2.ROTATE_180)]


def read_ring(engine, strips: list[np.ndarray]) -> list[tuple[str, float]]:
    """Candidate readings (text, confidence) of unrolled ring strips (one recognition batch)."""
    if hasattr(engine, "recognize"):
        return engine.recognize(strips)
    out = []
    for c in strips:
        lines = engine.read(c)
        if lines:
            best = max(lines, key=lambda ln: len(ln.text) * ln.score)
            out.append((best.text, best.score))
    return out


def attribute_seal(engine, image: np.ndarray, seal, profile: Profile) -> tuple[str, bool, str | None, float]:
    """Read the ring band by band and stop at the first firm answer (most seals: the first band)."""
    readings: list[tuple[str, float]] = []
    result = ("seal", True, None, 0.0)
    for band in RING_BANDS:
        readings += read_ring(engine, ring_strips(image, seal, band))
        result = classify_seal(readings, profile)
        if result[2] is not None:
            return result
    return result


def employer_in_ring(text: str, profile: Profile) -> str | None:
    """The employer named by a ring reading, tolerating ~30 % misread characters."""
    norm = normalize(text)
    for term in profile.terms():
        if term.kind != "employer" or len(term.key) < 3:
            continue
        k = max(1, int(round(0.3 * len(term.key))))
        if any(numerals_compatible(term.key, norm[s:e]) for s, e, _ in approximate_find(term.key, norm, k)):
            return term.text
    return None


def is_organisation_name(text: str) -> bool:
    """4+ Chinese characters ending in an organisation word (大学, 局, 中心 ...)."""
    norm = normalize(text)
    cjk = sum(1 for c in norm if "\u4e00" <= c <= "\u9fff")
    return cjk >= 4 and ORGANISATION.search(norm) is not None


def _lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def consistent_with_employer(text: str, profile: Profile, ratio: float = 0.75) -> str | None:
    """The employer that a partial ring reading could be: most of what was read (the whole
    reading, or either half when both turns of the strip were read) appears in order in the employer's
    name. A worn ring read as 伊犁哈治农站 is 伊犁哈萨克自治州农业技术推广总站's seal, not another's."""
    norm = normalize(text)
    half = len(norm) // 2
    parts = [norm]
    if half >= 4 and _lcs(norm[:half], norm[half:]) >= 0.6 * half:   # both turns were read
        parts += [norm[:half], norm[half:]]
    parts = [p for p in parts if len(p) >= 4]
    for term in profile.terms():
        if term.kind != "employer":
            continue
        if any(_lcs(p, term.key) >= ratio * len(p) for p in parts):
            return term.text
    return None


def _common_run(a: str, b: str) -> int:
    """Length of the longest common substring (ring readings are short: plain DP is fine)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def classify_seal(readings: list[tuple[str, float]], profile: Profile) -> tuple[str, bool, str | None, float]:
    """(kind, accepted, text, confidence) for a seal from its ring readings.

    An employer in any reading makes it the applicant's seal. It is another organisation's only
    on firm evidence: one confident reading, or two fairly confident readings (of different bands
    or directions) that agree on 4+ characters, naming an organisation. Stable garbage reads the
    same twice too, so agreement alone is not enough. Anything else stays an accepted seal.
    """
    for text, score in readings:
        employer = employer_in_ring(text, profile)
        if employer:
            return "seal", True, employer, score
    for text, score in readings:
        employer = consistent_with_employer(text, profile) if score >= MIN_SCORE else None
        if employer:
            return "seal", True, employer, score
    candidates = []
    for text, score in readings:
        if score >= MIN_SCORE and is_organisation_name(text):
            candidates.append((normalize(text), score))
    candidates.sort(key=lambda c: -c[1])
    for i, (text, score) in enumerate(candidates):
        if score >= READABLE_SCORE:
            return "other_seal", False, text, score
        for other, other_score in candidates[i + 1:]:
            if (score + other_score) / 2 >= AGREEING_SCORE and _common_run(text, other) >= 4:
                return "other_seal", False, text, max(score, other_score)
    return "seal", True, None, 0.0
