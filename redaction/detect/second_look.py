"""A second look at short names that missed by one character, and at employers on lines the
recogniser was unsure of.

A name of two or three characters must be read exactly (one slip in three characters matches
half the people on a staff list). But a small or blurred name is sometimes read with one
character swapped for a look-alike (燕 → 药 in a 19-px author line of a phone photo), or with a
character lost (郭曦文 → 郭文). Where a line holds the name but for that, the line is read again
keeping the recogniser's runners-up, and the name counts as read when the recogniser gave the
name's own character a real chance at that place, or — in a name of three characters or more —
when the character read in its place was only a guess (a small scan's 徐皎鹏 read 徐较鹏, 较 at 0.30;
a handwritten 陈毓德 read 陈流德), or — a character lost between two of the name's — when the ink
there holds it (周丽娟 read 周娟 on a blurred phone photo: three characters of ink, no gap).
Only lines that nearly hold a name are read again: a few a page at most.

An employer printed in calligraphy or a display face (a university's letterhead: 广东金融学院 read
老东全融学院 at 0.74) misses by more characters than matching allows. On a line the recogniser
itself doubts, an employer lying there with every slip explained — the recogniser was guessing at
that place, or gave the employer's character a real chance — is the employer. A sister bureau
printed plainly (阿克苏地区林业局 for 阿克苏地区环保局) is read with confidence and stays unmatched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import cv2
import numpy as np

from redaction.detect.match import allowed_errors, approximate_find, match_lines, term_length, unreadable_in
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.model.types import BoxF, Image
from redaction.ocr.base import OcrEngine, TextLine
from redaction.text.normalize import normalize, normalize_with_map

#: The name's character must have had at least this probability where another (or nothing) was
#: read. Clearly printed other names give the look-alike 0.005 at most (吴理 → 瑾 0.002, 王芳 →
#: 方 0.0007) but for one glyph pair blurred at 15 px (蒸 → 燕 0.04); names misread on small
#: blurred lines give theirs 0.01–0.3 in two cases out of three.
RUNNER_UP = 0.01

#: A character read with less than this probability is a guess (老 0.18 for calligraphic 广); a
#: slip there says nothing against the employer.
GUESS = 0.5

#: A name of three characters whose other two are read as the name's, in order, with the third
#: one a guess (the recogniser's best under this): the name, whatever the runners-up. A small
#: scan's 徐皎鹏 read 徐较鹏 (较 0.30, its runners-up 蛟 狡 校 姣, 皎 none), a handwritten 陈毓德 read
#: 陈流德 (流 0.15). A clearly printed other name is read with confidence (0.9+) and stays unmatched.
NAME_GUESS = 0.4

#: A character lost between two of a name's (周丽娟 read 周娟 on a blurred phone photo, 丽 given
#: no chance) is still there in ink: from the first's left edge to the second's right edge the
#: ink is the whole name wide (at most `LOST_SHORT` of a character short of as many characters as
#: the name has, each as wide as the ink is high), with no blank gap wider than `LOST_MAX_GAP` of
#: the height. Another person's name of the two characters is two characters of ink: tight (1.8–
#: 2.1 heights wide) or letter-spaced (a character-wide gap; drawn at 16–30 px, blurred or not).
LOST_SHORT = 0.5
LOST_MAX_GAP = 0.5
#: Rows and columns with ink are those with at least this share of the fullest one's ink (the
#: blur round a photo's characters makes them look taller and wider than they are).
LOST_INK_SHARE = 0.1

#: Only lines read with less confidence than this are looked at again for an employer: clearly
#: printed lines (0.95+) are read right, and a line of display type misread is read at 0.7–0.85.
DOUBTED_LINE = 0.9


@dataclass(frozen=True)
class Slip:
    """Where a name is on a line but for one character: `left`/`right` are the indices (in the
    line's text) of the characters either side of the wrong or lost one (None at the name's end);
    `wrong`: the index of the character read instead of `want`, or None when it was lost."""

    line: int
    want: str
    wrong: int | None
    left: int | None
    right: int | None
    size: int = 0        # the name's length in characters


def one_slip_names(lines: list[TextLine], profile: Profile, readable: frozenset[str] | None) -> Iterator[Slip]:
    """Each place where a name that must be read exactly is on a line but for one character
    read as another (names of 2–3 characters) or lost (3 characters: two remain)."""
    for term in profile.terms():
        key = term.key
        if term.kind != "name" or key.isascii() or allowed_errors(term_length(key)) or len(key) < 2:
            continue
        unreadable = unreadable_in(key, readable)
        for i, line in enumerate(lines):
            if line.source != "page":
                continue
            norm, index = normalize_with_map(line.text)
            for start, end, errors in approximate_find(key, norm, 1, unreadable):
                found = norm[start:end]
                if errors != 1:
                    continue
                if len(found) == len(key):
                    slips = [p for p, want in enumerate(key) if found[p] != want and want not in unreadable]
                    if len(slips) == 1:
                        p = slips[0]
                        yield Slip(i, key[p], index[start + p], index[start + p - 1] if p else None,
                                   index[start + p + 1] if p + 1 < len(key) else None, len(key))
                elif len(found) == len(key) - 1 >= 2:
                    p = next((p for p in range(len(key)) if key[:p] + key[p + 1:] == found), -1)
                    if p >= 0 and key[p] not in unreadable:
                        yield Slip(i, key[p], None, index[start + p - 1] if p else None,
                                   index[start + p] if p < len(found) else None, len(key))


@dataclass(frozen=True)
class Misread:
    """An employer term lying on a doubted line character for character but for `slips` (indices
    in the line's text of the characters read instead of the term's `wanted`)."""

    line: int
    key: str
    slips: tuple[int, ...]
    wanted: tuple[str, ...]


def misread_employers(lines: list[TextLine], profile: Profile, readable: frozenset[str] | None) -> Iterator[Misread]:
    """Places on doubted lines where an employer term (4+ characters) lies with more slips than
    matching allows but at most half its characters, each slip a character read in place of the
    term's (same length: display type is misread, not lost)."""
    for term in profile.terms():
        key = term.key
        allowed = allowed_errors(term_length(key))
        if term.kind != "employer" or key.isascii() or term_length(key) < 4:
            continue
        unreadable = unreadable_in(key, readable)
        for i, line in enumerate(lines):
            if line.source != "page" or line.score >= DOUBTED_LINE:
                continue
            norm, index = normalize_with_map(line.text)
            if len(norm) < len(key) or approximate_find(key, norm, allowed, unreadable):
                continue
            for start in range(len(norm) - len(key) + 1):
                window = norm[start:start + len(key)]
                slips = [p for p, want in enumerate(key) if window[p] != want and want not in unreadable]
                if allowed < len(slips) <= len(key) // 2:
                    yield Misread(i, key, tuple(index[start + p] for p in slips), tuple(key[p] for p in slips))


