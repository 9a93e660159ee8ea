"""The summary page and the closing list of review verdicts and notes of an exported report."""

from __future__ import annotations

from collections.abc import Set

from PySide6.QtGui import QTextCursor, QTextDocument

from copydesk.core import highlight
from copydesk.core import report as rpt
from copydesk.gui import palette
from copydesk.gui.export import style as st

SIZE = 9.5
_SEVERITY_INK = {"high": st.VERDICT_INK["error"], "medium": st.VERDICT_INK["check"], "low": st.MUTED}


def _heading(cursor: QTextCursor, text: str, first: bool = False) -> None:
    fmt = st.block(top=0 if first else 16, bottom=5)
    if first:
        cursor.setBlockFormat(fmt)
    else:
        cursor.insertBlock(fmt)
    st.write(cursor, text.upper(), st.char(8, sans=True, bold=True, colour=st.MUTED))


def _paragraph(cursor: QTextCursor, text: str, fmt=None, **block) -> QTextCursor:
    cursor.insertBlock(st.block(**block))
    st.write(cursor, text, fmt or st.char(SIZE))
    return cursor


def _table(cursor: QTextCursor, header: list[str], rows: list[list[str]], widths: list[float],
           right: Set[int] = frozenset(), inks: dict[tuple[int, int], str] | None = None,
           small: Set[int] = frozenset()) -> None:
    """A ruled data table: bold sans header, hairlines between rows; every value is plain text."""
    table = st.add_table(cursor, 1 + len(rows), widths, header_rows=1)
    for k, label in enumerate(header):
        st.fill_cell(table, 0, k, label, st.char(7.5, sans=True, bold=True, colour=st.MUTED),
                     st.cell_format(pad=(2, 6, 4, 0 if k == 0 else 6), bottom=(1, st.INK)),
                     align="right" if k in right else "left")
    for r, values in enumerate(rows, start=1):
        for k, value in enumerate(values):
            ink = (inks or {}).get((r - 1, k), st.MUTED if k in small else st.INK)
            size = SIZE - 1.5 if k in small else SIZE if k else SIZE - 1
            st.fill_cell(table, r, k, value, st.char(size, sans=k == 0 or k in right | small, colour=ink,
                                                     bold=ink not in (st.INK, st.MUTED)),
                         st.cell_format(pad=(3, 6, 3, 0 if k == 0 else 6), bottom=(0.6, st.HAIRLINE)),
                         align="right" if k in right else "left")
    cursor.movePosition(QTextCursor.MoveOperation.End)


