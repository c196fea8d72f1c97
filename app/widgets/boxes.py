"""How a mask box looks: the kinds' labels and colours, and the box and label items on the page."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from app.i18n import _
from redaction.model.kinds import OTHER_COLOUR, REQUIRED_KINDS, Kind
from redaction.model.regions import Region

FINDING_COLOR = QColor("#ff1744")
#: The kinds a user draws boxes of.
DRAW_KINDS = REQUIRED_KINDS


def kind_label(kind: str) -> str:
    """A kind's label in the UI language (the core's Chinese label, translated)."""
    try:
        return _(Kind(kind).label)
    except ValueError:
        return kind


def kind_color(kind: str) -> QColor:
    """A kind's colour on the page and in the table."""
    try:
        return QColor(Kind(kind).colour)
    except ValueError:
        return QColor(OTHER_COLOUR)


def region_tooltip(r: Region) -> str:
    """The box's hover text: kind and whether it is masked, text, source or confidence, size and place."""
    lines = [f"<b>{kind_label(r.kind)}</b> — " + (_("遮盖") if r.accepted else _("不遮盖"))]
    if r.text:
        lines.append(_("文字：") + r.text)
    if r.source == "manual":
        lines.append(_("手动绘制"))
    else:
        lines.append(_("置信度：") + f"{r.score:.2f}")
    x0, y0, x1, y1 = r.bbox
    lines.append(f"{x1 - x0}×{y1 - y0} px @ ({x0}, {y0})")
    return "<br>".join(lines)


HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")


def handle_points(rect: QRectF) -> dict[str, QPointF]:
    """The eight resize handles of `rect`, by name (tl, t, tr, r, br, b, bl, l)."""
    cx, cy = rect.center().x(), rect.center().y()
    return {"tl": rect.topLeft(), "t": QPointF(cx, rect.top()), "tr": rect.topRight(),
            "r": QPointF(rect.right(), cy), "br": rect.bottomRight(), "b": QPointF(cx, rect.bottom()),
            "bl": rect.bottomLeft(), "l": QPointF(rect.left(), cy)}


class LabelItem(QGraphicsItem):
    """The kind label above a box: constant screen size, on a light plate so it reads on photos."""

    def __init__(self, parent):
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.text, self.color = "", QColor("#000")
        self.font = QFont()
        self.font.setPixelSize(12)
        self.font.setBold(True)

    def set(self, text: str, color: QColor):
        """Show `text` in `color`."""
        self.prepareGeometryChange()
        self.text, self.color = text, QColor(color)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        """The plate's rectangle, just above the box's top-left corner."""
        from PySide6.QtGui import QFontMetricsF

        w = QFontMetricsF(self.font).horizontalAdvance(self.text) + 8
        return QRectF(0, -17, w, 16)

    def paint(self, painter, option, widget=None):
        """Draw the plate and the text."""
        r = self.boundingRect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(r, 3, 3)
        painter.setFont(self.font)
        painter.setPen(self.color)
        painter.drawText(r.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text)


class BoxItem(QGraphicsRectItem):
    """One region: filled and solid when accepted, dashed and empty when rejected."""

    def __init__(self, region: Region, finding: bool = False):
        x0, y0, x1, y1 = region.bbox
        super().__init__(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.region = region
        self.finding = finding
        self.selected = False
        self.setAcceptHoverEvents(True)
        self.setToolTip(region_tooltip(region))
        self.setZValue(10 if region.accepted else 5)
        self.label = LabelItem(self)
        self.update_label()

    def color(self) -> QColor:
        """The box's colour: its kind's, or red for a verification finding."""
        return QColor(FINDING_COLOR) if self.finding else kind_color(self.region.kind)

    def update_label(self):
        """Label the box with its kind and whether it is masked."""
        mark = "⚠" if self.finding else ("✓" if self.region.accepted else "✗ " + _("不遮盖") + " ·")
        c = self.color()
        if not (self.region.accepted or self.finding):
            c = QColor("#555555")
        self.label.set(f"{mark} {kind_label(self.region.kind)}", c)
        self.label.setPos(self.rect().topLeft())

    def set_rect_live(self, rect: QRectF):
        """Follow the mouse while the box is moved or resized (the model changes on release)."""
        self.setRect(rect.normalized())
        self.label.setPos(self.rect().topLeft())

    def paint(self, painter: QPainter, option, widget=None):
        """Draw the box, and its handles when it is selected."""
        c = self.color()
        rect = self.rect()
        accepted = self.region.accepted or self.finding
        if accepted:
            fill = QColor(c)
            fill.setAlpha(70 if not self.finding else 90)
            pen = QPen(c, 3.0 if self.selected else 2.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(QBrush(fill))
            painter.drawRect(rect)
        else:
            pen = QPen(QColor("#555555") if not self.selected else c, 2.5 if self.selected else 1.5,
                       Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        if self.selected and not self.finding:
            scale = painter.worldTransform().m11() or 1.0
            s = 7.0 / scale
            hpen = QPen(QColor("#ffffff"), 1.0)
            hpen.setCosmetic(True)
            painter.setPen(hpen)
            painter.setBrush(QBrush(c))
            for pt in handle_points(rect).values():
                painter.drawRect(QRectF(pt.x() - s / 2, pt.y() - s / 2, s, s))

