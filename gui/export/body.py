"""The body pages of a report: aligned columns (side by side) or each article in turn (stacked)."""

from __future__ import annotations

from typing import Callable, Optional, Sequence

from PySide6.QtGui import QTextCursor, QTextDocument

from copydesk.core import report as rpt
from copydesk.core.model import Article
from copydesk.gui import palette
from copydesk.gui.export import style as st

# Body text size by number of columns: as large as the column width allows.
_SIZE_BY_COLUMNS = {2: 10.0, 3: 9.5, 4: 9.0, 5: 8.5, 6: 8.0}
STACKED_SIZE = 10.5
HEADER_TITLE_CHARS = 90  # the repeated column headings stay short; the summary page has the full titles

Step = Optional[Callable[[float], None]]
"""Called with the share of the body built so far; may raise core.tasks.Cancelled to stop."""


def short(text: str, limit: int) -> str:
    """text cut at a word boundary to at most limit characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return (flat[:limit].rsplit(" ", 1)[0] or flat[:limit]).rstrip(",;:") + "…"


def body_size(columns: int) -> float:
    """Body text size in points for a side-by-side page with this many columns."""
    return _SIZE_BY_COLUMNS.get(columns, 8.0)


def write_block(cursor: QTextCursor, b: rpt.Block, notes: dict[int, rpt.Note], size: float,
                scheme: palette.Scheme, first: bool) -> None:
    """One paragraph: grey paragraph number, highlighted text, note markers and boxed notes under it."""
    fmt = st.block(top=0 if first else 5, line_height=115 if b.boilerplate else 128)
    if first:
        cursor.setBlockFormat(fmt)
    else:
        cursor.insertBlock(fmt)
    small = size - 1 if b.boilerplate else size
    st.write(cursor, f"{b.number}\u2002", st.char(size * 0.68, sans=True, colour=st.MUTED))
    base = st.char(small + (0.5 if b.is_title else 0), bold=b.is_title)
    st.write_runs(cursor, b.runs, scheme, base)
    if b.boilerplate and b.boilerplate_reason:
        st.write(cursor, f"\u2002({b.boilerplate_reason})", st.char(size * 0.68, sans=True, colour=st.MUTED))
    if b.notes:
        for n in b.notes:
            st.note_block(cursor, notes[n], size * 0.9)


def side_by_side(report: rpt.Report, articles: Sequence[Article], width: float, height: float,
                 scheme: palette.Scheme, step: Step = None) -> QTextDocument:
    """One table: a repeated header row naming the articles, then one row per alignment group."""
    n = len(report.columns)
    size = body_size(n)
    doc = st.new_document(width, height, size)
    notes = {note.number: note for note in report.notes}
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    table = st.add_table(cursor, 1 + len(report.rows), [100.0 / n] * n, header_rows=1)
    for k, a in enumerate(report.columns):
        art = articles[a]
        cell = st.cell_format(pad=(2, 8, 6, 0 if k == 0 else 8), bottom=(1.2, st.INK))
        c = st.fill_cell(table, 0, k, f"{a + 1}", st.char(size * 0.85, sans=True, bold=True, colour=st.MUTED),
                         cell)
        st.write(c, f"  {short(art.title, HEADER_TITLE_CHARS)}", st.char(size * 0.95, sans=True, bold=True))
        c.insertBlock(st.block(top=1))
        st.write(c, art.path, st.char(size * 0.75, sans=True, colour=st.MUTED))
    for r, row in enumerate(report.rows, start=1):
        if step is not None:
            step((r - 1) / len(report.rows))
        for k, blocks in enumerate(row.cells):
            cell = table.cellAt(r, k)
            cell.setFormat(st.cell_format(pad=(5, 8, 6, 0 if k == 0 else 8), bottom=(0.6, st.HAIRLINE),
                                          left=None if k == 0 else (0.6, st.HAIRLINE)))
            c = cell.firstCursorPosition()
            for i, b in enumerate(blocks):
                write_block(c, b, notes, size, scheme, first=i == 0)
    cursor.endEditBlock()
    return doc


def stacked(report: rpt.Report, articles: Sequence[Article], stats: Sequence, width: float, height: float,
            scheme: palette.Scheme, step: Step = None) -> QTextDocument:
    """Each article in its own order, one after another, each starting on a new page."""
    doc = st.new_document(width, height, STACKED_SIZE)
    notes = {note.number: note for note in report.notes}
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    total, done, count = len(report.columns), 0, max(1, sum(len(blocks) for blocks in report.sections))
    for k, (a, blocks) in enumerate(zip(report.columns, report.sections)):
        art = articles[a]
        fmt = st.block(bottom=2, page_break=k > 0)
        if k == 0:
            cursor.setBlockFormat(fmt)
        else:
            cursor.insertBlock(fmt)
        st.write(cursor, f"ARTICLE {a + 1} · {k + 1} OF {total}", st.char(7.5, sans=True, bold=True,
                                                                          colour=st.MUTED))
        cursor.insertBlock(st.block(bottom=3, line_height=110))
        st.write(cursor, art.title, st.char(16, bold=True))
        cursor.insertBlock(st.block(bottom=14))
        s = stats[a]
        st.write(cursor, f"{art.path}  ·  {s.words} words  ·  {s.shared_all:.0%} shared by all, "
                         f"{s.shared_some:.0%} by some, {s.unique:.0%} unique",
                 st.char(8, sans=True, colour=st.MUTED))
        for b in blocks:
            if step is not None:
                step(done / count)
            done += 1
            write_block(cursor, b, notes, STACKED_SIZE, scheme, first=False)
    cursor.endEditBlock()
    return doc
