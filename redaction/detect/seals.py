"""Red seals (公章) on scanned pages: classical colour + shape detection, and ring-text unwarping.

Why classical: a seal is red ink in one of three outlines (round, oval, square) of known physical
size (official seals 3.8–5 cm, oval 4.5 × 3 cm, name seals ≥ 1.3 cm), so colour and geometry find it
in ~10–20 ms a page with no model. Measured before the first line (see DETECTION-NOTES.md): the
redness rule of `ocr.red_ink_mask` keeps faded pink seals that a saturation threshold loses; black
text over the ring breaks it into fragments, which a ~3.5 mm dilation rejoins; the false seals to
expect are red title characters (荣誉证书, a red letterhead) and a face photo's lips and cheeks.

Pipeline (half resolution throughout):
  red mask → dilate 3.5 mm → blobs 1.3–6 cm, aspect 0.55–1.8, red density 0.06–0.75
  → outline test on the undilated ink: ring around a sparse interior → round/oval, a rectangular
    frame → square; a solid red patch (lips) is neither
  → drop blobs standing in a row of similar-height red blobs (title characters)
  → blobs too long for one seal (touching seals, a seal on a red title) are searched for complete
    rings with Hough circles + the same ring test
  → a blob far longer than any seal (a certificate's guilloche border in red, pink or gold ink,
    seals stamped touching it) loses its band (runs of ink longer than any seal) and what is left
    is searched again: complete rings are seals, the rest go to the learned detector
  → pad 8 %.
Grey photocopies have no red: only round seals can be found there (Hough circles of seal size and
a ring check), reported with a low score and colour "gray". That search runs only on pages with no
colour at all (a plain black-and-white page included, which costs a Hough pass, ~20–30 ms); on a
page with a little colour the learned detector checks grey candidates, and there thin straight
coloured lines (a box drawn round an e-invoice's QR code with an orange marker) do not count.

Worn seals (issue 14): broken, blotchy ink close to the paper's colour, one side of the ring barely
printed, fall below the red-ink rule in most of their ring. With the learned detector at hand, faint
red ink (smoothed redness > 12 at half size) is grouped over 8 mm, an outline fitted on it, and the
seal kept when the learned detector finds ring text inside that outline on the red ink alone
(`_faint_seal`); on a photocopy the same is done with mid-grey ink, black text and its fringe taken
out at full size (`_seal_grey_ink`). A worn ring printed on one side only is found as a Hough
circle drawn by arcs of that faint ink (`_faint_arcs`, fitted within its annulus). Grey oval seals
are taken from the learned detector's oval refitted on the dark ink (`_gray_oval`); they reach it
as faint-ink groups or as seal-sized blobs of dark ink with the table rules taken out
(`_gray_blobs`: an oval 发票专用章 the table's border runs through).

Measured on the project's synthetic corpus (testkit/corpus.py, 2 × 40 pages): red seals 66/67 found
with the padded box covering the whole disc, grey-copy seals 6/12, 0 false seals (red titles, red
letterheads, emblems, faces). Missed: a red seal stamped over a colour photo (skin passes the
redness rule, so the blob is solid), grey oval or very faint grey seals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import zip_longest
from typing import TYPE_CHECKING, TypeAlias, cast, overload

import cv2
import numpy as np
import numpy.typing as npt

from redaction.detect.ellipse import refit_ellipse
from redaction.detect.ink import red_ink_mask
from redaction.model.regions import clip_box, intersection, iou
from redaction.model.types import Box, BoxF, Floats, Image, Mask, Numeric

if TYPE_CHECKING:
    import cv2.typing

    from redaction.detect.sealdet import RingOutline, RingTextModel

#: Half-resolution processing: seals are big, and half size keeps a 1-mm ring 4 px wide at 200 dpi.
SCALE = 0.5
DILATE_MM = 3.5
MIN_CM, MAX_CM = 1.3, 6.0
MIN_ASPECT, MAX_ASPECT = 0.55, 1.8
#: An office's oblong stamp (shape rect) is at most this much longer than it is tall.
RECT_MAX_ASPECT = 3.0
MIN_DENSITY, MAX_DENSITY = 0.06, 0.75
PAD = 0.08
#: Outline tests: share of rays whose outermost ink lies on the fitted ellipse (see fit_ring), share
#: of a rectangle's outline that carries red ink, and most red allowed inside either.
MIN_RING = 0.5
MIN_OUTLINE = 0.55
MAX_INNER_FILL = 0.55
#: Least red ink well inside a square seal's frame (its characters): the inner share of a frame
#: 0.8 of the seal's size, which a thick frame round nothing no longer reaches.
SQUARE_MIN_FILL = 0.06
#: A page with less red ink than this share and no red seal is searched for grey seals too (a
#: colour scan of a photocopy with a coloured mark on it).
GRAY_ON_COLOUR_RED = 0.005
#: A ring at least this complete is trusted even beside another red blob of its height
#: (two issuers' seals side by side on a contract).
STRONG_OUTLINE = 0.85
#: An image whose stated dpi makes its short side shorter than this (cm) does not have that dpi.
TRUSTED_MIN_CM = 8.0
#: Hough searches for rings run on a copy where the largest ring is at most this radius (px): page
#: scales up to 300 dpi are searched at full size, a frame-filling scale on a smaller copy.
HOUGH_MAX_RADIUS = 180
#: A stated resolution below this is no resolution (phones write 72 dpi, image editors 96).
TRUSTED_DPI = 100
#: A trusted image shorter than this (cm) both ways is no whole page (A5 is 14.8 × 21 cm).
CROP_MAX_CM = 20.0
CROP_MAX_ASPECT = 1.25
#: A frame a seal may fill edge to edge is square or a photo's 4:3 (an A4 page's is 1.41).
FRAME_FILL_MAX_ASPECT = 1.34
#: Straight red lines longer than this (cm at the scale searched) are rules, not seal sides: an
#: official square seal is at most ~3 cm, a round seal's ring is curved.
RULE_CM = 4.0
#: Grey (photocopy) search: round seal diameters to look for, and the confidence given.
GRAY_DIAMETER_CM = (3.4, 5.2)
GRAY_SCORE = 0.3
GRAY_MIN_PEAK = 0.8
GRAY_MAX_CIRCLES = 12


@dataclass
class Seal:
    """A seal in page pixels.

    bbox: padded, covers the whole disc, clipped to the page, [x0, y0, x1, y1).
    center, axes, angle: the fitted outline as cv2.ellipse takes it: centre, semi-axes (half widths)
    along and across `angle` (degrees, from the x axis towards y). For a square seal the ellipse is
    the rectangle's inscribed one, with the rectangle's angle.
    """

    bbox: Box
    shape: str                      # "round" | "oval" | "square" | "rect" (an oblong office stamp)
    score: float                    # 0..1 (low for grey-photocopy finds)
    center: tuple[float, float]
    axes: tuple[float, float]
    angle: float
    colour: str = "red"             # "red" or "gray"


# --- red ink --------------------------------------------------------------------------------------

def _max_pool2(mask: Mask) -> Mask:
    """Half-size boolean mask: a pixel is red if any of its 2×2 source pixels is (keeps thin pink
    strokes that averaging would fade)."""
    h, w = mask.shape
    m = mask[: h - h % 2, : w - w % 2]
    if m.size == 0 or mask.dtype != bool:
        return np.ascontiguousarray(m[0::2, 0::2] | m[1::2, 0::2] | m[0::2, 1::2] | m[1::2, 1::2])
    m8 = cast(Image, m.view(np.uint8))
    # Row pairs joined by OpenCV, then each pair of neighbouring bytes read as one 16-bit number:
    # nonzero when either is (4× faster than four strided numpy slices).
    rows = np.ascontiguousarray(cv2.max(m8[0::2], m8[1::2]))
    out: Mask = rows.view(np.uint16) != 0
    return out


# --- outline tests --------------------------------------------------------------------------------

_ANGLES = np.deg2rad(np.arange(0, 360, 3.0))
_RING_S = np.linspace(0.92, 1.05, 7)      # narrow band on the fitted outline (outline = 1)
_INNER_S = np.linspace(0.25, 0.78, 12)    # inside: star, ring text, bottom line


def _sample(mask: Mask, xs: Floats, ys: Floats) -> Mask:
    """The mask at the nearest pixel of each point (rounded half to even), False off the mask."""
    h, w = mask.shape
    inside = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    # One flat index, clipped while still float (whole numbers: the same pixels as clipping the
    # integers), instead of two int32 arrays and a 2-D fancy index: a third of the time.
    xr = np.clip(np.round(np.asarray(xs, np.float64)), 0, w - 1)
    yr = np.clip(np.round(np.asarray(ys, np.float64)), 0, h - 1)
    yr *= w
    yr += xr
    flat = mask.reshape(-1) if mask.flags.c_contiguous else np.ascontiguousarray(mask).reshape(-1)
    sampled: Mask = flat[yr.astype(np.intp)] & inside    # numpy's stubs type fancy indexing as Any
    return sampled


def ellipse_scores(mask: Mask, center: Sequence[float], axes: Sequence[float],
                   angle_deg: float) -> tuple[float, float]:
    """(outline, inner fill) of an ellipse on a boolean mask.

    outline: share of directions with ink in a band around the ellipse (a ring; text over it or
    wear leave gaps). inner fill: share of inked samples well inside (a seal's star and text are
    sparse; lips or a red blob are solid).
    """
    cx, cy = center
    a, b = axes
    t = np.deg2rad(angle_deg)
    ct, st = np.cos(t), np.sin(t)
    ca, sa = np.cos(_ANGLES), np.sin(_ANGLES)

    def grid(s: Floats) -> tuple[Floats, Floats]:
        ex = np.outer(s, a * ca)
        ey = np.outer(s, b * sa)
        return cx + ex * ct - ey * st, cy + ex * st + ey * ct

    ring = _sample(mask, *grid(_RING_S))
    inner = _sample(mask, *grid(_INNER_S))
    return float(ring.any(axis=0).mean()), float(inner.mean())


#: An ellipse fitted to a ring of ink: centre, semi-axes, angle (degrees) and the share of rays on it.
RingShape: TypeAlias = tuple[tuple[float, float], tuple[float, float], float, float]


def fit_ring(mask: Mask, center: Sequence[float], radius: float) -> RingShape | None:
    """Fit an ellipse to the outermost ink along 120 rays from `center`; return
    (centre, semi-axes, angle, ring) or None, where ring is the share of rays whose outermost ink
    lies on that ellipse (±5 %).

    A seal's outline is its outermost ink all round, so the rays agree on one ellipse even with
    gaps from wear (a gap leaves that ray's outermost ink on the text inside: one outlier). The
    outermost ink of a character is stroke ends and box corners, which no ellipse fits: measured
    0.2–0.35 on big red title characters against 0.6–1.0 on seals, worn pink ones included.
    """
    found = _outermost_ink(mask, center, 0.0, 1.35 * radius)
    if found is None:
        return None
    pts = found[0].astype(np.float32)
    fit = refit_ellipse(pts, (0.15, 0.07), 6)  # drop rays that ended on text inside a gap
    if fit is None:
        return None
    ((ex, ey), (w, h), ang), res = fit
    ring = float(np.count_nonzero(res < 0.05)) / len(_ANGLES)
    return (float(ex), float(ey)), (w / 2, h / 2), float(ang), ring


def rectangle_scores(mask: Mask, center: Sequence[float], half: Sequence[float],
                     angle_deg: float) -> tuple[float, float]:
    """(outline, inner fill) of a rotated rectangle (half sizes) on a boolean mask."""
    n = 30  # positions per side
    u = np.linspace(-1, 1, n)
    # (side points at s = 1 and their direction) for the four sides, in the rectangle's frame
    side_x = np.concatenate([u, np.ones(n), u, -np.ones(n)])
    side_y = np.concatenate([-np.ones(n), u, np.ones(n), u])
    ring = _on_rectangle(mask, center, half, angle_deg, side_x * FRAME_BAND, side_y * FRAME_BAND)
    gx, gy = np.meshgrid(np.linspace(-0.75, 0.75, 12), np.linspace(-0.75, 0.75, 12))
    inner = _on_rectangle(mask, center, half, angle_deg, gx, gy)
    return float(ring.any(axis=0).mean()), float(inner.mean())


#: The band round a rectangle's outline its frame is looked for in (shares of the half sizes).
FRAME_BAND = np.linspace(0.86, 1.10, 9)[:, None]


def _on_rectangle(mask: Mask, center: Sequence[float], half: Sequence[float], angle_deg: float,
                  x: Floats, y: Floats) -> Mask:
    """The mask at points given in a rotated rectangle's own frame (half sizes 1)."""
    t = np.deg2rad(angle_deg)
    ct, st = np.cos(t), np.sin(t)
    x, y = x * half[0], y * half[1]
    return _sample(mask, center[0] + x * ct - y * st, center[1] + x * st + y * ct)


#: An oblong stamp's frame: each of its four sides is a straight line of ink along this share of
#: its length or more (two seals stamped touching, a table's cell round a word are not).
RECT_SIDE = 0.8


def _straight_sides(mask: Mask, center: Sequence[float], half: Sequence[float], angle_deg: float) -> float:
    """The least, over a rectangle's four sides, of the share of the side inked along one straight
    line parallel to it (two neighbouring sample lines, from 0.86 to 1.10 of the half size out:
    a frame on a slant or a thick rule spans two)."""
    n = 30
    u = np.linspace(-1, 1, n + 2)[1:-1]          # corners left out: they belong to both sides
    least = 1.0
    for sx, sy in ((u, -np.ones(n)), (np.ones(n), u), (u, np.ones(n)), (-np.ones(n), u)):
        on = _on_rectangle(mask, center, half, angle_deg, sx * FRAME_BAND, sy * FRAME_BAND)   # (9, n)
        pairs = on[:-1] | on[1:]
        least = min(least, float(pairs.mean(axis=1).max()))
    return least


#: A ring fit whose outermost ink lies this much on four straight sides is a red frame (a table's
#: border, a box) it was fitted into, unless the frame holds red characters (a square seal): the
#: outermost ink along rays from inside a ruled table lies on an ellipse often enough.
FRAME_ON_SIDES = 0.9
#: How far (share of the frame's size) a point may lie off a side and still be on it.
FRAME_SIDE_TOLERANCE = 0.03


def _red_frame(ink: Mask, center: Sequence[float], radius: float) -> bool:
    """Is the outermost ink round `center` (as `fit_ring` looks for it) a four-sided frame with
    little red well inside? A quadrilateral, not a rectangle: a photographed table is a trapezoid.
    A ring's outermost ink has no four straight sides, and a seal holds its characters."""
    found = _outermost_ink(ink, center, 0.0, 1.35 * radius)
    if found is None:
        return False
    pts = found[0].astype(np.float32)
    hull = cv2.convexHull(pts)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4:
        return False
    size = float(np.sqrt(max(1.0, cv2.contourArea(quad))))
    off = np.array([abs(cv2.pointPolygonTest(quad, (float(x), float(y)), True)) for x, y in pts])
    if float((off <= FRAME_SIDE_TOLERANCE * size).mean()) < FRAME_ON_SIDES:
        return False
    middle = quad.reshape(-1, 2).mean(axis=0)
    inner = np.round(middle + 0.8 * (quad.reshape(-1, 2) - middle)).astype(np.int32)
    area = np.zeros(ink.shape, np.uint8)
    cv2.fillPoly(area, [inner], 1)
    inside = area.view(bool)
    return bool(inside.any()) and float(ink[inside].mean()) < SQUARE_MIN_FILL


#: A ring fit that keeps less than this share of its rays once straight lines as long as its
#: smaller semi-axis are taken out was traced by rules (a photographed table's tilted red rules
#: round two seals stamped in it: 0.69 → 0.09); a seal's ring has no straight run that long and
#: keeps its rays (0.51 → 0.47 at worst on the synth2 seals over red rules).
RULED_KEEP = 0.5


#: A page is ruled in red (a form's table) when this many straight red segments 4 cm long are
#: found on it (synth3 s15 032: 31); a card's or a certificate's few red lines are no table.
RULED_MIN_LINES = 8


def _straight_lines_out(ink: Mask, length: int) -> tuple[Mask, int]:
    """The mask without its straight lines at least `length` long at any angle (HoughLinesP, each
    taken out 5 px wide), and how many there were."""
    u8 = ink.view(np.uint8) * np.uint8(255)
    lines = cv2.HoughLinesP(u8, 1, np.pi / 360, threshold=int(0.8 * length), minLineLength=length, maxLineGap=2)
    if lines is None:
        return ink, 0
    for x0, y0, x1, y1 in lines.reshape(-1, 4):
        cv2.line(u8, (int(x0), int(y0)), (int(x1), int(y1)), 0, 5)
    out: Mask = u8 > 0
    return out, len(lines)


def _without_tilted_rules(red: Mask, length: int) -> Mask:
    """The mask without straight lines at least `length` long at any angle, or `red` itself when
    it holds fewer than `RULED_MIN_LINES`. ~20 ms on a ruled half-size page: only where nothing
    else was found."""
    cut, lines = _straight_lines_out(red, length)
    return cut if lines >= RULED_MIN_LINES else red


#: Red ink joined up by rules, outside every seal found, this dense over a smallest seal's square
#: somewhere: a seal may be on the rules (rules alone: two crossing lines fill ~0.1 of it).
RULED_UNFOUND_DENSITY = 0.15


def _ruled_ink_unfound(red: Mask, seals: Sequence[Seal], guesses: Sequence[float]) -> bool:
    """Is there seal-dense red ink in a piece larger than the largest seal both ways (a form's
    rules joined up) outside the seals found (page px)? Then a seal stamped on rules a photo tilted
    may be in it (`_without_tilted_rules`); ~3 ms a page with red rules. (The largest seal at the
    page's scale: at the scale of a seal filling the frame, a phone photo's, nothing on the page is
    larger — synth3 s31 014, a pink seal on a tilted red-ruled form, was never looked for.)"""
    big = MAX_CM * _page_dpi(guesses) * SCALE / 2.54
    n, labels, stats, _ = cv2.connectedComponentsWithStats(red.view(np.uint8), connectivity=8)
    joined = np.flatnonzero((stats[1:, cv2.CC_STAT_WIDTH] > big) & (stats[1:, cv2.CC_STAT_HEIGHT] > big)) + 1
    if not joined.size:
        return False
    ink = np.isin(labels, joined).astype(np.float32)
    for s in seals:
        x0, y0, x1, y1 = (int(v * SCALE) for v in s.bbox)
        ink[max(0, y0):max(0, y1 + 1), max(0, x0):max(0, x1 + 1)] = 0
    side = max(3, int(MIN_CM * min(guesses) * SCALE / 2.54))
    return bool(cv2.boxFilter(ink, -1, (side, side)).max() > RULED_UNFOUND_DENSITY)


def _traced_by_lines(ink: Mask, center: Sequence[float], axes: Sequence[float], ring: float) -> bool:
    """Does the ring fitted round `center` (share `ring` of its rays on it) lie on straight lines,
    at any angle, as long as its smaller semi-axis? (A table's rules; a photo tilts them, so the
    axis-aligned openings of `remove_rules` miss them.)"""
    length = int(min(axes))
    if length < 8:
        return False
    cut, lines = _straight_lines_out(ink, length)
    if not lines:
        return False
    refit = fit_ring(cut, center, max(axes))
    return refit is None or refit[3] < RULED_KEEP * ring


def _ruled_outline(ink: Mask, center: Sequence[float], axes: Sequence[float], ring: float) -> bool:
    """Is the ring fitted round `center` a frame or straight rules (`_red_frame`,
    `_traced_by_lines`), judged on the ink round it alone?"""
    cx, cy = center
    r = 1.4 * max(axes)
    h, w = ink.shape
    x0, y0 = max(0, int(cx - r)), max(0, int(cy - r))
    crop = np.ascontiguousarray(ink[y0:min(h, int(cy + r) + 1), x0:min(w, int(cx + r) + 1)])
    at = (cx - x0, cy - y0)
    return _red_frame(crop, at, max(axes)) or _traced_by_lines(crop, at, axes, ring)


# --- finding seals --------------------------------------------------------------------------------

@dataclass
class _Blob:
    box: Box                            # undilated ink extent, half-res px


#: A photo whose short side, taken as an A4 page's, is this many times the highest guess or more
#: is looked at at that page's scale too.
BIG_PHOTO = 1.25


def dpi_guesses(dpi: int | None, shape: tuple[int, ...]) -> list[float]:
    """The scales to size seals by. A page rendered or scanned at a known resolution (a PDF, a
    scanner's JPEG) gives one. An image whose file states nothing, or less than `TRUSTED_DPI` (phones
    write 72, editors 96, whatever the subject), gives none: seals are then looked for at 100, 200 and
    300 dpi (5–70 mm at 200 dpi), at the scale of a whole A4 page in a small image, and at the
    scale where a seal fills the frame (a close-up photo of a seal: 22–100 % of the short side)."""
    # A stated resolution is believed when the image is then at least a postcard across: a page
    # shrunk for the web keeps its scanner's 200 dpi in a 354-px-wide file (4.5 cm at 200 dpi).
    frame = 2.54 * min(shape[:2]) / MAX_CM
    if dpi and dpi >= TRUSTED_DPI and 2.54 * min(shape[:2]) / dpi >= TRUSTED_MIN_CM:
        # A squarish image shorter than an A5 page both ways at its stated resolution is a crop
        # round something, maybe a seal filling the frame (dev: a 17 cm square at 120 dpi of a 16 cm
        # pink seal); a certificate's 1403 × 992 at 300 dpi is a page scanned small, not a crop.
        long_cm = 2.54 * max(shape[:2]) / dpi
        if long_cm < CROP_MAX_CM and max(shape[:2]) < CROP_MAX_ASPECT * min(shape[:2]) and frame > dpi:
            return [float(dpi), frame]
        return [float(dpi)]
    guesses = [100.0, 200.0, 300.0]
    # A small image of a whole page (a 380-px-wide licence) is below 100 dpi: the scale at which
    # an A4 page's short side (21 cm) fills the image's short side.
    page = 2.54 * min(shape[:2]) / 21.0
    if page < 0.8 * guesses[0]:
        guesses.insert(0, page)
    elif page > BIG_PHOTO * guesses[-1]:
        # A phone's 12-megapixel photo of a page is 400-500 dpi: a 4 cm seal there is past the
        # largest seal at 300 dpi and short of one filling the frame.
        guesses.append(page)
    if frame > guesses[-1]:
        guesses.append(frame)
    return guesses


@overload
def remove_rules(red: Mask, min_length: int) -> Mask: ...
@overload
def remove_rules(red: Image, min_length: int) -> Image: ...
def remove_rules(red: Mask | Image, min_length: int) -> Mask | Image:
    """The mask without straight horizontal or vertical red lines at least `min_length` long (the
    rules of invoices and forms, a letterhead's underline): joined to a seal by the dilation they
    make one long blob of it, and their frames pass for a square seal."""
    red8 = red.view(np.uint8) if red.dtype == bool else cast(Image, red)
    if min_length < 8:
        return red
    window = _ink_window(red8, min_length + 2)
    if window is None:
        return red
    # Only the ink's bounding box (and a rule's length round it) can hold a rule: the openings there
    # give what they give on the whole page, at a fraction of the cost on a page with one seal.
    part = red8[window]
    if red.dtype == bool:
        found = cv2.bitwise_or(open_line(part, min_length, True), open_line(part, min_length, False))
    else:
        horizontal = cv2.morphologyEx(part, cv2.MORPH_OPEN, np.ones((1, min_length), np.uint8))
        vertical = cv2.morphologyEx(part, cv2.MORPH_OPEN, np.ones((min_length, 1), np.uint8))
        found = cv2.bitwise_or(horizontal, vertical)
    if not found.any():
        return red
    # Rules are a few pixels thick and antialiased: take their fringe too.
    lines = np.zeros_like(red8)
    lines[window] = cv2.dilate(found, np.ones((3, 3), np.uint8))
    return (red8 & ~lines.astype(bool)).astype(bool) if red.dtype == bool else cast(Image, cv2.subtract(red8, lines))


def open_line(mask: Image, length: int, horizontal: bool) -> Image:
    """`cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, length)))` (or `(length, 1)` when not
    `horizontal`) of a 0/1 uint8 mask, the same pixels, its even-length shift and its border
    included, at a cost that does not grow with `length` (OpenCV's opening took 10-18 ms a page at
    the frame-filling scale's 551-px rules). Erosion keeps a pixel whose window, as OpenCV places
    it (anchor at length // 2), holds no 0 on the mask (OpenCV's erosion counts the outside as
    ink); the dilation then sets every pixel whose window holds a kept one. Both windows are
    counted with an unnormalised box filter, zero outside."""
    a = length // 2
    ksize, anchor = ((length, 1), (a, 0)) if horizontal else ((1, length), (0, a))
    depth = cv2.CV_16U if length < 65536 else cv2.CV_32S

    def count(img: Image) -> Numeric:
        return cast(Numeric, cv2.boxFilter(img, depth, ksize, anchor=anchor, normalize=False,
                                           borderType=cv2.BORDER_CONSTANT))

    eroded = (count(1 - mask) == 0).view(np.uint8)
    return cast(Image, (count(eroded) > 0).view(np.uint8))


def _grown_components(mask: Mask, r: int) -> tuple[int, npt.NDArray[np.uint16], npt.NDArray[np.int32],
                                                   tuple[int, int]]:
    """cv2.connectedComponentsWithStats (8-connected, 16-bit labels) of the mask dilated by a
    (2r + 1)-px square, made on the window of the ink grown by r only (nothing outside it is set
    by the dilation; components keep their raster order, so their labels): n, the window's labels,
    stats in the mask's pixels, and the window's origin (x, y) in them."""
    window = _ink_window(mask.view(np.uint8), r)
    if window is None:
        return 1, np.zeros((0, 0), np.uint16), np.zeros((1, 5), np.int32), (0, 0)
    grown = cv2.dilate(mask.view(np.uint8)[window], np.ones((2 * r + 1, 2 * r + 1), np.uint8))
    n, labels, found, _ = cv2.connectedComponentsWithStats(grown, connectivity=8, ltype=cv2.CV_16U)
    ox, oy = window[1].start, window[0].start
    stats = np.asarray(found, np.int32)
    stats[1:, 0] += ox
    stats[1:, 1] += oy
    return n, np.asarray(labels, np.uint16), stats, (ox, oy)


def _ink_window(mask: Image, margin: int) -> tuple[slice, slice] | None:
    """The bounding box of the mask's ink grown by `margin` (clipped to it), or None without ink."""
    rows = np.flatnonzero(mask.any(axis=1))
    if not len(rows):
        return None
    cols = np.flatnonzero(mask.any(axis=0))
    h, w = mask.shape[:2]
    return (slice(max(0, int(rows[0]) - margin), min(h, int(rows[-1]) + 1 + margin)),
            slice(max(0, int(cols[0]) - margin), min(w, int(cols[-1]) + 1 + margin)))


def find_seals(image_bgr: Image, dpi: float | Sequence[float] | None, red_mask: Mask | None = None,
               ring_reader: RingTextModel | None = None) -> list[Seal]:
    """Seals on a page (BGR), in page pixels. `red_mask` (full size, from ocr.red_ink_mask) is
    reused when the caller already has it. `dpi` may be several guesses (a file that does not
    say): the masks are made once and each size's finds join the others' unless they repeat one.
    `ring_reader`: a `sealdet.SealTextDetector`; with it, red ink the outline tests reject (a ring
    broken up by the text under it, a seal at a scale none of the guesses covers) and rings on
    photocopies are checked for ring text by the learned detector (see `_learned_candidates`)."""
    if image_bgr.ndim == 2:
        image_bgr = cast(Image, cv2.cvtColor(image_bgr, cv2.COLOR_GRAY2BGR))
    h, w = image_bgr.shape[:2]
    # Half size by max-pooling the full-resolution mask (any red pixel of 2×2): the same mask whether
    # or not the caller passes one. Subsampling instead thinned faded pink seals below the density
    # floor (0.060 → 0.059 on a half-worn seal).
    full = red_mask if red_mask is not None else red_ink_mask(image_bgr)
    red = _max_pool2(full.astype(bool, copy=False))
    colourless = None
    gray_quarter: GreyCopy | None = None
    seals: list[Seal] = []
    dpis = cast("Sequence[float | None]", [dpi] if np.isscalar(dpi) or dpi is None else dpi)
    guesses = [float(d or 200) for d in dpis]
    rejected: list[tuple[BoxF, float]] | None = [] if ring_reader is not None else None
    # Straight coloured lines longer than the smallest seal are no colour the grey search minds.
    rule_px = int(round(MIN_CM * min(guesses) * SCALE / 2.54))
    for d in guesses:
        px_cm = d * SCALE / 2.54            # half-res pixels per cm
        found = [_to_page(s, w, h) for s in _find_red(red, px_cm, rejected)]
        if rejected is not None:
            # Red rules (invoices, forms) joined to a seal make one long blob of it: the seal
            # alone, with rules longer than any seal side at this scale taken out, is a candidate
            # for the learned detector (not a find: what is left of a ruled border can pass the
            # outline tests).
            ruled = remove_rules(red, int(round(RULE_CM * px_cm)))
            if ruled is not red:
                rejected += [(_half_box(s, w, h), 1.0) for s in _find_red(ruled, px_cm)
                             if all(iou(_to_page(s, w, h).bbox, k.bbox) < 0.3 for k in found)]
        if not found:
            if colourless is None:
                colourless = _is_colourless(image_bgr, red)
            if colourless:
                if gray_quarter is None:
                    gray_quarter = GreyCopy.of(image_bgr)
                found = _find_gray(gray_quarter, (h, w), d)
                # At the frame's own scale a seal may fill the frame edge to edge (6 cm there):
                # past the largest grey seal a page holds. Looked for only when nothing else was
                # found (a larger radius range coarsens the whole Hough search), and only in a
                # square or 4:3 frame, as a close-up is: an A4 page is no seal (0.06 s a page).
                if (not found and not seals and max(h, w) <= FRAME_FILL_MAX_ASPECT * min(h, w)
                        and abs(d - 2.54 * min(h, w) / MAX_CM) < 1e-6 * d):
                    found = _find_gray(gray_quarter, (h, w), d, MAX_CM)
        seals += found
    if not seals:
        # Security paper printed with a dust of fine red dots (a graduation certificate's 底纹)
        # joins a seal to the whole page once dilated: look again without the dots.
        seals, clean = _seals_off_dotted_paper(red, guesses, w, h, rejected)
        if seals:
            red = clean
    if red.mean() > GUILLOCHE_MIN_RED and _one_sheet(red, _page_dpi(guesses)):
        # Guilloche: fine red wavy lines over the whole sheet join a seal to them, and to the
        # outline tests look like rings of any size (dev: a work-study certificate's orange-red
        # waves, one blob over 0.36 of the page). Their strokes are a pixel or two; a seal's ring
        # and star are thicker and outlast an opening that clears the lines (and the specks it
        # leaves where a line runs thicker, as where a wave turns).
        thick = _without_specks(cv2.morphologyEx(red.view(np.uint8), cv2.MORPH_OPEN, np.ones(
            (GUILLOCHE_OPEN, GUILLOCHE_OPEN), np.uint8)).view(bool), _speck_px(guesses))
        seals += [_to_page(s, w, h) for d in guesses for s in _find_red(thick, d * SCALE / 2.54)]
    if (not colourless and ring_reader is not None and red.any()
            and (not seals or _ruled_ink_unfound(red, seals, guesses))):
        # A phone photo tilts a form's red rules a few degrees: the axis-aligned openings of
        # `remove_rules` leave them, joined to the seal stamped on them (synth3 s15 032: a seal
        # on the bottom rule and the right one, nothing found; synth3 s23 006: the seal on a rule,
        # found beside another one off it). Straight lines at any angle out. Shapes left where
        # lines were cut out are confirmed by ring text round them.
        level = _without_tilted_rules(red, int(round(RULE_CM * min(guesses) * SCALE / 2.54)))
        if level is not red:
            known = list(seals)
            for d in guesses:
                # (A weak ring many times a sound find's size round it does not hide it: that ring
                # was fitted to the desk and rules round the seals, and gives way to them below —
                # synth3 s40 022.)
                seals += [s for s in (_to_page(f, w, h) for f in _find_red(level, d * SCALE / 2.54))
                          if all((iou(s.bbox, k.bbox) < 0.3 and _inside(s.bbox, k.bbox) < 0.8)
                                 or _round_sound_seal(k, s) for k in known)
                          and _ring_text_round_either(ring_reader, image_bgr, s)]
    # Finds at several scales of one seal: the best ring wins (at a scale too small for it a
    # seal filling the frame is found as arcs of its ring text), then the larger one.
    kept: list[Seal] = []
    for s in sorted(seals, key=lambda s: (-s.score, -_area(s.bbox))):
        if all(iou(s.bbox, k.bbox) < 0.3 and _inside(s.bbox, k.bbox) < 0.8 for k in kept) and not any(
                _round_sound_seal(s, k) for k in kept):
            kept.append(s)
    seals = list({id(w): w for w in (_whole_ring(k, seals) for k in kept)}.values())
    if ring_reader is not None:
        if colourless is None:
            colourless = _is_colourless(image_bgr, red)
        grey_search = colourless or (not seals and _red_share_off_rules(red, rule_px) < GRAY_ON_COLOUR_RED)
        # Worn seals: faint red ink on a colour page, light grey ink away from the text on a copy.
        faint = _faint_gray(image_bgr, red.shape) if colourless else _faint_red(image_bgr, red)
        if not seals and not colourless:
            seals = _tinted_paper_seals(image_bgr, guesses, ring_reader)
        # Rules out once, at the shortest rule any scale takes (a ring runs straight nowhere that long).
        faint_ruled = _without_rules(faint, int(round(RULE_CM * min(guesses) * SCALE / 2.54)))
        faint_boxes = [b for d in guesses for b in _faint_candidates(faint, d * SCALE / 2.54, seals, faint_ruled)]
        unspecked = _unspecked_candidates(faint, guesses, seals, faint_boxes) if colourless else []
        arc_boxes = [b for b in _faint_arcs(faint, guesses, seals, None if colourless else red)
                     if all(iou(b, o) < 0.5 for o in faint_boxes)] if ARC_SEARCH else []
        seals = _learned_candidates(image_bgr, red, seals, rejected or [], ring_reader, grey_search, guesses,
                                    gray_quarter, faint, faint_boxes, colourless, arc_boxes, unspecked)
    seals += _edge_slivers(red, guesses, seals, w, h)
    seals = _completed_half_rings(_grown_to_whole_rings(seals, red, w, h), red, w, h,
                                  faint if ring_reader is not None and colourless else None)
    return _off_the_desk(_joined_half_rings(seals, red, w, h), image_bgr, full)


#: A phone photo's brown desk passes the red test as a dust of specks, densest in its darkest
#: corner, where a ring can be fitted (synth3 s39 010: a 0.83 oval in the photo's corner). A seal
#: is stamped on paper: a red find whose surroundings are darker than DESK_SURROUND of the page's
#: paper and whose red is this share or more of specks (DESK_SPECK_PX pixels or fewer) is no seal.
#: (Both at once: a faded seal is specks on bright paper, a seal on a red cover is solid ink.)
DESK_SURROUND = 0.5
DESK_SPECKS = 0.3
DESK_SPECK_PX = 6


def _off_the_desk(seals: list[Seal], image: Image, red: Mask) -> list[Seal]:
    """`seals` without red finds made of a desk's specks off the page (see DESK_SURROUND)."""
    paper: float | None = None
    kept = []
    for s in seals:
        x0, y0, x1, y1 = (int(round(v)) for v in s.bbox)
        ink = red[max(0, y0):y1, max(0, x0):x1]
        if s.colour != "red" or not ink.any() or ink.all():
            kept.append(s)
            continue
        gray = cv2.cvtColor(image[max(0, y0):y1, max(0, x0):x1], cv2.COLOR_BGR2GRAY)
        surround = float(np.median(gray[~ink]))
        # (The page's paper is looked at only for a dark find: no paper is brighter than 255.)
        if paper is None and surround < DESK_SURROUND * 255:
            paper = float(np.percentile(cv2.cvtColor(image[::4, ::4], cv2.COLOR_BGR2GRAY), 90))
        if paper is None or surround >= DESK_SURROUND * paper:
            kept.append(s)
            continue
        _, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
        areas = stats[1:, cv2.CC_STAT_AREA]
        if areas[areas <= DESK_SPECK_PX].sum() < DESK_SPECKS * areas.sum():
            kept.append(s)
    return kept


#: A weak find (outline score under WEAK_ROUND) round a sound seal (SOUND_INSIDE) and this many
#: times its area is a ring fitted round more than a seal: a phone photo's brown desk along the
#: page's edge and the seals by it (synth3 s12 078: a 907 x 920 px oval round a 295-px seal).
ROUND_SOUND_AREA = 4.0
WEAK_ROUND = 0.8
SOUND_INSIDE = 0.95


def _round_sound_seal(weak: Seal, sound: Seal) -> bool:
    """Is `weak` a poorly fitted ring round the whole of the `sound` seal, many times its size?"""
    return (weak.score < WEAK_ROUND and sound.score >= SOUND_INSIDE
            and _inside(sound.bbox, weak.bbox) >= 0.95 and _area(weak.bbox) >= ROUND_SOUND_AREA * _area(sound.bbox))


#: A red find scored under FRAME_FIND_SCORE this share of the frame's area or more is kept only
#: with ring text round it (see `_learned_candidates`): a sound ring (0.9+) fills a close-up; a
#: phone photo's desk round a form (synth3 s15 010, 0.76) or a circle through an orange
#: certificate's ground (dev, a 0.87 circle over the whole frame) is no seal.
FRAME_FIND_SHARE = 0.25
FRAME_FIND_SCORE = 0.9


#: A weak red find (outline score under this) may be part of a larger ring: a faded seal's
#: bright side fitted as a narrow oval (dev: three unit seals in a row, two of them pale).
GROW_MAX_SCORE = 0.9
#: How far out the larger ring is looked for, in the find's longer semi-axis (`fit_ring` searches
#: 1.35 times further): a ring fitted on one side of a seal reaches about half its diameter.
GROW_RADIUS = 1.4
#: The outermost ink must lie on the larger ellipse this much of the way round: a whole ring.
#: (A faded seal grown whole: 0.95-0.97 on the dev page; big red title characters 0.2-0.35.)
GROWN_MIN_RING = 0.9
#: ... which is round or a seal's oval, not a long band of red text ...
GROWN_MIN_ROUNDNESS = 0.7
#: ... and larger than the find by this much (area), or there is nothing to grow.
GROWN_MIN_GAIN = 1.25


def _grown_to_whole_rings(seals: list[Seal], red: Mask, w: int, h: int) -> list[Seal]:
    """Each weak red round or oval find replaced by the whole ring round it when the page's
    outermost red ink about it lies on one larger ellipse nearly all the way round: the part of a
    faded seal that the outline tests found (its brighter side, a third of its text) leaves the
    rest of the ring text readable. Finds that grow into one ring become one; a ring that would
    take in another find it does not grow from (a seal beside it) is not taken."""
    grown: list[tuple[Seal, bool]] = []     # each find, or the whole ring it grew into (True)
    for s in seals:
        if s.colour != "red" or s.shape in ("square", "rect") or s.score >= GROW_MAX_SCORE:
            grown.append((s, False))
            continue
        centre = ((s.center[0] + 0.5) * SCALE - 0.5, (s.center[1] + 0.5) * SCALE - 0.5)
        fit = fit_ring(red, centre, GROW_RADIUS * max(s.axes) * SCALE)
        if fit is None or fit[3] < GROWN_MIN_RING:
            grown.append((s, False))
            continue
        (cx, cy), (a, b), angle, _ = fit
        shape = "round" if min(a, b) >= 0.9 * max(a, b) else "oval"
        whole = _to_page(Seal((0, 0, 0, 0), shape, s.score, (cx, cy), (a, b), angle, s.colour), w, h)
        others = [o for o in seals if o is not s and _inside(o.bbox, whole.bbox) >= 0.6
                  and _inside(o.bbox, s.bbox) < 0.6]
        gain = a * b / (s.axes[0] * s.axes[1] * SCALE * SCALE)
        if (min(a, b) < GROWN_MIN_ROUNDNESS * max(a, b) or gain < GROWN_MIN_GAIN
                or _inside(s.bbox, whole.bbox) < 0.8 or any(o.score >= GROW_MAX_SCORE for o in others)):
            grown.append((s, False))
            continue
        grown.append((whole, True))
    # Fragments of one ring grown into it: one seal (the largest); what was not grown stays.
    rings: list[Seal] = []
    for g in sorted((g for g, whole_ring in grown if whole_ring), key=lambda g: -_area(g.bbox)):
        if all(_inside(g.bbox, k.bbox) < 0.8 for k in rings):
            rings.append(g)
    return [g for g, whole_ring in grown if not whole_ring or any(g is k for k in rings)]


#: A red find this much longer one way than the other may be a round seal inked on one side
#: only, fitted as a narrow oval round its inked part (synth3 s7 014: 72 x 166 px over the left
#: half of a 125-px seal, 024: 73 x 117 over the right half; synth2 s11 075: 282 x 424 over the
#: lower two thirds of a 449-px seal). An invoice's oval is 4:3, an older one 3:2: a whole oval's
#: best circle runs through both its ends (two arcs) or is centred on it, and is not taken.
HALF_RING_ASPECT = 1.4
#: The whole circle: its outermost ink within this share of the radius of one circle on at least
#: `HALF_RING_MIN_ARC` of the directions round it, spanning `HALF_RING_MIN_SPAN` of the turn.
HALF_RING_FIT = 0.05
HALF_RING_MIN_ARC = 0.3
HALF_RING_MIN_SPAN = np.deg2rad(170.0)      # inked on one side: 198-218°; synth3 s10 041's oval: 144°
#: ... with no gap wider than this inside the arc.
HALF_RING_MAX_GAP = np.deg2rad(45.0)
#: ... of a radius up to this many times the oval's longer semi-axis: the inked part's chord is
#: shorter than the seal's diameter when less than half of it is inked (synth2 s13 071: 1.15).
HALF_RING_REACH = 1.25
#: ... and the circle is this much larger than the oval (else there is nothing to complete).
HALF_RING_GAIN = 1.1
#: ... and lies off the oval's centre by this share of its radius, away from the inked side (a
#: whole oval's best circle is centred on it: own corpus 010's worn grey 3:4 oval).
HALF_RING_SHIFT = 0.15


def _consensus_circle(pts: Floats, tolerance: float,
                      radii: tuple[float, float]) -> tuple[float, float, float, Floats] | None:
    """The circle (centre, radius, its points) through the most of `pts` within `tolerance` of its
    radius, its radius in `radii`: circles through every third of the points taken three at a
    time, a third of the way round apart (an arc's points, whatever else the rays met), refitted
    by least squares on the points on the best."""
    n = len(pts)
    if n < 12:
        return None
    i = np.arange(n)
    triples = np.stack([i, (i + n // 3) % n, (i + 2 * n // 3) % n], axis=1)
    (x1, y1), (x2, y2), (x3, y3) = (pts[triples[:, k]].T for k in range(3))
    d = 2 * (x1 * (y2 - y3) + x2 * (y3 - y1) + x3 * (y1 - y2))
    ok = np.abs(d) > 1e-6
    if not ok.any():
        return None
    d = np.where(ok, d, 1.0)
    s1, s2, s3 = x1 * x1 + y1 * y1, x2 * x2 + y2 * y2, x3 * x3 + y3 * y3
    ux = (s1 * (y2 - y3) + s2 * (y3 - y1) + s3 * (y1 - y2)) / d
    uy = (s1 * (x3 - x2) + s2 * (x1 - x3) + s3 * (x2 - x1)) / d
    rr = np.hypot(x1 - ux, y1 - uy)
    ok &= (rr >= radii[0]) & (rr <= radii[1])
    if not ok.any():
        return None
    dist = np.hypot(pts[None, :, 0] - ux[:, None], pts[None, :, 1] - uy[:, None])
    inliers = (np.abs(dist / rr[:, None] - 1) < tolerance) & ok[:, None]
    best = int(inliers.sum(axis=1).argmax())
    fit = _least_squares_circle(pts[inliers[best]], tolerance, 12)
    if fit is None:
        return None
    cx, cy, r, _ = fit
    on = pts[np.abs(np.hypot(pts[:, 0] - cx, pts[:, 1] - cy) / r - 1) < tolerance]
    return cx, cy, r, on


def _arc_gaps(pts: Floats, cx: float, cy: float) -> Floats:
    """The gaps (radians, ascending) between the directions of `pts` round (cx, cy), going round:
    the turn less the last is the arc they span. One gap of a whole turn without points."""
    if not len(pts):
        return np.array([2 * np.pi])
    angles = np.sort(np.arctan2(pts[:, 1] - cy, pts[:, 0] - cx))
    return np.sort(np.diff(np.concatenate([angles, angles[:1] + 2 * np.pi])))


def _one_arc(pts: Floats, cx: float, cy: float, min_span: float, max_gap: float = HALF_RING_MAX_GAP) -> bool:
    """Do `pts` lie round (cx, cy) on one arc of at least `min_span` radians, with no gap wider
    than `max_gap` inside it (not the two ends of a whole oval's long axis)?"""
    gaps = _arc_gaps(pts, cx, cy)
    return 2 * np.pi - float(gaps[-1]) >= min_span and (len(gaps) < 2 or float(gaps[-2]) <= max_gap)


def _seal_radii(guesses: Sequence[float], slack: float = 1.0) -> tuple[float, float]:
    """Half-size radii of seals MIN_CM to MAX_CM across at the page's scales (those up to 300 dpi
    when there are several: the frame-filling scale is no page's); the upper one times `slack`."""
    page_dpis = [d for d in guesses if d <= 300.0] or list(guesses)
    return MIN_CM / 2 * min(page_dpis) * SCALE / 2.54, slack * MAX_CM / 2 * max(page_dpis) * SCALE / 2.54


def _completed_half_rings(seals: list[Seal], red: Mask, w: int, h: int, grey: Mask | None = None) -> list[Seal]:
    """Each narrow oval find replaced by the circle its outer arc lies on, when the ink round
    it rings half a seal or more on that circle (`HALF_RING_*`) and the circle holds the find and
    no other seal: the blank half of a seal inked on one side (its ring text and star lie in the
    inked half; the reviewer sees a half seal either way, the platform asks the whole covered).
    The ink is the red ink, and for grey finds `grey` too: the page's mid-grey ink (`_faint_gray`)
    on a page searched as a copy (a red seal on a page of black print that the outline tests did
    not take is found by the grey search; its strong red is dark, not mid-grey)."""
    out: list[Seal] = []
    for s in seals:
        a, b = s.axes
        if s.shape != "oval" or max(a, b) < HALF_RING_ASPECT * min(a, b):
            out.append(s)
            continue
        ink = red if s.colour != "gray" or grey is None else red | grey
        centre = ((s.center[0] + 0.5) * SCALE - 0.5, (s.center[1] + 0.5) * SCALE - 0.5)
        reach = max(a, b) * SCALE
        # The find's own ink (a seal touching it, a form's rules beside it are no part of its arc).
        found = _outermost_ink(_ink_within(ink, [s.bbox]), centre, 0.5 * min(a, b) * SCALE, 1.3 * reach)
        circle = None if found is None else _consensus_circle(found[0], HALF_RING_FIT,
                                                              (0.9 * min(a, b) * SCALE, HALF_RING_REACH * reach))
        if circle is None:
            out.append(s)
            continue
        cx, cy, r, on = circle
        whole = _to_page(Seal((0, 0, 0, 0), "round", s.score, (cx, cy), (r, r), 0.0, s.colour), w, h)
        # One arc, not the two ends of a whole oval's long axis (a tilted 人事专用章 oval: its best
        # circle runs through both ends, two arcs with a wide gap between them either side).
        if (len(on) < HALF_RING_MIN_ARC * len(_ANGLES) or not _one_arc(on, cx, cy, HALF_RING_MIN_SPAN)
                or not 0.9 * min(a, b) * SCALE <= r <= HALF_RING_REACH * reach or _inside(s.bbox, whole.bbox) < 0.8
                or r * r < HALF_RING_GAIN * a * b * SCALE * SCALE
                or np.hypot(cx - centre[0], cy - centre[1]) < HALF_RING_SHIFT * r
                or _holds_another(whole, seals, [s])):
            out.append(s)
            continue
        out.append(whole)
    return out


def _ink_within(ink: Mask, boxes: Sequence[BoxF]) -> Mask:
    """The half-size `ink` inside the finds' boxes (page pixels) only."""
    own = np.zeros_like(ink)
    for box in boxes:
        x0, y0, x1, y1 = (int(round(v * SCALE)) for v in box)
        own[max(0, y0):y1, max(0, x0):x1] = ink[max(0, y0):y1, max(0, x0):x1]
    return own


def _holds_another(whole: Seal, seals: Sequence[Seal], parts: Sequence[Seal]) -> bool:
    """Does a completed circle take in a seal other than the `parts` it was completed from (IoU
    over 0.3, or 0.6 of that seal inside it)?"""
    return any(all(o is not p for p in parts) and (iou(o.bbox, whole.bbox) > 0.3 or _inside(o.bbox, whole.bbox) > 0.6)
               for o in seals)


#: The widest gap inside the arc of two pieces joined (`_joined_half_rings`): where the print broke
#: the ring line into the two (52° in synth2 s36 015); a whole oval's best circle leaves two gaps
#: of 90° and more.
JOINED_MAX_GAP = np.deg2rad(60.0)


def _joined_half_rings(seals: list[Seal], red: Mask, w: int, h: int) -> list[Seal]:
    """Two red finds overlapping, one of them a narrow oval (`HALF_RING_ASPECT`), replaced by the
    circle the outer edge of their ink lies on, when it is one arc of half a seal or more
    (`HALF_RING_*`) holding both: a seal inked on one side whose ring line the print over it broke
    into two pieces, each fitted as an oval of its own (synth2 s36 015: 339 x 222 and 288 x 361 px
    over the upper and left sides of a 450-px seal, together 0.77 of it), which
    `_completed_half_rings` cannot complete one at a time (each holds the other)."""
    for i, a in enumerate(seals):
        for b in seals[i + 1:]:
            if (a.colour != "red" or b.colour != "red" or intersection(a.bbox, b.bbox) <= 0
                    or max(max(s.axes) / max(1e-6, min(s.axes)) for s in (a, b)) < HALF_RING_ASPECT):
                continue
            joined = _joined_circle(a, b, red, w, h)
            if joined is not None and not _holds_another(joined, seals, [a, b]):
                return _joined_half_rings([o for o in seals if o is not a and o is not b] + [joined], red, w, h)
    return seals


def _joined_circle(a: Seal, b: Seal, red: Mask, w: int, h: int) -> Seal | None:
    """The circle through the outer edge of two finds' own ink (see `_joined_half_rings`), or None."""
    x0, y0 = min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1])
    x1, y1 = max(a.bbox[2], b.bbox[2]), max(a.bbox[3], b.bbox[3])
    own = _ink_within(red, [a.bbox, b.bbox])
    centre = ((x0 + x1) / 2 * SCALE, (y0 + y1) / 2 * SCALE)
    reach = max(x1 - x0, y1 - y0) / 2 * SCALE
    # The whole seal is no smaller than either piece's longer semi-axis (as `_completed_half_rings`).
    least_radius = 0.9 * max(max(a.axes), max(b.axes)) * SCALE
    found = _outermost_ink(own, centre, 0.3 * reach, 1.3 * reach)
    circle = None if found is None else _consensus_circle(found[0], HALF_RING_FIT,
                                                          (least_radius, HALF_RING_REACH * reach))
    if circle is None:
        return None
    cx, cy, r, on = circle
    whole = _to_page(Seal((0, 0, 0, 0), "round", max(a.score, b.score), (cx, cy), (r, r), 0.0, "red"), w, h)
    if (len(on) < HALF_RING_MIN_ARC * len(_ANGLES) or not _one_arc(on, cx, cy, HALF_RING_MIN_SPAN, JOINED_MAX_GAP)
            or _inside(a.bbox, whole.bbox) < 0.8 or _inside(b.bbox, whole.bbox) < 0.8):
        return None
    return whole


#: A find lying inside another scale's find whose ring scores at most this much less is part of
#: that ring: at a scale too small for a large oval, the largest circle inside it (an invoice's
#: 发票专用章 7 cm wide at 300 dpi: 0.87) outscores the whole oval fitted at the frame's scale (0.83).
WHOLE_RING_SCORE = 0.05
#: ... and the whole ring's box is at most this many times the part's area (a ring round two seals
#: side by side is larger).
WHOLE_RING_AREA = 2.0


def _whole_ring(seal: Seal, finds: list[Seal]) -> Seal:
    """The find that holds `seal` whole and rings nearly as well, if any (the largest such)."""
    around = [f for f in finds if f is not seal and _inside(seal.bbox, f.bbox) >= 0.95
              and f.score >= seal.score - WHOLE_RING_SCORE and _area(f.bbox) <= WHOLE_RING_AREA * _area(seal.bbox)]
    return max(around, key=lambda f: _area(f.bbox), default=seal)


#: A red speck (a dot of a security paper's printed pattern) spans at most this (mm at the scale
#: searched); a seal's ring and characters hold together over several mm.
SPECK_MM = 1.4
#: The page is dotted paper when specks hold this share of its red ink or more (a dotted
#: certificate's 0.4; red text and seals, worn ones too, 0.05-0.2 on the dev images).
DOTTED_SHARE = 0.3
#: ... or when its red ink, grown as seals are grouped, makes one sheet over this share of the page:
#: a pink guilloche certificate's faint ground pattern joins its border and the seal stamped by it
#: into one blob (0.94 of the page; specks 7 % of the ink, dev round 14), where a red border alone
#: grows to a frame round an empty middle.
SHEET_SHARE = 0.6
#: ... on paper that is not red itself: red or orange paper (red ink on 0.61 of the page on two dev
#: certificates; the guilloche certificate 0.22) is one sheet with or without specks, and is
#: `_tinted_paper_seals`'s to search.
SHEET_MAX_RED = 0.4


#: A page whose red ink, grown, is one sheet (`_one_sheet`) is searched again with strokes
#: thinner than this (half-size pixels, a square opening) taken out: a guilloche's lines (1-2 px),
#: not a seal's ring. Looked at only when red ink is over `GUILLOCHE_MIN_RED` of the page.
GUILLOCHE_OPEN = 3
GUILLOCHE_MIN_RED = 0.1


def _page_dpi(guesses: Sequence[float]) -> float:
    """The largest scale a page's print may be at: its dpi, or at most 300 dpi when it is guessed
    (the scale at which a seal fills the frame is no page's)."""
    return guesses[0] if len(guesses) == 1 else min(max(guesses), 300.0)


def _speck_px(guesses: list[float]) -> float:
    """A speck's largest extent in half-size pixels, at `_page_dpi` (a seal filling the frame is
    no scale for a paper's dots)."""
    return SPECK_MM / 10 * _page_dpi(guesses) * SCALE / 2.54


def _without_specks(red: Mask, max_px: float) -> Mask:
    """The half-size red mask without the components spanning at most `max_px`."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(red.view(np.uint8), connectivity=8)
    keep = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) > max_px
    keep[0] = False
    return cast(Mask, keep[labels])


def _seals_off_dotted_paper(red: Mask, guesses: list[float], w: int, h: int,
                            rejected: list[tuple[BoxF, float]] | None) -> tuple[list[Seal], Mask]:
    """Red seals found once a dotted paper's specks are taken out of `red` (page pixels), or []
    when the page is not dotted or nothing is found, and the mask without the specks; the
    candidates for the learned detector are added to `rejected` only with a find."""
    if not red.any():
        return [], red
    clean = _without_specks(red, _speck_px(guesses))
    if clean.sum() > (1 - DOTTED_SHARE) * red.sum() and not _one_sheet(red, _page_dpi(guesses)):
        return [], clean
    more: list[tuple[BoxF, float]] = []
    found = [_to_page(s, w, h) for d in guesses for s in _find_red(clean, d * SCALE / 2.54, more)]
    if found and rejected is not None:
        rejected += more
    return found, clean


def _grouping_radius(px_cm: float) -> int:
    """Half-size pixels red ink is grown by to group a seal's pieces (`DILATE_MM` across) at
    `px_cm` half-size pixels a centimetre."""
    return max(1, int(round(DILATE_MM / 10 * px_cm / 2)))


def _one_sheet(red: Mask, dpi: float) -> bool:
    """Does the half-size red ink, grown as seals are grouped at `dpi`, make one blob over
    `SHEET_SHARE` of the page, on paper that is not red (`SHEET_MAX_RED`)?"""
    if red.mean() >= SHEET_MAX_RED:
        return False
    r_dil = _grouping_radius(dpi * SCALE / 2.54)
    n, _, stats, _ = _grown_components(red, r_dil)
    return n > 1 and int(stats[1:, cv2.CC_STAT_AREA].max()) > SHEET_SHARE * red.size


def _red_share_off_rules(red: Mask, rule_px: int) -> float:
    """Share of the half-size page that is red ink other than straight lines `rule_px` long: a
    box or an underline drawn in red or orange on a grey copy is little ink in length but makes a
    page count as coloured; a red heading or seal does not lose its curved strokes."""
    if not red.any():
        return 0.0
    return float(_off_thin_lines(red, rule_px, 9).mean())


# --- faint red ink (worn, pale seals) -------------------------------------------------------------

#: Faint red: redness (R − max(G, B)) of a half-size copy smoothed over 3 × 3 above this. Worn pale
#: seals fall below the red-ink rule's 25 in most of their ring (measured on the corpus's worn
#: seals: 0.3–4 % of their box at 25, 5–15 % at 12); paper, its tint and scanner noise stay below
#: 10 once smoothed.
FAINT_REDNESS = 12
#: Faint ink is grouped over this distance (a worn ring is broken into arcs far apart).
FAINT_GROUP_MM = 8.0
#: Least faint ink in a group's box, and least ring in it (fit_ring), to be worth the learned detector.
FAINT_MIN_DENSITY = 0.015
FAINT_MIN_RING = 0.3
#: Priority among the learned detector's candidates (red blobs rank by their density, 0.06–0.75).
FAINT_PRIORITY = 0.05


#: Paper whose median red lies this far below its blue or green is a cool cast (a phone photo's
#: white balance: B 130, G 120, R 122 on a corpus certificate); white and warm paper stay as scanned.
COOL_CAST = 4


def channel_medians(pixels: Numeric) -> Floats:
    """`np.median(pixels.reshape(-1, 3), axis=0)`, the same float64 values; for uint8 pixels from a
    histogram per channel (a page's median by sorting took 25 ms of the 28 ms of `_faint_red`)."""
    flat = pixels.reshape(-1, 3)
    n = flat.shape[0]
    if pixels.dtype != np.uint8 or n == 0:
        return cast(Floats, np.median(flat, axis=0))
    lo, hi = (n - 1) // 2, n // 2           # the middle element(s): one when n is odd
    out = np.empty(3, np.float64)
    image = np.ascontiguousarray(pixels).reshape(-1, 1, 3)
    for c in range(3):
        # OpenCV counts in float32: exact below 2**24 pixels (a 16-megapixel half-size page).
        counts = (cv2.calcHist([image], [c], None, [256], [0, 256]).ravel().astype(np.int64) if n < 2**24
                  else np.bincount(image[:, 0, c], minlength=256))
        a, b = np.searchsorted(np.cumsum(counts), [lo, hi], side="right")
        out[c] = (float(a) + float(b)) / 2
    return out


def _against_cool_paper(pixels: Numeric) -> Floats:
    """The pixels (BGR) as float, each channel over the paper's (their median) when the paper has a
    cool cast: such a cast, dim too, takes as much redness from a worn seal as from the paper."""
    out = pixels.astype(np.float32)
    tone = paper_tone(pixels)
    if _cool(tone):
        out *= (255.0 / tone).astype(np.float32)
    return out


def paper_tone(pixels: Numeric) -> Floats:
    """The paper's colour (BGR): the pixels' median, at least 1."""
    return cast(Floats, np.maximum(channel_medians(pixels), 1.0))


def _cool(tone: Floats) -> bool:
    """Has paper of this tone a cool cast (`COOL_CAST`)?"""
    return bool(tone[2] <= max(tone[0], tone[1]) - COOL_CAST)


def _faint_red(image_bgr: Image, red: Mask) -> Mask:
    """Half-size mask of faint red ink (see FAINT_REDNESS), the red-ink rule's own ink included."""
    hh, ww = red.shape
    small = cv2.resize(image_bgr[: 2 * hh, : 2 * ww], (ww, hh), interpolation=cv2.INTER_AREA)
    small = cv2.blur(small, (3, 3))
    tone = paper_tone(small)
    if _cool(tone):
        b, g, r = cv2.split(small.astype(np.float32) * (255.0 / tone).astype(np.float32))
        faint: Mask = ((r - np.maximum(b, g)) > FAINT_REDNESS) & (small[:, :, 2] > 90)
    else:
        # Paper as scanned: the redness in whole numbers, as the float difference gives it (clipped
        # at 0, which stays below the threshold), without a float copy of the page.
        b8, g8, r8 = cv2.split(small)
        paper_red = tone[2] - max(tone[0], tone[1])
        if paper_red < FAINT_REDNESS:
            faint = (cv2.subtract(r8, cv2.max(b8, g8)) > FAINT_REDNESS) & (r8 > 90)
        else:
            # Pink paper is faint red all over: the ink's redness is counted over the paper's, and
            # a seal's red gone violet (blue up to its red, still faint red on white paper) has
            # little left of it: what marks it there is green well under both, as under the paper's.
            paper_violet = int(min(tone[2], tone[0]) - tone[1])
            faint = ((cv2.subtract(r8, cv2.max(b8, g8)) > FAINT_REDNESS + int(paper_red))
                     | (cv2.subtract(cv2.min(r8, b8), g8) > FAINT_REDNESS + max(0, paper_violet))) & (r8 > 90)
    return faint | red


#: Grey copies: ink this much darker than the local paper is a faint seal's (or text's); this much
#: darker is black text, which (with a pixel round it) is left out.
FAINT_GRAY_CONTRAST = 22
TEXT_GRAY_CONTRAST = 80


def _gray_contrast(image_bgr: Image, shape: tuple[int, ...]) -> Image:
    """Half size (`shape`): how much darker than the local paper each pixel is (uint8). The paper is
    the brightest level within ~1 mm, smoothed: shading and a copier's uneven tone drop out."""
    hh, ww = shape[:2]
    grey = image_bgr if image_bgr.ndim == 2 else cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY)
    small = cv2.blur(cv2.resize(grey[: 2 * hh, : 2 * ww], (ww, hh), interpolation=cv2.INTER_AREA), (3, 3))
    paper = cv2.blur(cv2.dilate(small, np.ones((15, 15), np.uint8)), (15, 15))
    return cast(Image, cv2.subtract(paper, small))


#: Grey copies at full size: ink this much darker than the paper is black text (a photocopied
#: seal's red prints mid-grey, 20–140 below the paper; text 180–240), and the pixels this close
#: to it (px: the antialiased edge of a stroke passes through every grey) are left out with it.
BLACK_GRAY_CONTRAST = 150
BLACK_FRINGE = 2
#: Least contrast (smoothed) of a photocopied seal's ink over the paper's grain, worn ones included.
SEAL_GRAY_CONTRAST = 12


def _seal_grey_ink(image_bgr: Image) -> Image:
    """Full size: how much darker than the paper each pixel is (uint8), 0 on black text and its
    antialiased fringe and on specks a pixel thin (what is left of a stroke's edge). What stays is
    mid-grey ink: a photocopied seal, worn or whole, with the gaps where text crosses it."""
    grey = image_bgr if image_bgr.ndim == 2 else cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY)
    paper = cv2.blur(cv2.dilate(grey, np.ones((31, 31), np.uint8)), (31, 31))
    contrast = cv2.subtract(paper, grey)
    k = 2 * BLACK_FRINGE + 1
    black = cv2.dilate((contrast > BLACK_GRAY_CONTRAST).view(np.uint8), np.ones((k, k), np.uint8))
    # Smoothed over 3 × 3: a worn ring on a copy is broken grey dots 10–30 below the paper.
    contrast = cv2.blur(contrast, (3, 3))
    contrast[black.view(bool)] = 0
    # The paper's own grain (a copier's speckle: 3–22 below the brightest paper near it, measured
    # on the corpus's copies) is the floor the seal's ink is measured from.
    sample = contrast[::4, ::4]
    paper_grain = float(np.percentile(sample[~black[::4, ::4].view(bool)], 90)) if sample.size else 0.0
    # A seal's line is at least 2 px wide at full size; a stroke's edge left by the fringe is one.
    inked = (contrast > paper_grain + SEAL_GRAY_CONTRAST).view(np.uint8)
    keep = cv2.morphologyEx(inked, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    contrast[~keep.view(bool)] = 0
    return cast(Image, contrast)


def _faint_gray(image_bgr: Image, shape: tuple[int, ...]) -> Mask:
    """Half-size mask (`shape`) of mid-grey ink away from black text: a seal on a photocopy."""
    hh, ww = shape[:2]
    ink = _seal_grey_ink(image_bgr[: 2 * hh, : 2 * ww]) > 0
    return _max_pool2(ink)


def _gray_plate(crop: Image) -> Image:
    """The crop's mid-grey ink alone, dark on white (black text and the pixels round it gone)."""
    ink = np.clip((_seal_grey_ink(crop).astype(np.float32) - 8) * 2.0, 0, 200)
    return cast(Image, cv2.cvtColor((255 - ink).astype(np.uint8), cv2.COLOR_GRAY2BGR))


def _faint_candidates(faint: Mask, px_cm: float, seals: list[Seal], ruled: Mask | None = None) -> list[BoxF]:
    """Half-size boxes of seal-sized groups of faint red ink that carry some ring and lie in no
    seal found: worn pale seals, whose broken ring the red-ink rule sees in pieces or not at all.
    Groups are taken twice: as the ink lies, and with the seals found taken out of it (a worn seal
    stamped touching another one makes one group too long for a seal with it), and with straight
    rules longer than a seal's side taken out (a pale seal touching a pale red-ruled table's rule
    is one group with the whole table)."""
    masks = [faint]
    if seals:
        rest = faint.copy()
        for s in seals:
            cv2.ellipse(rest.view(np.uint8), (int(round(s.center[0] * SCALE)), int(round(s.center[1] * SCALE))),
                        (int(s.axes[0] * SCALE * 1.1) + 2, int(s.axes[1] * SCALE * 1.1) + 2), s.angle, 0, 360, 0, -1)
        masks.append(rest)
    if ruled is None:
        ruled = _without_rules(faint, int(round(RULE_CM * px_cm)))
    if ruled is not faint:
        masks += [ruled] + ([masks[1] & ruled] if len(masks) > 1 else [])
    out: list[BoxF] = []
    for m in masks:
        out += [b for b in _faint_groups(m, px_cm, seals) if all(iou(b, o) < 0.5 for o in out)]
    return out


def _unspecked_candidates(faint: Mask, guesses: list[float], seals: list[Seal], taken: list[BoxF]) -> list[BoxF]:
    """On a copy, the groups of mid-grey ink once specks are out (`_faint_groups` at each scale):
    what black print's antialiased edges leave in it, a row of dots along a line of print running
    through a grey seal, joins the seal to the whole line (synth3 s21 029: a grey oval 人事专用章 over
    the employer's printed name, no candidate). Only where nothing was found (round a grey seal
    found already such a group is that seal, boxed larger) and none of `taken` lies."""
    unspecked = _without_specks(faint, _speck_px(guesses))
    f = 1.0 / SCALE
    out: list[BoxF] = []
    for d in guesses:
        for b in _faint_groups(unspecked, d * SCALE / 2.54, seals):
            page_box = (b[0] * f, b[1] * f, b[2] * f, b[3] * f)
            if all(iou(b, o) < 0.5 for o in (*taken, *out)) and not _found_about(page_box, seals):
                out.append(b)
    return out


def _found_about(box: BoxF, seals: Sequence[Seal]) -> bool:
    """Was a seal found about a candidate's page box: overlapping it (IoU over 0.1) or lying
    mostly (0.3) inside it?"""
    return any(iou(box, s.bbox) > 0.1 or _inside(s.bbox, box) > 0.3 for s in seals)


def _without_rules(mask: Mask, length: int) -> Mask:
    """`remove_rules` of the mask grown by a pixel: a scanned rule that steps a pixel up or down
    along its length is one run there (on the mask as it is, the steps are left joining a seal)."""
    grown = cv2.dilate(mask.view(np.uint8), np.ones((3, 3), np.uint8)).view(bool)
    off = remove_rules(grown, length)
    return mask if off is grown else off & mask


#: Arcs of a worn ring: Hough circles on the faint ink taken when ink lies round this share of
#: the circle (±8 % of its radius), and this much more than just inside and outside it.
ARC_MIN_RING = 0.25
ARC_MIN_MARGIN = 0.1
#: Most faint ink inside such a circle: a worn seal's inside is its star and faint characters
#: (0.004–0.07 of the samples on the corpus's worn seals); a circle Hough draws through a red
#: heading's characters holds more of them (0.08–0.16).
ARC_MAX_INNER_FILL = 0.1
#: Circles a page looked at.
ARC_MAX_CIRCLES = 6


def _in_red_row(red: Mask, box: BoxF, px_cm: float) -> bool:
    """Does the strong red ink in `box` (half size) stand in a line of text: a row of red blobs of
    its height, or one blob longer than the box and flat (a red letterhead's or heading's
    characters, which Hough draws circles through)? The blobs are taken as `_find_red` takes
    them, round the box and a seal's width either side."""
    r_dil = _grouping_radius(px_cm)
    x0, y0, x1, y1 = box
    reach = MAX_CM * px_cm
    h, w = red.shape
    X0, Y0 = max(0, int(x0 - reach)), max(0, int(y0))
    X1, Y1 = min(w, int(x1 + reach) + 1), min(h, int(y1) + 1)
    if X1 <= X0 or Y1 <= Y0 or not red[int(max(0, y0)):Y1, int(max(0, x0)):int(min(w, x1 + 1))].any():
        return False
    grown = cv2.dilate(red[Y0:Y1, X0:X1].view(np.uint8), np.ones((2 * r_dil + 1, 2 * r_dil + 1), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    blobs = [_Blob((int(x + X0), int(y + Y0), int(x + bw + X0), int(y + bh + Y0))) for x, y, bw, bh, _ in stats[1:]]
    for i, blob in enumerate(blobs):
        bx0, by0, bx1, by1 = blob.box
        if not (bx1 > x0 and bx0 < x1 and by1 > y0 and by0 < y1):
            continue
        # Characters apart, or run together by the dilation into a line longer than the circle.
        line = bx1 - bx0 - 2 * r_dil > 1.2 * (x1 - x0) and bx1 - bx0 > 2.5 * (by1 - by0)
        if line or _row_neighbours(blobs, i) >= 2:
            return True
    return False


def _faint_arcs(faint: Mask, guesses: Sequence[float], seals: list[Seal], red: Mask | None = None) -> list[BoxF]:
    """Half-size boxes of circles of seal size drawn by arcs of faint ink: a worn ring printed on
    one side only, or broken by the text over it into arcs too far apart to be grouped, whose
    outermost ink round any centre lies on no one ellipse (the star inside is the outermost ink
    on the missing side). Hough circles on the faint ink (the ink is sparse: no text, on a copy
    no black), kept when the ink makes a ring at that radius; the most complete ring first."""
    if not faint.any():
        return []
    # An eighth of the page (max-pooled, so thin arcs stay): a 4-cm seal at 100 dpi is still 10 px
    # round, and Hough's cost falls with the square of the size; the ring is fitted at half size.
    eighth = _max_pool2(_max_pool2(faint))
    k = 4.0                                                   # half size over eighth size
    px_cm = [d * SCALE / k / 2.54 for d in guesses]          # eighth-size pixels per cm
    rmin = max(int(MIN_CM * min(px_cm) / 2), 3)
    rmax = min(int(np.ceil(MAX_CM * max(px_cm) / 2)), min(eighth.shape) // 2)
    if rmax <= rmin:
        return []
    img = cv2.GaussianBlur(eighth.view(np.uint8) * np.uint8(255), (3, 3), 1.0)
    circles = _hough(img, rmin, rmax, rmin * 2, 100, 10)
    if circles is None:
        return []
    found: list[tuple[float, BoxF]] = []
    for cx, cy, r in circles[0][:ARC_MAX_CIRCLES]:
        c2 = (k * float(cx) + (k - 1) / 2, k * float(cy) + (k - 1) / 2)
        # Hough's radius at an eighth is ±1 px there (±10 %): take the radius the ink rings best.
        rr = np.arange(0.8 * k * float(r), 1.25 * k * float(r), 1.0)
        ca, sa = np.cos(_ANGLES), np.sin(_ANGLES)
        share = _sample(faint, c2[0] + np.outer(rr, ca), c2[1] + np.outer(rr, sa)).mean(axis=1)
        r2 = float(rr[int(np.argmax(share))])
        on, inner = ellipse_scores(faint, c2, (r2, r2), 0.0)
        if on < ARC_MIN_RING or inner > ARC_MAX_INNER_FILL:
            continue
        near = max(ellipse_scores(faint, c2, (r2 * s, r2 * s), 0.0)[0] for s in (0.8, 1.2))
        if on - near < ARC_MIN_MARGIN:
            continue
        # The ring as `_faint_seal` will fit it: ornaments and a guilloche's curves drawn through
        # by Hough make none (0.13-0.2 on the corpus's diplomas, 0.45-0.6 on its worn seals).
        fit = fit_ring_in_annulus(faint, c2, r2)
        if fit is None or fit[3] < ARC_MIN_RING:
            continue
        box = (c2[0] - r2, c2[1] - r2, c2[0] + r2, c2[1] + r2)
        page_box = (box[0] / SCALE, box[1] / SCALE, box[2] / SCALE, box[3] / SCALE)
        if _found_about(page_box, seals):
            continue    # see _learned_candidates
        if red is not None and _in_red_row(red, box, min(guesses) * SCALE / 2.54):
            continue
        found.append((fit[3], box))
    return [box for _, box in sorted(found, key=lambda t: -t[0])]


def _outermost_ink(mask: Mask, center: Sequence[float], r_from: float,
                   r_to: float) -> tuple[Floats, Mask] | None:
    """Rays from `center` at every angle of `_ANGLES`, between `r_from` and `r_to`: the outermost
    ink point of each ray that meets ink, and which rays do; None if fewer than 12 do."""
    cx, cy = center
    rs = np.arange(r_from, r_to, 1.0)
    xs = cx + np.outer(rs, np.cos(_ANGLES))
    ys = cy + np.outer(rs, np.sin(_ANGLES))
    hit = _sample(mask, xs, ys)
    has: Mask = np.asarray(hit.any(axis=0), dtype=bool)
    if has.sum() < 12:
        return None
    last = len(rs) - 1 - np.argmax(hit[::-1], axis=0)
    cols = np.arange(len(_ANGLES))
    return np.stack([xs[last, cols], ys[last, cols]], axis=1)[has].astype(np.float64), has


def fit_ring_in_annulus(mask: Mask, center: Sequence[float], radius: float,
                        circle: bool = False) -> RingShape | None:
    """`fit_ring` with the outermost ink looked for only between 0.8 and 1.2 × `radius` (a circle
    found by Hough): the rays that meet no ring there (its worn side) drop out instead of ending on
    the star inside. A ring inked round less than half its turn is fitted as a circle (an ellipse
    through one side of a ring is unstable); so is every ring when `circle`."""
    found = _outermost_ink(mask, center, 0.8 * radius, 1.2 * radius)
    if found is None:
        return None
    pts, has = found
    if has.mean() >= 0.5 and not circle:
        fit = refit_ellipse(pts.astype(np.float32), (0.15, 0.07), 6)
        if fit is not None:
            ((ex, ey), (w, h), ang), res = fit
            ring = float(np.count_nonzero(res < 0.05)) / len(_ANGLES)
            return (float(ex), float(ey)), (w / 2, h / 2), float(ang), ring
    fitted = _least_squares_circle(pts, 0.07, 6)
    if fitted is None:
        return None
    ox, oy, rr, res = fitted
    ring = float(np.count_nonzero(res < 0.05)) / len(_ANGLES)
    return (ox, oy), (rr, rr), 0.0, ring


def _least_squares_circle(pts: Floats, outlier: float, min_points: int) -> tuple[float, float, float, Floats] | None:
    """Circle through points by least squares (x² + y² + Dx + Ey + F = 0), refitted once without
    the points farther than `outlier` (a share of the radius) from the first fit: centre, radius
    and every point's residual (share of the radius); None with fewer than `min_points` to fit."""
    keep = np.ones(len(pts), bool)
    for _ in range(2):
        x, y = pts[keep, 0], pts[keep, 1]
        if len(x) < min_points:
            return None
        sol = np.linalg.lstsq(np.stack([x, y, np.ones_like(x)], axis=1), -(x * x + y * y), rcond=None)[0]
        ox, oy = -sol[0] / 2, -sol[1] / 2
        rr = float(np.sqrt(max(ox * ox + oy * oy - sol[2], 1.0)))
        res = np.abs(np.hypot(pts[:, 0] - ox, pts[:, 1] - oy) / rr - 1)
        keep = res < outlier
    return float(ox), float(oy), rr, res


def _faint_groups(faint: Mask, px_cm: float, seals: list[Seal]) -> list[BoxF]:
    """The seal-sized groups of `_faint_candidates` in one mask."""
    r_grp = max(1, int(round(FAINT_GROUP_MM / 10 * px_cm / 2)))
    n, labels, stats, (lx, ly) = _grown_components(faint, r_grp)
    min_px, max_px = MIN_CM * px_cm, MAX_CM * px_cm
    f = 1.0 / SCALE
    out: list[BoxF] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        box = (x + r_grp, y + r_grp, x + bw - r_grp, y + bh - r_grp)
        iw, ih = box[2] - box[0], box[3] - box[1]
        if iw <= 0 or ih <= 0 or not min_px <= max(iw, ih) <= max_px or not 0.5 <= iw / ih <= 2.0:
            continue
        page_box = (box[0] * f, box[1] * f, box[2] * f, box[3] * f)
        # (A find covering most of it may be a worn ring's better half, fitted as a smaller oval.)
        if any(_inside(page_box, s.bbox) > 0.9 for s in seals):
            continue
        roi = (slice(y, y + bh), slice(x, x + bw))
        ink = faint[roi] & (labels[y - ly:y - ly + bh, x - lx:x - lx + bw] == i)
        if float(ink[r_grp:bh - r_grp, r_grp:bw - r_grp].mean()) < FAINT_MIN_DENSITY:
            continue
        got = fit_ring(ink, ((box[0] + box[2]) / 2 - x, (box[1] + box[3]) / 2 - y), max(iw, ih) / 2)
        if got is None or got[3] < FAINT_MIN_RING:
            continue
        # A seal's inside is sparse; skin in a photo is solid faint red.
        if ellipse_scores(ink, got[0], got[1], got[2])[1] > MAX_INNER_FILL:
            continue
        out.append(box)
    return out


#: Arcs (the largest first) a page that go to the learned detector.
MAX_ARCS = 1
#: Marks a candidate that is part of a ring (a seal cut by the sheet's edge), not a whole blob.
ARC = -1.0
#: Marks a circle inside a blob of two seals stamped touching whose ring shows only within its
#: own annulus (`_split_merged`): a seal when the learned detector sees ring text round its inside
#: (`_ring_text_round`).
HIDDEN = 1.2
#: Such circles looked at a page (the largest first), besides `MAX_LEARNED`.
MAX_HIDDEN = 1
#: Such a circle is at most this share of the image's short side across.
HIDDEN_MAX_FRAME = 0.6
#: Such a part is at least this share of the smallest seal across.
ARC_MIN_WIDTH = 0.15
#: Candidates a page that go to the learned ring-text detector (each ~0.1–0.2 s), densest first.
MAX_LEARNED = 3
#: Red blobs thinner than this (ink share of their box) are not worth a look: scattered specks.
LEARNED_MIN_DENSITY = 0.02
#: A learned ring must be confirmed by the ink: this share of directions with ink on its outline.
LEARNED_MIN_RING = 0.3
#: A learned ring with ink round less than this share of it is only part of a seal.
PARTIAL_RING = 0.6
#: A partial ring line whose learned ring text covers this share of the circle is a whole seal.
WHOLE_RING_TEXT = 0.9
#: Grey rings handed to the learned detector a page need this much of a ring in the ink already.
GRAY_LEARNED_PEAK = 0.5
#: A candidate inside one the learned detector has looked at is looked at again when its box is
#: less than this share of that one's area (see `_learned_candidates`).
NESTED_AREA = 0.85


#: A grey ring whose own ring-text fit fails (the employer's name printed across the seal joins
#: the ring text into one band, no longer concentric: synth3 s2 011, 055, s4 062 and 078, long
#: ring texts of 18–22 characters) is still a seal when the network marks text round this much of
#: the band inside the ring it was found by (0.49–0.88 on those) and none just outside it (0.0 on
#: them): a line printed across a seal crosses that band in two short arcs.
RING_TEXT_ROUND = 0.45
RING_TEXT_OUTSIDE = 0.1


def _ring_text_round(reader: RingTextModel, image_bgr: Image, center: tuple[float, float], r: float) -> bool:
    """Does ring text run round the inside of a known grey ring, and not on outside it?"""
    from redaction.detect import sealdet

    inside, outside = sealdet.ring_text_shares(reader, image_bgr, center, r, ((0.6, 0.95), (1.08, 1.2)))
    return inside >= RING_TEXT_ROUND and outside <= RING_TEXT_OUTSIDE


def _ring_text_round_either(reader: RingTextModel, image_bgr: Image, seal: Seal) -> bool:
    """`_ring_text_round` at the seal's larger semi-axis, or else at its smaller one: what is left
    of cut-out rules and a red title touching the ring stretches the fit one way (synth3 s31 014,
    a pink seal on a tilted red-ruled form under the red title: 162 × 153 px for a ring of 151,
    ring text round 0.41 of it at 162, 0.50 at 153)."""
    big, small = max(seal.axes), min(seal.axes)
    return _ring_text_round(reader, image_bgr, seal.center, big) or (
        small < 0.97 * big and _ring_text_round(reader, image_bgr, seal.center, small))


#: A seal's outer edge meets the sheet's within this many half-size pixels of it.
EDGE_TOUCH = 12
#: An arc cut by the edge is a circle's when its outer edge's points lie within this share of the
#: fitted radius of it.
EDGE_ARC_FIT = 0.04


def _edge_arc_ring(red: Mask, box: BoxF, reader: RingTextModel, image_bgr: Image) -> RingOutline | None:
    """The ring of a seal cut by the sheet's edge from the arc `box` (page px) of red ink that
    touches it: a circle through the ink's outer edge (per row, or per column, the ink farthest
    from the sheet's edge) whose on-page chord spans 1.1 to 2.1 radii, with ring text
    (`RING_TEXT_ROUND`) round the part on the page. None otherwise."""
    from redaction.detect import sealdet

    hh, ww = red.shape
    x0, y0 = int(box[0] * SCALE), int(box[1] * SCALE)
    x1, y1 = int(np.ceil(box[2] * SCALE)), int(np.ceil(box[3] * SCALE))
    ink = red[max(0, y0):min(hh, y1), max(0, x0):min(ww, x1)]
    if ink.size == 0 or not ink.any():
        return None
    ox, oy = max(0, x0), max(0, y0)
    rows = np.nonzero(ink.any(axis=1))[0]
    cols = np.nonzero(ink.any(axis=0))[0]
    if x1 >= ww - EDGE_TOUCH:          # cut by the right edge: the leftmost ink of each row
        pts = np.stack([ink[rows].argmax(axis=1) + ox, rows + oy], axis=1)
        chord = len(rows)
    elif x0 <= EDGE_TOUCH:
        pts = np.stack([ink.shape[1] - 1 - ink[rows, ::-1].argmax(axis=1) + ox, rows + oy], axis=1)
        chord = len(rows)
    elif y1 >= hh - EDGE_TOUCH:
        pts = np.stack([cols + ox, ink[:, cols].argmax(axis=0) + oy], axis=1)
        chord = len(cols)
    elif y0 <= EDGE_TOUCH:
        pts = np.stack([cols + ox, ink.shape[0] - 1 - ink[::-1, cols].argmax(axis=0) + oy], axis=1)
        chord = len(cols)
    else:
        return None
    circle = _least_squares_circle(pts.astype(np.float64), EDGE_ARC_FIT, 20)
    if circle is None:
        return None
    cx, cy, r, res = circle
    if r <= 4 or (res < EDGE_ARC_FIT).mean() < 0.6 or not 0.48 * chord <= r <= 0.9 * chord:
        return None
    centre, radius = ((cx + 0.5) / SCALE - 0.5, (cy + 0.5) / SCALE - 0.5), r / SCALE
    share = sealdet.ring_text_shares(reader, image_bgr, centre, radius, ((0.6, 0.95),), on_page_only=True)[0]
    if share < RING_TEXT_ROUND:
        return None
    fit = sealdet.RingFit(centre, (radius, radius), 0.0, share, 1.0)
    return centre, (radius, radius), 0.0, fit


# --- slivers of paging seals ----------------------------------------------------------------------

#: A sliver is looked for this far in from each side of the image (share of its long side): wider
#: than the quarter of a 6-cm seal at 300 dpi that the arc path (`ARC`) does not reach.
SLIVER_STRIP = 0.08
#: The sliver's ring line and the characters inside it are grouped over gaps this wide (share of
#: the image's long side: ~2 mm on an A4 page).
SLIVER_GROUP = 0.006
#: Least share of the on-page arc's outer edge within `EDGE_ARC_FIT` of the fitted circle.
SLIVER_MIN_FIT = 0.7
#: The sliver shows at most this share of its seal's diameter (larger parts go the `ARC` way),
#: and at least `SLIVER_MIN_SHOWN` (dev: a wooden desk's grain along a photo's bottom edge and red
#: specks along a scan's top edge fitted as 0.026-0.052 of a circle's diameter; the drawn slivers
#: of a tenth show 0.099).
SLIVER_MAX_SHOWN = 0.3
SLIVER_MIN_SHOWN = 0.07
#: Its ink spans the chord the circle cuts on the cut line within these shares of it.
SLIVER_CHORD = (0.75, 1.12)
#: Radii (1-px rings, from the outer edge in) on ink along this share of the on-page arc are the
#: ring line; it is at most `SLIVER_MAX_LINE` of the radius thick.
SLIVER_LINE_INK = 0.7
SLIVER_MAX_LINE = 0.12
#: Within a tenth of the radius inside the ring line, some 1-px ring is inked under this share.
SLIVER_GAP_INK = 0.4
#: Inside the ring line, the ring text: ink over this share of the band's pixels (a bare arc has
#: none, a red disc or photo background is solid), on at least `SLIVER_MIN_TEXT_PX` pixels.
SLIVER_TEXT_INK = (0.04, 0.5)
SLIVER_MIN_TEXT_PX = 40
#: Its box: the sliver's ink and this share of the seal's radius round it.
SLIVER_PAD = 0.04


def _oriented(mask: Mask, side: str) -> Mask:
    """A view of the mask with `side` ("right", "left", "bottom", "top") as its right side."""
    views: dict[str, Mask] = {"right": mask, "left": mask[:, ::-1], "bottom": mask.T, "top": mask.T[:, ::-1]}
    return views[side]


def _from_oriented(x: float, y: float, side: str, shape: tuple[int, int]) -> tuple[float, float]:
    """A point of `_oriented(mask, side)` in the mask's own coordinates (`shape` its (h, w))."""
    h, w = shape
    if side == "right":
        return x, y
    if side == "left":
        return w - 1 - x, y
    if side == "bottom":
        return y, x
    return y, h - 1 - x


def _sliver_circle(ink: Mask, r_range: tuple[float, float]) -> tuple[float, float, float] | None:
    """The circle of a seal whose sliver `ink` (oriented: cut by its right side) shows: centre and
    radius in `ink`'s pixels, or None when the ink is no such sliver — its outer edge (per row, the
    leftmost ink) an arc of a circle of seal size centred right of the cut, spanning the chord the
    circle cuts there, a ring line of even thickness along it and ring text inside."""
    rows = np.flatnonzero(ink.any(axis=1))
    if len(rows) < 20:
        return None
    edge = float(np.flatnonzero(ink.any(axis=0))[-1]) + 0.5        # the cut: the ink's right end
    pts = np.stack([ink[rows].argmax(axis=1).astype(np.float64), rows.astype(np.float64)], axis=1)
    circle = _least_squares_circle(pts, EDGE_ARC_FIT, 20)
    if circle is None:
        return None
    cx, cy, r, res = circle
    if float((res < EDGE_ARC_FIT).mean()) < SLIVER_MIN_FIT or not r_range[0] <= r <= r_range[1]:
        return None
    shown = edge - (cx - r)
    if not 2 * SLIVER_MIN_SHOWN * r <= shown <= 2 * SLIVER_MAX_SHOWN * r or abs(cx - edge) >= r:
        return None
    chord = 2 * np.sqrt(r * r - (cx - edge) ** 2)
    if not SLIVER_CHORD[0] <= (rows[-1] - rows[0] + 1) / chord <= SLIVER_CHORD[1]:
        return None
    # Ink by distance from the centre, in 1-px rings, over the part of the disc on the page.
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    dist = np.hypot(xs + 0.5 - cx, ys + 0.5 - cy)
    inside = dist < r + 1
    ring_of = np.minimum(((r + 1 - dist[inside])).astype(np.int64), int(r))   # 0 = the outer edge
    total = np.bincount(ring_of, minlength=int(r) + 1)
    inked = np.bincount(ring_of, weights=ink[inside], minlength=int(r) + 1)
    share = inked / np.maximum(total, 1)
    line = 0
    while line < len(share) and (share[line] >= SLIVER_LINE_INK or line < 1):
        line += 1
    if line > SLIVER_MAX_LINE * r + 2:
        return None
    # Paper between the ring line and its text (a texture's ink runs on without a gap).
    if float(share[line:line + max(3, int(0.1 * r))].min(initial=1.0)) >= SLIVER_GAP_INK:
        return None
    band = slice(line + 1, int(0.45 * r))
    text_px = int(total[band].sum())
    if text_px < SLIVER_MIN_TEXT_PX:
        return None
    text = float(inked[band].sum()) / text_px
    if not SLIVER_TEXT_INK[0] <= text <= SLIVER_TEXT_INK[1]:
        return None
    return cx, cy, r


def _edge_slivers(red: Mask, guesses: Sequence[float], seals: list[Seal], w: int, h: int) -> list[Seal]:
    """Seals the sheet's edge cuts to a sliver (a paging seal, 骑缝章, on a page of a thick
    bundle: a tenth of its disc or less), in page pixels: seal-sized arcs of red ink at the image's
    sides with a ring line and ring text inside (`_sliver_circle`). Too little of the ring for the
    outline tests or the learned detector; a seal's identifying text all the same."""
    hh, ww = red.shape
    strip = max(8, int(round(SLIVER_STRIP * max(hh, ww))))
    grow = max(2, int(round(SLIVER_GROUP * max(hh, ww))))
    # (The outer edge of a seal MAX_CM across fits a little larger than MAX_CM / 2.)
    r_range = _seal_radii(guesses, 1.15)
    out: list[Seal] = []
    for side in ("right", "left", "bottom", "top"):
        view = _oriented(red, side)
        vh, vw = view.shape
        part = np.ascontiguousarray(view[:, vw - min(strip, vw):]).view(np.uint8)
        if not part.any():
            continue
        x_off = vw - part.shape[1]
        grown = cv2.dilate(part, np.ones((2 * grow + 1, 2 * grow + 1), np.uint8))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
        for i in range(1, n):
            x, y, bw, bh, _ = stats[i]
            if x + bw < part.shape[1] - EDGE_TOUCH or bh < r_range[0]:
                continue
            ink = (part[y:y + bh, x:x + bw] > 0) & (labels[y:y + bh, x:x + bw] == i)
            found = _sliver_circle(ink, r_range)
            if found is None:
                continue
            cx, cy, r = found
            px, py = _from_oriented(cx + x + x_off, cy + y, side, (hh, ww))
            seal = _to_page(Seal((0, 0, 0, 0), "round", 0.5, (px, py), (r, r), 0.0), w, h)
            # Boxed to the sliver itself and a little round it: the padding of a whole seal's box
            # (a share of its radius) would double a sliver's area.
            rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
            corners = [_from_oriented(float(cols[j] + x + x_off), float(rows[k] + y), side, (hh, ww))
                       for j in (0, -1) for k in (0, -1)]
            m = SLIVER_PAD * r + 1
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            f = 1.0 / SCALE
            box = clip_box(((min(xs) - m) * f, (min(ys) - m) * f, (max(xs) + 1 + m) * f, (max(ys) + 1 + m) * f), w, h)
            seal = replace(seal, bbox=box)
            if all(iou(seal.bbox, s.bbox) < 0.3 and _inside(seal.bbox, s.bbox) < 0.5 for s in seals + out):
                out.append(seal)
    return out


#: A red seal inked on one side only (the stamp pressed on one edge): the outer edge of its ring
#: line lies on one circle (within this share of its radius) over `HALF_RED_SPAN` of the turn, and
#: the network marks ring text round `HALF_RED_TEXT` of the band inside it (about the inked half;
#: a bare arc, a bracket or a curved red rule carries none).
HALF_RED_FIT = 0.04
HALF_RED_SPAN = np.deg2rad(140.0)
HALF_RED_TEXT = 0.3
#: ... and round a Hough circle in which the network saw ring text at first (`_learned_candidates`).
HALF_CIRCLE_TEXT = 0.25
#: Rays from a learned ring's centre look for the outermost ink between these shares of its
#: longer semi-axis (`_half_inked_round`): the network's oval over the inked side of a seal is
#: up to 1.4 times the seal's radius one way and off its centre.
HALF_ROUND_RAYS = (0.5, 1.3)


def _half_inked_red(red: Mask, box: BoxF, reader: RingTextModel, image_bgr: Image, guesses: Sequence[float],
                    w: int, h: int) -> Seal | None:
    """The whole seal of which the red arc `box` (page px; a blob too thin for a seal, or one in
    which the learned detector saw no ring) is the inked side, or None (see `HALF_RED_*`). The
    circle is the consensus of circles through the outline of the blob's largest piece
    (`_consensus_circle`) within the seal sizes of the page's scales."""
    hh, ww = red.shape
    x0, y0 = max(0, int(box[0] * SCALE) - 2), max(0, int(box[1] * SCALE) - 2)
    x1, y1 = min(ww, int(np.ceil(box[2] * SCALE)) + 2), min(hh, int(np.ceil(box[3] * SCALE)) + 2)
    ink = np.ascontiguousarray(red[y0:y1, x0:x1]).view(np.uint8)
    if not ink.any():
        return None
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    # The ring line's outline: the blob's largest piece (its characters are pieces of their own).
    pts = max(contours, key=len).reshape(-1, 2).astype(np.float64) + (x0, y0)
    if len(pts) > 360:
        pts = pts[np.linspace(0, len(pts) - 1, 360).astype(int)]
    return _half_inked_circle(pts, box, reader, image_bgr, guesses, w, h)


def _half_inked_round(red: Mask, ring: RingOutline, box: BoxF, reader: RingTextModel, image_bgr: Image,
                      guesses: Sequence[float], w: int, h: int, min_text: float = HALF_RED_TEXT) -> Seal | None:
    """The whole seal round a learned ring the ink did not confirm, when it is a red seal inked
    on one side (see `HALF_RED_*`): the network sees the inked side's ring text and fits it as a
    narrow oval off the seal's centre (synth3 s8 024: 250 × 430 px for a 300-px seal), its ring
    line is broken by the text stamped over and joined to a red title, so neither an outline fit
    nor one piece of it holds the circle; the outermost red ink along rays from the network's
    centre does (the consensus of circles through it, `_consensus_circle`). `box`: the candidate
    (page px), which must lie in the circle; `min_text`: the share of ring text asked."""
    (cx, cy), axes, _, _ = ring
    r = max(axes) * SCALE
    found = _outermost_ink(red, (cx * SCALE, cy * SCALE), HALF_ROUND_RAYS[0] * r, HALF_ROUND_RAYS[1] * r)
    if found is None:
        return None
    return _half_inked_circle(found[0], box, reader, image_bgr, guesses, w, h, min_text)


def _half_inked_circle(pts: Floats, box: BoxF, reader: RingTextModel, image_bgr: Image, guesses: Sequence[float],
                       w: int, h: int, min_text: float = HALF_RED_TEXT) -> Seal | None:
    """The seal whose ring line's outer edge `pts` (half size) lie on over `HALF_RED_SPAN` of a
    seal-sized circle holding `box` (page px), with ring text round the inked side, or None."""
    from redaction.detect import sealdet

    circle = _consensus_circle(pts, HALF_RED_FIT, _seal_radii(guesses))
    if circle is None:
        return None
    cx, cy, r, on = circle
    if not _one_arc(on, cx, cy, HALF_RED_SPAN):
        return None
    # The blob lies within the circle.
    slack = 0.1 * r + 2
    if not (box[0] * SCALE >= cx - r - slack and box[2] * SCALE <= cx + r + slack
            and box[1] * SCALE >= cy - r - slack and box[3] * SCALE <= cy + r + slack):
        return None
    centre, radius = ((cx + 0.5) / SCALE - 0.5, (cy + 0.5) / SCALE - 0.5), r / SCALE
    share = sealdet.ring_text_shares(reader, image_bgr, centre, radius, ((0.6, 0.95),), on_page_only=True)[0]
    if share < min_text:
        return None
    seal = _to_page(Seal((0, 0, 0, 0), "round", 0.5, (cx, cy), (r, r), 0.0), w, h)
    return seal if _on_page(seal, w, h) else None


def _half_box(seal: Seal, w: int, h: int) -> BoxF:
    """A half-size seal's outline box (no padding), for the candidate list."""
    cx, cy = seal.center
    r = max(seal.axes)
    return (cx - r, cy - r, cx + r, cy + r)


def _learned_candidates(image_bgr: Image, red: Mask, seals: list[Seal], rejected: list[tuple[BoxF, float]],
                        reader: RingTextModel, colourless: bool, guesses: list[float],
                        gray_quarter: GreyCopy | None = None, faint: Mask | None = None,
                        faint_boxes: Sequence[BoxF] = (), faint_gray: bool = False,
                        arc_boxes: Sequence[BoxF] = (), unspecked: Sequence[BoxF] = ()) -> list[Seal]:
    """Seals the outline tests could not settle, settled by the learned ring-text detector.

    Looked at (at most `MAX_LEARNED` a page): seal-sized red blobs that failed the outline tests
    and stand alone (not in a row of red title characters), a seal beside red rules, pairs of
    small finds close together (two fragments of one ring stamped over printed text), and on
    photocopies circles of seal size with some ring in the ink. The detector gives the centre and
    the size of the ring text running round it; the outline is then fitted on the ink itself and
    must carry a ring there (`LEARNED_MIN_RING`). A fragment grows into its whole ring; a learned
    ring replaces only the weak or small finds it covers.
    """
    from redaction.detect import sealdet

    quarter = [gray_quarter]

    def grey_small() -> GreyCopy:
        """The page in grey at GRAY_SCALE, made once (find_seals' copy when it has one)."""
        small = quarter[0]
        if small is None:
            small = quarter[0] = GreyCopy.of(image_bgr)
        return small

    h, w = image_bgr.shape[:2]
    f = 1.0 / SCALE
    # Circles hidden in a blob (`HIDDEN`) are no blobs of their own: not counted in a row.
    hidden = [(x0 * f, y0 * f, x1 * f, y1 * f) for (x0, y0, x1, y1), d in rejected if d == HIDDEN]
    rejected = [(box, d) for box, d in rejected if d != HIDDEN]
    blobs = [_Blob((int(x0), int(y0), int(x1), int(y1))) for (x0, y0, x1, y1), _ in rejected]
    boxes: list[tuple[float, tuple[float, float, float, float], str]] = []
    cuts: list[BoxF] = []
    arcs: list[float] = []
    for k, (box, density) in enumerate(rejected):
        if _row_neighbours(blobs, k) >= 1 and density < 1.0:
            continue     # a red title's characters stand in a row
        x0, y0, x1, y1 = box
        if density == ARC:
            arcs.append((x1 - x0) * (y1 - y0))
            boxes.append((0.3 + 1e-9 * arcs[-1], (x0 * f, y0 * f, x1 * f, y1 * f), "arc"))
            continue
        if density == CUT:      # looked at after the rest, on its own budget (`MAX_CUT`)
            cuts.append((x0 * f, y0 * f, x1 * f, y1 * f))
            continue
        if density == FRAMED:   # its ring checked on the ink without the border (_framed_candidates)
            # The largest first: a border's ornaments make small rings.
            boxes.append((FRAMED + 1e-9 * (x1 - x0) * (y1 - y0), (x0 * f, y0 * f, x1 * f, y1 * f), "framed"))
            continue
        # Some ring must be there already (cheap): the outermost red ink round the blob's centre
        # lies on one ellipse in a quarter of the directions even where text breaks the ring.
        ringed = _ringed_box(red, box)
        if ringed is None:
            continue
        x0, y0, x1, y1 = ringed
        boxes.append((density, (x0 * f, y0 * f, x1 * f, y1 * f), "red"))
    small = [s for s in seals if max(s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]) < 2.6 * min(guesses) / 2.54]
    pair_boxes: list[BoxF] = []     # two small finds close together (not one blob's box)
    for i, a in enumerate(small):
        for b in small[i + 1:]:
            gap = max(b.bbox[0] - a.bbox[2], a.bbox[0] - b.bbox[2], b.bbox[1] - a.bbox[3], a.bbox[1] - b.bbox[3])
            if gap < max(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0]):
                u = (min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1]),
                     max(a.bbox[2], b.bbox[2]), max(a.bbox[3], b.bbox[3]))
                boxes.append((2.0, u, a.colour))
                pair_boxes.append(u)
    if colourless:
        boxes += [(0.6, box, "gray") for box in _gray_blobs(image_bgr, red.shape, guesses, seals)]
        unprofiled: list[BoxF] = []
        for box in _gray_candidates(grey_small(), guesses, seals, unprofiled):
            boxes.append((0.5, box, "gray circle"))
        boxes += [(0.01, box, "gray") for box in unprofiled]
    def frame_sized_without_ring_text(s: Seal) -> bool:
        # A weak ring filling the frame may be a phone photo's desk round the sheet (synth3
        # s15 010: a brown desk on both sides, a 0.76 "seal" over the whole red-ruled form,
        # inside which the form's two seals were never looked for), or the red-ruled form's
        # border the learned detector saw the form's text in (synth2 s44 043: a 0.73 oval over
        # the form, replacing the authority's seal found in it): a close-up's seal shows ring
        # text round its rim.
        # (Round it, not anywhere in view: the learned detector fits a certificate's whole
        # ground as one ring.)
        return (s.colour == "red" and s.score < FRAME_FIND_SCORE and _area(s.bbox) >= FRAME_FIND_SHARE * w * h
                and not _ring_text_round(reader, image_bgr, s.center, max(s.axes)))

    # Rings on photocopies are judged by their ink alone (a profile round a Hough circle), which
    # bold title characters can pass: the learned detector must see ring text in them too.
    confirmed = []
    for s in seals:
        if frame_sized_without_ring_text(s):
            continue
        if s.colour == "gray" and s.score < GRAY_SCORE:
            r = max(s.axes)
            box = (s.center[0] - r, s.center[1] - r, s.center[0] + r, s.center[1] + r)
            if sealdet.find_ring_in_box(reader, image_bgr, box, passes=1) is None and not _ring_text_round(
                    reader, image_bgr, s.center, r):
                continue
        confirmed.append(s)
    seals = confirmed
    tried: list[tuple[float, float, float, float]] = []
    arcs_tried = 0
    half_inked_max_r = HALF_INKED_MAX_CM / 2 * _page_dpi(guesses) / 2.54
    # Seals cut by a band line come last, with a budget of their own: what the other candidates
    # found before stays as it was.
    cuts_first = sorted(cuts, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    for _, box, colour in sorted(boxes, key=lambda t: -t[0]) + [(CUT, b, "cut") for b in cuts_first]:
        if colour == "cut":
            if sum(1 for t in tried if t in cuts_first) >= MAX_CUT:
                break
        elif len(tried) >= MAX_LEARNED:
            continue
        is_arc = colour == "arc"
        if colour == "arc":
            if arcs_tried >= MAX_ARCS:
                continue
            arcs_tried += 1
            colour = "red"
        cut = colour == "cut"
        grey_plated = False
        framed = colour in ("framed", "cut")
        circle = colour == "gray circle"
        colour = "red" if framed else "gray" if circle else colour
        # A box inside one looked at already is looked at again only when much smaller: the
        # network then sees its ring larger (a half-inked ring on a copy read at 0.61 of it in a
        # Hough circle's box, under the least share in the larger box of the blob round it).
        if any(_inside(box, s.bbox) > 0.8 for s in seals) or any(
                _inside(box, t) > 0.8 and _area(box) > NESTED_AREA * _area(t) for t in tried):
            continue
        tried.append(box)
        first: list[RingOutline] = []
        ring = sealdet.find_ring_in_box(reader, _plated(image_bgr, box) if cut else image_bgr, box, first_pass=first)
        ink = red
        if ring is None and framed and not cut and first:
            # Two seals stamped touching over a form's rules (an appraisal form's unit and its
            # reviewer): the detector reads their ring texts as one long ring. Looked at alone,
            # and confirmed on its own ink (the other's and the rules' pull the fit off it; so
            # also a ring the detector saw at once, when the whole ink does not confirm it).
            ring = sealdet.find_ring_in_box(reader, _alone(image_bgr, box), box)
            ink = _alone_ink(red, box)
        if ring is None and framed and not cut:
            # A faint seal over its printed sign-off on a red-ruled form (synth3 s27 038): the
            # network marks the sign-off and the star as text too, joined to the ring text's arc.
            # The ring fitted on the band's outer part stands if the ink rings it whole.
            ring = sealdet.find_ring_in_box(reader, image_bgr, box, outer=True)
            if ring is not None and not _ringed_whole(red, ring, box):
                ring = None
        if ring is None and circle and first:
            # Ring text round the circle that the look round the ring it makes did not confirm:
            # a seal inked on one side only, if its ring line is one long unbroken arc there.
            seal = _half_inked_gray(grey_small(), first[0], box, w, h, half_inked_max_r)
            if seal is not None:
                if not any(_inside(seal.bbox, s.bbox) > 0.6 for s in seals):
                    seals.append(seal)
                continue
        if ring is None and colour == "gray":
            # A faded grey seal's ring text the network does not tell from the black print over
            # it (synth4 s19 064: no ring seen; synth3 s45 069: half inked, the ring text seen
            # as an arch sitting low and large off the circle; synth5 s3 051: a grey oval round
            # 单位（盖章） and the date, the band filled across its middle): looked at again on
            # the grey ink alone.
            ring = sealdet.find_ring_in_box(reader, _plated(image_bgr, box, _gray_plate), box)
            if ring is None:
                continue
            grey_plated = True
        if ring is None and is_arc:
            # A paging seal cut by the sheet's edge (a third of its disc or less): the network's
            # band is a thick crescent no ellipse holds; the ring line's crisp outer edge gives
            # the circle, the ring text round its on-page part confirms it.
            ring = _edge_arc_ring(red, box, reader, image_bgr)
        if ring is None and first and colour == "red" and not framed and not is_arc and box not in pair_boxes:
            # A red oval inked in part whose candidate held only some of it (synth5 s2 024: its
            # upper left uninked, the candidate box cut short of its left end): the first look saw
            # the ring text round it (0.57 of it, concentric 0.98), the look round that ring only
            # the number printed in it. The first ring stands if the ink confirms it.
            if _confirm_on_ink(image_bgr, red, first[0], colour, box) is not None:
                ring = first[0]
        if ring is None and (is_arc or (colour == "red" and not framed and box not in pair_boxes)):
            # A red seal inked on one side only: its ring line one long arc, its ring text round
            # that side (not cut by the sheet's edge: whole on the page, half inked). So too a
            # blob dense enough to be a candidate of its own (synth3 s29 005: the left half of a
            # seal on pink paper, the date and the employer's name printed in it), in which ring
            # text round one side is no ring to the network.
            half = _half_inked_red(red, box, reader, image_bgr, guesses, w, h)
            if half is not None and not any(_inside(half.bbox, s.bbox) > 0.6 or iou(half.bbox, s.bbox) > 0.3
                                             for s in seals):
                seals.append(half)
            continue
        if ring is None:
            continue
        seen_first = ring
        if framed and not cut and ink is red and _framed_short(ring, box):
            # Two seals stamped touching on a form's rules whose ring texts the detector read as
            # one ring round both (synth2 s12 067: a 150 x 218 px oval, coverage 0.52, between a
            # whole seal and the half-inked one under it): the candidate looked at alone.
            alone = sealdet.find_ring_in_box(reader, _alone(image_bgr, box), box)
            if alone is not None and not _framed_short(alone, box):
                ring, ink = alone, _alone_ink(red, box)
        if framed and _framed_short(ring, box):
            # A border's ornament (a scroll, a fan) read as a little ring text, or a word — unless
            # the ink rings it whole (a seal on a red-ruled form, its code along the bottom ring
            # text too short for the coverage asked of a border's candidates).
            if cut or not _ringed_whole(red, ring, box):
                continue
        seal = _confirm_on_ink(image_bgr, ink, ring, colour, box, grey_small if colour != "red" else None,
                               framed=framed)
        if (seal is not None and grey_plated and _inside(seal.bbox, box) > 0.8
                and _area(seal.bbox) < HALF_INKED_SHARE * _area(box)):
            # The ring text of a grey seal inked on one side only, seen on its grey ink alone, is an
            # arch fitted as an oval over that side (synth3 s45 034: the right half, 0.6 of the
            # seal): the Hough circle's own ring, where its ink holds one, is the seal.
            seal = _gray_ring_seal_in(grey_small(), box, w, h) or seal
        if seal is None and framed and not cut and ink is red:
            seal = _confirm_on_ink(image_bgr, _alone_ink(red, box), ring, colour, box, framed=True)
        if seal is None and framed and not cut and colour == "red":
            # Two seals stamped touching on a form's rules (synth2 s17 003: a faded unit seal over
            # the reviewing department's, neither found): the ring read round both is drawn out
            # toward the other (145 x 180 px for a 133-px seal), off its ink on the page and in
            # the annulus. Looked at alone, ring text round the most of it, its outline fitted on
            # its own ink.
            alone = sealdet.find_ring_in_box(reader, _alone(image_bgr, box), box)
            if alone is not None and not _framed_short(alone, box):
                seal = _confirm_on_ink(image_bgr, _alone_ink(red, box), alone, colour, box)
        if seal is None and ring is not seen_first:
            # The look alone drifted onto the seal touching it (synth3 s11 012: a purple seal over
            # a red one, its ring seen at 0.66 on the page, alone at 0.70 off its centre by 64 px
            # towards the other): the first ring, confirmed on the ink as a border's candidate is.
            seal = _confirm_on_ink(image_bgr, red, seen_first, colour, box, framed=True)
        if seal is None and colour == "red" and not cut:
            seal = _half_inked_round(ink, ring, box, reader, image_bgr, guesses, w, h)
        if seal is None and colour == "gray" and not faint_gray:
            # A page searched as a copy for want of red ink (a seal inked on one side only is
            # little ink) is no copy: its ring may be red.
            seal = _confirm_on_ink(image_bgr, red, ring, "red", box)
            if seal is None and circle:
                # A red seal inked on one side stamped touching a form's red rules (synth3 s37 030:
                # over the employer's printed name, its ring line crossing a rule): its ring is no
                # red candidate of its own, a Hough circle on the page's dark ink holds it, and the
                # network sees ring text in it. Its inked side, the ring text round the circle, at
                # a little less than a red arc alone needs: the network saw a ring there already.
                seal = _half_inked_round(red, ring, box, reader, image_bgr, guesses, w, h, HALF_CIRCLE_TEXT)
        if seal is None and colour == "gray" and faint_gray and faint is not None:
            # A worn ring on a copy, too faint for the dark-ink tests, whose faint ink joins a
            # neighbour's (a second seal just below, the text it is stamped on) into a group too
            # large for `_faint_candidates`: judged as those worn seals are, on the mid-grey ink.
            (cx, cy), axes = ring[0], ring[1]
            r = max(axes) * SCALE
            seal = _faint_seal(image_bgr, faint, (cx * SCALE - r, cy * SCALE - r, cx * SCALE + r, cy * SCALE + r),
                               reader, "gray")
        if seal is not None and colour == "gray" and _drawn_to_another(seal, box, seals):
            # The learned ring round a grey circle drawn out toward a seal stamped touching it
            # (synth2 s35 011: the employer's faded seal above another body's, its ring text in the
            # network's band too, fitted as an oval 2.5 times the seal): the circle's own ring. So
            # round a grey blob (synth3 s47 078: the bureau's grey seal below the employer's found
            # one, both fitted as one oval 2.4 times the blob): its ring, if its ink holds one.
            seal = _gray_ring_seal_in(grey_small(), box, w, h)
        if seal is None or frame_sized_without_ring_text(seal):
            continue
        # The whole ring replaces the fragments and weak finds it covers, never a sound seal, nor
        # two seals side by side.
        if (any(_inside(s.bbox, seal.bbox) < 0.6 and iou(s.bbox, seal.bbox) > 0.3 for s in seals)
                or _round_separate_seals(seal, seals, small) or _round_a_sound_seal(seal, seals, small)):
            continue
        replaced = [s for s in seals if _inside(s.bbox, seal.bbox) >= 0.6 and (s in small or s.score < 0.9)]
        others = [s for s in seals if s not in replaced]
        if any(_drawn_to_another(seal, r.bbox, others) for r in replaced):
            # A faint fit round a find and the pale fringe of another seal stamped below it
            # (synth3 s45 062: the employer's grey oval found at 1.4x, a faint oval round it and
            # half the other body's seal at 3x): the find stays.
            continue
        seals = others
        if any(_inside(seal.bbox, s.bbox) > 0.6 for s in seals):
            continue
        seals.append(seal)
    # A ring hidden in a blob with a seal stamped touching it (`_split_merged`): the circle is the
    # ring already, fitted within its annulus; the network need only see ring text round its
    # inside. Looked at last (the largest first, `MAX_HIDDEN` a page), where nothing covers it.
    # At the scale where a seal fills the frame a whole form is one blob and its Hough circles are
    # page-sized (a 3:4 photo of a form with a rectangular seal: one 24-cm "ring"): such circles are no
    # seal stamped beside another.
    hidden = [b for b in hidden if max(b[2] - b[0], b[3] - b[1]) <= HIDDEN_MAX_FRAME * min(h, w)]
    for box in sorted(set(hidden), key=lambda b: -_area(b))[:MAX_HIDDEN]:
        if any(iou(box, s.bbox) > 0.3 or _inside(box, s.bbox) > 0.6 for s in seals):
            continue
        centre, r = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), (box[2] - box[0]) / 2
        if _ring_text_round(reader, image_bgr, centre, r):
            seals.append(_to_page(Seal((0, 0, 0, 0), "round", 0.7, (centre[0] * SCALE, centre[1] * SCALE),
                                       (r * SCALE, r * SCALE), 0.0), w, h))
    if faint is not None:
        # Worn pale seals: groups of faint red ink with a ring (see _faint_candidates), fitted on
        # the faint ink and checked for ring text by the learned detector on the red ink alone.
        looked: list[BoxF] = []
        regular = _round_weak_finds_first(faint_boxes, seals)[:MAX_FAINT]
        # (`_unspecked_candidates` only in what budget the others leave, after them: what they find
        # is looked at as before.)
        extra = [b for b in unspecked if b not in regular][:MAX_FAINT - len(regular)]
        for box in regular + list(arc_boxes[:MAX_FAINT_ARCS]) + extra:
            # One group found at two scales comes twice: the second look would give the first's seal.
            if box in looked:
                continue
            looked.append(box)
            page_box = (box[0] * f, box[1] * f, box[2] * f, box[3] * f)
            if any(_inside(page_box, s.bbox) > 0.9 for s in seals):
                continue
            # A circle drawn by arcs is looked at only where nothing was found: beside a find it
            # is more often that find's ring, or the missing half of a paging seal cut by the
            # sheet's edge, than a second seal.
            if box in arc_boxes and _found_about(page_box, seals):
                continue
            # (An oval on a copy settled by its ring alone only where nothing was found about it.)
            seal = _faint_seal(image_bgr, _without_sound_seals(faint, seals, small), box, reader,
                               "gray" if faint_gray else "red", box in arc_boxes,
                               ring_alone=not _found_about(page_box, seals))
            if seal is not None and box in extra and any(iou(seal.bbox, s.bbox) > 0 for s in seals):
                continue    # (an unspecked group's seal only where it touches none found)
            if (seal is not None
                    and not any(_inside(seal.bbox, s.bbox) > 0.8 or _loosely_fitted(seal, s)
                                or _drawn_off_circle(seal, s)
                                or _over_a_sound_seal(seal, s, small) for s in seals)
                    and not _round_separate_seals(seal, seals, small) and not _round_a_sound_seal(seal, seals, small)):
                seals = [s for s in seals if not (_inside(s.bbox, seal.bbox) >= 0.6 and s.score < 0.9)]
                seals.append(seal)
    return seals


def _round_weak_finds_first(faint_boxes: Sequence[BoxF], seals: list[Seal]) -> list[BoxF]:
    """The faint groups (half-size boxes) in the order they are looked at: first those round a weak
    narrow oval (outline under `GROW_MAX_SCORE`, `HALF_RING_ASPECT` long) and larger than it by
    `GROWN_MIN_GAIN`, the faint rest of a pale seal whose inkiest side the outline tests fitted as
    an oval (dev: 1.7:1 over the upper right third of a pink 4.5-cm seal, the faint group round it
    fourth of five on the page); then the rest as they came. (A weak round find is a ring whole: a
    faint group round it is more often it and a pale seal beside it, synth2 s7 035.)"""
    def holds_weak_find(box: BoxF) -> bool:
        page_box = (box[0] / SCALE, box[1] / SCALE, box[2] / SCALE, box[3] / SCALE)
        return any(s.score < GROW_MAX_SCORE and s.shape == "oval" and max(s.axes) >= HALF_RING_ASPECT * min(s.axes)
                   and _inside(s.bbox, page_box) >= 0.8 and _area(page_box) >= GROWN_MIN_GAIN * _area(s.bbox)
                   for s in seals)
    return sorted(faint_boxes, key=lambda b: not holds_weak_find(b))


#: A blob this much narrower one way than the other may be a seal inked on one side only.
HALF_INKED = 0.85


def _ringed_box(red: Mask, box: BoxF) -> BoxF | None:
    """The box of a blob with some ring round its centre (`LEARNED_MIN_RING`), or None. A seal
    inked on one side only (half its ring, its star, the text over it) is a blob as tall as the
    seal and about half as wide: its centre lies on the blob's open side, so the square on the
    blob's long side is tried on either side too."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    squares = [box]
    if min(w, h) < HALF_INKED * max(w, h):
        d = max(w, h) - min(w, h)
        squares += ([(x0, y0, x1 + d, y1), (x0 - d, y0, x1, y1)] if w < h
                    else [(x0, y0, x1, y1 + d), (x0, y0 - d, x1, y1)])
    for sx0, sy0, sx1, sy1 in squares:
        got = fit_ring(red, ((sx0 + sx1) / 2, (sy0 + sy1) / 2), max(sx1 - sx0, sy1 - sy0) / 2)
        if got is not None and got[3] >= LEARNED_MIN_RING:
            return (sx0, sy0, sx1, sy1)
    # A seal inked round its upper left only is a blob as large as the seal, but the outermost ink
    # from its centre runs in along the bare side and no ellipse fits it; a circle within the
    # annulus of the blob's size does.
    x0, y0, x1, y1 = box
    got = fit_ring_in_annulus(red, ((x0 + x1) / 2, (y0 + y1) / 2), max(w, h) / 2)
    if got is not None and got[3] >= LEARNED_MIN_RING:
        return box
    return None


#: A weak fit (under WEAK_ROUND) round the whole of a better seal found already, at most this
#: many times its area and centred on it, is that seal fitted loosely: on a phone photo the faint
#: ink of a form's red rules touching the seal pulled the fit out (synth3 s14 052: a 0.59 oval
#: 1.7 times the seal's area replaced the seal's own ring, confirmed at 0.77).
LOOSE_FIT_AREA = 2.5
#: ... its centre within this share of the seal's smaller semi-axis from the seal's centre.
LOOSE_FIT_OFFSET = 0.5


def _loosely_fitted(weak: Seal, seal: Seal) -> bool:
    """Is `weak` a looser fit of `seal`: weaker, round all of it, not much larger, and centred on
    it (not two seals fitted as one, whose centre lies between them)?"""
    off = float(np.hypot(weak.center[0] - seal.center[0], weak.center[1] - seal.center[1]))
    # (A seal boxed as part of a ring, its box short of its outline, is no sound fit: a worn
    # ring's faint fit replaces it; own corpus 074.)
    whole = min(seal.bbox[2] - seal.bbox[0], seal.bbox[3] - seal.bbox[1]) >= 2 * min(seal.axes)
    return (whole and weak.score < WEAK_ROUND and seal.score > weak.score and _inside(seal.bbox, weak.bbox) >= 0.9
            and _area(weak.bbox) <= LOOSE_FIT_AREA * _area(seal.bbox) and off <= LOOSE_FIT_OFFSET * min(seal.axes))


#: A weak find overlapping a sound seal this much (intersection over union) is fitted over it: two
#: seals stamped touching overlap less (as finds at several scales of one seal count as one).
OVER_SOUND_IOU = 0.3


def _over_a_sound_seal(weak: Seal, seal: Seal, small: list[Seal]) -> bool:
    """Is `weak` (a faint fit) reaching over much of a sound seal (0.9+, seal-sized)? synth3 s32 028:
    a square name seal stamped touching the employer's round seal, its faint ink fitted as a
    323 x 281 px oval half over the round seal (IoU 0.49), masking the name seal and the signed
    name under it for the employer's, its box 2.8 times the seal's."""
    return (weak.score < WEAK_ROUND and seal.score >= 0.9 and seal not in small
            and iou(weak.bbox, seal.bbox) > OVER_SOUND_IOU)


#: A grey circle found on a copy whose centre lies further than this share of its radius from the
#: centre of a faint fit holding it is not the ring that fit went round (`_drawn_off_circle`).
DRAWN_OFF_SHARE = 0.3


def _drawn_off_circle(fit: Seal, circle: Seal) -> bool:
    """Is `fit` (a faint fit on a copy) a grey round find's ring drawn off it onto the ink beside
    it? The faint ink of the seal joins what it is stamped by into one group, and the ring fitted
    on it reaches out to that: synth3 s51 035 (the employer's name printed across the seal, a
    240 x 170 px oval round the 154-px circle and the line, its centre 77 px up the page), synth5
    s4 054 (a title certificate's seal over the photo's corner, a 238 x 196 oval round the circle
    and the photo) -- boxes 1.8 and 1.9 times the circle's, past twice the seal's. A looser ring
    round the same seal is centred on it; a circle found inside a ring on a copy is round it."""
    if fit.colour != "gray" or circle.colour != "gray" or circle.shape != "round":
        return False
    off = float(np.hypot(fit.center[0] - circle.center[0], fit.center[1] - circle.center[1]))
    return _inside(circle.bbox, fit.bbox) >= 0.6 and off > DRAWN_OFF_SHARE * min(circle.axes)


#: Two finds overlapping less than this are two seals, whatever ring is found round both.
SEPARATE_IOU = 0.2


def _round_separate_seals(ring: Seal, seals: list[Seal], small: list[Seal]) -> bool:
    """Does a ring found by the learned detector (or fitted on faint ink) go round two or more
    finds that are seals of their own: seal-sized (not `small` fragments of one ring stamped over
    text) and apart from each other? Two seals stamped touching (an appraisal form's employer and
    authority, one above the other; a police seal and a clerk's square name seal) read as one
    band of ring text, fitted as an oval round both."""
    inside = [s for s in seals if s not in small and _inside(s.bbox, ring.bbox) >= 0.6]
    return any(iou(a.bbox, b.bbox) < SEPARATE_IOU for i, a in enumerate(inside) for b in inside[i + 1:])


#: A learned ring over a grey Hough circle (its box) more than this many times the circle's box ...
DRAWN_AREA = 2.0
#: ... that takes in this share of a seal found already is drawn out toward it (`_drawn_to_another`).
DRAWN_INTO = 0.2


def _drawn_to_another(ring: Seal, circle: BoxF, seals: list[Seal]) -> bool:
    """Is a ring the learned detector found round a grey circle (`circle`, its box) much larger than
    the circle (`DRAWN_AREA`) and reaching into a seal found already (`DRAWN_INTO` of it)? Two seals
    stamped touching give the network one band of ring text; the ring fitted on it is drawn out."""
    return _area(ring.bbox) > DRAWN_AREA * _area(circle) and any(
        _inside(s.bbox, ring.bbox) >= DRAWN_INTO for s in seals)


#: A sound seal inside a ring found round it, under this share of the ring's area, is no part
#: of it (see `_round_a_sound_seal`).
SOUND_INSIDE_AREA = 0.25


def _round_a_sound_seal(ring: Seal, seals: list[Seal], small: list[Seal]) -> bool:
    """Does a ring found by the learned detector (or fitted on faint ink) go round a sound seal
    found already (scored 0.9+, seal-sized) that is much smaller than it? A seal is not stamped
    inside another's ring: the learned detector read a certificate's lines of print as ring
    text round the employer's seal, and the page's red border confirmed the ring."""
    return any(s.score >= 0.9 and s not in small and _inside(s.bbox, ring.bbox) >= 0.9
               and _area(s.bbox) < SOUND_INSIDE_AREA * _area(ring.bbox) for s in seals)


def _without_sound_seals(faint: Mask, seals: list[Seal], small: list[Seal]) -> Mask:
    """The half-size faint ink without the discs of the sound seals found (`seals` scored 0.9+,
    not in `small`). Faint ink takes in the pale fringe of every seal on the page: a worn seal
    stamped beside a found one (a company's, financial and legal representative's seals side by
    side) was fitted over its neighbour's ring, its box 2.4× its own. Weak finds and fragments
    stay: they may be parts of the worn ring, which replaces them."""
    sound = [s for s in seals if s.score >= 0.9 and s not in small]
    if not sound:
        return faint
    out = faint.view(np.uint8).copy()
    for s in sound:
        if s.shape in ("square", "rect"):
            x0, y0, x1, y1 = (int(round(v * SCALE)) for v in s.bbox)
            out[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = 0
        else:
            centre = (int(round(s.center[0] * SCALE)), int(round(s.center[1] * SCALE)))
            axes = (int(round(s.axes[0] * SCALE * 1.1)) + 1, int(round(s.axes[1] * SCALE * 1.1)) + 1)
            cv2.ellipse(out, centre, axes, s.angle, 0, 360, 0, -1)
    return cast(Mask, out.astype(bool))


#: Most ink (text included) inside a worn seal on a copy: a photo's grey tones fill it.
GRAY_MAX_INNER_FILL = 0.6
#: Grey level below which a pixel counts as burned black (a mask) or photo shadow, not paper or ink.
BURNED_BLACK = 40
#: Circles drawn by arcs of faint ink (`_faint_arcs`) are off: on the real set they put boxes over
#: other people's names (over-masking 0.016 without them, 0.106 with them, recall the same; 0.065
#: with them held to 100-300 dpi), and a real image to see why on was not at hand (stop 19).
ARC_SEARCH = False

#: Faint candidates a page that go to the learned detector: groups, and circles drawn by arcs.
MAX_FAINT = 2
MAX_FAINT_ARCS = 1
#: Ring text found by the learned detector inside a faint ring: share of directions (ring text
#: runs 120–250° round an oval or a round seal; a worn seal loses some of it).
FAINT_TEXT_COVERAGE = 0.3
#: ... or, on a copy, an oval of mid-grey ink away from black text ringed this much of the way
#: round (the outline the Hough search for round grey seals does not see): a photocopied
#: 人事专用章 whose long ring text is too small for the network (synth3 s21 029: 0.97, its ring
#: text 0.27 of the way round, only the 人事专用章 line seen). Only where nothing was found about
#: it: round a grey seal found already, such an oval is a larger box for the same seal.
FAINT_OVAL_RING_ALONE = 0.95


def _crop_window(shape: tuple[int, ...], box: BoxF) -> tuple[int, int, int, int]:
    """The learned detector's crop round `box` and the crop of its second look round a ring up to
    1.3 × larger: the box and 0.6 of its side round it, on the page (x0, y0, x1, y1)."""
    h, w = shape[:2]
    x0, y0, x1, y1 = box
    m = 0.6 * max(x1 - x0, y1 - y0)
    return int(max(0, x0 - m)), int(max(0, y0 - m)), int(min(w, x1 + m)), int(min(h, y1 + m))


def _plated(image_bgr: Image, box: BoxF, plate: Callable[[Image], Image] | None = None) -> Image:
    """A copy of the page whose `_crop_window` round `box` is `_red_plate`d (or `plate`d)."""
    X0, Y0, X1, Y1 = _crop_window(image_bgr.shape, box)
    out: Image = image_bgr.copy()
    if X1 > X0 and Y1 > Y0:
        out[Y0:Y1, X0:X1] = (plate or _red_plate)(image_bgr[Y0:Y1, X0:X1])
    return out


#: `_alone` keeps the circle this many times the box's half side ...
ALONE_MARGIN = 1.1
#: ... and `_alone_ink` takes out straight lines this share of the box's side long (a ring has
#: no straight run that long).
ALONE_RULE = 0.6
#: A learned ring whose ink, alone (`_alone_ink`), rings this share of it is a whole seal.
FRAMED_WHOLE_RING = 0.9


def _alone(image_bgr: Image, box: BoxF) -> Image:
    """A copy of the page whose `_crop_window` round `box` is paper outside the circle a little
    larger than the box: a seal seen without the one touching it."""
    X0, Y0, X1, Y1 = _crop_window(image_bgr.shape, box)
    out: Image = image_bgr.copy()
    if X1 > X0 and Y1 > Y0:
        x0, y0, x1, y1 = box
        window = out[Y0:Y1, X0:X1]
        inside = np.zeros(window.shape[:2], np.uint8)
        r = int(round(ALONE_MARGIN * max(x1 - x0, y1 - y0) / 2))
        cv2.circle(inside, (int(round((x0 + x1) / 2 - X0)), int(round((y0 + y1) / 2 - Y0))), r, 1, -1)
        window[inside == 0] = paper_tone(window).astype(np.uint8)
    return out


def _alone_ink(red: Mask, box: BoxF) -> Mask:
    """The half-size red ink within `_alone`'s circle round `box` (page pixels), without rules."""
    x0, y0, x1, y1 = (v * SCALE for v in box)
    side = max(x1 - x0, y1 - y0)
    inside = np.zeros(red.shape, np.uint8)
    centre = (int(round((x0 + x1) / 2)), int(round((y0 + y1) / 2)))
    cv2.circle(inside, centre, int(round(ALONE_MARGIN * side / 2)), 1, -1)
    return remove_rules(red & inside.view(bool), int(round(ALONE_RULE * side)))


def _framed_short(ring: RingOutline, box: BoxF) -> bool:
    """Is a learned ring in a border's candidate too little ring text, or too small for it
    (`FRAMED_MIN_COVERAGE`, `FRAMED_MIN_SIZE`)?"""
    return (ring[3].coverage < FRAMED_MIN_COVERAGE
            or 2 * max(ring[1]) < FRAMED_MIN_SIZE * max(box[2] - box[0], box[3] - box[1]))


def _ringed_whole(red: Mask, ring: RingOutline, box: BoxF) -> bool:
    """Does the red ink round `box` (page pixels), alone, ring the learned ring whole? Looked for
    round its larger semi-axis and round their mean: ring text missing along one side (a seal's
    bottom, its code there too faint) draws the learned ring out of round, and the annulus round
    the larger axis then reaches a name seal stamped beside it (synth3 s27 038)."""
    (cx, cy), axes = ring[0], ring[1]
    alone = _alone_ink(red, box)
    for radius in dict.fromkeys((max(axes), (axes[0] + axes[1]) / 2)):
        got = fit_ring_in_annulus(alone, (cx * SCALE, cy * SCALE), radius * SCALE)
        if got is not None and got[3] >= FRAMED_WHOLE_RING:
            return True
    return False


#: A crop whose median redness (its paper's) reaches this is on pink paper (`_red_plate`).
PAPER_TINT = 6.0


def _red_plate(crop: Image) -> Image:
    """The crop's red ink alone, as a clean red seal on white (black text gone, faint ink made
    strong): what the learned detector sees best."""
    blurred = cv2.blur(crop, (3, 3))
    b, g, r = cv2.split(_against_cool_paper(blurred))    # as `_faint_red` found such ink
    redness = r - np.maximum(b, g)
    paper_red = float(np.median(redness))
    if paper_red >= PAPER_TINT:
        # Pink paper is red all over: red counted over the paper's, and violet (green under both
        # red and blue) over the paper's, as `_faint_red` counts them there.
        violet = np.minimum(r, b) - g
        redness = np.maximum(redness - paper_red, violet - max(0.0, float(np.median(violet))))
    redness = np.clip(redness, 0, 255)
    # Full strength at 30 over the floor, or at the crop's strongest red if fainter (a worn seal
    # in a phone photo reaches ~25: its ring text stayed below what the detector sees).
    span = float(np.clip(np.percentile(redness, 99.5) - 6, 12, 30))
    ink = np.clip((redness - 6) * (1.0 / span), 0, 1)
    return cast(Image, cv2.merge([(255 - 200 * ink).astype(np.uint8), (255 - 210 * ink).astype(np.uint8),
                                  (255 - 30 * ink).astype(np.uint8)]))


def _faint_seal(image_bgr: Image, faint: Mask, box: BoxF, reader: RingTextModel, colour: str = "red",
                arcs: bool = False, ring_alone: bool = False) -> Seal | None:
    """A worn pale seal in a group of faint red ink (half-size box), or None: the outline fitted
    on the faint ink (once on the group, again on all faint ink round that fit: a worn ring is in
    pieces), confirmed by ring text running round inside it on the red ink alone. `arcs`: the box
    is a circle drawn by arcs (`_faint_arcs`), fitted within its annulus, and its ring text must
    run round it away from the centre. `ring_alone`: on a copy, an oval ringed `FAINT_OVAL_RING_ALONE` of
    the way round needs no ring text seen round it."""
    from redaction.detect import sealdet

    h, w = image_bgr.shape[:2]
    x0, y0, x1, y1 = box
    centre, radius = ((x0 + x1) / 2, (y0 + y1) / 2), max(x1 - x0, y1 - y0) / 2
    # Straight rules as long as the group is wide are no part of a ring (a pale red-ruled form's
    # rules pull the fit out to them); a ring runs that straight for a fraction of it.
    faint = remove_rules(faint, int(round(2 * radius)))
    best: RingShape | None = None
    for _ in range(0 if arcs else 2):
        got = fit_ring(faint, centre, radius)
        if got is None:
            break
        if best is None or got[3] > best[3]:
            best = got
        centre, radius = got[0], max(got[1])
    if best is not None and colour != "red":
        # A ring on a copy worn away on one side: the rays there end on the text inside and pull
        # the ellipse in; fitted again within an annulus round that fit they drop out instead (own
        # 006: 123 × 164 px at 36 px off the centre, then the ring itself, 163 × 165). Not on red
        # ink: a worn red seal in a dim photo (own 026) was fitted smaller so.
        again = fit_ring_in_annulus(faint, best[0], max(best[1]))
        if again is not None and again[3] > best[3]:
            best = again
    if best is not None and best[3] < FAINT_MIN_RING:
        best = None
    if arcs:
        # A ring inked on one side only: its outermost ink on the other side is the star inside.
        arc = fit_ring_in_annulus(faint, ((x0 + x1) / 2, (y0 + y1) / 2), max(x1 - x0, y1 - y0) / 2)
        if arc is not None and arc[3] >= ARC_MIN_RING:
            best = arc
    if best is None:
        return None
    (cx, cy), (a, b), ang, ring = best
    if not MIN_ASPECT <= a / b <= MAX_ASPECT:
        return None
    if _ruled_outline(faint, (cx, cy), (a, b), ring):
        return None    # a form's pale rules round its text (a phone photo of a red-ruled table)
    if colour != "red" and ellipse_scores(faint, (cx, cy), (a, b), ang)[1] > GRAY_MAX_INNER_FILL:
        return None    # a photo's grey tones (the seal's inside is text and paper)
    if colour == "red":
        # Skin in a photo is solid faint red; with a mask burned over the eyes (verify looks at
        # masked pages) it is faint red round a black band: count near-black as filled too.
        small = cv2.resize(image_bgr, (faint.shape[1], faint.shape[0]), interpolation=cv2.INTER_AREA)
        solid = faint | (cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) < BURNED_BLACK)
        if ellipse_scores(solid, (cx, cy), (a, b), ang)[1] > MAX_INNER_FILL:
            return None
    shape = "round" if max(a, b) / min(a, b) < 1.15 else "oval"
    score = 0.5 + 0.3 * min(1.0, ring) if colour == "red" else GRAY_SCORE
    seal = _to_page(Seal((0, 0, 0, 0), shape, score, (cx, cy), (a, b), ang, colour), w, h)
    if not _on_page(seal, w, h):
        return None    # an arc cut by the sheet's edge (a paging seal): boxed to its part elsewhere
    # Ring text inside the outline, on the red ink alone.
    side = 2 * max(seal.axes)
    m = sealdet.CROP_MARGIN * side
    sx, sy = seal.center
    X0, Y0 = int(max(0, sx - side / 2 - m)), int(max(0, sy - side / 2 - m))
    X1, Y1 = int(min(w, sx + side / 2 + m)), int(min(h, sy + side / 2 + m))
    crop = image_bgr[Y0:Y1, X0:X1]
    if crop.size == 0:
        return None
    k = sealdet.NET_DIAMETER / side
    plate = _red_plate(crop) if colour == "red" else _gray_plate(crop)
    net = cast(Image, cv2.resize(plate, (max(1, int(round(crop.shape[1] * k))),
                                                    max(1, int(round(crop.shape[0] * k)))),
                                 interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR))
    band = reader.probability(net) > sealdet.BAND_THRESHOLD
    ea, eb = seal.axes[0] * k, seal.axes[1] * k
    ecx, ecy = (sx - X0) * k, (sy - Y0) * k
    t = np.deg2rad(seal.angle)
    ca, sa = np.cos(_ANGLES), np.sin(_ANGLES)
    # From the centre out (the group's own test), or for a circle drawn by arcs only where ring
    # text runs (0.45–1 of the radius): a star, a dot or a line of text across the middle meets
    # every ray from the centre.
    rs = np.linspace(0.45, 1.0, 22) if arcs else np.linspace(0.0, 1.0, 40)
    ux, uy = ea * ca, eb * sa
    xs = ecx + np.outer(rs, ux * np.cos(t) - uy * np.sin(t))
    ys = ecy + np.outer(rs, ux * np.sin(t) + uy * np.cos(t))
    coverage = float(_sample(band, xs, ys).any(axis=0).mean())
    if coverage < FAINT_TEXT_COVERAGE and not (ring_alone and colour != "red" and shape == "oval"
                                               and ring >= FAINT_OVAL_RING_ALONE):
        return None
    return seal


def _confirm_on_ink(image_bgr: Image, red: Mask, ring: RingOutline, colour: str, candidate: Sequence[float],
                    grey_small: Callable[[], GreyCopy] | None = None, whole: bool = False,
                    framed: bool = False) -> Seal | None:
    """The learned ring's outline fitted on the ink (red at half size, dark ink on a copy), padded
    as every seal is; None when the ink carries no ring there. A ring with ink round less than
    `PARTIAL_RING` of it is part of a seal (cut by the sheet's edge): its box is the candidate's,
    padded, within the outline's — unless `whole` (a worn seal's faint ink, grouped: its ring is
    whole on the paper, only faint in places), when the outline's box is kept unless the outline
    runs off the page. `framed`: a seal touching a page's border (`_framed_candidates`), fitted
    within its annulus (the outermost ink along a ray crossing the border is the border's); it is
    whole on the paper, so its ink must ring `PARTIAL_RING` of it (a border's ornament, a fan or
    a rosette the learned detector reads ring text in, rings less)."""
    (cx, cy), (a, b), ang, fit = ring
    h, w = image_bgr.shape[:2]
    if colour == "red":
        # fit_ring takes the outermost red ink along rays from the centre (half size).
        if framed:
            got = fit_ring_in_annulus(red, (cx * SCALE, cy * SCALE), max(a, b) * SCALE)
        else:
            got = fit_ring(red, (cx * SCALE, cy * SCALE), max(a, b) * SCALE * 1.05)
        if got is None:
            return None
        if not framed and got[3] < PARTIAL_RING:
            # Part of a ring (inked on one side, cut by the sheet's edge): an ellipse through one
            # side is unstable, a circle within the annulus of the learned ring is not.
            arc = fit_ring_in_annulus(red, (cx * SCALE, cy * SCALE), max(a, b) * SCALE)
            if arc is not None and arc[3] >= got[3]:
                got = arc
        (ex, ey), (ea, eb), eang, outline = got
        if outline < (PARTIAL_RING if framed else LEARNED_MIN_RING):
            return None
        if not 0.7 <= max(ea, eb) / (max(a, b) * SCALE) <= 1.3:
            return None
        shape = "round" if max(ea, eb) / min(ea, eb) < 1.15 else "oval"
        half = Seal((0, 0, 0, 0), shape, 0.5 + 0.4 * min(1.0, fit.coverage), (ex, ey), (ea, eb), eang)
        seal = _to_page(half, w, h)
        # A seal the learned detector rings with text nearly all round is whole on the paper
        # however little of its ring line inked (synth3 s12 008: inked on its right, its left
        # ring text faint; boxed to the ink it covered 0.89 of the disc).
        if outline < PARTIAL_RING and not ((whole or fit.coverage >= WHOLE_RING_TEXT) and _on_page(seal, w, h)):
            pad = 2 * PAD * max(seal.axes)
            cx0, cy0, cx1, cy1 = candidate
            x0, y0, x1, y1 = seal.bbox
            box = clip_box((max(x0, cx0 - pad), max(y0, cy0 - pad), min(x1, cx1 + pad), min(y1, cy1 + pad)), w, h)
            if box[2] <= box[0] or box[3] <= box[1]:
                return None
            seal = replace(seal, bbox=box)
        return seal
    q = GRAY_SCALE
    assert grey_small is not None   # given for every colour but red
    copy = grey_small()
    if max(a, b) / max(1e-6, min(a, b)) >= 1.15:
        return _gray_oval(copy.pixels, ring, w, h)
    # A tilted oval's ring text, its middle marked too (the print inside it), is fitted nearly
    # round (synth5 s3 051: 156 x 166 for a 116 x 155 oval at 71 degrees): refitted on the ink.
    return _gray_ring_seal(copy, cx * q, cy * q, max(a, b) * q, w, h) or _gray_oval(copy.pixels, ring, w, h)


#: The largest seal inked on one side only looked for (cm across, at the page's largest guess of
#: a page's scale, 300 dpi at most: not at the scale where a seal fills the frame).
HALF_INKED_MAX_CM = GRAY_DIAMETER_CM[1] * 1.1
#: A seal on a copy inked on one side only (the stamp pressed on one edge) keeps its ring line
#: unbroken over at least this share of the circle; a circle Hough draws through lines of print
#: crosses them in short runs.
HALF_INKED_ARC = 0.45


def _half_inked_gray(copy: GreyCopy, ring: RingOutline, candidate: BoxF, w: int, h: int,
                     max_radius: float) -> Seal | None:
    """A seal on a copy inked on one side only, from a Hough circle with some ring in the ink
    (`candidate`, page pixels) round which the learned detector saw ring text (`ring`, its first
    look, centred within the circle) that a look round that ring did not confirm: the ring text of
    such a seal is an arch, and the ellipse fitted to it sits low and large. Kept when the circle's
    ring line runs unbroken over `HALF_INKED_ARC` of it (GRAY_SCORE), else None. Not at a scale
    where a seal fills the frame (radius over `max_radius`, page pixels): a circle that large on a
    photographed page runs along the dark table round the sheet."""
    x0, y0, x1, y1 = candidate
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0) / 2
    if r > max_radius or np.hypot(ring[0][0] - cx, ring[0][1] - cy) > r:
        return None
    return _gray_ring_seal_in(copy, candidate, w, h, HALF_INKED_ARC)


