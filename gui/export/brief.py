"""Page one is the brief: likely original, one line per version, the findings with where they are; then the
folder, the full statistics, the legend and, at the end, the review verdicts and notes (when there are any)."""

from __future__ import annotations

from collections.abc import Set
from typing import Callable, Optional

from PySide6.QtGui import QTextCursor, QTextDocument

from copydesk.core import report as rpt
from copydesk.core.model import ParaRef
from copydesk.gui.export import legend
from copydesk.gui.export import style as st
from copydesk.gui.export.body import heading, line
from copydesk.gui.export.flow import Item
from copydesk.gui.export.printpal import PrintPalette

SIZE = 9.5
_SEVERITY_INK = {"high": st.VERDICT_INK["error"], "medium": st.VERDICT_INK["check"], "low": st.MUTED}

PageOf = Callable[[ParaRef], Optional[int]]
"""The 1-based page a paragraph is printed on (None before the pages are known)."""


def _table(width: float, header: list[str], rows: list[list[str]], widths: list[float],
           right: Set[int] = frozenset(), inks: Optional[dict[tuple[int, int], str]] = None,
           small: Set[int] = frozenset(), bold: Set[tuple[int, int]] = frozenset(),
           notes: Optional[dict[int, str]] = None) -> QTextDocument:
    """A ruled data table: bold sans header, hairlines between rows; every value is plain text.

    notes: a smaller grey line under the first cell of a row (by row index).
    """
    doc = st.new_document(width, SIZE)
    cursor = QTextCursor(doc)
    table = st.add_table(cursor, 1 + len(rows), widths, header_rows=1)
    for k, label in enumerate(header):
        st.fill_cell(table, 0, k, label, st.char(7.5, sans=True, bold=True, colour=st.MUTED),
                     st.cell_format(pad=(2, 6, 4, 0 if k == 0 else 6), bottom=(1, st.INK)),
                     align="right" if k in right else "left")
    for r, values in enumerate(rows, start=1):
        for k, value in enumerate(values):
            ink = (inks or {}).get((r - 1, k), st.MUTED if k in small else st.INK)
            size = SIZE - 1.5 if k in small else SIZE - 0.5
            c = st.fill_cell(table, r, k, value, st.char(size, sans=True, colour=ink,
                                                         bold=(r - 1, k) in bold or ink not in (st.INK, st.MUTED)),
                             st.cell_format(pad=(3, 6, 3, 0 if k == 0 else 6), bottom=(0.6, st.HAIRLINE)),
                             align="right" if k in right else "left")
            if k == 0 and notes and notes.get(r - 1):
                c.insertBlock(st.block(top=1))
                st.write(c, notes[r - 1], st.char(SIZE - 2, sans=True, colour=st.MUTED))
    return doc


def _versions(report: rpt.Report, width: float) -> Item:
    """One line per printed version: what it adds and cuts, its reworded and only-here shares."""
    lines = [a for a in report.summary.articles if a.shown]
    rows = [[a.label + ("  (likely original)" if a.is_original else ""), str(a.adds),
             "—" if a.is_original else str(a.cuts), f"{a.reworded:.0%}", f"{a.unique:.0%}"] for a in lines]
    bold = {(i, 0) for i, a in enumerate(lines) if a.is_original}
    doc = _table(width, ["Version", "Adds ¶", "Cuts ¶", "Reworded", "Only here"], rows, [64, 9, 9, 9, 9],
                 right={1, 2, 3, 4}, bold=bold, notes={i: a.changes for i, a in enumerate(lines) if a.changes})
    return Item(doc, gap=2)


def _findings(report: rpt.Report, width: float, pal: PrintPalette, page_of: PageOf) -> Item:
    """The findings, most severe first: number (as in the margins), severity, message, where, verdict."""
    doc = st.new_document(width, SIZE)
    cursor = QTextCursor(doc)
    for i, f in enumerate(report.summary.findings):
        fmt = st.block(top=0 if i == 0 else 4, line_height=118)
        if i:
            cursor.insertBlock(fmt)
        else:
            cursor.setBlockFormat(fmt)
        st.badge(cursor, f"F{f.number}", SIZE * 0.8, pal)
        st.write(cursor, f"{f.severity.upper()}  ", st.char(SIZE - 2, sans=True, bold=True,
                                                             colour=_SEVERITY_INK.get(f.severity, st.INK)))
        st.write(cursor, f.message, st.char(SIZE - 0.5, sans=True))
        if f.where:
            page = page_of(f.where[0])
            where = f.place + (f", p. {page}" if page else ", p. –")
            more = len({r for r in f.where}) - 1
            st.write(cursor, f"  —  {where}" + (f" (+{more} more)" if more > 0 else ""),
                     st.char(SIZE - 0.5, sans=True, bold=True))
        if f.left_out:
            names = ", ".join(f"#{n}" for n in f.left_out)
            st.write(cursor, f"  [involves {names}, not printed]", st.char(SIZE - 1, sans=True, italic=True,
                                                                          colour=st.VERDICT_INK["error"]))
        if f.verdict_label:
            st.write(cursor, f"  ·  {f.verdict_label}", st.char(SIZE - 1, sans=True, bold=True))
    return Item(doc)


