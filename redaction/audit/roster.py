"""The applicants' roster (申报人员花名册): read from .xlsx or .csv (UTF-8 or GBK), columns found by
header name wherever the header row is.

The template: a title row (often merged cells), a `单位（盖章）：` row, then the header row
序号 姓名 性别 族别 政治面貌 身份证号码 现任专业技术职务 … 工作单位 是否通过 备注, then one row per
applicant. Only 姓名 and 工作单位 are required; 序号 and 身份证号码 help match folders; the optional
columns 别名 (other written forms of the name) and 曾用单位 (more employers) add to the profile,
several values separated by 、，,;；/ or a line break. Empty rows are skipped, a row repeating an
earlier applicant is skipped with a note, a row with no name (a footer such as 填表人：) is
skipped with a note; none of these stops the audit. A roster without a 姓名 or 工作单位 column is
a `RosterError` naming the file and the row where the header was looked for.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from redaction.model.profile import Profile
from redaction.text.normalize import normalize

#: Header names (after removing spaces and full-width forms) for each field.
COLUMNS = {
    "seq": ("序号", "编号"),
    "name": ("姓名",),
    "id_number": ("身份证号码", "身份证号", "公民身份号码"),
    "employer": ("工作单位", "单位名称"),
    "aliases": ("别名", "曾用名"),
    "former": ("曾用单位", "原工作单位"),
}
REQUIRED = ("name", "employer")
LABELS = {"seq": "序号", "name": "姓名", "id_number": "身份证号码", "employer": "工作单位", "aliases": "别名",
          "former": "曾用单位"}
#: The header is looked for in this many rows from the top.
HEADER_SEARCH_ROWS = 30
_SPLIT = re.compile(r"[、，,;；/\n]+")


class RosterError(ValueError):
    """A roster that cannot be used at all (exit 2): the message names the file and the row."""


@dataclass(frozen=True)
class RosterRow:
    """One applicant's row of the roster."""

    row: int                 # 1-based row number in the sheet or file
    seq: str                 # 序号 as written ("" if none)
    name: str
    id_number: str
    employer: str
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    cells: dict[str, str] = field(default_factory=dict, compare=False, hash=False)   # every column, by header

    @property
    def profile(self) -> Profile:
        """The applicant's name, aliases and employers (工作单位 and 曾用单位) to look for."""
        employers = tuple(dict.fromkeys(e for e in (self.employer, *self.former) if normalize(e)))
        return Profile(name=self.name, employers=employers, aliases=self.aliases)

    @property
    def key(self) -> str:
        """Stable identity of the row's content that matters to the audit (a changed row is re-checked)."""
        data = [self.seq, self.name, self.id_number, self.employer, list(self.aliases), list(self.former)]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]

    @property
    def label(self) -> str:
        """序号 and name, as reports name the applicant."""
        return f"{self.seq} {self.name}".strip()


@dataclass
class Roster:
    """A roster as read: its applicant rows, and notes on the rows skipped."""

    path: Path
    rows: list[RosterRow]
    notes: list[str] = field(default_factory=list)   # skipped rows and why


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    return text.replace("\u3000", " ").strip()


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _field_of(header: str) -> str | None:
    key = _header_key(header)
    for fld, names in COLUMNS.items():
        if key in names:
            return fld
    return None


def _read_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            import openpyxl
        except ImportError as exc:  # pragma: no cover - a dependency
            raise RosterError(f"{path}: reading .xlsx needs openpyxl ({exc})") from None
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise RosterError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
        try:
            sheet = book.worksheets[0]
            return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    if suffix in (".csv", ".txt"):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise RosterError(f"{path}: cannot read ({exc.strerror or exc})") from None
        for encoding in ("utf-8-sig", "gb18030"):   # Chinese Excel saves CSV as GBK
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 decodes any byte string
            raise RosterError(f"{path}: neither UTF-8 nor GBK text")
        return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text, newline=""))]
    raise RosterError(f"{path}: a roster must be .xlsx or .csv")


def _find_header(rows: list[list[str]], path: Path) -> tuple[int, dict[str, int]]:
    best: dict[str, int] = {}
    best_row: int | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for j, value in enumerate(row):
            fld = _field_of(value)
            if fld and fld not in found:
                found[fld] = j
        if all(f in found for f in REQUIRED):
            return i, found
        if len(found) > len(best):
            best, best_row = found, i
    if best_row is None:
        raise RosterError(f"{path}: no header row with 姓名 and 工作单位 in the first {HEADER_SEARCH_ROWS} rows")
    missing = "、".join(LABELS[f] for f in REQUIRED if f not in best)
    return_row = best_row + 1
    raise RosterError(f"{path}: row {return_row}: the header row has no {missing} column "
                      f"(found: {'、'.join(LABELS[f] for f in best)})")


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _SPLIT.split(text or "") if normalize(p))


def read_roster(path: str | Path) -> Roster:
    """Read a roster (.xlsx or .csv); raises RosterError when it cannot be used at all."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"{path}: no such file")
    rows = _read_rows(path)
    header_at, columns = _find_header(rows, path)
    header = rows[header_at]
    out: list[RosterRow] = []
    notes: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for i in range(header_at + 1, len(rows)):
        row = rows[i]
        number = i + 1

        def get(fld: str, row: list[str] = row) -> str:
            j = columns.get(fld)
            return row[j] if j is not None and j < len(row) else ""

        if not any(row):
            continue
        if _header_key(get("name")) in COLUMNS["name"]:
            continue   # the header repeated (a roster pasted twice, a printed page break)
        name = get("name")
        if not normalize(name):
            notes.append(f"row {number}: no 姓名, skipped ({' '.join(v for v in row if v)[:40]})")
            continue
        identity = (normalize(name), get("id_number").upper() or normalize(get("employer")))
        if identity in seen:
            notes.append(f"row {number}: repeats row {seen[identity]} ({name}), skipped")
            continue
        seen[identity] = number
        employer = get("employer")
        if not normalize(employer):
            notes.append(f"row {number}: {name} has no 工作单位: only the name is checked")
        cells = {header[j] if j < len(header) else str(j): v for j, v in enumerate(row) if v}
        out.append(RosterRow(row=number, seq=get("seq"), name=name.strip(), id_number=get("id_number").upper(),
                             employer=employer, aliases=_split(get("aliases")), former=_split(get("former")),
                             cells=cells))
    if not out:
        notes.append("no applicant rows under the header")
    return Roster(path=path, rows=out, notes=notes)