def _explained(alternatives: list[tuple[str, dict[str, float]]], misread: Misread) -> int:
    """How many of the misread's slips the recogniser does not explain (it read the character
    there with confidence and gave the employer's one no real chance)."""
    where = [k for k, (c, _) in enumerate(alternatives) if c]
    unexplained = 0
    for at, want in zip(misread.slips, misread.wanted, strict=True):
        read, chances = alternatives[where[at]]
        if chances.get(read, 0.0) < GUESS:
            continue
        if max((p for c, p in chances.items() if normalize(c) == want), default=0.0) < RUNNER_UP:
            unexplained += 1
    return unexplained


def _agrees(read: str, text: str) -> bool:
    """The line read again is the line as first read (blanked characters aside: drop_inkless_chars)."""
    return len(read) == len(text) and all(a == b or b == " " for a, b in zip(read, text, strict=True))


def _chance(alternatives: list[tuple[str, dict[str, float]]], slip: Slip) -> float:
    """The likeliest the recogniser found the wanted character where the slip is: on the wrong
    character's columns, or on the lost one's (its neighbours and what lies between them)."""
    where = [k for k, (c, _) in enumerate(alternatives) if c]           # entry of each character read
    if slip.wrong is not None:
        span = [where[slip.wrong]]
    else:
        lo = where[slip.left] if slip.left is not None else max(0, where[slip.right or 0] - 1)
        hi = where[slip.right] if slip.right is not None else min(len(alternatives) - 1, lo + 1)
        span = list(range(lo, hi + 1))
    return max((p for k in span for c, p in alternatives[k][1].items() if normalize(c) == slip.want), default=0.0)


def _guessed(alternatives: list[tuple[str, dict[str, float]]], slip: Slip) -> bool:
    """Is the slip a character of a name of three or more read as another one the recogniser
    only guessed at (`NAME_GUESS`)?"""
    if slip.wrong is None or slip.size < 3:
        return False
    where = [k for k, (c, _) in enumerate(alternatives) if c]
    read, chances = alternatives[where[slip.wrong]]
    return chances.get(read, 0.0) < NAME_GUESS


