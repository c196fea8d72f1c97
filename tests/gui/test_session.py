"""Autosave after every edit and restore when the same files are opened again."""

from __future__ import annotations

import json

from app.model.state import CONFIRMED, REVIEW, session_key
from redaction.files import proposals
from redaction.files.document import collect_inputs
from tests.gui.conftest import NAME, wait_detected


def _win(qtbot, settings, profile, factory):
    from app.windows.main_window import MainWindow

    w = MainWindow(settings, detector_factory=factory, profile=profile, open_folder_after_export=False)
    qtbot.addWidget(w)
    w.show()
    return w


def test_autosave_every_edit_and_restore(qtbot, settings, profile, samples, fake_factory, monkeypatch):
    import app.windows.main_window as mw

    folder, _truth = samples
    win = _win(qtbot, settings, profile, fake_factory)
    win.open_paths([str(folder)])
    wait_detected(qtbot, win)
    path = win.state.session_path
    assert path.exists() and path.with_suffix(".meta.json").exists()
    cert = next((d, 0) for d, doc in enumerate(win.state.docs) if doc.path.name.startswith(NAME))
    win.show_page(cert)
    emp = win.state.regions(cert)[1]
    win.toggle_region(emp)                                    # one edit → on disk at once
    saved = proposals.load(path)
    assert saved[cert[0]].pages[0].regions[1].accepted is False
    win.add_region("name", (10, 10, 60, 40))
    win.confirm_page()
    saved = proposals.load(path)
    page = saved[cert[0]].pages[0]
    assert page.decision == "confirmed"
    assert page.regions[-1].source == "manual" and page.regions[-1].bbox == (10, 10, 60, 40)
    # the saved file is a proposals JSON per the contract (plus decisions)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and "documents" in data
    # "crash": drop the window without closing it cleanly, then open the same files (as files, in
    # another order) in a new window
    win.stop_detection(wait=True)
    win.hide()

    calls = []
    monkeypatch.setattr(mw, "ask", lambda *a, **k: calls.append(a[2]) or True)
    det_calls_before = fake_factory().calls
    win2 = _win(qtbot, settings, None, fake_factory)
    files = [str(i.path) for i in collect_inputs([folder])][::-1]
    win2.open_paths(files)
    wait_detected(qtbot, win2)
    assert calls and "已自动保存" in calls[0]
    assert win2.state.profile == profile                       # the profile comes back too
    key2 = next((d, 0) for d, doc in enumerate(win2.state.docs) if doc.path.name.startswith(NAME))
    assert win2.state.status(key2) == CONFIRMED
    regions = win2.state.regions(key2)
    assert regions[1].accepted is False and regions[-1].source == "manual"
    assert fake_factory().calls == det_calls_before            # nothing detected again
    assert session_key(collect_inputs([folder])) == win2.state.session_path.stem


def test_declining_restore_starts_fresh(qtbot, settings, profile, samples, fake_factory, monkeypatch):
    import app.windows.main_window as mw

    folder, _truth = samples
    win = _win(qtbot, settings, profile, fake_factory)
    win.open_paths([str(folder)])
    wait_detected(qtbot, win)
    win.confirm_page()
    win.hide()
    monkeypatch.setattr(mw, "ask", lambda *a, **k: False)
    win2 = _win(qtbot, settings, profile, fake_factory)
    win2.open_paths([str(folder)])
    wait_detected(qtbot, win2)
    assert all(win2.state.status(k) == REVIEW for k in win2.state.keys())
