"""Pages cut by hand: items (small laid-out documents) placed top to bottom, split only between lines.

Qt's own pagination splits a table row anywhere and keeps no heading with what follows. Here every
heading, paragraph and side-by-side row is an Item of its own; the paginator keeps a heading with the
item after it, starts an item marked break_below (a stacked article) on a new page only when little of
the page is left, moves a row shorter than a third of a page to the next page rather than split it, and
splits a taller one only where no line of any column is cut, leaving room for "continued" labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPen, QTextDocument

from copydesk.gui.export import style as st

CONTINUED_SPACE = 13.0  # room above a continued piece for its "¶4 continued" labels
MIN_PIECE = 36.0  # never leave less than about two lines of an item at a page foot
KEEP_WITH_NEXT_MIN = 48.0  # a heading needs this much of what follows on its page


@dataclass
class Item:
    """One unit of the flow: a laid-out document and how it may be placed."""

    doc: QTextDocument
    keep_with_next: bool = False  # a heading: never the last thing on a page
    page_break: bool = False  # starts a new page
    break_below: float = 0.0  # starts a new page when less than this share of the page is left (an article's start)
    header: Optional[QTextDocument] = None  # drawn above it at the top of every page it lands on (column heads)
    gap: float = 0.0  # space after it
    before: float = 0.0  # space before it, unless it starts a page
    bookmarks: tuple[tuple[str, int], ...] = ()  # (title, level) entries of the PDF outline that point here
    anchors: tuple = ()  # keys (e.g. paragraph refs) that live in this item, for page look-ups
    continued_labels: bool = False  # a side-by-side row: split pieces say "¶4 continued"
    _height: float = field(default=-1.0, repr=False)

    def __post_init__(self) -> None:
        st.done(self.doc)
        if self.header is not None:
            st.done(self.header)

    @property
    def height(self) -> float:
        """The laid-out height in reference pixels."""
        if self._height < 0:
            self._height = self.doc.size().height()
        return self._height


@dataclass(frozen=True)
class Piece:
    """A slice [top, bottom) of an item placed at y on a page."""

    item: Item
    y: float
    top: float
    bottom: float
    is_header: bool = False


@dataclass
class Page:
    """What one page holds, in placing order."""

    pieces: list[Piece] = field(default_factory=list)

    def has_content(self) -> bool:
        """True once something other than a repeated header is on the page."""
        return any(not p.is_header for p in self.pieces)


def _line_spans(doc: QTextDocument) -> list[tuple[float, float]]:
    """Every text line of the document as (top, bottom), in document coordinates (table cells included)."""
    layout = doc.documentLayout()
    spans = []
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            spans.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
        block = block.next()
    return spans


def safe_cut(doc: QTextDocument, limit: float, spans: Optional[list[tuple[float, float]]] = None) -> float:
    """The lowest y <= limit that cuts no line of any column (it may be 0 when no line fits)."""
    spans = spans if spans is not None else _line_spans(doc)
    cut = limit
    moved = True
    while moved:
        moved = False
        for top, bottom in spans:
            if top < cut - 0.01 and bottom > cut + 0.01:
                cut, moved = top, True
    return cut


def _kept_height(items: list[Item], k: int) -> float:
    """Height an item needs on its page: with a heading, the chain it keeps with and a start of what follows."""
    need, j = items[k].height, k
    while items[j].keep_with_next and j + 1 < len(items) and not items[j + 1].page_break:
        j += 1
        nxt = items[j]
        need += nxt.before + (nxt.height if nxt.keep_with_next else min(nxt.height, KEEP_WITH_NEXT_MIN))
    return need


def paginate(items: list[Item], height: float) -> list[Page]:
    """Place items on pages of the given body height; see the module doc for the rules."""
    pages = [Page()]
    y = 0.0

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = 0.0

    shown: list[Optional[QTextDocument]] = [None]  # the header last drawn on this page

    def start(item: Item) -> None:
        nonlocal y
        if not pages[-1].pieces:
            shown[0] = None
        if item.header is not None and shown[0] is not item.header:
            if pages[-1].has_content() and y + item.header.size().height() + MIN_PIECE > height:
                new_page()
            pages[-1].pieces.append(Piece(item, y, 0.0, item.header.size().height(), is_header=True))
            y += item.header.size().height()
            shown[0] = item.header

    for k, item in enumerate(items):
        if item.page_break and pages[-1].has_content():
            new_page()
        elif item.break_below and pages[-1].has_content() and height - y - item.before < height * item.break_below:
            new_page()
        total, top = item.height, 0.0
        spans: Optional[list[tuple[float, float]]] = None
        if item.before and pages[-1].has_content():
            y += item.before
        while top < total - 0.01:
            start(item)
            room = height - y - (CONTINUED_SPACE if top > 0 else 0)
            rest = total - top
            if rest <= room:
                if item.keep_with_next and top == 0 and pages[-1].has_content():
                    if _kept_height(items, k) > room:
                        new_page()
                        continue
                pages[-1].pieces.append(Piece(item, y + (CONTINUED_SPACE if top > 0 else 0), top, total))
                y += rest + item.gap + (CONTINUED_SPACE if top > 0 else 0)
                top = total
                continue
            # it does not fit: a short item, a heading or a small remainder goes to the next page whole
            fresh = not pages[-1].has_content()
            if not fresh and (item.keep_with_next or total < height / 3 or room < MIN_PIECE):
                new_page()
                continue
            if spans is None:
                spans = _line_spans(item.doc)
            cut = safe_cut(item.doc, top + room - CONTINUED_SPACE, spans)  # room for "continued on the next page"
            if cut - top < MIN_PIECE and not fresh:
                new_page()
                continue
            if cut <= top + 0.01:  # a single line taller than a page: cut it anyway
                cut = top + room
            pages[-1].pieces.append(Piece(item, y + (CONTINUED_SPACE if top > 0 else 0), top, cut))
            top = cut
            new_page()
    if not pages[-1].pieces and len(pages) > 1:
        pages.pop()
    return pages


Decorator = Callable[[QPainter, Piece, float], None]
"""Draws extras (change bars, labels) for a placed piece; given the painter at the piece's origin and its width."""


