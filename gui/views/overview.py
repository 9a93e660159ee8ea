"""A narrow strip beside a pane: where shared and unique content sits; click or drag to jump there."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from copydesk.core import highlight
from copydesk.gui import palette

Segment = tuple[float, float, str]
"""(start, end) as fractions of a paragraph's text, and the palette kind of that run."""


class OverviewStrip(QWidget):
    """Draws every paragraph's runs at their place in the document, the visible window and markers."""

    jump_requested = Signal(float)  # fraction of the document height

    WIDTH = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(self.WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: shared and unique content in this article. Click to jump.")
        self._blocks: list[tuple[float, float, list[Segment]]] = []  # (top, bottom) fractions + runs
        self._window = (0.0, 1.0)
        self._markers: list[float] = []
        self._scheme = palette.scheme("default")
        self._dark = False

    def set_data(self, blocks: list[tuple[float, float, list[Segment]]], sch: palette.Scheme, dark: bool) -> None:
        """Replace the paragraph layout (fractions of document height) and its runs."""
        self._blocks, self._scheme, self._dark = blocks, sch, dark
        self.update()

    def set_window(self, top: float, bottom: float) -> None:
        """The part of the document the pane currently shows."""
        self._window = (top, bottom)
        self.update()

    def set_markers(self, fractions: list[float]) -> None:
        """Positions of the current difference / selection, drawn as ticks."""
        self._markers = fractions
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Paint the runs, then the visible window, then the markers."""
        p = QPainter(self)
        h, w = self.height(), self.width()
        p.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(104 if not self._dark else 90))
        for top, bottom, runs in self._blocks:
            span = (bottom - top) * h
            for start, end, kind in runs:
                y0, y1 = top * h + start * span, top * h + end * span
                colour = palette.kind_colour(self._scheme, kind)
                colour.setAlphaF(0.35 if kind == highlight.BOILERPLATE else 0.9)
                p.fillRect(QRectF(3, y0, w - 6, max(1.0, y1 - y0)), colour)
        top, bottom = self._window
        frame = QColor("#000000" if not self._dark else "#FFFFFF")
        frame.setAlphaF(0.16)
        p.fillRect(QRectF(0, top * h, w, max(6.0, (bottom - top) * h)), frame)
        marker = QColor(self._scheme.current)
        for y in self._markers:
            p.fillRect(QRectF(0, y * h - 1.5, w, 3), marker)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Jump to the clicked place."""
        self._jump(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Dragging keeps jumping, like a scroll bar."""
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)

    def _jump(self, event: QMouseEvent) -> None:
        if self.height() > 0:
            self.jump_requested.emit(max(0.0, min(1.0, event.position().y() / self.height())))
