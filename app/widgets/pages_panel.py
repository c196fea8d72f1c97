"""The main window's left column: every file and page with its review status, and the counts below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.model.state import CONFIRMED, DETECTING, ERROR, NO_MASK, PENDING, REVIEW, Key, ReviewState
from app.widgets.status import STATUS_COLORS, dot_icon, status_label


class PagesPanel(QWidget):
    """The file/page tree (`tree`) over a one-line summary (`summary`); it shows, never edits, the state."""

    pageChosen = Signal(object)       # (doc, page) the person clicked
    docErrorChosen = Signal(int)      # an unreadable file the person clicked

    def __init__(self, state: ReviewState, parent=None):
        super().__init__(parent)
        self.state = state
        self.items: dict[Key, QTreeWidgetItem] = {}
        self.doc_items: dict[int, QTreeWidgetItem] = {}
        ll = QVBoxLayout(self)
        ll.setContentsMargins(6, 6, 0, 6)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("文件 / 页"), _("状态")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        ll.addWidget(self.tree)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        ll.addWidget(self.summary)
        self.tree.currentItemChanged.connect(self._on_current)

    def rebuild(self, current: Key | None = None):
        """Fill the tree anew from the state's documents, selecting `current`."""
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items.clear()
        self.doc_items.clear()
        for d, doc in enumerate(self.state.docs):
            top = QTreeWidgetItem([doc.input.rel.as_posix(), ""])
            top.setToolTip(0, str(doc.path))
            self.tree.addTopLevelItem(top)
            self.doc_items[d] = top
            if doc.result.error:
                top.setData(0, Qt.ItemDataRole.UserRole, ("error", d))
            elif doc.page_count == 1:
                top.setData(0, Qt.ItemDataRole.UserRole, (d, 0))
                self.items[(d, 0)] = top
            else:
                top.setData(0, Qt.ItemDataRole.UserRole, (d, 0))
                for p in range(doc.page_count):
                    child = QTreeWidgetItem([_("第 {n} 页").format(n=p + 1), ""])
                    child.setData(0, Qt.ItemDataRole.UserRole, (d, p))
                    top.addChild(child)
                    self.items[(d, p)] = child
                top.setExpanded(True)
        self.tree.blockSignals(False)
        for k in self.state.keys():
            self.update_page(k)
        for d in range(len(self.state.docs)):
            self.update_doc(d)
        self.refresh_summary()
        if current is not None and current in self.items:
            self.select(current)

    def update_page(self, key: Key):
        """Show one page's status."""
        item = self.items.get(key)
        if item is None:
            return
        st = self.state.status(key)
        item.setText(1, status_label(st))
        item.setIcon(1, dot_icon(STATUS_COLORS[st]))
        item.setForeground(1, QColor(STATUS_COLORS[st]))
        doc = self.state.docs[key[0]]
        if key[1] in doc.page_errors:
            item.setToolTip(1, doc.page_errors[key[1]])

    def update_doc(self, d: int):
        """Show one file's status: its error, or how many of its pages are decided."""
        top = self.doc_items.get(d)
        doc = self.state.docs[d]
        if top is None:
            return
        if doc.result.error:
            top.setText(1, status_label(ERROR))
            top.setIcon(1, dot_icon(STATUS_COLORS[ERROR]))
            top.setForeground(1, QColor(STATUS_COLORS[ERROR]))
            top.setToolTip(1, doc.result.error)
        elif doc.page_count > 1:
            done = sum(1 for p in range(doc.page_count)
                       if self.state.status((d, p)) in (CONFIRMED, NO_MASK))
            top.setText(1, f"{done}/{doc.page_count}")
            top.setIcon(1, dot_icon(STATUS_COLORS[CONFIRMED if done == doc.page_count else REVIEW]))

    def refresh_summary(self):
        """Count the pages by status in the line under the tree."""
        c = self.state.counts()
        total = len(self.state.keys())
        if not self.state.docs:
            self.summary.setText(_("尚未打开文件"))
            return
        parts = [_("共 {n} 页").format(n=total),
                 _("已确认 {n}").format(n=c.get(CONFIRMED, 0)),
                 _("无需遮盖 {n}").format(n=c.get(NO_MASK, 0)),
                 _("待审核 {n}").format(n=c.get(REVIEW, 0))]
        if c.get(DETECTING):
            parts.append(_("检测中 {n}").format(n=c[DETECTING]))
        if c.get(PENDING):
            parts.append(_("未检测 {n}").format(n=c[PENDING]))
        if c.get(ERROR):
            parts.append(_("错误 {n}").format(n=c[ERROR]))
        self.summary.setText(" · ".join(parts))

    def select(self, key: Key):
        """Make `key` the tree's current item without emitting pageChosen."""
        item = self.items.get(key)
        if item is not None and self.tree.currentItem() is not item:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)

    def _on_current(self, item, _prev):
        if item is None:
            return
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        if data[0] == "error":
            self.docErrorChosen.emit(data[1])
        else:
            self.pageChosen.emit(tuple(data))
