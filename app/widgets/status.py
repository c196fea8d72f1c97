"""A page's review status as the UI shows it: its label, its colour and a coloured dot icon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.i18n import _
from app.model.state import CONFIRMED, DETECTING, ERROR, NO_MASK, PENDING, REVIEW

STATUS_COLORS = {PENDING: "#9e9e9e", DETECTING: "#f9a825", REVIEW: "#1e88e5",
                 CONFIRMED: "#2e7d32", NO_MASK: "#00897b", ERROR: "#c62828"}


def status_label(status: str) -> str:
    """A page status's label in the UI language."""
    return {PENDING: _("未检测"), DETECTING: _("检测中"), REVIEW: _("待审核"),
            CONFIRMED: _("已确认"), NO_MASK: _("无需遮盖"), ERROR: _("错误")}[status]


_icon_cache: dict[str, QIcon] = {}


def dot_icon(color: str, check: bool = False) -> QIcon:
    """A 14-pixel filled circle of `color` (made once per colour)."""
    key = color + str(check)
    if key not in _icon_cache:
        pm = QPixmap(14, 14)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(color))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(1, 1, 12, 12)
        p.end()
        _icon_cache[key] = QIcon(pm)
    return _icon_cache[key]
