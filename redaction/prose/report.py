"""What was found in a file and what became of it, and the JSON report of a run."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from redaction.prose.matcher import Occurrence

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
        """The occurrence in 【】 with the text around it."""
        return f"{self.before}【{self.occurrence.text}】{self.after}"

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON report has it."""
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
    """What was found in one file (and, after process_*, what was replaced and written)."""

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
        """Findings of the profile's own terms."""
        return [f for f in self.findings if not f.occurrence.suggestion]

    @property
    def suggestions(self) -> list[Finding]:
        """Findings a person must confirm (short forms, name + title)."""
        return [f for f in self.findings if f.occurrence.suggestion]

    @property
    def replaced(self) -> list[Finding]:
        """Findings replaced by "XX" in the output."""
        return [f for f in self.findings if f.replaced]

    def to_dict(self) -> dict[str, Any]:
        """The report of this file as the JSON report has it."""
        d: dict[str, Any] = {
            "path": self.path, "output": self.output, "error": self.error,
            "exact": len(self.exact), "suggestions": len(self.suggestions),
            "replaced": len(self.replaced), "warnings": list(self.warnings),
            "cleared_properties": list(self.cleared_properties),
            "occurrences": [f.to_dict() for f in self.findings],
        }
        if self.remaining is not None:
            d["remaining"] = [f.to_dict() for f in self.remaining]
        return d


def reports_to_json(reports: Iterable[ProseReport], **extra: object) -> str:
    """The JSON report of a run: `extra` (mode, options) and one entry per document."""
    return json.dumps({"version": 1, **extra, "documents": [r.to_dict() for r in reports]},
                      ensure_ascii=False, indent=2)
