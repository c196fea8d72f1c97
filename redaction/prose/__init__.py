"""Names and employers in written material → "XX" (work summaries, CVs, project descriptions).

Blind review requires the applicant's name and employer to be replaced by "XX" in the written
parts of an application (任现职以来个人业务工作总结, 工作简历, 项目简介). This module finds them in
plain text, `.txt`/`.md` files and Word `.docx` files and replaces the accepted ones.

Two kinds of hits:

* exact occurrences of the profile's name, aliases and employers, found with the same
  normalisation as the image matcher (spaces incl. U+3000, middle dots, full/half width,
  traditional characters); they are replaced by default;
* suggestions a person confirms: likely short forms of an employer (the employer without its
  region prefix, e.g. 生态环境局 for 阿克苏地区生态环境局, a distinctive tail such as 监测站, the
  region stem plus the rest such as 阿克苏生态环境局), the family name (or given name) before a
  title such as 工/老师/同志/主任 (only the name part is replaced: "XX老师"), and the first part
  of a dotted name (阿依古丽 of 阿依古丽·买买提). They are replaced only when accepted.

Nothing here imports Qt; the GUI's "文字材料" panel uses `find_occurrences`/`replace` for pasted
text and `scan_file`/`process_file` for files.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from redaction.files.export import ExportError, write_atomic
from redaction.model.profile import Profile
from redaction.text.normalize import MIDDLE_DOTS, normalize, normalize_with_map

__all__ = [
    "MASK", "SUPPORTED_SUFFIXES", "REPORT_NAME", "RULE_LABELS", "Occurrence", "Finding",
    "ProseReport", "ProseInputError", "Matcher", "find_occurrences", "replace", "scan_file",
    "process_file", "scan_docx", "process_docx", "scan_text_file", "process_text_file",
    "reports_to_json", "employer_short_forms", "scan_text", "apply_findings",
]

MASK = "XX"
SUPPORTED_SUFFIXES = (".docx", ".txt", ".md")
REPORT_NAME = "blindmask-prose-report.json"

#: Short human labels for `Occurrence.rule` (the GUI shows them next to each hit).
RULE_LABELS = {
    "exact": "姓名/单位（完全匹配）",
    "short_form": "单位简称（建议）",
    "name_title": "姓氏或名字+称谓（建议）",
    "name_part": "名字部分（建议）",
}


class ProseInputError(Exception):
    """An input that cannot be read; the message is one line, fit to show a person."""


@dataclass(frozen=True)
class Occurrence:
    """One hit in a text: `text[start:end]` is what gets replaced by "XX"."""

    start: int
    end: int
    text: str
    kind: str          # "name" or "employer"
    term: str          # the profile entry it stands for (full name / full employer)
    suggestion: bool   # True: a likely short form a person must confirm
    rule: str = "exact"  # exact | short_form | name_title | name_part


# --- candidates --------------------------------------------------------------------------------

def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def _is_ascii_word(ch: str) -> bool:
    return any(c.isascii() and c.isalnum() for c in unicodedata.normalize("NFKC", ch))


#: Administrative-division words that end a region prefix (longest alternatives first).
_ADMIN = ("维吾尔自治区|壮族自治区|回族自治区|特别行政区|生产建设兵团|自治区|自治州|自治县|自治旗|"
          "地区|兵团|街道|省|市|州|盟|县|区|旗|镇|乡")
_REGION_PREFIXES = (
    re.compile(rf"^(?P<stem>[\u4e00-\u9fff]{{2,12}}?)(?P<suf>{_ADMIN})"),
    re.compile(r"^(?P<stem>第[一二三四五六七八九十〇零0-9]+师)(?P<suf>)"),
    re.compile(r"^(?P<stem>新疆)(?P<suf>)(?!维吾尔|生产建设)"),
)

#: Generic organisation-type endings: a short form must keep at least two characters before them.
_GENERIC_TAILS = sorted((
    "股份有限公司", "有限责任公司", "有限公司", "委员会", "管委会", "办公室", "服务中心", "管理局",
    "管理处", "管理站", "管理所", "研究院", "研究所", "事务所", "卫生院", "中心", "医院", "学校",
    "学院", "大学", "中学", "小学", "公司", "集团", "银行", "支行", "分行", "分局", "大队", "支队",
    "中队", "局", "站", "所", "院", "厅", "委", "办", "处", "科", "队", "馆", "室", "会", "社",
    "厂", "场", "部", "园", "台", "署", "校", "组", "股",
), key=len, reverse=True)


def _distinctive(short: str) -> bool:
    if len(short) < 3:
        return False
    for tail in _GENERIC_TAILS:
        if short.endswith(tail):
            return len(short) - len(tail) >= 2
    return True


def employer_short_forms(employer: str) -> list[str]:
    """Likely short forms of a (Chinese) employer name, as normalised keys, longest first.

    阿克苏地区生态环境局 → 生态环境局, 阿克苏生态环境局, 环境局 (+ other distinctive tails).
    Non-Chinese names give none (English or pinyin forms must be listed in the profile).
    """
    key = normalize(employer)
    if len(key) < 4 or not all(_is_cjk(c) for c in key):
        return []
    out: list[str] = []
    rest, region_end = key, 0
    while True:
        m = next((m for m in (p.match(rest) for p in _REGION_PREFIXES) if m), None)
        if m is None or len(rest) - m.end() < 2:
            break
        stem, remainder = m.group("stem"), rest[m.end():]
        if m.group("suf") and len(stem + remainder) >= 4:
            out.append(stem + remainder)          # 阿克苏生态环境局, 阿克苏医院
        region_end += m.end()
        if not _distinctive(remainder):           # 阿克苏地区医院: "医院" alone says nothing
            break
        out.append(remainder)                     # 生态环境局
        rest = remainder
    core = key[region_end:]
    for k in range(3, len(core)):
        tail = core[-k:]
        if _distinctive(tail):
            out.append(tail)                      # 监测站, 环境局
    seen: set[str] = {key}
    result = []
    for s in out:
        if s not in seen:
            seen.add(s)
            result.append(s)
    return sorted(result, key=len, reverse=True)


COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 司徒 东方 夏侯 皇甫 尉迟 公孙 慕容 长孙 宇文 令狐 独孤 端木 西门 南宫 "
    "百里 呼延 轩辕 澹台 万俟 闻人 赫连 申屠 太史 钟离 完颜 拓跋".split())

#: Titles that follow a family name (or given name) in Chinese prose: 王工, 李老师, 张主任 ...
_TITLES = sorted((
    "主任医师", "主治医师", "副主任", "护士长", "工程师", "研究员", "高工", "老师", "教师", "同志",
    "主任", "医生", "医师", "大夫", "护士", "科长", "处长", "局长", "站长", "所长", "院长", "校长",
    "园长", "馆长", "股长", "部长", "组长", "队长", "书记", "主席", "经理", "会计", "律师", "教授",
    "博士", "总工", "师傅", "专家",
), key=len, reverse=True)
_TITLE_RE = ("(?:副)?(?:" + "|".join(_TITLES)
             + "|工(?![作程人业艺具资地期序会商种厂时匠区段号位])"
             + "|总(?![结体计共数量额的是部值和监局队站公]))")


def _name_suggestions(name: str) -> tuple[list[str], list[str]]:
    """(prefixes that count only before a title, parts that count on their own) as keys."""
    parts = [normalize(p) for p in re.split("[" + re.escape("".join(MIDDLE_DOTS)) + r"\s]+", name)]
    parts = [p for p in parts if p]
    key = normalize(name)
    if not key or not all(_is_cjk(c) for c in key):
        return [], []
    has_dot = any(c in MIDDLE_DOTS for c in name)
    if has_dot and len(parts) >= 2:                       # 阿依古丽·买买提: the given name is first
        first = parts[0]
        if len(first) >= 3:
            return [], [first]
        return ([first] if len(first) >= 2 else []), []
    if 2 <= len(key) <= 4:                                # Han name: 王芳, 欧阳娜娜
        surname = key[:2] if len(key) >= 3 and key[:2] in COMPOUND_SURNAMES else key[:1]
        given = key[len(surname):]
        prefixes = [surname]
        if len(given) >= 2:
            prefixes.append(given)
        return prefixes, []
    return [], []


@dataclass(frozen=True)
class _Literal:
    key: str
    kind: str
    term: str
    suggestion: bool
    rule: str


class Matcher:
    """Every string to look for, built once per profile (cheap to reuse across paragraphs)."""

    def __init__(self, profile: Profile, suggestions: bool = True):
        self.profile = profile
        self.exact = [_Literal(t.key, t.kind, t.text, False, "exact") for t in profile.terms()]
        exact_keys = {lit.key for lit in self.exact}
        self.suggested: list[_Literal] = []
        self.title_patterns: list[tuple[re.Pattern, str]] = []
        if not suggestions:
            return
        seen = set(exact_keys)
        for employer in profile.employers:
            for short in employer_short_forms(employer):
                if short not in seen:
                    seen.add(short)
                    self.suggested.append(_Literal(short, "employer", employer, True, "short_form"))
        prefixes, parts = _name_suggestions(profile.name)
        for part in parts:
            if part not in seen:
                seen.add(part)
                self.suggested.append(_Literal(part, "name", profile.name, True, "name_part"))
        self.suggested.sort(key=lambda lit: -len(lit.key))
        for prefix in prefixes:
            self.title_patterns.append(
                (re.compile("(?P<n>" + re.escape(prefix) + ")(?=" + _TITLE_RE + ")"), prefix))

    def find(self, text: str) -> list[Occurrence]:
        norm, index = normalize_with_map(text)
        if not norm:
            return []
        taken = bytearray(len(norm))
        found: list[tuple[int, int, str, str, bool, str]] = []

        def take(ns: int, ne: int, lit_kind: str, term: str, suggestion: bool, rule: str) -> None:
            if any(taken[ns:ne]):
                return
            start, end = index[ns], index[ne - 1] + 1
            if _is_ascii_word(norm[ns]) and start > 0 and _is_ascii_word(text[start - 1]):
                return
            if _is_ascii_word(norm[ne - 1]) and end < len(text) and _is_ascii_word(text[end]):
                return
            taken[ns:ne] = b"\x01" * (ne - ns)
            found.append((start, end, lit_kind, term, suggestion, rule))

        for lit in (*self.exact, *self.suggested):
            pos = norm.find(lit.key)
            while pos >= 0:
                take(pos, pos + len(lit.key), lit.kind, lit.term, lit.suggestion, lit.rule)
                pos = norm.find(lit.key, pos + 1)
        for pattern, _prefix in self.title_patterns:
            for m in pattern.finditer(norm):
                take(m.start("n"), m.end("n"), "name", self.profile.name, True, "name_title")
        found.sort()
        return [Occurrence(s, e, text[s:e], k, t, sg, r) for s, e, k, t, sg, r in found]


@lru_cache(maxsize=8)
def _matcher(profile: Profile, suggestions: bool) -> Matcher:
    return Matcher(profile, suggestions)


def find_occurrences(text: str, profile: Profile, suggestions: bool = True) -> list[Occurrence]:
    """Every occurrence of the name, aliases and employers in `text`, in order, without overlaps;
    with `suggestions`, also the likely short forms (``suggestion=True``)."""
    return _matcher(profile, suggestions).find(text)


def replace(text: str, occurrences: Iterable[Occurrence], mask: str = MASK) -> str:
    """`text` with each given occurrence replaced by `mask` (pass only the accepted ones)."""
    out, pos = [], 0
    for occ in sorted(occurrences, key=lambda o: o.start):
        if occ.start < pos:
            continue  # overlapping input: the earlier one already covers it
        out.append(text[pos:occ.start])
        out.append(mask)
        pos = occ.end
    out.append(text[pos:])
    return "".join(out)


# --- findings and reports ----------------------------------------------------------------------

@dataclass
class Finding:
    """An occurrence in a file, with where it is and what became of it."""

    id: str                       # stable between scan_file and process_file of the same file
    occurrence: Occurrence
    location: str                 # for people: "body ¶3 (table)", "header ¶1", "line 12:5"
    part: str = ""                # docx part name (/word/document.xml) or "" for text files
    where: str = "text"           # body header footer footnotes endnotes comments properties text
    paragraph: int | None = None  # 1-based within the part (docx)
    line: int | None = None       # 1-based (text files)
    column: int | None = None
    in_table: bool = False
    in_textbox: bool = False
    before: str = ""
    after: str = ""
    accepted: bool = False
    replaced: bool = False

    @property
    def context(self) -> str:
        return f"{self.before}【{self.occurrence.text}】{self.after}"

    def to_dict(self) -> dict:
        o = self.occurrence
        return {
            "id": self.id, "kind": o.kind, "rule": o.rule, "suggestion": o.suggestion,
            "text": o.text, "term": o.term, "location": self.location, "part": self.part or None,
            "where": self.where, "paragraph": self.paragraph, "line": self.line,
            "column": self.column, "in_table": self.in_table, "in_textbox": self.in_textbox,
            "start": o.start, "end": o.end, "before": self.before, "after": self.after,
            "context": self.context, "accepted": self.accepted, "replaced": self.replaced,
        }


@dataclass
class ProseReport:
    path: str
    output: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cleared_properties: list[str] = field(default_factory=list)
    #: after process_*: what a fresh scan of the output still finds (declined or not accepted)
    remaining: list[Finding] | None = None

    @property
    def exact(self) -> list[Finding]:
        return [f for f in self.findings if not f.occurrence.suggestion]

    @property
    def suggestions(self) -> list[Finding]:
        return [f for f in self.findings if f.occurrence.suggestion]

    @property
    def replaced(self) -> list[Finding]:
        return [f for f in self.findings if f.replaced]

    def to_dict(self) -> dict:
        d = {
            "path": self.path, "output": self.output, "error": self.error,
            "exact": len(self.exact), "suggestions": len(self.suggestions),
            "replaced": len(self.replaced), "warnings": list(self.warnings),
            "cleared_properties": list(self.cleared_properties),
            "occurrences": [f.to_dict() for f in self.findings],
        }
        if self.remaining is not None:
            d["remaining"] = [f.to_dict() for f in self.remaining]
        return d


def reports_to_json(reports: Iterable[ProseReport], **extra) -> str:
    return json.dumps({"version": 1, **extra, "documents": [r.to_dict() for r in reports]},
                      ensure_ascii=False, indent=2)


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)


CONTEXT_CHARS = 20


# --- streams: editable text, cut into pieces --------------------------------------------------

class _Segment:
    """A piece of editable text (a <w:t>, an attribute, a property) and how to write it back."""

    __slots__ = ("text", "setter")

    def __init__(self, text: str, setter: Callable[[str], None]):
        self.text, self.setter = text, setter


@dataclass
class _Stream:
    """Consecutive segments that read as one text (a paragraph's runs between tabs/breaks)."""

    segments: list[_Segment]
    location: str
    part: str = ""
    where: str = "text"
    paragraph: int | None = None
    in_table: bool = False
    in_textbox: bool = False
    is_text_file: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def _findings(streams: list[_Stream], profile: Profile, decisions: Mapping[str, bool] | None,
              accept_suggestions: bool) -> list[tuple[_Stream, Finding]]:
    out = []
    for n, stream in enumerate(streams):
        text = stream.text
        if not text:
            continue
        for occ in find_occurrences(text, profile):
            if stream.is_text_file:
                line = text.count("\n", 0, occ.start) + 1
                column = occ.start - (text.rfind("\n", 0, occ.start) + 1) + 1
                fid, location = f"{line}:{column}", f"line {line}:{column}"
            else:
                line = column = None
                fid, location = f"{stream.part}#{n}:{occ.start}", stream.location
            default = accept_suggestions if occ.suggestion else True
            accepted = bool(decisions.get(fid, default)) if decisions is not None else default
            f = Finding(
                id=fid, occurrence=occ, location=location, part=stream.part, where=stream.where,
                paragraph=stream.paragraph, line=line, column=column, in_table=stream.in_table,
                in_textbox=stream.in_textbox,
                before=_squash(text[max(0, occ.start - CONTEXT_CHARS):occ.start]),
                after=_squash(text[occ.end:occ.end + CONTEXT_CHARS]), accepted=accepted)
            out.append((stream, f))
    return out


def _apply(stream: _Stream, occurrences: list[Occurrence], mask: str = MASK) -> None:
    """Replace occurrences across segments: "XX" goes into the first segment an occurrence
    touches (keeping that run's formatting); the rest of it is cut from the following ones."""
    segs = stream.segments
    offsets, pos = [], 0
    for s in segs:
        offsets.append(pos)
        pos += len(s.text)
    texts = [s.text for s in segs]
    for occ in sorted(occurrences, key=lambda o: o.start, reverse=True):
        first = True
        for i, seg in enumerate(segs):
            a, b = offsets[i], offsets[i] + len(seg.text)
            if a == b or b <= occ.start or a >= occ.end:
                continue
            ls, le = max(occ.start, a) - a, min(occ.end, b) - a
            texts[i] = texts[i][:ls] + (mask if first else "") + texts[i][le:]
            first = False
    for seg, new in zip(segs, texts):
        if new != seg.text:
            seg.setter(new)
            seg.text = new


def _replace_accepted(pairs: list[tuple[_Stream, Finding]]) -> None:
    by_stream: dict[int, tuple[_Stream, list[Finding]]] = {}
    for stream, f in pairs:
        if f.accepted:
            by_stream.setdefault(id(stream), (stream, []))[1].append(f)
    for stream, fs in by_stream.values():
        _apply(stream, [f.occurrence for f in fs])
        for f in fs:
            f.replaced = True


# --- plain text --------------------------------------------------------------------------------

def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise ProseInputError("not text in UTF-8, UTF-16 or GB18030 (save it as UTF-8 text)")


def _text_streams(path: Path) -> tuple[_Stream, str]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ProseInputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        text, encoding = _decode(raw)
    except UnicodeDecodeError:
        raise ProseInputError("not readable text (save it as UTF-8 text)") from None
    holder: dict[str, str] = {}
    stream = _Stream([_Segment(text, lambda v: holder.__setitem__("text", v))], "text",
                     is_text_file=True)
    return stream, encoding


def scan_text(text: str, profile: Profile, accept_suggestions: bool = False) -> list[Finding]:
    """Findings (with line, column and context) for text pasted into the GUI; pair with
    `apply_findings`."""
    stream = _Stream([_Segment(text, lambda v: None)], "text", is_text_file=True)
    return [f for _, f in _findings([stream], profile, None, accept_suggestions)]


def apply_findings(text: str, findings: Iterable[Finding]) -> str:
    """`text` with the accepted findings (from `scan_text` of the same text) replaced by "XX"."""
    return replace(text, [f.occurrence for f in findings if f.accepted])


def scan_text_file(path, profile: Profile) -> ProseReport:
    report = ProseReport(str(path))
    try:
        stream, _ = _text_streams(Path(path))
    except ProseInputError as exc:
        report.error = str(exc)
        return report
    report.findings = [f for _, f in _findings([stream], profile, None, False)]
    return report


def process_text_file(in_path, out_path, profile: Profile, accept_suggestions: bool = False,
                      decisions: Mapping[str, bool] | None = None) -> ProseReport:
    """Write `out_path` (same encoding and line endings) with the accepted occurrences → "XX"."""
    report = ProseReport(str(in_path), output=str(out_path))
    try:
        stream, encoding = _text_streams(Path(in_path))
    except ProseInputError as exc:
        report.error, report.output = str(exc), None
        return report
    pairs = _findings([stream], profile, decisions, accept_suggestions)
    report.findings = [f for _, f in pairs]
    _replace_accepted(pairs)
    new_text = stream.text
    try:
        write_atomic(Path(out_path), new_text.encode(encoding))
    except ExportError as exc:
        report.error, report.output = str(exc), None
        return report
    remaining_stream = _Stream([_Segment(new_text, lambda v: None)], "text", is_text_file=True)
    report.remaining = [f for _, f in _findings([remaining_stream], profile, None, False)]
    return report


# --- Word .docx --------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_O = "urn:schemas-microsoft-com:office:office"
_W_P, _W_T, _W_DELTEXT, _W_INSTR = _w("p"), _w("t"), _w("delText"), _w("instrText")
_A_P = f"{{{_A}}}p"
_M_T = f"{{{_M}}}t"
#: Text-bearing elements: Word runs, math, DrawingML text (charts, SmartArt), chart values.
_TEXT_TAGS = {_W_T: "text", _M_T: "text", f"{{{_A}}}t": "text", f"{{{_C}}}v": "text",
              _W_DELTEXT: "deleted", _W_INSTR: "field"}
#: Run content that separates words: a name is never matched across one of these.
_BOUNDARY_TAGS = ({_w(t) for t in ("tab", "ptab", "br", "cr", "drawing", "pict", "object", "sym",
                                   "footnoteReference", "endnoteReference")}
                  | {f"{{{_MC}}}AlternateContent", f"{{{_A}}}br", f"{{{_A}}}tab"})
_AUTHOR_ATTRS = (_w("author"), _w("initials"), f"{{{_W15}}}author")
_W_TC, _W_TXBX = _w("tc"), _w("txbxContent")
_CORE_FIELDS = ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category",
                "identifier", "content_status", "version")
