"""Detection in the main window: which pages to run, the background job, its progress and its end."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from app.i18n import _
from app.model.state import PENDING, Key
from app.windows.dialogs import ProfileDialog
from app.workers.jobs import PageJob, propose_work
from redaction.model.profile import ProfileError


class DetectionMixin:
    """Runs the detector on pages in a PageJob (`job`); results fill the review state as they come."""

    def ensure_profile(self) -> bool:
        """True once there is an applicant profile; asks for one (the last one filled in) if not."""
        if self.state.profile is not None:
            return True
        initial = None
        if self.settings.last_profile:
            try:
                from redaction.model.profile import parse_profile
                initial = parse_profile(self.settings.last_profile)
            except ProfileError:
                initial = None
        dlg = ProfileDialog(self, initial, self.settings)
        if dlg.exec() and dlg.result_profile:
            self.set_profile(dlg.result_profile)
            return True
        self.statusBar().showMessage(_("未填写申请人信息，尚未检测。填写后按 F5 检测。"), 8000)
        return False

    def detect_all(self):
        """Detect every page not detected yet."""
        keys = [k for k in self.state.keys() if self.state.status(k) == PENDING]
        if keys:
            self.start_detection(keys)

    def start_detection(self, keys: list[Key]):
        """Detect `keys` (the current page first) in the background, replacing a running job."""
        if not keys or not self.ensure_profile():
            return
        self.stop_detection(wait=True)
        if self.current in keys:
            keys.remove(self.current)
            keys.insert(0, self.current)
        for k in keys:
            self.state.set_detecting(k, True)
        paths = [d.path for d in self.state.docs]
        job = PageJob(keys, paths, self.state.profile, self.settings.dpi, propose_work, self.detector_factory, self)
        job.pageDone.connect(self._on_detected)
        job.pageFailed.connect(lambda d, p, m: self.state.set_page_error((d, p), m))
        job.progress.connect(self._on_progress)
        job.fatal.connect(self._on_fatal)
        job.finished.connect(lambda j=job: self._on_job_finished(j))
        self.job = job
        self.progress.setRange(0, len(keys))
        self.progress.setValue(0)
        self.progress.show()
        self.btn_cancel.show()
        self.act_cancel.setEnabled(True)
        self.statusBar().showMessage(_("正在检测…（首次使用需载入识别模型）"))
        job.start()

    def _on_detected(self, d, p, regions, page, rotation):
        key = (d, p)
        self.cache.put(key, page)
        self.state.set_detected(key, regions, page.width, page.height, page.dpi, rotation)
        if key == self.current and self.canvas.page_size == (0, 0):
            self.show_page(key)

    def _on_progress(self, done, total):
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_fatal(self, message):
        QMessageBox.critical(self, _("无法载入检测引擎"),
                             _("检测引擎无法载入，页面可以手动绘制遮盖框。\n\n") + message)

    def _on_job_finished(self, job: PageJob):
        if job is not self.job:
            return
        for k in list(self.state.detecting):
            self.state.set_detecting(k, False)
        self.job = None
        self.progress.hide()
        self.btn_cancel.hide()
        self.act_cancel.setEnabled(False)
        if job.cancelled:
            self.statusBar().showMessage(_("检测已取消。按 F5 继续检测剩余页面。"), 8000)
        else:
            n = len(self.state.undecided())
            self.statusBar().showMessage(_("检测完成。还有 {n} 页待审核。").format(n=n), 8000)
        self.pages_panel.refresh_summary()

    def cancel_detection(self):
        """Ask the running job to stop after its current page."""
        if self.job is not None:
            self.job.cancel()
            self.statusBar().showMessage(_("正在取消（当前页完成后停止）…"))

    def stop_detection(self, wait: bool = False):
        """Cancel the running job; with `wait`, until it has ended and its end is handled."""
        job = self.job
        if job is None:
            return
        job.cancel()
        if wait:
            job.wait()
            QApplication.processEvents()
            self._on_job_finished(job)

    def is_detecting(self) -> bool:
        """Whether a detection job is running."""
        return self.job is not None
