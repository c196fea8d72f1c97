"""Drive the real main window offscreen: open, detect (fake detector), edit, undo, decide, export."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from app.model.state import CONFIRMED, NO_MASK, PENDING, REVIEW
from redaction.files.export import REPORT_NAME
from tests.gui.conftest import NAME, make_page, wait_detected


def view_point(canvas, x, y) -> QPoint:
    return canvas.mapFromScene(QPointF(x, y))


def center(bbox):
    return (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2


def key_of(win, filename, page=0):
    for d, doc in enumerate(win.state.docs):
        if doc.path.name == filename:
            return (d, page)
    raise KeyError(filename)


def read_jpg(path: Path) -> np.ndarray:
    import cv2

    return cv2.imdecode(np.fromfile(str(path), dtype=np.uint8), cv2.IMREAD_COLOR)


def test_open_folder_detects_every_page(qtbot, window, samples):
    folder, truth = samples
    assert window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    st = window.state
    assert len(st.docs) == 3
    cert = key_of(window, f"{NAME}-资格证书.png")
    pdf1, pdf2 = key_of(window, "论文.pdf", 0), key_of(window, "论文.pdf", 1)
    broken = key_of(window, "损坏.jpg")
    assert st.docs[broken[0]].result.error  # unreadable file: listed with an error, not a crash
    assert st.status(cert) == REVIEW and st.status(pdf1) == REVIEW and st.status(pdf2) == REVIEW
    assert [r.kind for r in st.regions(cert)] == ["name", "employer", "seal", "id_number"]
    # the file list shows a status for every page; the multi-page PDF has one row per page
    assert window._items[pdf2].text(1) == "待审核"
    assert window.files.topLevelItem(broken[0]).text(1) == "错误"
    # the first page is shown with its proposals
    assert window.current == (0, 0)
    assert window.table.rowCount() == len(st.regions(window.current))


def test_toggle_draw_move_undo_confirm_export(qtbot, window, samples, tmp_path):
    folder, truth = samples
    window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    st, canvas = window.state, window.canvas
    cert = key_of(window, f"{NAME}-资格证书.png")
    window.show_page(cert)
    name_r, emp_r, seal_r, id_r = st.regions(cert)

    # click toggles a box (reject the employer box), a second click re-accepts, undo goes back
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=view_point(canvas, *center(emp_r.bbox)))
    assert emp_r.accepted is False and canvas.selected is emp_r
    assert window.table.item(1, 0).checkState() == Qt.CheckState.Unchecked
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert emp_r.accepted is True
    qtbot.keyClick(canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert emp_r.accepted is False
    qtbot.keyClick(canvas, Qt.Key.Key_Space)  # toggle the selected box with the keyboard
    assert emp_r.accepted is True

    # draw a new box in draw mode (key 2 = employer kind, enters draw mode)
    qtbot.keyClick(canvas, Qt.Key.Key_2)
    assert canvas.draw_mode and canvas.draw_kind == "employer"
    a, b = view_point(canvas, 100, 600), view_point(canvas, 400, 680)
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas.viewport(), pos=QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(canvas.viewport(), pos=b)
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=b)
    drawn = st.regions(cert)[-1]
    assert drawn.source == "manual" and drawn.kind == "employer" and drawn.accepted
    assert abs(drawn.bbox[0] - 100) <= 3 and abs(drawn.bbox[3] - 680) <= 3
    qtbot.keyClick(canvas, Qt.Key.Key_D)  # leave draw mode
    assert not canvas.draw_mode

    # move the drawn box by dragging its body; undo restores it, redo moves it again
    before = drawn.bbox
    c = view_point(canvas, *center(drawn.bbox))
    c2 = view_point(canvas, center(drawn.bbox)[0] + 50, center(drawn.bbox)[1] + 100)
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=c)
    qtbot.mouseMove(canvas.viewport(), pos=QPoint(c.x() + 5, c.y() + 5))
    qtbot.mouseMove(canvas.viewport(), pos=c2)
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=c2)
    assert drawn.bbox != before and abs(drawn.bbox[1] - before[1] - 100) <= 3
    assert drawn.accepted  # a drag is not a click: no toggle
    window.undo_stack.undo()
    assert drawn.bbox == before
    window.undo_stack.redo()
    moved = drawn.bbox

    # resize with the bottom-right handle
    br = view_point(canvas, moved[2], moved[3])
    br2 = view_point(canvas, moved[2] + 60, moved[3] + 20)
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=br)
    qtbot.mouseMove(canvas.viewport(), pos=br2)
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=br2)
    assert drawn.bbox[0] == moved[0] and abs(drawn.bbox[2] - moved[2] - 60) <= 3

    # keyboard nudges merge into one undo step
    n = window.undo_stack.count()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert window.undo_stack.count() == n + 1
    window.undo_stack.undo()

    # delete and undo the delete
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert drawn not in st.regions(cert) or all(r is not drawn for r in st.regions(cert))
    window.undo_stack.undo()
    assert any(r is drawn for r in st.regions(cert))
    keep_box = drawn.bbox

    # confirm the certificate (Enter) → jumps to the next undecided page
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert st.status(cert) == CONFIRMED
    assert window.current != cert
    pdf1, pdf2 = key_of(window, "论文.pdf", 0), key_of(window, "论文.pdf", 1)
    assert window.current == pdf1
    qtbot.keyClick(window.canvas, Qt.Key.Key_C)
    assert st.status(pdf1) == CONFIRMED and window.current == pdf2
    qtbot.keyClick(window.canvas, Qt.Key.Key_N)  # second PDF page needs no mask
    assert st.status(pdf2) == NO_MASK
    assert st.undecided() == []

    out = tmp_path / "导出"
    assert window.export_to(out, wait=True)
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=20000)
    written, errors = window.last_export
    assert errors == []
    names = sorted(p.relative_to(out).as_posix() for p in written)
    assert names == ["XX-资格证书.jpg", "论文-1.jpg", "论文-2.jpg"]

    img = read_jpg(out / "XX-资格证书.jpg")
    for r in (name_r, emp_r, seal_r):
        x0, y0, x1, y1 = r.bbox
        assert img[y0 + 2:y1 - 2, x0 + 2:x1 - 2].mean() < 12, r.kind   # burned black
    x0, y0, x1, y1 = id_r.bbox                                          # rejected: left as it was
    assert img[y0:y1, x0:x1].mean() > 150
    x0, y0, x1, y1 = keep_box                                           # drawn by hand: burned
    assert img[y0 + 2:y1 - 2, x0 + 2:x1 - 2].mean() < 12
    plain = read_jpg(out / "论文-2.jpg")
    assert plain.mean() > 200                                           # no mask on that page

    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["version"] == 1
    outputs = {p.get("output") for d in report["documents"] for p in d["pages"]}
    assert {"XX-资格证书.jpg", "论文-1.jpg", "论文-2.jpg"} <= outputs
    cert_doc = next(d for d in report["documents"] if d["path"].endswith("资格证书.png"))
    assert {r["kind"] for r in cert_doc["pages"][0]["regions"]} == {"name", "employer", "seal"}
    broken = next(d for d in report["documents"] if d["path"].endswith("损坏.jpg"))
    assert broken["error"]
    # outputs carry no metadata: a fresh JFIF JPEG, no EXIF
    data = (out / "XX-资格证书.jpg").read_bytes()
    assert b"Exif" not in data[:200]


def test_export_requires_a_decision_for_every_page(qtbot, window, samples, tmp_path, monkeypatch):
    folder, _truth = samples
    window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    cert = key_of(window, f"{NAME}-资格证书.png")
    window.show_page(cert)
    window.confirm_page()
    out = tmp_path / "out"
    assert window.export_to(out) is False       # undecided pages: refused
    assert not out.exists()

    # the export action lists the undecided pages; "去审核" goes to the first of them
    import app.windows.main_window as mw

    seen = {}

    def fake_exec(dlg):
        seen["rows"] = [dlg.list.item(i).text() for i in range(dlg.list.count())]
        return mw.UndecidedDialog.REVIEW

    monkeypatch.setattr(mw.UndecidedDialog, "exec", fake_exec)
    window.export()
    assert len(seen["rows"]) == 2 and all("论文.pdf" in r for r in seen["rows"])
    assert window.current == key_of(window, "论文.pdf", 0)

    # explicit skip exports only the decided page
    assert window.export_to(out, skip_undecided=True, wait=True)
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=20000)
    written, _errors = window.last_export
    assert [p.name for p in written] == ["XX-资格证书.jpg"]


def test_accept_all_reject_all_and_decision_undo(qtbot, window, samples):
    folder, _truth = samples
    window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    cert = key_of(window, f"{NAME}-资格证书.png")
    window.show_page(cert)
    regions = window.state.regions(cert)
    qtbot.keyClick(window.canvas, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert not any(r.accepted for r in regions)
    qtbot.keyClick(window.canvas, Qt.Key.Key_A)
    assert all(r.accepted for r in regions)
    window.undo_stack.undo()
    assert not any(r.accepted for r in regions)
    window.undo_stack.undo()
    assert [r.accepted for r in regions] == [True, True, True, False]
    window.confirm_page()
    assert window.state.status(cert) == CONFIRMED
    window.undo_stack.undo()                     # undoing a decision shows that page again
    assert window.state.status(cert) == REVIEW and window.current == cert
    # the table checkbox is an edit too
    window.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: regions[0].accepted is False)
    window.undo_stack.undo()
    assert regions[0].accepted is True


def test_no_mask_on_a_page_with_boxes_asks_first(qtbot, window, samples, monkeypatch):
    folder, _truth = samples
    window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    cert = key_of(window, f"{NAME}-资格证书.png")
    window.show_page(cert)
    import app.windows.main_window as mw

    monkeypatch.setattr(mw, "ask", lambda *a, **k: False)
    window.mark_no_mask()
    assert window.state.status(cert) == REVIEW
    monkeypatch.setattr(mw, "ask", lambda *a, **k: True)
    window.mark_no_mask()
    assert window.state.status(cert) == NO_MASK


def test_navigation_zoom_and_preview(qtbot, window, samples):
    folder, _truth = samples
    window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    keys = window.state.keys()
    window.show_page(keys[0])
    qtbot.keyClick(window.canvas, Qt.Key.Key_PageDown)
    assert window.current == keys[1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_PageUp)
    assert window.current == keys[0]
    c = window.canvas
    fit = c.zoom()
    qtbot.keyClick(c, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert abs(c.zoom() - 1.0) < 1e-6
    qtbot.keyClick(c, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert abs(c.zoom() - fit) < 1e-6
    # wheel zooms
    from PySide6.QtCore import QPointF as P
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    ev = QWheelEvent(P(50, 50), P(50, 50), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(c.viewport(), ev)
    assert c.zoom() > fit * 1.1
    # before/after preview burns accepted boxes into the shown pixmap and hides the boxes
    cert = key_of(window, f"{NAME}-资格证书.png")
    window.show_page(cert)
    qtbot.keyClick(c, Qt.Key.Key_B)
    assert c.preview and not any(i.isVisible() for i in c.items_by_id.values())
    img = c.pixmap_item.pixmap().toImage()
    x0, y0, x1, y1 = window.state.regions(cert)[0].bbox
    assert img.pixelColor((x0 + x1) // 2, (y0 + y1) // 2).lightness() < 20
    qtbot.keyClick(c, Qt.Key.Key_B)
    assert not c.preview
    img = c.pixmap_item.pixmap().toImage()
    assert img.pixelColor(x0 + 2, y0 + 2).lightness() > 200


def test_tab_selects_boxes_and_insert_adds_one(qtbot, window, samples):
    folder, _truth = samples
    window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    cert = key_of(window, f"{NAME}-资格证书.png")
    window.show_page(cert)
    c = window.canvas
    c.setFocus()
    qtbot.keyClick(c, Qt.Key.Key_Tab)
    first = c.selected
    assert first is not None
    qtbot.keyClick(c, Qt.Key.Key_Tab)
    assert c.selected is not None and c.selected is not first
    n = len(window.state.regions(cert))
    qtbot.keyClick(c, Qt.Key.Key_4)                   # eyes kind
    qtbot.keyClick(c, Qt.Key.Key_Insert)
    assert len(window.state.regions(cert)) == n + 1
    new = window.state.regions(cert)[-1]
    assert new.kind == "eyes" and c.selected is new
    before = new.bbox
    qtbot.keyClick(c, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)   # grow
    assert new.bbox[2] > before[2] and new.bbox[0] == before[0]


def test_cancel_detection_keeps_window_responsive(qtbot, settings, profile, samples):
    from app.windows.main_window import MainWindow
    from tests.gui.conftest import FakeDetector

    folder, truth = samples
    det = FakeDetector(truth, delay=0.4)
    win = MainWindow(settings, detector_factory=lambda: det, profile=profile, open_folder_after_export=False)
    qtbot.addWidget(win)
    win.show()
    win.open_paths([str(folder)])
    qtbot.waitUntil(lambda: win.is_detecting(), timeout=5000)
    assert win.progress.isVisible() and win.btn_cancel.isVisible()
    # the event loop keeps running while pages are detected
    qtbot.waitUntil(lambda: det.calls >= 1, timeout=5000)
    qtbot.mouseClick(win.btn_cancel, Qt.MouseButton.LeftButton)
    wait_detected(qtbot, win)
    statuses = [win.state.status(k) for k in win.state.keys()]
    assert PENDING in statuses and "detecting" not in statuses
    assert not win.progress.isVisible()
    # F5 continues with the remaining pages
    qtbot.keyClick(win.canvas, Qt.Key.Key_F5)
    wait_detected(qtbot, win)
    assert all(win.state.status(k) == REVIEW for k in win.state.keys())
    win.stop_detection(wait=True)


def test_no_profile_asks_on_first_detection(qtbot, settings, samples, fake_factory, monkeypatch):
    import app.windows.main_window as mw
    from app.windows.main_window import MainWindow

    asked = []

    def fake_exec(dlg):
        asked.append(True)
        dlg.editor.name.setText("张伟")
        dlg.editor.employers.setPlainText("阿克苏地区环境监测站\n")
        dlg.accept()
        return 1

    monkeypatch.setattr(mw.ProfileDialog, "exec", fake_exec)
    win = MainWindow(settings, detector_factory=fake_factory, open_folder_after_export=False)
    qtbot.addWidget(win)
    folder, _truth = samples
    win.open_paths([str(folder)])
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    wait_detected(qtbot, win)
    assert win.state.profile.name == "张伟"
    assert win.profile_editor.name.text() == "张伟"
    assert all(win.state.status(k) == REVIEW for k in win.state.keys())


def test_profile_panel_validates_and_saves(qtbot, window, tmp_path, monkeypatch):
    import app.windows.main_window as mw

    warnings = []
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.profile_editor.name.setText("")
    window.apply_profile_fields()
    assert warnings and "姓名" in warnings[-1]
    window.profile_editor.name.setText("阿依古丽·买买提")
    window.profile_editor.aliases.setPlainText("阿依古丽")
    window.profile_editor.employers.setPlainText("阿克苏地区生态环境局，阿克苏地区环境监测站")
    window.apply_profile_fields()
    p = window.state.profile
    assert p.name == "阿依古丽·买买提" and p.aliases == ("阿依古丽",) and len(p.employers) == 2
    # the spellings the name is looked for in English text, and the hint for the English employer
    status = window.profile_panel.status.text()
    assert "Ayiguli Maimaiti" in status and "英文单位名称" in status
    target = tmp_path / "p.toml"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_profile_dialog()
    from redaction.model.profile import load_profile

    assert load_profile(target) == p
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nemployers = []\n', encoding="utf-8")
    assert window.load_profile_file(bad) is False
    assert window.load_profile_file(target) is True
    # other forms of the employer that are masked too are shown (none for a name without region)
    assert "其他写法" not in window.profile_panel.status.text()
    window.profile_editor.employers.setPlainText("新疆维吾尔自治区巴音郭楞蒙古自治州水利局")
    window.apply_profile_fields()
    status = window.profile_panel.status.text()
    assert "其他写法" in status and "巴州水利局" in status and "巴音郭楞蒙古自治州水利局、" in status


def test_drag_and_drop_opens_files(qtbot, window, samples):
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QDropEvent

    folder, _truth = samples
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder / "论文.pdf"))])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    window.dropEvent(ev)
    wait_detected(qtbot, window)
    assert [d.path.name for d in window.state.docs] == ["论文.pdf"]
    assert window.state.docs[0].page_count == 2


# PySide6 flags QDragEnterEvent's only constructor (QPoint) as deprecated; Qt 6 has no other.
@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")
def test_a_dropped_iphone_heic_opens_upright_and_exports(qtbot, window, samples, tmp_path, monkeypatch):
    """Issue 14 item 6: a phone photo (HEIC, stored sideways with its rotation in the container and
    in EXIF) is accepted on drop and by the open dialog's filter, shown upright, and exported."""
    import numpy as np
    from PIL import Image
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    import app.windows.main_window as mw
    import redaction.files.document as document
    from app.workers.jobs import load_page

    folder, truth = samples
    cert, regions = make_page("cert")
    document._pil()                                     # pillow-heif's writer, for making the photo
    exif = Image.Exif()
    exif[0x0112] = 6                                    # turn 90° clockwise to display
    photos = tmp_path / "手机 照片"
    photos.mkdir()
    heic = photos / "IMG_0001.HEIC"
    cert.rotate(90, expand=True).save(heic, format="HEIF", exif=exif.tobytes(), quality=90)
    truth[("IMG_0001.HEIC", 0)] = regions               # what the fake detector finds on it

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(heic))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.setAccepted(False)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    wait_detected(qtbot, window)
    st = window.state
    assert [d.path.name for d in st.docs] == ["IMG_0001.HEIC"]
    doc = st.docs[0]
    assert doc.page_count == 1 and not (doc.result and doc.result.error)
    key = (0, 0)
    assert st.status(key) == REVIEW
    shown = load_page(heic, 0, window.settings.dpi)
    assert (shown.width, shown.height) == (900, 1270)   # upright, not sideways, not turned twice
    upright = np.asarray(cert)[:, :, ::-1].astype(int)
    assert np.abs(shown.pixels.astype(int) - upright).mean() < 4

    # the open dialog offers it too, upper-case suffix included
    offered = []
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileNames",
                        lambda *a, **k: offered.append(a[3] if len(a) > 3 else k.get("filter")) or ([], ""))
    window.open_files_dialog()
    patterns = offered[0].split(";;")[0]
    for pattern in ("*.heic", "*.HEIC", "*.heif", "*.HEIF", "*.webp", "*.WEBP", "*.jpg", "*.pdf"):
        assert pattern in patterns.split("(")[1].rstrip(")").split(), pattern

    window.show_page(key)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert st.undecided() == []
    out = tmp_path / "导出"
    assert window.export_to(out, wait=True)
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=20000)
    written, errors = window.last_export
    assert errors == [] and [p.relative_to(out).as_posix() for p in written] == ["IMG_0001.jpg"]
    img = read_jpg(out / "IMG_0001.jpg")
    assert img.shape == (1270, 900, 3)
    for r in st.regions(key):
        if r.accepted:
            x0, y0, x1, y1 = r.bbox
            assert img[y0 + 2:y1 - 2, x0 + 2:x1 - 2].mean() < 12, r.kind
    assert b"Exif" not in (out / "IMG_0001.jpg").read_bytes()


