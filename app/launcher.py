"""Entry point of the desktop bundle (build_installer.py freezes this module).

    BlindMask                       start the desktop app (same arguments as `blindmask-gui`)
    BlindMask --version             print the version and exit
    BlindMask --selftest [--out DIR] [--keep] [--qt-platform NAME] [--qt-only]
                                    offscreen release check: detect and mask a bundled sample,
                                    check the masks are burnt in, build the main window; exit 0/1
    BlindMask cli COMMAND ...       the `blindmask` command line (demo, redact, verify, ...)

Everything is found through `redaction.assets` (models and resources beside `redaction/`, or inside
it as package data of a wheel), so the same code runs from a source checkout, a pip install and a
frozen bundle (where they live in `_internal/`). It also runs unfrozen: `python -m app.launcher --selftest`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

SELFTEST_SAMPLE = "身份证复印件.jpg"
#: The sample holds one of each: OCR (name, employer), the face model (eyes), seal detection.
#: A masked box (inset by a few pixels against JPEG ringing) must be this dark on average.
MAX_MASK_MEAN = 24.0


def _stdio() -> None:
    """Windowed Windows executables have no console: give print() somewhere to go. Chinese text
    must never crash a report on a legacy code page."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
        else:
            try:
                stream.reconfigure(errors="replace")
            except (AttributeError, ValueError):
                pass


def version_text() -> str:
    """The version line printed by --version."""
    from redaction import __version__

    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return f"BlindMask {__version__}{frozen}"


def bundle_paths() -> dict[str, Path]:
    """Where the bundled samples, translations and models are."""
    from redaction.assets import models_dir, resources_dir

    res = resources_dir()
    return {"samples": res / "samples", "i18n": res / "i18n", "models": models_dir()}


class _Checks:
    def __init__(self):
        self.failed: list[str] = []
        self.t0 = time.perf_counter()

    def ok(self, what: str) -> None:
        print(f"ok    {what}  [{time.perf_counter() - self.t0:.1f}s]", flush=True)

    def fail(self, what: str) -> None:
        self.failed.append(what)
        print(f"FAIL  {what}  [{time.perf_counter() - self.t0:.1f}s]", flush=True)

    def check(self, cond: bool, what: str) -> bool:
        (self.ok if cond else self.fail)(what)
        return cond


def _check_pipeline(c: _Checks, out: Path) -> None:
    import cv2
    import numpy as np
    import onnxruntime

    from redaction.cli.images import run_redact
    from redaction.files.export import REPORT_NAME
    from redaction.files.proposals import load as load_review
    from redaction.model.kinds import REQUIRED_KINDS
    from redaction.model.profile import load_profile

    paths = bundle_paths()
    c.check((paths["models"] / "centerface.onnx").is_file(), f"face model in {paths['models']}")
    import rapidocr_onnxruntime

    ocr_dir = Path(rapidocr_onnxruntime.__file__).resolve().parent
    c.check((ocr_dir / "config.yaml").is_file() and len(list((ocr_dir / "models").glob("*.onnx"))) >= 2,
            f"PP-OCRv4 config and models in {ocr_dir}")
    providers = onnxruntime.get_available_providers()
    c.check("CPUExecutionProvider" in providers, f"ONNX Runtime {onnxruntime.__version__}: {', '.join(providers)}")
    c.ok(f"OpenCV {cv2.__version__}")

    sample = paths["samples"] / SELFTEST_SAMPLE
    profile = load_profile(paths["samples"] / "profile.toml")
    code, docs = run_redact([sample], profile, out, quiet=True, jobs=1)
    if not c.check(code == 0 and len(docs) == 1 and not docs[0].error,
                   f"redact {sample.name} (exit {code}{': ' + docs[0].error if docs and docs[0].error else ''})"):
        return
    report = load_review(out / REPORT_NAME)
    page = report[0].pages[0]
    boxes = page.accepted()
    kinds = sorted({r.kind for r in boxes})
    c.check(all(k in kinds for k in REQUIRED_KINDS),
            f"detected {', '.join(f'{r.kind} {list(r.bbox)}' for r in boxes)} (need {', '.join(REQUIRED_KINDS)})")
    jpg = out / page.output
    data = np.fromfile(str(jpg), dtype=np.uint8) if jpg.is_file() else np.zeros(0, np.uint8)
    img = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if not c.check(img is not None and img.shape[:2] == (page.height, page.width),
                   f"output {jpg.name} decodes ({data.size} bytes)"):
        return
    for r in boxes:
        x0, y0, x1, y1 = (int(round(v)) for v in r.bbox)
        inset = 3 if min(x1 - x0, y1 - y0) > 12 else 0
        patch = img[max(0, y0 + inset):y1 - inset, max(0, x0 + inset):x1 - inset]
        mean = float(patch.mean()) if patch.size else 255.0
        c.check(mean <= MAX_MASK_MEAN, f"{r.kind} box is masked (mean {mean:.1f})")
    mean_all = float(img.mean())
    c.check(mean_all > 100, f"the rest of the page survives (mean {mean_all:.1f})")


