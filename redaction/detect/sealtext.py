"""Whose seal is it: read the ring text of a seal and compare it with the profile's employers.

The ring text is unrolled into one straight line of characters (`ring_text_strip`) and read by the
recogniser; if that reading settles nothing, the same line without smoothing and the whole ring
text (faint characters included: a long faded ring text breaks into pieces) are read too. A seal
whose ring names an employer — its own words, not only the region every organisation there shares
(新疆维吾尔自治区) — is `seal`; one that reads clearly as another organisation is `other_seal`
(shown, not accepted), and so is one read twice in part as an organisation that shares nothing of
any employer's own words (`partial_other_reading`: a training centre's long faded ring) or naming
a supervision seal (监制, the tax bureau's on every invoice); a printed emblem (a ring round a
star, nothing written; or a picture filling the middle: a national emblem) is `other_seal` too;
anything unreadable stays `seal`, accepted: recall first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, cast

import cv2
import numpy as np

from redaction.detect.match import (
    DEPARTMENTS,
    PLACE_ENDS,
    UNIT_ENDS,
    approximate_find,
    edits,
    level,
    numerals_compatible,
    one_place_apart,
    places,
    same_organisation,
    slipped_in,
    substitutions,
)
from redaction.model.profile import Profile
from redaction.model.regions import Region, intersection
from redaction.model.types import Floats, Image, Mask
from redaction.ocr.base import OcrEngine, TextLine
from redaction.text.normalize import MIDDLE_DOTS, normalize
from redaction.text.ownwords import lcs as _lcs, names_own_words, own_words

if TYPE_CHECKING:
    from redaction.detect.seals import Seal

#: Ring text of an organisation's seal ends in one of these (after normalisation).
ORGANISATION = re.compile(r"(局|站|院|校|大学|学院|中学|小学|幼儿园|中心|委员会|组委会|基金会|联合会|研究会|联盟|基地|"
                          r"中央|团委|支行|分行|"
                          r"委|政府|公署|办公室|公司|协会|学会|工会|商会|红十字会|妇联|文联|科协|残联|侨联|共青团|"
                          r"研究所|所|厅|部|处|室|队|社|馆|厂|集团|医院|银行|专用章|公章|章)")
#: One reading this confident is enough; two agreeing readings may be down to MIN_SCORE.
READABLE_SCORE = 0.75
MIN_SCORE = 0.45
AGREEING_SCORE = 0.6
#: Characters in a row two fair readings of a long ring text must agree on to name another
#: organisation without an organisation word read.
LONG_AGREEMENT = 8

#: The ring is unrolled from just outside the fitted outline to this deep inside it (units of the
#: minor semi-axis): the ring line and the ring text (≈ 0.1–0.4 deep), not the star.
BAND_DEPTH = (-0.05, 0.62)
#: Rows kept under the ring line for the ring text, in the same units.
TEXT_DEPTH = 0.42
#: Recogniser input height (PP-OCR recognition models take 48-pixel lines).
STRIP_HEIGHT = 48
#: Smoothing (Gaussian sigma, strip pixels before resizing) of the first strip read: the grain of
#: worn or faded ink breaks thin strokes; the second reading, if needed, is unsmoothed.
SMOOTHING = (1.0, 0.0)


def _seal_ink(image: Image, seal: Seal) -> tuple[Image, Seal]:
    """Ink strength (uint8, ink high, paper 0) over the seal's box, and the seal in that crop.

    Red seals: redness relative to brightness, (R − max(G, B)) / R, above the paper's own. Stamp
    ink multiplies what is under it, so plain redness fades wherever the ring crosses black text
    or a photo, while the ratio stays that of the ink (measured: 105 → 115 of 153 other
    organisations' seals read on the synthetic corpus). Faded pink seals are only 20–40 levels
    redder than the paper: the scale is set for them. Grey copies: darkness above the paper's (text
    under the seal stays, there is no telling it apart by colour).
    """
    from dataclasses import replace

    h, w = image.shape[:2]
    x0, y0, x1, y1 = seal.bbox
    mx, my = int(0.1 * (x1 - x0)) + 4, int(0.1 * (y1 - y0)) + 4
    X0, Y0, X1, Y1 = max(0, x0 - mx), max(0, y0 - my), min(w, x1 + mx), min(h, y1 + my)
    crop = image[Y0:Y1, X0:X1]
    if crop.ndim == 2:
        crop = cast(Image, cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
    if seal.colour == "red":
        b, g, r = cv2.split(crop)
        redness = cv2.subtract(r, cv2.max(b, g)).astype(np.float32)
        ink = redness * 255.0 / np.maximum(r.astype(np.float32), 60.0)
        ink = (ink - (float(np.median(ink)) + 4)) * (255.0 / 60.0)
    else:
        ink = 255.0 - cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY).astype(np.float32)
        ink = ink - (float(np.median(ink)) + 8)
    local = replace(seal, center=(seal.center[0] - X0, seal.center[1] - Y0))
    return np.clip(ink, 0, 255).astype(np.uint8), local


def _longest_gap_start(on: Mask) -> int:
    """Column at the middle of the longest circular run of empty columns (0 if none or all)."""
    n = len(on)
    if on.all() or not on.any():
        return 0
    best_len, best_start, run, start = -1, 0, 0, 0
    for j, v in enumerate(np.concatenate([on, on])):
        if v:
            run = 0
            continue
        if run == 0:
            start = j
        run += 1
        if run > best_len:
            best_len, best_start = run, start
    return (best_start + min(best_len, n) // 2) % n


def _runs(inked: Mask, on: Mask) -> list[list[float]]:
    """Runs of inked columns (gaps of ≤ 2 px closed): [start, end, ink, top, bottom], where top and
    bottom bound the middle 80 % of the run's ink rows, stretched to the full height (robust to a
    speck of the ring line above a character)."""
    runs: list[list[float]] = []
    cols, j = len(on), 0
    while j < cols:
        if not on[j]:
            j += 1
            continue
        s = e = j
        while j < cols and (on[j] or j - e <= 2):
            if on[j]:
                e = j
            j += 1
        rows = inked[:, s:e + 1].sum(axis=1).astype(np.float64)
        total = rows.sum()
        if total > 0:
            cdf = np.cumsum(rows) / total
            lo, hi = int(np.searchsorted(cdf, 0.1)), int(np.searchsorted(cdf, 0.9))
            centre = float((rows * np.arange(len(rows))).sum() / total)
            height = max(1.0, (hi - lo + 1) / 0.8)
            runs.append([s, e + 1, float(total), centre - height / 2, centre + height / 2])
    return runs


def _linked(p: list[float], q: list[float]) -> bool:
    """Are two neighbouring runs characters of one line of text? Close (a character's height or
    so apart: ring text is spaced out on short names), on one baseline and of one height, or the
    narrower one is a flat character (一) centred on the line."""
    hp, hq = p[4] - p[3], q[4] - q[3]
    href = max(hp, hq)
    if q[0] - p[1] > 1.5 * href:
        return False
    cp, cq = (p[3] + p[4]) / 2, (q[3] + q[4]) / 2
    if min(hp, hq) >= 0.5 * href:
        return abs(cp - cq) <= 0.3 * href
    small = p if hp < hq else q
    return small[1] - small[0] <= 1.3 * href and abs(cp - cq) <= 0.25 * href


def _heaviest_line(inked: Mask, on: Mask) -> tuple[list[list[float]], int, int] | None:
    """(runs, first, last): the runs of characters and the heaviest line of linked ones."""
    runs = _runs(inked, on)
    if not runs:
        return None
    runs = [r for r in runs if r[2] >= 0.03 * inked.shape[0] ** 2]     # specks (a 一 has more ink)
    if not runs:
        return None
    lines, first = [], 0
    for i in range(1, len(runs) + 1):
        if i == len(runs) or not _linked(runs[i - 1], runs[i]):
            lines.append((first, i - 1))
            first = i
    lo, hi = max(lines, key=lambda ln: sum(r[2] for r in runs[ln[0]:ln[1] + 1]))
    return runs, lo, hi


@dataclass
class RingText:
    """A seal's ring text unrolled: the text band (float, ink high, scaled to 255), its runs of
    inked columns, the heaviest line of characters (runs lo..hi), the characters' height, the
    seal's minor semi-axis (px) and the whole ring text (`_whole_arc`)."""

    text: np.ndarray
    runs: list[list[float]]
    line: tuple[int, int]
    height: float
    minor: float
    arc: tuple[np.ndarray, list[list[float]], float] | None = None

    def strip(self, smoothing: float = SMOOTHING[0]) -> Image:
        """The heaviest line as one recogniser line."""
        lo, hi = self.line
        return _cut_strip(self.text, self.runs, lo, hi, self.height, self.minor, smoothing)

    def whole_strip(self, smoothing: float = SMOOTHING[0]) -> Image | None:
        """The whole ring text (`_whole_arc`) as one recogniser line, when it holds more than the
        heaviest line."""
        if self.arc is None:
            return None
        text, runs, height = self.arc
        lo, hi = self.line
        if runs[-1][1] - runs[0][0] <= 1.15 * (self.runs[hi][1] - self.runs[lo][0]):
            return None
        return _cut_strip(text, runs, 0, len(runs) - 1, height, self.minor, smoothing)


def ring_text_strip(image: Image, seal: Seal, smoothing: float = SMOOTHING[0]) -> Image | None:
    """The seal's ring text as one line of dark characters on white (BGR, STRIP_HEIGHT high), or
    None when no line of characters is found (`unroll_ring_text`, its heaviest line)."""
    ring = unroll_ring_text(image, seal)
    return None if ring is None else ring.strip(smoothing)


