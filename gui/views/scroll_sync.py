"""The parallel panes move as one: rows start at the same height in every pane, and scrolling follows.

Design (each pane keeps its article's own reading order; gui/views/row_plan.py says where fillers go
and which rows are "sync rows", the rows every pane holds, as text or filler, in layout order):

- Fillers are not text: the document holds exactly the article (copying, finding and offsets are
  unchanged). A filler is room in the margin above the paragraph it precedes (the bottom margin of the
  block before it; above the first block and below the last, the root frame's margin, since Qt drops
  those two block margins), FILLER_HEIGHT tall, hatched by PaneText.paint_fillers.
- equalize() pads the panes after every layout change (render, a width change, zoom): before each sync
  row (and the end) goes the room that makes it start at the same document height in every pane. The
  stretch from one sync row to the next (the row, plus a moved paragraph or unaligned boilerplate that
  sits there) is as tall as the tallest pane's; a filler standing for a sync row grows to the height
  of that row's text in the other panes.
- Scrolling one pane (wheel, keys, the overview strip) maps the top of its view to (sync row, fraction
  of the stretch down to the next sync row) and puts every other pane at the same row and fraction.
  With the padding that is the same scroll value; the mapping stays right while heights differ.
- Moved paragraphs are the exception: they are no sync row, so showing one (the current difference)
  scrolls each pane to its own place of that row (text or filler) instead (PaneArea.show_current).

Margins are taken to add to a block's height one for one (true unless a printer's resolution is set);
equalize() measures after padding and corrects the rest, a few rounds at most. The frame's margins are
whole pixels, so the documents' ends level to within a pixel; the rows level exactly.
"""

from __future__ import annotations

import bisect
import math
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QResizeEvent, QTextCursor

from copydesk.gui.views.pane_text import PaneText
from copydesk.gui.views.row_plan import AT_END, RowPlan

START, END = -1, -2
"""Stops standing for the top and the end of a document (rows are >= 0)."""
FILLER_HEIGHT = 18.0
"""A filler's own height: a thin hatched band and the gap below it."""
FILLER_GAP = 8.0
"""The gap below a filler's hatched band."""

_PRECISION = 0.25  # pixels: stops this close count as level
_ROUNDS = 4


@dataclass
class SyncedPane:
    """One pane as ScrollSync sees it."""

    article: int
    view: PaneText
    rows: dict[int, int]  # row shown as text -> block number of its first paragraph
    fillers: dict[int, list[int]]  # block number (END: after the last block) -> rows of the fillers above it
    pads: dict[int, float] = field(default_factory=dict)  # stop (row or END) -> room above it that levels it
    rooms: dict[int, float] = field(default_factory=dict)  # block (END: below the last) -> margin added


