"""A Chinese name as it is printed in Latin letters: the English title block of every Chinese
journal paper, bilingual certificates and diplomas write the author as ZHANG Xiao-yan, Zhang
Xiaoyan or Xiaoyan Zhang. The readings come from pypinyin's character dictionary (offline, inside
the package); a surname's every reading is tried (单 Shan, 曾 Zeng, 解 Xie), the given name's
commonest, and a second reading of its characters while the forms stay few.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from redaction.text.normalize import MIDDLE_DOTS

#: Two-character surnames: their syllables stay together in either order of the name.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 夏侯 令狐 宇文 司徒 西门 独孤 南宫 万俟 闻人 赫连 澹台 "
    "申屠 轩辕 端木 公冶 太叔 呼延 钟离 宗政 濮阳 淳于 单于".split())
#: At most this many spellings of one name (readings multiply).
MAX_FORMS = 8
#: What may stand between syllables: nothing, spaces, a hyphen, a dot or a comma (ZHANG, Xiaoyan).
_SEP = r"[\s\-‐‑–·.,]*"


def _is_han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= c <= "\u9fff" for c in text)


@lru_cache(maxsize=1)
def _character_readings() -> dict[int, str]:
    """pypinyin's character dictionary (code point → "zhāng,zhǎng"), read from its JSON file
    without importing the package: importing it loads the phrase dictionary too (0.2–1.5 s with
    the interpreter lock held, which froze the window while a detection thread did it)."""
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    from pypinyin.pinyin_dict import pinyin_dict  # a layout without the file beside the package

    return dict(pinyin_dict)


def readings(char: str) -> list[str]:
    """A character's readings without tones, commonest first (ü written both u and v: Lü is
    printed Lu or Lv)."""
    out: list[str] = []
    for reading in _character_readings().get(ord(char), "").split(","):
        letters = "".join(c for c in unicodedata.normalize("NFD", reading.lower())
                          if not unicodedata.combining(c) or c == "\u0308")
        if "\u0308" in letters:
            out += [letters.replace("\u0308", ""), letters.replace("u\u0308", "v")]
        elif letters:
            out.append(letters)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=256)
def name_syllables(name: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(surname syllables, given-name syllables) for each likely spelling of a Han name of 2–4
    characters. A Uyghur or Kazakh name in Chinese characters (阿依古丽·买买提) is printed in
    English as the pinyin of that transcription (Ayiguli Maimaiti): its parts, in their order.
    () for anything else."""
    parts = [p for p in re.split(f"[{re.escape(''.join(MIDDLE_DOTS))}\\s]+", name) if p]
    if len(parts) > 1 and all(_is_han(p) for p in parts):
        if not all(readings(c) for p in parts for c in p):
            return ()
        return (((), tuple("".join(readings(c)[0] for c in p) for p in parts)),)
    if not _is_han(name) or not 2 <= len(name) <= 4 or not all(readings(c) for c in name):
        return ()
    cut = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    surname, given = name[:cut], name[cut:]
    surnames = list(itertools.product(*(readings(c) for c in surname)))
    common = tuple(readings(c)[0] for c in given)
    # every reading of the surname with the given name's commonest, then the given name's
    # second readings with the surname's first
    forms = [(s, common) for s in surnames]
    forms += [(surnames[0], g) for g in itertools.product(*(readings(c)[:2] for c in given))]
    return tuple(dict.fromkeys(forms))[:MAX_FORMS]


@lru_cache(maxsize=256)
def latin_name_pattern(name: str) -> re.Pattern[str] | None:
    """A pattern for the name in Latin letters, surname first or last, in any case, with or
    without spaces or hyphens between syllables, as a whole word; None if it has no spelling."""
    alternatives = []
    for surname, given in name_syllables(name):
        if not surname:                          # a transcribed name: its parts as written
            alternatives.append(_SEP.join(re.escape(s) for s in given))
            continue
        # A short name run together is often another word or name (Lian, Anli): apart only.
        between = r"[\s\-‐‑–·.,]+" if len("".join(surname + given)) <= 5 else _SEP
        for first, second in ((surname, given), (given, surname)):
            alternatives.append(_SEP.join(re.escape(s) for s in first) + between
                                + _SEP.join(re.escape(s) for s in second))
    if not alternatives:
        return None
    body = "|".join(dict.fromkeys(alternatives))
    # The affiliation mark after an author (Zhang Xiaoyan¹) is often read as a letter l or I.
    return re.compile(rf"(?<![A-Za-z])(?:{body})(?=[lIi|]?(?![A-Za-z]))", re.IGNORECASE)


def _capitalised(word: str) -> str:
    """A word as printed capitalised or in capitals (Zuo / ZUO), matched case-sensitively."""
    return f"(?:{re.escape(word.capitalize())}|{re.escape(word.upper())})"


@lru_cache(maxsize=256)
def run_together_pattern(name: str) -> re.Pattern[str] | None:
    """The name in a line whose spaces OCR lost (This istocertify.thatZuoJiawon theFirst…): its
    words capitalised as printed (Zuo Jia, ZUO Jia, Xiaoyan Zhang), starting at a capital that
    follows no other capital. Where the name ends cannot be told (Jiawon), so the caller uses it
    only on such lines. `name` is a Han name (its pinyin) or a Latin alias (its words)."""
    if name.isascii():
        words = [w for w in re.split(r"[\s\-‐‑–·.,]+", name) if w]
        forms = [[w.lower() for w in words]] if len(words) >= 2 and all(w.isalpha() for w in words) else []
    else:
        forms = []
        for surname, given in name_syllables(name):
            parts = ["".join(surname), "".join(given)] if surname else list(given)
            forms += [parts, parts[::-1]] if surname else [parts]
    if not forms:
        return None
    body = "|".join(dict.fromkeys(_SEP.join(_capitalised(w) for w in words) for words in forms))
    return re.compile(rf"(?<![A-Z])(?:{body})")


def latin_spellings(name: str, limit: int = 3) -> list[str]:
    """How the name is looked for in Latin letters, for people to see (Zhang Xiaoyan, Shan
    Xuemei …; Ayiguli Maimaiti); [] when it has no spelling."""
    forms = name_syllables(name)
    if len(name) == 4 and name[:2] not in COMPOUND_SURNAMES:
        # four characters without a two-character surname: mostly a transcribed name (阿依古丽),
        # shown as one word in its commonest reading
        return ["".join(forms[0][0] + forms[0][1]).capitalize()] if forms else []
    out = []
    for surname, given in forms[:limit]:
        words = ["".join(surname).capitalize()] if surname else []
        words += ["".join(given).capitalize()] if surname else [g.capitalize() for g in given]
        out.append(" ".join(words))
    return out
