"""The name a certificate addresses: the blank before its form of address (____同学：, ____同志：),
or a form's blank labelled after it (____（全名）).

Award and scholarship certificates are printed with a blank line before 同学：/同志： and the
recipient's name is written in by hand. OCR reads such a name poorly or not at all (左佳 → 七统,
庄磊 on red guilloche paper → nothing, 左佳 → 左), so fuzzy matching cannot find it. The blank
itself says whose name it is: a certificate the applicant uploads is addressed to the applicant.
A name printed there and read confidently that shares no character with the applicant's is
another person's (a certificate addressed to someone else) and stays visible; so does a list of
several names before 同学： (each of them is matched on its own, if it is the applicant's).

A form's field labelled 姓名 (an appraisal form, a registration form, a certificate's 姓名 line)
holds the name of the person the form is about: on a form the applicant uploads, the applicant.
Handwritten there it is read as anything (巴特尔 under a seal → 色特 at 0.61) or not at all; what
stands right of the label up to the next cell's label is the applicant's name by the same rule:
unless printed or clearly written, sharing no character with the applicant's name.

A certificate letter (实习证明, 在职证明, 介绍信) names the person it is about after its opening words:
兹有张杰于2007年…, 兹证明李明同志系…. The same rule holds there: what stands between the opening
and the form of address (or 于/在/系/自/从, or a comma) is the applicant's name when it shares a
character with it or was read unsure, boxed up to the word after it, where a dropped character sits;
a name read clearly and whole there that matching did not find is another person's.

A journal page's author note (作者简介：张三（1980—），男，…) names the paper's author first: on a paper
the applicant uploads, usually the applicant. A phone photo's small footnote print is read with
slips no matching allows (古丽娜尔托合提 read 占丽螺尔托合提: two in seven); a reading within fewer
slips than half the name is the applicant's, as is one read unsure that shares a character with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from redaction.detect.match import along_slope, edits
from redaction.model.profile import Profile
from redaction.model.regions import Region, union_box
from redaction.model.types import BoxF, Image
from redaction.ocr.base import TextLine
from redaction.text.cjk import is_cjk
from redaction.text.normalize import normalize, normalize_with_map

#: A line that is a form of address: at most a name's few characters (or nothing: the blank) before
#: 同学/同志/先生/女士/老师, then a colon or comma, or the line's end. A longer prefix is a sentence
#: or a list of names, not a blank.
ADDRESS = re.compile(r"^(?P<prefix>[^，,、；;。]{0,5}?)(同学|同志|先生|女士|老师)(?:[:：，,]|$)")
#: A form's blank for the signer's name, labelled after it: ____（全名）在此授权… (an authorisation
#: letter), ____（姓名）. What is written there is the name of the person who signs, the applicant.
FULL_NAME = re.compile(r"^(?P<prefix>[^，,、；;。]{0,5}?)([(（](?:全名|姓名)[)）])")
#: A certificate letter's opening (兹有张杰于2007年…至我公司实习, 兹证明李明同志系…): the words that
#: introduce the person it is about, and the name (at most five characters) up to a form of address
#: or the word after the name (于, 在, 系, 自, 从) or a comma.
SUBJECT_INTRO = ("兹有", "今有", "兹证明", "兹介绍", "现有")
SUBJECT = re.compile(r"^(?P<prefix>[^，,、；;。:：\d]{1,5}?)(同学|同志|先生|女士|老师)")
SUBJECT_END = re.compile(r"^(?P<prefix>[^，,、；;。:：\d]{1,5}?)(于|在|系|自|从|，|,)")
#: A prefix read at least this confidently is print (or clear writing) and says whose it is.
CONFIDENT = 0.9
#: How far left of the form of address the written name may begin, in its line heights.
REACH = 6.0
#: Gaps (in line heights) between the form of address and the name, and inside the name.
FIRST_GAP = 2.0
GAP = 1.0
#: Ink: darker than this in the red channel (pen ink is dark there; red guilloche, gold frames and
#: red seals vanish).
INK = 140
#: Printed text read this confidently is not the written name.
PRINTED = 0.85


#: A form's name field: the label 姓名 (alone, or 姓名：<value> on one line), the line's start.
NAME_LABEL = re.compile(r"^姓名[:：]?")
#: The value is looked for up to this many label heights right of the label.
FIELD_REACH = 10.0
#: Written ink wider than this many label heights a character of the name (two more) is no name.
FIELD_NAME_WIDTH = 1.5
#: Ink filling this much of its box is a solid fill (a mask), not a hand: pen strokes fill a
#: fifth to a half of theirs.
SOLID_FILL = 0.8
#: Words that label a form's other cells: a line reading one of these is the next cell's label, not
#: the name field's value.
FIELD_LABELS = ("性别", "出生", "民族", "籍贯", "政治面貌", "工作单位", "单位", "职务", "职称", "学历", "学位",
                "专业", "身份证", "证件", "年龄", "编号", "照片", "电话", "部门", "科室", "岗位", "文化程度")


#: A journal's author note on the normalised line: its label, then the author's name (a run of
#: CJK characters: normalising drops its dots) up to the birth year's bracket or a comma.
AUTHOR_NOTE = re.compile(r"^作者简介:?(?P<name>[\u3400-\u9fff]{2,10})[(,]")
#: ... or, when the birth year's bracket follows the name (the note's own mark), a label within
#: AUTHOR_LABEL_SLIPS of 作者简介 and a name run on over one dot read as a comma or a full stop (a
#: phone photo's blurred footnote: 作尝介：吉黑娜尔，托提（1990一）, synth4 s25 079).
AUTHOR_NOTE_DATED = re.compile(r"^(?P<label>[\u3400-\u9fff]{2,6}):?"
                               r"(?P<name>[\u3400-\u9fff]{2,8}(?:[,.][\u3400-\u9fff]{1,8})?)\((?:19|20)\d\d")
AUTHOR_LABEL_SLIPS = 2


def field_regions(lines: Sequence[TextLine], view: Image, profile: Profile) -> list[Region]:
    """The applicant's name where a field says it is theirs: a form of address's blank, a form's
    姓名 field, a journal's author note."""
    return (addressee_regions(lines, view, profile) + name_field_regions(lines, view, profile)
            + author_note_regions(lines, profile))