def _gray_ring_seal_in(copy: GreyCopy, box: BoxF, w: int, h: int, min_arc: float = 0.0) -> Seal | None:
    """`_gray_ring_seal` round the circle a Hough candidate's box (page pixels) is drawn round."""
    x0, y0, x1, y1 = box
    q = GRAY_SCALE
    return _gray_ring_seal(copy, (x0 + x1) / 2 * q, (y0 + y1) / 2 * q, max(x1 - x0, y1 - y0) / 2 * q,
                           w, h, min_arc)


def _gray_ring_seal(copy: GreyCopy, cx: float, cy: float, r: float, w: int, h: int,
                    min_arc: float = 0.0) -> Seal | None:
    """A round grey seal (GRAY_SCORE, page pixels) whose ring the dark ink of the quarter-size
    copy carries near the circle (cx, cy, r; quarter-size pixels): `_ring_profile` from
    `GRAY_LEARNED_PEAK`, on the strict ink first, then the fainter; with `min_arc`, the ring line
    must also run unbroken over that share of it (`_longest_arc`). None when it does not."""
    small, paper = copy.pixels, copy.paper
    for ink in (small < paper - 60, small < paper - 35):
        profile = _ring_profile(ink, cx, cy, r, min_peak=GRAY_LEARNED_PEAK)
        if profile is None:
            continue
        (gx, gy, rr), _ = profile
        if min_arc and _longest_arc(ink, gx, gy, rr) < min_arc:
            continue
        q = GRAY_SCALE
        r_page = (rr + 1.5) / q   # + the ring's own width
        centre = ((gx + 0.5) / q - 0.5, (gy + 0.5) / q - 0.5)
        pad = r_page * (1 + 2 * PAD)
        bbox = clip_box((centre[0] - pad, centre[1] - pad, centre[0] + pad, centre[1] + pad), w, h)
        return Seal(bbox, "round", GRAY_SCORE, centre, (r_page, r_page), 0.0, "gray")
    return None