def summary(report: rpt.Report, width: float, height: float, scheme: palette.Scheme) -> QTextDocument:
    """Page one: what was compared, how to read the highlights, review progress and findings."""
    s = report.summary
    doc = st.new_document(width, height, SIZE)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    shown = len(report.columns)
    cursor.setBlockFormat(st.block(bottom=2))
    st.write(cursor, "COPYDESK COMPARISON", st.char(8, sans=True, bold=True, colour=st.MUTED))
    _paragraph(cursor, s.folder_name, st.char(22, bold=True), bottom=4, line_height=110)
    layout = "side by side" if report.layout == "side-by-side" else "one after another"
    _paragraph(cursor, f"{shown} of {len(s.articles)} versions, {layout}  ·  exported {s.date}",
               st.char(9, sans=True, colour=st.MUTED), bottom=1)
    _paragraph(cursor, s.folder, st.char(8, sans=True, colour=st.MUTED), bottom=6)
    for text in s.layout_notes:
        _paragraph(cursor, text, st.char(SIZE - 0.5, sans=True), top=4, background=st.NOTICE_BG)
    if s.likely_original:
        _paragraph(cursor, "Likely original: ", st.char(SIZE, sans=True, bold=True), top=8)
        st.write(cursor, s.likely_original, st.char(SIZE))

    _heading(cursor, "Articles")
    rows = [[str(a.number), a.title, a.file, f"{a.words:,}", f"{a.shared_all:.0%}", f"{a.shared_some:.0%}",
             f"{a.unique:.0%}"] for a in s.articles]
    inks = {(i, 1): st.MUTED for i, a in enumerate(s.articles) if not a.shown}
    widths: list[float] = [4, 46, 22, 7, 7, 7, 7] if report.layout == "side-by-side" else [5, 39, 24, 8, 8, 8, 8]
    _table(cursor, ["#", "Title", "File", "Words", "In all", "In some", "Unique"], rows, widths,
           right={3, 4, 5, 6}, inks=inks, small={2})
    _paragraph(cursor, "In all / in some / unique: the share of each article's story words (boilerplate left "
                       "out) that every other article, some of them, or none of them carry.",
               st.char(SIZE - 1.5, sans=True, colour=st.MUTED), top=3)
    changes = [a for a in s.articles if a.changes]
    for a in changes:
        _paragraph(cursor, f"{a.number}. ", st.char(SIZE - 1, sans=True, bold=True), top=2)
        st.write(cursor, a.changes, st.char(SIZE - 1, sans=True))

    _heading(cursor, "How to read the highlights")
    legend = st.add_table(cursor, len(s.legend) + 1, [18, 82])
    for r, info in enumerate(s.legend):
        pad = st.cell_format(pad=(3, 8, 3, 0))
        c = st.fill_cell(legend, r, 0, "", st.char(SIZE), pad)
        level = 0.5 if info.kind == highlight.SOME else 1.0
        st.write_runs(c, (highlight.Run(info.label, info.kind, level),), scheme, st.char(SIZE))
        c = st.fill_cell(legend, r, 1, info.label + ": ", st.char(SIZE, sans=True, bold=True), pad)
        st.write(c, info.meaning, st.char(SIZE, sans=True))
    pad = st.cell_format(pad=(3, 8, 3, 0))
    c = st.fill_cell(legend, len(s.legend), 0, "", st.char(SIZE), pad)
    st.note_block(c, rpt.Note(1, "error", "Error", "", "", (), True), SIZE * 0.9, first=True)
    c = st.fill_cell(legend, len(s.legend), 1, "Review note: ", st.char(SIZE, sans=True, bold=True), pad)
    st.write(c, "the editor's verdict and note, boxed under the paragraph it concerns and listed at the "
                "end. Small grey numbers before paragraphs are paragraph numbers (¶).", st.char(SIZE, sans=True))
    cursor.movePosition(QTextCursor.MoveOperation.End)

    if s.review:
        _heading(cursor, "Review")
        _paragraph(cursor, s.review, st.char(SIZE, sans=True))
    if s.findings:
        _heading(cursor, f"Editorial findings ({len(s.findings)})")
        verdicts = any(f.verdict_label for f in s.findings)
        rows = [[f.severity.capitalize(), f.kind, f.message] + ([f.verdict_label] if verdicts else [])
                for f in s.findings]
        inks = {(i, 0): _SEVERITY_INK.get(f.severity, st.INK) for i, f in enumerate(s.findings)}
        _table(cursor, ["Severity", "Kind", "Finding"] + (["Verdict"] if verdicts else []), rows,
               [9, 10, 66, 15] if verdicts else [9, 10, 81], inks=inks)
    if len(s.ranking) > 1:
        _heading(cursor, "Likely original, best first")
        for line in s.ranking:
            _paragraph(cursor, line, st.char(SIZE, sans=True), bottom=1)
    cursor.endEditBlock()
    return doc


def where(ref: tuple[int, int]) -> str:
    """'Article 2 ¶5' for a paragraph reference."""
    return f"Article {ref[0] + 1} ¶{ref[1] + 1}"


def notes_list(report: rpt.Report, width: float, height: float) -> QTextDocument:
    """The closing page: every verdict and note, numbered as in the text."""
    doc = st.new_document(width, height, SIZE)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    _heading(cursor, "Review verdicts and notes", first=True)
    if not report.notes:
        _paragraph(cursor, "No verdicts or notes have been recorded for this comparison.",
                   st.char(SIZE, italic=True, colour=st.MUTED), top=4)
    else:
        rows, inks = [], {}
        for i, n in enumerate(report.notes):
            place = "; ".join(where(r) for r in n.where) + ("" if n.shown else " (not in this export)")
            rows.append([str(n.number), n.verdict_label or "Note", place, n.subject, n.note])
            inks[(i, 1)] = st.VERDICT_INK.get(n.verdict, st.INK)
        _table(cursor, ["#", "Verdict", "Where", "About", "Note"], rows, [4, 12, 16, 34, 34], inks=inks)
    cursor.endEditBlock()
    return doc
