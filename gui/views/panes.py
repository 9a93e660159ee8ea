"""Parallel article panes: one per shown article, side by side, moving as one (scroll_sync), scrolling sideways
when many, with the reference pane pinned at the left meanwhile."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QVBoxLayout, QWidget

from copydesk.core import highlight
from copydesk.core.layout import layout_rows
from copydesk.core.model import Comparison, ParaRef
from copydesk.gui.views.load_placeholder import LoadPlaceholder
from copydesk.gui.views.overview import OverviewStrip, Segment
from copydesk.gui.views.pane_header import PaneHeader
from copydesk.gui.views.pane_render import RenderStyle
from copydesk.gui.views.pane_text import PaneText
from copydesk.gui.views.row_plan import RowPlan, plan_rows
from copydesk.gui.views.run_looks import article_names, paragraph_look
from copydesk.gui.views.scroll_sync import ScrollSync

MIN_PANE_WIDTH = 280
"""A pane's minimum width before the reading font is known (min_pane_width gives it for a font)."""
MIN_PANE_CHARS = 28
STAGGER_FROM = 13
"""Folders of this many versions or more render their panes one per event-loop turn (smaller: all at once)."""
_PROSE = "the quick brown fox jumps over a lazy dog, said Macron "  # average prose letters (as PaneText measures)
_PANE_CHROME = 76  # document margins 2 x 14, block margins 12 + 4, the overview strip 16, slack 16


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
        # the layout grows in steps as Qt lays the text out: one refresh once it settles, not one per step
        self._strip_soon = QTimer(self, singleShot=True, interval=0)
        self._strip_soon.timeout.connect(self.refresh_strip)
        self.text.document().documentLayout().documentSizeChanged.connect(self._strip_soon.start)

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


