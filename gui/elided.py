"""A one-line label that never widens its window: it ends in '…' when narrow and shows the whole text on hover."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from copydesk.gui.rich_text import literal_tooltip

DEFAULT_MAX_HINT = 480
"""Widest size hint (px) an elided label asks for: longer text shares the space instead of claiming it."""


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends in '…' when too narrow; the full text is in the tooltip.

    Its minimum width is a few characters and its preferred width at most `max_hint`, so no text
    (a long note, a file name, a list of versions) can force the window wider. `text()` stays the
    full text.
    """

    def __init__(self, parent: QWidget | None = None, object_name: str = "", max_hint: int = DEFAULT_MAX_HINT,
                 policy: QSizePolicy.Policy = QSizePolicy.Policy.Preferred) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(policy, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._max_hint = max_hint

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        """Set the full text; it is elided at paint time, and the tooltip shows it whole."""
        self._full = text
        super().setText(text)
        super().setToolTip(literal_tooltip(text))
        self.updateGeometry()

    def set_full_text(self, text: str) -> None:
        """Set the text (same as setText)."""
        self.setText(text)

    def full_text(self) -> str:
        """The whole text, however much of it shows."""
        return self._full

    def shown_text(self) -> str:
        """What is painted at the current width (ends in '…' when elided)."""
        return self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def is_elided(self) -> bool:
        """Whether the text is cut at the current width."""
        return self.shown_text() != self._full

    def _margins(self) -> int:
        m = self.contentsMargins()
        return m.left() + m.right() + 2 * self.margin()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        """The text's width, capped at max_hint."""
        height = super().sizeHint().height()
        width = self.fontMetrics().horizontalAdvance(self._full) + self._margins() + 2
        return QSize(min(width, self._max_hint), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        """Room for a few characters and the ellipsis, never the whole text."""
        height = super().minimumSizeHint().height()
        few = self.fontMetrics().horizontalAdvance(self._full[:3] + "…") + self._margins()
        return QSize(min(few, self.sizeHint().width()), height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Draw the elided text."""
        painter = QPainter(self)
        rect = self.contentsRect()
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = (self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask) | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(align), self.shown_text())
        painter.end()
