"""The desktop bundle: build it with build_installer.py, then run what it produced the way an
applicant would — from a folder with Chinese characters and a space in its path, without Python's
environment, with an empty home folder and (where the kernel lets us) without a network.

Slow (a PyInstaller build, ~1-2 min on 2 cores, plus one OCR run); `.ci/run` runs it.
Timings and sizes are printed (`pytest -s`) and written to <tmp>/installer-timings.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from redaction import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
EXE_NAME = "blindmask-cli.exe" if WINDOWS else "BlindMask"
#: A regression guard, not a target: the Linux bundle is ~516 MB (see README).
MAX_BUNDLE_BYTES = 650e6


def _clean_env(home: Path) -> dict:
    """A fresh desktop: no PYTHONPATH, no virtualenv, no Qt/OpenCV variables, an empty home."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "TMPDIR": str(home / "tmp")}
    if WINDOWS:
        keep = ("SYSTEMROOT", "WINDIR", "PATHEXT", "COMSPEC")
        env = {k: os.environ[k] for k in keep if k in os.environ}
        env.update(PATH=os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\system32",
                   USERPROFILE=str(home), APPDATA=str(home), LOCALAPPDATA=str(home), TEMP=str(home / "tmp"),
                   TMP=str(home / "tmp"))
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return env


