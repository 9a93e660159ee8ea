"""The aligned-rows grid's column headers, kept on top of the view once the table's own header row scrolls away.

QTextTableFormat's header rows repeat only on printed pages, so the grid (gui/views/aligned_view.py) lays
this strip over the top of its viewport and gives it the table's column positions after every scroll,
resize and zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

Column = tuple[float, float, str]
"""(left x, width) in the strip's coordinates and the column's title."""


class GridHeader(QWidget):
    """One line of column titles, each elided to its column's width, over a bottom rule."""

    PADDING = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GridHeader")
        self.setAutoFillBackground(True)
        self._columns: list[Column] = []
        self.hide()

    def set_columns(self, columns: list[Column]) -> None:
        """Where each column is and what it is called."""
        if columns != self._columns:
            self._columns = list(columns)
            self.update()

    def columns(self) -> list[Column]:
        """The columns as last set (for tests)."""
        return list(self._columns)

    def preferred_height(self) -> int:
        """One line of the bold title font, with padding."""
        return int(QFontMetricsF(self._title_font()).height()) + 2 * self.PADDING

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Titles at their columns' places, a rule below and thin separators between columns."""
        painter = QPainter(self)
        ink = self.palette().color(self.foregroundRole())
        rule = QColor(ink)
        rule.setAlphaF(0.28)
        painter.setFont(self._title_font())
        metrics = painter.fontMetrics()
        for i, (x, width, title) in enumerate(self._columns):
            if i:
                painter.fillRect(QRectF(x - self.PADDING - 1, 3, 1, self.height() - 6), rule)
            painter.setPen(ink)
            text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(max(0.0, width)))
            painter.drawText(QRectF(x, 0, width, self.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.fillRect(QRectF(0, self.height() - 1, self.width(), 1), rule)
        painter.end()
