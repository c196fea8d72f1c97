"""Find the profile's names and employers in OCR lines and turn them into padded sub-line boxes.

Tolerates what real scans do to text: OCR slips (one wrong/missing/extra character in terms of
4+ characters, two in terms of 9+, three in terms of 12+), spaces and U+3000 padding inside names, any middle dot (or
none) in Uyghur/Kazakh names, traditional forms, and terms broken across two lines or two cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from redaction.model.profile import Profile, Term
from redaction.model.regions import Region
from redaction.model.types import Box, BoxF, Floats
from redaction.ocr.base import TextLine, char_weight
from redaction.text.cjk import is_cjk
from redaction.text.normalize import MIDDLE_DOTS, normalize, normalize_with_map
from redaction.text.ownwords import names_own_words
from redaction.text.pinyin import latin_name_pattern, run_together_pattern

#: Horizontal padding in character widths (measured: 0.25 covered every occurrence).
PAD_CHARS = 0.25
#: ... for a piece of at most `SHORT_PIECE` characters: a character box placed by the recogniser's
#: columns can sit a sixth of a character off (a large handwritten 庄磊, a name's one character
#: wrapped to a line's end), which a two-character name cannot afford (90 % must be covered).
SHORT_PAD_CHARS = 0.4
SHORT_PIECE = 3
#: Vertical padding as a fraction of the line height, before clipping at neighbouring lines.
PAD_LINE = 0.15
#: ... and above it after it: a neighbour's box reaching into this line (a loose box round a line
#: of big characters above an English line) leaves the capitals' tops outside the tight OCR box
#: covered (Zuo Jia on a real certificate: 5 px of 50 above the box, 0.85 covered). Not below: the
#: loose box's own bottom padding would then reach into the small line under it (Zou Xian there).
MIN_PAD_LINE = 0.1


NUMERALS = frozenset("〇零一二三四五六七八九十百千0123456789")
#: What the recogniser makes of a small middle dot when not a dot: 阿依古丽•买买提 in a phone
#: photo's author bio read as 阿依古丽0买买提.
DOT_MISREADS = frozenset("0〇o")


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def _ends_alike(found: str, key: str) -> bool:
    """Two of the term's last three letters, in order, among the last four found."""
    tail, end = found[-4:], key[-3:]
    return any(_is_subsequence(end[:i] + end[i + 1:], tail) for i in range(len(end)))


#: Stands in a dotted name's key where its dot was: matches one character or none, free.
DOT_SLOT = "\ue000"


def _dot_slot(term: Term) -> int | None:
    """Where a name's middle dot falls in its normalised key (None: no dot, or at an end)."""
    for i, c in enumerate(term.text):
        if c in MIDDLE_DOTS:
            at = len(normalize(term.text[:i]))
            return at if 0 < at < len(term.key) else None
    return None


#: Numerals that are also common misreadings of other characters (自 read 百): counted only beside
#: another numeral (第一百中学), alone they are a slip (昌吉市自然资源局's ring read 昌离市百然资源局).
_LARGE_NUMERALS = frozenset("百千")


def numerals_compatible(term: str, found: str) -> bool:
    """A fuzzy hit may lose a numeral (OCR drops a thin 一) but not bring its own: 第十三中学 is
    another school than 第一中学, whatever the edit distance says."""
    def counted(i: int, c: str) -> bool:
        beside = found[max(0, i - 1):i] + found[i + 1:i + 2]
        return c in NUMERALS and (c not in _LARGE_NUMERALS or any(b in NUMERALS for b in beside))

    found_numerals = "".join(c for i, c in enumerate(found) if counted(i, c))
    return _is_subsequence(found_numerals, "".join(c for c in term if c in NUMERALS))


#: Characters that end a place's name and a unit's: a slip that turns one into another of its
#: kind is no misreading (the recogniser does not mistake 县 for 区) but another place or unit:
#: 哈密市伊吾县教育局 is not 哈密市伊州区教育局, 塔城地区畜牧兽医站 not 塔城地区畜牧兽医局.
PLACE_ENDS = frozenset("省市县区州旗盟镇乡")
UNIT_ENDS = frozenset("局站所处院校厅队馆场厂")
#: Words that name a department: a hit naming one the term does not, where the term names one
#: the hit does not, is another department of the same place (…自治州水利局 for …自治州气象局).
DEPARTMENTS = ("教育", "水利", "水务", "气象", "自然资源", "国土资源", "林业", "草原", "人力资源", "社会保障",
               "卫生", "健康", "财政", "公安", "交通", "运输", "农业", "农村", "畜牧", "兽医", "住房",
               "城乡建设", "生态环境", "环境保护", "市场监督", "文化", "旅游", "广播电视", "体育", "民政",
               "司法", "审计", "统计", "税务", "商务", "发展和改革", "科学技术", "工业和信息化", "应急管理",
               "地质", "矿产", "疾病预防", "医疗保障", "退役军人", "档案", "粮食", "人民防空", "供销",
               # what kind of hospital: a prefecture's 中医医院 is not its 人民医院 (synth3 s8 039: two
               # slips in fifteen characters, within what matching allows)
               "人民医院", "中医", "妇幼", "中心医院", "肿瘤", "儿童医院", "口腔", "精神卫生", "传染病",
               # a human-resources bureau's ring read in part (人力武鑫粉社农保障局, synth3 s12 020)
               "人力", "保障")


def edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings: plain DP)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def substitutions(term: str, found: str, kind_swap: float = 1.0) -> list[tuple[str, str]]:
    """The (term character, found character) pairs an alignment of least edits substitutes.
    `kind_swap` < 1 costs a place's ending for another's, or a unit's (`PLACE_ENDS`, `UNIT_ENDS`),
    less than other slips: of equally short alignments of a partial reading, the one that pairs
    伊州区 with 伊吾县 (州/吾, 区/县) rather than 区/吾."""
    return [(term[i], found[j]) for i, j in _aligned(term, found, kind_swap)
            if i is not None and j is not None and term[i] != found[j]]


def slipped_in(term: str, found: str) -> set[int]:
    """Positions in `found` that an alignment of least edits with `term` substitutes or inserts."""
    return {j for i, j in _aligned(term, found) if j is not None and (i is None or term[i] != found[j])}


def _aligned(term: str, found: str, kind_swap: float = 1.0) -> list[tuple[int | None, int | None]]:
    """An alignment of least edits, last pair first: (term index, found index) for a character
    kept or substituted, (i, None) for one of the term's dropped, (None, j) for one inserted
    (`kind_swap`: see `substitutions`)."""
    def cost(a: str, b: str) -> float:
        if a == b:
            return 0.0
        same_kind = (a in PLACE_ENDS and b in PLACE_ENDS) or (a in UNIT_ENDS and b in UNIT_ENDS)
        return kind_swap if same_kind else 1.0

    m, n = len(term), len(found)
    d = [[float(i + j) if i == 0 or j == 0 else 0.0 for j in range(n + 1)] for i in range(m + 1)]
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost(term[i - 1], found[j - 1]))
    out: list[tuple[int | None, int | None]] = []
    i, j = m, n
    while i > 0 and j > 0:
        if d[i][j] == d[i - 1][j - 1] + cost(term[i - 1], found[j - 1]):
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j] + 1:
            out.append((i - 1, None))
            i -= 1
        else:
            out.append((None, j - 1))
            j -= 1
    out += [(k, None) for k in reversed(range(i))] + [(None, k) for k in reversed(range(j))]
    return out


def _other_unit_next(term: str, found: str, after: str) -> bool:
    """Does a fuzzy hit stop short of the term's unit ending where the text just `after` it goes
    on to another one first? 塔城地区畜牧兽 (for 塔城地区畜牧局, 局 read as 兽) in 塔城地区畜牧兽医站
    names the 站; 塔城地区畜牧 / 局所属 is the 局 wrapped."""
    end = term[-1]
    if end not in UNIT_ENDS or found.endswith(end):
        return False
    first = next((c for c in after if c in UNIT_ENDS), None)
    return first is not None and first != end


def _other_word_across(term: str, text: str, end: int) -> bool:
    """Does a department's word the term lacks (`DEPARTMENTS`) run across a fuzzy hit's end in
    `text`? synth4 s23 064: 二师铁门关市中 of …第二师铁门关市中医医院, a slip from 二师铁门关市一中 (the
    applicant's 第一中学, shortened), is the city's hospital of Chinese medicine."""
    return any(w not in term and any(text.startswith(w, i) for i in range(max(0, end - len(w) + 1), end))
               for w in DEPARTMENTS)


def places(name: str) -> list[tuple[int, int]]:
    """The places of an organisation's name as (start, end) indices, `end` its ending's own
    (`PLACE_ENDS`): each runs from the character after the previous ending (吐鲁番市 | 高昌区 of
    吐鲁番市高昌区自然资源局)."""
    spans, start = [], 0
    for i, c in enumerate(name):
        if c in PLACE_ENDS:
            spans.append((start, i))
            start = i + 1
    return spans


