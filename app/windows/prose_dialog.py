"""文字材料: names and employers in written material (pasted text, .txt/.md, Word .docx) → "XX".

Pasted or opened text is scanned as it changes (redaction.prose.scan_text); every occurrence is
highlighted in the text and listed with a checkbox: exact matches are ticked, suggestions (short
forms, "surname + title") wait for a person. The cleaned text can be copied or saved; a .docx is
saved as a cleaned copy through redaction.prose.process_file with the person's decisions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.model.settings import Settings
from app.windows.dialogs import ProfileDialog
from redaction import prose
from redaction.files.naming import prose_output_name
from redaction.model.profile import Profile

ACCEPT_BG = QColor("#ffcc80")
SUGGEST_BG = QColor("#b3e5fc")


def rule_label(rule: str) -> str:
    """A matching rule's label in the UI language: the core's RULE_LABELS, translated."""
    label = prose.RULE_LABELS.get(rule)
    return _(label) if label else rule


class ProseDialog(QDialog):
    """文字材料: the applicant's names and employers in pasted text or a .txt/.md/.docx file, replaced by XX."""

    def __init__(self, profile: Profile | None, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.profile = profile
        self.findings: list = []
        self.decisions: dict[tuple, bool] = {}
        self.docx_path: Path | None = None
        self._updating = False
        self.setWindowTitle(_("文字材料：姓名和单位替换为 XX"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        top = QHBoxLayout()
        self.btn_open = QPushButton(_("打开 .docx / .txt…"))
        self.btn_paste = QPushButton(_("粘贴"))
        self.btn_profile = QPushButton(_("申请人信息…"))
        self.profile_label = QLabel()
        for b in (self.btn_open, self.btn_paste, self.btn_profile):
            top.addWidget(b)
        top.addWidget(self.profile_label, 1)

        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(_("在这里粘贴工作总结、简历、项目简介等文字，或打开 .docx / .txt 文件。"))
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setPlaceholderText(_("替换后的文字"))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(_("原文（橙色：将替换；蓝色：建议，勾选后替换）")))
        ll.addWidget(self.editor, 3)
        ll.addWidget(QLabel(_("结果")))
        ll.addWidget(self.output, 2)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("替换"), _("文字"), _("类型"), _("上下文")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        for c in (0, 1, 2):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b35c00")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(self.table, 1)
        rl.addWidget(self.warnings)
        row = QHBoxLayout()
        self.btn_accept_all = QPushButton(_("全部替换"))
        self.btn_exact_only = QPushButton(_("只替换完全匹配"))
        row.addWidget(self.btn_accept_all)
        row.addWidget(self.btn_exact_only)
        rl.addLayout(row)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 520])

        bottom = QHBoxLayout()
        self.btn_copy = QPushButton(_("复制结果"))
        self.btn_save = QPushButton(_("保存…"))
        self.btn_close = QPushButton(_("关闭"))
        bottom.addStretch(1)
        for b in (self.btn_copy, self.btn_save, self.btn_close):
            bottom.addWidget(b)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)
        self.resize(1180, 760)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.rescan)
        self.editor.textChanged.connect(self._on_text_changed)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.btn_open.clicked.connect(self.open_dialog)
        self.btn_paste.clicked.connect(self.paste)
        self.btn_profile.clicked.connect(self.choose_profile)
        self.btn_accept_all.clicked.connect(lambda: self.set_all(True))
        self.btn_exact_only.clicked.connect(lambda: self.set_all(False))
        self.btn_copy.clicked.connect(self.copy_result)
        self.btn_save.clicked.connect(self.save_dialog)
        self.btn_close.clicked.connect(self.close)
        self._show_profile()
        self.rescan()

    # --- profile ---------------------------------------------------------------------------------
    def set_profile(self, profile: Profile | None):
        """Look for `profile` from now on (None: nothing to look for)."""
        self.profile = profile
        self._show_profile()
        self.rescan()

    def _show_profile(self):
        p = self.profile
        self.profile_label.setText(_("未指定申请人信息") if p is None else
                                   _("查找：") + "、".join((p.name, *p.aliases, *p.employers)))

    def choose_profile(self):
        """Ask for the applicant's profile."""
        dlg = ProfileDialog(self, self.profile, self.settings)
        if dlg.exec() and dlg.result_profile:
            self.set_profile(dlg.result_profile)

    # --- input -----------------------------------------------------------------------------------
    def paste(self):
        """Take the clipboard's text as the material."""
        text = QGuiApplication.clipboard().text()
        if text:
            self.set_text(text)

    def set_text(self, text: str):
        """Take `text` as the material (pasted or read from a text file)."""
        self.docx_path = None
        self.editor.setReadOnly(False)
        self.decisions.clear()
        self.editor.setPlainText(text)
        self.rescan()

    def open_dialog(self):
        """Ask for a .docx, .txt or .md file and open it."""
        path, _f = QFileDialog.getOpenFileName(self, _("打开文字材料"), self.settings.last_dir("prose"),
                                               _("文字材料 (*.docx *.txt *.md);;所有文件 (*)"))
        if path:
            self.open_file(path)

    def open_file(self, path) -> bool:
        """Open a text file (its text) or a .docx (scanned, saved as a cleaned copy); False if it cannot be used."""
        path = Path(path)
        self.settings.set_last_dir("prose", str(path.parent))
        suffix = path.suffix.lower()
        if suffix in (".txt", ".md"):
            try:
                text, _enc = prose._decode(path.read_bytes())
            except (OSError, prose.ProseInputError) as exc:
                QMessageBox.warning(self, _("文字材料"), str(exc))
                return False
            self.set_text(text)
            return True
        if suffix == ".docx":
            self.docx_path = path
            self.decisions.clear()
            self.editor.blockSignals(True)
            self.editor.setPlainText(_("已打开 Word 文件：") + path.name + "\n" +
                                     _("在右侧勾选要替换的内容，然后「保存…」得到清理后的副本（文件属性中的作者等信息也会清除）。"))
            self.editor.setReadOnly(True)
            self.editor.blockSignals(False)
            self.rescan()
            return True
        QMessageBox.warning(self, _("文字材料"), _("不支持的文件类型：") + suffix + "\n" +
                            _("请在 Word 或 WPS 中另存为 .docx。"))
        return False

    def _on_text_changed(self):
        if self.docx_path is None:
            self._timer.start()

    # --- scanning ---------------------------------------------------------------------------------
    @staticmethod
    def _dkey(f, ordinal: int) -> tuple:
        o = f.occurrence
        return (o.text, o.rule, ordinal)

    def rescan(self):
        """Find the occurrences again, keeping the person's ticks."""
        self._timer.stop()
        self.warnings.clear()
        if self.profile is None:
            self.findings = []
            self.summary.setText(_("请先指定申请人信息（姓名和工作单位）。"))
            self._fill_table()
            return
        if self.docx_path is not None:
            report = prose.scan_file(self.docx_path, self.profile)
            if report.error:
                self.findings = []
                self.summary.setText(_("无法读取：") + report.error)
                self._fill_table()
                return
            self.findings = report.findings
            for f in self.findings:
                f.accepted = not f.occurrence.suggestion
            self.warnings.setText("\n".join("⚠ " + w for w in report.warnings))
        else:
            self.findings = prose.scan_text(self.editor.toPlainText(), self.profile)
        counts: dict = {}
        for f in self.findings:
            k = (f.occurrence.text, f.occurrence.rule)
            counts[k] = counts.get(k, -1) + 1
            d = self._dkey(f, counts[k])
            if d in self.decisions:
                f.accepted = self.decisions[d]
            f._dkey = d
        self._fill_table()

    def _fill_table(self):
        self._updating = True
        self.table.setRowCount(0)
        for i, f in enumerate(self.findings):
            o = f.occurrence
            self.table.insertRow(i)
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Checked if f.accepted else Qt.CheckState.Unchecked)
            text = QTableWidgetItem(o.text)
            text.setBackground(ACCEPT_BG if not o.suggestion else SUGGEST_BG)
            kind = QTableWidgetItem((_("姓名") if o.kind == "name" else _("工作单位")) + " · " + rule_label(o.rule))
            ctx = QTableWidgetItem(f.context.replace("\n", " "))
            ctx.setToolTip(f"{f.location}\n{f.context}")
            for c, it in enumerate((check, text, kind, ctx)):
                self.table.setItem(i, c, it)
        self._updating = False
        n_acc = sum(1 for f in self.findings if f.accepted)
        if self.profile is not None:
            self.summary.setText(_("找到 {n} 处（{s} 处为建议），将替换 {a} 处。").format(
                n=len(self.findings), s=sum(1 for f in self.findings if f.occurrence.suggestion), a=n_acc))
        self._highlight()
        self._update_output()

    def _highlight(self):
        if self.docx_path is not None:
            self.editor.setExtraSelections([])
            return
        sels = []
        for f in self.findings:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.editor.document())
            cur.setPosition(f.occurrence.start)
            cur.setPosition(f.occurrence.end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cur
            fmt = QTextCharFormat()
            fmt.setBackground(ACCEPT_BG if f.accepted else SUGGEST_BG)
            if not f.accepted:
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            sel.format = fmt
            sels.append(sel)
        self.editor.setExtraSelections(sels)

    def result_text(self) -> str:
        """The text with the ticked occurrences replaced by XX (empty for a .docx)."""
        if self.docx_path is not None:
            return ""
        return prose.apply_findings(self.editor.toPlainText(), self.findings)

    def _update_output(self):
        if self.docx_path is not None:
            self.output.setPlainText("\n".join(
                f"{f.location}: {f.before}【{'XX' if f.accepted else f.occurrence.text}】{f.after}"
                for f in self.findings))
        else:
            self.output.setPlainText(self.result_text())

    # --- decisions ---------------------------------------------------------------------------------
    def _on_item_changed(self, item):
        if self._updating or item.column() != 0:
            return
        f = self.findings[item.row()]
        f.accepted = item.checkState() == Qt.CheckState.Checked
        self.decisions[f._dkey] = f.accepted
        self._highlight()
        self._update_output()
        self.summary.setText(_("找到 {n} 处（{s} 处为建议），将替换 {a} 处。").format(
            n=len(self.findings), s=sum(1 for x in self.findings if x.occurrence.suggestion),
            a=sum(1 for x in self.findings if x.accepted)))

    def set_all(self, include_suggestions: bool):
        """Tick every occurrence, or only the exact matches."""
        for f in self.findings:
            f.accepted = include_suggestions or not f.occurrence.suggestion
            self.decisions[f._dkey] = f.accepted
        self._fill_table()

    def _on_select(self):
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows or self.docx_path is not None:
            return
        f = self.findings[min(rows)]
        cur = self.editor.textCursor()
        cur.setPosition(f.occurrence.start)
        cur.setPosition(f.occurrence.end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cur)
        self.editor.centerCursor()

    # --- output ------------------------------------------------------------------------------------
    def copy_result(self):
        """Copy the replaced text to the clipboard."""
        if self.docx_path is None:
            QGuiApplication.clipboard().setText(self.result_text())

    def save_dialog(self):
        """Ask where to save the result, and save it."""
        if self.docx_path is not None:
            default = Path(self.settings.last_dir("prose") or Path.home()) / prose_output_name(
                self.docx_path.name, self.profile)
            path, _f = QFileDialog.getSaveFileName(self, _("保存清理后的副本"), str(default), "Word (*.docx)")
        else:
            default = Path(self.settings.last_dir("prose") or Path.home()) / "文字材料.txt"
            path, _f = QFileDialog.getSaveFileName(self, _("保存结果"), str(default), _("文本 (*.txt)"))
        if path:
            self.save_to(path)

    def save_to(self, path) -> bool:
        """Save the replaced text, or the cleaned copy of the .docx (never over the original); False on failure."""
        path = Path(path)
        if self.docx_path is not None:
            if path.resolve() == self.docx_path.resolve():
                QMessageBox.warning(self, _("文字材料"), _("请另存为新文件：原文件不会被修改。"))
                return False
            decisions = {f.id: f.accepted for f in self.findings}
            report = prose.process_file(self.docx_path, path, self.profile, decisions=decisions)
            if report.error:
                QMessageBox.warning(self, _("文字材料"), report.error)
                return False
        else:
            from redaction.files.export import write_atomic
            write_atomic(path, self.result_text().encode("utf-8"))
        self.settings.set_last_dir("prose", str(path.parent))
        return True