def draw_piece(painter: QPainter, piece: Piece, x: float, y0: float, width: float,
               decorate: Optional[Decorator] = None) -> None:
    """Draw a placed piece with its top-left at (x, y0 + piece.y); lines outside [top, bottom) stay off."""
    doc = piece.item.header if piece.is_header and piece.item.header is not None else piece.item.doc
    painter.save()
    painter.translate(x, y0 + piece.y - piece.top)
    ctx = QAbstractTextDocumentLayout.PaintContext()
    # Inset by half a pixel: lines touching the cut belong to the neighbouring piece, and drawing them
    # clipped would still put their (invisible) text into this page of the PDF.
    ctx.clip = QRectF(-width, piece.top + 0.5, 3 * width, piece.bottom - piece.top - 1)
    painter.setClipRect(QRectF(-40, piece.top, width + 80, piece.bottom - piece.top))
    doc.documentLayout().draw(painter, ctx)
    painter.setClipping(False)  # labels go just above and below the piece
    if decorate is not None and not piece.is_header:
        decorate(painter, piece, width)
    painter.restore()


def change_bars(painter: QPainter, piece: Piece, colour: str) -> None:
    """A bar left of every changed paragraph's lines within the piece (as Word's change bars)."""
    doc = piece.item.doc
    layout = doc.documentLayout()
    painter.setPen(QPen(QColor(colour), 1.8))
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().property(st.PROP_CHANGED):
            rect = layout.blockBoundingRect(block)
            top, bottom = max(rect.top(), piece.top), min(rect.bottom(), piece.bottom)
            if bottom > top + 1:
                x = rect.left() - 4
                painter.drawLine(QPointF(x, top + 1), QPointF(x, bottom - 1))
        block = block.next()


def continued_labels(painter: QPainter, piece: Piece, font: QFont, ink: str) -> None:
    """Above a continued piece: '¶4 continued' over each column whose paragraph the cut went through."""
    if piece.top <= 0:
        return
    doc = piece.item.doc
    layout = doc.documentLayout()
    painter.setFont(font)
    painter.setPen(QColor(ink))
    seen: set[float] = set()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        number = block.blockFormat().property(st.PROP_NUMBER)
        if number and rect.top() < piece.top < rect.bottom() and rect.left() not in seen:
            seen.add(rect.left())
            painter.drawText(QRectF(rect.left(), piece.top - CONTINUED_SPACE, rect.width(), CONTINUED_SPACE - 2),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), f"¶{number} continued")
        block = block.next()


def more_below(painter: QPainter, piece: Piece, width: float, font: QFont, ink: str) -> None:
    """Under a piece cut at the page foot: 'continued on the next page'."""
    if piece.bottom >= piece.item.height - 0.01:
        return
    painter.setFont(font)
    painter.setPen(QColor(ink))
    painter.drawText(QRectF(0, piece.bottom + 1, width, CONTINUED_SPACE - 2),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), "continued on the next page ▸")
