"""The employer's English name printed under its Chinese name in a letterhead or logo lockup
(哈尔滨理工大学 over Harbin University of Science and Technology): the profile may list only the
Chinese name, and the English line is often too small for text detection to find at all."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from redaction.model.regions import Region
from redaction.model.types import BoxF, Numeric
from redaction.ocr.base import TextLine, char_weight
from redaction.text.cjk import is_cjk

#: The Chinese name fills at least this share of its line (a letterhead, not a sentence).
FILLS_LINE = 0.8
#: The English line begins within this many (Chinese) line heights under the Chinese line ...
UNDER_GAP = 0.8
#: ... and is at most this tall against it (small capitals under the name) and at least this
#: (a rule under a letterhead is thinner).
MAX_HEIGHT = 0.75
MIN_HEIGHT = 0.2
#: The English name may run this share of the Chinese name's width past it on either side (it is
#: often the longer), and is then still one block with it.
WIDER = 1.0
#: Ink: darker than the band's paper by this much.
INK_BELOW_PAPER = 60
#: An ink row of the band has ink in at least this share of the columns under the name.
ROW_INK = 0.01
#: Words: at least this many separate runs of inked columns along the band (small print blurs
#: its letters together, not its words); a rule or a signature's strokes make one to three.
MIN_LETTER_RUNS = 4


def _cjk_share(line: TextLine, box: BoxF) -> float:
    """Share of the line's width (in character weights) inside `box`'s horizontal extent."""
    total = inside = 0.0
    for ch, b in zip(line.text, line.char_boxes, strict=False):
        if ch.isspace():
            continue
        w = char_weight(ch)
        total += w
        if box[0] - 2 <= (b[0] + b[2]) / 2 <= box[2] + 2:
            inside += w
    return inside / total if total else 0.0


def english_under(employers: Sequence[Region], lines: Sequence[TextLine], gray: Numeric) -> list[Region]:
    """Employer regions for the small Latin line printed right under a line that the employer's
    Chinese name fills: the line as read, or, when detection found nothing there, the band of ink
    under the name (letters, not a rule or a signature's strokes). `gray`: the page's red channel,
    where a seal stamped under a sign-off's name leaves no ink."""
    out: list[Region] = []
    h_img, w_img = gray.shape[:2]
    # the employer's pieces on each line (a sloping line's match comes in several)
    on_line: dict[int, list[Region]] = {}
    for r in employers:
        if not any(is_cjk(c) for c in str(r.extra.get("term", ""))):
            continue
        cx, cy = (r.bbox[0] + r.bbox[2]) / 2, (r.bbox[1] + r.bbox[3]) / 2
        i = next((i for i, ln in enumerate(lines) if ln.bbox[0] <= cx <= ln.bbox[2] and ln.bbox[1] <= cy <= ln.bbox[3]),
                 None)
        if i is not None:
            on_line.setdefault(i, []).append(r)
    for i, pieces in on_line.items():
        r = pieces[0]
        term = str(r.extra.get("term", ""))
        span = (min(p.bbox[0] for p in pieces), r.bbox[1], max(p.bbox[2] for p in pieces), r.bbox[3])
        line = lines[i]
        lx0, ly0, lx1, ly1 = line.bbox
        h = line.height
        if h <= 0 or lx1 - lx0 < 2 * h or _cjk_share(line, span) < FILLS_LINE:
            continue
        below = [ln for ln in lines if ln is not line and ln.bbox[1] >= ly1 - 0.3 * h
                 and ln.bbox[1] <= ly1 + UNDER_GAP * h and ln.bbox[0] < lx1 and ln.bbox[2] > lx0]
        if below:
            ln = min(below, key=lambda b: b.bbox[1])
            latin = sum(c.isascii() and c.isalpha() for c in ln.text)
            reach = lx1 + WIDER * (lx1 - lx0)
            if (latin >= 8 and not any(is_cjk(c) for c in ln.text) and ln.height <= MAX_HEIGHT * h
                    and ln.bbox[0] >= lx0 - (reach - lx1) and ln.bbox[2] <= reach):
                out.append(Region("employer", ln.bbox, round(ln.score, 4), ln.text, True,
                                  extra={"term": term, "errors": 0, "english_under": True}))
            continue
        box = _ink_band(gray, (lx0, ly0, lx1, ly1), h, w_img, h_img)
        if box is not None:
            out.append(Region("employer", box, round(r.score * 0.9, 4), None, True,
                              extra={"term": term, "errors": 0, "english_under": True}))
    return out


def _ink_band(gray: Numeric, line: BoxF, h: float, w_img: int, h_img: int) -> BoxF | None:
    """The box of a band of small letters right under `line` (within its width), or None."""
    lx0, _, lx1, ly1 = line
    x0, x1 = max(0, int(lx0)), min(w_img, int(np.ceil(lx1)))
    far0, far1 = max(0, int(lx0 - WIDER * (lx1 - lx0))), min(w_img, int(np.ceil(lx1 + WIDER * (lx1 - lx0))))
    y0, y1 = max(0, int(ly1)), min(h_img, int(np.ceil(ly1 + (UNDER_GAP + MAX_HEIGHT) * h)))
    if x1 - x0 < 8 or y1 - y0 < 4:
        return None
    crop = gray[y0:y1, x0:x1]
    paper = float(np.percentile(crop, 90))
    ink = crop < min(paper - INK_BELOW_PAPER, 200)
    rows = ink.mean(axis=1)
    inked = np.nonzero(rows >= ROW_INK)[0]
    if not len(inked):
        return None
    # runs of inked rows (a gap of a few rows ends one); a run touching the line's box is the
    # name's own strokes reaching below a tight box: the letters are the next run
    runs: list[list[int]] = [[int(inked[0]), int(inked[0])]]
    for y in inked[1:]:
        if y - runs[-1][1] > max(2, 0.08 * h):
            runs.append([int(y), int(y)])
        else:
            runs[-1][1] = int(y)
    if runs[0][0] == 0:
        runs = runs[1:]
    if not runs:
        return None
    start, end = runs[0]
    band_h = end - start + 1
    if start > UNDER_GAP * h or not MIN_HEIGHT * h <= band_h <= MAX_HEIGHT * h:
        return None
    band = ink[start:end + 1]
    cols = np.nonzero(band.any(axis=0))[0]
    if not len(cols):
        return None
    if cols[-1] - cols[0] < 0.4 * (x1 - x0):
        return None                                   # a speck, a stroke's tail: not a line of text
    inked_cols = band.any(axis=0).astype(np.int8)
    if int((np.diff(inked_cols) == 1).sum()) < MIN_LETTER_RUNS:
        return None                                   # a stroke or two (a signature), not letters
    # the English name may be the longer: follow its ink past the Chinese name's ends while the
    # gaps between words stay small
    wide = gray[y0 + start:y0 + end + 1, far0:far1]
    wide_ink: np.ndarray = np.asarray((wide < min(paper - INK_BELOW_PAPER, 200)).any(axis=0))
    a, b = x0 - far0 + int(cols[0]), x0 - far0 + int(cols[-1])
    gap = int(2 * band_h) + 2
    while a > 0 and wide_ink[max(0, a - gap):a].any():
        a -= 1
    while b < len(wide_ink) - 1 and wide_ink[b + 1:b + 1 + gap].any():
        b += 1
    cols = np.array([a - (x0 - far0), b - (x0 - far0)])
    # its rows over that whole width (descenders and commas beyond the Chinese name's ends)
    slack = int(max(2, 0.08 * h))
    lo, hi = max(0, y0 + start - slack), min(h_img, y0 + end + 1 + slack)
    rows_ink = np.nonzero((gray[lo:hi, far0 + a:far0 + b + 1] < min(paper - INK_BELOW_PAPER, 200)).any(axis=1))[0]
    if len(rows_ink):
        start, end = min(start, lo - y0 + int(rows_ink[0])), max(end, lo - y0 + int(rows_ink[-1]))
    pad = 0.15 * band_h
    return (float(x0 + cols[0] - pad), float(y0 + start - pad),
            float(x0 + cols[-1] + 1 + pad), float(y0 + end + 1 + pad))
