"""Where the bundled files are: the vendored models (`models/`) and the resources (`resources/`:
sample documents, icons, translations). The one place that knows the folder layout."""

from __future__ import annotations

from pathlib import Path

_CORE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    """An installed wheel carries the folder as package data of the core (redaction/bundled/NAME);
    a checkout, an editable install and the desktop bundle keep it beside redaction/."""
    bundled = _CORE / "bundled" / name
    return bundled if bundled.is_dir() else _CORE.parent / name


def models_dir() -> Path:
    """The vendored model files and their manifest."""
    return _folder("models")


def resources_dir() -> Path:
    """Sample documents, icons and translations."""
    return _folder("resources")