def _check_phone_photos(c: _Checks) -> None:
    """HEIC (libheif, a native library inside pillow-heif that the freezer must carry) and WebP
    photos stored sideways with orientation 6 load upright, turned once."""
    import tempfile

    import pillow_heif
    from PIL import Image

    from redaction.files.document import load_pages

    pillow_heif.register_heif_opener()
    stored = Image.new("RGB", (64, 48), "white")
    stored.paste((200, 0, 0), (0, 36, 12, 48))       # bottom-left: top-left once turned clockwise
    exif = Image.Exif()
    exif[0x0112] = 6
    with tempfile.TemporaryDirectory(prefix="blindmask-photo-") as tmp:
        for name, fmt in (("IMG_0001.HEIC", "HEIF"), ("照片.webp", "WEBP")):
            path = Path(tmp) / name
            stored.save(path, format=fmt, exif=exif.tobytes(), quality=90)
            page = load_pages(path)[0]
            b, g, r = (int(v) for v in page.pixels[3:9, 3:9].mean(axis=(0, 1)))
            c.check(page.pixels.shape[:2] == (64, 48) and r > 150 and g < 80 and b < 80,
                    f"{fmt} photo loads upright ({page.width}×{page.height}, top-left BGR {b},{g},{r}; "
                    f"libheif {pillow_heif.libheif_version()})")


def _check_qt(c: _Checks, out: Path, platform: str = "offscreen") -> None:
    os.environ["QT_QPA_PLATFORM"] = platform
    from app.main import clean_qt_env

    clean_qt_env()
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
    from PySide6.QtGui import QGuiApplication, QImage, QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", platform])
    c.check(QGuiApplication.platformName() == platform, f"Qt {pyside_version} platform plugin "
            f"'{QGuiApplication.platformName()}'")
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    c.check({"jpg", "png"} <= formats, f"Qt image formats: {', '.join(sorted(formats))}")
    jpgs = sorted(out.glob("*.jpg")) or [bundle_paths()["samples"] / SELFTEST_SAMPLE]
    c.check(not QImage(str(jpgs[0])).isNull(), f"Qt reads {jpgs[0].name}")
    qt_tr = QTranslator()
    c.check(qt_tr.load(QLocale("zh_CN"), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            "Qt's own Chinese translations (qtbase_zh_CN.qm)")

    from app import i18n
    from app.model.settings import Settings
    from app.windows.main_window import MainWindow

    en = i18n.install(app, "en")
    title = i18n._("盲评遮盖助手")
    c.check(en == "en" and title != "盲评遮盖助手", f"English catalogue ({i18n.QM_PATH.name}): «{title}»")
    i18n.install(app, "zh_CN")
    # A throwaway settings file: the self-test never touches the user's settings.
    store = QSettings(str(out / "selftest-settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=Settings(store))
    win.show()
    app.processEvents()
    c.check(win.isVisible() and bool(win.windowTitle()), f"main window «{win.windowTitle()}»")
    win.close()
    app.processEvents()


def selftest(out: str | None = None, keep: bool = False, platform: str = "offscreen",
             qt_only: bool = False) -> int:
    """Detect and mask a bundled sample with the real pipeline, check the result, build the GUI
    (on `platform`: offscreen by default; xcb/wayland/windows to test a real display)."""
    import shutil
    import tempfile

    c = _Checks()
    print(f"{version_text()} self-test", flush=True)
    print(f"  executable: {sys.executable}", flush=True)
    if out:
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
    else:
        # A Chinese name with a space: output paths must survive that too.
        out_dir = Path(tempfile.mkdtemp(prefix="blindmask 自检-"))
    print(f"  output: {out_dir}", flush=True)
    try:
        try:
            if not qt_only:
                _check_pipeline(c, out_dir)
                _check_phone_photos(c)
        except Exception as exc:  # noqa: BLE001 - a self-test reports, it does not crash
            import traceback

            traceback.print_exc()
            c.fail(f"pipeline: {type(exc).__name__}: {exc}")
        try:
            _check_qt(c, out_dir, platform)
        except Exception as exc:  # noqa: BLE001
            import traceback

            traceback.print_exc()
            c.fail(f"Qt: {type(exc).__name__}: {exc}")
    finally:
        if not out and not keep:
            shutil.rmtree(out_dir, ignore_errors=True)
    if c.failed:
        print(f"SELFTEST FAILED ({len(c.failed)} check(s)): " + "; ".join(c.failed), flush=True)
        return 1
    print(f"SELFTEST PASSED in {time.perf_counter() - c.t0:.1f}s", flush=True)
    return 0


def main(argv=None) -> int:
    """The desktop bundle's entry point: --version, --selftest, cli …, or the desktop app."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _stdio()
    import redaction  # noqa: F401  (sets ORT_DISABLE_TELEMETRY before onnxruntime is imported)

    if argv and argv[0] in ("--version", "-V"):
        print(version_text())
        return 0
    if argv and argv[0] == "--selftest":
        import argparse

        p = argparse.ArgumentParser(prog="BlindMask --selftest")
        p.add_argument("--out", help="write the masked sample and report here (kept)")
        p.add_argument("--keep", action="store_true", help="keep the temporary output folder")
        p.add_argument("--qt-platform", default="offscreen", metavar="NAME",
                       help="Qt platform plugin for the window check (default offscreen; xcb, windows...)")
        p.add_argument("--qt-only", action="store_true", help="only the Qt checks (no OCR run)")
        args = p.parse_args(argv[1:])
        return selftest(args.out, args.keep, args.qt_platform, args.qt_only)
    if argv and argv[0] == "cli":
        from redaction.cli import main as cli_main

        return cli_main(argv[1:])
    from app.main import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    # Worker processes of `--jobs N` re-enter here on Windows (spawn): let them do their work.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