class PaneArea(QWidget):
    """The panes side by side in a splitter that scrolls sideways when they cannot all fit at their minimum
    width; the reference pane can be pinned at the left meanwhile. Scrolling is row-locked (ScrollSync)."""

    paragraph_selected = Signal(object)  # ParaRef
    pinned_changed = Signal(bool)  # the reference pane was pinned (True) or went back among the others

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaneArea")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)  # the panes that scroll sideways
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.sideways = QScrollArea()
        self.sideways.setWidgetResizable(True)
        self.sideways.setFrameShape(QFrame.Shape.NoFrame)
        self.sideways.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sideways.setWidget(self.splitter)
        self.pin_slot = QWidget()  # holds the reference pane while pinned
        self.pin_slot.setObjectName("PinnedPane")
        pin_column = QVBoxLayout(self.pin_slot)
        pin_column.setContentsMargins(0, 0, 0, 0)
        pin_column.setSpacing(0)
        self._pin_pad = QWidget()  # as tall as the sideways scroll bar, so all panes show the same height
        self._pin_pad.setFixedHeight(0)
        pin_column.addWidget(self._pin_pad)
        self.outer = QSplitter(Qt.Orientation.Horizontal)
        self.outer.setChildrenCollapsible(False)
        self.outer.setHandleWidth(3)  # a visible edge between the pinned pane and those scrolling past it
        self.outer.addWidget(self.pin_slot)
        self.outer.addWidget(self.sideways)
        self.outer.setStretchFactor(1, 1)
        self.pin_slot.hide()
        self.placeholder = LoadPlaceholder()  # in place of the panes while a folder's first comparison runs
        self.placeholder.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.outer)
        column.addWidget(self.placeholder)
        self.panes: list[ArticlePane] = []
        self.comparison: Comparison | None = None
        self.sync = ScrollSync(self)
        self.pinned = False
        self.min_width = MIN_PANE_WIDTH
        self._pin_choice: bool | None = None  # None: pinned exactly when the panes do not all fit
        self._font = QFont()
        self.saved_states: dict[int, QByteArray] = {}  # number of panes -> splitter state the user left
        self.splitter.splitterMoved.connect(self.remember_widths)
        self.sideways.horizontalScrollBar().rangeChanged.connect(self._match_scroll_bar)
        self._loading = False
        self._staggering = False  # a big folder's panes are rendering one per event-loop turn (set_comparison)
        self._superseded = False  # a nested set_comparison ran while they did

    def _breathe(self) -> bool:
        """Let Qt lay out and paint the panes rendered so far, and run its timers, between two panes of a big
        folder (each takes tens of ms; all at once blocked the window for ~150 ms). Input waits until all are in:
        a key acting on half-rendered panes would act on the wrong rows. True when a nested set_comparison ran."""
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return self._superseded

    def set_comparison(self, c: Comparison, style: RenderStyle, columns: Sequence[int], font: QFont) -> None:
        """Show the articles in columns (the reference first), reusing pane widgets and keeping the user's widths."""
        widths = self._widths_by_path()
        order = list(columns)
        # The same rows shown again (a restyle, the checks landing): keep the reading position by row.
        # Raw scroll values would not do: re-rendering drops the fillers that equalize puts back.
        same = (self.comparison is not None and self.panes and self.comparison.groups == c.groups
                and [p.article for p in self.panes] == order)
        kept = self.sync.position(self.panes[0].text) if same else None
        self.comparison, self._font = c, font
        self.min_width = min_pane_width(font)
        reference = order[0] if order else -1
        while len(self.panes) < len(order):
            pane = ArticlePane()
            pane.text.paragraph_selected.connect(lambda p, pane=pane: self._selected(pane, p))
            self.sync.watch(pane.text)
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        while len(self.panes) > len(order):
            _discard(self.panes.pop())
        self._show_placeholder()  # the panes take its place before they render, so they render at their width
        nested = self._staggering  # called from a timer while an outer call breathes: it stops when we are done
        self._superseded = self._superseded or nested
        stagger = len(c.articles) >= STAGGER_FROM and self.isVisible() and not nested
        if stagger:
            self._staggering, self._superseded = True, False
            self.sync.attach(RowPlan(), [])  # the old rows name old blocks: nothing levels or follows meanwhile
        try:
            for i, (pane, article) in enumerate(zip(self.panes, order)):
                if stagger and i and self._breathe():
                    return  # a newer set_comparison ran meanwhile and left everything in place
                pane.setMinimumWidth(self.min_width)
                pane.text.set_reading_font(font)
                pane.show_article(c, article, style, article == reference)
        finally:
            if stagger:
                self._staggering = False
        plan = plan_rows(layout_rows(c, reference, order, unaligned=False),
                         {p.article: list(p.text.rendered.blocks) for p in self.panes})
        self._place()
        paths = [c.articles[a].path for a in order]
        if self.pinned:
            self.splitter.setSizes([1000] * self.splitter.count())
        elif sorted(widths) == sorted(paths):  # same articles (an edit, a restyle): same widths, by article
            self.splitter.setSizes([widths[p] for p in paths])
        elif len(order) in self.saved_states:
            self.splitter.restoreState(self.saved_states[len(order)])
        else:
            self.splitter.setSizes([1000] * len(self.panes))
        self.sync.attach(plan, [(p.article, p.text, dict(p.text.rendered.blocks)) for p in self.panes])
        self._settle()
        self.sync.equalize()
        if self.panes:
            if kept is not None:
                self.sync.scroll_to(self.panes[0].text, *kept)
            self.sync.follow(self.panes[0].text)

    def set_loading(self, on: bool, versions: int = 0) -> None:
        """A comparison started (on) or ended: with no panes to show meanwhile, the placeholder stands in."""
        if on and not self.panes:
            self.placeholder.start(versions)
        self._loading = on
        self._show_placeholder()

    def set_load_progress(self, stage: str, fraction: float) -> None:
        """The load's stage and overall fraction, for the placeholder."""
        self.placeholder.set_progress(stage, fraction)

    def _show_placeholder(self) -> None:
        waiting = self._loading and not self.panes
        self.placeholder.setVisible(waiting)
        self.outer.setVisible(not waiting)

    def clear(self) -> None:
        """Show nothing (the folder could not be compared)."""
        self.remember_widths()
        while self.panes:
            _discard(self.panes.pop())
        self.comparison = None
        self.sync.attach(RowPlan(), [])
        self._place()
        self._show_placeholder()

    def remember_widths(self, *_args) -> None:
        """Keep the splitter state for this number of panes (restored when that many panes show again)."""
        if self.panes and not self.pinned and sum(self.splitter.sizes()) > 0:
            self.saved_states[len(self.panes)] = self.splitter.saveState()

    def _widths_by_path(self) -> dict[str, int]:
        c, sizes = self.comparison, self.splitter.sizes()
        if c is None or sum(sizes) <= 0 or len(sizes) != len(self.panes):
            return {}
        return {c.articles[p.article].path: size for p, size in zip(self.panes, sizes)}

    def set_font(self, font: QFont, keep_group: int | None = None) -> None:
        """Change the reading font (zoom) without re-rendering; keep_group's row (the current difference),
        else the row at the top, stays in view in every pane."""
        views = [p.text for p in self.panes]
        kept = [self.sync.position(v) for v in views]
        row = self.sync.plan.row_of_group(keep_group)
        at = self._row_view_fraction(row)
        self._font = font
        self.min_width = min_pane_width(font)
        for pane in self.panes:
            pane.setMinimumWidth(self.min_width)
            pane.text.set_reading_font(font)
        self._place()
        self._settle()
        self.sync.equalize()
        with self.sync.hold():
            for view, (top_row, fraction) in zip(views, kept):
                top = self.sync.row_top(view, row) if row is not None else None
                if top is not None and at is not None:
                    view.verticalScrollBar().setValue(int(top - at * view.viewport().height()))
                else:
                    self.sync.scroll_to(view, top_row, fraction)
        for pane in self.panes:
            pane.refresh_strip()

    def _row_view_fraction(self, row: int | None) -> float | None:
        """How far down the first pane's view a row starts (0.22 when it is out of view), None without one."""
        if row is None or not self.panes:
            return None
        view = self.panes[0].text
        top = self.sync.row_top(view, row)
        height = max(1, view.viewport().height())
        if top is None:
            return 0.22
        at = (top - view.verticalScrollBar().value()) / height
        return at if 0.0 <= at <= 0.85 else 0.22

    def scroll_to_top(self) -> None:
        """Every pane back at its start (another folder): where the story starts, past leading boilerplate."""
        with self.sync.hold():
            for pane in self.panes:
                pane.text.verticalScrollBar().setValue(0)
        self.sideways.horizontalScrollBar().setValue(0)
        start = self.story_start()
        if start is not None and self.panes:
            # One version's leading page furniture (a mangled URL line, a caption) levels every pane's first
            # row down by its height: the first screen would be mostly blank. Start at the first row with
            # text instead; the furniture stays just above, one scroll away.
            self.sync.scroll_to(self.panes[0].text, start, 0.0)
            self.sync.follow(self.panes[0].text)

    def story_start(self) -> int | None:
        """The first sync row with text in it when everything above it, in every pane, is boilerplate."""
        c, plan = self.comparison, self.sync.plan
        if c is None or not self.panes or not plan.sync:
            return None
        firsts = []
        for pane in self.panes:
            text = [p for p in pane.text.rendered.blocks if not c.paragraph((pane.article, p)).boilerplate]
            row = plan.row_of.get((pane.article, text[0])) if text else None
            if row is None:
                return None
            firsts.append(row)
        start = min(firsts)
        if start not in plan.sync or start == plan.sync[0] and not self._padded_above(start):
            return None
        for pane in self.panes:  # nothing but boilerplate may sit above the start, moved paragraphs included
            y = self.sync.row_top(pane.text, start)
            if y is None or any(not c.paragraph((pane.article, p)).boilerplate
                                for p, top in self._paragraph_tops(pane) if top < y - 0.5):
                return None
        return start

    def _padded_above(self, row: int) -> bool:
        """True when some pane's row starts below its document's top margin (padding sits above it)."""
        margin = self.panes[0].text.document().documentMargin() if self.panes else 0.0
        return any((self.sync.row_top(p.text, row) or 0.0) > margin + 1.0 for p in self.panes)

    @staticmethod
    def _paragraph_tops(pane: ArticlePane) -> list[tuple[int, float]]:
        rects = ((p, pane.text.paragraph_rect(p)) for p in pane.text.rendered.blocks)
        return [(p, r.top()) for p, r in rects if r is not None]

    def set_locked(self, on: bool) -> None:
        """View > Lock Scrolling: the panes scroll together (True) or each on its own."""
        self.sync.set_locked(on)

    def pane_of(self, article: int) -> ArticlePane | None:
        """The pane showing an article."""
        return next((p for p in self.panes if p.article == article), None)

    def show_links(self, ref: ParaRef, linked: dict[int, set[int]]) -> None:
        """Mark ref as selected and its linked paragraphs in the other panes, lined up with ref."""
        source = self.pane_of(ref[0])
        y = source.text.paragraph_y(ref[1]) if source else None
        with self.sync.hold():
            for pane in self.panes:
                _sel, _linked, current = pane.text.marked()
                mine = linked.get(pane.article, set())
                pane.text.set_markers(ref[1] if pane.article == ref[0] else None, mine, current)
                pane.update_strip_markers()
                if pane.article != ref[0] and mine:
                    pane.text.scroll_to_paragraph(min(mine), y if y is not None and y >= 0 else None)

    def show_current(self, refs: tuple[ParaRef, ...], ranges: list[tuple[int, int, int, int]]) -> None:
        """Frame the current difference's paragraphs in all panes and scroll them into view; a pane that
        lacks them scrolls to where their row would be (its filler), level with the others."""
        by_article: dict[int, set[int]] = {}
        for a, p in refs:
            by_article.setdefault(a, set()).add(p)
        row = next((r for r in (self.sync.plan.row_of.get(ref) for ref in refs) if r is not None), None)
        with self.sync.hold():
            for pane in self.panes:
                mine = by_article.get(pane.article, set())
                selected, linked, _current = pane.text.marked()
                pane.text.set_markers(selected, linked, mine)
                pane.text.set_ranges([(p, s, e) for a, p, s, e in ranges if a == pane.article])
                pane.update_strip_markers()
                at = pane.text.viewport().height() * 0.22
                if mine:
                    pane.text.scroll_to_paragraph(min(mine), at)
                elif row is not None and (top := self.sync.row_top(pane.text, row)) is not None:
                    pane.text.verticalScrollBar().setValue(int(top - at))
        first = next((p for p in self.panes if p.article in by_article), None)
        if first is not None:
            self._ensure_visible(first)

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
        self._ensure_visible(pane)
        pane.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    # --- pinning ---------------------------------------------------------------------------------
    def set_pinned(self, on: bool) -> None:
        """View > Pin Reference Pane: keep the reference pane at the left while the others scroll sideways."""
        self._pin_choice = bool(on)
        self._place()

    def _wants_pin(self) -> bool:
        if len(self.panes) < 2:
            return False
        if self._pin_choice is not None:
            return self._pin_choice
        return len(self.panes) * (self.min_width + 1) > self.width()  # +1: the splitter handles

    def _place(self) -> None:
        """Put the reference pane in the pinned slot or back as the splitter's first pane."""
        pinned = self._wants_pin()
        if self.panes:
            lead = self.panes[0]
            layout = self.pin_slot.layout()
            if pinned and lead.parentWidget() is not self.pin_slot and isinstance(layout, QVBoxLayout):
                layout.insertWidget(0, lead, 1)
                self.pin_slot.show()
                share = max(self.min_width, self.width() // len(self.panes))
                self.outer.setSizes([share, max(1, self.width() - share)])
                self.splitter.setSizes([1000] * self.splitter.count())
            elif not pinned and lead.parentWidget() is not self.splitter:
                self.splitter.insertWidget(0, lead)
                self.splitter.setSizes([1000] * self.splitter.count())
        self.pin_slot.setVisible(pinned)
        self.pin_slot.setMinimumWidth(self.min_width if pinned else 0)
        if pinned != self.pinned:
            self.pinned = pinned
            self.pinned_changed.emit(pinned)

    def _settle(self) -> None:
        """Lay the panes out at their new widths now, so rows are levelled once, at the widths shown."""
        if self.isVisible():
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _match_scroll_bar(self, _low: int = 0, high: int = 0) -> None:
        bar = self.sideways.horizontalScrollBar()
        self._pin_pad.setFixedHeight(bar.sizeHint().height() if high > 0 else 0)

    def _ensure_visible(self, pane: ArticlePane) -> None:
        if pane.parentWidget() is not self.pin_slot:
            self.sideways.ensureWidgetVisible(pane, 0, 0)

    def _selected(self, pane: ArticlePane, paragraph: int) -> None:
        self.paragraph_selected.emit((pane.article, paragraph))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Narrower or wider: pin the reference pane exactly when the panes stop (or start) fitting."""
        super().resizeEvent(event)
        if self._pin_choice is None and self._wants_pin() != self.pinned:
            QTimer.singleShot(0, self._place)

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


def min_pane_width(font: QFont) -> int:
    """The narrowest a pane gets: about MIN_PANE_CHARS characters of the reading font, plus margins and strip."""
    per_char = QFontMetricsF(font).horizontalAdvance(_PROSE) / len(_PROSE)
    return round(MIN_PANE_CHARS * per_char + _PANE_CHROME)


def _runs(c: Comparison, article: int) -> dict[int, list[Segment]]:
    """Each paragraph's highlight runs as (start, end) fractions of its length with their kind."""
    out: dict[int, list[Segment]] = {}
    names = article_names(c)
    for para in c.articles[article].paragraphs:
        length = max(1, len(para.text))
        look = paragraph_look(c, (article, para.index), names)  # the runs the pane rendered (warmed ahead)
        out[para.index] = [(r.start / length, r.end / length, r.kind) for r, _tip in look if r.kind != highlight.PLAIN]
    return out
