"""Verify mode for HR clerks: open already-masked files with a profile, see every finding.

Each page is run through redaction.pipeline.verify.find_leaks (the detectors again, on the masked output);
a file passes when none of its pages has a finding. 核查花名册 opens the roster panel (app.windows.roster_panel:
the whole roster's audit); choosing an applicant there shows their files here with the audit's
findings (nothing is run again).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.model.settings import Settings
from app.widgets.canvas import PageCanvas
from app.widgets.findings_table import FindingsTable
from app.windows.dialogs import ProfileDialog, explain_profile_error
from app.windows.opening import OpenFilesMixin
from app.windows.roster_panel import RosterPanel, finding_region
from app.workers.jobs import PageCache, PageJob, load_page, verify_work
from redaction.files.document import DocumentError, InputFile
from redaction.model.profile import Profile, ProfileError, load_profile

PASS, FAIL, WAIT, ERR = "pass", "fail", "wait", "error"
COLORS = {PASS: "#2e7d32", FAIL: "#c62828", WAIT: "#9e9e9e", ERR: "#ef6c00"}


def verdict_label(v: str) -> str:
    """A verdict's label in the UI language."""
    return {PASS: _("通过"), FAIL: _("未通过"), WAIT: _("核查中"), ERR: _("无法读取")}[v]