def _is_label(norm: str) -> bool:
    return norm.endswith((":", "：")) or any(norm.startswith(w) for w in FIELD_LABELS)


def name_field_regions(lines: Sequence[TextLine], view: Image, profile: Profile) -> list[Region]:
    """`name` regions over what a form's 姓名 field holds (see the module's notes): the line right
    of the label on its row, or the written ink there when nothing was read; the label's own line
    when it holds the value too. A value printed or clearly written that shares no character with
    the applicant's name is another person's and stays visible."""
    out = []
    gray = view[:, :, 0] if view.ndim == 3 else view
    h, w = gray.shape[:2]
    printed = [o.bbox for o in lines if o.source == "page" and o.score >= PRINTED]
    names = [n for n in map(normalize, (profile.name, *profile.aliases)) if n]

    def matched(value: str) -> bool:       # the name read whole: matching boxes it
        return any(n in value for n in names)

    for ln in lines:
        if ln.source != "page" or len(ln.char_boxes) != len(ln.text):
            continue
        x0, y0, x1, y1 = ln.bbox
        lh = max(8.0, y1 - y0)
        if y1 - y0 > x1 - x0:
            continue                                    # a vertical column
        norm, index = normalize_with_map(ln.text)
        m = NAME_LABEL.match(norm)
        if m is None:
            continue
        rest = norm[m.end():]
        if rest:
            # 姓名：<value> on one line: the value is what follows, up to the next cell's label.
            cut = min((rest.find(w) for w in FIELD_LABELS if rest.find(w) > 0), default=len(rest))
            value = rest[:cut]
            if not value or matched(value) or (ln.score >= CONFIDENT and not _shares_a_character(value, profile)):
                continue
            first, last = index[m.end()], index[m.end() + cut - 1]
            a, b = ln.char_boxes[first], ln.char_boxes[last]
            box: BoxF = (a[0], y0, b[2], y1)
        else:
            # The value on its own line right of the label, or written there and not read.
            # (A value line may start over the label's box: the detector's boxes overlap.)
            row = sorted((o for o in lines if o is not ln and o.source == "page" and (o.bbox[0] + o.bbox[2]) / 2 > x1
                          and min(o.bbox[3], y1) - max(o.bbox[1], y0) >= 0.5 * min(lh, o.bbox[3] - o.bbox[1])),
                         key=lambda o: o.bbox[0])
            nxt = row[0] if row else None
            if nxt is not None and nxt.bbox[0] - x1 <= FIELD_REACH * lh and not _is_label(normalize(nxt.text)):
                cell = _stacked_in_cell(nxt, row)
                text = "".join(normalize(o.text) for o in sorted(cell, key=lambda o: o.bbox[1]))
                value = "".join(c for c in text if c.isalnum())
                if (not value or matched(text)
                        or (min(o.score for o in cell) >= CONFIDENT and not _shares_a_character(value, profile))):
                    continue
                box = union_box(o.bbox for o in cell)
            else:
                ax0, ay0 = min(w, int(x1 + 0.05 * lh)), max(0, int(y0 - 0.5 * lh))
                # Up to the next cell's label; the name's first stroke within FIELD_REACH of the label.
                ax1 = min(w, int(x1 + 2 * FIELD_REACH * lh), int(nxt.bbox[0]) if nxt is not None else w)
                ay1 = min(h, int(y1 + 0.5 * lh))
                if ax1 - ax0 < 4 or ay1 - ay0 < 4:
                    continue
                ink = _without_cell_borders(_ink(gray, (ax0, ay0, ax1, ay1), lh, printed), lh)
                # From the label rightwards, anywhere in the cell (a value is often centred in it).
                found = _written_name(np.ascontiguousarray(ink[:, ::-1]), lh, FIELD_REACH)
                if found is None:
                    continue
                bx0, by0, bx1, by1 = found
                if bx1 - bx0 > FIELD_NAME_WIDTH * (len(normalize(profile.name)) + 2) * lh:
                    continue                            # no name's width: a photo, a stamp
                if float(ink[by0:by1, ink.shape[1] - bx1:ink.shape[1] - bx0].mean()) >= SOLID_FILL:
                    continue                            # a mask already burnt in (verify reads masked pages)
                box = (ax1 - bx1, ay0 + by0, ax1 - bx0, ay0 + by1)
        pad = 0.2 * lh
        out.append(Region("name", (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad), 0.6, None, True,
                          extra={"term": profile.name, "errors": 0, "name_field": True}))
    return out


