"""What verification found on a page, one row per finding: kind, recognised text, and a note."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.i18n import _
from app.widgets.boxes import kind_label
from redaction.model.regions import Region


class FindingsTable(QTableWidget):
    """The verify window's table: kind, text, and the evidence (the audit's) or the detector's confidence."""

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([_("类别"), _("识别文字"), _("说明")])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(True)

    def show_findings(self, findings: list[Region]):
        """One row per finding, in order."""
        self.setRowCount(0)
        for i, r in enumerate(findings):
            self.insertRow(i)
            self.setItem(i, 0, QTableWidgetItem(kind_label(r.kind)))
            self.setItem(i, 1, QTableWidgetItem(r.text or ""))
            note = r.extra.get("evidence") or ""
            if not r.extra.get("audit"):
                note += ("；" if note else "") + _("置信度 {s:.2f}").format(s=r.score)
            self.setItem(i, 2, QTableWidgetItem(note))
        self.resizeRowsToContents()