_APP_FIELDS = ("Company", "Manager", "HyperlinkBase")


def _part_where(partname: str) -> str:
    base = partname.rsplit("/", 1)[-1]
    if "/glossary/" in partname:
        return "glossary"
    for prefix, where in (("document", "body"), ("header", "header"), ("footer", "footer"),
                          ("footnotes", "footnotes"), ("endnotes", "endnotes"),
                          ("comments", "comments"), ("people", "people")):
        if base.startswith(prefix):
            return where
    return base


def _text_setter(el) -> Callable[[str], None]:
    def set_text(value: str) -> None:
        el.text = value
        if value != value.strip() and el.get(_XML_SPACE) is None:
            el.set(_XML_SPACE, "preserve")
    return set_text


def _attr_setter(el, attr: str) -> Callable[[str], None]:
    return lambda value: el.set(attr, value)


def _xml_streams(root, partname: str) -> list[_Stream]:
    where = _part_where(partname)
    para_no: dict = {}
    for i, p in enumerate(root.iter(_W_P), start=1):
        para_no[p] = i
    streams: list[_Stream] = []
    open_: dict = {}
    for el in root.iter(*_TEXT_TAGS, *_BOUNDARY_TAGS):
        owner = next(el.iterancestors(_W_P, _A_P), None)
        if el.tag in _BOUNDARY_TAGS:
            for cat in ("text", "deleted", "field"):
                open_.pop((owner, cat), None)
            continue
        cat = _TEXT_TAGS[el.tag]
        stream = open_.get((owner, cat)) if owner is not None else None
        if stream is None:
            n = para_no.get(owner)
            in_table = any(True for _ in el.iterancestors(_W_TC))
            in_textbox = any(True for _ in el.iterancestors(_W_TXBX))
            loc = f"{where} ¶{n}" if n else where
            extras = [x for x, on in (("table", in_table), ("text box", in_textbox),
                                      ("deleted text", cat == "deleted"),
                                      ("field code", cat == "field")) if on]
            if extras:
                loc += " (" + ", ".join(extras) + ")"
            stream = _Stream([], loc, partname, where, n, in_table, in_textbox)
            open_[(owner, cat)] = stream
            streams.append(stream)
        stream.segments.append(_Segment(el.text or "", _text_setter(el)))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in _AUTHOR_ATTRS:
            value = el.get(attr)
            if value:
                streams.append(_Stream([_Segment(value, _attr_setter(el, attr))],
                                       f"{where} (author of a comment or change)", partname, where))
        for attr in _picture_attrs(el.tag):
            value = el.get(attr)
            if value:
                streams.append(_Stream([_Segment(value, _attr_setter(el, attr))],
                                       f"{where} (picture description)", partname, where))
    return streams


