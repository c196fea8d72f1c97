"""The applicant profile (contract TOML) and the text normalisation shared by every matcher."""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ALLOWED_KEYS = ("name", "aliases", "employers")


class ProfileError(ValueError):
    """A profile that cannot be used; `line` is 1-based when known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path, self.line, self.reason = path, line, message
        where = path or "profile"
        if line:
            where += f":{line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Term:
    kind: str        # "name" or "employer"
    text: str        # as written in the profile
    key: str         # normalised form used for matching


@dataclass(frozen=True)
class Profile:
    name: str
    employers: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def terms(self) -> list[Term]:
        """Every string to find, longest first, without duplicates after normalisation."""
        seen: dict[str, Term] = {}
        for kind, texts in (("name", (self.name, *self.aliases)), ("employer", self.employers)):
            for text in texts:
                key = normalize(text)
                if key and key not in seen:
                    seen[key] = Term(kind, text, key)
        return sorted(seen.values(), key=lambda t: -len(t.key))

    def to_toml(self) -> str:
        def q(s: str) -> str:
            return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines = [f"name = {q(self.name)}"]
        if self.aliases:
            lines.append("aliases = [" + ", ".join(q(a) for a in self.aliases) + "]")
        lines.append("employers = [" + ", ".join(q(e) for e in self.employers) + "]")
        return "\n".join(lines) + "\n"


def _line_of_key(source: str, key: str) -> int | None:
    pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.match(line) or re.match(r'^\s*"' + re.escape(key) + r'"\s*=', line):
            return number
    return None


def parse_profile(source: str, path: str | None = None) -> Profile:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = max(1, len(source.rstrip("\n").splitlines()))
        raise ProfileError(f"not valid TOML ({exc})", path, line) from None
    for key in data:
        if key not in ALLOWED_KEYS:
            raise ProfileError(f"unknown key '{key}' (allowed: {', '.join(ALLOWED_KEYS)})",
                               path, _line_of_key(source, key))
    name = data.get("name")
    if not isinstance(name, str) or not normalize(name):
        raise ProfileError("'name' is missing or empty: give the applicant's name as printed",
                           path, _line_of_key(source, "name"))
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ProfileError("'aliases' must be a list of strings", path, _line_of_key(source, "aliases"))
    employers = data.get("employers")
    if (not isinstance(employers, list) or not employers
            or not all(isinstance(e, str) and normalize(e) for e in employers)):
        raise ProfileError("'employers' is missing or empty: list every employer's full official name",
                           path, _line_of_key(source, "employers"))
    return Profile(name=name.strip(), aliases=tuple(a.strip() for a in aliases if normalize(a)),
                   employers=tuple(e.strip() for e in employers))


def load_profile(path: str | Path) -> Profile:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"cannot read the profile ({exc.strerror or exc})", str(path)) from None
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError("not UTF-8 text (save the file as UTF-8)", str(path), line) from None
    return parse_profile(source, str(path))


# --- normalisation ---------------------------------------------------------------------------

#: The middle-dot family (and '.') that separates parts of Uyghur/Kazakh names; OCR returns any
#: of them or drops the dot, so matching ignores them all.
MIDDLE_DOTS = frozenset("·•‧・･.．∙⋅˙ᐧ‐-－—–")

#: Traditional and variant forms OCR may return for characters common in names and
#: organisation names here; mapped to the simplified form.
_VARIANTS = str.maketrans(
    "區環監測醫學縣師維爾蘇麗買機關電廳農業華張偉劉陳楊趙黃吳鄭孫馬國會員衛濟藝術廣東書證職稱評審專級"
    "單園圖館氣資財務稅質檢驗運輸發開設計劃鄉鎮團墾場礦產糧銀險療護協儀熱紅與為實體歷應經貿車鐵蘭龍"
    "鳳麥齊烏魯庫熱態勞動範優義軍區們個這來時對將從當濱灣島嶺縣區號碼樓廠窯滙匯雲飛貴陽瀋興寧濰壩壩廈",
    "区环监测医学县师维尔苏丽买机关电厅农业华张伟刘陈杨赵黄吴郑孙马国会员卫济艺术广东书证职称评审专级"
    "单园图馆气资财务税质检验运输发开设计划乡镇团垦场矿产粮银险疗护协仪热红与为实体历应经贸车铁兰龙"
    "凤麦齐乌鲁库热态劳动范优义军区们个这来时对将从当滨湾岛岭县区号码楼厂窑汇汇云飞贵阳沈兴宁潍坝坝厦",
)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise for matching and map each output character back to its input index.

    NFKC (full/half width), lower case, no whitespace of any kind (U+3000 pads names in forms),
    no middle dots, traditional → simplified for common characters.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if c.isspace() or c in MIDDLE_DOTS or unicodedata.category(c) in ("Cc", "Cf", "Zs"):
                continue
            for low in c.lower().translate(_VARIANTS):   # 'İ'.lower() is two characters
                out.append(low)
                index.append(i)
    return "".join(out), index


def normalize(text: str) -> str:
    return normalize_with_map(text)[0]
