"""A pane's header: elided title, a one-line summary and a bar of shared/unique proportions."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from copydesk.core.model import Article, ArticleStats, readable
from copydesk.gui import palette
from copydesk.gui.elided import ElidedLabel
from copydesk.gui.rich_text import literal_tooltip


class ShareBar(QWidget):
    """Proportions of the article's words shared by all, by some, reworded and unique, as one thin stacked bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(4)
        self._parts: list[tuple[float, str]] = []

    def set_parts(self, stats: ArticleStats, sch: palette.Scheme) -> None:
        """Set the four shares."""
        self._parts = [(stats.shared_all, sch.shared_all), (stats.shared_some, sch.shared_some),
                       (stats.reworded, sch.reworded), (stats.unique, sch.unique)]
        self.setToolTip(f"{stats.shared_all:.0%} shared by all · {stats.shared_some:.0%} by some · "
                        f"{stats.reworded:.0%} reworded · {stats.unique:.0%} unique")
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
        # Ignored: the splitter, not the title, decides how wide a pane is
        self.title = ElidedLabel(self, "PaneTitle", policy=QSizePolicy.Policy.Ignored)
        self.meta = ElidedLabel(self, "PaneMeta", policy=QSizePolicy.Policy.Ignored)
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
        self.title.set_full_text(f"{art.number}  {art.title or art.name}")
        self.title.setToolTip(literal_tooltip(f"{art.label(500)}\n{readable(art.path)}"))
        tag = "Reference  ·  " if reference else ""
        meta = (f"{tag}{stats.words} words  ·  {stats.unique:.0%} unique  ·  {stats.reworded:.0%} reworded  ·  "
                f"{art.name}")
        self.meta.set_full_text(meta)
        # the whole line (it may be elided), then where the file is and how it was read
        self.meta.setToolTip(literal_tooltip(meta) + literal_tooltip(f"{readable(art.path)} ({art.encoding})"))
        self.bar.set_parts(stats, sch)
        self.setProperty("reference", reference)
        self.style().unpolish(self)
        self.style().polish(self)