def test_typing_in_the_profile_fields_does_not_trigger_page_shortcuts(qtbot, window, samples, monkeypatch):
    import app.windows.main_window as mw

    asked = []
    monkeypatch.setattr(mw, "ask", lambda *a, **k: asked.append(a[1]) or False)
    folder, _truth = samples
    window.open_paths([str(folder)])
    wait_detected(qtbot, window)
    key = window.current
    field = window.profile_editor.name
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, "ANCD 12")
    assert field.text() == "ANCD 12"
    qtbot.keyClick(field, Qt.Key.Key_Return)           # Enter in a field applies the profile
    assert window.state.page(key).decision is None
    assert window.state.profile.name == "ANCD 12"
    assert asked == ["重新检测"]                       # a changed profile offers to detect again
    # Enter on a focused button presses that button, not "confirm page"
    window.btn_no_mask.setFocus()
    monkeypatch.setattr(mw, "ask", lambda *a, **k: True)
    qtbot.keyClick(window.btn_no_mask, Qt.Key.Key_Return)
    assert window.state.page(key).decision == "no_mask"


def test_window_has_the_app_icon(window):
    # Shipped inside the package (resources/icons), so pip installs show it too, not only the bundle.
    icon = window.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64
    colours = [image.pixelColor(x, y) for x in range(64) for y in range(64)]
    # the red seal ring over the document's corner
    assert sum(c.red() > 150 and c.green() < 90 and c.alpha() > 200 for c in colours) > 20