def _picture_attrs(tag: str) -> tuple[str, ...]:
    if tag.endswith(("}docPr", "}cNvPr")):
        return ("descr", "title")
    if tag.startswith("{urn:schemas-microsoft-com:vml}"):
        return ("alt", f"{{{_O}}}title")
    return ()


def _data_streams(root, partname: str) -> list[_Stream]:
    """Every text node of an arbitrary XML part (custom XML data that content controls in the
    document are bound to: Word refills the controls from it when the file is opened)."""
    streams = []
    for el in root.iter():
        if isinstance(el.tag, str) and el.text and el.text.strip():
            local = el.tag.rsplit("}", 1)[-1]
            streams.append(_Stream([_Segment(el.text, _text_setter(el))],
                                   f"custom XML data <{local}>", partname, "data"))
    return streams


class _DocxFile:
    """A .docx opened with python-docx, seen as text streams over every WordprocessingML part
    (body with tables and text boxes, headers, footers, footnotes, endnotes, comments) and the
    document properties."""

    def __init__(self, source):
        import docx  # python-docx
        from docx.opc.part import XmlPart
        from docx.opc.parts.coreprops import CorePropertiesPart
        from lxml import etree

        self._etree = etree
        try:
            self.document = docx.Document(source)
        except Exception as exc:  # python-docx raises many kinds for non-docx input
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ProseInputError(
                "not a readable .docx (an old .doc or .wps, an encrypted or damaged file?): "
                f"{detail}; open it in Word or WPS and save it as .docx") from None
        package = self.document.part.package
        self.parts: list[tuple[object, str, object, bool]] = []
        self.core = None
        self.app = None
        for part in package.iter_parts():
            name = str(part.partname)
            if isinstance(part, CorePropertiesPart):
                self.core = part.core_properties
                continue
            if name == "/docProps/app.xml" or name == "/docProps/custom.xml":
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError:
                    continue
                if name.endswith("app.xml"):
                    self.app = (part, root)
                else:
                    self.parts.append((part, name, root, False))
                continue
            if name.startswith("/customXml/") and not name.startswith("/customXml/itemProps") \
                    and part.content_type.endswith("xml"):
                if isinstance(part, XmlPart):
                    self.parts.append((part, name, part.element, True))
                    continue
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError:
                    continue
                self.parts.append((part, name, root, False))
                continue
            if not name.startswith("/word/") or not part.content_type.endswith("xml"):
                continue
            if isinstance(part, XmlPart):
                self.parts.append((part, name, part.element, True))
            else:
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError:
                    continue
                self.parts.append((part, name, root, False))
        self.parts.sort(key=lambda t: (0 if t[1] == "/word/document.xml" else 1, t[1]))
        self.package = package
        self.images = sum(1 for p in package.iter_parts()
                          if str(p.partname).startswith("/word/") and p.content_type.startswith("image/"))
        self.thumbnails = [rId for rId, rel in package.rels.items()
                           if rel.reltype.endswith("/metadata/thumbnail")]
        self.streams: list[_Stream] = []
        self._app_values: list[tuple[str, object]] = []
        for part, name, root, _ in self.parts:
            if name.startswith("/customXml/"):
                self.streams.extend(_data_streams(root, name))
                continue
            if name == "/docProps/custom.xml":
                for prop in root:
                    for value_el in prop:
                        if value_el.text and value_el.text.strip():
                            self.streams.append(_Stream(
                                [_Segment(value_el.text, _text_setter(value_el))],
                                f"properties: custom '{prop.get('name')}'", name, "properties"))
                continue
            self.streams.extend(_xml_streams(root, name))
        for owner in (package, *package.iter_parts()):
            for rel in owner.rels.values():
                if rel.is_external and isinstance(rel._target, str) and rel._target:
                    source = "package" if owner is package else str(owner.partname)
                    self.streams.append(_Stream(
                        [_Segment(unquote(rel._target), lambda v, rel=rel: setattr(rel, "_target", v))],
                        f"link target ({_part_where(source)})", source + "#rels", "links"))
        self.embeddings = sum(1 for p in package.iter_parts()
                              if str(p.partname).startswith("/word/embeddings/"))
        if self.core is not None:
            for f in _CORE_FIELDS:
                value = getattr(self.core, f, None)
                if isinstance(value, str) and value:
                    self.streams.append(_Stream(
                        [_Segment(value, lambda v, f=f: setattr(self.core, f, v))],
                        f"properties: {f}", "/docProps/core.xml", "properties"))
        if self.app is not None:
            part, root = self.app
            for f in _APP_FIELDS:
                el = root.find(f"{{{_EP}}}{f}")
                if el is not None and el.text:
                    self._app_values.append((f, el))
                    self.streams.append(_Stream([_Segment(el.text, _text_setter(el))],
                                                f"properties: {f}", "/docProps/app.xml", "properties"))

    def warnings(self, cleared: bool) -> list[str]:
        out = []
        body_roots = [root for _, name, root, _ in self.parts if name.startswith("/word/")]
        if any(root.find(f".//{_w('ins')}") is not None or root.find(f".//{_w('del')}") is not None
               for root in body_roots):
            out.append("tracked changes (修订) are in the file: accept or reject all changes in Word "
                       "and save before submitting (deleted text stays in the file until then)")
        if any(name.rsplit("/", 1)[-1].startswith("comments") and root.find(f".//{_w('comment')}") is not None
               for _, name, root, _ in self.parts):
            out.append("comments (批注) are in the file: delete them before submitting")
        if self.images:
            out.append(f"{self.images} picture(s) in the file are not checked: a scanned certificate "
                       "or a photo pasted into the document needs `blindmask redact`")
        if self.embeddings:
            out.append(f"{self.embeddings} embedded object(s) (Excel sheets, charts' data, other "
                       "files) are not checked: open them and check them by hand")
        if self.thumbnails and not cleared:
            out.append("the file carries a thumbnail picture of its first page: "
                       "`blindmask prose --out` removes it")
        if not cleared:
            names = []
            if self.core is not None:
                for f in ("author", "last_modified_by"):
                    if getattr(self.core, f, None):
                        names.append(f"{f}={getattr(self.core, f)!r}")
            names += [f"{f}={el.text!r}" for f, el in self._app_values if f != "HyperlinkBase"]
            if names:
                out.append("document properties name a person or company (" + ", ".join(names)
                           + "): `blindmask prose --out` clears them")
        return out

    def clear_properties(self) -> list[str]:
        cleared = []
        if self.core is not None:
            for f in _CORE_FIELDS:
                if getattr(self.core, f, None):
                    setattr(self.core, f, "")
                    cleared.append(f)
        for f, el in self._app_values:
            if el.text:
                el.text = ""
                cleared.append(f)
        for rId in self.thumbnails:  # a picture of page 1, name and all
            del self.package.rels[rId]
        if self.thumbnails:
            cleared.append("thumbnail")
            self.thumbnails = []
        return cleared

    def save(self, changed_parts: set[str]) -> bytes:
        """The package as bytes; parts python-docx keeps as raw bytes are re-serialised only
        when something in them changed (`changed_parts`: part names)."""
        etree = self._etree
        for part, name, root, is_xml_part in self.parts:
            if not is_xml_part and name in changed_parts:
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                            standalone=True)
        if self.app is not None and self._app_values:
            part, root = self.app
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        buf = io.BytesIO()
        self.document.save(buf)
        return buf.getvalue()


