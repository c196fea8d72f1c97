"""Take the roster-audit screenshots (run under Xvfb; the real detector):

    xvfb-run -a -s "-screen 0 1600x1000x24" python docs/screenshots/make_audit_screenshots.py

The roster and folders are the audit tests' generated 12 applicants (tests/test_audit.py). The
GUI's 校验模式 runs the audit and shows 序号 2's unmasked page → audit.png; the same result's HTML
report, opened in headless Chromium → audit-report.png. Settings, ledger and files go to a
temporary folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent


def pump(app, until, timeout=900):
    end = time.time() + timeout
    while not until() and time.time() < end:
        app.processEvents()
        time.sleep(0.05)
    app.processEvents()


class _Factory:
    def __init__(self, base: Path):
        self.base = base

    def mktemp(self, name: str) -> Path:
        p = self.base / name
        p.mkdir(parents=True)
        return p


def main(lang: str = "zh_CN"):
    tmp = Path(tempfile.mkdtemp(prefix="blindmask-audit-shots-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    from app import i18n
    from app.main import make_app
    from app.model.settings import Settings
    from app.windows.verify_window import VerifyWindow
    from tests.test_audit import audit_tree
    from tests.test_audit_browser import screenshot

    base = audit_tree.__wrapped__(_Factory(tmp))
    app = make_app()
    Settings().language = lang
    i18n.install(app, lang)
    suffix = "" if lang == "zh_CN" else "-en"

    win = VerifyWindow(Settings())
    win.resize(1500, 940)
    win.show()
    win.open_roster(base / "花名册.xlsx", base / "材料")
    pump(app, lambda: win.roster.job is None)
    win.roster.select(1)
    pump(app, lambda: False, 0.5)
    win.grab().save(str(OUT / f"audit{suffix}.png"))
    print("statuses:", win.roster.statuses())

    report = tmp / "报告" / "核查报告.html"
    assert win.roster.write_report(report)
    screenshot(report, OUT / f"audit-report{suffix}.png", tmp / "chromium", size=(1280, 900))
    win.close()
    shutil.rmtree(tmp, ignore_errors=True)
    print("screenshots in", OUT)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_CN")
