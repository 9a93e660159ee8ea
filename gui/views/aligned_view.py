"""Aligned-rows mode: one row per paragraph group, one column per article, reference article first."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QFont, QPainter, QPaintEvent, QTextBlockFormat, QTextCharFormat,
                           QTextCursor, QTextFrameFormat, QTextLength, QTextTable, QTextTableFormat)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from copydesk.core.layout import layout_rows
from copydesk.core.model import Comparison, ParaRef
from copydesk.gui import palette
from copydesk.gui.views.overview import MarkLook, badge_rect, paint_visible_badges
from copydesk.gui.views.grid_header import GridHeader
from copydesk.gui.views.lazy_tip import text_tooltip
from copydesk.gui.views.pane_render import RenderStyle, article_names, insert_paragraph
from copydesk.gui.text_offsets import OffsetMap

_REF_BASE = 1_000_000  # block user state = article * _REF_BASE + paragraph (a block holds one int)


_CELL_BLOCK = QTextBlockFormat()
_CELL_BLOCK.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
_CELL_BLOCK.setBottomMargin(6)


class AlignedView(QTextEdit):
    """The grid as one rich-text table (text inserted span by span, never as markup)."""

    paragraph_selected = Signal(object)  # ParaRef

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlignedView")
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table: QTextTable | None = None
        self.rows: dict[int, int] = {}  # group -> table row
        self.columns: dict[int, int] = {}  # article -> table column
        self._style = RenderStyle(palette.scheme("default"))
        self._marked: tuple[set[int], set[int]] = (set(), set())  # (linked groups, current groups)
        self._blocks: dict[ParaRef, tuple[int, OffsetMap]] = {}  # paragraph -> (block number, offsets)
        self._found: list[tuple[int, int]] = []  # document ranges of find matches
        self._ranges: list[tuple[int, int]] = []  # document ranges of the current change or finding
        self._review: dict[int, MarkLook] = {}  # group -> the review badge of its difference
        self._quiet = False
        self._titles: list[str] = []  # column titles, as in the table's header row
        self.header = GridHeader(self)  # the titles again, over the view, once that row scrolls away
        self._comparison: Comparison | None = None
        self.cursorPositionChanged.connect(self._cursor_moved)
        self.verticalScrollBar().valueChanged.connect(self._place_header)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """Tooltips of the text under the mouse, composed only now (a reworded run's lines need a word diff)."""
        return text_tooltip(self, self._comparison, event) or super().viewportEvent(event)

    def show_comparison(self, c: Comparison, style: RenderStyle, reference: int, font: QFont,
                        included: Sequence[int] | None = None) -> None:
        """Build the grid for the included articles (None = all), rows in the reference's order."""
        self._style, self._quiet = style, True
        self._comparison = c  # for tooltips composed on hover
        self.table, self._titles = None, []  # the old table dies with clear(): nothing may reach it meanwhile
        doc = self.document()
        doc.clear()
        doc.setDefaultFont(font)
        layout = layout_rows(c, reference, included, unaligned=style.show_boilerplate)
        order = layout.columns
        self.columns = {a: i for i, a in enumerate(order)}
        self.rows = {row.group: i + 1 for i, row in enumerate(layout.rows) if row.group is not None}
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(1)
        fmt.setBorderCollapse(True)
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(QBrush(QColor(128, 128, 128, 70)))
        fmt.setCellPadding(8)
        fmt.setCellSpacing(0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 100 / len(order))] * len(order))
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        self.table = cursor.insertTable(len(layout.rows) + 1, len(order), fmt)
        names = article_names(c)
        offsets: dict[ParaRef, OffsetMap] = {}
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.DemiBold)
        self._titles = [names[a] + ("  (reference)" if a == reference else "") for a in order]
        for col, title in enumerate(self._titles):
            self.table.cellAt(0, col).firstCursorPosition().insertText(title, head)
        for r, row in enumerate(layout.rows, start=1):
            for a, p in row.refs():
                cell = self.table.cellAt(r, self.columns[a]).lastCursorPosition()
                if cell.block().length() > 1:
                    cell.insertBlock()
                cell.setBlockFormat(_CELL_BLOCK)
                cell.block().setUserState(a * _REF_BASE + p)
                offsets[(a, p)] = insert_paragraph(cell, c, (a, p), style, names)
        cursor.endEditBlock()
        self._quiet = False
        self._marked = (set(), set())
        self._found, self._ranges = [], []
        self._blocks = {}
        block = doc.begin()
        while block.isValid():  # block numbers are final only once every cell is filled
            ref = divmod(block.userState(), _REF_BASE) if block.userState() >= 0 else None
            if ref in offsets:
                self._blocks[ref] = (block.blockNumber(), offsets[ref])
            block = block.next()
        self._place_header()

    def clear_grid(self) -> None:
        """Show nothing (the folder could not be compared)."""
        self._quiet = True
        self.table, self._titles = None, []
        self.document().clear()
        self._quiet = False
        self.table, self.rows, self.columns, self._blocks = None, {}, {}, {}
        self._marked, self._found, self._ranges = (set(), set()), [], []
        self.setExtraSelections([])
        self._titles = []
        self._place_header()

    def set_reading_font(self, font: QFont, keep_group: int | None = None) -> None:
        """Zoom: the prose font; keep_group's row (the current difference), else the text at the top, stays put."""
        bar, height = self.verticalScrollBar(), max(1, self.viewport().height())
        row = self.rows.get(keep_group) if keep_group is not None else None
        if row is not None and self.table is not None:
            at = self.cursorRect(self.table.cellAt(row, 0).firstCursorPosition()).top() / height
            self.document().setDefaultFont(font)
            top = self.cursorRect(self.table.cellAt(row, 0).firstCursorPosition()).top()
            bar.setValue(int(bar.value() + top - (at if 0.0 <= at <= 0.85 else 0.2) * height))
        else:
            position = self.cursorForPosition(QPoint(0, 0)).position()
            self.document().setDefaultFont(font)
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            bar.setValue(bar.value() + self.cursorRect(cursor).top())
        self._place_header()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Columns change width with the view: so do the header's."""
        super().resizeEvent(event)
        self._place_header()

    def _place_header(self, *_args) -> None:
        """Lay the header strip over the viewport's top while the table's own header row is out of view."""
        header = self.header
        if self.table is None or not self._titles:
            header.hide()
            return
        lefts = [float(self.cursorRect(self.table.cellAt(0, col).firstCursorPosition()).left())
                 for col in range(self.table.columns())]
        viewport = self.viewport().geometry()
        rights = lefts[1:] + [float(viewport.width())]
        pad = 2 * GridHeader.PADDING
        header.set_columns([(x, max(0.0, right - x - pad), title)
                            for x, right, title in zip(lefts, rights, self._titles)])
        header.setGeometry(viewport.x(), viewport.y(), viewport.width(), header.preferred_height())
        # The table's own header row is the document's top: once any of it has scrolled away, show the strip.
        header.setVisible(self.verticalScrollBar().value() > 0)
        header.raise_()

    def show_groups(self, linked: set[int], current: set[int]) -> None:
        """Tint the rows of the selection and frame the current difference's row."""
        if self.table is None:
            return
        old = self._marked[0] | self._marked[1]
        self._marked = (set(linked), set(current))
        for g in old | linked | current:
            row = self.rows.get(g)
            if row is None:
                continue
            colour = QColor(self._style.scheme.current if g in current else self._style.scheme.linked)
            colour.setAlphaF(0.14 if g in current else 0.08)
            for col in range(self.table.columns()):
                cell = self.table.cellAt(row, col)
                cf = cell.format().toTableCellFormat()
                cf.setBackground(QBrush(colour) if g in current or g in linked else QBrush(Qt.BrushStyle.NoBrush))
                cell.setFormat(cf)
        target = next(iter(sorted(current or linked)), None)
        if target is not None and target in self.rows:
            self._scroll_to_row(self.rows[target])

    def set_review_marks(self, badges: dict[int, MarkLook]) -> None:
        """The review badge of each row (by group) whose difference is marked, painted at the row's end."""
        if badges != self._review:
            self._review = dict(badges)
            self.viewport().update()

    def review_badge_rect(self, group: int) -> QRectF | None:
        """Where a row's review badge is painted (viewport coordinates): bottom right, in the cell padding."""
        look, row = self._review.get(group), self.rows.get(group)
        if look is None or row is None or self.table is None:
            return None
        frame = self.document().documentLayout().frameBoundingRect(self.table)
        offset = self.verticalScrollBar().value()
        bottom: float
        if row + 1 < self.table.rows():  # the row ends where the next one's first cell starts, less its padding
            bottom = self.cursorRect(self.table.cellAt(row + 1, 0).firstCursorPosition()).top() - 9
        else:
            bottom = frame.bottom() - offset - 1
        return badge_rect(look, frame.right() - 4, bottom - 10)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Paint the grid, then the review badges over it."""
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        self.paint_review_badges(painter)
        painter.end()

    def paint_review_badges(self, painter: QPainter) -> None:
        """A small tag at the end of each reviewed (or noted) row: its verdict, a tick, a note icon."""
        paint_visible_badges(painter, self, self._review, self.review_badge_rect, self._style.dark)

    def set_found(self, ranges: list[tuple[int, int]]) -> None:
        """Tint find matches."""
        self._found = list(ranges)
        self._apply_extra()

    def position(self, ref: ParaRef, offset: int = 0) -> int | None:
        """Document position (UTF-16) of a code-point offset inside a paragraph, or None if not in the grid."""
        if ref not in self._blocks:
            return None
        number, offsets = self._blocks[ref]
        return self.document().findBlockByNumber(number).position() + offsets.to_utf16(offset)

    def show_ranges(self, ranges: list[tuple[int, int, int, int]]) -> None:
        """Tint (article, paragraph, start, end) ranges, e.g. F4's change or a finding, and scroll to the first."""
        self._ranges = []
        for a, p, start, end in ranges:
            first, last = self.position((a, p), start), self.position((a, p), end)
            if first is not None and last is not None:
                self._ranges.append((first, last))
        self._apply_extra()
        if self._ranges:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._ranges[0][0])
            rect = self.cursorRect(cursor)
            if rect.top() < 0 or rect.bottom() > self.viewport().height() * 0.8:
                bar = self.verticalScrollBar()
                bar.setValue(int(bar.value() + rect.top() - self.viewport().height() * 0.25))

    def ranges(self) -> list[tuple[int, int]]:
        """Document ranges tinted by show_ranges (for tests)."""
        return list(self._ranges)

    def _apply_extra(self) -> None:
        extras = []
        tints = ((self._found, "#F0E442", 0.75), (self._ranges, self._style.scheme.current, 0.35))
        for positions, colour, alpha in tints:
            for start, end in positions:
                sel = QTextEdit.ExtraSelection()
                cur = QTextCursor(self.document())
                cur.setPosition(start)
                cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cur
                sel.format.setBackground(palette.tint(colour, alpha))
                extras.append(sel)
        self.setExtraSelections(extras)

    def ref_at_cursor(self) -> ParaRef | None:
        """The paragraph under the text cursor."""
        state = self.textCursor().block().userState()
        return divmod(state, _REF_BASE) if state >= 0 else None

    def _scroll_to_row(self, row: int) -> None:
        if self.table is None:
            return
        cursor = self.table.cellAt(row, 0).firstCursorPosition()
        rect = self.cursorRect(cursor)
        if rect.top() < 0 or rect.bottom() > self.viewport().height() * 0.8:
            bar = self.verticalScrollBar()
            bar.setValue(int(bar.value() + rect.top() - self.viewport().height() * 0.2))

    def _cursor_moved(self) -> None:
        if not self._quiet and (ref := self.ref_at_cursor()) is not None:
            self.paragraph_selected.emit(ref)
