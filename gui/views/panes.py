"""Parallel article panes: one per included article, side by side, scrolling sideways when many."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QVBoxLayout, QWidget

from copydesk.core import highlight
from copydesk.core.model import Comparison, ParaRef
from copydesk.gui import palette
from copydesk.gui.views.overview import OverviewStrip, Segment
from copydesk.gui.views.pane_header import PaneHeader
from copydesk.gui.views.pane_render import RenderStyle
from copydesk.gui.views.pane_text import PaneText

MIN_PANE_WIDTH = 280


class ArticlePane(QFrame):
    """Header (title, file, numbers), the article text and its overview strip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticlePane")
        self.setMinimumWidth(MIN_PANE_WIDTH)
        self.article = -1
        self.header = PaneHeader(self)
        self.text = PaneText(self)
        self.strip = OverviewStrip(self)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.text, 1)
        body.addWidget(self.strip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self._runs: dict[int, list[Segment]] = {}
        self.strip.jump_requested.connect(self._jump)
        self.text.verticalScrollBar().valueChanged.connect(self._update_window)
        self.text.document().documentLayout().documentSizeChanged.connect(self.refresh_strip)

    def show_article(self, c: Comparison, article: int, style: RenderStyle, reference: bool) -> None:
        """Render one article and its header."""
        self.article = article
        self.header.show_article(c.articles[article], c.stats[article], style.scheme, reference)
        self.text.show_article(c, article, style)
        self._runs = _runs(c, article)
        self.refresh_strip()

    def refresh_strip(self) -> None:
        """Recompute the overview from the current layout (after render, resize or zoom)."""
        self.strip.set_data(self.text.overview_blocks(self._runs), self.text._style.scheme, self.text._style.dark)
        self._update_window()

    def update_strip_markers(self) -> None:
        """Ticks on the strip for the current difference and the selection."""
        layout = self.text.document().documentLayout()
        height = max(1.0, layout.documentSize().height())
        selected, linked, current = self.text.marked()
        ticks = []
        for paragraph in sorted(current or linked or ({selected} if selected is not None else set())):
            rect = self.text.paragraph_rect(paragraph)
            if rect is not None:
                ticks.append(rect.center().y() / height)
        self.strip.set_markers(ticks)

    def _update_window(self, *_args) -> None:
        bar = self.text.verticalScrollBar()
        total = bar.maximum() + bar.pageStep()
        if total <= 0:
            self.strip.set_window(0.0, 1.0)
            return
        self.strip.set_window(bar.value() / total, (bar.value() + bar.pageStep()) / total)

    def _jump(self, fraction: float) -> None:
        bar = self.text.verticalScrollBar()
        total = bar.maximum() + bar.pageStep()
        bar.setValue(int(fraction * total - bar.pageStep() / 2))


class PaneArea(QScrollArea):
    """Holds the panes in a splitter; scrolls horizontally when they cannot all fit at MIN_PANE_WIDTH."""

    paragraph_selected = Signal(object)  # ParaRef

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaneArea")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.setWidget(self.splitter)
        self.panes: list[ArticlePane] = []
        self.comparison: Comparison | None = None
        self._font = QFont()
        self.saved_states: dict[int, QByteArray] = {}  # number of panes -> splitter state the user left
        self.splitter.splitterMoved.connect(self.remember_widths)

    def set_comparison(self, c: Comparison, style: RenderStyle, columns: Sequence[int], font: QFont) -> None:
        """Show the articles in columns (the reference first), reusing pane widgets and keeping the user's widths."""
        widths = self._widths_by_path()
        self.comparison, self._font = c, font
        order = list(columns)
        reference = order[0] if order else -1
        while len(self.panes) < len(order):
            pane = ArticlePane()
            pane.text.paragraph_selected.connect(lambda p, pane=pane: self._selected(pane, p))
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        while len(self.panes) > len(order):
            _discard(self.panes.pop())
        for pane, article in zip(self.panes, order):
            pane.text.set_reading_font(font)
            pane.show_article(c, article, style, article == reference)
        paths = [c.articles[a].path for a in order]
        if sorted(widths) == sorted(paths):  # same articles (an edit, a restyle): same widths, by article
            self.splitter.setSizes([widths[p] for p in paths])
        elif len(order) in self.saved_states:
            self.splitter.restoreState(self.saved_states[len(order)])
        else:
            self.splitter.setSizes([1000] * len(self.panes))

    def clear(self) -> None:
        """Show nothing (the folder could not be compared)."""
        self.remember_widths()
        while self.panes:
            _discard(self.panes.pop())
        self.comparison = None

    def remember_widths(self, *_args) -> None:
        """Keep the splitter state for this number of panes (restored when that many panes show again)."""
        if self.panes and sum(self.splitter.sizes()) > 0:
            self.saved_states[len(self.panes)] = self.splitter.saveState()

    def _widths_by_path(self) -> dict[str, int]:
        c, sizes = self.comparison, self.splitter.sizes()
        if c is None or sum(sizes) <= 0 or len(sizes) != len(self.panes):
            return {}
        return {c.articles[p.article].path: size for p, size in zip(self.panes, sizes)}

    def set_font(self, font: QFont) -> None:
        """Change the reading font (zoom) without re-rendering."""
        self._font = font
        for pane in self.panes:
            pane.text.set_reading_font(font)
            pane.refresh_strip()

    def pane_of(self, article: int) -> ArticlePane | None:
        """The pane showing an article."""
        return next((p for p in self.panes if p.article == article), None)

    def show_links(self, ref: ParaRef, linked: dict[int, set[int]]) -> None:
        """Mark ref as selected and its linked paragraphs in the other panes, lined up with ref."""
        source = self.pane_of(ref[0])
        y = source.text.paragraph_y(ref[1]) if source else None
        for pane in self.panes:
            _sel, _linked, current = pane.text.marked()
            mine = linked.get(pane.article, set())
            pane.text.set_markers(ref[1] if pane.article == ref[0] else None, mine, current)
            pane.update_strip_markers()
            if pane.article != ref[0] and mine:
                pane.text.scroll_to_paragraph(min(mine), y if y is not None and y >= 0 else None)

    def show_current(self, refs: tuple[ParaRef, ...], ranges: list[tuple[int, int, int, int]]) -> None:
        """Frame the current difference's paragraphs in all panes and scroll them into view."""
        by_article: dict[int, set[int]] = {}
        for a, p in refs:
            by_article.setdefault(a, set()).add(p)
        for pane in self.panes:
            mine = by_article.get(pane.article, set())
            selected, linked, _current = pane.text.marked()
            pane.text.set_markers(selected, linked, mine)
            pane.text.set_ranges([(p, s, e) for a, p, s, e in ranges if a == pane.article])
            pane.update_strip_markers()
            if mine:
                pane.text.scroll_to_paragraph(min(mine), pane.text.viewport().height() * 0.22)
        first = next((p for p in self.panes if p.article in by_article), None)
        if first is not None:
            self.ensureWidgetVisible(first, 0, 0)

    def clear_markers(self) -> None:
        """Forget selection and current-difference markers."""
        for pane in self.panes:
            pane.text.set_markers(None, set(), set())
            pane.text.set_ranges([])
            pane.update_strip_markers()

    def focus_pane(self, number: int) -> bool:
        """Give keyboard focus to the n-th pane (1-based); False when there is none."""
        if not 1 <= number <= len(self.panes):
            return False
        pane = self.panes[number - 1]
        self.ensureWidgetVisible(pane, 0, 0)
        pane.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _selected(self, pane: ArticlePane, paragraph: int) -> None:
        self.paragraph_selected.emit((pane.article, paragraph))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Refresh the strips once real sizes are known."""
        super().showEvent(event)
        QTimer.singleShot(0, self._refresh_strips)

    def _refresh_strips(self) -> None:
        for pane in self.panes:
            pane.refresh_strip()


def _discard(pane: ArticlePane) -> None:
    """Take a pane out of the splitter now (sizes must not count it), delete it later."""
    pane.setParent(None)
    pane.deleteLater()


def _runs(c: Comparison, article: int) -> dict[int, list[Segment]]:
    """Each paragraph's highlight runs as (start, end) fractions of its length with their kind."""
    out: dict[int, list[Segment]] = {}
    for para in c.articles[article].paragraphs:
        length = max(1, len(para.text))
        out[para.index] = [(r.start / length, r.end / length, r.kind)
                           for r in highlight.paragraph_runs(c, (article, para.index)) if r.kind != highlight.PLAIN]
    return out