def _no_network_prefix() -> list[str]:
    """`unshare -n` (an empty network namespace) when we are allowed to; else nothing."""
    unshare = shutil.which("unshare")
    if WINDOWS or not unshare:
        return []
    try:
        ok = subprocess.run([unshare, "-n", "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return [unshare, "-n"] if ok else []


def _folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if os.environ.get("BLINDMASK_SKIP_INSTALLER") == "1":
        pytest.skip("BLINDMASK_SKIP_INSTALLER=1")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is not installed: pip install -e '.[dev]' (or '.[build]'); "
                    "set BLINDMASK_SKIP_INSTALLER=1 to skip the bundle test")
    tmp = tmp_path_factory.mktemp("installer")
    dist, work = tmp / "dist", tmp / "work"
    t = time.perf_counter()
    r = subprocess.run([sys.executable, str(ROOT / "build_installer.py"), "--dist", str(dist), "--work", str(work)],
                       cwd=str(ROOT), capture_output=True, text=True, encoding="utf-8", errors="replace",
                       timeout=1500)
    build_s = time.perf_counter() - t
    assert r.returncode == 0, f"build failed:\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"
    summary = json.loads((work / "build-summary.json").read_text(encoding="utf-8"))
    timings = {"build_seconds": round(build_s, 1), **summary}
    yield {"tmp": tmp, "dist": dist, "work": work, "bundle": dist / "BlindMask", "summary": summary,
           "timings": timings}
    # The build, its archive and the installed copy take ~1.6 GB; pytest keeps every temporary folder of a
    # session, and on a machine with little disk left later tests' tmp_path then fail. The timings file stays.
    for big in (dist, work, tmp / "安装 目录"):
        shutil.rmtree(big, ignore_errors=True)


@pytest.fixture(scope="module")
def installed(built):
    """The bundle copied to `<tmp>/安装 目录/BlindMask`, the way a user unpacks it."""
    target = built["tmp"] / "安装 目录" / "BlindMask"
    shutil.copytree(built["bundle"], target, symlinks=True)
    return target


def test_bundle_contents_and_names(built):
    bundle, dist = built["bundle"], built["dist"]
    tag = json.loads((bundle / "BUILD-INFO.json").read_text(encoding="utf-8"))
    assert tag["version"] == __version__
    stem = f"BlindMask-{__version__}-{tag['platform']}"
    archive = dist / (f"{stem}.zip" if WINDOWS else f"{stem}.tar.gz")
    assert archive.is_file() and built["summary"]["archive"] == str(archive)
    if WINDOWS:
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
    else:
        with tarfile.open(archive) as t:
            names = t.getnames()
    assert f"{stem}/BlindMask" in names or f"{stem}/BlindMask.exe" in names

    internal = bundle / "_internal"
    rel = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    # the app's data: face model, PP-OCRv4 (inside rapidocr), samples, translations, licences
    for needed in ("models/centerface.onnx", "models/pp-ocrv4_mobile_seal_det.onnx",
                   "models/pp-ocrv4_mobile_seal_det.LICENSE", "models/manifest.json",
                   "rapidocr_onnxruntime/config.yaml",
                   "rapidocr_onnxruntime/models/ch_PP-OCRv4_det_infer.onnx",
                   "rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx",
                   "resources/samples/profile.toml", "resources/samples/身份证复印件.jpg",
                   "resources/samples/单位证明.pdf", "resources/i18n/blindmask_en.qm",
                   "PySide6/Qt/translations/qtbase_zh_CN.qm"):
        assert needed in rel, f"missing from the bundle: {needed}"
    assert (bundle / "THIRD-PARTY.txt").is_file()
    plugins = {p.split("/")[-1] for p in rel if "/plugins/" in p}
    platforms = {"qoffscreen.dll", "qwindows.dll"} if WINDOWS else {"libqoffscreen.so", "libqxcb.so"}
    assert platforms <= plugins, sorted(plugins)
    assert ("qjpeg.dll" if WINDOWS else "libqjpeg.so") in plugins
    # and nothing it does not use: no such files ...
    lowered = [p.lower() for p in rel]
    for unwanted in ("scipy/", "skimage/", "matplotlib/", "tkinter/", "_tcl_data/", "paddle", "pytest",
                     "hypothesis/", "tests/", "qmltooling/", "sqldrivers/", "platformthemes/libqgtk3",
                     "pymupdf/layout/", "make_samples", "resources/samples/truth.json"):
        hits = [p for p in lowered if p.startswith(unwanted) or f"/{unwanted}" in p]
        assert not hits, f"should not be in the bundle: {hits[:5]}"
    names = [p.rsplit("/", 1)[-1] for p in lowered]
    for lib in ("qt6webengine", "qt6quick", "qt6qml", "qt6network", "qt6pdf", "libgtk", "libqt5"):
        assert not [n for n in names if lib in n], f"{lib}* should not be in the bundle"
    # ... and no such modules in the frozen archive of Python modules
    toc = (built["work"] / "pyinstaller" / "blindmask" / "PYZ-00.toc").read_text(encoding="utf-8")
    modules = {m.split(".")[0] for m in re.findall(r"\('([A-Za-z_][\w.]*)',", toc)}
    for unwanted in ("scipy", "skimage", "matplotlib", "tkinter", "paddle", "paddleocr", "paddlex", "pytest",
                     "_pytest", "pytestqt", "hypothesis", "importlinter", "networkx", "tests"):
        assert unwanted not in modules, f"module {unwanted} should not be in the bundle"
    assert {"redaction", "app", "rapidocr_onnxruntime", "onnxruntime", "pymupdf", "pillow_heif"} <= modules
    # HEIC photos: pillow-heif's extension and the libheif/libde265 it links (--selftest decodes one)
    assert [n for n in names if n.startswith("_pillow_heif")], "pillow-heif's extension is missing"
    for lib in ("heif", "de265"):
        assert [n for n in names if lib in n and not n.startswith("_pillow_heif")
                and (".so" in n or n.endswith((".dll", ".dylib")))], f"lib{lib} is missing from the bundle"
    assert built["summary"]["bundle_bytes"] < MAX_BUNDLE_BYTES, built["summary"]


def test_version_and_selftest_from_chinese_path(built, installed, tmp_path):
    exe = installed / EXE_NAME
    assert " " in str(exe) and "安装" in str(exe)
    home = tmp_path / "home"
    env = _clean_env(home)
    timings = built["timings"]

    t = time.perf_counter()
    r = subprocess.run([str(exe), "--version"], env=env, capture_output=True, text=True, encoding="utf-8",
                       errors="replace", timeout=300)
    timings["version_cold_seconds"] = round(time.perf_counter() - t, 2)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"BlindMask {__version__} (bundle)"

    out = tmp_path / "输出 结果"
    offline = _no_network_prefix()
    t = time.perf_counter()
    r = subprocess.run(offline + [str(exe), "--selftest", "--out", str(out)], env=env, capture_output=True,
                       text=True, encoding="utf-8", errors="replace", timeout=900)
    timings["selftest_seconds"] = round(time.perf_counter() - t, 2)
    timings["network_blocked"] = bool(offline)
    log = r.stdout + r.stderr
    assert r.returncode == 0 and "SELFTEST PASSED" in r.stdout, log
    assert "FAIL" not in r.stdout, log
    assert "ok    HEIF photo loads upright" in r.stdout and "ok    WEBP photo loads upright" in r.stdout, log
    # what a `--selftest` claims is checked again here, independently
    assert str(installed / "_internal") in log          # models were found inside the copied bundle
    report = json.loads((out / "blindmask-report.json").read_text(encoding="utf-8"))
    page = report["documents"][0]["pages"][0]
    boxes = [r for r in page["regions"] if r.get("accepted", True)]
    assert {"name", "employer", "seal", "eyes"} <= {b["kind"] for b in boxes}, boxes
    import cv2
    import numpy as np

    img = cv2.imdecode(np.fromfile(str(out / page["output"]), np.uint8), cv2.IMREAD_COLOR)
    assert img is not None and img.shape[:2] == (page["height"], page["width"])
    for b in boxes:
        x0, y0, x1, y1 = b["bbox"]
        assert img[y0 + 3:y1 - 3, x0 + 3:x1 - 3].mean() < 24, b
    # offline: ONNX Runtime telemetry never wrote its device id, no model was fetched
    assert not (home / ".cache" / "Microsoft").exists()
    assert not list(home.rglob("*.onnx")) and not list(home.rglob("*.pdparams"))

    t = time.perf_counter()
    r = subprocess.run([str(exe), "cli", "--version"], env=env, capture_output=True, text=True, encoding="utf-8",
                       errors="replace", timeout=300)
    assert r.returncode == 0 and __version__ in r.stdout, r.stderr

    timings["bundle_mb"] = round(built["summary"]["bundle_bytes"] / 1e6)
    timings["archive_mb"] = round((built["summary"]["archive_bytes"] or 0) / 1e6)
    (built["tmp"] / "installer-timings.json").write_text(json.dumps(timings, indent=2), encoding="utf-8")
    print("\ninstaller timings:", json.dumps(timings))


@pytest.mark.skipif(WINDOWS, reason="X11 only: Windows has no xcb plugin")
def test_window_on_a_real_x_server(installed, tmp_path):
    """The offscreen self-test does not load the xcb plugin and the X libraries it needs: do that
    under Xvfb, from the Chinese path, with a clean environment."""
    assert shutil.which("xvfb-run"), "xvfb-run is missing: apt-get install xvfb xauth (.ci/run does)"
    env = _clean_env(tmp_path / "home")
    script = ('exec env -i PATH="$PATH" HOME="$HOME" TMPDIR="$TMPDIR" DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" '
              '"$0" --selftest --qt-only --qt-platform xcb')
    r = subprocess.run([shutil.which("xvfb-run"), "-a", "sh", "-c", script, str(installed / EXE_NAME)],
                       env=env, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300)
    assert r.returncode == 0 and "platform plugin 'xcb'" in r.stdout, r.stdout + r.stderr
