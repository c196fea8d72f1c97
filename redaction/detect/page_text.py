"""The text lines of a page, read around red seals and red text: the red channel for black ink,
then the red ink itself; and the characters recognisers invent in blank cells taken out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import cast

import cv2
import numpy as np

from redaction.detect.ink import red_channel_view, red_ink_mask, red_ink_regions
from redaction.model.types import Floats, Image, Mask, Numeric
from redaction.ocr.base import OcrEngine, TextLine, proportional_char_boxes


def read_page_text(engine: OcrEngine, image: Image, red_mask: Mask | None = None,
                   skip_boxes: Sequence[Sequence[float]] = (), page_quads: list[Floats] | None = None,
                   view: Image | None = None) -> list[TextLine]:
    """All text of a page: the red channel for black ink (seals disappear), then the red ink
    itself (red letterheads carry the employer's name) read as dark-on-white crops, then a word
    in a row's gap that the page's detection missed (`gap_lines`), with red ink on the page or not.

    Red areas mostly inside `skip_boxes` (seals, whose curved ring text is read separately) are
    left out; the other red crops are stacked on one canvas so the second pass is one OCR call.
    `page_quads`: line boxes already detected on `red_channel_view(image)`; `view`: that view,
    when the caller has it.
    """
    view = red_channel_view(image) if view is None else view
    lines = engine.read(view) if page_quads is None else engine.read(view, quads=page_quads)
    mask = red_ink_mask(image) if red_mask is None else red_mask
    if mask.mean() > 0.0005:
        lines += _red_lines(engine, image, mask, skip_boxes)
    lines = [ln for ln in lines if ln.text.strip()]
    lines += merged_lines(engine, view, lines)
    lines += gap_lines(engine, view, lines)
    return lines + uncovered_lines(engine, view, lines)


def _red_lines(engine: OcrEngine, image: Image, mask: Mask,
               skip_boxes: Sequence[Sequence[float]]) -> list[TextLine]:
    """The page's red ink read as dark-on-white crops (see `read_page_text`)."""
    # Red text is a line or two tall; taller red areas are borders, frames or photos, whose text
    # (if any) the red-channel pass already read.
    max_height = max(160, mask.shape[0] // 8)
    regions = red_ink_regions(mask)
    crops = [c for c in regions if not _mostly_inside(c, skip_boxes) and c[3] - c[1] <= max_height]
    lines = _read_stacked(engine, red_ink_dark(mask), crops)
    page_h, page_w = mask.shape
    if any(x1 - x0 >= FRAME_SHARE * page_w and y1 - y0 >= FRAME_SHARE * page_h for x0, y0, x1, y1 in regions):
        # A red frame (or a red guilloche ground) round the page joins every red line inside it
        # into one page-sized area, and its ground breaks into a crowd of crops: its red lines (a
        # certificate's English issuer line) are found again on the page's strong red ink alone,
        # where the pale ground and a worn seal across them fall away, and read on a canvas of
        # their own (reading the whole page's red view instead cost a second page-sized text
        # detection: +15 % of propose).
        strong = strong_red_view(image, mask)
        bands = [b for b in red_ink_regions(strong < 128)
                 if b[3] - b[1] <= max_height and b[2] - b[0] < FRAME_SHARE * page_w
                 and not _mostly_inside(b, skip_boxes) and not _mostly_inside(b, crops, 0.5)]
        lines += _read_stacked(engine, strong, bands)
    return lines


#: A gap between two lines of one row, at least this and at most this many line heights wide, with
#: ink in it, is read on its own: detection can miss a short word between two it found (a name in
#: another colour squeezed under a Chinese line: This is to certify that | Zuo Jia | won …).
GAP_MIN, GAP_MAX = 1.0, 6.0
#: Its ink (darker than this on the view) spans at least this share of its columns ...
GAP_INK = 128
GAP_INK_COLUMNS = 0.4
#: ... and what is read there counts at this score or more, two characters or more.
GAP_MIN_SCORE = 0.8


def gap_lines(engine: OcrEngine, view: Image, lines: Sequence[TextLine]) -> list[TextLine]:
    """Lines read in the inked gaps between two lines of one row that no line covers."""
    if len(lines) < 2:
        return []
    box = np.array([ln.bbox for ln in lines], np.float64)
    x0, y0, x1, y1 = box.T
    h = y1 - y0
    # b follows a along its row: right of it, of a like height, overlapping most of the lower one
    # (all pairs at once: a table page holds hundreds of lines)
    ratio = h[None, :] / np.maximum(h[:, None], 1e-6)
    overlap = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
    follows = ((x0[None, :] > x1[:, None]) & (ratio >= 0.7) & (ratio <= 1.4)
               & (overlap >= 0.6 * np.minimum(h[:, None], h[None, :])))
    follows[(h < 8) | (h > 2.5 * (x1 - x0))] = False     # no vertical columns
    nxt = np.argmin(np.where(follows, x0[None, :], np.inf), axis=1)     # the next line along the row
    gap = x0[nxt] - x1
    a = np.flatnonzero(follows.any(axis=1) & (gap >= GAP_MIN * h) & (gap <= GAP_MAX * h))
    b = nxt[a]
    gx0, gx1 = x1[a].astype(int) + 1, x0[b].astype(int) - 1
    gy0, gy1 = np.maximum(y0[a], y0[b]).astype(int), np.minimum(y1[a], y1[b]).astype(int) + 1
    # a gap some line covers was read already, as that line
    covered = (((np.minimum(gx1[:, None], x1) - np.maximum(gx0[:, None], x0)) > 0.3 * (gx1 - gx0)[:, None])
               & ((np.minimum(gy1[:, None], y1) - np.maximum(gy0[:, None], y0)) > 0.6 * (gy1 - gy0)[:, None]))
    crops: list[tuple[int, int, int, int]] = []
    for k in np.flatnonzero(~covered.any(axis=1)):
        cx0, cy0, cx1, cy1 = int(gx0[k]), int(gy0[k]), int(gx1[k]), int(gy1[k])
        band = view[cy0:cy1, cx0:cx1]
        if band.size == 0:
            continue
        dark = band.min(axis=2) < GAP_INK if band.ndim == 3 else band < GAP_INK
        if float(dark.any(axis=0).mean()) < GAP_INK_COLUMNS:
            continue
        crops.append((cx0, cy0, cx1, cy1))
    if not crops:
        return []
    try:
        read = engine.recognize([view[cy0:cy1, cx0:cx1] for cx0, cy0, cx1, cy1 in crops])
    except NotImplementedError:
        return []
    out = []
    for (cx0, cy0, cx1, cy1), (text, score) in zip(crops, read, strict=True):
        if score < GAP_MIN_SCORE or len(text.strip()) < 2:
            continue
        quad = np.array([[cx0, cy0], [cx1, cy0], [cx1, cy1], [cx0, cy1]], np.float32)
        out.append(TextLine(quad, text, float(score), proportional_char_boxes(quad, text), source="gap"))
    return out


#: Where two close lines ran into one blob at detection size, the blob's box is detected again at
#: full size: a box the detection dropped for scoring low (engine.weak_boxes), or a line it kept
#: whose ink lies in two bands, one above the other. Such a box is at least MERGED_HEIGHT median
#: line heights tall, at most MERGED_HEIGHT_MAX (a photo's texture, a picture), at least
#: MERGED_LENGTH line heights long, less than MERGED_COVERED of it under other lines read; at most
#: MERGED_MAX boxes a page, the largest first.
MERGED_HEIGHT, MERGED_HEIGHT_MAX, MERGED_LENGTH = 1.5, 6.0, 3.0
MERGED_COVERED = 0.6
MERGED_MAX = 3
#: A band of ink is rows darker than MERGED_INK holding at least MERGED_ROW_INK of the densest
#: row's dark pixels, MERGED_BAND line heights tall or more.
MERGED_INK, MERGED_ROW_INK, MERGED_BAND = 128, 0.05, 0.4
#: A line read in such a box is new when less than this share of it lies under other lines.
MERGED_NEW = 0.5
#: A weak box recognised on its own quad (nothing detected in it again) is a line when read this
#: confidently: two lines read as one give garbage, which would hide the words under it from
#: `uncovered_lines` (dev: a handwritten 'Chen yude' under a weak box read 'orCa', 0.55).
MERGED_QUAD_SCORE = 0.8


def merged_lines(engine: OcrEngine, view: Image, lines: Sequence[TextLine]) -> list[TextLine]:
    """Lines read where the page's detection, run shrunk to DET_LIMIT, ran two close lines into
    one blob (a list of authors wrapped close under its label on a phone photo, 潘 高 杨静茹 … 10 px
    over 李姝奇 …): the blob dropped with both lines, or kept as one line read as garbage. The
    blob's box is detected again at full size, where the two lines come apart."""
    page = [ln for ln in lines if ln.source == "page"]
    if not page:
        return []
    weak = getattr(engine, "weak_boxes", None)
    hm = float(np.median([ln.bbox[3] - ln.bbox[1] for ln in page]))
    gray = view[:, :, 0] if view.ndim == 3 else view
    ph, pw = gray.shape

    def fits(x0: int, y0: int, x1: int, y1: int) -> bool:
        return MERGED_HEIGHT * hm <= y1 - y0 <= MERGED_HEIGHT_MAX * hm and x1 - x0 >= MERGED_LENGTH * hm

    def box_of(quad: Floats) -> tuple[int, int, int, int]:
        x0, y0 = np.maximum(quad.min(axis=0), 0).astype(int)
        x1, y1 = np.minimum(quad.max(axis=0), [pw, ph]).astype(int)
        return int(x0), int(y0), int(x1), int(y1)

    tall = [ln for ln in page if fits(*box_of(ln.quad)) and _two_bands(gray, box_of(ln.quad), hm)]
    weak_quads = [q for q in (weak(view) if weak is not None else []) if fits(*box_of(q))]
    candidates: list[tuple[tuple[int, int, int, int], Floats | None]] = [(box_of(q), q) for q in weak_quads]
    candidates += [(box_of(ln.quad), None) for ln in tall]
    if not candidates:
        return []
    read = np.zeros((ph, pw), bool)
    for ln in lines:
        if not any(ln is t for t in tall):
            x0, y0, x1, y1 = box_of(ln.quad)
            read[y0:y1, x0:x1] = True
    out: list[TextLine] = []
    picks = 0
    for (x0, y0, x1, y1), quad in sorted(candidates, key=lambda c: -(c[0][2] - c[0][0]) * (c[0][3] - c[0][1])):
        if picks >= MERGED_MAX:
            break
        if float(read[y0:y1, x0:x1].mean()) >= MERGED_COVERED:
            continue
        picks += 1

        def new(candidates: list[TextLine]) -> list[TextLine]:
            kept = []
            for line in candidates:
                lx0, ly0, lx1, ly1 = box_of(line.quad)
                under = read[ly0:ly1, lx0:lx1]
                if under.size and float(under.mean()) < MERGED_NEW and line.text.strip():
                    kept.append(line)
            return kept

        crop = view[y0:y1, x0:x1]
        found = new(_read_at(engine, crop, x0, y0))
        if not found:
            # A faint seal's ring text left pale on the view (its red ink is light in the red
            # channel) joins the line it is stamped by into one blob, at full size too (synth3
            # s47 054: 单位负责人签名：吴永红 beside a name seal, lost with it): read again
            # without the ink much lighter than the paper's dark print.
            found = new(_read_at(engine, _without_pale_ink(crop), x0, y0))
        if not found and quad is not None:
            # Nothing detected in the crop either: one tilted line (a handwritten signature
            # rising to the right) whose box is tall for its slant, not two lines. Its quad is
            # recognised as it is.
            found = [ln for ln in new(engine.read(view, quads=[quad])) if ln.score >= MERGED_QUAD_SCORE]
        for line in found:
            lx0, ly0, lx1, ly1 = box_of(line.quad)
            read[ly0:ly1, lx0:lx1] = True
        out += found
    return out


def _read_at(engine: OcrEngine, crop: Numeric, x0: int, y0: int) -> list[TextLine]:
    """The lines of a crop of the page whose top left is (x0, y0), in page pixels."""
    lines = engine.read(np.ascontiguousarray(crop))
    for line in lines:
        line.quad = line.quad + np.array([x0, y0], np.float32)
        line.char_boxes = [(a + x0, b + y0, c + x0, d + y0) for a, b, c, d in line.char_boxes]
    return lines


#: Ink lighter than the paper (the crop's 90th percentile) by less than this is taken out for
#: `merged_lines`' second reading of a blob: a red seal's remnant on the red-channel view lies
#: ~40 levels under the paper, black print ~180 (synth3 s47 054).
PALE_INK = 60


def _without_pale_ink(crop: Numeric) -> Numeric:
    """`crop` with its pale ink (see PALE_INK) made white."""
    paper = float(np.percentile(crop, 90))
    return cast(Numeric, np.where(crop > paper - PALE_INK, np.uint8(255), crop).astype(np.uint8))


def _two_bands(gray: Numeric, box: tuple[int, int, int, int], hm: float) -> bool:
    """The ink in `box` lies in two bands or more, one above the other (two lines, not one tall one)."""
    x0, y0, x1, y1 = box
    rows = (gray[y0:y1, x0:x1] < MERGED_INK).sum(axis=1)
    if rows.size == 0 or rows.max() == 0:
        return False
    inked = np.r_[False, rows >= MERGED_ROW_INK * rows.max(), False].astype(np.int8)
    edges = np.flatnonzero(np.diff(inked))
    heights = edges[1::2] - edges[0::2]
    return int((heights >= MERGED_BAND * hm).sum()) >= 2


def red_ink_dark(mask: Mask) -> Image:
    """The red ink as black on white (uint8 0 / 255), made in one pass over the page's bytes
    (`np.where` made it through a page of 64-bit integers: 10-15 ms a page)."""
    return cast(Image, np.multiply(~np.asarray(mask, bool), 255, dtype=np.uint8))


#: Ink no line covers (darker than this on the view, at half size) ...
UNCOVERED_INK = 128
#: ... grouped into words across this share of the page's median line height ...
UNCOVERED_JOIN = 0.6
#: ... a group this many median line heights tall (handwriting runs larger than print; a wrapped
#: handwritten entry is two lines), at least UNCOVERED_MIN_LENGTH times as long as tall ...
UNCOVERED_HEIGHTS = (0.9, 3.0)
UNCOVERED_MIN_LENGTH = 1.5
#: ... whose ink fills this share of its box (a photo's dark areas fill more) is read on its own,
#: at most UNCOVERED_MAX a page, the largest first; what is read there counts at GAP_MIN_SCORE.
UNCOVERED_FILL = (0.04, 0.45)
UNCOVERED_MAX = 6


def uncovered_lines(engine: OcrEngine, view: Image, lines: Sequence[TextLine]) -> list[TextLine]:
    """Lines read where the page's detection found none but there is ink of text's size: the page
    is detected shrunk to `DET_LIMIT`, where thin slanting handwriting (an appraisal form's
    signature, an employer written into its cell in pen) can fall below the detector's threshold;
    read on its own at full size it is found."""
    page = [ln for ln in lines if ln.source == "page"]
    if len(page) < 3:
        return []
    hm = float(np.median([ln.bbox[3] - ln.bbox[1] for ln in page]))
    gray = view[:, :, 0] if view.ndim == 3 else view     # (the red channel view: one channel thrice)
    ph, pw = gray.shape
    small = cv2.resize(gray, (max(1, pw // 2), max(1, ph // 2)), interpolation=cv2.INTER_AREA)
    dark = (small < UNCOVERED_INK).view(np.uint8)
    # Rules (a form's table) are no text: straight runs of three line heights (at full size) out.
    rule = max(8, int(round(1.5 * hm)))
    ruled = cv2.bitwise_or(cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((1, rule), np.uint8)),
                           cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((rule, 1), np.uint8)))
    dark = cast(Image, cv2.subtract(dark, cv2.dilate(ruled, np.ones((3, 3), np.uint8))))
    pad = 0.25 * hm
    for ln in lines:
        x0, y0, x1, y1 = ln.bbox
        top, left = max(0, int((y0 - pad) / 2)), max(0, int((x0 - pad) / 2))
        dark[top:int((y1 + pad) / 2) + 1, left:int((x1 + pad) / 2) + 1] = 0
    if not dark.any():
        return []
    join = max(1, int(round(UNCOVERED_JOIN * hm / 2)))
    grown = cv2.dilate(dark, np.ones((max(1, join // 3), join), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    lo, hi = UNCOVERED_HEIGHTS
    crops: list[tuple[int, int, int, int]] = []
    for x, y, bw, bh, _ in sorted(stats[1:].tolist(), key=lambda st: -st[2] * st[3]):
        if not lo * hm <= 2 * bh <= hi * hm or bw < UNCOVERED_MIN_LENGTH * bh:
            continue
        fill = float(dark[y:y + bh, x:x + bw].mean())
        if not UNCOVERED_FILL[0] <= fill <= UNCOVERED_FILL[1]:
            continue
        m = int(round(0.3 * hm))
        crops.append((max(0, 2 * x - m), max(0, 2 * y - m), min(pw, 2 * (x + bw) + m), min(ph, 2 * (y + bh) + m)))
        if len(crops) >= UNCOVERED_MAX:
            break
    found = _read_stacked(engine, gray, crops, source="uncovered")
    return [ln for ln in found if ln.score >= GAP_MIN_SCORE and len(ln.text.strip()) >= 2]


def _read_stacked(engine: OcrEngine, ink: Numeric, crops: Sequence[Sequence[int]],
                  source: str = "red") -> list[TextLine]:
    """The lines of `ink` (dark on white) inside `crops`, stacked on one canvas so that reading
    them is one OCR call; each line moved back to its place on the page and marked `source`."""
    if not crops:
        return []
    gap = 32
    width = max(x1 - x0 for x0, _, x1, _ in crops) + 2 * gap
    height = sum(y1 - y0 + gap for _, y0, _, y1 in crops) + gap
    canvas = np.full((height, width), 255, np.uint8)
    offsets = []  # (canvas top, canvas bottom, page dx, page dy)
    top = gap
    for x0, y0, x1, y1 in crops:
        canvas[top:top + y1 - y0, gap:gap + x1 - x0] = ink[y0:y1, x0:x1]
        offsets.append((top, top + y1 - y0, x0 - gap, y0 - top))
        top += y1 - y0 + gap
    out: list[TextLine] = []
    for line in engine.read(cast(Image, cv2.merge([canvas, canvas, canvas]))):
        line_top, line_bottom = float(line.quad[:, 1].min()), float(line.quad[:, 1].max())
        for c_top, c_bottom, dx, dy in offsets:
            # A line must lie within its crop: one running down across stacked crops is
            # the stacking's artifact, not text on the page.
            if c_top - gap / 2 <= line_top and line_bottom <= c_bottom + gap / 2:
                line.quad = line.quad + np.array([dx, dy], dtype=np.float32)
                line.char_boxes = [(a + dx, b + dy, c + dx, d + dy) for a, b, c, d in line.char_boxes]
                line.source = source
                out.append(line)
                break
    return out


#: Printed red ink is the page's strongest red; what is paler than this share of it (a worn seal
#: stamped across a red line, a guilloche ground) is left out of `strong_red_view`.
STRONG_RED_FLOOR = 0.4


def strong_red_view(image: Image, mask: Mask) -> Image:
    """Red ink as dark grey on white, graded by its redness from `STRONG_RED_FLOOR` of the page's
    strong red (95th percentile of its red ink) up: a faded seal's ring crossing a red English
    issuer line (Harbin Institute of Technology, Weihai) cut it in two when read as a mask."""
    b, g, r = (image[:, :, k].astype(np.int16) for k in range(3))
    redness = np.clip(r - np.maximum(b, g), 0, 255).astype(np.float32)
    top = float(np.percentile(redness[mask], 95)) if mask.any() else 255.0
    floor = STRONG_RED_FLOOR * top
    level = np.clip((redness - floor) * 255.0 / max(1.0, top - floor), 0, 255)
    return cast(Image, (255 - level).astype(np.uint8))


def _mostly_inside(box: Sequence[float], containers: Sequence[Sequence[float]], fraction: float = 0.6) -> bool:
    x0, y0, x1, y1 = box
    area = max(1, (x1 - x0) * (y1 - y0))
    for cx0, cy0, cx1, cy1 in containers:
        iw = min(x1, cx1) - max(x0, cx0)
        ih = min(y1, cy1) - max(y0, cy0)
        if iw > 0 and ih > 0 and iw * ih >= fraction * area:
            return True
    return False


#: A red area at least this share of the page's width and height is a frame round the page.
FRAME_SHARE = 0.6

_HALLUCINATION = re.compile(r"^\W*$")
#: A line's paper: this percentile of its box's grey; ink lies at least INK_BELOW_PAPER under it.
PAPER_PERCENTILE = 90
INK_BELOW_PAPER = 50


def drop_inkless_chars(lines: Sequence[TextLine], gray: Numeric, min_ink: float = 0.01) -> None:
    """Recognisers invent characters in the blank padding of form cells (王　芳 read as 王华夫 芳).
    Blank out characters whose box holds (almost) no ink, so the real ones can still meet.
    Ink is darker than 160, or than `INK_BELOW_PAPER` under the line's own paper: a dim, blurred
    phone photo prints a thin character (厅) no darker than 149 on paper of 225."""
    h, w = gray.shape[:2]
    for line in lines:
        if line.source != "page" or not line.char_boxes:
            continue
        lx0, ly0, lx1, ly1 = (int(v) for v in line.bbox)
        around = gray[max(0, ly0):max(0, min(h, ly1)), max(0, lx0):max(0, min(w, lx1))]
        paper = float(np.percentile(around, PAPER_PERCENTILE)) if around.size else 255.0
        limit = max(160.0, paper - INK_BELOW_PAPER)
        keep = []
        for ch, (x0, y0, x1, y1) in zip(line.text, line.char_boxes, strict=False):
            xa, ya, xb, yb = int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1))
            cell = gray[max(0, ya):max(0, yb), max(0, xa):max(0, xb)] < limit
            keep.append(cell.size == 0 or cell.mean() >= min_ink or _HALLUCINATION.match(ch) is not None)
        if not all(keep):
            line.text = "".join(" " if not k else c for c, k in zip(line.text, keep, strict=False))
