"""The body pages of a report as flow items: packed side-by-side rows or each article in turn (stacked)."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional, Sequence

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat, QTextLength, QTextTable

from copydesk.core import highlight
from copydesk.core import report as rpt
from copydesk.core.model import Article
from copydesk.gui.export import style as st
from copydesk.gui.export.flow import Item
from copydesk.gui.export.printpal import PrintPalette

# Body text size by number of columns: as large as the column width allows.
_SIZE_BY_COLUMNS = {2: 10.0, 3: 9.5, 4: 9.0, 5: 8.0, 6: 7.5}
STACKED_SIZE = 10.5
ONLY_SIZE = 9.0  # paragraphs printed after the table, at full width
HEADER_TITLE_CHARS = 90  # the repeated column headings stay short; the brief has the full titles
LINE_HEIGHT = 115  # percent: room for the highlight fills and underlines without wasting paper
ARTICLE_BREAK_BELOW = 1 / 3  # stacked: an article starts a new page only when less than this share is left
ARTICLE_GAP = 24.0  # stacked: space above an article that starts part-way down a page
PAD_LEFT, PAD_RIGHT = 10, 10  # a column's gutter: room for the change bar, and a gap text extraction sees

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


class Writer:
    """Writes printed paragraphs for one report: palette, notes and how moves are worded."""

    def __init__(self, report: rpt.Report, articles: Sequence[Article], pal: PrintPalette) -> None:
        self.report, self.articles, self.pal = report, articles, pal
        self.notes = {note.number: note for note in report.notes}
        self.reference = f"#{report.reference + 1}"

    def move_label(self, b: rpt.Block) -> str:
        """'moved from ¶4 of #2' (stacked) or 'moved: in #4 after ¶3' (side by side, where rows follow #2)."""
        if b.move is None:
            return ""
        if self.report.layout == "side-by-side":
            after = f"after ¶{b.move.follows + 1}" if b.move.follows is not None else "at the start"
            return f"moved: #{b.ref[0] + 1} has it {after}"
        return f"↑ moved from ¶{b.move.reference_paragraph + 1} of {self.reference}"

    def block(self, cursor: QTextCursor, b: rpt.Block, size: float, first: bool) -> None:
        """One paragraph: number, finding badges, move, highlighted text with struck words, notes under it."""
        fmt = st.block(top=0 if first else 4, line_height=112 if b.boilerplate else LINE_HEIGHT)
        fmt.setProperty(st.PROP_NUMBER, b.number)
        fmt.setProperty(st.PROP_CHANGED, b.changed)
        if first:
            cursor.setBlockFormat(fmt)
        else:
            cursor.insertBlock(fmt)
        small = size - 1 if b.boilerplate else size
        st.write(cursor, f"{b.number}\u2002", st.char(size * 0.68, sans=True, colour=st.MUTED))
        for n in b.findings:
            st.badge(cursor, f"F{n}", size * 0.62, self.pal)
        label = self.move_label(b)
        if label:
            st.write(cursor, label + "\u2002", st.char(size * 0.68, sans=True, italic=True, colour=st.MUTED))
        base = st.char(small + (0.5 if b.is_title else 0), bold=b.is_title)
        st.write_runs(cursor, b.runs, self.pal, base, b.deletions)
        if b.boilerplate and b.boilerplate_reason:
            st.write(cursor, f"\u2002({b.boilerplate_reason})", st.char(size * 0.68, sans=True, colour=st.MUTED))
        for n in b.notes:
            st.note_block(cursor, self.notes[n], size * 0.9)


def _row_doc(width: float, size: float, n: int) -> tuple[QTextDocument, QTextTable]:
    doc = st.new_document(width, size)
    cursor = QTextCursor(doc)
    table = st.add_table(cursor, 1, [100.0 / n] * n)
    return doc, table


def column_header(report: rpt.Report, articles: Sequence[Article], width: float) -> QTextDocument:
    """The column headings repeated at the top of every body page: '#3 Headline' on one line, the reference marked."""
    n = len(report.columns)
    size = body_size(n)
    doc, table = _row_doc(width, size, n)
    chars = int(width / n / (size * 0.75))  # about one line of the column in the heading's type
    for k, a in enumerate(report.columns):
        art = articles[a]
        cell = st.cell_format(pad=(0, PAD_RIGHT, 3, PAD_LEFT), bottom=(1.2, st.INK))
        c = st.fill_cell(table, 0, k, art.number, st.char(size * 0.9, sans=True, bold=True, colour=st.MUTED), cell)
        tag = " · reference" if a == report.reference else ""
        st.write(c, f" {short(art.title or art.name, max(12, chars - len(tag) - 4))}",
                 st.char(size * 0.9, sans=True, bold=True))
        if tag:
            st.write(c, tag, st.char(size * 0.75, sans=True, colour=st.MUTED))
    return st.done(doc)


def side_by_side(report: rpt.Report, articles: Sequence[Article], width: float, pal: PrintPalette,
                 step: Step = None) -> list[Item]:
    """The packed table (one item per row, the column heads repeated), then 'Only in' runs and boilerplate."""
    n = len(report.columns)
    size = body_size(n)
    header = column_header(report, articles, width)
    w = Writer(report, articles, pal)
    items: list[Item] = []
    rows = report.table
    for r, row in enumerate(rows):
        if step is not None:
            step(r / max(1, len(rows)))
        if row.kind == "gathered":
            doc = st.new_document(width, size)
            cursor = QTextCursor(doc)
            cursor.setBlockFormat(st.block(top=3, bottom=3, left=PAD_LEFT, background=st.NOTE_BG))
            st.write(cursor, "Printed after the table, under “Only in”:  ", st.char(size * 0.8, sans=True, bold=True,
                                                                                  colour=st.MUTED))
            st.write(cursor, row.note, st.char(size * 0.8, sans=True, colour=st.MUTED))
            items.append(Item(doc, header=header))
            continue
        doc, table = _row_doc(width, size, n)
        for k, blocks in enumerate(row.cells):
            cell = table.cellAt(0, k)
            cell.setFormat(st.cell_format(pad=(4, PAD_RIGHT, 5, PAD_LEFT), bottom=(0.6, st.HAIRLINE),
                                          left=None if k == 0 else (0.6, st.HAIRLINE)))
            c = cell.firstCursorPosition()
            for i, b in enumerate(blocks):
                w.block(c, b, size, first=i == 0)
        items.append(Item(doc, header=header, continued_labels=True, anchors=tuple(b.ref for b in row.blocks())))
    if items:
        items[0].bookmarks = tuple((art, 1) for art in _labels(report, articles))
    items += _after_table(report, articles, width, w)
    return items


def _labels(report: rpt.Report, articles: Sequence[Article]) -> list[str]:
    return [articles[a].label() for a in report.columns]


def heading(width: float, text: str, size: float = 8, top: float = 14, bookmark: Optional[tuple[str, int]] = None,
            page_break: bool = False, after: str = "") -> Item:
    """A small-caps style section heading kept with what follows; after: muted italic words on the same line."""
    doc = st.new_document(width, size)
    cursor = QTextCursor(doc)
    cursor.setBlockFormat(st.block(bottom=4))
    st.write(cursor, text.upper(), st.char(size, sans=True, bold=True, colour=st.MUTED))
    if after:
        st.write(cursor, f"\u2003{after}", st.char(size + 0.5, sans=True, italic=True, colour=st.MUTED))
    return Item(doc, keep_with_next=True, page_break=page_break, bookmarks=(bookmark,) if bookmark else (),
                before=top)


def line(width: float, text: str, fmt, **block) -> Item:
    """One paragraph of plain text as an item."""
    doc = st.new_document(width, 9)
    cursor = QTextCursor(doc)
    cursor.setBlockFormat(st.block(**block))
    st.write(cursor, text, fmt)
    return Item(doc)


def paragraph_item(w: Writer, b: rpt.Block, width: float, size: float, own: bool = False) -> Item:
    """One printed paragraph on the full width (stacked, and the runs printed after the table).

    own: a paragraph only its version has, under an 'Only in' heading that says so: its words print
    unmarked rather than a page of the darkest tint (the change bar stays).
    """
    if own:
        b = replace(b, runs=tuple(replace(r, kind=highlight.PLAIN) if r.kind == highlight.UNIQUE else r
                                  for r in b.runs))
    doc = st.new_document(width, size)
    w.block(QTextCursor(doc), b, size, first=True)
    return Item(doc, gap=4, anchors=(b.ref,))


def _after_table(report: rpt.Report, articles: Sequence[Article], width: float, w: Writer) -> list[Item]:
    """'Only in #4' runs with the paragraph they follow, then the boilerplate listed compactly."""
    items: list[Item] = []
    for sec in report.only:
        art = articles[sec.article]
        title = f"Only in {art.label()}  ·  {sec.span}"
        if sec.after is not None:
            follows = short("".join(run.text for run in sec.after.runs), 60)  # it shares the heading's line
            context = f"In {art.number} these follow ¶{sec.after.number}: “{follows}”"
        else:
            context = f"In {art.number} these come before anything the other versions share."
        # the context on the heading's own line: at full landscape width a line of its own was mostly empty
        items.append(heading(width, title, bookmark=(f"Only in {art.number} ({sec.span})", 1), after=context))
        items += [paragraph_item(w, b, width, ONLY_SIZE, own=True) for b in sec.blocks]
    if report.boilerplate:
        items.append(heading(width, f"Boilerplate left out of the comparison ({len(report.boilerplate)} paragraphs)",
                             bookmark=("Boilerplate", 1)))
        by_article: dict[int, list[rpt.Block]] = {}
        for b in report.boilerplate:
            by_article.setdefault(b.ref[0], []).append(b)
        for a, blocks in by_article.items():  # one paragraph per version: ¶ number, kind, text
            doc = st.new_document(width, 7.5)
            cursor = QTextCursor(doc)
            cursor.setBlockFormat(st.block(line_height=112))
            st.write(cursor, f"#{a + 1}  ", st.char(7.5, sans=True, bold=True, colour=st.MUTED))
            for i, b in enumerate(blocks):
                sep = "  ·  " if i else ""
                st.write(cursor, f"{sep}¶{b.number} {b.boilerplate_reason or 'boilerplate'}: ",
                         st.char(7, sans=True, bold=True, colour=st.MUTED))
                st.write_runs(cursor, b.runs, w.pal, st.char(7.5))
            items.append(Item(doc, gap=3))
    return items


def stacked(report: rpt.Report, articles: Sequence[Article], width: float, pal: PrintPalette,
            step: Step = None) -> list[Item]:
    """Each article in its own order: a heading kept with its first paragraph, then one item per paragraph."""
    w = Writer(report, articles, pal)
    lines = {line.number - 1: line for line in report.summary.articles}
    items: list[Item] = []
    total, done, count = len(report.columns), 0, max(1, sum(len(blocks) for blocks in report.sections))
    for k, (a, blocks) in enumerate(zip(report.columns, report.sections)):
        art = articles[a]
        doc = st.new_document(width, STACKED_SIZE)
        cursor = QTextCursor(doc)
        rule = st.block(bottom=6)
        # a full-width rule above the kicker: an article starting part-way down a page stands apart
        rule.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
                         QTextLength(QTextLength.Type.PercentageLength, 100))
        cursor.setBlockFormat(rule)
        cursor.insertBlock(st.block(bottom=2))
        st.write(cursor, f"ARTICLE {a + 1} · {k + 1} OF {total}", st.char(7.5, sans=True, bold=True, colour=st.MUTED))
        cursor.insertBlock(st.block(bottom=3, line_height=110))
        st.write(cursor, f"{art.number} {art.title or art.name}", st.char(16, bold=True))
        cursor.insertBlock(st.block(bottom=14))
        s = lines[a]
        role = "  ·  the reference: rows and struck words come from it" if a == report.reference else ""
        st.write(cursor, f"{art.name}  ·  {s.words} words  ·  {s.shared_all:.0%} in all, {s.shared_some:.0%} in "
                         f"some, {s.reworded:.0%} reworded, {s.unique:.0%} only here{role}",
                 st.char(8, sans=True, colour=st.MUTED))
        # A new page only when less than a third of this one is left: a page per version wasted paper on
        # three-line tails; the rule above the heading and the space before it still set articles apart.
        items.append(Item(doc, keep_with_next=True, break_below=ARTICLE_BREAK_BELOW, before=ARTICLE_GAP,
                          bookmarks=((art.label(), 1),)))
        for b in blocks:
            if step is not None:
                step(done / count)
            done += 1
            items.append(paragraph_item(w, b, width, STACKED_SIZE))
    return items
