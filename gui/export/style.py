"""Typography, colours and text-building helpers shared by the pages of an exported report."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtGui import (QBrush, QColor, QFont, QImage, QTextBlockFormat, QTextCharFormat, QTextCursor,
                           QTextDocument, QTextFormat, QTextFrameFormat, QTextLength, QTextOption, QTextTableCellFormat,
                           QTextTableFormat)

from copydesk.core import highlight
from copydesk.core import report as rpt
from copydesk.core.edits import Deletion
from copydesk.gui.export import printpal
from copydesk.gui.export.printpal import PrintPalette
from copydesk.gui.rich_text import LINE_BREAKS

REFERENCE_DPI = 96
"""Documents are laid out at this resolution, then scaled to the printer's or the PDF's."""

SERIF = ["P052", "Palatino Linotype", "Palatino", "Book Antiqua", "Charter", "Georgia", "Noto Serif",
         "DejaVu Serif", "serif"]
SANS = ["Nimbus Sans", "Helvetica Neue", "Helvetica", "Arial", "Noto Sans", "DejaVu Sans", "sans-serif"]

INK = "#1A1A1A"
MUTED = "#6B6B6B"
RULE = "#C8C8C8"
HAIRLINE = "#E2E2E2"
NOTE_BG = "#F3F1EC"
NOTICE_BG = "#FFF4DE"
VERDICT_INK = {"ok": "#007A5A", "error": "#B34700", "check": "#8A6100", "legal": "#A2447A"}

# Block properties the paginator reads back after layout (change bars, "continued" labels).
PROP_NUMBER = QTextFormat.Property.UserProperty + 1  # the paragraph number (int)
PROP_CHANGED = QTextFormat.Property.UserProperty + 2  # the paragraph differs: draw a change bar (bool)

# Ligatures would put 'ﬀ' and 'ﬁ' into the PDF's text: searching and copying 'differs' must just work.
_NO_LIGATURES = {QFont.Tag("liga"): 0, QFont.Tag("clig"): 0}

_REFERENCE = QImage(1, 1, QImage.Format.Format_RGB32)
_REFERENCE.setDotsPerMeterX(round(REFERENCE_DPI / 0.0254))
_REFERENCE.setDotsPerMeterY(round(REFERENCE_DPI / 0.0254))


def mm(value: float) -> float:
    """Millimetres in reference pixels."""
    return value / 25.4 * REFERENCE_DPI


def flatten(colour: QColor) -> QColor:
    """The opaque colour a translucent one shows on white paper (printers handle opaque fills best)."""
    a = colour.alphaF()
    return QColor(round(255 - (255 - colour.red()) * a), round(255 - (255 - colour.green()) * a),
                  round(255 - (255 - colour.blue()) * a))


def new_document(width: float, size_pt: float) -> QTextDocument:
    """An empty document laid out at the reference resolution, width pixels wide (the paginator cuts pages)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(_REFERENCE)
    doc.setUseDesignMetrics(True)  # unhinted advances: positions stay exact once scaled to the printer
    doc.setDocumentMargin(0)
    option = doc.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long URLs must not overflow
    doc.setDefaultTextOption(option)
    font = QFont()
    font.setFamilies(SERIF)
    font.setPointSizeF(size_pt)
    for tag, value in _NO_LIGATURES.items():
        font.setFeature(tag, value)
    doc.setDefaultFont(font)
    doc.setTextWidth(width)
    doc.setUndoRedoEnabled(False)
    # Laid out once when done(): without an open edit block every insert would lay the document out again.
    QTextCursor(doc).beginEditBlock()
    doc.setProperty(_BUILDING, True)
    return doc


_BUILDING = "copydeskBuilding"


def done(doc: QTextDocument) -> QTextDocument:
    """End the edit block new_document opened (lays the document out once); harmless when already done."""
    if doc.property(_BUILDING):
        doc.setProperty(_BUILDING, False)
        QTextCursor(doc).endEditBlock()
    return doc


def char(size: float | None = None, sans: bool = False, bold: bool = False, italic: bool = False,
         colour: str = INK) -> QTextCharFormat:
    """A character format; size in points (None keeps the document's)."""
    fmt = QTextCharFormat()
    fmt.setFontFamilies(SANS if sans else SERIF)
    fmt.setFontFeatures(_NO_LIGATURES)
    if size is not None:
        fmt.setFontPointSize(size)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    fmt.setForeground(QBrush(QColor(colour)))
    return fmt


