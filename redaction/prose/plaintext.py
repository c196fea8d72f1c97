"""Plain text: text pasted into the GUI, and .txt/.md files in any common encoding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from redaction.files.export import ExportError, write_atomic
from redaction.model.profile import Profile
from redaction.prose.matcher import replace
from redaction.prose.report import Finding, ProseInputError, ProseReport
from redaction.prose.streams import _findings, _replace_accepted, _Segment, _Stream


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


def scan_text_file(path: str | Path, profile: Profile) -> ProseReport:
    """Find everything in a .txt/.md file (nothing is written)."""
    report = ProseReport(str(path))
    try:
        stream, _ = _text_streams(Path(path))
    except ProseInputError as exc:
        report.error = str(exc)
        return report
    report.findings = [f for _, f in _findings([stream], profile, None, False)]
    return report


def process_text_file(in_path: str | Path, out_path: str | Path, profile: Profile, accept_suggestions: bool = False,
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