def unroll_ring_text(image: Image, seal: Seal) -> RingText | None:
    """The seal's ring text unrolled and its lines of characters found; None when there are none.

    The outline is refitted on the full-resolution ink (seals.refit_outline) and the ring unrolled
    once round along it (seals.ring_maps); the ring line is found as the strongest row and
    straightened column by column, and the text band under it kept. The strip is turned so that the
    widest empty stretch of the ring (the gap at the bottom of most seals) is at the seam, and the
    heaviest line of characters is cut out: the organisation's name once, without the 13-digit
    code along the bottom or the horizontal 专用章 under the star (short, or off the line). Wide
    gaps between spaced-out characters are narrowed (a short name spans 120° or more of the ring,
    and spaced-out characters read as Latin letters), and the line is resized to the recogniser's
    height.
    """
    from redaction.detect.seals import refit_outline, ring_maps

    ink, local = _seal_ink(image, seal)
    local = refit_outline(ink, refit_outline(ink, local))   # twice: a far-off fit converges
    m = min(local.axes)
    if m < 8:
        return None
    mx, my = ring_maps(local, BAND_DEPTH)
    band = cv2.remap(ink, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    band = band.astype(np.float32)
    rows, cols = band.shape

    # The ring line: strongest row near the outline, per column, median-filtered round the ring.
    near = min(rows, int(round((0.2 - BAND_DEPTH[0]) * m)))
    line = np.argmax(cv2.blur(band, (9, 3))[:near], axis=0).astype(np.float32)
    k = max(5, int(0.3 * m)) | 1
    wrapped = np.concatenate([line[-(k // 2):], line, line[:k // 2]])
    line = np.median(np.lib.stride_tricks.sliding_window_view(wrapped, k), axis=1)
    ref = int(np.median(line))
    shift = np.round(line - ref).astype(int)
    band = np.take_along_axis(band, np.clip(np.arange(rows)[:, None] + shift[None, :], 0, rows - 1), axis=0)
    profile = band.mean(axis=1)
    bottom = ref
    while bottom + 1 < rows and profile[bottom + 1] > 0.35 * profile[ref]:
        bottom += 1
    text = band[bottom + 1:min(rows, bottom + 1 + int(round(TEXT_DEPTH * m)))]
    if text.shape[0] < 4:
        return None
    top_ink = float(np.percentile(text, 99.5))
    if top_ink <= 20:
        return None
    arc = _whole_arc(text, top_ink, m)
    text = np.clip(text * (255.0 / top_ink), 0, 255)

    inked = text > 60
    skip = max(1, int(0.12 * text.shape[0]))        # ring-line remnants along the top rows
    on = cast(Mask, inked[skip:].any(axis=0))
    # Turn the seam to the widest empty stretch, find the heaviest line of characters, then centre
    # that line and find it again: ink under the seal (text, a photo) can leave the widest gap
    # between two of its characters.
    start = _longest_gap_start(on)
    for _ in range(2):
        text, inked, on = (np.roll(text, -start, axis=-1), np.roll(inked, -start, axis=-1),
                           np.roll(on, -start, axis=-1))
        found = _heaviest_line(inked, on)
        if found is None:
            return None
        runs, lo, hi = found
        start = (runs[lo][0] + runs[hi][1]) // 2 - cols // 2
    height = float(np.median([r[4] - r[3] for r in runs[lo:hi + 1]]))
    return RingText(text, runs, (lo, hi), height, m, arc)


def _whole_arc(band: np.ndarray, top_ink: float, m: float) -> tuple[np.ndarray, list[list[float]], float] | None:
    """The text band normalised to the ink round it (a running maximum over a few characters, at
    least a quarter of the strongest ink) and turned with the seam at the widest empty stretch, its
    runs of characters and their height: the whole ring text, faint characters included, from one
    end of the gap to the other. A long ring text on a worn or faded seal breaks into pieces of
    unequal strength; its heaviest piece alone may name only the region (新疆维吾尔自治区)."""
    cols = band.shape[1]
    colmax = band.max(axis=0)
    win = max(3, int(0.9 * m)) | 1
    wrapped = np.concatenate([colmax[-(win // 2):], colmax, colmax[:win // 2]])
    env = np.lib.stride_tricks.sliding_window_view(wrapped, win).max(axis=1)
    env = np.maximum(env, 0.25 * top_ink)
    text = np.clip(band * (255.0 / env[None, :]), 0, 255)
    inked = text > 60
    skip = max(1, int(0.12 * text.shape[0]))
    on = cast(Mask, inked[skip:].any(axis=0))
    start = _longest_gap_start(on)
    text, inked, on = np.roll(text, -start, axis=-1), np.roll(inked, -start, axis=-1), np.roll(on, -start, axis=-1)
    runs = [r for r in _runs(inked, on) if r[2] >= 0.03 * inked.shape[0] ** 2]
    if not runs or runs[-1][1] - runs[0][0] > 0.97 * cols:
        return None
    return text, runs, float(np.median([r[4] - r[3] for r in runs]))


def _cut_strip(text: np.ndarray, runs: list[list[float]], lo: int, hi: int, height: float, m: float,
               smoothing: float) -> Image:
    """Runs lo..hi of the unrolled text band as one recogniser line: wide gaps between spaced-out
    characters narrowed, cropped to the ink, dark on white, STRIP_HEIGHT high."""
    cols = text.shape[1]
    margin = int(0.06 * m)
    s, e = max(0, int(runs[lo][0]) - margin), min(cols, int(runs[hi][1]) + margin)
    keep = np.ones(e - s, bool)
    gap = int(round(0.15 * height))
    for i in range(lo, hi):
        g0, g1 = int(runs[i][1]), int(runs[i + 1][0])
        if g1 - g0 > gap:
            keep[g0 + gap // 2 - s:g1 - (gap - gap // 2) - s] = False
    strip = text[:, s:e][:, keep]
    ys = np.nonzero((strip > 60).sum(axis=1) > 0.01 * strip.shape[1])[0]
    if len(ys):
        strip = strip[max(0, ys[0] - 2):ys[-1] + 3]
    if smoothing:
        strip = cv2.GaussianBlur(strip, (0, 0), smoothing)
    out = (255 - np.clip(strip, 0, 255)).astype(np.uint8)
    h = out.shape[0]
    pad = int(round(0.08 * h))
    bordered = cv2.copyMakeBorder(out, pad, pad, int(0.3 * h), int(0.3 * h), cv2.BORDER_CONSTANT, value=255)
    h, w = bordered.shape
    width = max(8, int(round(w * STRIP_HEIGHT / h)))
    line = cv2.resize(bordered, (width, STRIP_HEIGHT),
                      interpolation=cv2.INTER_AREA if h > STRIP_HEIGHT else cv2.INTER_CUBIC)
    return cast(Image, cv2.cvtColor(line, cv2.COLOR_GRAY2BGR))


#: An emblem's ornaments (dots, small stars round the big one) are alike: areas within this
#: coefficient of variation, at one radius within this one. Ring text's strokes and specks are not.
ORNAMENT_AREA_CV = 0.35
ORNAMENT_RADIUS_CV = 0.08
MIN_ORNAMENTS = 4


def _ring_inner_edge(strokes: Mask, r: np.ndarray) -> float:
    """Where the outer ring line begins, inwards (units of the outline's radius): the share of ink
    round each radius falls below half the ring line's. A star whose tips touch the ring is cut
    off it there."""
    bins = np.clip((r * 50).astype(np.int32), 0, 59)
    total = np.bincount(bins.ravel(), minlength=60).astype(np.float64)
    inked = np.bincount(bins.ravel(), weights=strokes.ravel().astype(np.float64), minlength=60)
    share = inked / np.maximum(total, 1)
    peak = 35 + int(np.argmax(share[35:54]))          # the ring line: 0.7–1.08 of the radius
    edge = peak
    while edge > 30 and share[edge - 1] >= 0.5 * share[peak]:
        edge -= 1
    return (edge - 1) / 50.0


def _seal_disc(image: Image, seal: Seal, max_elongation: float | None = None
               ) -> tuple[Image, Seal, Floats, Floats, Floats, float] | None:
    """The seal's ink on its crop, the outline refitted on it, each pixel's coordinates along the
    outline's axes (u, v) and its elliptic radius r (1.0 on the outline), and the ink's strong
    level; None when the outline is too small (or more elongated than `max_elongation`) to judge,
    or the disc holds no ink."""
    from redaction.detect.seals import refit_outline

    ink, local = _seal_ink(image, seal)
    local = refit_outline(ink, local)
    a, b = max(local.axes[0], 1.0), max(local.axes[1], 1.0)
    if min(a, b) < 12 or (max_elongation is not None and max(a, b) > max_elongation * min(a, b)):
        return None
    h, w = ink.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = np.deg2rad(local.angle)
    dx, dy = xx - local.center[0], yy - local.center[1]
    u, v = dx * np.cos(t) + dy * np.sin(t), -dx * np.sin(t) + dy * np.cos(t)
    r = np.hypot(u / a, v / b)
    disc = r < 1.0
    if not disc.any():
        return None
    strong = float(np.percentile(ink[disc], 99))
    if strong < 40:
        return None
    return ink, local, u, v, r, strong


def is_emblem(image: Image, seal: Seal) -> bool:
    """Is this red ring a printed emblem (a badge above a certificate's title: a ring round a star,
    perhaps an inner ring or a circle of dots or small stars) rather than a seal? Inside the ring
    there is the star at the centre and nothing else but whole rings and alike ornaments at one
    radius: no ring text, no 专用章 line, no code. Any character or speck of worn ink keeps it a seal
    (recall first)."""
    found = _seal_disc(image, seal)
    if found is None:
        return False
    ink, local, u, v, r, strong = found
    a, b = max(local.axes[0], 1.0), max(local.axes[1], 1.0)
    strokes = ink > 0.4 * strong
    inked = strokes & (r < _ring_inner_edge(strokes, r))   # inside the outer ring line
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(inked.astype(np.uint8), connectivity=8)
    disc_area = float(np.pi * a * b)
    star = 0
    ornaments: list[tuple[float, float, float]] = []
    for i in range(1, n):
        area = float(stats[i, cv2.CC_STAT_AREA])
        if area < 0.0004 * disc_area:
            continue                                    # a speck of grain
        comp = labels == i
        rr = r[comp]
        angles = np.arctan2(v[comp] / b, u[comp] / a)
        covered = len(np.unique(np.floor((angles + np.pi) / (2 * np.pi) * 36)))
        if covered >= 33 and rr.min() > 0.5:
            continue                                    # an inner ring
        if float(np.hypot(*(centroids[i] - local.center)) / min(a, b)) < 0.15:
            star += 1                                   # the star (or a round device) at the centre
            continue
        ornaments.append((area, float(np.median(rr)), float(np.median(angles))))
    if star != 1:
        return False
    if not ornaments:
        return True
    areas, radii, angles = (np.array(column) for column in zip(*ornaments, strict=True))
    # Ornaments go round the whole ring, evenly: a line of characters (专用章) covers a sector.
    # Four are enough: a small badge printed at low resolution loses a dot of its five, leaving
    # one gap twice the others.
    spaced = np.sort(angles)
    gaps = np.diff(np.concatenate([spaced, spaced[:1] + 2 * np.pi]))
    return (len(ornaments) >= MIN_ORNAMENTS and float(gaps.max()) <= 2.0 * 2 * np.pi / len(ornaments)
            and float(areas.std() / areas.mean()) <= ORNAMENT_AREA_CV
            and float(radii.std() / radii.mean()) <= ORNAMENT_RADIUS_CV)


#: A printed emblem with a picture in it (a national emblem's gate, stars and gear, a school badge's
#: building) inks at least this share of the middle of its disc (within PICTURE_RADIUS of the
#: outline's radius); a seal's star and 专用章 line, an oval's tax number, ink a fifth of it or less
#: (measured: corpus emblems 0.36–0.74, corpus seals 0.09–0.19). A seal with a device in its middle
#: inks as much (a real party committee's seal with its hammer and sickle: 0.55), but it is stamped
#: over the sign-off, and an emblem printed apart from the text (`Detector.propose` checks). On a
#: grey copy the text under a seal is ink too, yet grey seals over text ink 0.08–0.22 of the middle
#: (own corpus; dev 0.04–0.14) and a grey national emblem 0.61; the sign-off check applies to them.
PICTURE_COVER = 0.35
PICTURE_RADIUS = 0.55


def is_pictorial_emblem(image: Image, seal: Seal) -> bool:
    """Is this red or grey outline a printed emblem with a picture in it (国徽, a school badge)
    rather than a seal? Asked only of outlines whose ring says nothing. A seal holds a star and
    perhaps a line of characters in its middle; the emblem's picture fills it with ink. Not judged
    so: square name seals (characters fill them)."""
    if seal.shape in ("square", "rect"):
        return False
    # An emblem open at the bottom may be fitted as an oval: too elongated to tell.
    found = _seal_disc(image, seal, max_elongation=1.6)
    if found is None:
        return False
    ink, _, _, _, r, strong = found
    middle = r < PICTURE_RADIUS
    return float((ink[middle] > 0.4 * strong).mean()) >= PICTURE_COVER


def read_ring(engine: OcrEngine, strips: list[Image]) -> list[tuple[str, float]]:
    """Candidate readings (text, confidence) of ring strips (one recognition batch). Engines
    without recognition alone (`recognize` raises NotImplementedError) read each strip as a page,
    with a white margin for the detector."""
    try:
        return engine.recognize(strips)
    except NotImplementedError:
        pass
    out = []
    for c in strips:
        page = cast(Image, cv2.copyMakeBorder(c, 24, 24, 24, 24, cv2.BORDER_CONSTANT, value=(255, 255, 255)))
        lines = engine.read(page)
        if lines:
            best = max(lines, key=lambda ln: len(ln.text) * ln.score)
            out.append((best.text, best.score))
    return out


#: What `attribute_seal` says of an emblem: another's mark, not accepted, nothing read.
EMBLEM: tuple[str, bool, str | None, float] = ("other_seal", False, None, 0.0)


#: A square seal is read as a name seal from its inside, this share of its half side (the frame
#: left out), each of its four characters scaled to SQUARE_CELL px for the recogniser.
SQUARE_INSIDE = 0.86
SQUARE_CELL = 48


def read_square_seal(engine: OcrEngine, image: Image, seal: Seal) -> tuple[str, float] | None:
    """A square seal's four characters in a name seal's order, down its right column and then
    its left (韩立 | 新印: 韩立新印), read as one line (text, confidence); None when too small."""
    ink, local = _seal_ink(image, seal)
    cx, cy = local.center
    r = SQUARE_INSIDE * min(local.axes)
    if r < 8:
        return None
    # Upright: a square's angle is known to a quarter turn only; the nearest upright is taken.
    turn = (local.angle + 45.0) % 90.0 - 45.0
    upright = cv2.warpAffine(ink, cv2.getRotationMatrix2D((cx, cy), turn, 1.0), (ink.shape[1], ink.shape[0]))
    x0, y0, side = int(round(cx - r)), int(round(cy - r)), int(round(2 * r))
    inside = upright[max(0, y0):y0 + side, max(0, x0):x0 + side]
    if min(inside.shape[:2]) < 16:
        return None
    h2, w2 = inside.shape[0] // 2, inside.shape[1] // 2
    cells = [inside[:h2, w2:], inside[h2:, w2:], inside[:h2, :w2], inside[h2:, :w2]]
    gap = np.full((SQUARE_CELL, SQUARE_CELL // 4), 255, np.uint8)
    pieces: list[Image] = [gap]
    for cell in cells:
        small = cv2.resize(cell, (SQUARE_CELL, SQUARE_CELL), interpolation=cv2.INTER_AREA)
        pieces += [cast(Image, cv2.bitwise_not(small)), gap]
    read = read_ring(engine, [cast(Image, cv2.cvtColor(np.hstack(pieces), cv2.COLOR_GRAY2BGR))])
    return read[0] if read else None


#: A name seal (某某印, 某某之印) read at least this confidently says whose it is.
NAME_SEAL_SCORE = 0.85
_NAME_SEAL = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(之印|印)$")


def other_persons_name_seal(reading: tuple[str, float], profile: Profile) -> str | None:
    """The name on a square seal read as a name seal (某某印, 某某之印, two or three characters: a
    2 × 2 seal) read confidently, when no two of its characters in order are the applicant's
    name's or an employer's (a square seal of the employer's, 某某县印, or one read with a character
    wrong, stays the applicant's); else None."""
    text, score = reading
    found = _NAME_SEAL.match(_cjk_of(text))
    if found is None or score < NAME_SEAL_SCORE:
        return None
    name = found.group(1)
    return None if _shared_with_applicant(name, profile) >= 2 else name


def _shared_with_applicant(name: str, profile: Profile) -> int:
    """Most characters in order a name on a seal shares with the applicant's name or an employer."""
    return max((_lcs(name, term.key) for term in profile.terms()), default=0)


#: A name seal read less surely than NAME_SEAL_SCORE, or without its 印, is still another person's
#: when its characters are a name written on the page with at most one read wrong (a 2 × 2 seal's
#: stylised characters: 马玉兰印 read 马玉座印 at 0.76; a long name's first four, 库尔班尼 for 库尔班·
#: 尼亚孜, beside 单位负责人：库尔班·尼亚孜) — read at least this confidently, three characters or more.
NAME_SEAL_LOOSE_SCORE = 0.5
NAME_SEAL_LOOSE_MIN = 3
#: A square name seal holds at most this many characters (2 × 2: 韩立新印).
SQUARE_SEAL_CHARS = 4


#: A line of its own is a name written (signed) when it holds at most this many characters.
NAME_LINE_MAX = 6
#: ... or this many when it holds a name's dot between two characters: a Uyghur or Kazakh name
#: (买合木提·阿西木 signed beside the seal 买合木提, synth3 s15 005).
NAME_LINE_MAX_DOTTED = 10
_NAME_DOT = re.compile(r"[\u4e00-\u9fff] ?[" + re.escape("".join(sorted(MIDDLE_DOTS))) + r"] ?[\u4e00-\u9fff]")
_DATE = re.compile(r"年.*月")


def _written_name(line: str) -> str:
    """What may be a person's name in a line: the characters after its last colon (单位负责人：马玉兰),
    or the whole of a short line (a name signed on its own); "" for a date."""
    _, colon, rest = line.rpartition("：") if "：" in line else line.rpartition(":")
    name = _cjk_of(rest)
    longest = NAME_LINE_MAX_DOTTED if _NAME_DOT.search(rest) else NAME_LINE_MAX
    if (not colon and len(name) > longest) or _DATE.search(rest):
        return ""
    return name


def name_seal_written_loosely(reading: tuple[str, float], profile: Profile, written: Sequence[str]) -> str | None:
    """The name written on the page that a square seal's reading spells with at most one
    character wrong: its 某某印/某某之印 name, or all its characters when no 印 was read (or its
    first three exactly, the 印 read as another character: 何振华迎). `written`: the lines (as read)
    outside the seal; a name is what follows a line's last colon (单位负责人：马玉兰), or a short line
    of its own (`_written_name`). None when no written name begins with it, or when it shares two
    characters in order with the applicant's name or an employer — unless a written name begins
    with it exactly and none of theirs holds all of it. A longer written name may hold it in order
    with one character wrong (a six-character name's seal read in part)."""
    text, score = reading
    if score < NAME_SEAL_LOOSE_SCORE:
        return None
    chars = _cjk_of(text)
    found = _NAME_SEAL.match(chars)
    whole = len(chars) == SQUARE_SEAL_CHARS
    tries = [(found.group(1), 1)] if found else [(chars, 1)] + ([(chars[:3], 0)] if whole else [])
    names = [_written_name(line) for line in written]
    for name, errors in tries:
        if not NAME_SEAL_LOOSE_MIN <= len(name) <= SQUARE_SEAL_CHARS:
            continue
        shared = _shared_with_applicant(name, profile)
        for other in names:
            # Spelled from its start, or — a long name's seal, read in part — in order in it
            # (来吉托 for 米吉提托乎提, synth3 s45 041: 法定代表人：米吉提托乎提 under the seal).
            misread = sum(a != b for a, b in zip(name, other, strict=False))
            in_order = len(other) > len(name) and _lcs(name, other) >= len(name) - errors
            if len(other) < len(name) or (misread > errors and not in_order):
                continue
            # Sharing two characters with the applicant's name or an employer, it is theirs unless
            # it spells another's written name exactly and not the whole of any of theirs
            # (努尔古印 beside 单位负责人：努尔古丽·库尔班, the applicant 赛力克·努尔别克).
            if shared < 2 or (shared < len(name) and other.startswith(name)):
                return other
    return None


def name_seal_in_any_order(reading: tuple[str, float], profile: Profile, written: Sequence[str]) -> str | None:
    """The name written on the page whose characters a square seal holds beside its 印 (and 之),
    in whatever order it was read: a seal stamped a quarter turn round reads 之郑印明 for 郑明之印,
    one whose maker laid its name up the column reads 静徐之印 for 徐静之印 (synth4 s11 006, 010,
    beside 负责人：郑明 / 负责人：徐静). Two or three characters, all of them, exactly the written
    name's; None when no written name has them, or when they share two in order with the
    applicant's name or an employer."""
    text, score = reading
    chars = _cjk_of(text)
    if score < NAME_SEAL_LOOSE_SCORE or "印" not in chars:
        return None
    rest = chars.replace("印", "", 1)
    rest = rest.replace("之", "", 1) if len(rest) == 3 and "之" in rest else rest
    if not 2 <= len(rest) <= 3:
        return None
    for other in (_written_name(line) for line in written):
        if _shared_with_applicant(other, profile) >= 2:
            continue
        if sorted(other) == sorted(rest):
            return other
        # A 2 × 2 seal of a two-character name whose 之 was read as another character (赵刚之印
        # read 刚赵乏印, synth4 s26 034, beside 负责人：赵刚): both of the name's characters, and one
        # more in 之's place.
        if len(chars) == SQUARE_SEAL_CHARS and len(rest) == 3 and len(other) == 2 and not (
                Counter(other) - Counter(rest)):
            return other
    return None


#: An oblong stamp is read on its ink, black on white, with this margin (px) for the detector.
RECT_MARGIN = 16
#: An oblong stamp read this confidently that resembles no employer's name is no one's seal.
RECT_FIRM = 0.7


def read_rect_seal(engine: OcrEngine, image: Image, seal: Seal) -> tuple[str, float] | None:
    """An oblong stamp's lines of characters, read on its ink alone (the print under it left out)
    and joined top to bottom: (text, the lines' least confidence); None when nothing reads."""
    ink, _ = _seal_ink(image, seal)
    dark = cv2.cvtColor(255 - ink, cv2.COLOR_GRAY2BGR)
    page = cast(Image, cv2.copyMakeBorder(dark, RECT_MARGIN, RECT_MARGIN, RECT_MARGIN, RECT_MARGIN,
                                          cv2.BORDER_CONSTANT, value=(255, 255, 255)))
    lines = [ln for ln in engine.read(page) if ln.text.strip()]
    if not lines:
        return None
    lines.sort(key=lambda ln: (ln.bbox[1] + ln.bbox[3]) / 2)
    return "".join(ln.text.replace(" ", "") for ln in lines), min(float(ln.score) for ln in lines)


def attribute_seal(engine: OcrEngine, image: Image, seal: Seal, profile: Profile,
                   readings_out: list[tuple[str, float]] | None = None) -> tuple[str, bool, str | None, float]:
    """Read the ring text (one recognition for most seals) and tell whose seal it is. A reading
    that settles nothing (no employer, no firm other organisation) is followed by a second one of
    the same line unsmoothed: two agreeing fair readings are firm evidence too. `readings_out`
    gets the readings made."""
    result: tuple[str, bool, str | None, float] = ("seal", True, None, 0.0)
    if seal.shape == "rect":
        # An oblong office stamp has no ring: its lines of characters, read top to bottom, are
        # its organisation's name (清华大学 / 软件学院 / 业务办公室).
        readings = readings_out if readings_out is not None else []
        reading = read_rect_seal(engine, image, seal)
        if reading is None:
            return result
        readings.append(reading)
        kind, accepted, text, confidence = classify_seal(readings, profile)
        if (text is None and reading[1] >= RECT_FIRM and cjk_count(reading[0]) >= 2
                and resembled_employer(reading[0], profile)[0] is None):
            # Read clearly and naming no employer: a clerk's word stamp (附件, 现金收讫, 已审核).
            return "other_seal", False, reading[0], reading[1]
        return kind, accepted, text, confidence
    ring = unroll_ring_text(image, seal)
    if ring is None:
        return EMBLEM if is_emblem(image, seal) or is_pictorial_emblem(image, seal) else result
    readings = readings_out if readings_out is not None else []
    readings += read_ring(engine, [ring.strip(SMOOTHING[0])])
    result = classify_seal(readings, profile)
    if result[2] is not None:
        return result
    # Second reading: unsmoothed, and the whole ring text (a long faded ring text breaks into
    # pieces; its heaviest piece alone may be only the region's name).
    strips = [ring.strip(SMOOTHING[1])]
    whole = ring.whole_strip()
    if whole is not None:
        strips.append(whole)
    readings += read_ring(engine, strips)
    result = classify_seal(readings, profile)
    if result[2] is None and (is_emblem(image, seal) or is_pictorial_emblem(image, seal)):
        return EMBLEM
    return result


def _names_another_department(reading: str, profile: Profile) -> bool:
    """Does a ring reading name a department (`match.DEPARTMENTS`) that none of the employer's
    names does? Then it is another body's seal, however close a short name of the employer comes
    to part of it (独山子区人力资源和社会保障局 holds 独山子区人, two slips from 独山子医院)."""
    keys = [t.key for t in profile.terms() if t.kind == "employer"]
    return any(w in reading and not any(w in k for k in keys) for w in DEPARTMENTS)


def employer_in_ring(text: str, profile: Profile) -> str | None:
    """The employer named by a ring reading, tolerating ~30 % misread characters, though not a
    word of another name in their place: 新疆维吾尔自治区继续教育(中心) is within 4 edits of
    新疆维吾尔自治区人民医院, but misreading swaps a character or two, not 人民医院 for 继续教育.

    The ring is read once round from where the unrolled strip starts: its seam, the widest empty
    stretch, is not always the gap before the name (a horizontal 专用章 line or the text under the
    seal can fill the bottom gap, a worn spot open a wider one inside the name), and then the name
    comes out turned (资源和社会障局深圳市人力). The reading is also matched going round past its
    end, so the name may start anywhere in it."""
    norm = normalize(text)
    round_twice = norm + norm
    if _names_another_department(norm, profile):
        return None
    for term in profile.terms():
        if term.kind != "employer" or len(term.key) < 3:
            continue
        k = max(1, int(round(0.3 * len(term.key))))
        for hay in (norm, round_twice):
            for s, e, _ in approximate_find(term.key, hay, k):
                # The first of equally close hits may begin (or end) on a character misread, where
                # the ring's seam turned it (业和草原局白汁区林: 局白汁区林业和草原局 or 白汁区林业和
                # 草原局, both three slips from 喀什地区林业和草原局): without it, if no further.
                for a, b in ((s, e), (s + 1, e), (s, e - 1)):
                    if b - a > len(norm) or ((a, b) != (s, e) and edits(term.key, hay[a:b]) > k):
                        continue        # (nor a match using some characters twice)
                    if (numerals_compatible(term.key, hay[a:b]) and _foreign_run(hay[a:b], term.key) < 3
                            and names_own_words(hay[a:b], term.key)):
                        return term.text
    return None


def _foreign_run(text: str, name: str) -> int:
    """Most characters in a row of `text` (Chinese characters only) that a longest common
    subsequence with `name` leaves out."""
    text = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    run = longest = 0
    for used in _matched_in(text, name):
        run = 0 if used else run + 1
        longest = max(longest, run)
    return longest


def _cjk_of(text: str) -> str:
    """The Chinese characters of a reading, normalised (numbers, Latin letters, marks dropped)."""
    return "".join(c for c in normalize(text) if "\u4e00" <= c <= "\u9fff")


def _name_chars(text: str) -> str:
    """The Chinese characters of a ring reading without the generic seal words after its name
    (专用章, 公章): what is compared with an employer's name."""
    return _cjk_of(_SEAL_WORDS.sub("", normalize(text)))


def cjk_count(text: str) -> int:
    """How many Chinese characters `text` holds."""
    return len(_cjk_of(text))


def is_organisation_name(text: str) -> bool:
    """4+ Chinese characters with an organisation word in them (大学, 局, 中心 ...): a ring reading,
    which may run on past the name (a number, 专用章)."""
    return cjk_count(text) >= 4 and ORGANISATION.search(normalize(text)) is not None


_PRINTED_ORGANISATION = re.compile(ORGANISATION.pattern + r"[\W\d]*$")
#: What a seal is for, at the end of a line (测试用章, 合同专用章, 开户行业务章, 单位公章): a seal's own
#: words read on the page, or a form's label for the seal, not an organisation's printed name.
SEAL_USE = re.compile(r"(专用章|公章|印章|用章|业务章|盖章|章)[\W\d]*$")
#: ORGANISATION without its seal words: what must come before a seal's use to name someone.
_ORGANISATION_WORD = re.compile(ORGANISATION.pattern.replace("|专用章|公章|章)", ")"))
#: A bracketed part of a printed line (normalised: ASCII brackets): alternatives on a form's label.
_BRACKETED = re.compile(r"\([^()]*\)")
_SENTENCE = re.compile(r"[，。；：、！？,;:!?]")
#: A date printed after the name on the same line (2023年5月6日, 二〇二三年五月).
_TRAILING_DATE = re.compile(r"[\d〇零一二三四五六七八九十]{2,4}年[\d〇零一二三四五六七八九十]{1,2}月"
                            r"([\d〇零一二三四五六七八九十]{1,3}日)?$")


#: A department's name alone (党委组织部, 人事处, 教务处, 办公室): one to four characters before its
#: ending, after an optional party prefix, none of them an organisation word.
_DEPARTMENT = re.compile(r"^(党委|党组|党总支)?(?P<what>[\u4e00-\u9fff]{1,4})(部|处|科|室|办)$")


def is_department(text: str) -> bool:
    """Is a printed line a department's name alone (`_DEPARTMENT`), which names no body: any
    body's seal may be stamped over it, or hold it (the department's line inside the employer's
    own seal, read on the page: synth3 s27 026, 党委组织部)."""
    m = _DEPARTMENT.match(normalize(text))
    return m is not None and _ORGANISATION_WORD.search(m.group("what")) is None


def is_printed_organisation(text: str) -> bool:
    """A printed line that is an organisation's name: it ends in an organisation word and is not a
    sentence (学校评审后，于10月11日 has 学校 in it and is not a name), nor a department's name
    alone (`is_department`). Latin names count (ROBOMASTER组委会): 3 Chinese characters and 2
    letters are enough."""
    if is_department(text):
        return False
    norm = _TRAILING_DATE.sub("", normalize(text))
    letters = sum(1 for c in norm if c.isascii() and c.isalpha())
    cjk = cjk_count(norm)
    if cjk < 4 and not (cjk >= 3 and letters >= 2):
        return False
    if _SENTENCE.search(text) is not None or _PRINTED_ORGANISATION.search(norm) is None:
        return False
    use = SEAL_USE.search(norm)
    if use is None:
        return True
    # 北京某某科技有限公司合同专用章 names its company; 测试用章 and 开户行业务章 name no one, nor
    # does a form's label for the seal naming only an office, its alternatives in brackets
    # (教育（文化）处（组）公章 on a 留学回国人员证明, 人事处公章): 4+ characters of a name must come first.
    named = _BRACKETED.sub("", norm[:use.start()])
    return _ORGANISATION_WORD.search(named) is not None and cjk_count(named) >= 4


def _matched_in(a: str, b: str) -> list[bool]:
    """Which characters of `a` a longest common subsequence with `b` uses."""
    n, m = len(a), len(b)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            dp[i][j] = dp[i + 1][j + 1] + 1 if a[i] == b[j] else max(dp[i + 1][j], dp[i][j + 1])
    used, i, j = [False] * n, 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            used[i] = True
            i, j = i + 1, j + 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return used


#: Generic words of a seal (专用章 ...) say nothing about whose it is.
_SEAL_WORDS = re.compile(r"((合同|人事|业务|财务|发票|行政)?专用章|公章)$")


#: The Party's and the League's bodies share most of their characters (中国共产党山东省委员会,
#: 中国共产主义青年团山东省委员会) but are two organisations.
_PARTY_WORDS = ("共产党", "中共")
_LEAGUE_WORDS = ("青年团", "共青团")


def other_parent_body(reading: str, key: str) -> bool:
    """Does a reading name the Party where the employer is a League body, or the League where it
    is a Party body? (A party propaganda department's ring read 社中国共产党省委员会数 resembled the
    League's provincial committee, the employer, in all but 党.)"""
    def party(t: str) -> bool:
        return any(w in t for w in _PARTY_WORDS)

    def league(t: str) -> bool:
        return any(w in t for w in _LEAGUE_WORDS)

    return (party(reading) and league(key) and not party(key)) or (league(reading) and party(key) and not league(key))


def resembled_employer(text: str, profile: Profile) -> tuple[str | None, bool]:
    """(employer, could be a misreading) for a ring reading that names no employer outright.

    The employer is the one the reading resembles: half or more of the reading appears in order
    in its name (None if there is none). The recogniser swaps or drops a character or two here and
    there (和田地区水利局 → 租州地区水科局, 喀什地区第一人民医院 → 路代地区知一人民院); another
    organisation brings words of its own (新疆医科大学 against 新疆维吾尔自治区人民医院: 科大学;
    阿克苏地区林业和草原局 against 阿克苏地区生态环境局: 林业和草原). So the reading could be a
    misreading unless three or more characters in a row are foreign to the name or it brings a
    numeral of its own (第十三中学 is not 第一中学). Generic seal words (专用章) do not count.
    """
    norm = _SEAL_WORDS.sub("", normalize(text))
    norm = "".join(c for c in norm if "\u4e00" <= c <= "\u9fff")
    if len(norm) < 2:
        return None, False
    resembled = None
    for term in profile.terms():
        if term.kind != "employer" or len(term.key) < 3 or other_parent_body(norm, term.key):
            continue
        used = _matched_in(norm, term.key)
        if sum(used) < 0.5 * len(norm):
            continue
        resembled = resembled or term.text
        # A misreading of the ring reads the whole name: half of the name's characters or more are
        # there (自治区农业村厅 is not 伊犁哈萨克自治州农业技术推广总站 misread, whose 农业 it shares).
        if sum(used) >= 0.5 * len(term.key) and _could_be_misread(norm, term.key):
            return term.text, True
    return resembled, False


def _could_be_misread(norm: str, key: str) -> bool:
    """Could a reading's characters `norm` be the employer's name `key` misread: no numeral of its
    own, no three characters in a row foreign to it, its own words among them?"""
    return numerals_compatible(key, norm) and _foreign_run(norm, key) < 3 and names_own_words(norm, key)


def jointly_resembled(readings: Sequence[tuple[str, float]], profile: Profile) -> str | None:
    """The employer two or more fair readings of one ring misread together: each reads half of
    itself or more in the employer's name in order and could be it misread (`_could_be_misread`,
    as `resembled_employer` asks), and between them they read half the name or more. synth4 s12
    020: a grey 和田地区墨玉县第一中学 seal on an upside-down page read 合和压区县中学 (0.84) and
    合和压区墨县敏中 (0.81), five of its eleven characters each, six together, was taken for another
    school's."""
    for term in profile.terms():
        if term.kind != "employer" or len(term.key) < 3:
            continue
        covered = [False] * len(term.key)
        agreeing = 0
        for text, score in readings:
            norm = _name_chars(text)
            if (score < MIN_SCORE or len(norm) < 4 or sum(_matched_in(norm, term.key)) < 0.5 * len(norm)
                    or other_parent_body(norm, term.key) or not _could_be_misread(norm, term.key)):
                continue
            agreeing += 1
            covered = [c or u for c, u in zip(covered, _matched_in(term.key, norm), strict=True)]
        if agreeing >= 2 and sum(covered) >= 0.5 * len(term.key):
            return term.text
    return None


#: Share of an employer's name a looser misreading (`near_employer`) reads in order: 8 of the 14
#: of 福建省莆田市涵江区人民武装部 in a worn army seal's 中国人民辉故军品建省莆田市通汇人民代发部.
NEAR_SHARE = 0.55


def near_employer(text: str, profile: Profile) -> str | None:
    """The employer a ring reading is a looser misreading of: most of the name (`NEAR_SHARE`) read in
    order, its own words among them, and no more than three characters in a row foreign to it
    (昌售国成自治州林业和草总局 for 昌吉回族自治州林业和草原局). Evidence only beside other evidence
    (the seal stamped over the employer's printed name): 人力资源和社会保障局 is nine foreign characters.
    A national parent's name before it (`_without_parent`) is no foreign run."""
    norm = _SEAL_WORDS.sub("", normalize(text))
    norm = "".join(c for c in norm if "\u4e00" <= c <= "\u9fff")
    for term in profile.terms():
        if term.kind != "employer" or len(term.key) < 4:
            continue
        used = _matched_in(norm, term.key)
        own = _without_parent(norm, used, term.key)
        if (sum(used) >= NEAR_SHARE * len(term.key) and _foreign_run(own, term.key) <= 3
                and numerals_compatible(term.key, norm) and names_own_words(norm, term.key)):
            return term.text
    return None


#: A state, party or army body's seal names its national parent before its own name
#: (中国人民解放军…人民武装部, 中国共产党…委员会, 中华人民共和国…海关), which the employer's name
#: as the applicant writes it leaves out.
_PARENT_PREFIX = ("中国", "中华")


def _without_parent(norm: str, used: list[bool], key: str) -> str:
    """A ring reading without the unmatched characters before its first match with `key` when the
    reading starts with a national parent's name (`_PARENT_PREFIX`, its rest often misread:
    中国人民辉故军品 for 中国人民解放军) that `key` does not start with; else the reading."""
    if not norm.startswith(_PARENT_PREFIX) or key.startswith(_PARENT_PREFIX) or True not in used:
        return norm
    return norm[used.index(True):]


def consistent_with_employer(text: str, profile: Profile, ratio: float = 0.75) -> str | None:
    """The employer that a partial ring reading could be: most of what was read (the whole
    reading, or either half when both turns of the strip were read) appears in order in the employer's
    name. A worn ring read as 伊犁哈治农站 is 伊犁哈萨克自治州农业技术推广总站's seal, not another's;
    乌鲁木齐市第十三中学 is not 乌鲁木齐市第一中学's (a reading may lose a numeral, not bring one), nor
    is a reading that names a department none of the employer's names does (`_names_another_department`)."""
    norm = normalize(text)
    half = len(norm) // 2
    parts = [norm]
    if half >= 4 and _lcs(norm[:half], norm[half:]) >= 0.6 * half:   # both turns were read
        parts += [norm[:half], norm[half:]]
    parts = [p for p in parts if len(p) >= 4]
    if _names_another_department(norm, profile):
        # 新疆生产建设兵团第一师农业农村局 is 13 of 16 characters of 新疆生产建设兵团第一师阿拉尔市农业科学
        # 研究所 in order, but 农村 names a bureau the institute is not (synth3 s8 074).
        return None
    for term in profile.terms():
        if term.kind != "employer":
            continue
        if any(_lcs(p, term.key) >= ratio * len(p) and numerals_compatible(term.key, p)
               and names_own_words(p, term.key) and not other_parent_body(p, term.key) for p in parts):
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


#: A ring read at least this surely that swaps the ending of a place or a unit in the employer's
#: name for another of its kind names another body (`match.same_organisation`): 哈密市伊吾县教育局
#: read at 0.9997 is another county's bureau, not 哈密市伊州区教育局 with two slips (synth3 s11 024);
#: so does one that leaves a whole place out of it or puts one in (`match.one_place_apart`).
ANOTHER_BODY_FIRM = 0.9


def _another_place(key: str, found: str) -> bool:
    """Is `found`, as long as the employer's name `key`, the name with one place's ending swapped
    for another place's and the character before that ending different too: 含密市伊吾县教育局 for
    哈密市伊州区教育局 (伊州区 → 伊吾县, another county; synth3 s45 062, read at 0.80)? The
    recogniser slips on a character, not on a place's ending and the one before it together."""
    return len(found) == len(key) and any(
        a in PLACE_ENDS and b in PLACE_ENDS and a != b and key[i - 1] != found[i - 1]
        for i, (a, b) in enumerate(zip(key, found, strict=True)) if i > 0)


def _surely_another_body(text: str, score: float, profile: Profile) -> bool:
    """Does a sure reading name a body next to the employer: its name with a place's or a unit's
    ending swapped, or with a place left out or put in? A fair one, when a whole place of the
    name reads as another's (`_another_place`)."""
    norm = normalize(text)
    employers = [t for t in profile.terms() if t.kind == "employer" and len(t.key) >= 4]
    if score < READABLE_SCORE or any(t.key in norm + norm for t in employers):
        return False
    if score < ANOTHER_BODY_FIRM:
        return any(_another_place(t.key, (norm + norm)[s:e]) for t in employers
                   for s, e, _ in approximate_find(t.key, norm + norm, max(1, int(round(0.3 * len(t.key))))))
    cjk = _cjk_of(_SEAL_WORDS.sub("", norm))
    if any(one_place_apart(t.key, cjk) or one_place_apart(cjk, t.key) for t in employers):
        return True         # 吐鲁番市自然资源局 for 吐鲁番市高昌区自然资源局: the city's bureau
    for term in employers:
        k = max(1, int(round(0.3 * len(term.key))))
        for s, e, errors in approximate_find(term.key, norm + norm, k):
            if errors and e - s <= len(norm) and not same_organisation(term.key, (norm + norm)[s:e]):
                return True
    keys = [t.key for t in employers]
    return any(_another_body_in_part(cjk, key, keys) for key in keys)


def _another_body_in_part(cjk: str, key: str, keys: Sequence[str]) -> bool:
    """Is a sure reading, the employer's name `key` in order but for two characters at most (the
    ring read where it was legible), another body by what those characters are: a place's or a
    unit's ending swapped for another of its kind (密市伊吾县育局 for 哈密市伊州区教育局), or a
    unit's ending that none of the employer's names `keys` has (阿勒泰地区水利局, the prefecture's
    bureau, for 阿勒泰地区福海县水利管理站; synth3 s23 040, 068)?"""
    if len(cjk) < 4 or _lcs(cjk, key) < len(cjk) - 2:
        return False
    if cjk[-1] in UNIT_ENDS and not any(cjk[-1] in k for k in keys):
        return True
    return any((a in PLACE_ENDS and b in PLACE_ENDS) or (a in UNIT_ENDS and b in UNIT_ENDS)
               for a, b in substitutions(key, cjk, kind_swap=0.5))


def classify_seal(readings: list[tuple[str, float]], profile: Profile) -> tuple[str, bool, str | None, float]:
    """(kind, accepted, text, confidence) for a seal from its ring readings.

    An employer in any reading makes it the applicant's seal, and so does a reading that is
    consistent with an employer's name or could be a misreading of it (`resembled_employer`): a
    worn employer's seal read twice may give one such reading and one with three characters in a
    row garbled (乌鲁木齐市第一中学 → 马本齐市第中学, 马鑫本齐市第中学). It is another organisation's only
    on firm evidence: one confident reading, or two fairly confident readings (of the ring, smoothed
    and not) that agree on 4+ characters, naming an organisation. Stable garbage reads the same
    twice too, so agreement alone is not enough. A reading that resembles an employer's name
    counts only when confident on its own: two mediocre readings of a worn employer's seal can
    agree on the same garbled characters. Anything else stays an accepted seal.
    """
    # (asked once a reading: each pass below needs it)
    another = {(t, sc) for t, sc in readings if _surely_another_body(t, sc, profile)}
    for text, score in readings:
        employer = employer_in_ring(text, profile)
        if employer and (text, score) not in another:
            return "seal", True, employer, score
    for text, score in readings:
        if score < MIN_SCORE or (text, score) in another:
            continue
        core = committee_core(text)
        if core is not None:
            employer = employer_in_ring(core, profile) or consistent_with_employer(core, profile)
            if employer:
                return "seal", True, employer, score
        employer = consistent_with_employer(text, profile)
        if employer is None and cjk_count(text) >= 4:
            resembled, misread = resembled_employer(text, profile)
            employer = resembled if misread else None
        if employer:
            return "seal", True, employer, score
    unchallenged = [r for r in readings if r not in another]
    employer = jointly_resembled(unchallenged, profile)
    if employer:
        return "seal", True, employer, max(sc for _, sc in unchallenged)
    for text, score in readings:
        if score >= MIN_SCORE and SUPERVISION in normalize(text):
            return "other_seal", False, normalize(text), score
    # A half-printed ring of the employer reads as a run of its name with a gap, a ring read from a
    # gap in its ink as its name's end and start with the seam's print read between them, a ring
    # read only where it says its national parent's name (中国共产主义青年团) as that: no other's.
    readings = [(t, sc) for t, sc in readings
                if ((t, sc) in another or not (inside_employer(t, profile) or across_seam_own(t, profile)
                                                or seam_ending_own(t, profile) or part_misread_own(t, profile)))
                and not parent_only(t)]
    candidates = []
    for text, score in readings:
        if score < MIN_SCORE or not is_organisation_name(text) or not is_organisation_name(_name_part(text)):
            continue                                    # (人事专用章 alone names no organisation)
        if resembled_employer(text, profile)[0] and score < READABLE_SCORE:
            continue
        candidates.append((normalize(text), score))
    candidates.sort(key=lambda c: -c[1])
    # Two fair readings agreeing on a long run of characters that resembles no employer: a long
    # ring text read twice alike (its organisation word misread: 办公室 → 助公激公). Stable garbage
    # of the employer's own long ring keeps words of its name whole (…业制学研究… for 阿拉尔市农业科学
    # 研究所, read from its seam in the middle: synth3 s7 076): no other's then.
    fair = [(normalize(t), sc) for t, sc in readings
            if sc >= MIN_SCORE and cjk_count(t) >= 10 and resembled_employer(t, profile)[0] is None
            and not prints_own_words(t, profile, OWN_RUN)]
    for i, (text, score) in enumerate(fair):
        for other, other_score in fair[i + 1:]:
            if (score + other_score) / 2 >= AGREEING_SCORE and _common_run(text, other) >= LONG_AGREEMENT:
                return "other_seal", False, text, max(score, other_score)
    for i, (text, score) in enumerate(candidates):
        if score >= READABLE_SCORE:
            return "other_seal", False, text, score
        for other, other_score in candidates[i + 1:]:
            if (score + other_score) / 2 >= AGREEING_SCORE and _common_run(text, other) >= 4:
                return "other_seal", False, text, max(score, other_score)
    partial = partial_other_reading(readings, profile)
    if partial is not None:
        return "other_seal", False, partial[0], partial[1]
    kind = another_kind_alone(readings, profile)
    if kind is not None:
        return "other_seal", False, kind[0], kind[1]
    return "seal", True, None, 0.0


#: Kinds of body a ring reads as on their own where the rest of the ring is hidden (a university's
#: seal stamped over a diploma's photo reads 大学). Two characters and more: a single 局 or 院 read
#: alone is as likely a fragment of the employer's name misread.
BODY_KINDS = ("大学", "学院", "中学", "小学", "幼儿园", "医院", "银行", "公司", "集团")
#: At most this many characters besides the kind word (阿大学 for 河海大学 half hidden).
KIND_ALONE_EXTRA = 1


def another_kind_alone(readings: list[tuple[str, float]], profile: Profile) -> tuple[str, float] | None:
    """(kind, score) when two readings (READABLE_SCORE+) are a kind of body (`BODY_KINDS`), with at
    most `KIND_ALONE_EXTRA` characters more, that none of the employer's names holds: the ring of a
    university's seal over a diploma's photo is hidden but for 大学, and a bureau's own seal never
    reads as 大学 twice (synth2 s20 041). The kind may be read across the ring's seam (学院昌: the
    reading starts where the ring's legible part does). None otherwise."""
    keys = [t.key for t in profile.terms() if t.kind == "employer"]
    for kind in BODY_KINDS:
        if any(kind in key for key in keys):
            continue
        # (turned round its ring: read from its seam, 昌吉学院's ring gives 学院昌, synth2 s32 001)
        sure = [sc for t, sc in readings if sc >= READABLE_SCORE
                and kind in (cjk := _cjk_of(t)) * 2 and len(cjk) <= len(kind) + KIND_ALONE_EXTRA]
        if len(sure) >= 2:
            return kind, max(sure)
    return None


#: A party, league or union body of an organisation rings its seal with the organisation's name
#: between these (中共安徽大学计算机科学与技术学院委员会, 共青团…委员会, …工会委员会); the recogniser
#: reads 中共 as 中国 as often as not.
_COMMITTEE_PARENT = re.compile(r"^(中国共产党|中国共产主义青年团|中共|中国|共青团)")
_COMMITTEE_BODY = re.compile(r"(总支部委员会|支部委员会|工会委员会|委员会|党总支|党支部|党委|团委|工会)$")


def committee_core(text: str) -> str | None:
    """The organisation a party, league or union committee's ring reading names, the committee's
    words round it taken off (`_COMMITTEE_PARENT`, `_COMMITTEE_BODY`), or None when the reading is
    no such committee's or too little (under `INSIDE_CHARS` characters) is left. The employer's own
    party committee stamps for it (a party course's certificate): its seal names the employer."""
    norm = _cjk_of(text)
    body = _COMMITTEE_BODY.search(norm)
    if body is None:
        return None
    core = _COMMITTEE_PARENT.sub("", norm[:body.start()])
    return core if len(core) >= INSIDE_CHARS and len(core) < len(norm) - 2 else None


#: The tax bureau's supervision seal printed on every invoice (全国统一发票监制章, XX税务局监制) is
#: never the applicant's, whoever the invoice is from.
SUPERVISION = "监制"
#: A partial reading of another organisation's ring (`partial_other_reading`): at least this
#: confident, with at least this many Chinese characters before its organisation word's end.
PARTIAL_SCORE = 0.5
PARTIAL_CHARS = 5
#: Readings this confident or more count as evidence for an employer when they share its own words.
SHARING_SCORE = 0.3
#: The organisation word a name ends in (not 章: the 专用章 line alone names no one), after the
#: seal words (培训专用章, 公章) and a number or Latin letters run on past it are cut off.
_NAME_END = re.compile(r"(局|站|院|校|大学|学院|中学|小学|幼儿园|中心|委员会|组委会|基金会|联合会|研究会|联盟|基地|"
                       r"团委|支行|分行|委|政府|公署|办公室|公司|协会|学会|研究所|所|厅|部|处|队|社|馆|集团|"
                       r"医院|银行)$")
_RUN_ON = re.compile(r"((合同|人事|业务|财务|发票|行政|培训|证书|继续教育|考试)?专用章|公章|监制章?)$")


#: A reading at least this long (Chinese characters) can be told to lie inside an employer's name.
#: Four: a grey copy's ring of 巴音郭楞蒙古自治州水利局 read as 古自治局 (synth3 seed 2, 013) names
#: an organisation by its 局 and no other than the employer (6 before: it was masked as another's).
INSIDE_CHARS = 4


def inside_employer(text: str, profile: Profile) -> bool:
    """Do all the Chinese characters of a reading (INSIDE_CHARS or more) but one in ten stand in
    order in an employer's name? A ring inked on one side only reads as the start of the name and
    its last character (新疆生产建设兵团第院 of 新疆生产建设兵团第六师五家渠市人民医院): however
    confidently read, it names no other organisation. The ring is read from its seam, which need
    not be where the name starts, so the reading is taken from each of its characters round: a
    department's seal rings its parent's name round the department's own line, and
    山东省教育厅高等教育处's ring reads 教育厅山东省 (dev round 14)."""
    cjk = _cjk_of(text)
    if len(cjk) < INSIDE_CHARS:
        return False
    keys = [term.key for term in profile.terms() if term.kind == "employer"]
    need = len(cjk) - len(cjk) // 10
    return any(_lcs(cjk[i:] + cjk[:i], key) >= need for key in keys for i in range(len(cjk)))


#: A reading of this many characters or more that `part_misread_own` takes for the employer's
#: ring may hold up to PART_MISREAD characters foreign to its name.
PART_MISREAD_CHARS = 7
PART_MISREAD = 2


def _none_of_its_own(key: str, reading: str, words: Sequence[str]) -> bool:
    """Does a reading bring no numeral, organisation word (`words`: its `ORGANISATION` words) or
    department word that the employer's name `key` lacks?"""
    return (numerals_compatible(key, reading) and all(w in key for w in words)
            and not any(w in reading and w not in key for w in DEPARTMENTS))


def part_misread_own(text: str, profile: Profile) -> bool:
    """Is a reading the employer's ring inked in part and read with a character or two wrong: all
    its characters but `PART_MISREAD` in order in an employer's name (from any point of the ring,
    as `inside_employer` reads it), bringing no numeral, organisation word (`ORGANISATION`) or
    department word the name lacks, and no slip just before a place's ending? synth5 s0 012:
    新疆生丘闭医院 (0.82; 丘闭 for 兵团) of 新疆生产建设兵团第一师阿拉尔医院 inked on one side, taken
    for another hospital. 阿克苏地区审计局 of …生态环境局, 和田地区皮山县中学 of …墨玉县第一中学 stay
    another's."""
    cjk = _cjk_of(text)
    if len(cjk) < PART_MISREAD_CHARS:
        return False
    words = [m.group() for m in ORGANISATION.finditer(cjk)]

    def misread_in(key: str, turned: str, slips: int) -> bool:
        slipped = slipped_in(key, turned)
        # (a slip before a place's ending is as likely another place's name: 皮山县 for 墨玉县)
        return len(slipped) <= slips and not any(turned[i + 1:i + 2] in PLACE_ENDS for i in slipped)

    def misread(key: str, reading: str, reading_words: list[str], slips: int, turns: range) -> bool:
        # (characters the name lacks are slips in any alignment: counted first, the alignments of
        # every turn of the ring are made only for a reading that can pass)
        return (sum(c not in key for c in reading) <= slips and _none_of_its_own(key, reading, reading_words)
                and any(misread_in(key, reading[i:] + reading[:i], slips) for i in turns))

    for key in (term.key for term in profile.terms() if term.kind == "employer"):
        if misread(key, cjk, words, PART_MISREAD, range(len(cjk))):
            return True
        # The name's last character, its one-character organisation word, misread as another's
        # (处 for 局) where the ring's text ends: that slip and one more. synth5 s1 059: 治州农业村处回族
        # 自 (0.86) of 昌吉回族自治州农业农村局 on a grey copy, taken for another body's.
        foreign = [w for w in words if w not in key]
        if (len(foreign) == 1 and len(foreign[0]) == 1 and cjk.count(foreign[0]) == 1
                and ORGANISATION.fullmatch(key[-1]) is not None):
            end = cjk.index(foreign[0]) + 1
            swapped = (cjk[end:] + cjk[:end]).replace(foreign[0], key[-1])
            if (misread(key, swapped, ORGANISATION.findall(swapped), PART_MISREAD - 1, range(1))
                    and not _place_left_out(key, swapped)):
                return True
    return False


def _place_left_out(key: str, reading: str) -> bool:
    """Does `reading` leave out a whole place of the employer's name `key` (not its first), the
    characters either side of it standing together in the reading? With the organisation word
    swapped too, it names the parent's body: 向泰地区水利局 (0.86, read twice alike from the ring's
    seam; synth3 s51 022) is 阿勒泰地区水利局, the prefecture's bureau, stamped under the employer
    阿勒泰地区福海县水利管理站's seal. A ring inked in part loses its name's start or end, not a
    place from its middle with its ending."""
    return any(start > 0 and end + 1 < len(key) and key[start - 1] + key[end + 1] in reading
               for start, end in places(key))


#: Least characters of a reading that `seam_ending_own` takes for the employer's ring.
SEAM_ENDING_CHARS = 6


def seam_ending_own(text: str, profile: Profile) -> bool:
    """Is a reading the employer's ring read from its seam: the name's last character first, its
    only organisation word, then the rest in order in the name but for one character (SEAM_ENDING_
    CHARS or more)? synth3 s46 046: 所兵团第师同拉 (0.77) for 新疆生产建设兵团第一师阿拉尔市农业科学
    研究所 — the 所 read first made it an organisation's name read confidently, another's. A slip
    that is an organisation word (兵团第一师农业局 for that name) keeps it another body's."""
    cjk = _cjk_of(text)
    if len(cjk) < SEAM_ENDING_CHARS or ORGANISATION.match(cjk) is None or ORGANISATION.search(cjk, 1):
        return False
    turned = cjk[1:] + cjk[0]
    return any(term.key.endswith(cjk[0]) and _lcs(turned, term.key) >= len(turned) - 1
               for term in profile.terms() if term.kind == "employer")


#: Characters of an employer's name, its end then its start, that a reading must hold in a row to
#: have read its ring across the seam (`reads_across_seam`).
SEAM_CHARS = 3
#: ... and the reading, turned to start where the name does, at most this many characters in a row
#: foreign to the name (as `near_employer` allows).
SEAM_FOREIGN = 3


def reads_across_seam(text: str, profile: Profile) -> bool:
    """Does a reading hold an employer's name across its ring's seam: its last characters then its
    first (SEAM_CHARS or more, one of each at least)? A ring inked in part is read from a gap in its
    ink, not from where its text starts, and the rest of it misread: 中学喀科路 for 喀什地区疏附县第二
    中学 (synth3 s32 036), 小局sto阿克苏址 for 阿克苏地区水利局 (synth2 s32 005). The seam's organisation
    word is the employer's own there; by itself (one region's bureaus share 局阿克苏) it is evidence
    only beside other evidence, and a reading that keeps another name's own words is not it."""
    return _seam_term(text, profile, 0) is not None


def _seam_term(text: str, profile: Profile, gap: int) -> str | None:
    """The employer (its key) whose name a reading holds across the ring's seam (`reads_across_seam`);
    with `gap`, up to that many characters foreign to it between the name's end and its start (what
    lies in the seam read into it) when each side holds two characters or more, and at most
    `SEAM_SLIPS` more misread elsewhere. None if none."""
    cjk = _cjk_of(text)
    for term in profile.terms():
        key = term.key
        if term.kind != "employer" or len(key) < SEAM_CHARS + 1:
            continue
        for end in range(2 if gap else 1, len(key)):
            start = max(2 if gap else 1, SEAM_CHARS - end)
            for at, skipped in _seam_joins(cjk, key[-end:], key[:start], gap):
                # Turned to start where the name does (what lay in the seam left out), the reading
                # is the name misread: with no more than SEAM_FOREIGN characters in a row foreign
                # to it — another body of the region with the same ending, read from its seam,
                # keeps its own words (行政干部培训中心江苏教育 for 江苏省教师培训中心: 育行政干部
                # foreign; dev) — or, past a gap, with no more than SEAM_SLIPS foreign at all.
                turned = cjk[at + end + skipped:] + cjk[:at + end]
                foreign = len(turned) - _lcs(turned, key) if gap else _foreign_run(turned, key)
                if foreign <= (SEAM_SLIPS if gap else SEAM_FOREIGN):
                    return key
    return None


#: Characters misread outside the seam that a reading across it with the seam read into it may hold.
SEAM_SLIPS = 1


def _seam_joins(cjk: str, tail: str, head: str, gap: int) -> list[tuple[int, int]]:
    """Where in `cjk` the name's `tail` stands followed, after at most `gap` other characters, by
    its `head`: (where the tail starts, how many characters lie between)."""
    found = []
    at = cjk.find(tail)
    while at >= 0:
        skipped = next((g for g in range(gap + 1) if cjk.startswith(head, at + len(tail) + g)), None)
        if skipped is not None:
            found.append((at, skipped))
        at = cjk.find(tail, at + 1)
    return found


def across_seam_own(text: str, profile: Profile) -> bool:
    """Does a reading hold an employer's name across the seam with what lay in the seam read into it
    (up to SEAM_FOREIGN characters between the name's end and its start), two characters or more of
    its own words among what it holds? A grey copy's ring read 和草原局记目主新疆生产建设兵团第入 is
    新疆生产建设兵团第八师石河子市林业和草原局's, its middle lost (synth4 s11 014): no firm reading
    of another body."""
    key = _seam_term(text, profile, SEAM_FOREIGN)
    return key is not None and names_own_words(_cjk_of(text), key)


#: Share of an employer's name's characters a reading as long as the name holds where the name has
#: them, to be the name misread in place (`misread_in_place`).
IN_PLACE_SHARE = 0.4
#: ... and the shortest name that test is asked of (a short name shares its ending by chance).
IN_PLACE_MIN_CHARS = 6


def misread_in_place(text: str, profile: Profile) -> bool:
    """Is a reading an employer's name with characters misread in place: as many characters as the
    name (seal words aside), IN_PLACE_SHARE of them where the name has them, its last character (the
    organisation word) among them, no more than SEAM_FOREIGN misread in a row, the name's own words
    and numerals kept? The recogniser reads a faded ring on a phone photo one character for each of
    the name's: 社海西市高昌区育热货源局 for 吐鲁番市高昌区自然资源局 (0.76), 略升动区设岗疑第二中学
    for 喀什地区疏附县第二中学 (0.67; synth3 s35 035, 032), half of it in order, too little for
    `near_employer`. Another body's name brings words of another length. Evidence only beside other
    evidence (the seal stamped over the employer's printed name)."""
    cjk = _name_chars(text)
    for term in profile.terms():
        key = term.key
        if term.kind != "employer" or len(key) < IN_PLACE_MIN_CHARS or len(cjk) != len(key):
            continue
        same = [a == b for a, b in zip(cjk, key, strict=True)]
        misread_run = max((len(list(run)) for kept, run in groupby(same) if not kept), default=0)
        if (sum(same) >= IN_PLACE_SHARE * len(key) and same[-1] and misread_run <= SEAM_FOREIGN
                and numerals_compatible(key, cjk) and names_own_words(cjk, key)):
            return True
    return False


#: Characters of an employer's name's end a reading must end with to be read from its end
#: (`ends_as_employer`).
END_CHARS = 3


def ends_as_employer(text: str, profile: Profile) -> bool:
    """Does a reading end as an employer's name does (its last `END_CHARS` characters, seal words
    aside), no longer than the name, with no numeral of its own and no more than `SEAM_FOREIGN`
    characters in a row foreign to it? A grey ring read only at its end, the rest misread:
    昊民殿民医院 for 吐鲁番市高昌区人民医院 (0.77; synth4 s13 008). Evidence only beside other
    evidence (the seal stamped over the employer's printed name)."""
    cjk = _name_chars(text)
    return any(term.kind == "employer" and len(term.key) >= IN_PLACE_MIN_CHARS
               and 4 <= len(cjk) <= len(term.key) and cjk.endswith(term.key[-END_CHARS:])
               and numerals_compatible(term.key, cjk) and _foreign_run(cjk, term.key) <= SEAM_FOREIGN
               for term in profile.terms())


#: Characters in order of an employer's name a reading that brings nothing of its own
#: (`nothing_foreign`) must hold — and one more in all (民医院 alone is too little read).
FOREIGN_FREE_SHARED = 3


def nothing_foreign(text: str, profile: Profile) -> bool:
    """Does a ring reading bring nothing of another body's name that an employer's lacks — no
    organisation word, department word or numeral of its own — while holding FOREIGN_FREE_SHARED
    characters of the name in order? A ring read in part, the rest garbled: 集狮网恒尔医院 (0.76) for
    新疆生产建设兵团第一师阿拉尔医院 (synth4 s23 049), 泌市中心心 (0.86) for 哈密市中心医院 (synth5 s2
    064). Evidence only beside other evidence (the seal stamped over the employer's printed name):
    an organisation word alone says little (中心 is in many names). Nor another place: a place's
    ending the name lacks there, or two characters or more of its own just before one
    (喀什地区英吉沙县中学 for 喀什地区疏附县第二中学; one, 泌 for 密, is a slip)."""
    cjk = _name_chars(text)
    words = ORGANISATION.findall(cjk)

    def shared_in_place(key: str) -> bool:
        # (one alignment with the name: how much of it is held, and what stands before a place's
        # ending that the name does not hold there)
        used = _matched_in(cjk, key)
        run = 0
        for c, own in zip(cjk, used, strict=True):
            if c in PLACE_ENDS and (not own or run >= 2):
                return False
            run = 0 if own else run + 1
        return sum(used) >= FOREIGN_FREE_SHARED

    return len(cjk) > FOREIGN_FREE_SHARED and any(
        term.kind == "employer" and _none_of_its_own(term.key, cjk, words) and shared_in_place(term.key)
        for term in profile.terms())


#: Share of a reading's characters `read_in_part_as_employer` wants in order in the name.
IN_PART_SHARE = 0.7


def read_in_part_as_employer(text: str, profile: Profile) -> bool:
    """Is a reading part of an employer's name read in order with a slip here and there: five
    characters or more, IN_PART_SHARE of them in order in the name, no two foreign ones in a row,
    no numeral of its own, ending in the name's organisation word (its last character)? A grey
    ring read where it was inked, its name's middle and end, one character misread in each gap:
    随勒她福海理站 (0.87) for 阿勒泰地区福海县水利管理站 (synth4 s19 000), ending 海理站, not the 管理站
    `ends_as_employer` asks for. Evidence only beside other evidence (the seal stamped over the employer's
    printed name)."""
    cjk = _name_chars(text)
    return len(cjk) >= PARTIAL_CHARS and any(
        term.kind == "employer" and len(term.key) >= IN_PLACE_MIN_CHARS and cjk[-1] == term.key[-1]
        and _lcs(cjk, term.key) >= IN_PART_SHARE * len(cjk) and _foreign_run(cjk, term.key) <= 1
        and numerals_compatible(term.key, cjk) for term in profile.terms())


#: National parents whose name starts the rings of all their local bodies' seals (中国共产主义青年团
#: 成都信息工程大学委员会): read alone, they name none of them.
NATIONAL_PARENTS = ("中国共产主义青年团", "中国共产党", "中国人民解放军", "中华人民共和国")


def parent_only(text: str) -> bool:
    """Is a reading a national parent's name (`NATIONAL_PARENTS`), misread in part (3 in 5 of its
    characters in order), with at most half as many characters again of anything else? A league
    committee's ring whose own part runs over print reads as 多殖国共产主又青年圆."""
    cjk = _cjk_of(text)
    for parent in NATIONAL_PARENTS:
        kept = _lcs(cjk, parent)
        if kept >= max(4, 0.6 * len(parent)) and len(cjk) - kept <= len(parent) // 2:
            return True
    return False


#: Characters in a row a ring reading and a printed line under the seal must share to say the
#: seal is the printed organisation's.
RING_PRINT_RUN = 3


def ring_matches_print(readings: Sequence[tuple[str, float]], printed: str, profile: Profile) -> bool:
    """Does a fair ring reading (MIN_SCORE+) share RING_PRINT_RUN characters in a row with a line
    printed under the seal, neither of them sharing the employer's own words? The seal then names
    that line's organisation, however both are misread (海南省教专 over 湖南省教育城 for
    湖南省教育厅: neither reading alone ends in an organisation word)."""
    line = _cjk_of(printed)
    if len(line) < 4 or prints_own_words(line, profile):
        return False
    return any(score >= MIN_SCORE and _common_run(_cjk_of(text), line) >= RING_PRINT_RUN
               and not shares_own_words(text, profile) for text, score in readings)


def _name_part(text: str) -> str:
    """The Chinese characters of a reading up to the end of the organisation's name: what runs on
    past it (a number, Latin letters, 培训专用章) cut off."""
    return _RUN_ON.sub("", _cjk_of(text))


def shares_own_words(text: str, profile: Profile) -> bool:
    """Does a reading share OWN_WORDS or more characters (in order) with an employer's own words
    (its name without the region)? The least evidence that a seal could be the employer's."""
    cjk = _cjk_of(text)
    return any(term.kind == "employer" and len(term.key) >= 3 and names_own_words(cjk, term.key)
               for term in profile.terms())


#: Characters in a row of an employer's own words a garbled long ring reading keeps.
OWN_RUN = 3


def prints_own_words(text: str, profile: Profile, run: int = 2) -> bool:
    """Does a printed line (or a reading) hold `run` characters in a row of an employer's own
    words? A line of print misread still keeps words of the employer's name whole; two characters
    far apart in a long name (和 … 局 of 人力资源和社会保障局 against 住房和城乡建设局, which
    `shares_own_words` counts) are no evidence that it names the employer."""
    cjk = _cjk_of(text)
    return any(term.kind == "employer" and len(term.key) >= 3 and _common_run(cjk, own_words(term.key)) >= run
               for term in profile.terms())


def names_another_organisation(text: str, profile: Profile) -> bool:
    """A reading that names an organisation (PARTIAL_CHARS+ Chinese characters ending in an
    organisation word, the 专用章 line and numbers run on past it aside) and shares nothing of any
    employer's own words: 新疆维吾尔自治区专业技术人员继续教育基地 read as 自治区专技人员继续教育基地
    is not 阿克苏地区生态环境局's seal, whatever else was misread."""
    name = _name_part(text)
    return len(name) >= PARTIAL_CHARS and _NAME_END.search(name) is not None and not shares_own_words(name, profile)


def partial_other_reading(readings: list[tuple[str, float]], profile: Profile) -> tuple[str, float] | None:
    """(text, score) of a fair reading (PARTIAL_SCORE+) that names another organisation
    (`names_another_organisation`) when the ring was read more than once and no reading of it
    (SHARING_SCORE+) shares two characters of an employer's own words; else None. A long ring text
    of another organisation (a training centre's 19 characters, faded pink) is seldom read whole
    and confidently, but it is read as some organisation, and an employer's worn seal misread keeps
    a word or two of its own (服县昌#药中心 for 吐鲁番市高昌区疾病预防控制中心)."""
    if len(readings) < 2:
        return None           # one reading: the second (unsmoothed, whole ring) may name the employer
    if any(score >= SHARING_SCORE and shares_own_words(text, profile) for text, score in readings):
        return None
    # A reading that resembles an employer's name (half of it in the name, in order: the same
    # region and more) still needs a confident reading of its own (`classify_seal`).
    fair = [(t, sc) for t, sc in readings if sc >= PARTIAL_SCORE and names_another_organisation(t, profile)
            and resembled_employer(t, profile)[0] is None]
    if not fair:
        return None
    text, score = max(fair, key=lambda r: r[1])
    return normalize(text), score


#: A line read under the employer's seal is its sign-off when it lies this much inside the seal's
#: box (share of its own box), at most SIGNOFF_HEIGHT of the seal's height tall and holds at least
#: SIGNOFF_MIN_CJK characters.
SIGNOFF_INSIDE = 0.5
SIGNOFF_HEIGHT = 0.4
SIGNOFF_MIN_CJK = 4


def signoff_under_own_seal(seals: Sequence[Region], lines: Sequence[TextLine], employers: Sequence[Region],
                           profile: Profile) -> list[Region]:
    """The employer's printed name under its own seal, read through the seal's ink: the sign-off
    a seal is stamped over (枣庄市社会科学界联合会 read 枣上市社会学鼎联合会 under the 联合会's seal).
    Matching asks too much of a line half covered in red ink; under a seal that is the employer's
    (accepted), a line that could be the employer's name misread (`resembled_employer`: half of it
    in the name in order, no run of three foreign characters) is the employer. The seal's box
    covers most of it already; the ends of a long sign-off reach out of it."""
    out: list[Region] = []
    own = [s for s in seals if s.kind == "seal" and s.accepted]
    for line in lines:
        box = line.bbox
        area = max(1.0, (box[2] - box[0]) * (box[3] - box[1]))
        seal = next((s for s in own if intersection(box, s.bbox) >= SIGNOFF_INSIDE * area
                     and box[3] - box[1] <= SIGNOFF_HEIGHT * (s.bbox[3] - s.bbox[1])), None)
        if seal is None or cjk_count(line.text) < SIGNOFF_MIN_CJK:
            continue
        if any(intersection(box, e.bbox) >= 0.9 * area for e in employers):
            continue
        term, misread = resembled_employer(line.text, profile)
        if term is None or not misread:
            term = _one_slip_from_ring(line.text, seal.text, profile)
        if term is not None:
            out.append(Region("employer", box, round(float(line.score), 4), line.text, True,
                              extra={"term": term, "attributed_by": "under the employer's seal"}))
    return out + _signoff_pieces_under_own_seal(own, lines, employers, profile, out)


def _one_slip_from_ring(text: str, ring: str | None, profile: Profile) -> str | None:
    """The employer a seal's ring reading named (`ring`: the seal's text, an employer's name)
    when a line under the seal reads as that name with one character another, a numeral too: the
    seal's ink over a stroke turns 第二 into 第三 (synth3 s45 075: 喀什地区疏附县第三中学 under the
    seal read 喀什地区疏附县第二中学), which `resembled_employer` takes for another school."""
    if ring is None:
        return None
    cjk = _cjk_of(text)
    for term in profile.terms():
        if (term.kind == "employer" and term.text == ring and len(term.key) >= SIGNOFF_MIN_CJK
                and len(cjk) == len(term.key) and edits(cjk, term.key) == 1):
            return term.text
    return None


def _signoff_pieces_under_own_seal(own: Sequence[Region], lines: Sequence[TextLine], employers: Sequence[Region],
                                   profile: Profile, found: Sequence[Region]) -> list[Region]:
    """The sign-off under the employer's seal read in pieces the seal's ink parts (巴音郭楞 |
    自活水利局 for 巴音郭楞蒙古自治州水利局, 蒙古 under the star; synth4 s0 060): the pieces of one
    row that the seal's box reaches, joined left to right, that could be the employer's name
    misread, are the employer — each piece, the one reaching out of the seal's box too."""
    out: list[Region] = []
    for seal in own:
        sx0, sy0, sx1, sy1 = seal.bbox
        pieces = sorted((ln for ln in lines if ln.source == "page" and intersection(ln.bbox, seal.bbox) > 0
                         and ln.bbox[3] - ln.bbox[1] <= SIGNOFF_HEIGHT * (sy1 - sy0)),
                        key=lambda ln: ln.bbox[0])
        rows: list[list[TextLine]] = []
        for ln in pieces:
            row = next((r for r in rows if level(r[-1], ln)), None)
            if row is None:
                rows.append([ln])
            else:
                row.append(ln)
        for row in rows:
            text = "".join(ln.text for ln in row)
            if len(row) < 2 or cjk_count(text) < SIGNOFF_MIN_CJK:
                continue
            term, misread = resembled_employer(text, profile)
            if term is None or not misread:
                continue
            for ln in row:
                area = max(1.0, (ln.bbox[2] - ln.bbox[0]) * (ln.bbox[3] - ln.bbox[1]))
                if not any(c in term for c in _cjk_of(ln.text)):
                    continue            # a form's label before the name (名称 | 天津…: its 称)
                if not any(intersection(ln.bbox, r.bbox) >= 0.9 * area for r in (*employers, *found, *out)):
                    out.append(Region("employer", ln.bbox, round(float(ln.score), 4), text, True,
                                      extra={"term": term, "attributed_by": "under the employer's seal, in pieces"}))
    return out

