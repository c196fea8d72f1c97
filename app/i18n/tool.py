"""Maintain the English catalogue: `python -m app.i18n.tool [--check]`.

Extracts every `_("…")` string from app/*.py, merges it into resources/i18n/blindmask_en.ts
(keeping existing translations, marking new ones unfinished, dropping vanished ones), then
compiles blindmask_en.qm with pyside6-lrelease when it is available. `--check` only reports
strings without a translation (exit 1 if any).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.i18n import CONTEXT, QM_PATH, TS_PATH

APP_DIR = Path(__file__).resolve().parents[1]


def extract() -> list[str]:
    """Every literal passed to `_()` in the app's sources, then the core's kind and prose-rule labels."""
    seen: dict[str, None] = {}
    for path in sorted(APP_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                seen.setdefault(node.args[0].value, None)
    # labels that live in the core, translated here: the kinds, and the prose rules
    from redaction.model.kinds import LABELS
    from redaction.prose import RULE_LABELS

    for text in [*LABELS.values(), *RULE_LABELS.values()]:
        seen.setdefault(text, None)
    return list(seen)


def read_all(path: Path) -> dict[str, str]:
    """Source → translation for every finished message of a .ts file."""
    if not path.exists():
        return {}
    out = {}
    for msg in ET.parse(str(path)).getroot().iter("message"):
        tr = msg.find("translation")
        if tr is not None and tr.text and tr.get("type") not in ("unfinished", "vanished", "obsolete"):
            out[msg.findtext("source")] = tr.text
    return out


def write_ts(path: Path, sources: list[str], table: dict[str, str]):
    """Write the .ts: every source in order, with its translation or marked unfinished."""
    root = ET.Element("TS", version="2.1", language="en_US", sourcelanguage="zh_CN")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for src in sources:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = src
        tr = ET.SubElement(msg, "translation")
        if src in table:
            tr.text = table[src]
        else:
            tr.set("type", "unfinished")
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="utf-8")
    path.write_bytes(data + b"\n")


def compile_qm(ts: Path, qm: Path) -> bool:
    """Compile the .ts into the .qm with pyside6-lrelease; False if it is not installed."""
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    if not Path(exe).exists() and not shutil.which(exe):
        print("pyside6-lrelease not found: the app falls back to reading the .ts", file=sys.stderr)
        return False
    subprocess.run([exe, "-silent", str(ts), "-qm", str(qm)], check=True)
    return True


def main(argv=None) -> int:
    """Update the catalogue and the .qm, or with --check list the untranslated strings."""
    argv = sys.argv[1:] if argv is None else argv
    sources = extract()
    table = read_all(TS_PATH)
    missing = [s for s in sources if s not in table]
    if "--check" in argv:
        for s in missing:
            print("untranslated:", s)
        return 1 if missing else 0
    TS_PATH.parent.mkdir(parents=True, exist_ok=True)
    write_ts(TS_PATH, sources, table)
    compile_qm(TS_PATH, QM_PATH)
    print(f"{len(sources)} strings, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