def _stacked_in_cell(first: TextLine, row: Sequence[TextLine]) -> list[TextLine]:
    """`first` and the lines of its row stacked over or under it, before the next label: a value
    wrapped in its cell (synth3 s44 018: a long Uyghur name in two lines, the second, 曼, starting
    left of the first and so read as the value, the first, misread, left out)."""
    cell = [first]
    for o in row:
        if o is first:
            continue
        if _is_label(normalize(o.text)) or o.bbox[0] >= first.bbox[2]:
            break                                   # the next cell
        cell.append(o)
    return cell


#: Ink crossing this share of the cell's height or width is a table's rules when it fills less
#: than `BORDER_FILL` of its box (pen strokes fill a fifth and more of theirs) or, crossing its
#: height, is at most `BORDER_WIDTH` label heights wide.
BORDER_SPAN = 0.9
BORDER_FILL = 0.08
BORDER_WIDTH = 0.3


def author_note_regions(lines: Sequence[TextLine], profile: Profile) -> list[Region]:
    """`name` regions over the author's name in a journal's author note (作者简介：<name>（1990—）…)
    when it is the applicant's read with slips (see the module's notes); a name read clearly that
    is half or more another's stays visible (a colleague's paper, 王海 for 王芳)."""
    names = [n for n in map(normalize, (profile.name, *profile.aliases)) if n]
    out = []
    for ln in lines:
        if ln.source != "page" or len(ln.char_boxes) != len(ln.text):
            continue
        norm, index = normalize_with_map(ln.text)
        m = AUTHOR_NOTE_DATED.match(norm)
        if m is None or edits(m.group("label"), "作者简介") > AUTHOR_LABEL_SLIPS:
            m = AUTHOR_NOTE.match(norm)
        if m is None:
            continue
        if any(n in m.group("name") for n in names):
            continue                                # read whole: matching boxes it
        value = re.sub(r"[,.]", "", m.group("name"))
        slips = {n: edits(value, n) for n in names}
        near = any(2 * k < len(n) for n, k in slips.items())
        if not near and not (ln.score < CONFIDENT and _shares_a_character(value, profile)):
            continue
        a, b = ln.char_boxes[index[m.start("name")]], ln.char_boxes[index[m.end("name") - 1]]
        pad = 0.2 * ln.height
        # In pieces along a photographed line's slope: an upright box round it covers the
        # footnote's lines above and below (the funding line's organisation).
        for piece in along_slope((a[0] - pad, ln.bbox[1] - pad, b[2] + pad, ln.bbox[3] + pad), ln):
            out.append(Region("name", piece, 0.6, value, True,
                              extra={"term": profile.name, "errors": min(slips.values()),
                                     "author_note": True}))
    return out