def scan_docx(path, profile: Profile) -> ProseReport:
    report = ProseReport(str(path))
    try:
        doc = _DocxFile(str(path))
    except ProseInputError as exc:
        report.error = str(exc)
        return report
    report.findings = [f for _, f in _findings(doc.streams, profile, None, False)]
    report.warnings = doc.warnings(cleared=False)
    return report


def process_docx(in_path, out_path, profile: Profile, accept_suggestions: bool = False,
                 decisions: Mapping[str, bool] | None = None) -> ProseReport:
    """Write a copy of a .docx with the accepted occurrences replaced by "XX" and the document
    properties (author, last modified by, title, company ...) cleared; nothing else changes.

    `decisions` maps `Finding.id` (from `scan_docx` of the same file) to accept/decline; findings
    not in it follow the default: exact ones accepted, suggestions only with `accept_suggestions`.
    """
    report = ProseReport(str(in_path), output=str(out_path))
    try:
        doc = _DocxFile(str(in_path))
    except ProseInputError as exc:
        report.error, report.output = str(exc), None
        return report
    pairs = _findings(doc.streams, profile, decisions, accept_suggestions)
    report.findings = [f for _, f in pairs]
    _replace_accepted(pairs)
    report.cleared_properties = doc.clear_properties()
    for stream, f in pairs:
        if f.where == "properties" and not f.replaced and f.location.split(": ", 1)[-1] in report.cleared_properties:
            f.replaced = True
    report.warnings = doc.warnings(cleared=True)
    try:
        data = doc.save({f.part for f in report.findings if f.replaced})
        write_atomic(Path(out_path), data)
    except ExportError as exc:
        report.error, report.output = str(exc), None
        return report
    except Exception as exc:  # pragma: no cover - python-docx failing to serialise
        report.error, report.output = f"cannot write the .docx: {exc}", None
        return report
    try:
        check = _DocxFile(io.BytesIO(data))
        report.remaining = [f for _, f in _findings(check.streams, profile, None, False)]
    except ProseInputError as exc:  # pragma: no cover - we just wrote it
        report.error = f"the written file does not read back: {exc}"
    return report


# --- any supported file ------------------------------------------------------------------------

def scan_file(path, profile: Profile) -> ProseReport:
    """Find everything (nothing is written): for `--check` and for the GUI's list."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return scan_docx(path, profile)
    if suffix in (".txt", ".md"):
        return scan_text_file(path, profile)
    return ProseReport(str(path), error=_unsupported(suffix))


def process_file(in_path, out_path, profile: Profile, accept_suggestions: bool = False,
                 decisions: Mapping[str, bool] | None = None) -> ProseReport:
    suffix = Path(in_path).suffix.lower()
    if suffix == ".docx":
        return process_docx(in_path, out_path, profile, accept_suggestions, decisions)
    if suffix in (".txt", ".md"):
        return process_text_file(in_path, out_path, profile, accept_suggestions, decisions)
    return ProseReport(str(in_path), error=_unsupported(suffix))


def _unsupported(suffix: str) -> str:
    if suffix in (".doc", ".wps", ".rtf", ".odt", ".docm", ".dotx", ".pages"):
        return f"{suffix} is not supported: open it in Word or WPS and save it as .docx"
    return f"unsupported file type '{suffix or '(none)'}' (supported: .docx .txt .md)"
