"""The clerk's roster audit in 校验模式: open a 花名册 and the root folder of masked folders, run the
audit (`redaction.audit.run.run_audit` in an `AuditJob`: the CLI's checks and ledger, nothing
copied), and list every applicant with 通过 / 未通过 / 缺材料 and the reasons. Choosing a row hands
that applicant's files and findings to the verify window's page view (`applicantChosen`).

The ledger lives in the app's data folder, one per (roster, root) pair: re-opening the same roster
checks only what changed, and a cancelled run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.widgets.boxes import kind_label
from app.workers.jobs import AuditJob
from redaction.model.regions import Region

PASS, FAIL, MISSING, WAIT = "pass", "fail", "missing", "wait"
COLORS = {PASS: "#2e7d32", FAIL: "#c62828", MISSING: "#ef6c00", WAIT: "#9e9e9e"}
COLUMNS = 5   # 序号 姓名 工作单位 结果 原因


def status_label(status: str) -> str:
    """An applicant status's label in the UI language."""
    return {PASS: _("通过"), FAIL: _("未通过"), MISSING: _("缺材料"), WAIT: _("核查中")}[status]


def ledger_path(roster: Path, root: Path) -> Path:
    """The GUI's ledger for this roster and root, in the app's data folder (never inside the root:
    the ledger names applicants)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    key = hashlib.sha256(f"{Path(roster).resolve()}\n{Path(root).resolve()}".encode()).hexdigest()[:16]
    return Path(base or Path.home() / ".blindmask") / "audit" / f"{key}.sqlite"


def finding_region(f) -> Region:
    """An audit finding as the page view's region; findings of a whole file have no box."""
    return Region(f.kind, tuple(f.box) if f.box else None, 1.0, f.text,
                  extra={"evidence": f.detail or "", "severity": f.severity, "audit": True})


def applicant_status(a: dict) -> str:
    """An applicant's row status: pass, missing (no folder or an empty one) or fail."""
    if a["status"] == "pass":
        return PASS
    return MISSING if a["folder"] is None or not a["files"] else FAIL


def applicant_reasons(a: dict) -> str:
    """The reasons in the clerk's words: a missing folder, or each failing file with what it breaks."""
    if a["folder"] is None:
        return _("材料目录中没有此人的文件夹")
    if not a["files"]:
        return _("文件夹为空")
    parts, warns = [], set()
    for e in a["files"]:
        kinds = list(dict.fromkeys(x["kind"] for x in e["findings"] if x["severity"] == "fail"))
        warns.update(x["kind"] for x in e["findings"] if x["severity"] != "fail")
        if e["status"] == "fail":
            parts.append(e["file"] + _("：") + "、".join(kind_label(k) for k in kinds))
    if warns:
        parts.append(_("提示：") + "、".join(kind_label(k) for k in sorted(warns)))
    return "；".join(parts)


