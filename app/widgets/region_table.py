"""The current page's proposals (本页遮盖建议): one row per box, with a checkbox to mask it or not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.i18n import _
from app.widgets.boxes import kind_color, kind_label
from app.widgets.status import dot_icon
from redaction.model.regions import Region


class RegionTable(QTableWidget):
    """Mask checkbox, kind, recognised text and confidence of each box; `updating` is set while it is refilled."""

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.updating = False
        self.setHorizontalHeaderLabels([_("遮盖"), _("类别"), _("识别文字"), _("置信度")])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_regions(self, regions: list[Region], selected: Region | None):
        """One row per region, in order; the row of `selected` is selected."""
        self.updating = True
        self.setRowCount(0)
        for i, r in enumerate(regions):
            self.insertRow(i)
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Checked if r.accepted else Qt.CheckState.Unchecked)
            kind = QTableWidgetItem(kind_label(r.kind))
            kind.setForeground(kind_color(r.kind))
            kind.setIcon(dot_icon(kind_color(r.kind).name()))
            text = QTableWidgetItem(r.text or ("（" + _("手动绘制") + "）" if r.source == "manual" else ""))
            text.setToolTip(r.text or "")
            score = QTableWidgetItem("—" if r.source == "manual" else f"{r.score:.2f}")
            score.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for c, it in enumerate((check, kind, text, score)):
                self.setItem(i, c, it)
            if r is selected:
                self.selectRow(i)
        self.updating = False

    def select_region(self, regions: list[Region], region: Region | None):
        """Select (and scroll to) the row of `region` among the shown `regions`, or no row."""
        self.updating = True
        self.clearSelection()
        if region is not None:
            for i, r in enumerate(regions):
                if r is region:
                    self.selectRow(i)
                    self.scrollToItem(self.item(i, 0))
        self.updating = False

    def selected_row(self) -> int | None:
        """The first selected row, if any."""
        rows = {i.row() for i in self.selectedIndexes()}
        return min(rows) if rows else None


class RegionsPanel(QGroupBox):
    """The region table with its accept-all, reject-all and delete buttons."""

    def __init__(self, parent=None):
        super().__init__(_("本页遮盖建议"), parent)
        pl = QVBoxLayout(self)
        self.table = RegionTable()
        pl.addWidget(self.table)
        row = QHBoxLayout()
        self.btn_accept_all = QPushButton(_("全部接受"))
        self.btn_reject_all = QPushButton(_("全部拒绝"))
        self.btn_delete = QPushButton(_("删除"))
        for b in (self.btn_accept_all, self.btn_reject_all, self.btn_delete):
            row.addWidget(b)
        pl.addLayout(row)