def _without_cell_borders(ink: npt.NDArray[np.uint8], lh: float) -> npt.NDArray[np.uint8]:
    """The ink without a table's rules crossing the cell: slanted in a phone photo, the straight-rule
    opening of `_ink` leaves them (dev: a letter's table 姓名 | 身份证号码, the names below; its top
    rule and the border between the two cells, one stroke 194 × 80 px filling 0.04 of its box)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape[:2]
    borders = []
    for i in range(1, count):
        bw, bh, area = stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT], stats[i, cv2.CC_STAT_AREA]
        crossing = bh >= BORDER_SPAN * h or bw >= BORDER_SPAN * w
        if (crossing and area < BORDER_FILL * bw * bh) or (bh >= BORDER_SPAN * h and bw <= BORDER_WIDTH * lh):
            borders.append(i)
    if borders:
        ink = ink.copy()
        ink[np.isin(labels, borders)] = 0
    return ink


def _shares_a_character(prefix: str, profile: Profile) -> bool:
    names = [normalize(t) for t in (profile.name, *profile.aliases)]
    return any(c in name for c in prefix if is_cjk(c) for name in names)


def _employer_first(norm: str, employers: Sequence[str]) -> int:
    """The length of the (normalised) employer's name the line begins with, or 0."""
    return max((len(e) for e in employers if norm.startswith(e)), default=0)


def _subject_intro(norm: str) -> int:
    """The length of a certificate letter's opening words the line begins with (`SUBJECT_INTRO`), or 0."""
    return max((len(w) for w in SUBJECT_INTRO if norm.startswith(w)), default=0)


def addressee_regions(lines: Sequence[TextLine], view: Image, profile: Profile) -> list[Region]:
    """`name` regions over the blank before a form of address when it holds the applicant's name
    (written by hand and read as anything, or as nothing). `view`: the page's red-channel view."""
    out = []
    gray = view[:, :, 0] if view.ndim == 3 else view
    h, w = gray.shape[:2]
    employers = [e for e in map(normalize, profile.employers) if e]
    shortest = min((len(n) for n in map(normalize, (profile.name, *profile.aliases)) if n), default=0)
    for ln in lines:
        if ln.source != "page" or len(ln.char_boxes) != len(ln.text):
            continue
        norm, index = normalize_with_map(ln.text)
        # "兹有<name>于…", "兹证明<name>同志…" (a certificate letter): the person the letter is about
        # is named after its opening words; a letter the applicant uploads is about the applicant.
        # The opening is no part of the name (synth4 s12 028: 兹证明张丽同志 masked 兹证明 with 张丽).
        intro = _subject_intro(norm)
        m = None if intro else ADDRESS.match(norm) or FULL_NAME.match(norm)
        # "<employer><name>同学，…" (an institute's honour certificate): the employer printed first
        # on the salutation's line, then the form of address as above.
        employer = _employer_first(norm, employers) if m is None else 0
        lead = employer or intro
        if lead:
            index = index[lead:]
            rest = norm[lead:]
            m = ADDRESS.match(rest) if employer else (SUBJECT.match(rest) or SUBJECT_END.match(rest))
            if m is not None and not m.group("prefix"):
                continue
        if m is None:
            continue
        prefix = "".join(c for c in m.group("prefix") if c.isalnum())
        if prefix and ln.score >= CONFIDENT and not _shares_a_character(prefix, profile):
            continue                    # someone else's name, printed or clearly written
        if lead and not employer and ln.score >= CONFIDENT and len(prefix) >= shortest:
            # A letter's subject read clearly and whole, that matching did not find, is another
            # person sharing a surname (a letter names a colleague: 兹有王海同志 for 王芳); the
            # applicant's own name is looked for here when a character of it was dropped.
            continue
        word = ln.char_boxes[index[m.start(2)]]
        lh = max(8.0, word[3] - word[1])
        # Where the form of address begins: the line's start when nothing is read before it (the
        # recogniser's character boxes can sit most of a character off).
        start = word[0] if prefix else ln.bbox[0]
        boxes: list[BoxF] = []
        if lead:
            # No blank to look in (the ink left of the name is the employer's or the opening's): the
            # name runs up to the form of address, where a character the recogniser dropped sits.
            boxes.append((ln.char_boxes[index[m.start("prefix")]][0], ln.bbox[1], start, ln.bbox[3]))
        else:
            ax0, ay0 = max(0, int(start - REACH * lh)), max(0, int(ln.bbox[1] - 0.8 * lh))
            ax1, ay1 = max(0, int(start - 0.05 * lh)), min(h, int(ln.bbox[3] + 0.5 * lh))
            # Nothing left of another line on the row (the blank is the row's start).
            for o in lines:
                if o is ln or not (o.bbox[1] < ln.bbox[3] and o.bbox[3] > ln.bbox[1]):
                    continue
                if o.bbox[2] <= ax1 and o.source == "page" and o.score >= PRINTED:
                    ax0 = max(ax0, int(o.bbox[2]))
            if ax1 - ax0 < 4 or ay1 - ay0 < 4:
                continue
            printed = [o.bbox for o in lines if o is not ln and o.source == "page" and o.score >= PRINTED]
            ink = _ink(gray, (ax0, ay0, ax1, ay1), lh, printed)
            box = _written_name(ink, lh)
            if box is not None:
                bx0, by0, bx1, by1 = box
                boxes.append((ax0 + bx0, ay0 + by0, ax0 + bx1, ay0 + by1))
            if prefix:
                first, last = index[m.start("prefix")], index[m.start(2) - 1]
                a, b = ln.char_boxes[first], ln.char_boxes[last]
                boxes.append((a[0], ln.bbox[1], b[2], ln.bbox[3]))
        if not boxes:
            continue
        pad = 0.2 * lh
        x0 = min(b[0] for b in boxes) - pad
        x1 = min(max(b[2] for b in boxes) + pad, max(start, max(b[2] for b in boxes)))
        y0 = min(b[1] for b in boxes) - pad
        y1 = max(b[3] for b in boxes) + pad
        out.append(Region("name", (x0, y0, x1, y1), 0.6, m.group("prefix") or None, True,
                          extra={"term": profile.name, "errors": 0, "addressee": True}))
    return out