def one_place_apart(longer: str, shorter: str) -> bool:
    """Is `shorter` `longer` without one place of its name, not its first (吐鲁番市自然资源局 is
    吐鲁番市高昌区自然资源局 without 高昌区): the parent's body, or the child's?"""
    return any(start > 0 and end - start >= 1 and longer[:start] + longer[end + 1:] == shorter
               for start, end in places(longer))


#: An ordinal in an organisation's name (第一, 第十三, 第二): which of a place's hospitals or schools.
_ORDINAL = re.compile("第[" + "".join(sorted(NUMERALS)) + "]+")


def same_organisation(term: str, found: str) -> bool:
    """May a fuzzy hit `found` of the employer `term` be it misread? Not when a slip swaps a
    place's or a unit's ending for another (`PLACE_ENDS`, `UNIT_ENDS`), nor when the hit is the
    term with a whole place of its name left out or put in (`one_place_apart`: the city's bureau
    for the district's, or the district's for the city's), nor when it leaves out the term's
    ordinal whole (`_ORDINAL`: 喀什地区人民医院 is not 喀什地区第一人民医院 — OCR drops a thin 一, not
    the 第 before it too), nor when the hit names another department (`DEPARTMENTS`)."""
    if one_place_apart(term, found) or one_place_apart(found, term):
        return False
    if any(not any(c in found for c in m.group()) for m in _ORDINAL.finditer(term)):
        return False
    for a, b in substitutions(term, found):
        if (a in PLACE_ENDS and b in PLACE_ENDS) or (a in UNIT_ENDS and b in UNIT_ENDS):
            return False
    other = [w for w in DEPARTMENTS if w in found and w not in term]
    if other and any(w in term and w not in found for w in DEPARTMENTS):
        return False
    # A department the hit names in place of two characters or more of the term's own name (…自治
    # 州人民医院 for …自治州友谊医院, …自治州审计局 for …自治州林草局: synth5 s0 035, 067): a slip does
    # not spell a department's word; another unit of the same place does.
    slipped = slipped_in(term, found)
    return not any(len(slipped & set(range(found.index(w), found.index(w) + len(w)))) >= 2 for w in other)



def term_length(key: str) -> int:
    """A normalised term's length in CJK characters: a Latin letter or digit counts half (Zuo Jia
    is as short as 左佳 is long, and as easily another person's with one letter changed)."""
    return int(round(sum(char_weight(c) for c in key)))


def allowed_errors(term_length: int) -> int:
    """Edits tolerated in a term of this many characters (normalised; see `term_length`)."""
    # 3 in 12+: a seal stamped over a long printed name (太原孤残儿童特殊教育学校 read as
    # 原孤儿童特教育学校) loses a quarter of it even on the red channel.
    if term_length >= 12:
        return 3
    if term_length >= 9:
        return 2
    if term_length >= 4:
        return 1
    return 0


#: A Latin term this long tolerates one slip in LATIN_SLIP_LETTERS letters, at most
#: LATIN_MAX_SLIPS (see `allowed_errors_for`).
LATIN_LONG, LATIN_SLIP_LETTERS, LATIN_MAX_SLIPS = 20, 6, 6


def allowed_errors_for(key: str) -> int:
    """Edits tolerated in the normalised term `key`. A long Latin term gets more than its
    half-weight letters give it: small English print loses its spaces and a letter a word
    (Beijing Institute of Technology, Zhuhai read as BejingInstitutfTechnologyZhua, five letters
    lost in 34), and 20+ letters with a slip in six stay apart from another organisation's name
    (Harbin Institute of Technology, Weihai is seven away). Its punctuation (the comma) may be
    read or not, on top."""
    k = allowed_errors(term_length(key))
    letters = sum(c.isalnum() for c in key)
    if key.isascii() and letters >= LATIN_LONG:
        k = max(k, min(LATIN_MAX_SLIPS, letters // LATIN_SLIP_LETTERS) + len(key) - letters)
    return k


#: Characters of one line this many line heights apart or more are two words.
WORD_GAP = 0.5


@dataclass
class _Unit:
    """A line (or two joined lines) as normalised text with a box per normalised character."""

    text: str
    boxes: list[BoxF]
    heights: list[float]
    scores: list[float]
    line_ids: list[int]
    opens: list[bool]      # the character starts a word (no Latin letter before it in the line)
    closes: list[bool]     # the character ends a word


def _apart(unit: _Unit, a: int, b: int) -> bool:
    """Are characters a and b (a before b) of one line a word gap apart?"""
    return (unit.line_ids[a] == unit.line_ids[b]
            and unit.boxes[b][0] - unit.boxes[a][2] >= WORD_GAP * max(unit.heights[a], unit.heights[b]))


def _is_latin_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def _line_unit(line: TextLine, line_id: int) -> _Unit:
    norm, index = normalize_with_map(line.text)
    boxes = [line.char_boxes[i] for i in index]
    h = line.height
    opens = [not _is_latin_letter(line.text, i - 1) for i in index]
    closes = [not _is_latin_letter(line.text, i + 1) for i in index]
    return _Unit(norm, boxes, [h] * len(norm), [line.score] * len(norm), [line_id] * len(norm), opens, closes)


def _join(a: _Unit, b: _Unit) -> _Unit:
    return _Unit(a.text + b.text, a.boxes + b.boxes, a.heights + b.heights,
                 a.scores + b.scores, a.line_ids + b.line_ids, a.opens + b.opens, a.closes + b.closes)


def approximate_find(term: str, text: str, k: int,
                     unreadable: frozenset[str] = frozenset()) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, errors) occurrences of `term` in `text` with ≤ k edits
    (Sellers' semi-global edit distance), best first by errors then position. A term character in
    `unreadable` (outside the recogniser's dictionary) matches any one character or none, free."""
    m, n = len(term), len(text)
    if m == 0 or n == 0:
        return []
    free = [c in unreadable for c in term]
    if k == 0 and not any(free):
        # Overlapping occurrences too: in 婷婷婷 the name 婷婷 covers all three characters.
        out, start = [], text.find(term)
        while start >= 0:
            out.append((start, start + m, 0))
            start = text.find(term, start + 1)
        return out
    # Cheap filter: enough of the term's readable characters must be present at all.
    readable = {c for c, f in zip(term, free, strict=True) if not f}
    present = sum(1 for c in readable if c in text)
    if present < len(readable) - k:
        return []
    inf = m + n + 1
    # prev[j]: distance of term[:i] ending at text[:j]; start[j]: where that alignment starts.
    prev = [0] * (n + 1)
    pstart = list(range(n + 1))
    for i in range(1, m + 1):
        cur = [i] + [inf] * n
        cstart = [0] * (n + 1)
        ti, skip = term[i - 1], (0 if free[i - 1] else 1)
        for j in range(1, n + 1):
            best, bstart = prev[j - 1] + (skip and ti != text[j - 1]), pstart[j - 1]
            if prev[j] + skip < best:
                best, bstart = prev[j] + skip, pstart[j]
            if cur[j - 1] + 1 < best:
                best, bstart = cur[j - 1] + 1, cstart[j - 1]
            cur[j], cstart[j] = best, bstart
        prev, pstart = cur, cstart
    shortest = max(1, m - k - sum(free))
    candidates = []
    for j in range(1, n + 1):
        d = prev[j]
        if d <= k:
            # keep local minima only (the best end for this alignment)
            if j < n and prev[j + 1] < d and pstart[j + 1] == pstart[j]:
                continue
            s = pstart[j]
            if j - s >= shortest:
                candidates.append((s, j, d))
    candidates.sort(key=lambda c: (c[2], -(c[1] - c[0]), c[0]))
    chosen: list[tuple[int, int, int]] = []
    for s, e, d in candidates:
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, d))
    return sorted(chosen, key=lambda c: c[0])


def unreadable_in(key: str, readable: frozenset[str] | None) -> frozenset[str]:
    """The term's characters recognition can never output. Wildcards only where at least two of
    its characters can be read: a 2-character name with a rare one would otherwise match its
    surname and anything after it."""
    if not readable:
        return frozenset()
    missing = frozenset(c for c in key if c not in readable)
    return missing if sum(1 for c in key if c not in missing) >= 2 else frozenset()


#: How far below a line (in line heights) the next line of its paragraph or cell may begin: an
#: appointment letter's double-spaced lines stand 1.9 heights apart. Only the nearest row below
#: continues a line, so a wider reach does not skip a line of single-spaced text.
CONTINUATION_GAP = 3.0


#: How far (in line heights) the next piece of a row may begin inside the end of the one before:
#: the text detector pads its boxes, and a line it cuts in two at a name's dot (麦麦提江・艾合)
#: gives two boxes overlapping by half a height (0.51 measured).
ROW_OVERLAP = 0.6


def level(a: TextLine, b: TextLine) -> bool:
    """Are two lines on one level: overlapping half the smaller one's height (as `same_row` asks)?"""
    return min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1]) > 0.5 * min(a.height, b.height)