def brief(report: rpt.Report, width: float, pal: PrintPalette, page_of: PageOf) -> list[Item]:
    """The brief (page one) and what follows it up to the body."""
    s = report.summary
    items: list[Item] = []
    doc = st.new_document(width, SIZE)
    cursor = QTextCursor(doc)
    cursor.setBlockFormat(st.block(bottom=2))
    st.write(cursor, "COPYDESK BRIEF", st.char(8, sans=True, bold=True, colour=st.MUTED))
    cursor.insertBlock(st.block(bottom=3, line_height=110))
    st.write(cursor, s.folder_name, st.char(20, bold=True))
    cursor.insertBlock(st.block(bottom=4))
    layout = "side by side" if report.layout == "side-by-side" else "one after another"
    st.write(cursor, f"{len(report.columns)} of {len(s.articles)} versions, {layout}  ·  exported {s.date}",
             st.char(9, sans=True, colour=st.MUTED))
    items.append(Item(doc, gap=2, bookmarks=(("Brief", 0),)))
    for text in s.layout_notes:
        items.append(line(width, text, st.char(SIZE - 0.5, sans=True), top=4, bottom=2, background=st.NOTICE_BG))
    if s.likely_original:
        doc = st.new_document(width, SIZE)
        cursor = QTextCursor(doc)
        cursor.setBlockFormat(st.block(top=8, bottom=2))
        st.write(cursor, "Likely original: ", st.char(SIZE + 1, sans=True, bold=True))
        st.write(cursor, s.likely_original, st.char(SIZE + 1))
        if len(s.ranking) > 1:  # the scores beside the claim they back (the table after the brief names each #N)
            st.write(cursor, "\u2003score, best first:  ", st.char(SIZE - 1, sans=True, bold=True, colour=st.MUTED))
            st.write(cursor, "  ·  ".join(_short_rank(r) for r in s.ranking), st.char(SIZE - 1, sans=True,
                                                                                      colour=st.MUTED))
        items.append(Item(doc))
    if s.reference:
        items.append(line(width, f"Rows follow {s.reference}; struck-through words are words of it that a version "
                                 f"dropped.", st.char(SIZE - 1, sans=True, colour=st.MUTED), bottom=2))
    items += [heading(width, "Versions"), _versions(report, width)]
    if s.findings:
        items += [heading(width, f"Findings ({len(s.findings)}), most severe first", bookmark=("Findings", 0)),
                  _findings(report, width, pal, page_of)]
    if s.review:  # one line with a bold label, as "Likely original": a heading of its own cost the brief its page
        items.append(_labelled(width, "Review: ", s.review))
    return items + _statistics(report, width, pal)


def _labelled(width: float, label: str, text: str) -> Item:
    """One line of the brief: a bold sans label, then plain text."""
    doc = st.new_document(width, SIZE)
    cursor = QTextCursor(doc)
    cursor.setBlockFormat(st.block(top=8))
    st.write(cursor, label, st.char(SIZE, sans=True, bold=True))
    st.write(cursor, text, st.char(SIZE, sans=True))
    return Item(doc)


def _statistics(report: rpt.Report, width: float, pal: PrintPalette) -> list[Item]:
    """The folder, the full statistics table and how to read the marks."""
    s = report.summary
    # the folder on the heading's line: a line of its own for a short path was mostly empty
    items = [heading(width, "Folder and statistics", top=18, bookmark=("Statistics", 0), after=s.folder)]
    rows = [[a.label, a.file, f"{a.words:,}", f"{a.shared_all:.0%}", f"{a.shared_some:.0%}", f"{a.reworded:.0%}",
             f"{a.unique:.0%}"] for a in s.articles]
    inks = {(i, 0): st.MUTED for i, a in enumerate(s.articles) if not a.shown}
    wide = report.layout == "side-by-side"
    items.append(Item(_table(width, ["Version", "File", "Words", "In all", "In some", "Reworded", "Only here"], rows,
                             [44, 20, 7, 7, 7, 8, 7] if wide else [36, 22, 8, 8, 8, 9, 9], right={2, 3, 4, 5, 6},
                             inks=inks, small={1})))
    left = f" Versions left out (grey) are not counted: {'; '.join(s.left_out)}." if s.left_out else ""
    items.append(line(width, "In all / in some / reworded / only here: the share of each version's story words "
                             "(boilerplate left out) that every other printed version carries, some of them carry, "
                             "some carry in other words, or none carries." + left,
                      st.char(SIZE - 1.5, sans=True, colour=st.MUTED), top=3))
    items += [heading(width, "How to read the marks"), Item(legend.full(pal, width, _reference(report)))]
    return items


def _short_rank(entry: str) -> str:
    """'#3 0.67' for '#3 Long headline — score 0.67': the brief's tables name every version in full."""
    number, _, rest = entry.partition(" ")
    score = rest.rpartition(" — ")[2]
    return f"{number} {score.removeprefix('score ')}" if number.startswith("#") and score.startswith("score") else entry


def _reference(report: rpt.Report) -> str:
    return f"#{report.reference + 1}"


def notes_list(report: rpt.Report, width: float) -> list[Item]:
    """The closing pages: every verdict and note, numbered as in the text (nothing when there are none)."""
    if not report.notes:
        return []
    rows, inks = [], {}
    for i, n in enumerate(report.notes):
        place = "; ".join(rpt.where(r) for r in n.where) + ("" if n.shown else " (not in this export)")
        rows.append([str(n.number), n.verdict_label or "Note", place, n.subject, n.note])
        inks[(i, 1)] = st.VERDICT_INK.get(n.verdict, st.INK)
    return [heading(width, "Review verdicts and notes", top=0, page_break=True, bookmark=("Review notes", 0)),
            Item(_table(width, ["#", "Verdict", "Where", "About", "Note"], rows, [4, 12, 16, 34, 34], inks=inks))]
