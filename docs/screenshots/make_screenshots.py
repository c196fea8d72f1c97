"""Take the README screenshots of the real window with the real detector (run under Xvfb):

    xvfb-run -a -s "-screen 0 1600x1000x24" /work/venv/bin/python docs/screenshots/make_screenshots.py

Settings and autosaved sessions go to a temporary folder; nothing of the user's is touched.
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
SAMPLES = ROOT / "resources" / "samples"
FILES = ["培训证书.jpg", "身份证复印件.jpg", "单位证明.pdf"]


def pump(app, until, timeout=900):
    end = time.time() + timeout
    while not until() and time.time() < end:
        app.processEvents()
        time.sleep(0.05)
    app.processEvents()


def main(lang: str = "zh_CN"):
    tmp = Path(tempfile.mkdtemp(prefix="blindmask-shots-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    from app import i18n
    from app.main import make_app
    from app.model.settings import Settings
    from app.windows.main_window import MainWindow
    from redaction.model.profile import load_profile

    app = make_app()
    Settings().language = lang
    i18n.install(app, lang)
    folder = tmp / "附件"
    folder.mkdir()
    for name in FILES:
        shutil.copy(SAMPLES / name, folder / name)
    profile = load_profile(SAMPLES / "profile.toml")
    suffix = "" if lang == "zh_CN" else "-en"

    win = MainWindow(profile=None, open_folder_after_export=False)
    win.resize(1500, 920)
    win.show()
    pump(app, lambda: False, 0.5)
    win.grab().save(str(OUT / f"welcome{suffix}.png"))

    win.state.set_profile(profile)
    win.open_paths([str(folder)])
    pump(app, lambda: not win.is_detecting())
    # the training certificate: photo (eyes), name, employer, seal
    key = next((d, 0) for d, doc in enumerate(win.state.docs) if doc.path.name == "培训证书.jpg")
    win.show_page(key)
    regions = win.state.regions(key)
    others = [r for r in regions if r.kind not in ("name", "employer", "seal", "eyes")]
    if others:
        win.toggle_region(others[0])
    win.canvas.select(next((r for r in regions if r.kind == "employer"), regions[0] if regions else None))
    pump(app, lambda: False, 0.5)
    win.grab().save(str(OUT / f"review{suffix}.png"))
    win.toggle_preview(True)
    pump(app, lambda: False, 0.3)
    win.grab().save(str(OUT / f"preview{suffix}.png"))
    win.toggle_preview(False)

    # decide every page; leave the ID copy unmasked on purpose so verify has something to find
    for k in win.state.keys():
        doc = win.state.docs[k[0]]
        win.show_page(k)
        win.undo_stack.push(__import__("app.model.commands", fromlist=["SetDecision"]).SetDecision(
            win.state, k, "no_mask" if doc.path.name == "身份证复印件.jpg" else "confirmed"))
    out = tmp / "导出"
    win.export_to(out, wait=True)
    pump(app, lambda: win.last_export is not None, 120)

    win.open_verify()
    vw = win.verify_window
    vw.resize(1500, 920)
    vw.open_paths([str(out)])
    pump(app, lambda: vw.job is None)
    pump(app, lambda: False, 0.5)
    vw.grab().save(str(OUT / f"verify{suffix}.png"))
    print("screenshots in", OUT, "; results:", vw.file_results())
    win.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_CN")