def same_row(a: Sequence[Any], b: Sequence[Any], h: Any) -> Any:
    """Is box b the next cell on box a's row (boxes x0, y0, x1, y1, or their columns broadcast
    against each other): overlapping half of `h` (the lines' smaller height) in height, starting
    right of a's end, `ROW_OVERLAP` of a height of slack?"""
    overlap = np.minimum(a[3], b[3]) - np.maximum(a[1], b[1])
    return (overlap > 0.5 * h) & (b[0] >= a[2] - ROW_OVERLAP * h)


#: Characters a paragraph's line may begin with before a name (在, 于, 经 …): a line beginning
#: with a shorter form of the employer this close to its start is a paragraph's.
SENTENCE_LEAD = 2


#: Pieces of one row the text detector cut apart stand at most this many line heights apart.
ROW_PIECE_GAP = 1.0


#: A line whose middle lies this many line heights below another's is on a row below it.
HANDWRITTEN_BELOW = 1.0
#: A line's row ends at most this many heights of the line below it under its top: a line that
#: much taller than the next is two rows read as one (a journal's two columns, their rows offset).
MERGED_ROWS = 1.5


def _row_end(y0: Any, y1: Any, h: Any) -> Any:
    """Where the row of a line spanning `y0`–`y1` ends for a line `h` tall below it (scalars or
    arrays broadcast): at most `MERGED_ROWS` of `h` under its top."""
    return np.minimum(y1, y0 + MERGED_ROWS * h)


def continuation_pairs(lines: list[TextLine]) -> list[tuple[int, int]]:
    """(i, j) where line j can continue line i: the next cell on the same row (a little to the
    right), or a line of the nearest row below that overlaps it horizontally. All pairs at once
    (a dense journal page has ~90 lines, so ~8000 pairs)."""
    if len(lines) < 2:
        return []
    box = _deskewed_boxes(lines)
    height = np.array([ln.height for ln in lines], dtype=np.float64)
    ax0, ay0, ax1, ay1 = (box[:, k, None] for k in range(4))    # a = line i, down the rows
    bx0, by0, bx1, by1 = (box[None, :, k] for k in range(4))    # b = line j, across the columns
    h = np.maximum(1.0, np.minimum(height[:, None], height[None, :]))
    row = same_row((ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1), h)
    # The last piece of a row the text detector cut in pieces (本人在新疆生产建设兵团第一师阿拉
    # after 找差距，…2018年，) wraps on to the next row's start as the whole row would: below it,
    # where that row begins (synth3 s21 046, a phone photo's paragraph). Pieces, not cells: they
    # touch (a sign-off's two columns stand apart; own corpus 075's right one is no wrap of the left).
    start = _row_starts(box[:, 0], row & (bx0 - ax1 < ROW_PIECE_GAP * h))
    ax0 = np.where(row.any(axis=1), box[:, 0], start)[:, None]
    # (Or its middle well below: two lines written in pen slant apart, their boxes overlapping.
    # Or below the row where a line much taller than it begins: two columns' rows read as one
    # line, the right one's lower, stand that tall; synth4 s5 023.)
    below = (((by0 >= _row_end(ay0, ay1, h) - 0.4 * h) | ((by0 + by1) - (ay0 + ay1) >= 2 * HANDWRITTEN_BELOW * h)
              | _below_own_slope(lines, h))
             & (by0 - ay1 < CONTINUATION_GAP * h)
             & (bx0 < ax1) & (bx1 > ax0 - 2 * h) & ~row)
    np.fill_diagonal(below, False)
    # A line wholly left of the line's start (a table's label centred on its cell, 工作单位 beside
    # 吐鲁番市高昌区住房和城乡建 / 设局) is no continuation when some line below runs under it.
    under = below & (bx1 > ax0)
    below &= under | ~under.any(axis=1, keepdims=True)
    # The nearest row below: lines beginning within half a line of the highest one.
    top = np.where(below, by0, np.inf).min(axis=1, keepdims=True)
    below &= by0 <= top + 0.5 * h
    ok = np.where(row, bx0 - ax1 < 4.0 * h, below)
    np.fill_diagonal(ok, False)
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(ok), strict=False)]


def _below_own_slope(lines: list[TextLine], h: Floats) -> npt.NDArray[np.bool_]:
    """[i, j]: does line j begin below line i where it begins, by line i's own slope (its quad's
    bottom edge at j's start, 0.4 of a line of slack)? On a phone photo the lines' slopes differ
    (a page bowed or seen at an angle): deskewed by the page's median slope, a long line sloping
    more keeps a box two rows tall, and the short line under its start, the wrap of a term at its
    end, was taken for its row (synth4 s19 035: …现就职于乌市 / 十三中。, 2.4° against the page's
    median; its wrap was missed)."""
    quads = np.array([ln.quad for ln in lines], dtype=np.float64)           # (n, 4, 2)
    (lx, ly), (rx, ry) = quads[:, 3].T, quads[:, 2].T                       # bottom edge, left to right
    slope = (ry - ly) / np.where(np.abs(rx - lx) < 1.0, 1.0, rx - lx)
    start_x, start_y = quads[:, 0, 0], quads[:, 0, 1]                       # top-left corner
    x = np.clip(start_x[None, :], np.minimum(lx, rx)[:, None], np.maximum(lx, rx)[:, None])
    bottom = ly[:, None] + slope[:, None] * (x - lx[:, None])
    return cast(npt.NDArray[np.bool_], start_y[None, :] >= bottom - 0.4 * h)


def _row_starts(x0: Floats, row: npt.NDArray[np.bool_]) -> Floats:
    """Where each line's row begins: the least x0 of the lines before it on its row (`row[a, b]`:
    b is the next cell after a), following the row leftwards."""
    start: Floats = x0.copy()
    for _ in range(len(x0)):
        new: Floats = np.minimum(start, np.where(row, start[:, None], np.inf).min(axis=0))
        if np.array_equal(new, start):
            break
        start = new
    return start


def _deskewed_boxes(lines: list[TextLine]) -> Floats:
    """Line boxes (x0, y0, x1, y1) in a frame turned so that the page's text runs level. A phone
    photo's lines slope a degree or two: their upright boxes then overlap the next line's, and a
    term wrapped at the end of one line (清华大学国 / 情研究院) would not be seen to continue below.
    Pages whose text is level (within 0.5°) keep their boxes as they are."""
    quads = np.array([ln.quad for ln in lines], dtype=np.float64)          # (n, 4, 2)
    along = (quads[:, 1] - quads[:, 0] + quads[:, 2] - quads[:, 3]) / 2
    length = np.hypot(along[:, 0], along[:, 1])
    heights = np.array([ln.height for ln in lines], dtype=np.float64)
    long_lines = length > 3 * np.maximum(1.0, heights)
    box = np.array([ln.bbox for ln in lines], dtype=np.float64)
    if long_lines.sum() < 2:
        return box
    angle = float(np.median(np.arctan2(along[long_lines, 1], along[long_lines, 0])))
    if abs(np.degrees(angle)) < 0.5 or abs(np.degrees(angle)) > 20:
        return box
    c, s_ = np.cos(-angle), np.sin(-angle)
    x = quads[..., 0] * c - quads[..., 1] * s_
    y = quads[..., 0] * s_ + quads[..., 1] * c
    return np.stack([x.min(axis=1), y.min(axis=1), x.max(axis=1), y.max(axis=1)], axis=1)


#: How far (in line heights) a line's characters may stand beside the line below and still be
#: part of its column.
COLUMN_SLACK = 1.5


def _over_column(unit: _Unit, line: TextLine, below: TextLine) -> tuple[_Unit, _Unit | None] | None:
    """The characters of `line` standing over `below`'s column (within `COLUMN_SLACK` line
    heights of its ends), when `below` is on the next row and `line` runs well past its column:
    two cells of a row read as one line. None when the line is all in the column. With them, the
    column run on to its cell's edge (None when that adds nothing): a wrapped term's first line
    fills its cell, the line below can be short (新疆生产建设兵团第一师阿拉 | 专业技术职 over
    尔市农业科学研究所; synth3 s18 066)."""
    h = max(1.0, min(line.height, below.height))
    if below.bbox[1] < _row_end(line.bbox[1], line.bbox[3], h) - 0.4 * h:
        return None                                 # the same row: no column below
    lo, hi = below.bbox[0] - COLUMN_SLACK * h, below.bbox[2] + COLUMN_SLACK * h
    keep = [k for k, b in enumerate(unit.boxes) if lo <= (b[0] + b[2]) / 2 <= hi]
    if not keep or len(keep) == len(unit.text):
        return None
    run_on = list(keep)
    while run_on[-1] + 1 < len(unit.text):
        k = run_on[-1] + 1
        if unit.boxes[k][0] - unit.boxes[k - 1][2] >= CELL_GAP * h or unit.text[k] in RULE_CHARS:
            break
        run_on.append(k)
    cell = len(keep) < len(run_on) < len(unit.text)  # (none where no cell's edge is found)
    return _subunit(unit, keep), (_subunit(unit, run_on) if cell else None)