def _longest_arc(ink: Mask, cx: float, cy: float, r: float) -> float:
    """The longest run of directions (share of the circle, going round) with ink on the circle
    of radius `r` (a 2-px ring) round (cx, cy)."""
    rr = np.array([r - 1.0, r - 0.5, r, r + 0.5, r + 1.0])
    ca, sa = np.cos(_PROFILE_ANGLES), np.sin(_PROFILE_ANGLES)
    hit: Mask = np.asarray(_sample(ink, cx + np.outer(rr, ca), cy + np.outer(rr, sa)).any(axis=0))
    if hit.all():
        return 1.0
    # Start after a gap so that a run across angle 0 is counted whole.
    rolled = np.roll(hit, -int(np.argmin(hit)))
    edges = np.diff(np.concatenate(([0], rolled.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return float((ends - starts).max(initial=0)) / hit.size


#: An oval ring on a copy: least share of directions inked on the outline, and least margin over
#: the share just inside and just outside it (text round a seal inks every radius alike).
GRAY_OVAL_RING = 0.6
GRAY_OVAL_MARGIN = 0.2


def _gray_oval(small: Image, ring: RingOutline, w: int, h: int) -> Seal | None:
    """An oval seal on a copy from the learned detector's outline: refitted on the dark ink
    (`refit_outline`, quarter size) and kept when the ink carries a ring there that stands out
    from the text round it."""
    (cx, cy), (a, b), ang, _ = ring
    q = GRAY_SCALE
    contrast = _local_contrast(small)
    rough = Seal((0, 0, 0, 0), "oval", GRAY_SCORE, (cx * q, cy * q), (a * q, b * q), ang, "gray")
    fit = refit_outline(contrast, rough)
    for k in (30, 50):
        ink = contrast > k
        on, _ = ellipse_scores(ink, fit.center, fit.axes, fit.angle)
        near = max(ellipse_scores(ink, fit.center, (fit.axes[0] * s, fit.axes[1] * s), fit.angle)[0]
                   for s in (0.8, 1.2))
        if on >= GRAY_OVAL_RING and on - near >= GRAY_OVAL_MARGIN:
            break
    else:
        return None
    fa, fb = fit.axes
    if not MIN_ASPECT <= fa / fb <= MAX_ASPECT:
        return None
    shape = "round" if max(fa, fb) / min(fa, fb) < 1.15 else "oval"
    f = 1.0 / q
    centre = ((fit.center[0] + 0.5) * f - 0.5, (fit.center[1] + 0.5) * f - 0.5)
    axes = ((fa + 1.0) * f, (fb + 1.0) * f)
    t = np.deg2rad(fit.angle)
    ex = float(np.hypot(axes[0] * np.cos(t), axes[1] * np.sin(t))) * (1 + 2 * PAD)
    ey = float(np.hypot(axes[0] * np.sin(t), axes[1] * np.cos(t))) * (1 + 2 * PAD)
    bbox = clip_box((centre[0] - ex, centre[1] - ey, centre[0] + ex, centre[1] + ey), w, h)
    return Seal(bbox, shape, GRAY_SCORE, centre, axes, fit.angle, "gray")


def _on_page(seal: Seal, w: int, h: int) -> bool:
    """Does the seal's outline lie on the page (not cut by its edge)?"""
    cx, cy = seal.center
    a, b = seal.axes
    t = np.deg2rad(seal.angle)
    ex = float(np.hypot(a * np.cos(t), b * np.sin(t)))
    ey = float(np.hypot(a * np.sin(t), b * np.cos(t)))
    return cx - ex >= -2 and cy - ey >= -2 and cx + ex <= w + 2 and cy + ey <= h + 2


#: A grey seal fitted inside its Hough circle's box on less than this share of its area is one
#: side of a seal inked on that side only.
HALF_INKED_SHARE = 0.7
#: Ink of a faded seal on a copy at quarter size: this many levels under the paper round it.
GRAY_LOCAL_CONTRAST = 10
#: Hough circles on a copy without a ring at one radius handed to the learned detector a page
#: (strongest first, after every other candidate): an oval seal's.
GRAY_UNPROFILED = 1
#: `_gray_candidates` on a copy without a dpi looks for circles from the smallest scale's seal to the
#: largest's (16-180 px on a quarter A4 page): one Hough search over that range took 0.4-1 s a page
#: (its cost grows with the range and the largest radius squared), and its strongest circles were
#: large ones drawn through lines of text. Such a range is searched in bands an octave wide, each
#: on a copy where its largest circle is at most GRAY_BAND_RADIUS px (a ring of 24-48 px is still
#: found; each circle is then fitted on the quarter-size ink), and the bands take turns in giving
#: their strongest circles. A range within one octave (one dpi) is searched at once, as before.
GRAY_BAND_RADIUS = 48


def _gray_candidates(copy: GreyCopy, guesses: list[float], seals: list[Seal],
                     unprofiled: list[BoxF] | None = None) -> list[BoxF]:
    """Circles of official-seal size on a photocopy that the strict ring test did not take (a ring
    over printed text, a faint copy) but that show some ring in the ink: boxes for the learned
    detector."""
    small = copy.pixels
    q = GRAY_SCALE
    rmin = int(GRAY_DIAMETER_CM[0] * min(guesses) * q / 2.54 / 2)
    rmax = int(np.ceil(GRAY_DIAMETER_CM[1] * max(guesses) * q / 2.54 / 2))
    rmax = min(rmax, min(small.shape) // 2)
    if rmax <= rmin:
        return []
    local = _local_contrast(small)
    circles = _circles_in_bands(cast(Image, cv2.GaussianBlur(small, (5, 5), 1.2)), rmin, rmax, 20)
    # A faded ring on a copy's uneven paper (synth4 s19 064: 30-50 levels under a paper 11 levels
    # darker in places than its 90th percentile) has edges too soft for the Hough search's Canny
    # step and too little dark ink for the ring test: searched again on the local contrast, its
    # ring tested on that contrast too. Only circles the search on the page did not give.
    ink = small < copy.paper - 35
    faint_ink = ink | (local > GRAY_LOCAL_CONTRAST)
    circles_inked = [(c, ink) for c in circles] + [
        (c, faint_ink) for c in _circles_in_bands(_stretched(local), rmin, rmax, 22)
        if all(np.hypot(c[0] - o[0], c[1] - o[1]) > o[2] / 2 for o in circles)]
    f = 1.0 / q
    out: list[BoxF] = []
    for (cx, cy, r), circle_ink in circles_inked:
        box = ((cx - r) * f, (cy - r) * f, (cx + r) * f, (cy + r) * f)
        if any(_inside(box, s.bbox) > 0.5 for s in seals):
            continue
        if _ring_profile(circle_ink, cx, cy, r, min_peak=GRAY_LEARNED_PEAK) is None:
            if unprofiled is not None and len(unprofiled) < GRAY_UNPROFILED and circle_ink is ink:
                unprofiled.append(box)   # an oval seal makes no ring at one radius
            continue
        out.append(box)
    return out


def _circles_in_bands(blur: Image, rmin: int, rmax: int, votes: int) -> list[tuple[float, float, float]]:
    """Hough circles of radius rmin..rmax (the strongest first), in octave bands where the range
    is wider than one (see GRAY_BAND_RADIUS)."""
    if rmax <= 2 * rmin:
        return _band_circles(_hough(blur, rmin, rmax, rmin * 1.5, 80, votes))
    bands = [_band_circles(_hough(blur, lo, min(2 * lo, rmax), rmin * 1.5, 80, votes, GRAY_BAND_RADIUS))
             for lo in rmin * 2 ** np.arange(np.ceil(np.log2(rmax / rmin)))]
    # In turns, the smallest band first: the strongest circle of each, then the second...
    return [c for rank in zip_longest(*bands) for c in rank if c is not None][:GRAY_MAX_CIRCLES]


def _local_contrast(small: Image) -> Image:
    """How much darker than the paper within ~2 mm each pixel of a quarter-size copy is."""
    paper = cv2.blur(cv2.dilate(small, np.ones((9, 9), np.uint8)), (9, 9))
    return cast(Image, cv2.subtract(paper, small))


def _stretched(contrast: Image) -> Image:
    """Local contrast as dark ink on white, tripled and smoothed for a Hough search."""
    dark = 255 - np.minimum(contrast.astype(np.int32) * 3, 255).astype(np.uint8)
    return cast(Image, cv2.GaussianBlur(dark, (5, 5), 1.2))


def _band_circles(circles: Floats | None) -> list[tuple[float, float, float]]:
    """The strongest GRAY_MAX_CIRCLES of a Hough search's circles (x, y, r), strongest first; none for None."""
    return [] if circles is None else [(float(x), float(y), float(r)) for x, y, r in circles[0][:GRAY_MAX_CIRCLES]]


#: Dark ink on a copy for `_gray_blobs` (below the local paper), and straight lines this long (cm
#: at the smallest scale) taken out of it: table rules and boxes an invoice's seal is stamped on.
GRAY_BLOB_INK = 60
GRAY_RULE_CM = 2.0
#: Least long side of such a blob (cm): official seals, the oval 发票专用章 (4 × 3 cm) included;
#: smaller rings on a copy (an ID card's emblem, a logo) are left to the Hough search.
GRAY_BLOB_MIN_CM = 3.0
GRAY_BLOB_MAX_DPI = 300.0


def _gray_blobs(image_bgr: Image, shape: tuple[int, ...], guesses: list[float], seals: list[Seal]) -> list[BoxF]:
    """Page boxes of seal-sized blobs of dark ink on a copy whose outermost ink rings a sparse
    inside, once straight rules are taken out: a grey seal (an oval 发票专用章 the table's border
    runs through) that Hough circles miss. The red-ink pipeline's test on grey ink: characters and
    a QR code do not make a ring."""
    px_min = min(guesses) * SCALE / 2.54
    # Not at the scale of a seal filling the frame: there a block of text is seal-sized.
    px_max = min(max(guesses), GRAY_BLOB_MAX_DPI) * SCALE / 2.54
    ink = _gray_contrast(image_bgr, shape) > GRAY_BLOB_INK
    ink = remove_rules(ink, int(round(GRAY_RULE_CM * px_min)))
    # Rejoin a ring cut where a rule crossed it (~1.5 mm).
    r_join = max(2, int(round(0.15 * px_min)))
    grown = cv2.dilate(ink.view(np.uint8), np.ones((2 * r_join + 1, 2 * r_join + 1), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    min_px, max_px = GRAY_BLOB_MIN_CM * px_min, MAX_CM * px_max
    f = 1.0 / SCALE
    out: list[BoxF] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        iw, ih = bw - 2 * r_join, bh - 2 * r_join
        if iw <= 0 or ih <= 0 or not min_px <= max(iw, ih) <= max_px or not 0.5 <= iw / ih <= 2.0:
            continue
        comp = ink[y:y + bh, x:x + bw] & (labels[y:y + bh, x:x + bw] == i)
        got = fit_ring(comp, (bw / 2, bh / 2), max(iw, ih) / 2)
        if got is None or got[3] < MIN_RING or ellipse_scores(comp, got[0], got[1], got[2])[1] > MAX_INNER_FILL:
            continue
        box = ((x + r_join) * f, (y + r_join) * f, (x + bw - r_join) * f, (y + bh - r_join) * f)
        if any(_inside(box, s.bbox) > 0.5 for s in seals):
            continue
        out.append(box)
    return out


def _area(box: Sequence[float]) -> float:
    return max(0, box[2] - box[0]) * max(0, box[3] - box[1])


def _inside(box: Sequence[float], container: Sequence[float]) -> float:
    """Share of `box`'s area inside `container`."""
    iw = min(box[2], container[2]) - max(box[0], container[0])
    ih = min(box[3], container[3]) - max(box[1], container[1])
    area = max(1e-6, (box[2] - box[0]) * (box[3] - box[1]))
    return max(0.0, iw) * max(0.0, ih) / area if iw > 0 and ih > 0 else 0.0


def _find_red(red: Mask, px_cm: float, rejected: list[tuple[BoxF, float]] | None = None,
              framed: bool = False) -> list[Seal]:
    """Seals in the half-size red mask at one scale. `rejected` collects the half-size ink boxes of
    seal-sized blobs that fail the outline tests (for the learned detector to look at). `framed`:
    `red` is what is left of a page's ornamental border once its band is taken out (see
    `_framed_candidates`): only complete rings are finds, the rest goes to `rejected`."""
    r_dil = _grouping_radius(px_cm)
    # A square kernel: separable, so ~4× faster than a disc of the same size, and the extra reach
    # along the diagonals is harmless for grouping.
    n, labels, stats, (lx, ly) = _grown_components(red, r_dil)
    min_px, max_px = MIN_CM * px_cm, MAX_CM * px_cm

    blobs: list[_Blob] = []
    found: list[tuple[int, Seal, float]] = []
    merged: list[Seal] = []
    frames: list[int] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        # Undo the dilation: the ink itself spans the blob less r_dil on each side.
        box = (x + r_dil, y + r_dil, x + bw - r_dil, y + bh - r_dil)
        iw, ih = box[2] - box[0], box[3] - box[1]
        blobs.append(_Blob(box))
        if iw <= 0 or ih <= 0 or max(iw, ih) < min_px:
            continue
        thin = min(iw, ih) < 0.55 * min_px
        if thin and (rejected is None or min(iw, ih) < ARC_MIN_WIDTH * min_px or max(iw, ih) > max_px):
            continue
        roi = (slice(y, y + bh), slice(x, x + bw))
        comp = labels[y - ly:y - ly + bh, x - lx:x - lx + bw] == i
        ink = red[roi] & comp
        if (not thin and max(iw, ih) <= max_px and not MIN_ASPECT <= iw / ih <= MAX_ASPECT
                and max(iw, ih) <= RECT_MAX_ASPECT * min(iw, ih)):
            # Longer than any ring: an office's one- or two-line oblong stamp, if anything (its
            # frame only: no ring is fitted to a blob this long).
            frame = _frame_of(comp.view(np.uint8), r_dil)
            seal, outline = _oblong(ink, frame, None, (x, y)) if frame is not None else (None, 0.0)
            if seal is not None:
                found.append((len(blobs) - 1, seal, outline))
                continue
        if thin or max(iw, ih) > max_px or not MIN_ASPECT <= iw / ih <= MAX_ASPECT:
            # Too long for one seal: two seals stamped touching (appraisal forms stack the unit's
            # and the reviewer's), or a seal on a red title. Look for complete rings inside.
            inside = []
            hidden: list[BoxF] = []
            if not thin and max(iw, ih) <= 2.2 * max_px:
                inside = _split_merged(ink, (x, y), px_cm, hidden)
                merged += [seal for seal, _ in inside]
                if rejected is not None and not inside:
                    rejected += [(b, HIDDEN) for b in hidden[:1]]
                if inside:
                    # A faded seal inked in part stamped touching a whole one (synth2 s50 035: an
                    # appraisal form's unit seal, its ring open at the top right, its bottom on the
                    # authority's seal below): what is left once the whole ring is out is a seal
                    # of its own or a candidate for the learned detector.
                    merged += _beside_rings(ink, (x, y), [s for s, _ in inside], r_dil, px_cm, rejected)
            elif not thin and not framed and max(iw, ih) > FRAME_SEALS * max_px:
                frames.append(i)    # an ornamental border round the page, seals touching it
                continue
            # Part of a seal cut by the sheet's edge (a paging seal, 骑缝章): an arc of ring text
            # for the learned detector to judge.
            if rejected is not None and not inside and max(iw, ih) <= max_px and float(ink.mean()) >= MIN_DENSITY:
                rejected.append((box, ARC))
            continue
        density = float(ink[r_dil:bh - r_dil, r_dil:bw - r_dil].mean())
        if not MIN_DENSITY <= density <= MAX_DENSITY:
            if rejected is not None and density >= LEARNED_MIN_DENSITY:
                rejected.append((box, density))
            continue
        seal, outline = _classify(ink, comp.view(np.uint8), r_dil, (x, y))
        if seal is None:
            # A seal stamped beside another one (a name seal, a second party's) makes one blob
            # that is neither: look for complete rings inside, as for blobs too long for one seal.
            hidden = []
            inside = _split_merged(ink, (x, y), px_cm, hidden)
            merged += [s for s, _ in inside]
            if inside:
                merged += _beside_rings(ink, (x, y), [s for s, _ in inside], r_dil, px_cm)
            elif rejected is not None:
                rejected.append((box, density))
                rejected += [(b, HIDDEN) for b in hidden[:1]]
            continue
        # (Not where the oval holds its ring so well that no circle can beat it by the margin.)
        if max(seal.axes) >= TOUCHING_OVAL * min(seal.axes) and outline <= 1.0 - TOUCHING_MARGIN:
            # An oval round a round seal and a name seal stamped touching it (synth2 s20 041: 1.4:1
            # round both, 9.8 times the name seal): a complete circle inside that holds the ring
            # better than the oval is the seal, and what is left beside it is looked at alone.
            inside = [(s, o) for s, o in _split_merged(ink, (x, y), px_cm) if s.shape == "round"]
            if inside and max(o for _, o in inside) >= outline + TOUCHING_MARGIN:
                merged += [s for s, _ in inside]
                merged += _beside_rings(ink, (x, y), [s for s, _ in inside], r_dil, px_cm)
                continue
        found.append((len(blobs) - 1, seal, outline))

    out = []
    for idx, seal, outline in found:
        row = _row_neighbours(blobs, idx)
        # Title characters stand in a row of their like; a real seal rarely has even one
        # same-height red neighbour, and then it is a complete ring (two issuers' seals).
        if framed and outline < STRONG_OUTLINE:
            # What is left of a border: its ornaments make rings too, and issuers' seals stand
            # side by side along it (a row). A complete ring is a seal; the ring text read on the
            # page settles the rest.
            if rejected is not None:
                rejected.append((blobs[idx].box, FRAMED))
            continue
        if framed:
            out.append(seal)
            continue
        if row >= 2 or (row == 1 and outline < STRONG_OUTLINE):
            continue
        out.append(seal)
    if framed:
        for seal in merged:     # (scored 0.5 + half its outline share)
            if seal.score >= 0.5 + 0.5 * STRONG_OUTLINE:
                out.append(seal)
            elif rejected is not None:
                (cx, cy), r = seal.center, max(seal.axes)
                rejected.append(((cx - r, cy - r, cx + r, cy + r), FRAMED))
        return out
    if frames:
        framed_out = _framed_candidates(red, labels, (lx, ly), stats, frames, r_dil, px_cm, out)
        if rejected is not None:
            rejected += framed_out
    return out + merged


#: A red blob this many times longer than the largest seal is a page's ornamental border (a
#: guilloche frame in red, pink or gold ink) with the seals stamped touching it, not one seal
#: or a few touching ones.
FRAME_SEALS = 2.2
#: Straight runs of the dilated ink this many times the largest seal long are the border's band.
FRAME_RUN = 1.5
#: The band is looked for on a copy of the half-size mask this many times smaller.
FRAME_SCALE = 2
#: Marks a candidate left of a border once its band is taken out (see `_framed_candidates`);
#: ranks before the other red candidates for the learned detector.
FRAMED = 1.5
#: A ring read in such a candidate spans at least this share of it (the band cut a part away),
#: and its ring text runs round this share of it: a border's scrolls and fans, which the learned
#: detector reads as a little ring text (0.59-0.6 on the dev certificates), do not; a seal's ring
#: text, whole on the paper, does (0.82-0.88 there; most seals 0.55-0.85, sealdet.MIN_COVERAGE).
FRAMED_MIN_SIZE = 0.6
FRAMED_MIN_COVERAGE = 0.7
#: A seal cut in two by a band line leaves an arc at least this high against its width (and
#: less than a whole disc), on a ring fitted over at least this share of the rays.
CUT_MIN_HEIGHT = 0.25
CUT_MAX_HEIGHT = 0.9
CUT_MIN_RING = 0.5
#: Marks such a candidate (ranked just after `FRAMED`): its ring text is read on its red ink alone,
#: since the red line across it and the black print under it hide a good part of it on the page.
CUT = 1.45
#: Such candidates looked at a page, besides `MAX_LEARNED`.
MAX_CUT = 1


def _framed_candidates(red: Mask, labels: cv2.typing.MatLike, origin: tuple[int, int], stats: cv2.typing.MatLike,
                       frames: list[int], r_dil: int, px_cm: float, seals: list[Seal]) -> list[tuple[BoxF, float]]:
    """Seals stamped touching a page's ornamental border: the border's band (every run of the
    dilated ink, across or down, longer than any seal: `FRAME_RUN`) is taken out of the border's
    ink and what is left searched again. Complete rings there (`STRONG_OUTLINE`) join `seals`;
    the rest are candidates for the learned detector (`FRAMED`): the border's ornaments make
    rings too, and a seal overlapping the band has lost that part of its ring. `labels`: the
    components' labels on the window of the ink whose top-left corner is `origin` (x, y) in `red`
    (`_grown_components`)."""
    lx, ly = origin
    ink = np.zeros_like(red)
    for i in frames:
        x, y, bw, bh, _ = stats[i]
        roi = (slice(y, y + bh), slice(x, x + bw))
        ink[roi] |= red[roi] & (labels[y - ly:y - ly + bh, x - lx:x - lx + bw] == i)
    grown = cv2.dilate(ink.view(np.uint8), np.ones((2 * r_dil + 1, 2 * r_dil + 1), np.uint8))
    # The band is found on a copy FRAME_SCALE times smaller (max-pooled: a 1-px gap in the band
    # would end a run), its cost falling with the square; its edge is then a few pixels coarse.
    k = FRAME_SCALE
    hh, ww = grown.shape
    small = cv2.resize(grown, (max(1, ww // k), max(1, hh // k)), interpolation=cv2.INTER_AREA) > 0
    run = max(3, int(round(FRAME_RUN * MAX_CM * px_cm / k)))
    small8 = small.view(np.uint8)
    band = cv2.bitwise_or(open_line(small8, run, True), open_line(small8, run, False))
    band = cv2.resize(band, (ww, hh), interpolation=cv2.INTER_NEAREST)
    rest: Mask = ink & ~band.view(bool)
    inner: list[tuple[BoxF, float]] = []
    seals += _find_red(rest, px_cm, inner, framed=True)
    out: list[tuple[BoxF, float]] = []
    min_px, max_px = MIN_CM * px_cm, MAX_CM * px_cm
    for box, density in inner:
        # Arcs (thin or long pieces) are mostly the band's own fringe: only seal-sized blobs that
        # carry some ring already (the test `_learned_candidates` makes of every red blob, made
        # here on the ink without the band, which would end every ray crossing it).
        x0, y0, x1, y1 = box
        if density == ARC:
            # But a line of red text printed across a seal joins the border (a certificate's
            # English issuer line) and goes with the band, cutting the seal in two: its top or
            # bottom is left as an arc as wide as a seal, the rest of a ring round the disc on it.
            bw, bh = x1 - x0, y1 - y0
            if min_px <= bw <= max_px and CUT_MIN_HEIGHT * bw <= bh < CUT_MAX_HEIGHT * bw:
                for cy in (y0 + bw / 2, y1 - bw / 2):
                    got = fit_ring(rest, ((x0 + x1) / 2, cy), bw / 2)
                    if got is not None and got[3] >= CUT_MIN_RING:
                        (ex, ey), (ax, ay), _, _ = got
                        r = max(ax, ay)
                        out.append(((ex - r, ey - r, ex + r, ey + r), CUT))
                        break
            continue
        got = fit_ring(rest, ((x0 + x1) / 2, (y0 + y1) / 2), max(x1 - x0, y1 - y0) / 2)
        if got is not None and got[3] >= LEARNED_MIN_RING:
            out.append((box, FRAMED))
    return out


def _beside_rings(ink: Mask, origin: tuple[int, int], rings: list[Seal], r_dil: int, px_cm: float,
                  rejected: list[tuple[BoxF, float]] | None = None) -> list[Seal]:
    """Seals left in a blob once the rings found in it are taken out: a square name seal stamped
    beside a company's round seal (a contract's 法定代表人 seal) is classified on its own. With
    `rejected`, a seal-sized rest the outline tests refuse goes there (its half-size ink box and
    density) for the learned detector."""
    rest = ink.copy()
    ox, oy = origin
    for s in rings:
        cv2.ellipse(rest.view(np.uint8), (int(round(s.center[0] - ox)), int(round(s.center[1] - oy))),
                    (int(s.axes[0] * 1.1) + 2, int(s.axes[1] * 1.1) + 2), s.angle, 0, 360, 0, -1)
    grown = cv2.dilate(rest.view(np.uint8), np.ones((2 * r_dil + 1, 2 * r_dil + 1), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    min_px, max_px = MIN_CM * px_cm, MAX_CM * px_cm
    out = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        iw, ih = bw - 2 * r_dil, bh - 2 * r_dil
        if min(iw, ih) < 0.55 * min_px or max(iw, ih) > max_px or not MIN_ASPECT <= iw / max(1, ih) <= MAX_ASPECT:
            continue
        comp = labels[y:y + bh, x:x + bw] == i
        part = rest[y:y + bh, x:x + bw] & comp
        density = float(part.mean())
        if not MIN_DENSITY <= density <= MAX_DENSITY:
            continue
        seal, _ = _classify(part, comp.view(np.uint8), r_dil, (x + ox, y + oy))
        if seal is not None:
            out.append(seal)
        elif rejected is not None:
            rejected.append(((x + ox + r_dil, y + oy + r_dil, x + ox + bw - r_dil, y + oy + bh - r_dil), density))
    return out


#: A Hough search whose edge pixels times radii searched pass HOUGH_VOTE_LIMIT is run on a copy
#: scaled down until they make HOUGH_VOTE_TARGET. Patterned paper (guilloche, an old certificate's
#: printed ground) that passes the red rule makes one page-sized blob of edges: searched at full
#: size it took 8-16 s a call (its cost grows about as the cube of the scale); no other blob of
#: the own corpus or the dev set comes near the limit (the next largest makes 3.5 M).
HOUGH_VOTE_LIMIT = 4.0e6
HOUGH_VOTE_TARGET = 1.0e6


def _hough(img: cv2.typing.MatLike, rmin: float, rmax: float, min_dist: float, param1: float,
           param2: float, max_radius: float = HOUGH_MAX_RADIUS) -> Floats | None:
    """cv2.HoughCircles in the coordinates of `img`, run on a copy where the largest radius is at
    most `max_radius` (HOUGH_MAX_RADIUS) px: its cost grows with the radius range and the image's size (at a
    frame-filling scale a photo's skin made a 20-s search), and rings that large are found as well
    at the smaller size; and smaller still when its edges would cast over HOUGH_VOTE_LIMIT votes.
    The callers test every circle on the full-size ink."""
    k = min(1.0, max_radius / max(1.0, float(rmax)))
    if k < 1.0:
        img = cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    # The same edges HoughCircles finds (Canny with param1 and half of it).
    votes = float(cv2.countNonZero(cv2.Canny(img, param1 / 2, param1))) * max(1.0, (rmax - rmin) * k)
    if votes > HOUGH_VOTE_LIMIT:
        shrink = float(np.sqrt(HOUGH_VOTE_TARGET / votes))
        img = cv2.resize(img, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        k *= shrink
    circles = cv2.HoughCircles(img, cv2.HOUGH_GRADIENT, dp=1, minDist=max(2.0, min_dist * k), param1=param1,
                               param2=param2, minRadius=max(1, int(rmin * k)), maxRadius=max(2, int(np.ceil(rmax * k))))
    return None if circles is None else circles / np.float32(k)


#: Red ink in at least this share of the cells (a quarter of the smallest seal wide) of a blob
#: larger than any seal both ways is printed ground (guilloche security paper, a red lattice), not
#: seals stamped on one another: a complete ring of ink can be drawn anywhere in it.
PATTERN_COVER = 0.95


def _patterned_ground(ink: Mask, px_cm: float) -> bool:
    h, w = ink.shape
    if min(h, w) < MAX_CM * px_cm:
        return False
    c = max(2, int(MIN_CM * px_cm / 4))
    rows, cols = h // c, w // c
    cells = ink[:rows * c, :cols * c].reshape(rows, c, cols, c).any(axis=(1, 3))
    return float(cells.mean()) >= PATTERN_COVER


#: A ring fitted this much longer than wide round a Hough circle may be a circle pulled out by
#: the ink beside it (see `_split_merged`).
PULLED_OVAL = 1.15
#: An oval find this long is checked for a round seal inside it that holds its ring better by
#: `TOUCHING_MARGIN` (of the outline): two seals stamped touching, fitted as one oval.
TOUCHING_OVAL = 1.25
TOUCHING_MARGIN = 0.15


def _split_merged(ink: Mask, origin: tuple[int, int], px_cm: float,
                  hidden: list[BoxF] | None = None) -> list[tuple[Seal, float]]:
    """Round/oval seals inside a blob too long to be one: Hough circles of seal size on the red ink,
    each kept only if `fit_ring` finds a complete ring around a sparse interior there (the same test
    as for single blobs, so a title's characters still fail it). `hidden` gets the half-size boxes
    of circles whose ring only shows within its own annulus (the ink beside it, a name seal stamped
    touching, is the outermost along some rays): candidates for the learned detector, not finds."""
    if _patterned_ground(ink, px_cm):
        return []
    img = cv2.GaussianBlur(ink.view(np.uint8) * 255, (5, 5), 1.5)
    rmin, rmax = int(MIN_CM * px_cm / 2), int(np.ceil(MAX_CM * px_cm / 2))
    # Hough's cost grows with the radius range and the blob's size: at a frame-filling scale a
    # photo's skin made a 20-s search. Rings are found as well on a copy where they are at most
    # HOUGH_MAX_RADIUS px (the ring test below runs on the full half-size ink).
    circles = _hough(img, rmin, rmax, rmin * 2, 100, 18)
    if circles is None:
        return []
    ox, oy = origin
    out: list[tuple[Seal, float, tuple[Seal, float] | None]] = []
    for cx, cy, r in circles[0][:8]:
        ring = fit_ring(ink, (float(cx), float(cy)), float(r))
        if ring is None:
            continue
        (ex, ey), (a, b), ang, outline = ring
        pulled: tuple[Seal, float] | None = None
        if outline >= MIN_RING and max(a, b) >= PULLED_OVAL * min(a, b):
            # An oval through the corner of another's square name seal stamped on the ring's rim
            # (synth3 s15 034: 62 x 77 half-size px round a 64-px seal, the name seal under the
            # box): the circle through the ring's own ink, within the annulus of the Hough circle,
            # when as many rays lie on it.
            circle = fit_ring_in_annulus(ink, (float(cx), float(cy)), float(r), circle=True)
            # (within the oval: its short axis is the seal's, the long one the pull)
            if circle is not None and 0.95 * min(a, b) <= circle[1][0] <= max(a, b):
                if circle[3] >= outline:
                    (ex, ey), (a, b), ang, outline = circle
                elif circle[3] >= MIN_RING:
                    # Fewer rays on it than on the oval, but the oval may be pulled into another
                    # ring of the blob: decided below, once the better rings are known.
                    (px, py), (pa, pb), pang, pout = circle
                    pulled = (Seal((0, 0, 0, 0), "round", 0.5 + 0.5 * min(1.0, pout), (px + ox, py + oy),
                                   (pa, pb), pang), pout)
        if outline < MIN_RING and hidden is not None and MIN_CM * px_cm <= 2 * r <= MAX_CM * px_cm:
            own = fit_ring_in_annulus(ink, (float(cx), float(cy)), float(r))
            if own is not None and own[3] >= MIN_RING:
                (hx, hy), axes = own[0], own[1]
                hr = max(axes)
                hidden.append((hx + ox - hr, hy + oy - hr, hx + ox + hr, hy + oy + hr))
        if outline < MIN_RING or not MIN_ASPECT <= a / b <= MAX_ASPECT:
            continue
        if not MIN_CM * px_cm <= 2 * max(a, b) <= MAX_CM * px_cm:
            continue
        _, inner = ellipse_scores(ink, (ex, ey), (a, b), ang)
        if (inner > MAX_INNER_FILL or _red_frame(ink, (ex, ey), max(a, b))
                or _traced_by_lines(ink, (ex, ey), (a, b), outline)):
            continue
        shape = "round" if max(a, b) / min(a, b) < 1.15 else "oval"
        out.append((Seal((0, 0, 0, 0), shape, 0.5 + 0.5 * min(1.0, outline), (ex + ox, ey + oy), (a, b), ang),
                    outline, pulled))
    # Best rings first; an arc of ring text inside an accepted seal can look like a small oval ring.
    kept: list[tuple[Seal, float]] = []
    for seal, outline, alt in sorted(out, key=lambda t: -t[1]):
        if alt is not None and any(_reaches_into(seal, k) for k, _ in kept):
            # An oval pulled into a better ring beside it (two seals stamped overlapping, the
            # faded one fitted 1.3:1 into the other: synth4 s17 014) is its circle.
            seal, outline = alt
        if all(np.hypot(seal.center[0] - k.center[0], seal.center[1] - k.center[1])
               >= 0.9 * max(k.axes + seal.axes) for k, _ in kept):
            kept.append((seal, outline))
    return kept


def _reaches_into(oval: Seal, ring: Seal) -> bool:
    """Does the oval reach into `ring`'s disc?"""
    d = float(np.hypot(oval.center[0] - ring.center[0], oval.center[1] - ring.center[1]))
    return d < max(oval.axes) + max(ring.axes)


def _classify(ink: Mask, comp: Image, r_dil: int, origin: tuple[int, int]) -> tuple[Seal | None, float]:
    """Fit the blob's outline and test it as ellipse and as rectangle; None if neither holds."""
    contours, _ = cv2.findContours(comp, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    contour = max(contours, key=cv2.contourArea)
    if len(contour) < 5:
        return None, 0.0
    # The dilated blob's outline, pulled back by the dilation radius, seeds the ring fit.
    (cx, cy), (ew, eh), eang = cv2.fitEllipse(contour)
    ring = fit_ring(ink, (cx, cy), max(ew, eh) / 2 - r_dil)
    e_out, e_in, a, b = 0.0, 1.0, 1.0, 1.0
    if ring is not None:
        (cx, cy), (a, b), eang, e_out = ring
        _, e_in = ellipse_scores(ink, (cx, cy), (a, b), eang)
    (rx, ry), (rw, rh), rang = cv2.minAreaRect(contour)
    hx, hy = max(1.0, rw / 2 - r_dil - 1), max(1.0, rh / 2 - r_dil - 1)
    r_out, r_in = rectangle_scores(ink, (rx, ry), (hx, hy), rang)

    ox, oy = origin
    round_ok = (e_out >= MIN_RING and e_in <= MAX_INNER_FILL
                and MIN_ASPECT <= a / b <= MAX_ASPECT and max(a, b) <= 0.75 * max(ew, eh)
                and not _traced_by_lines(ink, (cx, cy), (a, b), e_out))
    # A square seal holds red characters; a red frame round something else (a table cell, a box
    # drawn round a QR code) holds none.
    square_ok = (r_out >= MIN_OUTLINE + 0.1 and r_in <= MAX_INNER_FILL and 0.75 <= hx / hy <= 1.33
                 and rectangle_scores(ink, (rx, ry), (0.8 * hx, 0.8 * hy), rang)[1] >= SQUARE_MIN_FILL)
    if round_ok and (not square_ok or e_out >= r_out):
        shape = "round" if max(a, b) / min(a, b) < 1.15 else "oval"
        score = 0.5 + 0.5 * min(1.0, e_out)
        return Seal((0, 0, 0, 0), shape, score, (cx + ox, cy + oy), (a, b), eang), e_out
    if square_ok:
        score = 0.5 + 0.5 * min(1.0, r_out)
        return Seal((0, 0, 0, 0), "square", score, (rx + ox, ry + oy), (hx, hy), rang), r_out
    return _oblong(ink, ((rx, ry), (hx, hy), rang), (r_out, r_in), origin)


def _frame_of(comp: Image, r_dil: int) -> tuple[tuple[float, float], tuple[float, float], float] | None:
    """The blob's outline as a rotated rectangle (centre, half sizes pulled back by the grouping
    radius, angle), or None for a blob too small to outline."""
    contours, _ = cv2.findContours(comp, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    contour = max(contours, key=cv2.contourArea)
    if len(contour) < 5:
        return None
    (rx, ry), (rw, rh), rang = cv2.minAreaRect(contour)
    return (rx, ry), (max(1.0, rw / 2 - r_dil - 1), max(1.0, rh / 2 - r_dil - 1)), rang


def _oblong(ink: Mask, frame: tuple[tuple[float, float], tuple[float, float], float],
            scores: tuple[float, float] | None, origin: tuple[int, int]) -> tuple[Seal | None, float]:
    """An office's oblong stamp (a department's 业务章, a hospital's 人事科): a red frame of four
    straight sides round lines of red characters, longer than a square name seal, read line by line.
    `scores`: the frame's `rectangle_scores` when already made."""
    (rx, ry), (hx, hy), rang = frame
    if not 1.33 < max(hx, hy) / min(hx, hy) <= RECT_MAX_ASPECT:
        return None, 0.0
    r_out, r_in = scores if scores is not None else rectangle_scores(ink, (rx, ry), (hx, hy), rang)
    if not (r_out >= MIN_OUTLINE + 0.1 and r_in <= MAX_INNER_FILL
            and rectangle_scores(ink, (rx, ry), (0.8 * hx, 0.8 * hy), rang)[1] >= SQUARE_MIN_FILL
            and _straight_sides(ink, (rx, ry), (hx, hy), rang) >= RECT_SIDE):
        return None, 0.0
    ox, oy = origin
    return Seal((0, 0, 0, 0), "rect", 0.5 + 0.5 * min(1.0, r_out), (rx + ox, ry + oy), (hx, hy), rang), r_out


def _row_neighbours(blobs: list[_Blob], idx: int) -> int:
    """How many other red blobs of similar height share this blob's line, close by. A blob lying
    on this one (the same ink found at another scale: the learned detector's candidates gather
    every scale's) is none."""
    x0, y0, x1, y1 = blobs[idx].box
    hgt = y1 - y0
    cy = (y0 + y1) / 2
    count = 0
    for j, other in enumerate(blobs):
        if j == idx or iou(other.box, blobs[idx].box) > 0.5:
            continue
        ox0, oy0, ox1, oy1 = other.box
        oh = oy1 - oy0
        if oh <= 0 or not 0.6 * hgt <= oh <= 1.6 * hgt:
            continue
        if abs((oy0 + oy1) / 2 - cy) > 0.3 * hgt:
            continue
        gap = max(ox0 - x1, x0 - ox1)
        if gap < 2.5 * hgt:
            count += 1
    return count


def _to_page(seal: Seal, w: int, h: int) -> Seal:
    """Half-res seal → page pixels, padded 8 % and clipped."""
    f = 1.0 / SCALE
    cx, cy = (seal.center[0] + 0.5) * f - 0.5, (seal.center[1] + 0.5) * f - 0.5
    a, b = seal.axes[0] * f + f, seal.axes[1] * f + f   # + half a ring's pixel footprint
    t = np.deg2rad(seal.angle)
    if seal.shape in ("square", "rect"):
        ex = abs(a * np.cos(t)) + abs(b * np.sin(t))
        ey = abs(a * np.sin(t)) + abs(b * np.cos(t))
    else:
        ex = np.hypot(a * np.cos(t), b * np.sin(t))
        ey = np.hypot(a * np.sin(t), b * np.cos(t))
    px, py = ex * (1 + 2 * PAD), ey * (1 + 2 * PAD)
    bbox = clip_box((cx - px, cy - py, cx + px, cy + py), w, h)
    return Seal(bbox, seal.shape, round(float(seal.score), 4), (float(cx), float(cy)), (float(a), float(b)),
                float(seal.angle), seal.colour)


# --- tinted paper ---------------------------------------------------------------------------------

#: Paper whose colour's channels differ by this much is tinted (a light blue or pink certificate).
TINTED_PAPER = 30
#: The paper's colour is the median over this many cm round each point (wider than a seal's ring
#: text, so a seal's ink does not make its own paper), on a copy this many times smaller.
PAPER_WINDOW_CM = 3.0
PAPER_SCALE = 8


def _paper_colour(small: Image, size: tuple[int, int], px_cm: float) -> Image:
    """The paper's colour round each pixel of the page (`size`: its width, height), from its copy
    `PAPER_SCALE` times smaller: a median over `PAPER_WINDOW_CM`."""
    win = max(3, int(round(PAPER_WINDOW_CM * px_cm / PAPER_SCALE))) | 1
    return cast(Image, cv2.resize(cv2.medianBlur(small, min(win, 255)), size, interpolation=cv2.INTER_LINEAR))


def _tinted_paper_seals(image_bgr: Image, guesses: list[float], reader: RingTextModel) -> list[Seal]:
    """Faded seals on tinted paper, where nothing else was found. A pale pink seal on light blue
    paper has no R − max(G, B) left at all; against its paper (each channel divided by the
    paper's) it is red again. The red rule on the page so corrected also rings any large patch
    of colour (the paper under a photo's background is that background), so each find must show
    ring text to the learned detector on the page itself."""
    from redaction.detect import sealdet

    h, w = image_bgr.shape[:2]
    k = PAPER_SCALE
    small = cast(Image, cv2.resize(image_bgr, (max(1, w // k), max(1, h // k)), interpolation=cv2.INTER_AREA))
    tone = np.median(small.reshape(-1, 3), axis=0)
    if float(tone.max() - tone.min()) < TINTED_PAPER:
        return []
    out: list[Seal] = []
    page = image_bgr.astype(np.float32)
    for d in guesses:
        px_cm = d / 2.54
        paper = _paper_colour(small, (w, h), px_cm).astype(np.float32)
        corrected = np.clip(page * (255.0 / np.maximum(paper, 1.0)), 0, 255).astype(np.uint8)
        red = _max_pool2(red_ink_mask(corrected))
        for found in _find_red(red, px_cm * SCALE)[:MAX_LEARNED]:
            box = _half_box(found, w, h)
            page_box = (box[0] / SCALE, box[1] / SCALE, box[2] / SCALE, box[3] / SCALE)
            if any(iou(page_box, s.bbox) > 0.3 for s in out):
                continue
            ring = sealdet.find_ring_in_box(reader, image_bgr, page_box)
            if ring is None:
                continue
            seal = _confirm_on_ink(image_bgr, red, ring, "red", page_box)
            if seal is not None:
                out.append(seal)
    return out


# --- grey photocopies -----------------------------------------------------------------------------

def _is_colourless(image_bgr: Image, red_half: Mask, rule_px: int = 0) -> bool:
    """No colour to speak of (a photocopy or a grey scan): only there is the grey search worth its
    false-alarm risk. A faded seal covers ~0.2 % of a page, so count pixels, do not average.
    `rule_px` (0: none): straight coloured lines at least that long at half size do not count.
    find_seals does not pass it: with it, the strict grey search (Hough rings kept without ring
    text) would also run on pages whose only colour is lines (certificates with coloured borders,
    forms with coloured rules), and the real set's over-masking rose (0.049 -> 0.138) in the run
    that had it (the cause not isolated); such pages get the grey candidates the learned detector
    checks instead (`GRAY_ON_COLOUR_RED`)."""
    if int(np.count_nonzero(_off_thin_lines(red_half, rule_px, 9))) > 0.0002 * red_half.size:
        return False
    h, w = image_bgr.shape[:2]
    small = cv2.resize(image_bgr, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_NEAREST)
    b, g, r = cv2.split(small)
    chroma = cv2.subtract(cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r))
    coloured = _off_thin_lines(chroma > 40, rule_px // 2, 5)
    return int(np.count_nonzero(coloured)) <= 0.0002 * chroma.size


def _off_thin_lines(mask: Mask, length: int, thick: int) -> Mask:
    """The mask without straight lines `length` long that are thinner than `thick` px (a solid
    coloured block or photo is no line, however long)."""
    off = remove_rules(mask, length)
    if off is mask:
        return mask
    solid = cv2.morphologyEx(mask.view(np.uint8), cv2.MORPH_OPEN, np.ones((thick, thick), np.uint8))
    kept: Mask = off | solid.view(bool)
    return kept


#: Grey seals are searched at quarter size.
GRAY_SCALE = 0.25


@dataclass(frozen=True)
class GreyCopy:
    """The page in grey at GRAY_SCALE, with its paper's grey (the 90th percentile) and its median,
    worked out once: find_seals asks them of one copy at every scale and for every grey candidate."""

    pixels: Image
    paper: float
    median: float

    @classmethod
    def of(cls, image_bgr: Image) -> GreyCopy:
        """The grey copy of a page (BGR)."""
        small = cast(Image, cv2.resize(cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY), None,
                                       fx=GRAY_SCALE, fy=GRAY_SCALE, interpolation=cv2.INTER_AREA))
        median, paper = np.percentile(small, [50, 90])
        return cls(small, float(paper), float(median))


#: The faintest ink (levels under the paper) `_find_gray` tries, on paper whose median lies within
#: FAINTEST_GRAY / GRAIN_FACTOR of its 90th percentile.
FAINTEST_GRAY = 12
GRAIN_FACTOR = 3


def _find_gray(copy: GreyCopy, page_shape: tuple[int, int], dpi: float,
               max_cm: float = GRAY_DIAMETER_CM[1]) -> list[Seal]:
    """Round seals on a photocopy: Hough circles of seal size that are a complete thin dark ring.

    Quarter size (a 4.2-cm seal is still ~80 px across at 200 dpi). The ring test is a radial
    profile: the share of directions inked at each radius. A seal's ring makes a sharp peak (measured
    1.0 over a 0.36 background); a circle Hough imagines in body text peaks at ≤ 0.46.
    `copy`: the page in grey at GRAY_SCALE; `max_cm`: the largest seal diameter looked for.
    """
    small = copy.pixels
    q = GRAY_SCALE
    px_cm = dpi * q / 2.54
    rmin = int(GRAY_DIAMETER_CM[0] * px_cm / 2)
    rmax = int(np.ceil(max_cm * px_cm / 2))
    blur = cv2.GaussianBlur(small, (5, 5), 1.2)
    circles = _hough(blur, rmin, rmax, rmin * 1.5, 80, 22)
    if circles is None:
        return []
    paper = copy.paper
    # A faded seal on a photocopy is only 25–40 levels darker than the paper: try the strict ink
    # threshold first, then fainter ones (the ring test guards against text either way). On even
    # paper (its median near its 90th percentile: a clean scan, no copier's grain) a worn ring
    # 12 levels darker is ink too (synth3 s32 031: a faded grey long ring, 10-25 below the paper
    # at quarter size).
    even = GRAIN_FACTOR * (paper - copy.median) < FAINTEST_GRAY
    inks = [small < paper - t for t in (60, 35, 25) + ((FAINTEST_GRAY,) if even else ())]
    h, w = page_shape
    f = 1.0 / q
    out: list[Seal] = []
    for cx, cy, r in circles[0][:GRAY_MAX_CIRCLES]:  # strongest Hough votes first
        ring = None
        for ink in inks:
            ring = _ring_profile(ink, float(cx), float(cy), float(r))
            if ring is not None:
                break
        if ring is None:
            continue
        (cx, cy, rr), peak = ring
        r_page = (rr + 1.5) * f   # + the ring's own width
        centre = ((cx + 0.5) * f - 0.5, (cy + 0.5) * f - 0.5)
        if any(np.hypot(centre[0] - o.center[0], centre[1] - o.center[1]) < o.axes[0] for o in out):
            continue
        pad = r_page * (1 + 2 * PAD)
        bbox = clip_box((centre[0] - pad, centre[1] - pad, centre[0] + pad, centre[1] + pad), w, h)
        score = round(GRAY_SCORE * min(1.0, peak), 4)
        out.append(Seal(bbox, "round", score, centre, (r_page, r_page), 0.0, "gray"))
    return out


_PROFILE_ANGLES = np.deg2rad(np.arange(0, 360, 2.0))
#: The centres round a fitted circle that `_ring_profile` tries, in order.
_NUDGE = np.array([(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)])


def _fit_circle(ink: Mask, cx: float, cy: float, r: float) -> tuple[float, float, float]:
    """Move a rough Hough circle onto the ring of ink near it.

    Hough centres on photocopied seals were off by up to ~6 px, enough to miss a 2-px ring. For each
    centre on a ±6 px grid, histogram the distances of inked pixels (0.5-px bins): a ring is a tall
    peak at one distance, text around it is flat. Least squares was dragged away by the text.
    """
    h, w = ink.shape
    x0, y0 = max(0, int(cx - 1.3 * r)), max(0, int(cy - 1.3 * r))
    x1, y1 = min(w, int(cx + 1.3 * r) + 1), min(h, int(cy + 1.3 * r) + 1)
    iy, ix = np.nonzero(ink[y0:y1, x0:x1])
    if len(ix) < 20:
        return cx, cy, r
    xs = ix.astype(np.float32) + x0
    ys = iy.astype(np.float32) + y0
    lo, hi = 0.8 * r, 1.2 * r
    # Only pixels that can fall into a bin for some centre tried (at most ~10 px from this one)
    # count: the rest of the square (text inside and around) is dropped before the 34 passes.
    d0 = np.hypot(xs - np.float32(cx), ys - np.float32(cy))
    near = (d0 >= lo - 11) & (d0 <= hi + 11)
    xs, ys = xs[near], ys[near]
    nb = int(np.ceil((hi - lo) * 2)) + 1
    radii = lo + (np.arange(nb - 2) + 1) / 2
    # Coarse to fine: a 5×5 grid of 3-px steps, then 1-px steps around the best (34 centres, not 81).
    for step in (3.0, 1.0):
        off = np.arange(-2, 3) * step if step > 1 else np.arange(-1, 2) * step
        gx, gy = (g.ravel() for g in np.meshgrid(off, off))
        # Centre k of the grid is (off[k % m], off[k // m]): the x and y differences are taken once
        # per offset and the distances of every centre made from them (the same float32 values).
        m = len(off)
        dx = xs[None, :] - np.float32(cx + off[:, None])
        dy = ys[None, :] - np.float32(cy + off[:, None])
        d = np.hypot(dx[None, :, :], dy[:, None, :]).reshape(m * m, -1)
        # Bin numbers stay float32 (whole numbers, exact) until the few in range are counted.
        d -= lo
        d *= 2
        bins = np.round(d, out=d)
        ok = (bins >= 0) & (bins < nb)
        bins += (np.arange(len(gx), dtype=np.float32) * np.float32(nb))[:, None]
        hist = np.bincount(bins[ok].astype(np.int64), minlength=len(gx) * nb).reshape(len(gx), nb).astype(np.float64)
        hist = (hist[:, :-2] + hist[:, 1:-1] + hist[:, 2:]) / radii[None, :]   # 1.5-px ring, per length
        i, j = divmod(int(hist.argmax()), hist.shape[1])
        cx, cy, r_best = cx + float(gx[i]), cy + float(gy[i]), float(radii[j])
    return float(cx), float(cy), r_best


def _ring_profile(ink: Mask, cx: float, cy: float, r: float,
                  min_peak: float = GRAY_MIN_PEAK) -> tuple[tuple[float, float, float], float] | None:
    """((cx, cy, radius), peak) of the most complete ring near a Hough circle, or None.

    The circle is first fitted to the ink; the peak is then the best share of directions inked at
    one radius (a 2-px ring), over a small grid of centres around the fit.
    """
    ca, sa = np.cos(_PROFILE_ANGLES), np.sin(_PROFILE_ANGLES)
    best: tuple[tuple[float, float, float], float, Floats] | None = None
    # The fit, and Hough's own circle: on a ring over printed text with bold ring characters the
    # fit can lock onto the ring text, a few pixels inside the ring line (a photocopied licence).
    for fx, fy, fr in (_fit_circle(ink, cx, cy, r), (cx, cy, r)):
        rr = np.arange(0.85 * fr, 1.15 * fr, 0.5)
        # The five centres sampled at once: (centre, radius, angle).
        covs = _sample(ink, (fx + _NUDGE[:, 0])[:, None, None] + np.outer(rr, ca),
                       (fy + _NUDGE[:, 1])[:, None, None] + np.outer(rr, sa)).mean(axis=2)
        for (dx, dy), cov in zip(_NUDGE.tolist(), covs, strict=True):
            i = int(cov.argmax())
            if best is None or cov[i] > best[1]:
                best = ((fx + dx, fy + dy, float(rr[i])), float(cov[i]), cov)
    assert best is not None   # set on the first of the ten tries
    geom, peak, cov = best
    # Contrast against the annulus around it: text gives a flat profile, a ring a sharp peak.
    if peak < min_peak or peak - float(np.median(cov)) < 0.3 * min_peak / GRAY_MIN_PEAK:
        return None
    return geom, peak


# --- ring text ------------------------------------------------------------------------------------

def unwarp_ring(image_bgr: Image, seal: Seal, height: int | None = None,
                band: tuple[float, float] = (0.95, 0.5)) -> Image:
    """The seal's ring text as a straight, upright strip (dark ink on white, BGR), for viewing.
    (Whose seal it is is read by sealtext.ring_text_strip, along the outline: see ring_maps.)

    Red ink is isolated first (black text under the seal disappears). The outer ~45 % of the radius
    is unrolled clockwise starting at the bottom of the seal (where ring text has its gap), with the
    outer edge at the top so characters stand upright; two turns are laid side by side so a name
    crossing the start stays whole whatever the seal's rotation.
    """
    cx, cy = seal.center
    a, b = seal.axes
    r_text = 0.75 * max(a, b)
    rows = height or max(16, int(round(0.45 * max(a, b))))
    cols = max(32, int(round(2 * np.pi * r_text)))  # ink at its natural size along the text line
    theta = np.pi / 2 + np.arange(2 * cols) * (2 * np.pi / cols)  # from the bottom, clockwise (y down)
    s = np.linspace(band[0], band[1], rows)   # outer edge on top; the ring line itself mostly left out
    t = np.deg2rad(seal.angle)
    ex = np.outer(s, a * np.cos(theta - t))
    ey = np.outer(s, b * np.sin(theta - t))
    map_x = (cx + ex * np.cos(t) - ey * np.sin(t)).astype(np.float32)
    map_y = (cy + ex * np.sin(t) + ey * np.cos(t)).astype(np.float32)
    if seal.colour == "red":
        b_, g_, r_ = cv2.split(image_bgr)
        redness = cv2.subtract(r_, cv2.max(b_, g_)).astype(np.float32)
        ink = np.clip((redness - 15) * (255.0 / 60.0), 0, 255).astype(np.uint8)
        plate = 255 - ink
    else:
        plate = cast(Image, cv2.cvtColor(image_bgr, cv2.COLOR_BGR2GRAY)) if image_bgr.ndim == 3 else image_bgr
    strip = cv2.remap(plate, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return cast(Image, cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR))


def ring_maps(seal: Seal, depth: tuple[float, float], cols: int | None = None, rows: int | None = None,
              mid: float = 0.22) -> tuple[Floats, Floats]:
    """cv2.remap maps that unroll the seal's outline once round, clockwise from the bottom.

    Row k lies at a depth below the outline measured along the inward normal, from depth[0] to
    depth[1] in units of the minor semi-axis (0 = the fitted outline; ring text sits at ~0.1–0.4):
    ring text follows the outline at a fixed distance, so on an oval seal characters stay upright
    and unsheared, which lines through the centre do not give. Columns are equally spaced along
    the curve `mid` deep, one pixel apart by default, so characters keep their natural width.
    """
    cx, cy = seal.center
    a, b = max(seal.axes[0], 1.0), max(seal.axes[1], 1.0)
    m = min(a, b)
    t = np.deg2rad(seal.angle)

    def outline(phi: Floats) -> tuple[Floats, Floats, Floats, Floats]:
        ca, sa = np.cos(phi - t), np.sin(phi - t)
        nx, ny = ca / a, sa / b                      # outward normal in the ellipse's frame
        nn = np.hypot(nx, ny)
        return a * ca, b * sa, nx / nn, ny / nn

    phi = np.pi / 2 + np.linspace(0, 2 * np.pi, 1440, endpoint=False)   # from the bottom, clockwise
    px, py, nx, ny = outline(phi)
    ox, oy = px - mid * m * nx, py - mid * m * ny
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(ox, append=ox[0]), np.diff(oy, append=oy[0])))])
    cols = cols or max(32, int(round(arc[-1])))
    phi_u = np.interp(np.arange(cols) * (arc[-1] / cols), arc, np.concatenate([phi, [phi[0] + 2 * np.pi]]))
    px, py, nx, ny = outline(phi_u)
    rows = rows or max(8, int(round((depth[1] - depth[0]) * m)))
    d = (depth[0] + np.arange(rows) * ((depth[1] - depth[0]) / rows)) * m
    ex = px[None, :] - d[:, None] * nx[None, :]
    ey = py[None, :] - d[:, None] * ny[None, :]
    ct, st = np.cos(t), np.sin(t)
    return (cx + ex * ct - ey * st).astype(np.float32), (cy + ex * st + ey * ct).astype(np.float32)


def refit_outline(ink: Image, seal: Seal) -> Seal:
    """The seal's outline fitted again on a full-resolution ink image (uint8, ink high).

    Detection fits the ring at half size, and seals stamped touching one another (appraisal forms)
    are split by Hough circles; either can leave the fit off by a ring's width or more, which
    unrolls the ring text into a wave. Along 360 directions the strongest ink within ±0.3 of the
    minor semi-axis of the outline is taken as the ring line, and an ellipse is fitted to those
    points with two robust refits (ring text and a neighbouring seal's ring drop out). The old
    fit is kept if the new one moves implausibly far.
    """
    m = min(seal.axes)
    mx, my = ring_maps(seal, (-0.3, 0.3), cols=360)
    band = cv2.remap(ink, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    smooth = cv2.blur(band.astype(np.float32), (9, 3))       # along the ring: a line, not text
    rows = np.argmax(smooth, axis=0)
    cols = np.arange(smooth.shape[1])
    strength = smooth[rows, cols]
    ok = strength > 0.4 * np.percentile(strength, 90)
    pts = np.stack([mx[rows, cols], my[rows, cols]], axis=1)[ok].astype(np.float32)
    if len(pts) < 30:
        return seal
    fit = refit_ellipse(pts, (0.08, 0.04, 0.025), 20)
    if fit is None:
        return seal
    ((ex, ey), (w, h), ang), res = fit
    if (res < 0.025).mean() < 0.4:
        return seal
    a, b = w / 2, h / 2
    if abs(max(a, b) / max(seal.axes) - 1) > 0.25 or np.hypot(ex - seal.center[0], ey - seal.center[1]) > 0.3 * m:
        return seal
    return replace(seal, center=(float(ex), float(ey)), axes=(float(a), float(b)), angle=float(ang))
