"""Where the bundled files are: the vendored models (`models/`) and the resources (`resources/`:
sample documents, icons, translations). The one place that knows the folder layout."""

from __future__ import annotations

from pathlib import Path

#: The folder that holds `redaction/`, `models/` and `resources/`: the repository, the
#: site-packages of an install, or the desktop bundle's folder.
ROOT = Path(__file__).resolve().parents[1]


def models_dir() -> Path:
    """The vendored model files and their manifest."""
    return ROOT / "models"


def resources_dir() -> Path:
    """Sample documents, icons and translations."""
    return ROOT / "resources"