#: Marks of a line of prose (as normalised): a comma, a stop, a semicolon, an enumeration comma.
PROSE_MARKS = frozenset(",。;、")


def _ends_at_gap(unit: _Unit, column: _Unit, height: float) -> bool:
    """Does `unit`'s line break where `column` (a part of it, see `_over_column`) ends: the line's
    end, a gap of `CELL_GAP` line heights or a rule read as a character after its last one?"""
    last = next(k for k in range(len(unit.boxes) - 1, -1, -1) if unit.boxes[k] == column.boxes[-1])
    if last + 1 >= len(unit.text):
        return True
    return (unit.boxes[last + 1][0] - unit.boxes[last][2] >= CELL_GAP * max(1.0, height)
            or unit.text[last + 1] in RULE_CHARS)


#: A character this many line heights or more past the column's right end, after a gap of at
#: least `CELL_GAP` line heights, stands in the next cell.
CELL_RIGHT = 0.3
CELL_GAP = 0.3


def _left_cell(unit: _Unit, line: TextLine, first: TextLine) -> _Unit | None:
    """The characters of `line` in `first`'s column, when `line` runs on past its right end into
    the next cell across a gap: a form's red ruling, taken out with the red ink before reading,
    leaves two cells of a row as one line (自治州库尔勒现任职 under 巴音郭楞蒙古, 现任职务 the cell
    beside). None when nothing stands past the column."""
    h = max(1.0, min(line.height, first.height))
    hi = first.bbox[2] + CELL_RIGHT * h
    past = next((k for k, b in enumerate(unit.boxes) if (b[0] + b[2]) / 2 > hi), None)
    if past is None or past == 0:
        return None
    if not (unit.boxes[past][0] - unit.boxes[past - 1][2] >= CELL_GAP * h or unit.text[past] in RULE_CHARS):
        return None
    return _subunit(unit, list(range(past)))


def _extent(unit: _Unit) -> tuple[float, float]:
    """The left and right ends of a unit's characters."""
    return min(b[0] for b in unit.boxes), max(b[2] for b in unit.boxes)


def _subunit(unit: _Unit, keep: list[int]) -> _Unit:
    """The unit's characters at `keep` (in order)."""
    return _Unit("".join(unit.text[k] for k in keep), [unit.boxes[k] for k in keep],
                 [unit.heights[k] for k in keep], [unit.scores[k] for k in keep],
                 [unit.line_ids[k] for k in keep], [unit.opens[k] for k in keep], [unit.closes[k] for k in keep])


#: What a table's ruling reads as when the recogniser takes it for a character.
RULE_CHARS = frozenset("|｜丨│")


#: The gap (line heights) between a form's label and the value cell read into one line with it.
CELL_GAP_UNDER = 0.5


def _under_column(unit: _Unit, line: TextLine, above: TextLine) -> _Unit | None:
    """The characters of `line` standing under `above`'s column, when `line` is on the next row
    and begins well left of it: a form's label cell read into one line with the value cell
    beside it (工作单位|古自治州水 under 巴音郭楞蒙), the rule between them read as a character.
    None when the line is all in the column."""
    h = max(1.0, min(line.height, above.height))
    if line.bbox[1] < above.bbox[3] - 0.4 * h:
        return None                                 # the same row: no column
    lo, hi = above.bbox[0] - 0.5 * h, above.bbox[2] + COLUMN_SLACK * h
    inside = [lo <= (b[0] + b[2]) / 2 <= hi for b in unit.boxes]
    first = next((k for k, ok in enumerate(inside) if ok), None)
    if first is None or first == 0:
        return None
    # Only across a cell's border (a rule read, or a gap): a paragraph's next line begins left of
    # an indented first line and runs on without one. (A red rule is taken out before reading:
    # 工作单位 福海县水利 keeps only the gap, 0.6 line heights, where running text has ~0.1.)
    gap = unit.boxes[first][0] - unit.boxes[first - 1][2]
    if not (unit.text[first - 1] in RULE_CHARS or unit.text[first] in RULE_CHARS or gap > CELL_GAP_UNDER * h):
        return None
    keep = [k for k in range(first, len(unit.text)) if inside[k] and unit.text[k] not in RULE_CHARS]
    if not keep:
        return None
    return _subunit(unit, keep)


def _box_for(unit: _Unit, start: int, end: int, lines: list[TextLine], line_id: int) -> BoxF:
    boxes = [unit.boxes[i] for i in range(start, end) if unit.line_ids[i] == line_id]
    h = max(unit.heights[i] for i in range(start, end) if unit.line_ids[i] == line_id)
    x0 = min(b[0] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y0 = min(b[1] for b in boxes)
    y1 = max(b[3] for b in boxes)
    char_w = max(h * 0.5, min(h, (x1 - x0) / max(1, len(boxes))))
    pad = SHORT_PAD_CHARS if len(boxes) <= SHORT_PIECE else PAD_CHARS
    x0 -= pad * char_w
    x1 += pad * char_w
    top, bottom = y0 - PAD_LINE * h, y1 + PAD_LINE * h
    # Do not reach into the neighbouring lines (dense author bios).
    for other_id, other in enumerate(lines):
        if other_id == line_id:
            continue
        ox0, oy0, ox1, oy1 = other.bbox
        if ox1 <= x0 or ox0 >= x1:
            continue
        ocy = (oy0 + oy1) / 2
        if ocy < y0 and oy1 > top:
            top = max(top, min(y0 - MIN_PAD_LINE * h, (oy1 + y0) / 2))
        elif ocy > y1 and oy0 < bottom:
            bottom = min(bottom, max(y1, (oy0 + y1) / 2))
    return x0, top, x1, bottom


#: A line sloping more than this share of its height over a box's width gets the box in pieces
#: along its slope: an upright box round a sloped line covers the lines above and below at its
#: ends (a photographed journal's English affiliation line: 65 px of box for 30 px of text).
SLOPE_PIECE_RISE = 0.3
MAX_SLOPE_PIECES = 12


def along_slope(box: BoxF, line: TextLine) -> list[BoxF]:
    """`box` (on `line`) as pieces side by side, each as tall as the line's quad over its part of
    the width plus `PAD_LINE`, when the line slopes; `[box]` when it does not (or is vertical).
    The pieces never reach beyond `box`."""
    q = np.asarray(line.quad, dtype=np.float64).reshape(4, 2)
    h = line.height
    dx = ((q[1, 0] - q[0, 0]) + (q[2, 0] - q[3, 0])) / 2
    dy = ((q[1, 1] - q[0, 1]) + (q[2, 1] - q[3, 1])) / 2
    x0, y0, x1, y1 = box
    if h <= 0 or dx <= 2 * h:         # a vertical column, a short or unreadable quad
        return [box]
    slope = dy / dx
    rise = abs(slope) * (x1 - x0)
    if rise <= SLOPE_PIECE_RISE * h:
        return [box]
    n = min(MAX_SLOPE_PIECES, int(np.ceil(rise / (SLOPE_PIECE_RISE * h))))

    def edge(a: np.ndarray, b: np.ndarray, x: float) -> float:
        return float(a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])) if b[0] != a[0] else float(a[1])

    pad = PAD_LINE * h
    xs = np.linspace(x0, x1, n + 1)
    out: list[BoxF] = []
    for a, b in zip(xs[:-1], xs[1:], strict=True):
        top = min(edge(q[0], q[1], a), edge(q[0], q[1], b)) - pad
        bottom = max(edge(q[3], q[2], a), edge(q[3], q[2], b)) + pad
        top, bottom = max(y0, top), min(y1, bottom)
        if bottom > top:
            out.append((float(a), top, float(b), bottom))
    return out or [box]


