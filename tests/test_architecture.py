"""The core stays free of Qt, and every model file is the one the manifest names."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    result = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                             "lint_imports_command()"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken" in result.stdout


def test_core_imports_without_qt_loaded():
    code = ("import sys, redaction.cli, redaction.pipeline.propose, redaction.pipeline, redaction.prose; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'app'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_model_files_match_the_manifest():
    manifest = json.loads((ROOT / "models" / "manifest.json").read_text("utf-8"))
    checked = 0
    for model in manifest["models"]:
        for key in ("name", "purpose", "file", "source_package", "licence"):
            assert model.get(key), (model, key)
        if model["file"].startswith("models/"):
            data = (ROOT / model["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == model["sha256"]
            checked += 1
        else:
            import importlib.util

            package, _, rest = model["file"].partition("/")
            spec = importlib.util.find_spec(package)
            assert spec is not None, f"{package} (ships {model['name']}) is not installed"
            assert (Path(spec.origin).parent / rest).is_file(), model["file"]
    assert checked >= 1


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_core_is_strictly_typed():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Success: no issues found" in result.stdout


def _module_constants_set_twice(path: Path) -> list[str]:
    """UPPER_CASE names a module assigns at its top level more than once."""
    import ast
    from collections import Counter

    names: Counter[str] = Counter()
    for node in ast.parse(path.read_text("utf-8")).body:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, ast.AnnAssign) else [])
        for target in targets:
            for name in ([target] if isinstance(target, ast.Name) else getattr(target, "elts", [])):
                if isinstance(name, ast.Name) and name.id.isupper():
                    names[name.id] += 1
    return [n for n, count in names.items() if count > 1]


def test_no_module_constant_is_set_twice():
    """Stop 41: seals.py defined GRAY_OVAL_RING twice (0.95 for the faint oval ringed alone, 0.6
    for the grey oval's outline, ~300 lines apart): the second silently replaced the first, and the
    faint-oval test ran at 0.6. A tuning constant has one definition."""
    clashes = {str(p.relative_to(ROOT)): names for p in sorted((ROOT / "redaction").rglob("*.py"))
               if (names := _module_constants_set_twice(p))}
    clashes.update({str(p.relative_to(ROOT)): names for p in sorted((ROOT / "app").rglob("*.py"))
                    if (names := _module_constants_set_twice(p))})
    assert clashes == {}
