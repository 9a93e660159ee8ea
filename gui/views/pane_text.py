"""The text view of one article: read-only prose with paragraph markers painted in the margin."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QTextCharFormat,
                           QTextCursor, QTextLine)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from copydesk.core.model import Comparison
from copydesk.gui import palette
from copydesk.gui.views.overview import MarkLook, Segment, badge_rect, paint_visible_badges
from copydesk.gui.views.lazy_tip import text_tooltip
from copydesk.gui.views.pane_render import RenderedArticle, RenderStyle, render_article


class PaneText(QTextEdit):
    """An article's text; reports the paragraph under the cursor and paints linked/current markers."""

    paragraph_selected = Signal(int)  # paragraph index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the overview strip scrolls
        self.document().setDocumentMargin(14)
        self.rendered = RenderedArticle(-1)
        self._style = RenderStyle(palette.scheme("default"))
        self._linked: set[int] = set()
        self._selected: int | None = None
        self._current: set[int] = set()
        self._ranges: list[tuple[int, int, int]] = []  # (paragraph, start, end) code points
        self._found: list[tuple[int, int]] = []  # document positions of find matches
        self._review: dict[int, MarkLook] = {}  # paragraph -> the review badge of its difference
        self._quiet = False
        self._fillers: list[tuple[float, float]] = []  # (top, bottom) document y of rows this article lacks
        self._comparison: Comparison | None = None
        self.cursorPositionChanged.connect(self._cursor_moved)

    # --- content -------------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """Tooltips of the text under the mouse, composed only now (a reworded run's lines need a word diff)."""
        return text_tooltip(self, self._comparison, event) or super().viewportEvent(event)

    def show_article(self, c: Comparison, article: int, style: RenderStyle) -> None:
        """Render the article (keeps the scroll position when re-rendering the same article)."""
        keep = self.verticalScrollBar().value() if article == self.rendered.article else 0
        self._style = style
        self._quiet = True
        self._fillers = []
        self.rendered = render_article(self.document(), c, article, style)
        self._comparison = c  # for tooltips composed on hover
        self._quiet = False
        self._ranges, self._found = [], []
        self._apply_extra()
        self.verticalScrollBar().setValue(keep)

    def paragraph_at_cursor(self) -> int | None:
        """Paragraph index of the block holding the text cursor."""
        state = self.textCursor().block().userState()
        return state if state >= 0 else None

    # --- markers -------------------------------------------------------------------------------
    def set_markers(self, selected: int | None, linked: set[int], current: set[int]) -> None:
        """Paragraphs to mark: the one selected here, those linked to a selection, the current difference."""
        self._selected, self._linked, self._current = selected, set(linked), set(current)
        self.viewport().update()

    def set_ranges(self, ranges: list[tuple[int, int, int]]) -> None:
        """Character ranges (paragraph, start, end) to frame, e.g. the current inline change or a finding."""
        self._ranges = list(ranges)
        self._apply_extra()

    def set_found(self, positions: list[tuple[int, int]]) -> None:
        """Document ranges of find matches to tint."""
        self._found = list(positions)
        self._apply_extra()

    def marked(self) -> tuple[int | None, set[int], set[int]]:
        """(selected, linked, current) paragraph markers, for tests and the overview."""
        return self._selected, set(self._linked), set(self._current)

    def set_review_marks(self, badges: dict[int, MarkLook]) -> None:
        """The review badge of each paragraph whose difference is marked (painted below its last line)."""
        if badges != self._review:
            self._review = dict(badges)
            self.viewport().update()

    def review_badge_rect(self, paragraph: int) -> QRectF | None:
        """Where the paragraph's review badge is painted (viewport coordinates), or None without one."""
        look, rect = self._review.get(paragraph), self.paragraph_rect(paragraph)
        if look is None or rect is None:
            return None
        # Right-aligned with the text column, in the gap below the last line: it never covers words.
        bottom = rect.bottom() - self.verticalScrollBar().value()
        return badge_rect(look, self.text_width() - 14, bottom + 8)

    def paragraph_fraction(self, paragraph: int) -> float | None:
        """The paragraph's vertical centre as a fraction of the document height (for the overview strip)."""
        rect = self.paragraph_rect(paragraph)
        height = self.document().documentLayout().documentSize().height()
        return None if rect is None or height <= 0 else rect.center().y() / height

    def select_paragraph(self, paragraph: int, emit: bool = True) -> None:
        """Move the text cursor to the start of a paragraph."""
        pos = self.rendered.position(self.document(), paragraph)
        if pos is None:
            return
        self._quiet = not emit
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        self.setTextCursor(cursor)
        self._quiet = False
        if emit:
            self.paragraph_selected.emit(paragraph)

    # --- geometry ------------------------------------------------------------------------------
    def paragraph_rect(self, paragraph: int) -> QRectF | None:
        """The paragraph's rectangle in document coordinates."""
        number = self.rendered.blocks.get(paragraph)
        if number is None:
            return None
        block = self.document().findBlockByNumber(number)
        return self.document().documentLayout().blockBoundingRect(block)

    def paragraph_y(self, paragraph: int) -> float | None:
        """Top of the paragraph in viewport coordinates."""
        rect = self.paragraph_rect(paragraph)
        return None if rect is None else rect.top() - self.verticalScrollBar().value()

    def scroll_to_paragraph(self, paragraph: int, viewport_y: float | None = None) -> None:
        """Scroll so the paragraph's top sits at viewport_y (default: a quarter down), unless it is in view."""
        rect = self.paragraph_rect(paragraph)
        if rect is None:
            return
        bar = self.verticalScrollBar()
        if viewport_y is None:
            top, bottom = rect.top() - bar.value(), rect.bottom() - bar.value()
            if top >= 0 and bottom <= self.viewport().height():
                return
            viewport_y = self.viewport().height() * 0.22
        bar.setValue(int(rect.top() - viewport_y))

    def scroll_to_position(self, position: int) -> None:
        """Make a document position visible, a quarter down the view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar = self.verticalScrollBar()
            bar.setValue(int(bar.value() + rect.top() - self.viewport().height() * 0.25))

    def overview_blocks(self, runs: dict[int, list[Segment]]) -> list[tuple[float, float, list[Segment]]]:
        """Paragraph positions as fractions of the document height, with their runs, for the strip."""
        layout = self.document().documentLayout()
        height = max(1.0, layout.documentSize().height())
        out = []
        for paragraph, number in self.rendered.blocks.items():
            rect = layout.blockBoundingRect(self.document().findBlockByNumber(number))
            out.append((rect.top() / height, rect.bottom() / height, runs.get(paragraph, [])))
        return out

    # --- layout --------------------------------------------------------------------------------
    MEASURE_CHARS = 75  # comfortable line length; wider panes keep the column and leave space on the right
    _SAMPLE = "the quick brown fox jumps over a lazy dog, said Macron "

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Cap the line length so prose stays readable in wide panes."""
        super().resizeEvent(event)
        self._apply_measure()

    def set_reading_font(self, font: QFont) -> None:
        """The prose font (zoom changes it); keeps the line-length cap in step."""
        self.document().setDefaultFont(font)
        self._apply_measure()

    def _apply_measure(self) -> None:
        per_char = QFontMetricsF(self.document().defaultFont()).horizontalAdvance(self._SAMPLE) / len(self._SAMPLE)
        measure = per_char * self.MEASURE_CHARS + 2 * self.document().documentMargin() + 16
        if self.viewport().width() > measure:
            self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
            self.setLineWrapColumnOrWidth(int(measure))
        else:
            self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

    def text_width(self) -> float:
        """Width of the text column in the viewport."""
        width = self.viewport().width()
        if self.lineWrapMode() == QTextEdit.LineWrapMode.FixedPixelWidth:
            width = min(width, self.lineWrapColumnOrWidth())
        return width

    # --- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Paint the text, then the margin bars and the current-difference frame over it."""
        super().paintEvent(event)
        sch = self._style.scheme
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = self.verticalScrollBar().value()
        width = self.text_width()
        self.paint_fillers(painter, offset, width)
        marked = set(self._linked) | set(self._current) | ({self._selected} if self._selected is not None else set())
        for paragraph in sorted(marked):
            rect = self.paragraph_rect(paragraph)
            if rect is None:
                continue
            top, bottom = rect.top() - offset - 3, rect.bottom() - offset - 4
            if bottom < 0 or top > self.viewport().height():
                continue
            if paragraph in self._current:
                painter.setPen(QPen(self.current_frame_colour(paragraph), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(8, top, width - 14, bottom - top), 5, 5)
                painter.fillRect(QRectF(2, top, 5, bottom - top), QColor(sch.current))
            elif paragraph == self._selected or paragraph in self._linked:
                colour = QColor(sch.linked)
                colour.setAlphaF(1.0 if paragraph == self._selected else 0.75)
                painter.fillRect(QRectF(3, top, 4 if paragraph == self._selected else 3, bottom - top), colour)
        self.paint_ranges(painter)
        self.paint_review_badges(painter)
        painter.end()

    def current_frame_colour(self, paragraph: int) -> QColor:
        """The current paragraph's frame: full strength, or faint while a range inside it is framed (F4)."""
        colour = QColor(self._style.scheme.current)
        if any(p == paragraph for p, _start, _end in self._ranges):
            colour.setAlphaF(0.3)  # the changed words carry the strong frame; the paragraph only says where
        return colour

    def paint_ranges(self, painter: QPainter) -> None:
        """Frame the framed character ranges (the F4 change, a finding's words), line by line."""
        painter.setPen(QPen(QColor(self._style.scheme.current), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.range_rects():
            painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)

    def range_rects(self) -> list[QRectF]:
        """Viewport rectangles of the framed ranges, one per line each range runs over."""
        doc, offset = self.document(), self.verticalScrollBar().value()
        out: list[QRectF] = []
        for start, end in self._range_positions():
            block = doc.findBlock(start)
            layout, base = block.layout(), block.position()
            origin = layout.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                a = max(start - base, line.textStart())
                b = min(end - base, line.textStart() + line.textLength())
                if a < b:
                    x1, x2 = _x_at(line, a), _x_at(line, b)
                    out.append(QRectF(origin.x() + min(x1, x2), origin.y() + line.y() - offset, abs(x2 - x1),
                                      line.ascent() + line.descent()))
        return out

    def paint_review_badges(self, painter: QPainter) -> None:
        """A small tag below each reviewed (or noted) paragraph: its verdict, a tick, a note icon."""
        paint_visible_badges(painter, self, self._review, self.review_badge_rect, self._style.dark)

    def set_fillers(self, bands: list[tuple[float, float]]) -> None:
        """Where rows this article lacks would be: (top, bottom) in document y (gui/views/scroll_sync.py)."""
        if bands != self._fillers:
            self._fillers = list(bands)
            self.viewport().update()

    def fillers(self) -> list[tuple[float, float]]:
        """The filler bands (for tests)."""
        return list(self._fillers)

    def paint_fillers(self, painter: QPainter, offset: int, width: float) -> None:
        """Hatch the place of each row this article lacks (the space is made by scroll_sync's margins)."""
        ink = self.palette().color(self.foregroundRole())
        hatch, edge = QColor(ink), QColor(ink)
        hatch.setAlphaF(0.16)
        edge.setAlphaF(0.32)
        height = self.viewport().height()
        for top, bottom in self._fillers:
            top, bottom = top - offset, bottom - offset
            if bottom < 0 or top > height:
                continue
            band = QRectF(12, top, width - 18, bottom - top)
            painter.setPen(QPen(edge, 1, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(band, 3, 3)

    def _apply_extra(self) -> None:
        extras = []
        doc = self.document()
        for positions, colour, alpha in ((self._found, "#F0E442", 0.9),
                                         (self._range_positions(), self._style.scheme.current, 0.35)):
            for start, end in positions:
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(doc)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor
                fmt = QTextCharFormat()
                fmt.setBackground(palette.tint(colour, alpha))
                if positions is self._found:
                    fmt.setForeground(QColor("#111111"))  # readable on yellow in both themes
                sel.format = fmt
                extras.append(sel)
        self.setExtraSelections(extras)

    def _range_positions(self) -> list[tuple[int, int]]:
        out = []
        for paragraph, start, end in self._ranges:
            a = self.rendered.position(self.document(), paragraph, start)
            b = self.rendered.position(self.document(), paragraph, end)
            if a is not None and b is not None:
                out.append((a, b))
        return out

    def _cursor_moved(self) -> None:
        if self._quiet:
            return
        paragraph = self.paragraph_at_cursor()
        if paragraph is not None and paragraph != self._selected:
            self.paragraph_selected.emit(paragraph)


def _x_at(line: QTextLine, position: int) -> float:
    """x of a cursor position on a line (PySide returns (x, position) from cursorToX)."""
    result = line.cursorToX(position)
    x = result[0] if isinstance(result, tuple) else result
    return float(x) if isinstance(x, (int, float)) else 0.0