def _regions_for(unit: _Unit, term: Term, lines: list[TextLine], spanning_only: bool,
                 unreadable: frozenset[str] = frozenset(), min_lines: int = 2,
                 ends: dict[int, tuple[float, float]] | None = None,
                 crossed: frozenset[int] = frozenset()) -> list[Region]:
    """Regions of `term` in `unit`. `ends`: where a wrapped piece's line runs for that line's id
    (default: the line's box; a column of a line read across two cells: the column's).
    `crossed`: indices of the unit's characters read 十 under a seal (`_crossed_ones`)."""
    k = allowed_errors_for(term.key)
    if term.derived:
        # a form made from a listed employer is shorter than it, and a slip in a short form
        # reaches another organisation (巴州水利局 read into 昌州水利局): one slip fewer
        k = max(0, k - 1)
    # A short Latin term must be whole words: "lian" is inside "alliance", "hit,weihai" inside
    # "shit, weihai". (A long one is not inside another word, and OCR may run words together.)
    whole_word = term.key.isascii() and term_length(term.key) <= 6
    out = []
    key, free = term.key, unreadable
    slot = _dot_slot(term) if term.kind == "name" else None
    if slot is not None:
        # The name's dot read as a comma or a stop (木合塔尔，阿不部拉): a character there is free.
        key, free = key[:slot] + DOT_SLOT + key[slot:], unreadable | {DOT_SLOT}
    for start, end, errors in approximate_find(key, unit.text, k, free):
        if term.key.isascii():
            # a Latin term's slip is no Chinese character next to it (…Zhua read on into 专业
            # on the next line)
            while start < end and not unit.text[start].isascii():
                start += 1
            while end > start and not unit.text[end - 1].isascii():
                end -= 1
        elif errors and spanning_only:
            # A slip standing alone on another line at a hit's end is no part of it (务 of a form's
            # 职务 over a handwritten employer: 务骤维吾尔… for 新疆维吾尔…): left out when the term
            # is no further without it.
            if (end - start > 2 and unit.line_ids[start] != unit.line_ids[start + 1] and unit.text[start] != key[0]
                    and edits(key, unit.text[start + 1:end]) <= errors):
                start += 1
            if (end - start > 2 and unit.line_ids[end - 1] != unit.line_ids[end - 2]
                    and unit.text[end - 1] != key[-1] and edits(key, unit.text[start:end - 1]) <= errors):
                end -= 1
        found = unit.text[start:end]
        if whole_word and not (unit.opens[start] and unit.closes[end - 1]):
            continue
        if term.kind == "name" and any(c in MIDDLE_DOTS for c in term.text):
            # a numeral read where the name has its dot is the dot
            found = found[:1] + "".join(c for c in found[1:-1] if c not in DOT_MISREADS) + found[-1:]
        masked_end = end
        if errors and crossed and not numerals_compatible(term.key, found):
            # 一 crossed by a stroke of the seal stamped over it reads 十 (synth4 s23 048: 和田地区
            # 墨玉县第十中学 under the employer's grey seal): the term's 一 there is that slip.
            found = "".join("一" if i in crossed else c for i, c in enumerate(found, start))
        if errors and not numerals_compatible(term.key, found):
            # A numeral read at the hit's end for its last character, where the term is no further
            # without it: a page number printed over the line's end (…城乡建设局 under 第2页 read
            # …城乡建设2页; synth3 s19 012; the mask still covers it, the 局 is under it). Another
            # number inside the name still refuses it.
            while (end - start > 2 and unit.text[end - 1] in NUMERALS and unit.text[end - 1] not in term.key
                   and edits(key, unit.text[start:end - 1]) <= errors):
                end -= 1
            found = unit.text[start:end]
            trimmed = masked_end - end
            # (in place of the term's last characters: what is left ends where they begin)
            if not (trimmed and trimmed < len(key) and found[-1] == key[-trimmed - 1]
                    and numerals_compatible(term.key, found)):
                continue
            # (on its own line only: 湖南省守合同重信用企业 / 2020年度 is no hit reaching into 2020)
            while masked_end > end and unit.line_ids[masked_end - 1] != unit.line_ids[end - 1]:
                masked_end -= 1
        if errors and term.kind == "employer" and not same_organisation(term.key, found):
            continue
        if errors and term.kind == "employer" and _other_unit_next(term.key, found, unit.text[end:end + 3]):
            continue
        if errors and term.kind == "employer" and _other_word_across(term.key, unit.text, end):
            continue
        if (errors >= 3 and unit.text[end - 1] != term.key[-1] and term.key[-1] not in unreadable
                and not (term.key.isascii() and _ends_alike(found, term.key))):
            # The third slip is for characters lost inside a long name (a seal over it), not for
            # a name cut short: 巴音郭楞蒙古自治州 alone, the prefecture of 巴音郭楞蒙古自治州水利局,
            # is in every address there and in other bureaus' names. (A Latin term whose last
            # letters are mostly there is not cut short: Zhuhai read as Zhua.)
            continue
        end = masked_end
        ids = sorted(set(unit.line_ids[start:end]))
        if spanning_only and len(ids) < min_lines:
            continue   # hits on fewer lines were already found on them
        score = float(np.mean(unit.scores[start:end])) * (1.0 - errors / (len(term.key) + 1))
        for n, line_id in enumerate(ids):
            box = _box_for(unit, start, end, lines, line_id)
            if len(ids) == 1 and term.kind == "employer":
                # An employer that fills its line but for a few characters is the whole line (a
                # letterhead whose narrow 土家族苗族 the recogniser squeezed into one symbol): the
                # line's ends are masked too.
                # (in character widths: the rest of Harbin Institute of Technology, Weihai (HIT)
                # is as short as three Chinese characters)
                line_width = sum(char_weight(c) for c, i in zip(unit.text, unit.line_ids, strict=True) if i == line_id)
                term_width = sum(char_weight(c) for c in unit.text[start:end])
                if term_width >= 0.7 * line_width and line_width - term_width <= 3:
                    lx0, _, lx1, _ = lines[line_id].bbox
                    # Not past a word gap: what stands apart from the name is another word (a
                    # person's name before their employer in a list: 金宏睿　杭州电子科技大学).
                    left_apart = start > 0 and _apart(unit, start - 1, start)
                    right_apart = end < len(unit.text) and _apart(unit, end - 1, end)
                    box = (box[0] if left_apart else min(box[0], lx0), box[1],
                           box[2] if right_apart else max(box[2], lx1), box[3])
            if len(ids) >= 2:
                # A term broken across lines runs to the end of the first and from the start of
                # the last (a middle line is all of it), also where a character there was read as
                # nothing (the last one of a sloping line in a phone photo): the piece's box
                # reaches the line's end.
                lx0, _, lx1, _ = lines[line_id].bbox
                if ends is not None and line_id in ends:
                    lx0, lx1 = ends[line_id]
                x0 = box[0] if n == 0 else min(box[0], lx0)
                x1 = box[2] if n == len(ids) - 1 else max(box[2], lx1)
                box = (x0, box[1], x1, box[3])
            for piece in along_slope(box, lines[line_id]):
                out.append(Region(kind=term.kind, bbox=piece, score=round(score, 4),
                                  text=unit.text[start:end], accepted=True,
                                  extra={"term": term.text, "errors": errors}
                                  | ({"derived": True} if term.derived else {})))
    return out


def _lost_its_spaces(text: str) -> bool:
    """An English line OCR read with most of its spaces gone (This istocertify.thatZuoJiawon the
    First…: 10 letters a space; English prints one every 5–6)."""
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    return letters >= 20 and letters > 8 * (text.count(" ") + 1)


def latin_name_regions(lines: list[TextLine], profile: Profile) -> list[Region]:
    """The profile's Han names as printed in Latin letters (ZHANG Xiao-yan, Xiaoyan Zhang: the
    English block of a journal paper, a bilingual certificate), matched whole-word on each line."""
    out = []
    for text in dict.fromkeys((profile.name, *profile.aliases)):
        pattern = latin_name_pattern(text)
        run_together = run_together_pattern(text)
        for line_id, line in enumerate(lines):
            matches = list(pattern.finditer(line.text)) if pattern is not None else []
            if not matches and run_together is not None and _lost_its_spaces(line.text):
                matches = list(run_together.finditer(line.text))
            if not matches:
                continue
            unit = _line_unit(line, line_id)
            _, index = normalize_with_map(line.text)
            for m in matches:
                inside = [i for i, raw in enumerate(index) if m.start() <= raw < m.end()]
                if not inside:
                    continue
                box = _box_for(unit, inside[0], inside[-1] + 1, lines, line_id)
                out.append(Region(kind="name", bbox=box, score=round(line.score, 4), text=m.group(0),
                                  accepted=True, extra={"term": text, "errors": 0, "latin": True}))
    return out


def _crossed_ones(unit: _Unit, seal_boxes: Sequence[Box | BoxF]) -> frozenset[int]:
    """Indices of the unit's 十 whose box's centre lies inside a seal's box: perhaps a 一 with a
    stroke of the seal's ink across it."""
    return frozenset(i for i, c in enumerate(unit.text) if c == "十" and any(
        b[0] <= (unit.boxes[i][0] + unit.boxes[i][2]) / 2 <= b[2]
        and b[1] <= (unit.boxes[i][1] + unit.boxes[i][3]) / 2 <= b[3] for b in seal_boxes))


