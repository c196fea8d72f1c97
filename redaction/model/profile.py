"""The applicant profile (contract TOML): name, aliases, employers, and the terms to find."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from redaction.text.normalize import normalize
from redaction.text.orgnames import employer_variants

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
    """One string to find: a name or an employer, as written and normalised."""

    kind: str        # "name" or "employer"
    text: str        # as written in the profile
    key: str         # normalised form used for matching
    derived: bool = False  # another form of a listed employer (`employer_variants`), not typed


@dataclass(frozen=True)
class Profile:
    """The applicant: name, aliases and employers."""

    name: str
    employers: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def terms(self) -> list[Term]:
        """Every string to find, longest first, without duplicates after normalisation."""
        seen: dict[str, Term] = {}
        # the employer's other forms that name the same organisation (巴州水利局 for 巴音郭楞蒙古自治州水利局)
        variants = tuple(v for e in self.employers for v in employer_variants(e))
        for kind, texts, derived in (("name", (self.name, *self.aliases), False),
                                     ("employer", self.employers, False), ("employer", variants, True)):
            for text in texts:
                key = normalize(text)
                if key and key not in seen:
                    seen[key] = Term(kind, text, key, derived)
        return sorted(seen.values(), key=lambda t: -len(t.key))

    def to_toml(self) -> str:
        """The profile as the contract's TOML."""
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
    """A profile from TOML text; `ProfileError` (with the line when known) if it is not valid."""
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
    """A profile from a UTF-8 TOML file; `ProfileError` if it cannot be read or is not valid."""
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
