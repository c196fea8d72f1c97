"""The proposals JSON file (../shared/CONTRACT.md): written atomically, read with a clear error."""

from __future__ import annotations

import json
from pathlib import Path

from redaction.files.export import write_atomic
from redaction.model.review import DocumentResult, ReviewFileError, dumps, from_json


def save(path: str | Path, documents: list[DocumentResult]) -> None:
    """Write the proposals JSON of `documents` to `path` (atomically)."""
    write_atomic(Path(path), (dumps(documents) + "\n").encode("utf-8"))


def load(path: str | Path) -> list[DocumentResult]:
    """Read a proposals JSON file; raises ReviewFileError with a one-line message."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReviewFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReviewFileError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return from_json(data)