def _ink(gray: npt.NDArray[Any], area: tuple[int, int, int, int], lh: float,
         printed: Sequence[BoxF]) -> npt.NDArray[np.uint8]:
    """Pen ink in `area` without long straight rules (the blank's underline) or printed lines."""
    x0, y0, x1, y1 = area
    grow = max(15, int(3 * lh))
    h, w = gray.shape[:2]
    gx0, gy0, gx1, gy1 = max(0, x0 - grow), max(0, y0 - grow), min(w, x1 + grow), min(h, y1 + grow)
    ink: npt.NDArray[np.uint8] = (gray[gy0:gy1, gx0:gx1] < INK).astype(np.uint8)
    length = max(15, int(3 * lh))
    across = np.asarray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8)), np.uint8)
    down = np.asarray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8)), np.uint8)
    ink = ink & (1 - (across | down))
    for bx0, by0, bx1, by1 in printed:
        ink[max(0, int(by0) - gy0):max(0, int(by1) - gy0), max(0, int(bx0) - gx0):max(0, int(bx1) - gx0)] = 0
    return ink[y0 - gy0:y1 - gy0, x0 - gx0:x1 - gx0]


def _written_name(ink: npt.NDArray[np.uint8], lh: float,
                  first_gap: float = FIRST_GAP) -> tuple[int, int, int, int] | None:
    """The ink running leftwards from the area's right end (the form of address) with no gap wider
    than `GAP` line heights (`first_gap` before the first stroke): the written name, not whatever
    lies further left in the margin."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [s for s in stats[1:] if s[4] >= max(6, 0.01 * lh * lh)
             and not (s[2] >= 2 * lh and s[3] <= 0.3 * lh + 0.06 * s[2])]      # a skewed rule's piece
    blobs.sort(key=lambda s: -(s[0] + s[2]))
    right = ink.shape[1]
    left = right
    chosen: list[Any] = []
    for s in blobs:
        gap = left - (s[0] + s[2])
        if gap > (first_gap if not chosen else GAP) * lh:
            break
        chosen.append(s)
        left = min(left, int(s[0]))
    if not chosen or sum(int(s[4]) for s in chosen) < 0.15 * lh * lh:
        return None
    return (min(int(s[0]) for s in chosen), min(int(s[1]) for s in chosen),
            max(int(s[0] + s[2]) for s in chosen), max(int(s[1] + s[3]) for s in chosen))
