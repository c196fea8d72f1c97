"""Entry points: `blindmask-gui`, `blindmask gui [PATH...] [--profile FILE]` (via run_gui)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def clean_qt_env() -> None:
    """opencv-python (non-headless wheels) points QT_QPA_PLATFORM_PLUGIN_PATH and QT_QPA_FONTDIR at
    its own Qt build when cv2 is imported; PySide6 would then fail to load its xcb plugin. Import
    cv2 first, then drop those variables if they point into cv2's folder."""
    import os

    try:
        import cv2
    except ImportError:
        return
    cv2_dir = os.path.dirname(os.path.abspath(cv2.__file__))
    for var in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR"):
        value = os.environ.get(var, "")
        if value and os.path.abspath(value).startswith(cv2_dir):
            del os.environ[var]


def make_app(argv=None):
    """The QApplication (made once), with the organisation, app name and UI language set."""
    clean_qt_env()
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.model.settings import APP, ORG, Settings

    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationDisplayName("BlindMask")
    i18n.install(app, Settings().language)
    return app


def create_window(paths=(), profile_path=None, detector_factory=None, verify: bool = False):
    """Build the main window (and load a profile / open files); returns the window shown first."""
    from PySide6.QtWidgets import QMessageBox

    from app.windows.dialogs import explain_profile_error
    from app.windows.main_window import MainWindow
    from redaction.model.profile import ProfileError, load_profile

    profile = None
    profile_error = None
    if profile_path:
        try:
            profile = load_profile(profile_path)
        except ProfileError as exc:
            profile_error = exc
    win = MainWindow(detector_factory=detector_factory, profile=profile)
    if profile is not None:
        win.settings.last_profile = profile.to_toml()
    win.show()
    if profile_error is not None:
        QMessageBox.warning(win, "BlindMask", explain_profile_error(profile_error))
    if verify:
        win.open_verify()
        if paths:
            win.verify_window.open_paths([str(p) for p in paths])
        return win.verify_window
    if paths:
        win.open_paths([str(p) for p in paths])
    return win


def run_gui(paths=(), profile_path=None, verify: bool = False) -> int:
    """Start the desktop app; the CLI's `blindmask gui` calls this. Returns the exit code."""
    app = make_app()
    try:
        create_window(paths, profile_path, verify=verify)
    except FileNotFoundError as exc:
        print(f"blindmask gui: not found: {exc}", file=sys.stderr)
        return 2
    return int(app.exec())


def main(argv=None) -> int:
    """The blindmask-gui command: open the given files (or verify them) in the desktop app."""
    parser = argparse.ArgumentParser(prog="blindmask-gui", description="盲评遮盖助手 BlindMask (desktop app)")
    parser.add_argument("paths", nargs="*", help="files or folders to open")
    parser.add_argument("--profile", help="applicant profile (TOML)")
    parser.add_argument("--verify", action="store_true", help="open the paths in verify mode (HR check)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print("blindmask-gui: not found: " + ", ".join(missing), file=sys.stderr)
        return 2
    return run_gui(args.paths, args.profile, verify=args.verify)


if __name__ == "__main__":
    sys.exit(main())
