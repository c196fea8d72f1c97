"""Where a profile's name, aliases and employers occur in a text, and their likely short forms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from redaction.model.profile import Profile
from redaction.text.cjk import is_ascii_word, is_cjk
from redaction.text.normalize import MIDDLE_DOTS, normalize, normalize_with_map
from redaction.text.orgnames import REGION_PREFIXES

MASK = "XX"


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
    if len(key) < 4 or not all(is_cjk(c) for c in key):
        return []
    out: list[str] = []
    rest, region_end = key, 0
    while True:
        m = next((m for m in (p.match(rest) for p in REGION_PREFIXES) if m), None)
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
    if not key or not all(is_cjk(c) for c in key):
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
        self.title_patterns: list[tuple[re.Pattern[str], str]] = []
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
        """Every occurrence in `text`, in order, without overlaps (longer terms win)."""
        norm, index = normalize_with_map(text)
        if not norm:
            return []
        taken = bytearray(len(norm))
        found: list[tuple[int, int, str, str, bool, str]] = []

        def take(ns: int, ne: int, lit_kind: str, term: str, suggestion: bool, rule: str) -> None:
            if any(taken[ns:ne]):
                return
            start, end = index[ns], index[ne - 1] + 1
            if is_ascii_word(norm[ns]) and start > 0 and is_ascii_word(text[start - 1]):
                return
            if is_ascii_word(norm[ne - 1]) and end < len(text) and is_ascii_word(text[end]):
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
