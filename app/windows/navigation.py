"""Moving between pages in the main window, and showing the current one: canvas, page line, table, decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import _
from app.model.state import DETECTING, ERROR, NO_MASK, PENDING, REVIEW, Key
from app.widgets.status import status_label
from app.workers.jobs import burn_preview, load_page
from redaction.files.document import DocumentError


class NavigationMixin:
    """`current` is the page on show; the review state's signals keep the tree, canvas and panels up to date."""

    # --- choosing a page -------------------------------------------------------------------------
    def _on_tree_page(self, key: Key):
        if key != self.current:
            self.show_page(key)

    def _show_doc_error(self, d: int):
        if not self.state.docs:
            return
        self.current = None
        self.canvas.clear()
        doc = self.state.docs[d]
        self.page_info.setText(f"{doc.input.rel.as_posix()} — " + _("无法读取：") + (doc.result.error or ""))
        self._refresh_panel()

    def show_page(self, key: Key):
        """Make `key` the current page: load it (from the cache if it is there) and show its boxes."""
        key = tuple(key)
        if key not in set(self.state.keys()):
            return
        self.current = key
        self.pages_panel.select(key)
        if self.job is not None:
            self.job.prioritize(key)
        page = self.cache.get(key)
        self.page_error = None
        if page is None and key[1] not in self.state.docs[key[0]].page_errors:
            doc = self.state.docs[key[0]]
            pr = self.state.page(key)
            try:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                page = load_page(doc.path, key[1], pr.dpi or self.settings.dpi, pr.rotation)
                self.cache.put(key, page)
            except DocumentError as exc:
                self.page_error = str(exc)
            finally:
                QApplication.restoreOverrideCursor()
        if page is not None:
            self.state.set_page_size(key, page.width, page.height, page.dpi)
        self.canvas.select(None)
        self.canvas.set_image(page.pixels if page is not None else None)
        self.canvas.set_regions(self.state.regions(key))
        self.canvas.fit()
        if self.act_preview.isChecked():
            self._apply_preview()
        self._refresh_panel()
        self.canvas.setFocus()

    def step_page(self, step: int):
        """Show the page `step` pages after (or before) the current one."""
        keys = self.state.keys()
        if not keys:
            return
        if self.current not in keys:
            self.show_page(keys[0])
            return
        i = keys.index(self.current) + step
        if 0 <= i < len(keys):
            self.show_page(keys[i])

    def next_undecided(self) -> bool:
        """Show the next page to review (then the next not yet detected); False when every page is decided."""
        keys = self.state.keys()
        if not keys:
            return False
        start = keys.index(self.current) + 1 if self.current in keys else 0
        order = keys[start:] + keys[:start]
        for wanted in ((REVIEW,), (PENDING, DETECTING)):
            for k in order:
                if self.state.status(k) in wanted:
                    self.show_page(k)
                    return True
        self.statusBar().showMessage(_("所有页面都已处理，可以导出 (Ctrl+E)。"), 8000)
        return False

    # --- refresh ---------------------------------------------------------------------------------
    def _on_page_changed(self, d, p):
        key = (d, p)
        self.pages_panel.update_page(key)
        self.pages_panel.update_doc(d)
        self.pages_panel.refresh_summary()
        if key == self.current:
            self.canvas.set_regions(self.state.regions(key))
            if self.act_preview.isChecked():
                self._apply_preview()
            self._refresh_panel()

    def _rebuild_tree(self):
        self.pages_panel.rebuild(self.current)

    def _refresh_all(self):
        self._rebuild_tree()
        self._refresh_panel()
        self._on_profile_changed()
        self.act_cancel.setEnabled(self.job is not None)

    def _refresh_panel(self):
        key = self.current
        regions = self.state.regions(key) if key else []
        self.table.show_regions(regions, self.canvas.selected)
        has_page = key is not None
        st = self.state.status(key) if key else None
        self.act_confirm.setEnabled(has_page and st != ERROR)
        self.act_no_mask.setEnabled(has_page and st != ERROR)
        self.decision.set_decidable(has_page and st != ERROR)
        if key is None:
            self.decision.show_status(None)
            return
        doc = self.state.docs[key[0]]
        n_acc = sum(1 for r in regions if r.accepted)
        info = f"{doc.input.rel.as_posix()}"
        if doc.page_count > 1:
            info += " — " + _("第 {i} / {n} 页").format(i=key[1] + 1, n=doc.page_count)
        info += " — " + status_label(st)
        if self.act_preview.isChecked():
            info += " — " + _("预览：导出后的效果（按 B 返回）")
        if self.page_error or key[1] in doc.page_errors:
            info += " — " + (self.page_error or doc.page_errors[key[1]])
        self.page_info.setText(info)
        self.decision.show_status(st, n_acc, len(regions))

    # --- preview ---------------------------------------------------------------------------------
    def toggle_preview(self, on: bool):
        """Show the page as it will be exported (boxes burned in), or back with its boxes."""
        self.act_preview.setChecked(bool(on))
        self._refresh_panel()
        if on:
            self._apply_preview()
        else:
            page = self.cache.get(self.current) if self.current else None
            self.canvas.set_preview(False, page.pixels if page is not None else None)

    def _apply_preview(self):
        page = self.cache.get(self.current) if self.current else None
        if page is None:
            self.canvas.set_preview(True)
            return
        status = self.state.status(self.current)
        regions = [] if status == NO_MASK else self.state.regions(self.current)
        self.canvas.set_preview(True, burn_preview(page.pixels, regions, self.settings.fill_bgr))