def block(top: float = 0, bottom: float = 0, left: float = 0, line_height: int = 100,
          align: str = "left", background: str | None = None, page_break: bool = False) -> QTextBlockFormat:
    """A block format; margins in reference pixels, line height in percent."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLeftMargin(left)
    fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    fmt.setAlignment({"left": fmt.alignment().AlignLeft, "right": fmt.alignment().AlignRight,
                      "center": fmt.alignment().AlignHCenter}[align])
    if background:
        fmt.setBackground(QColor(background))
    if page_break:
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    return fmt


def table_format(widths: list[float], header_rows: int = 0) -> QTextTableFormat:
    """A borderless full-width table with fixed column widths (percentages) and collapsed borders."""
    fmt = QTextTableFormat()
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
    fmt.setBorder(0)
    fmt.setBorderCollapse(True)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(0)
    fmt.setMargin(0)
    fmt.setHeaderRowCount(header_rows)
    return fmt


def cell_format(pad: tuple[float, float, float, float] = (4, 6, 4, 6), bottom: tuple[float, str] | None = None,
                left: tuple[float, str] | None = None, background: str | None = None) -> QTextTableCellFormat:
    """Cell padding (top, right, bottom, left) and optional bottom / left rules (width, colour)."""
    fmt = QTextTableCellFormat()
    fmt.setTopPadding(pad[0])
    fmt.setRightPadding(pad[1])
    fmt.setBottomPadding(pad[2])
    fmt.setLeftPadding(pad[3])
    for side, rule in (("Bottom", bottom), ("Left", left)):
        if rule:
            getattr(fmt, f"set{side}Border")(rule[0])
            getattr(fmt, f"set{side}BorderBrush")(QBrush(QColor(rule[1])))
            getattr(fmt, f"set{side}BorderStyle")(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    if background:
        fmt.setBackground(QColor(background))
    return fmt



def write(cursor: QTextCursor, text: str, fmt: QTextCharFormat) -> None:
    """Insert text as plain characters (never markup) with fmt."""
    cursor.insertText(text.translate(LINE_BREAKS), fmt)


def highlight_format(kind: str, level: float, pal: PrintPalette) -> QTextCharFormat:
    """The print palette's format for a run kind (opaque, greyscale-safe)."""
    return printpal.kind_format(pal, kind, level)


def write_runs(cursor: QTextCursor, runs: Sequence[highlight.Run], pal: PrintPalette, base: QTextCharFormat,
               deletions: Sequence[Deletion] = ()) -> None:
    """Insert a paragraph's highlighted runs, with the reference's dropped words struck at their places.

    base carries font and size; a deletion at offset k is written where the text reaches k.
    """
    pending = sorted(deletions, key=lambda d: d.at)
    struck = QTextCharFormat(base)
    struck.merge(printpal.deleted_format(pal))
    struck.setFontWeight(QFont.Weight.Normal)
    if base.fontPointSize() > 0:  # a little smaller: what is gone takes less room than what is there
        struck.setFontPointSize(base.fontPointSize() * 0.88)

    def strike(upto: int) -> None:
        while pending and pending[0].at <= upto:
            d = pending.pop(0)
            # at is the end of the word before the cut (the text goes on with a space) or 0
            write(cursor, f" {d.text}" if d.at else f"{d.text} ", struck)

    for run in runs:
        fmt = QTextCharFormat(base)
        fmt.merge(highlight_format(run.kind, run.level, pal))
        pos = run.start
        while pending and pending[0].at < run.end:
            at = max(pending[0].at, pos)
            if at > pos:
                write(cursor, run.text[pos - run.start:at - run.start], fmt)
                pos = at
            strike(at)
        write(cursor, run.text[pos - run.start:], fmt)
    strike(1 << 62)


def badge(cursor: QTextCursor, text: str, size: float, pal: PrintPalette) -> None:
    """A finding number (F3) set as a dark badge: it prints on any printer and is found by searching."""
    fmt = char(size, sans=True, bold=True, colour=pal.badge_ink)
    fmt.setBackground(QBrush(QColor(pal.badge_fill)))
    write(cursor, f"\u2009{text}\u2009", fmt)
    write(cursor, "\u2002", char(size, sans=True))


def note_block(cursor: QTextCursor, note: rpt.Note, size: float, first: bool = False) -> None:
    """A boxed review note placed right under the paragraph it concerns."""
    fmt = block(top=3, bottom=2, line_height=115, background=NOTE_BG)
    if first:
        cursor.setBlockFormat(fmt)
    else:
        cursor.insertBlock(fmt)
    write(cursor, f"[{note.number}] ", char(size, sans=True, bold=True, colour=MUTED))
    if note.verdict_label:
        write(cursor, note.verdict_label, char(size, sans=True, bold=True,
                                                colour=VERDICT_INK.get(note.verdict, INK)))
    if note.note:
        write(cursor, (" — " if note.verdict_label else "") + note.note, char(size, italic=True))


def add_table(cursor: QTextCursor, rows: int, widths: list[float], header_rows: int = 0):
    """Insert a table at the cursor and return it."""
    return cursor.insertTable(rows, len(widths), table_format(widths, header_rows))


def fill_cell(table, row: int, col: int, text: str, fmt: QTextCharFormat,
              cell: QTextTableCellFormat | None = None, align: str = "left") -> QTextCursor:
    """Write plain text into a table cell and return the cursor at its end."""
    target = table.cellAt(row, col)
    if cell is not None:
        target.setFormat(cell)
    cursor = target.firstCursorPosition()
    cursor.setBlockFormat(block(align=align))
    write(cursor, text, fmt)
    return cursor
