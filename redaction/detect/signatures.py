"""Handwritten signatures (and red fingerprints) next to signature labels such as 本人签名.

A signature is the applicant's name too. OCR reads the printed label; the ink to its right or
just below it that is not printed text (well-read OCR lines) and not table rules is the signature.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any, cast

import cv2
import numpy as np
import numpy.typing as npt

from redaction.detect.ink import red_ink_mask
from redaction.detect.match import allowed_errors, approximate_find
from redaction.model.regions import Region
from redaction.model.types import Box, BoxF, Image, Mask, Numeric
from redaction.ocr.base import TextLine
from redaction.text.cjk import is_cjk
from redaction.text.normalize import normalize, normalize_with_map

#: Labels after which a person signs (normalised: no spaces).
SIGNATURE_LABEL = re.compile(
    r"(本人签名|本人签字|本人签章|持证人签名|申请人签名|申报人签名|申报人签字|承诺人签名|承诺人签字|"
    r"个人签名|签名|签字|签章|承诺人|申报人|申请人|被考核人|填表人)[:：]?")
#: Printed text read at least this confidently is not a signature.
PRINTED_SCORE = 0.85
#: Someone else signs after these (主管领导签名, 单位负责人签字, 审核人签名): the word just before the label.
_OTHER_ROLES = (r"(领导|负责人|审核人|审批人|复核人|经办人|评语人|考核人|评议人|鉴定人|证明人|推荐人|"
                r"校对人|主管|法定代表人|法人代表|书记|主任|局长|院长|校长|科长|组长|委员|部门|单位|柜员|经办|机构)")
OTHER_SIGNER = re.compile(_OTHER_ROLES + "$")
#: A form's row label (the cell left of a bare 签名) saying whose opinion the row is: 主管领导评语,
#: 单位负责人意见, 审核意见, 考核委员会意见. 本人意见 and 个人总结 are the applicant's own.
OTHERS_ROW = re.compile(r"(领导|负责人|评语|审核|审批|考核等次|考核小组|委员会|主管部门|推荐|单位意见|机关)")
#: A date line (年 月 日, printed blank or filled in) is not a signature, however poorly it reads.
DATE_LINE = re.compile(r"年.{0,8}月.{0,8}日?$")


def _label_matches(line: TextLine) -> Iterator[tuple[BoxF, BoxF, int]]:
    """The applicant's signature labels on `line`: the boxes of each label's first and last
    characters and where it ends in the normalised text."""
    norm, index = normalize_with_map(line.text)
    for m in SIGNATURE_LABEL.finditer(norm):
        # 主管领导签名, 发证机构负责人（签章）, 经办柜员签章: someone else signs here
        if OTHER_SIGNER.search(norm[:m.start()].rstrip("(（[【 ")):
            continue
        # A label only if the line ends there or continues after a colon/space: 申报人基本情况 is a heading.
        rest = norm[m.end():]
        if rest and not (m.group(0).endswith((":", "：")) or rest.startswith(("(", "（", "_"))):
            if len(rest) > 2:
                continue
        first, last = index[m.start()], index[m.end() - 1]
        yield line.char_boxes[first], line.char_boxes[last], m.end()


#: The words of OTHER_SIGNER that name an organisation, not a person: the seal stamped after
#: 单位（签章） may well be the employer's own.
_ORGANISATION_SIGNER = re.compile(r"(部门|单位|机构)$")


#: A line that is only another person's role and a colon (法定代表人：, 单位负责人：): they sign or
#: stamp their name seal after it as after 负责人签字 (synth3 seed 38: 王建新印 over 王建新 signed
#: after a bare 法定代表人：). Short, so a sentence ending in 主任： is not one.
_BARE_ROLE = re.compile(r".{0,4}?" + _OTHER_ROLES + "[:：]")


def other_persons_labels(lines: Sequence[TextLine], with_value: bool = False) -> list[BoxF]:
    """Boxes of the labels after which another person signs or stamps their name seal
    (经办柜员签章, 审核人签字, 负责人（签章）, a bare 法定代表人：), not an organisation (单位签章).
    `with_value`: also such a role and its colon beginning a line that goes on (法定代表人：宝音, the
    name written or signed after it)."""
    boxes: list[BoxF] = []
    for ln in lines:
        if ln.source != "page":
            continue
        norm, index = normalize_with_map(ln.text)
        bare = _BARE_ROLE.fullmatch(norm) or (_BARE_ROLE.match(norm) if with_value else None)
        if bare and not _ORGANISATION_SIGNER.search(bare.group(1)):
            if bare.end() == len(norm) or len(ln.char_boxes) != len(ln.text):
                boxes.append(ln.bbox)
            else:
                last = ln.char_boxes[index[bare.end() - 1]]
                boxes.append((ln.bbox[0], ln.bbox[1], last[2], ln.bbox[3]))
            continue
        for m in SIGNATURE_LABEL.finditer(norm):
            before = norm[:m.start()].rstrip("(（[【 ")
            if OTHER_SIGNER.search(before) and not _ORGANISATION_SIGNER.search(before):
                if len(ln.char_boxes) != len(ln.text):
                    boxes.append(ln.bbox)
                    continue
                first, last = ln.char_boxes[index[m.start()]], ln.char_boxes[index[m.end() - 1]]
                boxes.append((first[0], min(first[1], last[1]), last[2], max(first[3], last[3])))
    return boxes


def _ink_mask(gray: Numeric, line_height: float) -> npt.NDArray[np.integer[Any]]:
    """Dark ink without long straight rules (table borders, underlines to sign on)."""
    ink = (gray < 140).astype(np.uint8)
    length = max(15, int(3 * line_height))
    horizontal = cast(Image, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8)))
    vertical = cast(Image, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8)))
    return ink & ~(horizontal | vertical) & 1


def _local_ink(gray: Numeric, area: Box, line_height: float) -> npt.NDArray[np.integer[Any]]:
    """`_ink_mask` of one search area only (not the whole page per label): computed on the area
    grown by a rule's length, so rules crossing it are still long enough to be recognised."""
    x0, y0, x1, y1 = area
    grow = max(15, int(3 * line_height))
    h, w = gray.shape
    gx0, gy0, gx1, gy1 = max(0, x0 - grow), max(0, y0 - grow), min(w, x1 + grow), min(h, y1 + grow)
    ink = _ink_mask(gray[gy0:gy1, gx0:gx1], line_height)
    return ink[y0 - gy0:y1 - gy0, x0 - gx0:x1 - gx0]


