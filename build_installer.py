#!/usr/bin/env python3
"""Build the BlindMask desktop bundle: one folder that runs offline without Python installed.

    pip install -e ".[build]"        # the app's dependencies + PyInstaller
    python build_installer.py        # -> dist/BlindMask/  and  dist/BlindMask-<version>-<platform>.tar.gz|.zip

The bundle is a PyInstaller one-folder app (packaging/blindmask.spec) around `app/launcher.py`:
the GUI, the `cli` commands, `--version` and an offscreen `--selftest`. It carries the OCR models
(PP-OCRv4 inside rapidocr_onnxruntime), the face model (models/centerface.onnx), the Qt plugins
and translations it needs, resources/i18n and the sample documents; nothing is downloaded at run time.

Options:
    --dist DIR / --work DIR   output and scratch folders (default: dist/ and build/)
    --with-paddle             also bundle the optional PaddleOCR engine (the [paddle] extra; huge)
    --keep-opencv-gui         bundle the installed OpenCV as is, even the GUI build (see below)
    --no-archive              skip the .tar.gz/.zip
    --selftest                run the built bundle's --selftest before archiving
    --installer               Windows only: also build a setup .exe with Inno Setup 6 (iscc on PATH)

OpenCV: the `opencv-python` wheel on Linux carries its own Qt 5, FFmpeg and X11 libraries (~100 MB)
for cv2.imshow, which BlindMask never calls. When that build is installed, the script fetches the
matching `opencv-python-headless` wheel with pip into the work folder and puts it first on the
path for the freeze (needs PyPI or a pip cache/wheelhouse; if that fails it warns and bundles the
installed build). On Windows the GUI wheel has no Qt, so nothing is swapped.

Windows differences (same command, run on Windows with a Windows Python): a windowed
`BlindMask.exe` plus a console twin `blindmask-cli.exe` (for --selftest, --version and `cli`), the
icon packaging/icons/blindmask.ico, a version resource from packaging/windows/version_info.txt.in,
a .zip archive, and with --installer a per-user Inno Setup installer (packaging/windows/blindmask.iss).
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "packaging" / "blindmask.spec"
APP_NAME = "BlindMask"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"


def log(msg: str) -> None:
    print(f"[build_installer] {msg}", flush=True)


def project_version() -> str:
    text = (ROOT / "redaction" / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)
    if not m:
        raise SystemExit("cannot find __version__ in redaction/__init__.py")
    return m.group(1)


def platform_tag() -> str:
    machine = platform.machine().lower()
    machine = {"amd64": "x64", "x86_64": "x86_64" if not WINDOWS else "x64", "arm64": "arm64",
               "aarch64": "aarch64"}.get(machine, machine)
    system = "windows" if WINDOWS else "macos" if MACOS else "linux"
    return f"{system}-{machine}"


def folder_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def dist_version(name: str) -> str | None:
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return None


def check_environment(with_paddle: bool) -> None:
    missing = [m for m in ("PyInstaller", "PySide6", "cv2", "onnxruntime", "rapidocr_onnxruntime", "pymupdf",
                           "numpy", "docx", "pypinyin") if importlib.util.find_spec(m) is None]
    if with_paddle:
        missing += [m for m in ("paddleocr",) if importlib.util.find_spec(m) is None]
    if missing:
        extra = "build,paddle" if with_paddle else "build"
        raise SystemExit(f"missing in this Python ({sys.executable}): {', '.join(missing)}\n"
                         f"install with:  pip install -e \".[{extra}]\"")


def opencv_overlay(work: Path) -> Path | None:
    """A folder with opencv-python-headless to put first on the path, or None to use what is installed."""
    if WINDOWS:
        return None
    spec = importlib.util.find_spec("cv2")
    cv2_dir = Path(next(iter(spec.submodule_search_locations))) if spec and spec.submodule_search_locations else None
    gui_version = dist_version("opencv-python")
    if cv2_dir is None or gui_version is None or not (cv2_dir / "qt").is_dir():
        return None          # already the headless build
    overlay = work / f"opencv-headless-{gui_version}"
    marker = overlay / ".complete"
    if marker.exists():
        log(f"OpenCV: using cached headless overlay {overlay}")
        return overlay
    log(f"OpenCV: installed build is opencv-python {gui_version} (ships Qt 5 + FFmpeg for imshow); "
        f"fetching opencv-python-headless=={gui_version} for the bundle")
    shutil.rmtree(overlay, ignore_errors=True)
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
           "--only-binary", ":all:", "--target", str(overlay), f"opencv-python-headless=={gui_version}"]
    r = subprocess.run(cmd)
    if r.returncode != 0 or not (overlay / "cv2").is_dir():
        log("WARNING: could not fetch opencv-python-headless; bundling the installed opencv-python "
            "(about 100 MB larger). Pass --keep-opencv-gui to skip this attempt.")
        shutil.rmtree(overlay, ignore_errors=True)
        return None
    marker.write_text(gui_version)
    return overlay


def windows_version_file(version: str, work: Path) -> Path:
    nums = [int(x) for x in re.findall(r"\d+", version)[:4]]
    nums += [0] * (4 - len(nums))
    text = (ROOT / "packaging" / "windows" / "version_info.txt.in").read_text(encoding="utf-8")
    text = text.replace("@VERSION_TUPLE@", ", ".join(map(str, nums))).replace("@VERSION@", version)
    out = work / "version_info.txt"
    out.write_text(text, encoding="utf-8")
    return out


def run_pyinstaller(dist: Path, work: Path, version: str, with_paddle: bool, overlay: Path | None) -> None:
    env = dict(os.environ)
    env["BLINDMASK_WITH_PADDLE"] = "1" if with_paddle else "0"
    env["BLINDMASK_VERSION"] = version
    if WINDOWS:
        env["BLINDMASK_VERSION_FILE"] = str(windows_version_file(version, work))
    # Only the overlay (if any) goes ahead of site-packages; the checkout comes in via the spec's pathex.
    env.pop("PYTHONPATH", None)
    if overlay is not None:
        env["PYTHONPATH"] = str(overlay)
    env["PYTHONNOUSERSITE"] = "1"
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work / "pyinstaller")]
    log("running " + " ".join(cmd))
    r = subprocess.run(cmd, env=env, cwd=str(ROOT))
    if r.returncode != 0:
        raise SystemExit(f"PyInstaller failed (exit {r.returncode})")


def strip_python_debug_info(bundle: Path) -> int:
    """Linux: a Python built from source (pyenv, CI images) keeps ~20 MB of debug info in
    libpython and its extension modules. `strip --strip-debug` drops only that (symbols stay).
    The wheels' own libraries are already stripped and are left alone. Returns bytes saved."""
    strip = shutil.which("strip")
    if WINDOWS or MACOS or not strip:
        return 0
    internal = bundle / "_internal"
    targets = [p for p in internal.glob("libpython3*.so*") if p.is_file() and not p.is_symlink()]
    targets += [p for p in internal.glob("python3*/lib-dynload/*.so") if p.is_file()]
    before = sum(p.stat().st_size for p in targets)
    if targets:
        subprocess.run([strip, "--strip-debug", *map(str, targets)], check=False)
    return before - sum(p.stat().st_size for p in targets)


