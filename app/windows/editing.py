"""Editing the current page in the main window: boxes (toggle, draw, move, delete, kind), the page's
decision, and keeping the canvas's and the table's selection in step. Every edit is an undo command."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QMenu, QPlainTextEdit

from app.i18n import _
from app.model import commands as C
from app.model.state import DETECTING, ERROR, Key
from app.widgets.boxes import DRAW_KINDS, kind_label
from redaction.model.regions import Region


class EditingMixin:
    """Turns the person's edits into undo commands on `undo_stack`; the state then updates the view."""

    def _need_page(self) -> Key | None:
        if self.current is None:
            self.statusBar().showMessage(_("请先打开文件。"), 4000)
        return self.current

    # --- boxes -----------------------------------------------------------------------------------
    def toggle_region(self, region: Region):
        """Mask a box that is not masked, or unmask one that is."""
        key = self._need_page()
        if key is None:
            return
        text = _("接受遮盖框") if not region.accepted else _("拒绝遮盖框")
        self.undo_stack.push(C.SetAccepted(self.state, key, [(region, not region.accepted)], text))

    def toggle_selected(self):
        """Toggle the selected box (the first one if none is selected)."""
        if self.sender() is self.act_toggle and self._key_meant_for_focus():
            return
        if self.canvas.selected is None:
            self.canvas.select_next(1)
            if self.canvas.selected is None:
                return
        self.toggle_region(self.canvas.selected)

    def set_all_accepted(self, value: bool):
        """Mask (or unmask) every box of the page, as one undo step."""
        key = self._need_page()
        if key is None:
            return
        changes = [(r, value) for r in self.state.regions(key) if r.accepted != value]
        if changes:
            self.undo_stack.push(C.SetAccepted(self.state, key, changes,
                                               _("全部接受") if value else _("全部拒绝")))

    def delete_selected(self):
        """Remove the selected box."""
        key, r = self.current, self.canvas.selected
        if key is None or r is None:
            self.statusBar().showMessage(_("请先选中一个框（单击或按 Tab）。"), 4000)
            return
        self.undo_stack.push(C.RemoveRegion(self.state, key, r))

    def add_region(self, kind: str, bbox):
        """Add a manual box of `kind` at `bbox` and select it."""
        key = self._need_page()
        if key is None:
            return
        region = Region(kind=kind, bbox=tuple(int(v) for v in bbox), score=1.0, text=None,
                        accepted=True, source="manual")
        self.undo_stack.push(C.AddRegion(self.state, key, region))
        self.canvas.select(region)
        self._refresh_panel()

    def insert_box(self):
        """Keyboard drawing: a new box at the centre of the view, then arrows move/resize it."""
        if self.current is None or not self.canvas.page_size[0]:
            return
        c = self.canvas.mapToScene(self.canvas.viewport().rect().center())
        w, h = self.canvas.page_size
        bw, bh = max(40, w // 8), max(20, h // 30)
        x0 = int(max(0, min(w - bw, c.x() - bw / 2)))
        y0 = int(max(0, min(h - bh, c.y() - bh / 2)))
        self.add_region(self.canvas.draw_kind, (x0, y0, x0 + bw, y0 + bh))
        self.canvas.setFocus()

    def edit_bbox(self, region: Region, bbox, mergeable: bool):
        """Move or resize a box (keyboard nudges in a row merge into one undo step)."""
        key = self._need_page()
        if key is not None:
            self.undo_stack.push(C.SetBBox(self.state, key, region, bbox, mergeable))

    def change_kind(self, region: Region, kind: str):
        """Give a box another kind."""
        if self.current is not None and region.kind != kind:
            self.undo_stack.push(C.SetKind(self.state, self.current, region, kind))

    def set_draw_mode(self, on: bool):
        """Turn drawing new boxes with the mouse on or off."""
        self.canvas.draw_mode = bool(on)
        self.act_draw.setChecked(bool(on))
        self.statusBar().showMessage(
            _("绘制模式：在页面上拖动画出「{k}」框。再按 D 退出。").format(k=kind_label(self.canvas.draw_kind))
            if on else _("已退出绘制模式。"), 5000)

    def choose_kind(self, kind: str):
        """Draw boxes of `kind` from now on (and make a selected manual box that kind)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.canvas.draw_kind = kind
        if self.canvas.selected is not None and self.canvas.selected.source == "manual":
            self.change_kind(self.canvas.selected, kind)
        self.set_draw_mode(True)

    # --- the page's decision ---------------------------------------------------------------------
    def _page_blocked(self, key: Key) -> bool:
        st = self.state.status(key)
        if st == DETECTING:
            self.statusBar().showMessage(_("此页还在检测，请稍候再确认。"), 5000)
            return True
        if st == ERROR:
            return True
        return False

    def _key_meant_for_focus(self) -> bool:
        """Enter/Space are page shortcuts, but a focused field or button gets them first:
        Enter in a profile field applies the profile; Enter/Space on a button presses it."""
        fw = QApplication.focusWidget()
        if isinstance(fw, (QLineEdit, QPlainTextEdit)) and self.profile_editor.isAncestorOf(fw):
            self.apply_profile_fields()
            return True
        if isinstance(fw, QAbstractButton) and self.isAncestorOf(fw):
            fw.click()
            return True
        return False

    def confirm_page(self):
        """Confirm the page's boxes as they are, then go to the next page to review."""
        if self.sender() is self.act_confirm and self._key_meant_for_focus():
            return
        key = self._need_page()
        if key is None or self._page_blocked(key):
            return
        if self.state.page(key).decision != "confirmed":
            self.undo_stack.push(C.SetDecision(self.state, key, "confirmed"))
        self.next_undecided()

    def mark_no_mask(self):
        """Mark the page as needing no mask (asking first if it has boxes to mask), then go on."""
        key = self._need_page()
        if key is None or self._page_blocked(key):
            return
        accepted = [r for r in self.state.regions(key) if r.accepted]
        if accepted and not self.ask(_("标记为无需遮盖"),
                                     _("此页有 {n} 个将被遮盖的框。标记为「无需遮盖」后，导出时此页不做任何遮盖。"
                                       "确定吗？").format(n=len(accepted)), default_yes=False):
            return
        if self.state.page(key).decision != "no_mask":
            self.undo_stack.push(C.SetDecision(self.state, key, "no_mask"))
        self.next_undecided()

    def reopen_page(self):
        """Take back the page's decision."""
        key = self._need_page()
        if key is not None and self.state.page(key).decision is not None:
            self.undo_stack.push(C.SetDecision(self.state, key, None))

    # --- canvas ↔ table --------------------------------------------------------------------------
    def _on_canvas_selection(self, region):
        if self.table.updating:
            return
        self.table.select_region(self.state.regions(self.current) if self.current is not None else [], region)

    def _on_table_selection(self):
        if self.table.updating or self.current is None:
            return
        row = self.table.selected_row()
        regions = self.state.regions(self.current)
        if row is not None and row < len(regions):
            self.table.updating = True
            self.canvas.select(regions[row])
            self.table.updating = False

    def _on_table_item_changed(self, item):
        if self.table.updating or self.current is None or item.column() != 0:
            return
        regions = self.state.regions(self.current)
        if item.row() < len(regions):
            r = regions[item.row()]
            want = item.checkState() == Qt.CheckState.Checked
            if want != r.accepted:
                QTimer.singleShot(0, lambda: self.toggle_region(r))

    def _table_menu(self, pos):
        if self.current is None:
            return
        row = self.table.rowAt(pos.y())
        regions = self.state.regions(self.current)
        if not 0 <= row < len(regions):
            return
        r = regions[row]
        menu = QMenu(self)
        menu.addAction(_("切换遮盖"), lambda: self.toggle_region(r))
        sub = menu.addMenu(_("更改类别"))
        for kind in DRAW_KINDS:
            sub.addAction(kind_label(kind), lambda k=kind: self.change_kind(r, k))
        menu.addAction(_("删除"), lambda: self.undo_stack.push(C.RemoveRegion(self.state, self.current, r)))
        menu.exec(self.table.viewport().mapToGlobal(pos))
