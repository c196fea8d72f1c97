"""Translations (Chinese source strings, English catalogue), shortcuts help, entry points."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator


def test_every_ui_string_has_an_english_translation():
    from app import i18n
    from app.i18n import tool as i18n_tool

    table = i18n.read_ts(i18n.TS_PATH)
    missing = [s for s in i18n_tool.extract() if s not in table]
    assert missing == [], "run `python -m app.i18n.tool` and translate: " + repr(missing[:5])
    # placeholders survive translation
    import re

    for src, tr in table.items():
        assert set(re.findall(r"\{\w+\}", src)) == set(re.findall(r"\{\w+\}", tr)), src


def test_compiled_qm_matches_the_ts(qapp):
    from app import i18n
    from app.i18n import tool as i18n_tool

    qm = QTranslator()
    assert qm.load(str(i18n.QM_PATH)), "run `python -m app.i18n.tool` to compile the .qm"
    table = i18n.read_ts(i18n.TS_PATH)
    for src in i18n_tool.extract():
        assert qm.translate(i18n.CONTEXT, src) == table[src], src


def test_switch_to_english_and_back(qtbot, settings, profile):
    from app import i18n
    from app.windows.main_window import MainWindow

    app = QCoreApplication.instance()
    try:
        assert i18n.install(app, "en") == "en"
        assert i18n._("确认此页") == "Confirm page"
        win = MainWindow(settings, profile=profile)
        qtbot.addWidget(win)
        assert win.act_confirm.text() == "Confirm page"
        assert win.files.headerItem().text(0) == "File / page"
    finally:
        i18n.install(app, "zh_CN")
    assert i18n._("确认此页") == "确认此页"


def test_ts_fallback_translator(qapp, tmp_path, monkeypatch):
    """A missing .qm falls back to reading the .ts directly."""
    from app import i18n

    monkeypatch.setattr(i18n, "QM_PATH", tmp_path / "missing.qm")
    app = QCoreApplication.instance()
    try:
        i18n.install(app, "en")
        assert i18n._("导出") == "Export"
    finally:
        i18n.install(app, "zh_CN")


def test_shortcuts_dialog_lists_the_actions_keys(qtbot, window):
    from PySide6.QtGui import QKeySequence

    from app.windows.dialogs import ShortcutsDialog

    dlg = ShortcutsDialog(window)
    qtbot.addWidget(dlg)
    listed = " ".join(dlg.table.item(i, 1).text() for i in range(dlg.table.rowCount()))
    for action in (window.act_confirm, window.act_no_mask, window.act_accept_all, window.act_toggle,
                   window.act_draw, window.act_next, window.act_prev, window.act_export, window.act_preview):
        first = action.shortcuts()[0].toString(QKeySequence.SequenceFormat.PortableText)
        first = {"Return": "Enter", "PgDown": "PgDown", "PgUp": "PgUp"}.get(first, first)
        assert first in listed, first
    # F1 opens it
    import app.windows.dialogs as dialogs

    opened = []
    from unittest import mock

    with mock.patch.object(dialogs.ShortcutsDialog, "exec", lambda self: opened.append(self) or 0):
        window.act_help.trigger()
    assert opened


def test_settings_dialog_round_trip(qtbot, settings, window):
    from PySide6.QtGui import QColor

    from app.windows.dialogs import SettingsDialog

    dlg = SettingsDialog(settings, window)
    qtbot.addWidget(dlg)
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg.color = QColor("#ffffff")
    dlg.quality.setValue(80)
    dlg.dpi.setValue(300)
    dlg.accept()
    assert dlg.language_changed
    assert settings.language == "en" and settings.fill_bgr == (255, 255, 255)
    assert settings.jpeg_quality == 80 and settings.dpi == 300


def test_main_entry_points(qtbot, monkeypatch, samples, tmp_path):
    import app.main as main

    seen = {}
    monkeypatch.setattr(main, "run_gui", lambda paths, profile, verify=False: seen.update(
        paths=paths, profile=profile, verify=verify) or 0)
    folder, _truth = samples
    assert main.main([str(folder), "--profile", "p.toml"]) == 0
    assert seen == {"paths": [str(folder)], "profile": "p.toml", "verify": False}
    assert main.main([str(tmp_path / "nope")]) == 2


def test_create_window_opens_paths_with_profile(qtbot, samples, tmp_path, fake_factory):
    import app.main as main

    folder, _truth = samples
    prof = tmp_path / "profile.toml"
    from tests.gui.conftest import PROFILE_TOML

    prof.write_text(PROFILE_TOML, encoding="utf-8")
    win = main.create_window([folder], str(prof), detector_factory=fake_factory)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.is_detecting(), timeout=20000)
    assert win.state.profile.name == "张伟"
    assert len(win.state.docs) == 3
    win.close()