def match_lines(lines: list[TextLine], profile: Profile, readable: frozenset[str] | None = None,
                page_width: float | None = None, seal_boxes: Sequence[Box | BoxF] = ()) -> list[Region]:
    """Regions (float boxes, unclipped) for every occurrence of the profile's terms. `readable`:
    the characters the recogniser can output (`OcrEngine.characters()`); others match anything.
    `page_width`: the image's width, where lines cut by its sides are looked at (`cut_by_edge`);
    `seal_boxes`: seals on the page, which cut the lines they are stamped over alike."""
    terms = profile.terms()
    unreadable = {term.key: unreadable_in(term.key, readable) for term in terms}
    units = [_line_unit(ln, i) for i, ln in enumerate(lines)]
    regions: list[Region] = []
    on_line: set[tuple[int, str]] = set()       # (line, term) where the term is found whole
    pairs = continuation_pairs(lines)
    after: dict[int, list[int]] = {}
    for i, j in pairs:
        after.setdefault(i, []).append(j)
    for n, unit in enumerate(units):
        crossed = _crossed_ones(unit, seal_boxes)
        for term in terms:
            found = _regions_for(unit, term, lines, False, unreadable[term.key], crossed=crossed)
            if term.kind == "employer":
                # A slip at the line's end where the next line begins another unit's ending: 塔城地区
                # 畜牧 / 兽医站 is no 塔城地区畜牧局 cut short (synth3 s13 002).
                found = [r for r in found if not (r.extra["errors"] and unit.text.endswith(r.text or "")
                                                  and any(_other_unit_next(term.key, r.text or "", units[j].text[:3])
                                                          for j in after.get(n, ())))]
            if found:
                on_line.add((n, term.key))
            regions.extend(found)
    # Terms broken across two lines or two cells of a row, or across three lines where the
    # middle one is shorter than a term (深圳市今天国 / 际物流技术股 / 份有限公司 in a table cell).
    longest = max((len(term.key) for term in terms), default=0)
    wraps: dict[tuple[int, str], list[Region]] = {}     # (line, term): its hits run on to any line
    for i, j in pairs:
        if not (units[i].text and units[j].text):
            continue
        joined = _join(units[i], units[j])
        # A form's label cell read into the line below, left of the column (工作单位|古自治州水):
        # the term runs on in the column only, and its piece there begins where the column does.
        under = _under_column(units[j], lines[j], lines[i])
        # A sign-off's two columns read as one line (新疆生产建设兵团第一师新疆维吾尔自治区继续教育
        # 中心): a term wrapped in one column continues on the next row under its own part of the
        # line, not after the other column's text. Where that reading holds the term with fewer
        # slips, it replaces the whole line's (育中心阿拉尔市农业农村局 for 第一师阿拉尔市农业农村局).
        columns = _over_column(units[i], lines[i], lines[j])
        # A line of prose whose column is cut inside its run of print is a paragraph's over its
        # shorter last line, not two cells: its slips are the line's own words (…经博尔塔拉蒙古自治州
        # 人 | 力资源和社会保障 over 局考核合格…, read 博尔塔拉蒙古自治州人局 for 博尔塔拉蒙古自治州
        # 气象局; synth3 s52 063): only an exact hit there. (Two sign-offs read as one line hold no
        # commas.)
        prose = any(c in PROSE_MARKS for c in units[i].text)
        exact_only = [] if columns is None else [
            column is not None and prose and not _ends_at_gap(units[i], column, lines[i].height) for column in columns]
        under_ends = None if under is None else {j: (min(b[0] for b in under.boxes), max(b[2] for b in under.boxes))}
        wrapped = {term.key: _regions_for(joined, term, lines, True, unreadable[term.key])
                   for term in terms if len(term.key) >= 2}
        for twice_read in _without_ink_read_twice(units[i], units[j], lines[i], lines[j]):
            for term in terms:
                if len(term.key) >= 2:
                    wrapped[term.key] = _fewer_slips(wrapped[term.key], _regions_for(
                        twice_read, term, lines, True, unreadable[term.key]))
        # A form of the employer read exactly across the break: the lines are a paragraph's,
        # wrapped, and no sign-off's columns (…经哈密市伊州区人民政府考核合格，在伊 | 州区教育局:
        # its part over the row below, …哈密市伊, joined to 州区教育局 is no 哈密市伊州区教育局;
        # synth3 s14 003).
        exact_wrap = any(r.extra["errors"] == 0 for term in terms if term.kind == "employer"
                         for r in wrapped.get(term.key, ()))
        for term in terms:
            if len(term.key) < 2:
                continue
            found = wrapped[term.key]
            if under is not None:
                found = _fewer_slips(found, _regions_for(_join(units[i], under), term, lines, True,
                                                         unreadable[term.key], ends=under_ends))
            # (not a term the line holds whole: 姓名：阿依古丽买买提 over 工作单位 is no 阿依古 / 工)
            if columns is not None and len(term.key) >= 4 and (i, term.key) not in on_line and not exact_wrap:
                in_column: list[Region] = []
                for column, exact in zip(columns, exact_only, strict=True):
                    if column is not None:
                        hits = _regions_for(_join(column, units[j]), term, lines, True, unreadable[term.key],
                                            ends={i: _extent(column)})
                        in_column = _fewer_slips(in_column, [r for r in hits if r.extra["errors"] == 0] if exact
                                                 else hits)
                if any(t.key in units[j].text[:len(t.key) + SENTENCE_LEAD] for t in terms
                       if t.kind == "employer" and len(t.key) < len(term.key)):
                    # The row below begins with a shorter form of the employer, whole (after a word
                    # or two: 在巴州水利局): the line over it is a paragraph's, its place name no
                    # column's piece of the longer form unless read exactly (…经克拉玛依市卫 |
                    # 独山子区人民医院起到了 is no 克拉玛依市独山子区人民医院 with a slip; synth3 s11
                    # 021; …经巴音郭楞蒙古自治州农业农村局 | 在巴州水利局 no 巴音郭楞蒙古在巴州水利局
                    # with two, s22 035).
                    in_column = [r for r in in_column if r.extra["errors"] == 0]
                found = _fewer_slips(found, in_column)
            wraps.setdefault((i, term.key), []).extend(found)
        if len(units[j].text) < longest:
            # A term wrapped twice runs on into one third line: of the lines that could follow
            # (the next cell on the row, the line below), the reading with the fewest slips
            # (巴音郭楞蒙 / 古自治州水 / 利局, not / 现任职 beside it).
            threes: dict[str, list[Region]] = {}
            cell_fours: dict[str, list[Region]] = {}
            # A line the detector cut in two (at a name's dot: 麦麦提江 · 艾合 / 买提, the pieces
            # touching) wraps on under its first piece too. (Not after a cell apart: 职务 beside
            # the first line of a wrapped employer is not part of it.)
            nexts = list(after.get(j, ()))
            hj = max(1.0, min(lines[i].height, lines[j].height))
            if lines[j].bbox[1] < lines[i].bbox[3] - 0.4 * hj and lines[j].bbox[0] - lines[i].bbox[2] < 0.5 * hj:
                nexts += [k for k in after.get(i, ()) if k not in nexts]
            # The wrapped lines' own cell, where the next cell's text was read into them.
            cells = {n: _left_cell(units[n], lines[n], lines[i]) for n in (j, *nexts)}
            cell_ends = {n: _extent(c) for n, c in cells.items() if c}
            for k in nexts:
                if k not in (i, j) and units[k].text:
                    cell_j, cell_k = cells[j], cells[k]
                    if cell_j is not None or cell_k is not None:
                        in_cell = _join(_join(units[i], cell_j or units[j]), cell_k or units[k])
                        for term in terms:
                            if len(term.key) > len(in_cell.text) - len((cell_k or units[k]).text):
                                threes.setdefault(term.key, []).extend(
                                    _regions_for(in_cell, term, lines, True, unreadable[term.key], min_lines=3,
                                                 ends=cell_ends))
                        short = len(in_cell.text) - len(units[i].text)
                        for m in after.get(k, ()) if short < longest else ():
                            if m not in (i, j) and units[m].text:
                                cell_m = _left_cell(units[m], lines[m], lines[i])
                                four = _join(in_cell, cell_m or units[m])
                                four_ends = cell_ends if cell_m is None else {**cell_ends, m: _extent(cell_m)}
                                for term in terms:
                                    if len(term.key) > short:
                                        cell_fours.setdefault(term.key, []).extend(
                                            _regions_for(four, term, lines, True, unreadable[term.key], min_lines=4,
                                                         ends=four_ends))
                    three = _join(joined, units[k])
                    for term in terms:
                        if len(term.key) > len(units[j].text):
                            threes.setdefault(term.key, []).extend(
                                _regions_for(three, term, lines, True, unreadable[term.key], min_lines=3))
                        if under is not None and len(term.key) > len(under.text):
                            threes.setdefault(term.key, []).extend(
                                _regions_for(_join(_join(units[i], under), units[k]), term, lines, True,
                                             unreadable[term.key], min_lines=3, ends=under_ends))
                    middle = len(units[j].text) + len(units[k].text)
                    if middle < longest:
                        regions += _runs_on(three, k, {i, j, k}, middle, units, lines, terms, unreadable, after,
                                            longest)
            for hits in (*threes.values(), *cell_fours.values()):
                if hits:
                    fewest = min(r.extra["errors"] for r in hits)
                    regions.extend(r for r in hits if r.extra["errors"] == fewest)
    # Of the ways a line's term runs on (the line below, the next cell on the row), the one with
    # the fewest slips: 吐鲁番市高昌区自然资 / 源局 in its cell is the employer, so 专业 in the cell
    # beside (…自然资专业, two slips) is not (synth3 s14 064).
    for hits in wraps.values():
        fewest = min((r.extra["errors"] for r in hits), default=0)
        regions.extend(r for r in hits if r.extra["errors"] == fewest)
    if page_width is not None or seal_boxes:
        regions += cut_by_edge(units, lines, terms, unreadable, page_width, regions, seal_boxes)
    regions += unit_regions(units, lines, terms, unreadable, regions)
    regions = _without_repeats(regions)
    regions += latin_name_regions(lines, profile)
    employers = [r for r in regions if r.kind == "employer"]
    return regions + english_affiliation_regions(lines, employers) + capitals_continued(lines, employers)