class VerifyWindow(OpenFilesMixin, QMainWindow):
    """Verify mode (核查): masked files checked again by the detectors, every finding shown; the roster audit above."""

    def __init__(self, settings: Settings | None = None, detector_factory=None, profile: Profile | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.detector_factory = detector_factory
        self.profile = profile
        self.inputs = []
        self.counts: list[int | str] = []
        self.findings: dict[tuple[int, int], list] = {}
        self.errors: dict[tuple[int, int], str] = {}
        self.rotations: dict[tuple[int, int], int] = {}
        self.cache = PageCache()
        self.job: PageJob | None = None
        self.current = None
        self._items = {}
        self.setWindowTitle(_("核查已遮盖文件") + " — BlindMask")
        self.setAcceptDrops(True)

        top = QHBoxLayout()
        self.btn_open = QPushButton(_("打开文件…"))
        self.btn_open_dir = QPushButton(_("打开文件夹…"))
        self.btn_profile = QPushButton(_("申请人信息…"))
        self.btn_roster = QPushButton(_("核查花名册…"))
        self.profile_label = QLabel()
        for b in (self.btn_open, self.btn_open_dir, self.btn_profile, self.btn_roster):
            top.addWidget(b)
        top.addWidget(self.profile_label, 1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(_("核查 %v / %m 页"))
        self.progress.hide()
        top.addWidget(self.progress)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("文件 / 页"), _("结果")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.tree)
        ll.addWidget(self.summary)

        self.canvas = PageCanvas(read_only=True)
        self.info = QLabel()
        self.info.setStyleSheet("font-weight: bold;")
        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.info)
        cl.addWidget(self.canvas)

        self.table = FindingsTable()

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(centre)
        split.addWidget(self.table)
        split.setSizes([270, 780, 420])
        split.setStretchFactor(1, 1)
        self.roster = RosterPanel(self.settings, detector_factory, self)
        self.roster.applicantChosen.connect(self.show_audit)
        self.roster.hide()
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(self.roster)
        outer.addWidget(split)
        outer.setSizes([330, 530])
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.addLayout(top)
        bl.addWidget(outer, 1)
        self.setCentralWidget(body)
        self.resize(1360, 860)

        self.btn_open.clicked.connect(self.open_files_dialog)
        self.btn_open_dir.clicked.connect(self.open_folder_dialog)
        self.btn_profile.clicked.connect(self.choose_profile)
        self.btn_roster.clicked.connect(self.open_roster)
        self.tree.currentItemChanged.connect(self._on_current)
        self.table.itemSelectionChanged.connect(self._on_table_selection)
        self._show_profile()
        self._summary()

    # --- inputs -------------------------------------------------------------------------------
    def set_profile(self, profile: Profile | None):
        """Check for `profile` from now on."""
        self.profile = profile
        self._show_profile()

    def _show_profile(self):
        if self.profile is None:
            self.profile_label.setText(_("未指定申请人信息"))
        else:
            self.profile_label.setText(_("核查对象：") + self.profile.name + " · " + "、".join(self.profile.employers))

    def choose_profile(self):
        """Ask for the applicant's profile, then check the open files again."""
        dlg = ProfileDialog(self, self.profile, self.settings)
        if dlg.exec() and dlg.result_profile:
            self.set_profile(dlg.result_profile)
            if self.inputs:
                self.run()

    def load_profile_file(self, path) -> bool:
        """Load a profile file; False (after a warning) if it is not valid."""
        try:
            self.set_profile(load_profile(path))
            return True
        except ProfileError as exc:
            QMessageBox.warning(self, _("申请人信息"), explain_profile_error(exc))
            return False

    # --- opening (app.windows.opening) ---------------------------------------------------------
    open_dir_key = "verify"

    def _open_title(self) -> str:
        return _("打开已遮盖的文件")

    def _close_inputs(self):
        self.stop()

    def _show_inputs(self, inputs: list[InputFile], counts: list[int | str]):
        self.inputs = inputs
        self.counts = counts
        self.findings.clear()
        self.errors.clear()
        self.cache.clear()
        self._build_tree()
        self.run()

    def keys(self):
        """Every readable page, as (file, page)."""
        return [(d, p) for d, c in enumerate(self.counts) if isinstance(c, int) for p in range(c)]

    # --- the roster audit -------------------------------------------------------------------------
    def open_roster(self, roster=None, root=None) -> bool:
        """Show the roster panel; with paths, start the audit at once, else ask for them."""
        self.roster.show()
        if roster and root:
            return self.roster.start(roster, root)
        self.roster.open_roster_dialog()
        return self.roster.roster_path is not None

    def show_audit(self, profile: Profile, files):
        """One applicant of the roster audit: their files [(path, rel, records)], each page with the
        audit's findings highlighted (whole-file findings listed, without a box)."""
        self.stop()
        self.set_profile(profile)
        self.inputs = [InputFile(Path(path), Path(rel)) for path, rel, _r in files]
        self.counts = [max(1, len(records)) for _p, _rel, records in files]
        self.findings.clear()
        self.errors.clear()
        self.rotations.clear()
        self.cache.clear()
        self.current = None
        for d, (_p, _rel, records) in enumerate(files):
            for rec in records:
                self.findings[(d, rec.page)] = [finding_region(f) for f in rec.findings]
                self.rotations[(d, rec.page)] = rec.rotation
        self._build_tree()
        first = next((k for k in self.keys() if self.page_verdict(k) == FAIL), None)
        if first is not None or self.keys():
            self.show_page(first or self.keys()[0])
        else:
            self.canvas.clear()
            self.table.setRowCount(0)
            self.info.setText(_("此申报人没有可核查的文件"))

    # --- running --------------------------------------------------------------------------------
    def run(self):
        """Check every page in the background (asking for a profile first if there is none)."""
        if not self.inputs:
            return
        if self.profile is None:
            dlg = ProfileDialog(self, None, self.settings)
            if not (dlg.exec() and dlg.result_profile):
                return
            self.set_profile(dlg.result_profile)
        self.stop()
        self.findings.clear()
        self.errors.clear()
        keys = self.keys()
        self.job = PageJob(keys, [i.path for i in self.inputs], self.profile, self.settings.dpi,
                           verify_work, self.detector_factory, self)
        self.job.pageDone.connect(self._on_done)
        self.job.pageFailed.connect(self._on_failed)
        self.job.progress.connect(lambda i, n: (self.progress.setRange(0, n), self.progress.setValue(i)))
        self.job.fatal.connect(lambda m: QMessageBox.critical(self, _("无法载入检测引擎"), m))
        self.job.finished.connect(self._on_finished)
        self.progress.setRange(0, len(keys))
        self.progress.setValue(0)
        self.progress.show()
        self._refresh_items()
        self.job.start()

    def stop(self):
        """Stop the running check and wait for it."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
            self.job = None
            self.progress.hide()

    def is_running(self) -> bool:
        """Whether a check is running."""
        return self.job is not None and self.job.isRunning()

    def _on_done(self, d, p, findings, page, rotation):
        self.cache.put((d, p), page)
        self.rotations[(d, p)] = rotation
        self.findings[(d, p)] = list(findings)
        self._refresh_items()
        if self.current == (d, p) or self.current is None:
            self.show_page((d, p))

    def _on_failed(self, d, p, msg):
        self.errors[(d, p)] = msg
        self._refresh_items()

    def _on_finished(self):
        self.progress.hide()
        self.job = None
        self._refresh_items()
        first_fail = next((k for k in self.keys() if self.findings.get(k)), None)
        if first_fail is not None:
            self.show_page(first_fail)

    # --- verdicts -------------------------------------------------------------------------------
    def page_verdict(self, key) -> str:
        """A page's verdict: error, still waiting, fail (a finding that fails) or pass."""
        if key in self.errors:
            return ERR
        if key not in self.findings:
            return WAIT
        return FAIL if any(r.extra.get("severity", FAIL) == FAIL for r in self.findings[key]) else PASS

    def file_verdict(self, d: int) -> str:
        """A file's verdict: the worst of its pages' (fail, error, waiting), else pass."""
        if isinstance(self.counts[d], str):
            return ERR
        vs = [self.page_verdict((d, p)) for p in range(self.counts[d])]
        for v in (FAIL, ERR, WAIT):
            if v in vs:
                return v
        return PASS

    def file_results(self) -> list[tuple[str, str]]:
        """(file name, verdict) per open file."""
        return [(str(i.rel.as_posix()), self.file_verdict(d)) for d, i in enumerate(self.inputs)]

    def _build_tree(self):
        self.tree.clear()
        self._items = {}
        for d, inp in enumerate(self.inputs):
            top = QTreeWidgetItem([inp.rel.as_posix(), ""])
            top.setData(0, Qt.ItemDataRole.UserRole, (d, 0) if isinstance(self.counts[d], int) else None)
            self.tree.addTopLevelItem(top)
            self._items[("doc", d)] = top
            if isinstance(self.counts[d], int) and self.counts[d] > 1:
                for p in range(self.counts[d]):
                    child = QTreeWidgetItem([_("第 {n} 页").format(n=p + 1), ""])
                    child.setData(0, Qt.ItemDataRole.UserRole, (d, p))
                    top.addChild(child)
                    self._items[(d, p)] = child
                top.setExpanded(True)
        self._refresh_items()

    def _refresh_items(self):
        for d in range(len(self.inputs)):
            v = self.file_verdict(d)
            top = self._items.get(("doc", d))
            if top is not None:
                n = sum(len(self.findings.get((d, p), [])) for p in range(self.counts[d])) \
                    if isinstance(self.counts[d], int) else 0
                top.setText(1, verdict_label(v) + (f" ({n})" if n else ""))
                top.setForeground(1, QColor(COLORS[v]))
                if isinstance(self.counts[d], str):
                    top.setToolTip(1, self.counts[d])
            if isinstance(self.counts[d], int) and self.counts[d] > 1:
                for p in range(self.counts[d]):
                    v = self.page_verdict((d, p))
                    item = self._items[(d, p)]
                    item.setText(1, verdict_label(v))
                    item.setForeground(1, QColor(COLORS[v]))
        self._summary()

    def _summary(self):
        res = [v for _n, v in self.file_results()] if self.inputs else []
        if not res:
            self.summary.setText(_("打开已遮盖的文件（或文件夹）开始核查。"))
            return
        self.summary.setText(_("{n} 个文件：通过 {p}，未通过 {f}，无法读取 {e}").format(
            n=len(res), p=res.count(PASS), f=res.count(FAIL), e=res.count(ERR))
            + ("" if WAIT not in res else " · " + _("核查中 {w}").format(w=res.count(WAIT))))

    # --- display -------------------------------------------------------------------------------
    def _on_current(self, item, _prev):
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
            self.show_page(tuple(item.data(0, Qt.ItemDataRole.UserRole)))

    def show_page(self, key):
        """Show a page with its findings boxed and listed."""
        self.current = key
        page, error = self.cache.get(key), None
        if page is None:
            try:
                page = load_page(self.inputs[key[0]].path, key[1], self.settings.dpi,
                                 self.rotations.get(key, 0))
                self.cache.put(key, page)
            except DocumentError as exc:
                error = str(exc)
        findings = self.findings.get(key, [])
        self.canvas.set_image(page.pixels if page is not None else None)
        self.canvas.set_regions([r for r in findings if r.bbox is not None], findings=True)
        self.canvas.fit()
        v = self.page_verdict(key)
        name = self.inputs[key[0]].rel.as_posix()
        if self.counts[key[0]] > 1:
            name += " " + _("第 {n} 页").format(n=key[1] + 1)
        self.info.setText(f"{name} — <span style='color:{COLORS[v]}'>{verdict_label(v)}</span>"
                          + (" — " + _("发现 {n} 处问题").format(n=len(findings)) if findings else "")
                          + (" — " + error if error else ""))
        self.table.show_findings(findings)
        item = self._items.get(key) or self._items.get(("doc", key[0]))
        if item is not None and self.tree.currentItem() is not item:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)

    def _on_table_selection(self):
        rows = {i.row() for i in self.table.selectedIndexes()}
        findings = self.findings.get(self.current, [])
        if rows and min(rows) < len(findings):
            self.canvas.select(findings[min(rows)])

    def closeEvent(self, event):  # noqa: N802
        """Stop the check and the audit before closing."""
        self.stop()
        self.roster.stop()
        super().closeEvent(event)