def _lost_in_ink(view: Image, line: TextLine, slip: Slip) -> bool:
    """Is the character lost between two of a name's read on a line still there in ink
    (`LOST_*`)? Horizontal lines only."""
    if slip.wrong is not None or slip.left is None or slip.right is None or slip.size < 3:
        return False
    x0, y0, x1, y1 = line.bbox
    if y1 - y0 > x1 - x0 or len(line.char_boxes) != len(line.text):
        return False
    a, b = line.char_boxes[slip.left], line.char_boxes[slip.right]
    h, w = view.shape[:2]
    cx0, cy0 = max(0, int(np.floor(min(a[0], b[0])))), max(0, int(np.floor(min(a[1], b[1]))))
    cx1, cy1 = min(w, int(np.ceil(max(a[2], b[2])))), min(h, int(np.ceil(max(a[3], b[3]))))
    grey = view[cy0:cy1, cx0:cx1]
    grey = grey[:, :, 0] if grey.ndim == 3 else grey
    if grey.size == 0 or int(grey.max()) - int(grey.min()) < 32:
        return False
    threshold, _ = cv2.threshold(np.ascontiguousarray(grey), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = grey < threshold
    ink[ink.mean(axis=1) > 0.8] = False         # a field's rule under the name
    per_col, per_row = ink.sum(axis=0), ink.sum(axis=1)
    if not per_col.any():
        return False
    cols = np.flatnonzero(per_col >= max(1, LOST_INK_SHARE * per_col.max()))
    rows = np.flatnonzero(per_row >= max(1, LOST_INK_SHARE * per_row.max()))
    if len(cols) < 2 or len(rows) < 2:
        return False
    height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    gap = int(np.diff(cols).max()) - 1
    return bool(width >= (slip.size - LOST_SHORT) * height and width <= (slip.size + LOST_SHORT) * height
                and gap <= LOST_MAX_GAP * height)


def _with_char(line: TextLine, slip: Slip) -> TextLine:
    """The line with the name's character put where the slip is, with a box of its own when it
    was lost (between its neighbours, or a neighbour's width beyond the one it has)."""
    text, boxes = list(line.text), list(line.char_boxes)
    if slip.wrong is not None:
        text[slip.wrong] = slip.want
        return replace(line, text="".join(text))
    a = boxes[slip.left] if slip.left is not None else None
    b = boxes[slip.right] if slip.right is not None else None
    if a is not None and b is not None:
        width = max(1.0, min(a[2] - a[0], b[2] - b[0]))
        mid = (a[2] + b[0]) / 2
        box: BoxF = (min(a[2], mid - width / 2), min(a[1], b[1]), max(b[0], mid + width / 2), max(a[3], b[3]))
    elif a is not None:
        box = (a[2], a[1], a[2] + (a[2] - a[0]), a[3])
    else:
        assert b is not None
        box = (b[0] - (b[2] - b[0]), b[1], b[0], b[3])
    at = slip.left + 1 if slip.left is not None else (slip.right or 0)
    text.insert(at, slip.want)
    boxes.insert(at, box)
    return replace(line, text="".join(text), char_boxes=boxes)


def second_look(engine: OcrEngine, view: Image, lines: list[TextLine], profile: Profile,
                readable: frozenset[str] | None = None) -> list[Region]:
    """Name regions on lines whose one wrong or lost character the recogniser nearly read as the
    name's, and employer regions on doubted lines whose slips it explains. `view`: the image the
    lines were read from (the page's red-channel view)."""
    fixed: dict[int, TextLine] = {}
    fixed_for: dict[int, str] = {}      # the kind of term each line was put right for
    read_again: dict[int, list[tuple[str, dict[str, float]]] | None] = {}

    def again(line: int) -> list[tuple[str, dict[str, float]]] | None:
        if line not in read_again:
            alternatives = engine.char_alternatives(view, lines[line].quad)
            agrees = _agrees("".join(c for c, _ in alternatives), lines[line].text)
            read_again[line] = alternatives if agrees else None
        return read_again[line]

    try:
        for slip in one_slip_names(lines, profile, readable):
            if slip.line in fixed:
                continue
            alternatives = again(slip.line)
            if alternatives is not None and (_chance(alternatives, slip) >= RUNNER_UP or _guessed(alternatives, slip)
                                             or _lost_in_ink(view, lines[slip.line], slip)):
                fixed[slip.line] = _with_char(lines[slip.line], slip)
                fixed_for[slip.line] = "name"
        for misread in misread_employers(lines, profile, readable):
            alternatives = again(misread.line)
            if misread.line in fixed or alternatives is None:
                continue
            if _explained(alternatives, misread) <= allowed_errors(term_length(misread.key)):
                text = list(lines[misread.line].text)
                for at, want in zip(misread.slips, misread.wanted, strict=True):
                    text[at] = want
                fixed[misread.line] = replace(lines[misread.line], text="".join(text))
                fixed_for[misread.line] = "employer"
    except NotImplementedError:
        return []
    if not fixed:
        return []
    found = []
    for r in match_lines([fixed.get(i, ln) for i, ln in enumerate(lines)], profile, readable):
        cx, cy = (r.bbox[0] + r.bbox[2]) / 2, (r.bbox[1] + r.bbox[3]) / 2
        on_fixed = any(x0 <= cx <= x1 and y0 <= cy <= y1 and fixed_for[i] == r.kind
                       for i, (x0, y0, x1, y1) in ((i, lines[i].bbox) for i in fixed))
        if on_fixed:
            r.extra["second_look"] = True
            found.append(r)
    return found