#: A long name in a narrow cell runs on line after line: over at most this many lines.
MAX_WRAP_LINES = 5


def _runs_on(so_far: _Unit, last: int, used: set[int], middle: int, units: list[_Unit], lines: list[TextLine],
             terms: list[Term], unreadable: dict[str, frozenset[str]], after: dict[int, list[int]],
             longest: int) -> list[Region]:
    """Hits of terms longer than `middle` (the characters of `so_far`'s lines but its first)
    running on from `so_far`, whose last line is `last`, to each line after it — and on again
    while the lines between the first and the last are together shorter than the longest term: a
    long name in a narrow cell (巴音郭楞蒙古 / 自治州库尔勒 / 市住房和城乡 / 建设局; 新疆维吾尔 /
    自治区地质 / 矿产勘查开 / 发局第二地 / 质大队, synth3 s20 072)."""
    out: list[Region] = []
    for m in after.get(last, ()):
        if m in used or not units[m].text:
            continue
        longer = _join(so_far, units[m])
        for term in terms:
            if len(term.key) > middle:
                out += _regions_for(longer, term, lines, True, unreadable[term.key], min_lines=len(used) + 1)
        if len(used) + 1 < MAX_WRAP_LINES and middle + len(units[m].text) < longest:
            out += _runs_on(longer, m, used | {m}, middle + len(units[m].text), units, lines, terms, unreadable,
                            after, longest)
    return out


def _without_ink_read_twice(a: _Unit, b: _Unit, line_a: TextLine, line_b: TextLine) -> list[_Unit]:
    """Joins of two pieces of a row whose boxes overlap, without the characters of one read on
    the other's ink: a letter-spaced name cut in two overlapping pieces, 马日 and 晓梅, where 日
    is 晓's left half read twice (synth2 s26 051). Empty unless the pieces overlap."""
    start, end = line_b.bbox[0], line_a.bbox[2]
    if start >= end or not level(line_a, line_b):
        return []           # (not a row's pieces: the row below a paragraph's line starts left of its end)
    keep_a = [k for k, box in enumerate(a.boxes) if (box[0] + box[2]) / 2 < start]
    keep_b = [k for k, box in enumerate(b.boxes) if (box[0] + box[2]) / 2 > end]
    out = []
    if 0 < len(keep_a) < len(a.text):
        out.append(_join(_subunit(a, keep_a), b))
    if 0 < len(keep_b) < len(b.text):
        out.append(_join(a, _subunit(b, keep_b)))
    return out


def _fewer_slips(found: list[Region], other: list[Region]) -> list[Region]:
    """Of two readings' hits of one term, `other` when it holds the term with fewer slips."""
    if other and (not found or min(r.extra["errors"] for r in other) < min(r.extra["errors"] for r in found)):
        return other
    return found


def _without_repeats(regions: list[Region]) -> list[Region]:
    """Drop a derived employer form's hit lying inside a listed term's hit (阿克苏地区生态环境局
    inside 新疆维吾尔自治区阿克苏地区生态环境局): the same print, boxed once."""
    listed = [r.bbox for r in regions if not r.extra.get("derived")]
    return [r for r in regions if not r.extra.get("derived") or not any(_inside(r.bbox, b) for b in listed)]


def _inside(box: BoxF, outer: BoxF, slack: float = 2.0) -> bool:
    return (box[0] >= outer[0] - slack and box[1] >= outer[1] - slack
            and box[2] <= outer[2] + slack and box[3] <= outer[3] + slack)


_POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
#: A postcode as OCR may give it in the English line: a digit more or fewer.
_CODE_LIKE = re.compile(r"(?<!\d)\d{5,7}(?!\d)")


def _one_digit_off(found: str, code: str) -> bool:
    """Is `found` the postcode `code` with one digit dropped, added or misread?"""
    if len(found) == len(code):
        return sum(a != b for a, b in zip(found, code, strict=True)) == 1
    short, long_ = sorted((found, code), key=len)
    return len(long_) - len(short) == 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


#: The affiliation's number before the employer (its dot may fall inside the employer's padded box).
_AFFILIATION_NUMBER = re.compile(r"(\d)\s*[.．、]?\s*$")
_CLAUSE_NUMBER = re.compile(r"^\W*(\d)\s*[.．]")


def _line_of(box: BoxF, lines: list[TextLine]) -> int | None:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for i, ln in enumerate(lines):
        x0, y0, x1, y1 = ln.bbox
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            return i
    return None


def _chars_from(line: TextLine, x: float) -> int:
    """Index of the first character of the line whose box starts at or right of x."""
    for i, b in enumerate(line.char_boxes):
        if (b[0] + b[2]) / 2 >= x:
            return i
    return len(line.text)


def english_affiliation_regions(lines: list[TextLine], employers: list[Region]) -> list[Region]:
    """The employer in a journal's English affiliation line, found by its postcode: Chinese
    journals print the affiliations twice, （1. 阿克苏地区环境监测站，新疆 阿克苏 843000；2. …）
    and (1. Aksu Environmental Monitoring Station, Aksu 843000, China; 2. …). The English name
    cannot be matched to the profile, but the postcode after the employer in Chinese and the
    affiliation's number pick the same clause in English; the clause up to its postcode is masked.
    Where two clauses carry the postcode and no number tells them apart, both are (recall first)."""
    wanted: dict[str, set[str | None]] = {}
    terms: dict[str, str] = {}
    for r in employers:
        i = _line_of(r.bbox, lines)
        if i is None:
            continue
        line = lines[i]
        start, end = _chars_from(line, r.bbox[0]), _chars_from(line, r.bbox[2])
        number = _AFFILIATION_NUMBER.search(line.text[:start])
        after = _POSTCODE.search(line.text, end)
        if after is None and i + 1 < len(lines):   # the affiliation wrapped: its postcode begins the next line
            after = _POSTCODE.search(lines[i + 1].text[:12])
        if after is not None:
            wanted.setdefault(after.group(0), set()).add(number.group(1) if number else None)
            terms[after.group(0)] = str(r.extra.get("term", ""))
    out: list[Region] = []
    if not wanted:
        return out
    for line_id, line in enumerate(lines):
        text = line.text
        if any(is_cjk(c) for c in text) or sum(c.isascii() and c.isalpha() for c in text) < 8:
            continue
        clauses = [(m.start(), m.end()) for m in re.finditer(r"[^;；]+", text)]
        picked = []
        for a, b in clauses:
            own = _CLAUSE_NUMBER.match(text[a:b])
            codes = list(_CODE_LIKE.finditer(text, a, b))
            hit = next(((c, c.group(0)) for c in codes if c.group(0) in wanted), None)
            if hit is None and own is not None:
                # A digit of the English postcode lost or misread (Alaer84330 for 843300): the
                # clause's own number must then be the Chinese one's.
                hit = next(((c, k) for c in codes for k in wanted
                            if own.group(1) in wanted[k] and _one_digit_off(c.group(0), k)), None)
            if hit is None:
                continue
            code, key = hit
            numbers = wanted[key]
            if own is not None and None not in numbers and own.group(1) not in numbers:
                continue   # another affiliation in the same town
            first = a + len(text[a:b]) - len(text[a:b].lstrip(" (（"))
            picked.append((first, code.end(), terms[key]))
        if not picked:
            continue
        unit = _line_unit(line, line_id)
        _, index = normalize_with_map(text)
        for a, b, term in picked:
            inside = [i for i, raw in enumerate(index) if a <= raw < b]
            if inside:
                box = _box_for(unit, inside[0], inside[-1] + 1, lines, line_id)
                out += [Region(kind="employer", bbox=piece, score=round(line.score, 4), text=text[a:b], accepted=True,
                               extra={"term": term, "errors": 0, "english_affiliation": True})
                        for piece in along_slope(box, line)]
    return out


def _capitals(text: str) -> bool:
    """Latin text set in capitals (no CJK, no digits, at least 8 letters, nearly all upper case)."""
    letters = [c for c in text if c.isascii() and c.isalpha()]
    return (len(letters) >= 8 and not any(c.isdigit() or is_cjk(c) for c in text)
            and sum(c.isupper() for c in letters) >= 0.9 * len(letters))


