"""What an install claims: two top-level import names, with the models and resources inside."""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_the_package_list_is_the_source_tree():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in ("redaction", "app")
             for p in (ROOT / top).rglob("__init__.py")}
    assert listed == found | {"redaction.bundled.models", "redaction.bundled.resources"}


def test_a_wheel_claims_two_names_and_finds_its_models(tmp_path):
    # built from a copy: setuptools leaves a build/ folder in the tree it builds
    src = tmp_path / "src"
    for name in ("redaction", "app", "models", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, cwd=tmp_path, capture_output=True)
    wheel = next((tmp_path / "dist").glob("blindmask-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"redaction", "app"}
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(tmp_path / "site"),
                    str(wheel)], check=True, capture_output=True)
    code = ("import json, redaction.assets as a; "
            "m = json.loads((a.models_dir() / 'manifest.json').read_text('utf-8')); "
            "print(json.dumps([str(a.models_dir()), str(a.resources_dir()), "
            "[(a.models_dir() / x['file'].split('/', 1)[1]).is_file() for x in m['models'] "
            "if x['file'].startswith('models/')], (a.resources_dir() / 'samples' / 'profile.toml').is_file()]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"})
    models, resources, present, samples = json.loads(out.stdout)
    assert models == str(tmp_path / "site" / "redaction" / "bundled" / "models")
    assert resources == str(tmp_path / "site" / "redaction" / "bundled" / "resources")
    assert present and all(present) and samples
