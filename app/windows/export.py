"""Export from the main window: undecided pages first, then the masked JPGs and the report in the background."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from app.i18n import _
from app.model.state import Key
from app.widgets.status import status_label
from app.windows.dialogs import UndecidedDialog
from app.workers.jobs import ExportDoc, ExportJob


class ExportMixin:
    """Writes the decided pages with an ExportJob (`export_job`); `last_export` is (written, errors)."""

    def export(self):
        """Ask about undecided pages and for a folder, then export."""
        if not self.state.docs:
            self.statusBar().showMessage(_("请先打开文件。"), 4000)
            return
        undecided = self.state.undecided()
        skip = False
        if undecided:
            rows = [self._key_text(k) + " — " + status_label(self.state.status(k)) for k in undecided]
            choice = UndecidedDialog(rows, self).exec()
            if choice == UndecidedDialog.REVIEW:
                self.show_page(undecided[0])
                return
            if choice != UndecidedDialog.SKIP:
                return
            skip = True
        out = QFileDialog.getExistingDirectory(self, _("选择导出文件夹"), self.settings.last_dir("export"))
        if out:
            self.export_to(out, skip_undecided=skip)

    def _key_text(self, key: Key) -> str:
        doc = self.state.docs[key[0]]
        name = doc.input.rel.as_posix()
        return name if doc.page_count == 1 else name + " " + _("第 {n} 页").format(n=key[1] + 1)

    def export_to(self, out_dir, skip_undecided: bool = False, wait: bool = False) -> bool:
        """Export the decided pages to `out_dir` (never a folder of the originals); False if it did not start."""
        out = Path(out_dir)
        undecided = self.state.undecided()
        if undecided and not skip_undecided:
            return False
        input_dirs = {Path(d.path).resolve().parent for d in self.state.docs}
        if out.resolve() in input_dirs:
            QMessageBox.warning(self, _("导出"), _("请选择另一个文件夹：导出文件不能与原始附件放在同一文件夹。"))
            return False
        self.stop_detection(wait=True)
        self.settings.set_last_dir("export", str(out))
        docs = []
        for d in self.state.docs:
            pages = [copy.deepcopy(p) for p in d.result.pages]
            docs.append(ExportDoc(d.path, d.input.rel, pages, d.result.error))
        total = sum(1 for d in docs for p in d.pages if p.decision)
        job = ExportJob(docs, out, self.state.profile, self.settings.fill_bgr, self.settings.jpeg_quality,
                        self.settings.dpi, self)
        dlg = QProgressDialog(_("正在导出…"), _("取消"), 0, max(1, total), self)
        dlg.setWindowTitle(_("导出"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)
        dlg.canceled.connect(job.cancel)
        job.progress.connect(lambda i, n, name: (dlg.setValue(i), dlg.setLabelText(_("正在导出：") + name)))
        job.finishedExport.connect(lambda w, e: self._on_exported(job, dlg, out, w, e))
        self.export_job = job
        job.start()
        if wait:
            job.wait()
            QApplication.processEvents()
        return True

    def _on_exported(self, job, dlg, out: Path, written, errors):
        dlg.reset()
        dlg.close()
        self.export_job = None
        self.last_export = (written, errors)
        if job.cancelled:
            self.statusBar().showMessage(_("导出已取消。已写出的文件保留在导出文件夹中。"), 8000)
            return
        msg = _("已导出 {n} 个 JPG 到 {d}").format(n=len(written), d=str(out))
        if errors:
            QMessageBox.warning(self, _("导出"), msg + "\n\n" + _("以下文件出错：") + "\n" + "\n".join(errors[:20]))
        else:
            self.statusBar().showMessage(msg, 10000)
        open_it = self.open_folder_after_export
        if open_it is None:
            open_it = self.settings.open_after_export
        if open_it:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