def capitals_continued(lines: list[TextLine], employers: list[Region]) -> list[Region]:
    """The second line of the employer's English name set in centred capitals under the first
    (NATIONAL EDUCATION EXAMINATIONS AUTHORITY / MINISTRY OF EDUCATION OF CHINA on a certificate's
    sign-off): a line of capitals of the same size, centred under a line that the employer's
    English name fills, is the rest of the name (the profile holds the first line only)."""
    out: list[Region] = []
    done: set[int] = set()
    for r in employers:
        term = str(r.extra.get("term", ""))
        if not term.isascii() or r.extra.get("derived"):
            continue
        i = _line_of(r.bbox, lines)
        if i is None or not _capitals(lines[i].text):
            continue
        ax0, ay0, ax1, ay1 = lines[i].bbox
        h = lines[i].height
        if min(r.bbox[2], ax1) - max(r.bbox[0], ax0) < 0.8 * (ax1 - ax0):
            continue                                   # the name is not the whole line
        for j, ln in enumerate(lines):
            bx0, by0, bx1, by1 = ln.bbox
            if (j == i or j in done or not _capitals(ln.text)
                    or not (ay1 - 0.3 * h <= by0 <= ay1 + 1.0 * h)
                    or not (0.75 * h <= ln.height <= 1.33 * h)
                    or abs((bx0 + bx1) / 2 - (ax0 + ax1) / 2) > h
                    or bx1 - bx0 > 1.1 * (ax1 - ax0)):
                continue
            done.add(j)
            unit = _line_unit(ln, j)
            if unit.text:
                out.append(Region(kind="employer", bbox=_box_for(unit, 0, len(unit.text), lines, j),
                                  score=round(ln.score, 4), text=ln.text, accepted=True,
                                  extra={"term": term, "errors": 0, "capitals_continued": True}))
    return out


#: A line ending this close (in line heights) to the image's side may be cut by it.
EDGE_SLACK = 0.5
#: ... and the part of an employer left in view is matched from this many characters and half
#: the name up (上海市西南工程 of 上海市西南工程学校 on a phone photo cut at the right).
MIN_CUT_PIECE = 5


def _hit_region(unit: _Unit, start: int, end: int, errors: int, term: Term, lines: list[TextLine],
                why: str) -> list[Region]:
    """Regions (pieces along a sloping line) for a hit of `term` inside one line's unit."""
    line_id = unit.line_ids[start]
    box = _box_for(unit, start, end, lines, line_id)
    score = float(np.mean(unit.scores[start:end])) * (1.0 - errors / (len(term.key) + 1))
    return [Region(kind=term.kind, bbox=piece, score=round(score, 4), text=unit.text[start:end], accepted=True,
                   extra={"term": term.text, "errors": errors, why: True})
            for piece in along_slope(box, lines[line_id])]


def _in_seal(x: float, line: TextLine, seal_boxes: Sequence[Box | BoxF]) -> bool:
    """Does a seal's box hold the point x on the line's middle height?"""
    ym = (line.bbox[1] + line.bbox[3]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= ym <= b[3] for b in seal_boxes)


def cut_by_edge(units: list[_Unit], lines: list[TextLine], terms: list[Term], unreadable: dict[str, frozenset[str]],
                page_width: float | None, found: list[Region], seal_boxes: Sequence[Box | BoxF] = ()) -> list[Region]:
    """An employer cut by the image's side: a line running to the right edge that ends in the
    name's beginning, or one starting at the left edge with its end. The part in view is matched
    as a term of its own length (its slips allowed by that length), only at the line's cut end.
    A seal stamped over the name's end (or start) cuts it alike: the line read up to the seal
    (盐城市亭湖区心券公益服务 of 盐城市亭湖区心途公益服务中心); there the part must hold two
    characters of the name past its region (盐城市亭湖区 alone names the region's every body)."""
    out: list[Region] = []
    for n, (unit, line) in enumerate(zip(units, lines, strict=True)):
        if len(unit.text) < MIN_CUT_PIECE or line.height <= 0:
            continue
        x0, _, x1, _ = line.bbox
        slack = EDGE_SLACK * line.height
        edge_right = page_width is not None and x1 >= page_width - slack
        edge_left = page_width is not None and x0 <= slack
        seal_right, seal_left = _in_seal(x1, line, seal_boxes), _in_seal(x0, line, seal_boxes)
        right, left = edge_right or seal_right, edge_left or seal_left
        if not (right or left) or line.height * 1.5 > x1 - x0:
            continue
        for term in terms:
            m = len(term.key)
            if term.kind != "employer" or not any(is_cjk(c) for c in term.key):
                continue
            if any(r.extra.get("term") == term.text and _line_of(r.bbox, lines) == n for r in found):
                continue
            for cut in range(m - 1, max(MIN_CUT_PIECE, (m + 1) // 2) - 1, -1):
                piece = term.key[:cut] if right else term.key[m - cut:]
                k = allowed_errors(cut)
                hits = [h for h in approximate_find(piece, unit.text, k, unreadable[term.key])
                        if (h[1] == len(unit.text) if right else h[0] == 0)
                        and (not h[2] or numerals_compatible(piece, unit.text[h[0]:h[1]]))
                        and (edge_right or edge_left or (names_own_words(unit.text[h[0]:h[1]], term.key)
                                                         and not _whole_other_name(piece, unit.text[h[0]:h[1]],
                                                                                   right)))]
                if hits:
                    s, e, errors = hits[0]
                    out += _hit_region(unit, s, e, errors, term, lines, "cut_by_edge")
                    break
    return out


def _whole_other_name(piece: str, found: str, right: bool) -> bool:
    """Does a line read up to a seal (`right`: the seal over its end) end on a unit's last
    character (局, 站, 所 ...) where the term's piece does not? The line is then another body's whole
    name, not the employer's cut short: 伊犁哈萨克自治州农业农村局 under the bureau's seal is no
    伊犁哈萨克自治州农业技术推 (of …农业技术推广总站) with three slips (synth3 s22 072)."""
    return right and found[-1:] in UNIT_ENDS and found[-1:] != piece[-1:]


#: A unit of an organisation (a university's college, a company's branch) by how its name ends.
_UNIT_END = re.compile(r"(学院|学部|系|研究所|研究中心|中心|实验室|分公司|分院|分行|分局|处|科|部|所|站|队)$")
#: Where the parent organisation's name ends inside a listed employer's name.
_PARENT_END = re.compile(r"(大学|学院|科学院|研究院|公司|集团|医院|银行)")
MIN_UNIT = 4


def _parent_and_unit(key: str, listed: list[str]) -> tuple[str, str] | None:
    """(parent, unit) of an employer named as its organisation then its unit
    (沈阳工业大学 + 信息科学与工程学院): the parent another listed employer it starts with, or
    the name up to its first 大学 / 公司 / …; None when no unit of `MIN_UNIT` characters follows."""
    for parent in sorted(listed, key=len, reverse=True):
        if parent != key and key.startswith(parent) and len(key) - len(parent) >= MIN_UNIT:
            unit = key[len(parent):]
            return (parent, unit) if _UNIT_END.search(unit) else None
    m = _PARENT_END.search(key)
    if m is not None and m.start() >= 2 and len(key) - m.end() >= MIN_UNIT and _UNIT_END.search(key[m.end():]):
        return key[:m.end()], key[m.end():]
    return None


def unit_regions(units: list[_Unit], lines: list[TextLine], terms: list[Term], unreadable: dict[str, frozenset[str]],
                 found: list[Region]) -> list[Region]:
    """An employer listed as organisation + unit (沈阳工业大学信息科学与工程学院) printed in two
    fields of a form: 学校：沈阳工业大学 / 院（系）：信息科学与工程学院. The unit alone is matched
    (one slip fewer than its length allows, as a derived form) on a page that names the parent
    too; on other pages 信息科学与工程学院 may be any university's college."""
    listed = [t.key for t in terms if t.kind == "employer" and not t.derived]
    text = "".join(u.text for u in units)
    out: list[Region] = []
    for term in terms:
        if term.kind != "employer" or term.derived:
            continue
        split = _parent_and_unit(term.key, listed)
        if split is None:
            continue
        parent, unit_key = split
        if not approximate_find(parent, text, allowed_errors(len(parent))):
            continue
        k = max(0, allowed_errors(len(unit_key)) - 1)
        unit_term = Term("employer", term.text, unit_key, True)
        for unit in units:
            for s, e, errors in approximate_find(unit_key, unit.text, k, unreadable[term.key]):
                if errors and not numerals_compatible(unit_key, unit.text[s:e]):
                    continue
                if len(set(unit.line_ids[s:e])) == 1:
                    out += _hit_region(unit, s, e, errors, unit_term, lines, "derived")
    return out