class ScrollSync(QObject):
    """Pads the panes so sync rows line up, and scrolls the others when one scrolls (while locked)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locked = True
        self.plan = RowPlan()
        self.panes: list[SyncedPane] = []
        self._held = 0
        self._widths: dict[int, int] = {}  # id(viewport) -> width last laid out at
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.equalize)

    # --- wiring ----------------------------------------------------------------------------------
    def watch(self, view: PaneText) -> None:
        """Follow this view's scrolling and width (once per view, when its pane is made)."""
        view.verticalScrollBar().valueChanged.connect(lambda _value, view=view: self.follow(view))
        view.viewport().installEventFilter(self)
        view.document().setUndoRedoEnabled(False)  # read-only text: margins changed here need no undo

    def attach(self, plan: RowPlan, views: list[tuple[int, PaneText, dict[int, int]]]) -> None:
        """Newly rendered panes: (article, view, paragraph -> block number) in pane order."""
        self.plan, self.panes = plan, []
        for article, view, blocks in views:
            rows = {row: blocks[p] for row, p in plan.first.get(article, {}).items() if p in blocks}
            fillers: dict[int, list[int]] = {}
            for paragraph, filler_rows in plan.fillers.get(article, {}).items():
                number = END if paragraph == AT_END else blocks.get(paragraph)
                if number is not None:
                    fillers.setdefault(number, []).extend(filler_rows)
            self.panes.append(SyncedPane(article, view, rows, fillers))
            _frame_margins(view, 0.0, 0.0)

    def set_locked(self, on: bool) -> None:
        """Lock or unlock scrolling; locking lines the others up with the first pane."""
        self.locked = bool(on)
        if self.locked and self.panes:
            self.follow(self.panes[0].view)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Scroll views programmatically without the others following."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """A pane's viewport got wider or narrower: its lines wrap anew, so pad again (soon, once)."""
        if isinstance(event, QResizeEvent) and self._widths.get(id(watched)) != event.size().width():
            self._widths[id(watched)] = event.size().width()
            self._timer.start()
        return False

    # --- positions -------------------------------------------------------------------------------
    def row_top(self, view: PaneText, row: int) -> float | None:
        """Document y where a row starts in a view: its text, or its filler; None when it has neither."""
        pane = self._pane(view)
        if pane is None:
            return None
        if row in pane.rows:
            return self._block_top(pane, pane.rows[row])
        for number, rows in pane.fillers.items():
            if row in rows:
                return self._filler_tops(pane, number)[rows.index(row)]
        return None

    def stops(self, view: PaneText) -> list[tuple[float, int]]:
        """(document y, stop) of the document's top, each sync row and the document's end, top to bottom."""
        out = [(0.0, START)]
        for row in self.plan.sync:
            y = self.row_top(view, row)
            if y is not None:
                out.append((y, row))
        out.append((self._doc_height(view), END))
        return out

    def position(self, view: PaneText) -> tuple[int, float]:
        """(sync row, fraction of the way to the next one) at the top of the view; START before the first."""
        stops = self.stops(view)
        ys = [y for y, _row in stops]
        y = float(view.verticalScrollBar().value())
        i = max(0, min(len(stops) - 2, bisect.bisect_right(ys, y) - 1))
        span = ys[i + 1] - ys[i]
        return stops[i][1], (y - ys[i]) / span if span > 0 else 0.0

    def y_of(self, view: PaneText, row: int, fraction: float) -> float | None:
        """Document y of (sync row, fraction) in a view, or None when the view has no such row."""
        stops = self.stops(view)
        i = next((k for k, (_y, r) in enumerate(stops) if r == row), None)
        if i is None:
            return None
        if i == len(stops) - 1:
            return stops[i][0]
        return stops[i][0] + fraction * (stops[i + 1][0] - stops[i][0])

    def scroll_to(self, view: PaneText, row: int, fraction: float) -> None:
        """Put (sync row, fraction) at the top of a view."""
        y = self.y_of(view, row, fraction)
        if y is not None:
            view.verticalScrollBar().setValue(round(y))

    def filler_bands(self, view: PaneText) -> list[tuple[float, float]]:
        """(top, bottom) document y of each filler in a view, to hatch."""
        pane = self._pane(view)
        if pane is None:
            return []
        bands = []
        for number, rows in pane.fillers.items():
            tops = self._filler_tops(pane, number)
            ends = tops[1:] + [self._block_top(pane, number) if number != END else self._end_top(pane)]
            bands += [(top, max(top + FILLER_HEIGHT - FILLER_GAP, end - FILLER_GAP)) for top, end in zip(tops, ends)]
        return bands

    # --- following -------------------------------------------------------------------------------
    def follow(self, source: PaneText) -> None:
        """source scrolled: put every other pane at the same row and fraction (when locked)."""
        if not self.locked or self._held or self._pane(source) is None:
            return
        row, fraction = self.position(source)
        with self.hold():
            for pane in self.panes:
                if pane.view is not source:
                    self.scroll_to(pane.view, row, fraction)

    # --- padding ---------------------------------------------------------------------------------
    def equalize(self) -> None:
        """Pad the panes so every sync row, and the end, sits at the same height in all of them."""
        self._timer.stop()
        if not self.panes:
            return
        with self.hold():
            kept = [self.position(pane.view) for pane in self.panes]
            for pane in self.panes:
                pane.pads = {}
                self._apply(pane)
            for _round in range(_ROUNDS):
                tops = [[y for y, _stop in self.stops(pane.view)] for pane in self.panes]
                if len({len(t) for t in tops}) != 1:
                    break  # a pane without some sync row: nothing sensible to level
                lengths = [[t[i + 1] - t[i] for i in range(len(t) - 1)] for t in tops]
                slots = [max(column) for column in zip(*lengths)]
                # where each stop belongs: every stretch as tall as the tallest pane's (cumulative, so no drift)
                targets = [0.0]
                for slot in slots:
                    targets.append(targets[-1] + slot)
                # (the end is the frame's margin: whole pixels, so it levels to within one)
                if all(abs(target - top) < _PRECISION for t in tops for target, top in zip(targets[:-1], t)) \
                        and all(abs(targets[-1] - t[-1]) < 1.0 for t in tops):
                    break
                following = [*self.plan.sync, END]  # stretch i ends at this stop
                for pane, own in zip(self.panes, lengths):
                    for stop, slot, length in zip(following, slots, own):
                        if slot - length > 1e-3:
                            pane.pads[stop] = pane.pads.get(stop, 0.0) + slot - length
                    self._apply(pane)
            for pane, (row, fraction) in zip(self.panes, kept):
                pane.view.set_fillers(self.filler_bands(pane.view))
                self.scroll_to(pane.view, row, fraction)

    def _rooms(self, pane: SyncedPane) -> dict[int, float]:
        """Margin to add above each block (END: below the last): its fillers and the pads of the stops there."""
        rooms: dict[int, float] = {}
        for number, rows in pane.fillers.items():
            rooms[number] = sum(FILLER_HEIGHT + pane.pads.get(row, 0.0) for row in rows)
        for stop, pad in pane.pads.items():  # a stop shown as a filler has its pad in its filler's sum
            block = END if stop == END else pane.rows.get(stop)
            if block is not None:
                rooms[block] = rooms.get(block, 0.0) + pad
        for frame_side in (0, END):  # the root frame's margins are whole pixels: round up, never lose room
            if frame_side in rooms:
                rooms[frame_side] = float(math.ceil(rooms[frame_side] - 1e-3))
        return {n: r for n, r in rooms.items() if r > 0}

    def _apply(self, pane: SyncedPane) -> None:
        """Set the margins to the pane's rooms, taking back what was added before."""
        rooms, old = self._rooms(pane), pane.rooms
        if rooms == old:
            return
        doc = pane.view.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        # Qt drops the first block's top margin and the last one's bottom margin: those rooms go to the frame.
        _frame_margins(pane.view, rooms.get(0, 0.0), rooms.get(END, 0.0))
        for number in set(old) | set(rooms):
            delta = rooms.get(number, 0.0) - old.get(number, 0.0)
            block = doc.findBlockByNumber(number - 1)
            if not delta or number in (0, END) or not block.isValid():
                continue
            fmt = block.blockFormat()  # the room above a block is the bottom margin of the one before it
            fmt.setBottomMargin(max(0.0, fmt.bottomMargin() + delta))
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        cursor.endEditBlock()
        pane.rooms = rooms

    def _filler_tops(self, pane: SyncedPane, number: int) -> list[float]:
        """Tops of the fillers above a block (END: below the last), stacked down from where the room starts."""
        rows = pane.fillers.get(number, [])
        below = self._block_top(pane, number) if number != END else self._end_top(pane)
        y = below - pane.rooms.get(number, 0.0)
        tops = []
        for row in rows:
            y += pane.pads.get(row, 0.0)
            tops.append(y)
            y += FILLER_HEIGHT
        return tops

    def _block_top(self, pane: SyncedPane, number: int) -> float:
        doc = pane.view.document()
        return doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(number)).top()

    def _end_top(self, pane: SyncedPane) -> float:
        """Where the room below the last block ends: the document's end less its margin."""
        return self._doc_height(pane.view) - pane.view.document().documentMargin()

    def _doc_height(self, view: PaneText) -> float:
        return view.document().documentLayout().documentSize().height()

    def _pane(self, view: PaneText) -> SyncedPane | None:
        return next((p for p in self.panes if p.view is view), None)


def _frame_margins(view: PaneText, above: float, below: float) -> None:
    """Room above the first block and below the last one: the root frame's margins beyond the usual."""
    frame = view.document().rootFrame()
    fmt = frame.frameFormat()
    margin = view.document().documentMargin()
    if (fmt.topMargin(), fmt.bottomMargin()) != (margin + above, margin + below):
        fmt.setTopMargin(margin + above)
        fmt.setBottomMargin(margin + below)
        frame.setFrameFormat(fmt)