class RosterPanel(QWidget):
    """The clerk's roster audit in the verify window: roster and root, the run, one row per applicant, reports."""

    applicantChosen = Signal(object, object)   # the row's Profile, [(path, rel, records)]
    finished = Signal()

    def __init__(self, settings, detector_factory=None, parent=None):
        super().__init__(parent)
        self.settings, self.detector_factory = settings, detector_factory
        self.roster_path: Path | None = None
        self.root: Path | None = None
        self.rows = []                 # RosterRow, in roster order
        self.status: list[str] = []
        self.result = None             # the last complete AuditResult
        self.job: AuditJob | None = None

        self.btn_roster = QPushButton(_("打开花名册…"))
        self.btn_root = QPushButton(_("材料根目录…"))
        self.btn_run = QPushButton(_("开始核查"))
        self.btn_cancel = QPushButton(_("取消"))
        self.btn_cancel.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.btn_report = QPushButton(_("保存报告…"))
        self.fail_only = QCheckBox(_("只看未通过"))
        self.where = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(_("核查 %v / %m 个文件"))
        self.progress.hide()
        bar = QHBoxLayout()
        for w in (self.btn_roster, self.btn_root, self.btn_run, self.btn_cancel, self.btn_report, self.fail_only):
            bar.addWidget(w)
        bar.addWidget(self.where, 1)
        bar.addWidget(self.progress)

        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([_("序号"), _("姓名"), _("工作单位"), _("结果"), _("原因")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.table.horizontalHeader()
        for c in range(COLUMNS - 1):
            head.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(_("打开花名册（.xlsx / .csv）和材料根目录（每位申报人一个已遮盖的文件夹）开始核查。"))
        self.summary.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)

        self.btn_roster.clicked.connect(self.open_roster_dialog)
        self.btn_root.clicked.connect(self.open_root_dialog)
        self.btn_run.clicked.connect(lambda: self.start())
        self.btn_cancel.clicked.connect(self.cancel)
        self.btn_report.clicked.connect(self.save_report_dialog)
        self.fail_only.toggled.connect(self._apply_filter)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self._buttons()

    # --- choosing the roster and the root ---------------------------------------------------
    def open_roster_dialog(self):
        """Ask for the roster (.xlsx or .csv)."""
        path, _f = QFileDialog.getOpenFileName(self, _("打开花名册"), self.settings.last_dir("roster"),
                                               _("花名册") + " (*.xlsx *.csv)")
        if not path:
            return
        self.settings.set_last_dir("roster", str(Path(path).parent))
        self.roster_path = Path(path)
        if self.root is None:
            self.open_root_dialog()
        else:
            self.start()

    def open_root_dialog(self):
        """Ask for the materials' root folder (one masked folder per applicant)."""
        path = QFileDialog.getExistingDirectory(self, _("材料根目录（每位申报人一个文件夹）"),
                                                self.settings.last_dir("audit-root"))
        if path:
            self.settings.set_last_dir("audit-root", path)
            self.root = Path(path)
            self.start()

    # --- running ------------------------------------------------------------------------------
    def start(self, roster=None, root=None) -> bool:
        """Read the roster (its errors are shown at once), list its applicants, start the audit."""
        from redaction.audit.roster import RosterError, read_roster

        self.roster_path = Path(roster) if roster else self.roster_path
        self.root = Path(root) if root else self.root
        self._show_where()
        if self.roster_path is None or self.root is None:
            return False
        if not self.root.is_dir():
            QMessageBox.warning(self, _("材料根目录"), _("找不到：") + str(self.root))
            return False
        try:
            self.rows = read_roster(self.roster_path).rows
        except RosterError as exc:
            QMessageBox.warning(self, _("花名册无法使用"), str(exc))
            return False
        self.stop()
        self.result = None
        self.status = [WAIT] * len(self.rows)
        self.table.setRowCount(0)
        for i, r in enumerate(self.rows):
            self.table.insertRow(i)
            for c, text in enumerate((r.seq, r.name, r.employer, status_label(WAIT), "")):
                self.table.setItem(i, c, QTableWidgetItem(text))
            self._paint(i)
        self.job = AuditJob(self.roster_path, self.root, ledger_path(self.roster_path, self.root),
                            self.settings.dpi, self.detector_factory, self)
        self.job.progress.connect(lambda i, n: (self.progress.setRange(0, max(1, n)), self.progress.setValue(i)))
        self.job.fileDone.connect(self._on_file)
        self.job.finishedAudit.connect(self._on_result)
        self.job.failed.connect(lambda m: QMessageBox.warning(self, _("核查未完成"), m))
        self.job.finished.connect(self._on_finished)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText(_("核查中…已核查且未改动的文件直接取自台账。"))
        self._buttons()
        self.job.start()
        return True

    def cancel(self):
        """Ask the running audit to stop before its next file."""
        if self.job is not None:
            self.job.cancel()

    def stop(self):
        """Stop the running audit and wait for it."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
            self.job = None
            self.progress.hide()
            self._buttons()

    def is_running(self) -> bool:
        """Whether the audit is running."""
        return self.job is not None and self.job.isRunning()

    def _on_file(self, task, records):
        i = next((k for k, r in enumerate(self.rows) if r.row == task.applicant.row), None)
        if i is not None and any(r.status == "fail" for r in records):
            self.status[i] = FAIL
            self._paint(i)

    def _on_result(self, result):
        self.result = result
        for i, a in enumerate(result.applicants()):
            if i >= self.table.rowCount():
                break
            self.status[i] = applicant_status(a)
            self.table.item(i, 4).setText(applicant_reasons(a))
            self._paint(i)
        self.table.resizeRowsToContents()

    def _on_finished(self):
        job, self.job = self.job, None
        self.progress.hide()
        self._buttons()
        if job is not None and job.cancelled:
            self.summary.setText(_("已取消。已核查的文件记在台账中，再次核查时从中断处继续。"))
        elif self.result is not None:
            self.summary.setText(self._summary_text())
        self.finished.emit()

    def _summary_text(self) -> str:
        r = self.result
        n = len(self.status)
        text = _("{n} 名申报人：通过 {p}，未通过 {f}，缺材料 {m}").format(
            n=n, p=self.status.count(PASS), f=self.status.count(FAIL), m=self.status.count(MISSING))
        if r.matching.unassigned:
            text += " · " + _("未匹配的文件夹：") + "、".join(p.name for p, _why in r.matching.unassigned)
        return text + " · " + _("本次核查 {c} 个文件，未改动 {u} 个").format(c=r.checked, u=r.reused)

    # --- the table ----------------------------------------------------------------------------
    def _paint(self, i: int):
        s = self.status[i]
        item = self.table.item(i, 3)
        item.setText(status_label(s))
        item.setForeground(QColor(COLORS[s]))
        self._apply_filter()

    def _apply_filter(self):
        only = self.fail_only.isChecked()
        for i, s in enumerate(self.status):
            self.table.setRowHidden(i, only and s == PASS)

    def _buttons(self):
        running = self.job is not None
        self.btn_run.setText(_("重新核查") if self.result is not None else _("开始核查"))
        self.btn_run.setEnabled(not running and self.roster_path is not None and self.root is not None)
        self.btn_cancel.setEnabled(running)
        self.btn_report.setEnabled(not running and self.result is not None)

    def _show_where(self):
        parts = [(_("花名册："), self.roster_path), (_("材料："), self.root)]
        self.where.setText("  ".join(label + p.name for label, p in parts if p is not None))
        self._buttons()

    def statuses(self) -> list[tuple[str, str, str]]:
        """(序号, 姓名, status) per roster row, as shown."""
        return [(r.seq, r.name, s) for r, s in zip(self.rows, self.status, strict=False)]

    def select(self, i: int):
        """Select roster row `i` (shows that applicant's files)."""
        self.table.selectRow(i)

    def _on_selection(self):
        rows = {x.row() for x in self.table.selectedIndexes()}
        if not rows or self.result is None:
            return
        i = min(rows)
        row = self.rows[i]
        files = [(f.task.path, f.task.file, f.records) for f in self.result.files if f.task.applicant.row == row.row]
        self.applicantChosen.emit(row.profile, files)

    # --- reports --------------------------------------------------------------------------------
    def save_report_dialog(self):
        """Ask where to save the report (.html, .xlsx or .json), and save it."""
        if self.result is None:
            return
        start = str(self.roster_path.parent / "核查报告.html") if self.roster_path else "核查报告.html"
        path, _f = QFileDialog.getSaveFileName(self, _("保存核查报告"), start,
                                               _("网页报告") + " (*.html);;Excel (*.xlsx);;JSON (*.json)")
        if path:
            self.write_report(Path(path))

    def write_report(self, path: Path) -> bool:
        """The CLI's reports, by suffix (.html, .xlsx, .json); refused inside the root."""
        from redaction.audit.report import write_html, write_json, write_xlsx
        from redaction.audit.run import AuditError, check_outputs

        try:
            check_outputs([path], self.root)
            {".xlsx": write_xlsx, ".json": write_json}.get(path.suffix.lower(), write_html)(self.result, path)
        except (AuditError, OSError) as exc:
            QMessageBox.warning(self, _("保存核查报告"), str(exc))
            return False
        self.summary.setText(self._summary_text() + " · " + _("报告已保存：") + str(path))
        return True
