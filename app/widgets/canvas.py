"""The page canvas: a QGraphicsView with the page pixmap and one item per mask box (app.widgets.boxes).

The canvas never edits the model: it emits requests (toggle, draw, move/resize, delete) that the
window turns into undo commands; the model then tells the canvas to show the new regions.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsRectItem, QGraphicsScene, QGraphicsView

from app.widgets.boxes import BoxItem, handle_points, kind_color
from redaction.model.regions import Region


def to_qimage(bgr: np.ndarray) -> QImage:
    """A BGR image as a QImage (a copy that owns its pixels)."""
    bgr = np.ascontiguousarray(bgr)
    h, w = bgr.shape[:2]
    return QImage(bgr.data, w, h, bgr.strides[0], QImage.Format.Format_BGR888).copy()


class PageCanvas(QGraphicsView):
    """A page and its boxes: click toggles, drag moves, handles resize, draw mode draws; it only emits requests."""

    toggleRequested = Signal(object)            # Region
    drawn = Signal(str, object)                 # kind, bbox
    bboxEdited = Signal(object, object, bool)   # Region, bbox, mergeable (keyboard nudge)
    selectionChanged = Signal(object)           # Region or None
    deleteRequested = Signal(object)            # Region
    zoomChanged = Signal(float)

    def __init__(self, parent=None, read_only: bool = False):
        super().__init__(parent)
        self.read_only = read_only
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(QColor("#3c3f41"))
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.pixmap_item)
        self.items_by_id: dict[int, BoxItem] = {}
        self.regions: list[Region] = []
        self.selected: Region | None = None
        self.page_size = (0, 0)
        self.draw_mode = False
        self.draw_kind = "name"
        self.preview = False
        self.fit_mode = True
        self._mode = None
        self._press = None
        self._item = None
        self._handle = None
        self._orig = None
        self._rubber = None
        self._pan_start = None
        self.message = ""

    # --- content ---------------------------------------------------------------------------
    def set_image(self, pixels: np.ndarray | None):
        """Show a page (None: no page)."""
        if pixels is None:
            self.pixmap_item.setPixmap(QPixmap())
            self.page_size = (0, 0)
        else:
            self.pixmap_item.setPixmap(QPixmap.fromImage(to_qimage(pixels)))
            self.page_size = (int(pixels.shape[1]), int(pixels.shape[0]))
        self.scene().setSceneRect(QRectF(0, 0, *self.page_size) if pixels is not None else QRectF())

    def set_regions(self, regions: list[Region], findings: bool = False):
        """Show these boxes (`findings`: as verification findings, red); a selected box that is gone is unselected."""
        for item in self.items_by_id.values():
            self.scene().removeItem(item)
        self.items_by_id.clear()
        self.regions = list(regions)
        if self.selected is not None and not any(r is self.selected for r in regions):
            self.selected = None
            self.selectionChanged.emit(None)
        for r in self.regions:
            item = BoxItem(r, finding=findings)
            item.selected = r is self.selected
            item.setVisible(not self.preview)
            self.scene().addItem(item)
            self.items_by_id[id(r)] = item

    def clear(self):
        """Show nothing."""
        self.select(None)
        self.set_regions([])
        self.set_image(None)

    def set_preview(self, on: bool, pixels: np.ndarray | None = None):
        """Show the burned result (boxes hidden) or the original with boxes."""
        self.preview = on
        if pixels is not None:
            self.pixmap_item.setPixmap(QPixmap.fromImage(to_qimage(pixels)))
        for item in self.items_by_id.values():
            item.setVisible(not on)

    def select(self, region: Region | None):
        """Select a box (None: none) and scroll it into view."""
        if region is self.selected:
            return
        for item in self.items_by_id.values():
            item.selected = item.region is region
            item.update()
        self.selected = region
        item = self.items_by_id.get(id(region)) if region is not None else None
        if item is not None:
            item.setZValue(20)
            self.ensureVisible(item, 40, 40)
        self.selectionChanged.emit(region)

    def select_next(self, step: int = 1):
        """Select the next box in reading order (`step` -1: the previous one)."""
        if not self.regions:
            return
        order = sorted(self.regions, key=lambda r: (r.bbox[1], r.bbox[0]))
        if self.selected is None or not any(r is self.selected for r in order):
            self.select(order[0] if step > 0 else order[-1])
            return
        i = next(i for i, r in enumerate(order) if r is self.selected)
        self.select(order[(i + step) % len(order)])

    # --- zoom ----------------------------------------------------------------------------
    def zoom(self) -> float:
        """The current zoom factor (1.0: one page pixel per screen pixel)."""
        return self.transform().m11()

    def fit(self):
        """Fit the whole page in the view, also after later resizes."""
        self.fit_mode = True
        if self.page_size[0]:
            self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoomChanged.emit(self.zoom())

    def set_zoom(self, z: float):
        """Zoom to factor `z` (3 % to 1600 %)."""
        self.fit_mode = False
        z = max(0.03, min(16.0, z))
        self.setTransform(self.transform().fromScale(z, z))
        self.zoomChanged.emit(self.zoom())

    def zoom_by(self, factor: float):
        """Zoom by `factor` from the current zoom."""
        self.set_zoom(self.zoom() * factor)

    def resizeEvent(self, event):  # noqa: N802
        """Keep the page fitted while fitting is on."""
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()

    def wheelEvent(self, event):  # noqa: N802
        """The wheel zooms; with Shift it scrolls."""
        delta = event.angleDelta().y()
        if delta and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.zoom_by(1.15 ** (delta / 120.0))
            event.accept()
        else:
            super().wheelEvent(event)

    # --- hit testing -------------------------------------------------------------------------
    def _box_at(self, pos) -> BoxItem | None:
        for item in self.items(pos):
            while item is not None and not isinstance(item, BoxItem):
                item = item.parentItem()
            if isinstance(item, BoxItem) and item.isVisible():
                return item
        return None

    def _handle_at(self, pos) -> str | None:
        if self.selected is None or self.read_only or self.preview:
            return None
        item = self.items_by_id.get(id(self.selected))
        if item is None:
            return None
        for name, pt in handle_points(item.rect()).items():
            vp = self.mapFromScene(pt)
            if abs(vp.x() - pos.x()) <= 7 and abs(vp.y() - pos.y()) <= 7:
                return name
        return None

    def _clamped(self, rect: QRectF) -> tuple[int, int, int, int]:
        w, h = self.page_size
        r = rect.normalized()
        x0, y0 = max(0, min(w, round(r.left()))), max(0, min(h, round(r.top())))
        x1, y1 = max(0, min(w, round(r.right()))), max(0, min(h, round(r.bottom())))
        return (int(x0), int(y0), int(x1), int(y1))

    # --- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event):  # noqa: N802
        """Start a pan, a resize, a press on a box or a new box."""
        pos = event.position().toPoint()
        if event.button() == Qt.MouseButton.MiddleButton:
            self._start_pan(pos)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._press = pos
        handle = self._handle_at(pos)
        if handle:
            self._mode, self._handle = "resize", handle
            self._item = self.items_by_id[id(self.selected)]
            self._orig = QRectF(self._item.rect())
            return
        item = None if self.preview else self._box_at(pos)
        if item is not None and not (self.draw_mode and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self._mode, self._item, self._orig = "press_box", item, QRectF(item.rect())
            self.select(item.region)
            return
        if self.draw_mode and self.page_size[0] and not self.preview and not self.read_only:
            self._mode = "draw"
            start = self.mapToScene(pos)
            self._rubber = QGraphicsRectItem(QRectF(start, start))
            pen = QPen(kind_color(self.draw_kind), 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._rubber.setPen(pen)
            fill = kind_color(self.draw_kind)
            fill.setAlpha(50)
            self._rubber.setBrush(fill)
            self._rubber.setZValue(30)
            self.scene().addItem(self._rubber)
            return
        self.select(None)
        self._start_pan(pos)

    def _start_pan(self, pos):
        self._mode = "pan"
        self._pan_start = (pos, self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event):  # noqa: N802
        """Pan, move, resize or draw while the button is down; otherwise show the right cursor."""
        pos = event.position().toPoint()
        mode = self._mode
        if mode == "pan":
            p0, h, v = self._pan_start
            self.horizontalScrollBar().setValue(h - (pos.x() - p0.x()))
            self.verticalScrollBar().setValue(v - (pos.y() - p0.y()))
            return
        if mode == "press_box" and not self.read_only:
            if (pos - self._press).manhattanLength() > 4:
                self._mode = mode = "move"
        if mode == "move":
            d = self.mapToScene(pos) - self.mapToScene(self._press)
            self._item.set_rect_live(self._orig.translated(d))
            return
        if mode == "resize":
            self._item.set_rect_live(self._resized(self._orig, self._handle, self.mapToScene(pos)))
            return
        if mode == "draw":
            self._rubber.setRect(QRectF(self.mapToScene(self._press), self.mapToScene(pos)).normalized())
            return
        self._update_cursor(pos)
        super().mouseMoveEvent(event)

    @staticmethod
    def _resized(rect: QRectF, handle: str, pt: QPointF) -> QRectF:
        r = QRectF(rect)
        if "l" in handle:
            r.setLeft(pt.x())
        if "r" in handle:
            r.setRight(pt.x())
        if handle in ("tl", "t", "tr"):
            r.setTop(pt.y())
        if handle in ("bl", "b", "br"):
            r.setBottom(pt.y())
        return r.normalized()

    def _update_cursor(self, pos):
        handle = self._handle_at(pos)
        if handle:
            shape = {"tl": Qt.CursorShape.SizeFDiagCursor, "br": Qt.CursorShape.SizeFDiagCursor,
                     "tr": Qt.CursorShape.SizeBDiagCursor, "bl": Qt.CursorShape.SizeBDiagCursor,
                     "t": Qt.CursorShape.SizeVerCursor, "b": Qt.CursorShape.SizeVerCursor}.get(
                handle, Qt.CursorShape.SizeHorCursor)
        elif not self.preview and self._box_at(pos) is not None:
            shape = Qt.CursorShape.PointingHandCursor
        elif self.draw_mode and not self.read_only:
            shape = Qt.CursorShape.CrossCursor
        else:
            shape = Qt.CursorShape.OpenHandCursor
        self.viewport().setCursor(QCursor(shape))

    def mouseReleaseEvent(self, event):  # noqa: N802
        """Finish: a click toggles the box, a move or resize is emitted as an edit, a drawn box as new."""
        mode, self._mode = self._mode, None
        pos = event.position().toPoint()
        if mode == "press_box":
            if not self.read_only:
                self.toggleRequested.emit(self._item.region)
        elif mode in ("move", "resize"):
            bbox = self._clamped(self._item.rect())
            if bbox[2] - bbox[0] >= 2 and bbox[3] - bbox[1] >= 2 and bbox != tuple(self._item.region.bbox):
                self.bboxEdited.emit(self._item.region, bbox, False)
            else:
                self._item.set_rect_live(self._orig)
        elif mode == "draw":
            rect = self._rubber.rect()
            self.scene().removeItem(self._rubber)
            self._rubber = None
            bbox = self._clamped(rect)
            if bbox[2] - bbox[0] >= 4 and bbox[3] - bbox[1] >= 4:
                self.drawn.emit(self.draw_kind, bbox)
        self._item = None
        self._update_cursor(pos)
        super().mouseReleaseEvent(event)

    # --- keyboard ------------------------------------------------------------------------
    def focusNextPrevChild(self, next_):  # noqa: N802 — Tab cycles boxes while the canvas has focus
        """Tab and Shift+Tab select the next and previous box."""
        if self.regions and not self.preview:
            self.select_next(1 if next_ else -1)
            return True
        return super().focusNextPrevChild(next_)

    def keyPressEvent(self, event):  # noqa: N802
        """Arrows move the selected box (Shift: resize, Ctrl: bigger steps); Esc unselects it."""
        key = event.key()
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                  Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows and self.selected is not None and not self.read_only and not self.preview:
            dx, dy = arrows[key]
            step = max(1, round(4 / max(self.zoom(), 1e-3)))
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                step *= 5
            x0, y0, x1, y1 = self.selected.bbox
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:   # resize the far edges
                x1, y1 = max(x0 + 2, x1 + dx * step), max(y0 + 2, y1 + dy * step)
            else:
                x0, x1, y0, y1 = x0 + dx * step, x1 + dx * step, y0 + dy * step, y1 + dy * step
            w, h = self.page_size
            if x0 >= 0 and y0 >= 0 and x1 <= w and y1 <= h:
                self.bboxEdited.emit(self.selected, (x0, y0, x1, y1), True)
            event.accept()
            return
        if key == Qt.Key.Key_Escape and self.selected is not None:
            self.select(None)
            return
        super().keyPressEvent(event)
