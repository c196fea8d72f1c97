"""The page's decision (本页决定): its status in words, and buttons to confirm it or mark it as needing no mask."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.i18n import _
from app.model.state import CONFIRMED, DETECTING, ERROR, NO_MASK, PENDING, REVIEW
from app.widgets.status import STATUS_COLORS, status_label


class DecisionPanel(QGroupBox):
    """A label saying where the page stands, over the confirm and no-mask buttons."""

    def __init__(self, parent=None):
        super().__init__(_("本页决定（是否需要遮盖）"), parent)
        dl = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        dl.addWidget(self.label)
        drow = QHBoxLayout()
        self.btn_confirm = QPushButton(_("确认遮盖此页"))
        self.btn_confirm.setStyleSheet("QPushButton { font-weight: bold; }")
        self.btn_no_mask = QPushButton(_("此页无需遮盖"))
        drow.addWidget(self.btn_confirm)
        drow.addWidget(self.btn_no_mask)
        dl.addLayout(drow)

    def set_decidable(self, on: bool):
        """Enable or disable both buttons."""
        self.btn_confirm.setEnabled(on)
        self.btn_no_mask.setEnabled(on)

    def show_status(self, status: str | None, accepted: int = 0, total: int = 0):
        """Say what `status` means for the page and how many of its `total` boxes will be masked."""
        if status is None:
            self.label.setText("")
            return
        color = STATUS_COLORS[status]
        text = {
            PENDING: _("尚未检测。可以按 F5 检测，也可以手动绘制遮盖框。"),
            DETECTING: _("正在检测此页…"),
            REVIEW: _("检查遮盖框后确认（Enter），或标记为无需遮盖（N）。"),
            CONFIRMED: _("已确认：导出时遮盖 {n} 处。").format(n=accepted),
            NO_MASK: _("已标记为无需遮盖：导出时不遮盖。"),
            ERROR: _("此页无法读取，不会导出。"),
        }[status]
        self.label.setText(f"<span style='color:{color}; font-weight:bold'>{status_label(status)}</span>"
                           f" — {text}<br>" + _("将遮盖 {a} / {n} 个框").format(a=accepted, n=total))