def find_signatures(image: Image, lines: list[TextLine], red: Mask | None = None,
                    gray: Numeric | None = None, names: Sequence[str] = ()) -> list[Region]:
    """`signature` regions (and `fingerprint` regions for red ink) beside signature labels.
    `names`: the applicant's names (normalised), looked for loosely in text read beside a label
    (`_read_signature`)."""
    h, w = image.shape[:2]
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if gray is None else gray
    red = red_ink_mask(image) if red is None else red
    printed = np.zeros((h, w), np.uint8)
    for ln in lines:
        norm = normalize(ln.text)
        if ln.source == "page" and not SIGNATURE_LABEL.fullmatch(norm) and (
                ln.score >= PRINTED_SCORE or (ln.score >= 0.5 and DATE_LINE.search(norm))):
            x0, y0, x1, y1 = (int(round(v)) for v in ln.bbox)
            printed[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = 1
    regions: list[Region] = []
    for ln in lines:
        if ln.source != "page":
            continue
        for first, last, end in _label_matches(ln):
            if names and _signed_by_another(ln, end, names):
                continue
            lh = max(8.0, ln.height)
            lx0, ly0 = first[0], min(first[1], last[1])
            lx1, ly1 = last[2], max(first[3], last[3])
            if _in_others_row((lx0, ly0, lx1, ly1), lh, lines):
                continue
            if names:
                regions += _read_signature(ln, end, names, lh)
            areas = [
                (lx1 + 0.1 * lh, ly0 - 0.9 * lh, lx1 + 9 * lh, ly1 + 0.9 * lh),      # to the right
                (lx0 - 1.0 * lh, ly1 + 0.1 * lh, lx0 + 9 * lh, ly1 + 3.0 * lh),      # just below
            ]
            # Signed beside the label when ink is found there, or when OCR read something there
            # (a signature read as text, in the label's line or apart, is masked as printed).
            right = [o for o in lines if o.source == "page" and o is not ln
                     and lx1 - 0.5 * lh <= o.bbox[0] <= lx1 + 9 * lh and ly0 <= (o.bbox[1] + o.bbox[3]) / 2 <= ly1]
            beside = ln.bbox[2] > lx1 + lh or bool(right)
            for k, (ax0, ay0, ax1, ay1) in enumerate(areas):
                if k == 1 and beside:
                    break                   # signed beside the label: below is the date or the next row
                x0, y0 = max(0, int(ax0)), max(0, int(ay0))
                x1, y1 = min(w, int(ax1)), min(h, int(ay1))
                if x1 - x0 < 4 or y1 - y0 < 4:
                    continue
                ink = _local_ink(gray, (x0, y0, x1, y1), lh) & (1 - printed[y0:y1, x0:x1])
                box = _ink_box(ink, lh)
                if box is not None and k == 1 and (y0 + (box[1] + box[3]) / 2) > _next_row_top(ln, lines, ay1, lh):
                    box = None                  # ink centred in the form's next row is signed there
                if box is not None:
                    beside = True
                    bx0, by0, bx1, by1 = box
                    pad = 0.3 * lh
                    regions.append(Region("signature", (x0 + bx0 - pad, y0 + by0 - pad, x0 + bx1 + pad, y0 + by1 + pad),
                                          0.6, ln.text.strip(), True))
                finger = _ink_box(red[y0:y1, x0:x1].astype(np.uint8), lh, min_fill=0.15)
                if finger is not None:
                    bx0, by0, bx1, by1 = finger
                    pad = 0.2 * lh
                    regions.append(Region("fingerprint",
                                          (x0 + bx0 - pad, y0 + by0 - pad, x0 + bx1 + pad, y0 + by1 + pad),
                                          0.6, None, True))
    return regions


#: A name of two to four characters read right after a signature label, before the date or the
#: line's end ...
SIGNED_NAME = re.compile(r"^([\u4e00-\u9fff]{2,4})(?=\d|$|[(（])")
#: ... on a line read this confidently, that shares no character with the applicant's names, is
#: the signer's: another person (签名：刘海涛2023年1月14日 at 0.995, the unit head signing the unit's
#: opinion row of an appraisal form: synth3 s8 062 and 064, s9 032 and 062).
SIGNED_SCORE = 0.9


def _signed_by_another(line: TextLine, end: int, names: Sequence[str]) -> bool:
    """Is the text after a signature label (`end` in the normalised text) another person's name
    read clearly (`SIGNED_NAME`, `SIGNED_SCORE`)?"""
    if line.score < SIGNED_SCORE:
        return False
    found = SIGNED_NAME.match(normalize(line.text)[end:])
    return found is not None and not any(c in key for key in names for c in found.group(1))


def _next_row_top(label_line: TextLine, lines: Sequence[TextLine], reach: float, lh: float) -> float:
    """Top of the form's next row under a signature label, within `reach`: a printed label
    (ending in a colon, or a signature label of anyone's) starting no further right than the label's
    line. Ink below an unsigned 留学回国人员签字： centred past it is the next label's signature
    (经办人签字： 高上 on a returnee certificate)."""
    x0, _, _, y1 = label_line.bbox
    tops = [o.bbox[1] for o in lines
            if o.source == "page" and o is not label_line and y1 - 0.2 * lh <= o.bbox[1] < reach
            and o.bbox[0] <= x0 + lh
            and (SIGNATURE_LABEL.search(normalize(o.text)) or normalize(o.text).endswith((":", "：")))]
    return min(tops, default=float("inf"))


def _read_signature(line: TextLine, end: int, names: Sequence[str], lh: float) -> list[Region]:
    """The applicant's name read loosely in the text after a signature label on the label's line
    (`end`: where the label ends in the normalised text). A signature run into its label is read
    with it as one line, often confidently enough to count as print (签名：热万古丽艾则败, 0.87:
    two slips in an eight-character name, one more than a name is allowed elsewhere); beside the
    applicant's own label, text this close to their name is their signature. A short name gains
    nothing here (张晓明 after 填表人 may be whoever filled in the form)."""
    norm, index = normalize_with_map(line.text)
    rest = norm[end:]
    out: list[Region] = []
    for key in names:
        if not all(is_cjk(c) for c in key):
            continue    # a name in Latin letters is no one's handwritten signature here
        # A quarter of the name may be misread, where `match` allows one slip in 4–8 characters:
        # two in 热孜万古丽艾则孜, still one in 欧阳晓燕 (two would leave 欧阳, another's surname).
        k = max(allowed_errors(len(key)), len(key) // 4)
        found = approximate_find(key, rest, k)[:1]
        pad = 0.3 * lh
        for start, stop, _ in found:
            boxes = [line.char_boxes[index[end + i]] for i in range(start, stop)]
            right = max(b[2] for b in boxes)
            out.append(_signature_region(line, key, boxes, right, pad))
        if not found and rest and len(rest) < len(key) and key.startswith(rest):
            # The name read only as far as its first characters (承诺人：耿 for 耿浩), the line's box
            # running on past them: the recogniser dropped the rest of the handwritten name, whose
            # ink the line holds. The name runs to the line's end.
            boxes = [line.char_boxes[index[end + i]] for i in range(len(rest))]
            if line.bbox[2] - max(b[2] for b in boxes) >= DROPPED_INK * lh:
                out.append(_signature_region(line, key, boxes, line.bbox[2], pad))
    return out


def _signature_region(line: TextLine, key: str, boxes: Sequence[BoxF], right: float, pad: float) -> Region:
    """The signature over `boxes` (characters of `line`) out to `right`, padded by `pad`."""
    return Region("signature", (min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad,
                                right + pad, max(b[3] for b in boxes) + pad),
                  0.6, line.text.strip(), True, extra={"term": key})


#: A line's box running this many line heights past its last character read holds ink the
#: recogniser dropped (a handwritten character it could not read).
DROPPED_INK = 0.5


def _in_others_row(label: BoxF, lh: float, lines: list[TextLine]) -> bool:
    """Is a signature label in a form row that is someone else's opinion (`OTHERS_ROW`)?"""
    return label_says(row_label(label, lh, lines), OTHERS_ROW)


def label_says(row: tuple[str, bool] | None, words: re.Pattern[str]) -> bool:
    """Does a row label (`row_label`) hold one of `words` (an alternation)? Read down a column, a
    word whose characters are all there: two columns read across (考核小组意见 down two columns is
    read 组考 / 意核 / 见小)."""
    if row is None:
        return False
    text, down_column = row
    if down_column:
        return any(all(c in text for c in word) for word in words.pattern.strip("()").split("|"))
    return words.search(text) is not None


def row_label(box: BoxF, lh: float, lines: Sequence[TextLine], above: float = 8.0,
              below: float = 1.5, cell: bool = False) -> tuple[str, bool] | None:
    """(text, read down a narrow column) of the label of the form row holding `box`: the short
    printed line nearest in height among those well to its left (the table's label column), from
    `above` line heights over the box's middle to `below` under it (a tall cell's label sits over
    what is written low in it). None where no such line is. `cell`: a label of a character or
    two a line is read on through the lines of any length just over and under it in its column
    (主管部门 / 意见), and no further; else through the column's short lines in that reach."""
    lx0, ly0, _, ly1 = box
    mid = (ly0 + ly1) / 2
    best: tuple[float, str, BoxF] | None = None
    for ln in lines:
        if ln.source != "page":
            continue
        x0, y0, x1, y1 = ln.bbox
        norm = normalize(ln.text)
        if x1 > lx0 - 2 * lh or not 0 < len(norm) <= 10 or norm.endswith(("。", "，", "；")):
            continue
        centre = (y0 + y1) / 2
        if not mid - above * lh <= centre <= mid + below * lh:
            continue
        d = abs(mid - centre)
        if best is None or d < best[0]:
            best = (d, norm, ln.bbox)
    if best is None:
        return None
    if len(best[1]) > 2:
        return best[1], False
    # A row label written down a narrow column, a character or two a line (主 / 管 / 领 / 导 /
    # 评 / 语): read down the column, over the cell's height above the label (not below it:
    # the next row's label may start just under the applicant's own 本人签名).
    if cell:
        return _label_cell(best[2], lh, lines), True
    bx0, _, bx1, _ = best[2]
    column = sorted((ln.bbox[1], normalize(ln.text)) for ln in lines
                    if ln.source == "page" and len(normalize(ln.text)) <= 2
                    and min(ln.bbox[2], bx1) - max(ln.bbox[0], bx0) > 0.5 * min(ln.bbox[2] - ln.bbox[0], bx1 - bx0)
                    and mid - above * lh <= (ln.bbox[1] + ln.bbox[3]) / 2 <= mid + 0.5 * lh)
    return "".join(t for _, t in column), True


#: A gap between a cell's label lines this many times their usual gap ends the cell (see `_label_cell`).
CELL_GAP_RATIO = 3.0


def _label_cell(first: BoxF, lh: float, lines: Sequence[TextLine]) -> str:
    """The label lines in `first`'s column that run on from it up and down, each under a line
    height from the next (one cell's label broken over lines) and no gap far wider than the
    others between them (the rule before the next cell's label), read top to bottom."""
    column = sorted(((ln.bbox, normalize(ln.text)) for ln in lines
                     if ln.source == "page" and 0 < len(normalize(ln.text)) <= 10
                     and min(ln.bbox[2], first[2]) - max(ln.bbox[0], first[0])
                     > 0.5 * min(ln.bbox[2] - ln.bbox[0], first[2] - first[0])),
                    key=lambda line: line[0][1])       # top to bottom
    at = next(i for i, (b, _) in enumerate(column) if b == first)
    gaps = [below[0][1] - above[0][3] for above, below in pairwise(column)]   # gaps[i]: i to i + 1
    lo = hi = at
    while lo > 0 and gaps[lo - 1] < lh:
        lo -= 1
    while hi < len(gaps) and gaps[hi] < lh:
        hi += 1
    # Labels stacked a character a line run on across the rule between two cells when the rows are
    # tight (synth3 s40 026: 考/核/委/员/会/意/见 touching, then 38 px to 主管部门审核意见 under it, a
    # line height 40): a gap over half a line and CELL_GAP_RATIO times the run's usual gap ends it.
    if hi - lo >= 2:
        wide = max(0.5 * lh, CELL_GAP_RATIO * max(1.0, float(np.median(gaps[lo:hi]))))
        lo = max([i + 1 for i in range(lo, at) if gaps[i] > wide], default=lo)
        hi = min([i for i in range(at, hi) if gaps[i] > wide], default=hi)
    return "".join(t for _, t in column[lo:hi + 1])


def _rule_like(stats: npt.NDArray[np.integer[Any]], line_height: float) -> bool:
    """A long thin blob: a table rule on a skewed scan, which the straight opening in `_ink_mask`
    leaves in steps (a 1° skew shifts a 3-px rule a pixel every 57 px), or a red rule (seen whole
    by the fingerprint test). Up to ~3.5° of slope; handwriting is taller than that."""
    w, h = int(stats[2]), int(stats[3])
    thin = 0.3 * line_height
    return (w >= 2 * line_height and h <= thin + 0.06 * w) or (h >= 2 * line_height and w <= thin + 0.06 * h)


def _ink_box(ink: npt.NDArray[np.integer[Any]], line_height: float, min_fill: float = 0.0) -> Box | None:
    """Bounding box of the meaningful ink blobs in `ink`, or None when there is (almost) none."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = [s for s in stats[1:] if s[4] >= max(6, 0.01 * line_height ** 2) and not _rule_like(s, line_height)]
    if not keep:
        return None
    total = sum(int(s[4]) for s in keep)
    if total < 0.15 * line_height ** 2:
        return None
    x0 = min(s[0] for s in keep)
    y0 = min(s[1] for s in keep)
    x1 = max(s[0] + s[2] for s in keep)
    y1 = max(s[1] + s[3] for s in keep)
    if min_fill and total / max(1, (x1 - x0) * (y1 - y0)) < min_fill:
        return None
    return x0, y0, x1, y1
