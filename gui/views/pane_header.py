"""A pane's header: elided title, a one-line summary and a bar of shared/unique proportions."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from copydesk.core.model import Article, ArticleStats, readable
from copydesk.gui import palette
from copydesk.gui.rich_text import literal_tooltip


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends in '…' when too narrow (full text in the tooltip)."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        """Set the text; it is elided at paint time."""
        self._full = text
        self.setText(text)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Draw the elided text."""
        painter = QPainter(self)
        rect = self.contentsRect()
        elided = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
        painter.end()


class ShareBar(QWidget):
    """Proportions of the article's words shared by all, by some, and unique, as one thin stacked bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(4)
        self._parts: list[tuple[float, str]] = []

    def set_parts(self, stats: ArticleStats, sch: palette.Scheme) -> None:
        """Set the three shares."""
        self._parts = [(stats.shared_all, sch.shared_all), (stats.shared_some, sch.shared_some),
                       (stats.unique, sch.unique)]
        self.setToolTip(f"{stats.shared_all:.0%} shared by all · {stats.shared_some:.0%} by some · "
                        f"{stats.unique:.0%} unique")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Paint the stacked bar."""
        p = QPainter(self)
        x, w = 0.0, float(self.width())
        for share, colour in self._parts:
            p.fillRect(QRectF(x, 0, share * w, self.height()), QColor(colour))
            x += share * w
        p.end()


class PaneHeader(QFrame):
    """Title, summary line and share bar of one article."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaneHeader")
        self.title = ElidedLabel(self, "PaneTitle")
        self.meta = ElidedLabel(self, "PaneMeta")
        self.bar = ShareBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 12, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addSpacing(5)
        layout.addWidget(self.bar)

    def show_article(self, art: Article, stats: ArticleStats, sch: palette.Scheme, reference: bool) -> None:
        """Fill in one article's header."""
        self.title.set_full_text(f"{art.index + 1}  {art.title}")
        self.title.setToolTip(literal_tooltip(art.title))
        tag = "Reference  ·  " if reference else ""
        self.meta.set_full_text(f"{tag}{stats.words} words  ·  {stats.unique:.0%} unique  ·  {art.name}")
        self.meta.setToolTip(literal_tooltip(f"{readable(art.path)} ({art.encoding})"))
        self.bar.set_parts(stats, sch)
        self.setProperty("reference", reference)
        self.style().unpolish(self)
        self.style().polish(self)