def git_commit() -> str | None:
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=str(ROOT), capture_output=True, text=True, timeout=10)
        return r.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def write_build_info(bundle: Path, version: str, overlay: Path | None) -> dict:
    pkgs = ["pyinstaller", "PySide6_Essentials", "shiboken6", "onnxruntime", "rapidocr_onnxruntime", "pymupdf",
            "numpy", "pillow", "python-docx", "shapely", "pyclipper", "PyYAML", "lxml", "pypinyin"]
    versions = {p: dist_version(p) for p in pkgs}
    versions["opencv"] = (f"opencv-python-headless {overlay.name.rsplit('-', 1)[-1]}" if overlay else
                          f"opencv-python-headless {dist_version('opencv-python-headless')}"
                          if not dist_version("opencv-python") else f"opencv-python {dist_version('opencv-python')}")
    info = {"name": APP_NAME, "version": version, "platform": platform_tag(),
            "python": platform.python_version(), "commit": git_commit(),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "packages": {k: v for k, v in versions.items() if v}}
    (bundle / "BUILD-INFO.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.copy2(ROOT / "packaging" / "THIRD-PARTY.txt", bundle / "THIRD-PARTY.txt")
    return info


def executable(bundle: Path, console: bool = True) -> Path:
    if WINDOWS:
        return bundle / ("blindmask-cli.exe" if console else "BlindMask.exe")
    return bundle / APP_NAME


def clean_env(home: Path | None = None) -> dict:
    """What a fresh desktop has: no PYTHONPATH/virtualenv, no Qt or OpenCV variables."""
    keep = ("PATH", "SYSTEMROOT", "SystemRoot", "WINDIR", "TEMP", "TMP", "TMPDIR", "LANG", "LC_ALL",
            "USERPROFILE", "APPDATA", "LOCALAPPDATA", "HOME", "DISPLAY", "XDG_RUNTIME_DIR")
    env = {k: v for k, v in os.environ.items() if k in keep}
    if home is not None:
        env["HOME"] = str(home)
        if WINDOWS:
            env["USERPROFILE"] = env["APPDATA"] = env["LOCALAPPDATA"] = str(home)
    return env


def smoke(bundle: Path, selftest: bool) -> None:
    exe = executable(bundle)
    t = time.perf_counter()
    r = subprocess.run([str(exe), "--version"], env=clean_env(), capture_output=True, text=True,
                       encoding="utf-8", errors="replace", timeout=300)
    log(f"{exe.name} --version -> {r.stdout.strip()!r} (exit {r.returncode}, {time.perf_counter() - t:.1f}s)")
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit("the bundle does not start")
    if selftest:
        t = time.perf_counter()
        r = subprocess.run([str(exe), "--selftest"], env=clean_env(), timeout=900)
        log(f"{exe.name} --selftest: exit {r.returncode} in {time.perf_counter() - t:.1f}s")
        if r.returncode != 0:
            raise SystemExit("the bundle's self-test failed")


def make_archive(bundle: Path, dist: Path, stem: str) -> Path:
    if WINDOWS:
        out = dist / f"{stem}.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for p in sorted(bundle.rglob("*")):
                z.write(p, Path(stem) / p.relative_to(bundle))
        return out
    out = dist / f"{stem}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as t:
        t.add(bundle, arcname=stem)
    return out


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.environ.get("LOCALAPPDATA") and str(Path(os.environ["LOCALAPPDATA"]) / "Programs")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    return None


def make_installer(bundle: Path, dist: Path, version: str) -> Path | None:
    iscc = find_iscc()
    if not iscc:
        log("WARNING: --installer: Inno Setup 6 (iscc) not found; skipped the setup .exe")
        return None
    cmd = [iscc, f"/DAppVersion={version}", f"/DSourceDir={bundle}", f"/DOutputDir={dist}",
           str(ROOT / "packaging" / "windows" / "blindmask.iss")]
    log("running " + " ".join(cmd))
    if subprocess.run(cmd).returncode != 0:
        raise SystemExit("Inno Setup failed")
    return dist / f"{APP_NAME}-{version}-{platform_tag()}-setup.exe"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Build the BlindMask offline desktop bundle (PyInstaller, one folder).")
    p.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (default: dist/)")
    p.add_argument("--work", default=str(ROOT / "build"), help="scratch folder (default: build/)")
    p.add_argument("--with-paddle", action="store_true", help="also bundle the optional PaddleOCR engine")
    p.add_argument("--keep-opencv-gui", action="store_true", help="do not swap in opencv-python-headless")
    p.add_argument("--no-archive", action="store_true", help="do not write the .tar.gz/.zip")
    p.add_argument("--selftest", action="store_true", help="run the bundle's --selftest after the build")
    p.add_argument("--installer", action="store_true", help="Windows: also build an Inno Setup installer")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    dist.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    check_environment(args.with_paddle)
    version = project_version()
    stem = f"{APP_NAME}-{version}-{platform_tag()}"
    log(f"building {stem} with Python {platform.python_version()} ({sys.executable}), "
        f"PyInstaller {dist_version('pyinstaller')}")

    overlay = None if args.keep_opencv_gui else opencv_overlay(work)
    bundle = dist / APP_NAME
    t_freeze = time.perf_counter()
    run_pyinstaller(dist, work, version, args.with_paddle, overlay)
    t_freeze = time.perf_counter() - t_freeze
    saved = strip_python_debug_info(bundle)
    if saved > 1e6:
        log(f"stripped debug info from the Python runtime: -{mb(saved)}")
    write_build_info(bundle, version, overlay)
    smoke(bundle, args.selftest)

    archive = installer = None
    t_archive = 0.0
    if not args.no_archive:
        t_archive = time.perf_counter()
        archive = make_archive(bundle, dist, stem)
        t_archive = time.perf_counter() - t_archive
    if args.installer:
        if WINDOWS:
            installer = make_installer(bundle, dist, version)
        else:
            log("--installer is Windows-only; skipped")

    summary = {"bundle": str(bundle), "bundle_bytes": folder_size(bundle),
               "archive": str(archive) if archive else None,
               "archive_bytes": archive.stat().st_size if archive else None,
               "installer": str(installer) if installer else None,
               "freeze_seconds": round(t_freeze, 1), "archive_seconds": round(t_archive, 1),
               "total_seconds": round(time.perf_counter() - t0, 1)}
    (work / "build-summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    log(f"bundle  {bundle}  {mb(summary['bundle_bytes'])}")
    if archive:
        log(f"archive {archive}  {mb(summary['archive_bytes'])}")
    if installer:
        log(f"setup   {installer}")
    log(f"done in {summary['total_seconds']:.0f}s (freeze {t_freeze:.0f}s, archive {t_archive:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
