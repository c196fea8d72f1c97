"""文字材料: pasted text is scanned live; occurrences are highlighted, accepted or rejected, replaced."""

from __future__ import annotations

from PySide6.QtCore import Qt

from redaction.model.profile import parse_profile

PROFILE = parse_profile('name = "阿依古丽·买买提"\naliases = ["阿依古丽"]\n'
                        'employers = ["阿克苏地区生态环境局"]\n')
TEXT = "本人阿依古丽·买买提，自2015年起在阿克苏地区生态环境局工作。在生态环境局期间负责水质监测。"


def test_prose_dialog_replaces_accepted_occurrences(qtbot, settings, tmp_path):
    from app.windows.prose_dialog import ProseDialog

    dlg = ProseDialog(PROFILE, settings)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_text(TEXT)
    texts = [f.occurrence.text for f in dlg.findings]
    assert "阿依古丽·买买提" in texts and "阿克苏地区生态环境局" in texts
    suggestions = [f for f in dlg.findings if f.occurrence.suggestion]
    assert suggestions and suggestions[0].occurrence.text == "生态环境局"
    out = dlg.output.toPlainText()
    assert "阿依古丽" not in out and "阿克苏地区生态环境局" not in out
    assert "在生态环境局期间" in out                     # a suggestion waits for a person
    assert len(dlg.editor.extraSelections()) == len(dlg.findings)
    # accept the suggestion with its checkbox
    row = dlg.findings.index(suggestions[0])
    dlg.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
    assert "在XX期间" in dlg.output.toPlainText()
    # decisions survive further typing
    dlg.editor.appendPlainText("另：无。")
    qtbot.waitUntil(lambda: "另：无。" in dlg.output.toPlainText(), timeout=3000)
    assert "在XX期间" in dlg.output.toPlainText()
    # reject an exact hit
    dlg.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.output.toPlainText().startswith("本人阿依古丽·买买提")
    dlg.set_all(True)
    assert "阿依古丽" not in dlg.output.toPlainText()
    dlg.copy_result()
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == dlg.output.toPlainText()
    target = tmp_path / "清理后.txt"
    assert dlg.save_to(target)
    assert target.read_text(encoding="utf-8") == dlg.output.toPlainText()


def test_prose_dialog_docx(qtbot, settings, tmp_path):
    import docx

    from app.windows.prose_dialog import ProseDialog
    from redaction import prose

    src = tmp_path / "工作总结.docx"
    d = docx.Document()
    d.add_paragraph(TEXT)
    d.core_properties.author = "阿依古丽"
    d.save(str(src))
    dlg = ProseDialog(PROFILE, settings)
    qtbot.addWidget(dlg)
    assert dlg.open_file(src)
    assert dlg.findings and dlg.editor.isReadOnly()
    out = tmp_path / "out.docx"
    assert dlg.save_to(out)
    again = prose.scan_file(out, PROFILE)
    assert not [f for f in again.findings if not f.occurrence.suggestion]


def test_main_window_opens_prose_dialog(qtbot, window):
    window.act_prose.trigger()
    assert window.prose_dialog is not None and window.prose_dialog.isVisible()
    assert window.prose_dialog.profile == window.state.profile
    window.prose_dialog.close()
