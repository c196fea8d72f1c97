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

The package: `matcher` (what to look for and where it occurs), `report` (findings and the JSON
report), `streams` (editable text in pieces, and writing "XX" back into them), `plaintext`
(.txt/.md and pasted text), `docx` (Word files); this module picks the one for a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from redaction.model.profile import Profile
from redaction.prose.docx import process_docx, scan_docx
from redaction.prose.matcher import MASK, Matcher, Occurrence, employer_short_forms, find_occurrences, replace
from redaction.prose.plaintext import (
    _decode as _decode,  # the GUI's prose dialog decodes opened .txt/.md files with it
    apply_findings,
    process_text_file,
    scan_text,
    scan_text_file,
)
from redaction.prose.report import (
    REPORT_NAME,
    RULE_LABELS,
    Finding,
    ProseInputError,
    ProseReport,
    reports_to_json,
)

__all__ = [
    "MASK", "SUPPORTED_SUFFIXES", "REPORT_NAME", "RULE_LABELS", "Occurrence", "Finding",
    "ProseReport", "ProseInputError", "Matcher", "find_occurrences", "replace", "scan_file",
    "process_file", "scan_docx", "process_docx", "scan_text_file", "process_text_file",
    "reports_to_json", "employer_short_forms", "scan_text", "apply_findings",
]

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md")


# --- any supported file ------------------------------------------------------------------------

def scan_file(path: str | Path, profile: Profile) -> ProseReport:
    """Find everything (nothing is written): for `--check` and for the GUI's list."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return scan_docx(path, profile)
    if suffix in (".txt", ".md"):
        return scan_text_file(path, profile)
    return ProseReport(str(path), error=_unsupported(suffix))


def process_file(in_path: str | Path, out_path: str | Path, profile: Profile, accept_suggestions: bool = False,
                 decisions: Mapping[str, bool] | None = None) -> ProseReport:
    """Write a copy of a .docx, .txt or .md file with the accepted occurrences replaced by "XX"."""
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
