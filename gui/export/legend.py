"""The legend, generated from the print palette in use: in full after the brief, compact in every page's footer."""

from __future__ import annotations

from functools import partial
from typing import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat

from copydesk.core import highlight
from copydesk.gui.export import style as st
from copydesk.gui.export.printpal import PrintPalette, deleted_format, legend_kinds

PROP_SWATCH = QTextFormat.Property.UserProperty + 10  # the kind a legend swatch shows (str), for tests
SAMPLE = "words"
STRIP_SIZE = 6.5
SAMPLE_WIDTH = 72.0  # reference pixels: the widest sample ("can be is") with its padding
_SHORT = {highlight.ALL: "in all", highlight.SOME: "in some", highlight.UNIQUE: "only here",
          highlight.BOILERPLATE: "boilerplate", "reworded": "reworded"}


def _sample_level(kind: str) -> float:
    return 0.5 if kind == highlight.SOME else 1.0


def full(pal: PrintPalette, width: float, reference: str, size: float = 8.5) -> QTextDocument:
    """Every kind with a sample, what it means and how this palette prints it; then the other marks (two a row)."""
    doc = st.new_document(width, size)
    cursor = QTextCursor(doc)
    entries: list[tuple[Callable[[QTextCursor], None], str, str]] = []
    for info, style in legend_kinds(pal):
        entries.append((partial(_swatch, pal=pal, kind=info.kind, label=info.label, size=size), info.label,
                        (style.meaning or info.meaning) + f" — printed as {style.looks}."))

    def struck(c: QTextCursor) -> None:
        fmt = st.char(size)
        fmt.merge(deleted_format(pal))
        st.write(c, "can be", fmt)
        st.write(c, " ", st.char(size))
        st.write_runs(c, (highlight.Run("is", highlight.UNIQUE, 1.0),), pal, st.char(size))

    entries += [
        (struck, "Struck through", f"words of {reference} this version dropped, at the place they were cut."),
        (lambda c: st.write(c, "▌", st.char(size, sans=True, bold=True, colour=pal.bar)), "Change bar",
         "in the margin of every paragraph that differs from the others."),
        (lambda c: st.badge(c, "F3", size * 0.8, pal), "Finding",
         "the number of an editorial finding of the brief, next to each paragraph it concerns."),
        (lambda c: st.write(c, "moved", st.char(size * 0.8, sans=True, italic=True, colour=st.MUTED)), "Moved",
         f"a paragraph out of {reference}'s order, with where it was."),
        (lambda c: st.write(c, "[1] Error", st.char(size * 0.9, sans=True, bold=True, colour=st.MUTED)), "Review note",
         "the editor's verdict and note, boxed under its paragraph and listed at the end. Small grey numbers are "
         "paragraph numbers (¶)."),
    ]
    # The samples' column: 9 % of a portrait page; on a wider one no wider than the samples need, so the
    # meanings get the room and most fit one line (a landscape legend was every row two lines).
    sample_share = min(9.0, 100 * SAMPLE_WIDTH / width)
    table = st.add_table(cursor, (len(entries) + 1) // 2, [sample_share, 50 - sample_share] * 2)
    for i, (sample, label, meaning) in enumerate(entries):
        r, k = i // 2, (i % 2) * 2
        pad = st.cell_format(pad=(2, 8, 3, 0 if k == 0 else 10))
        sample(st.fill_cell(table, r, k, "", st.char(size), pad))
        c = st.fill_cell(table, r, k + 1, label + ": ", st.char(size, sans=True, bold=True),
                         st.cell_format(pad=(2, 8, 3, 0)))
        st.write(c, meaning, st.char(size, sans=True))
    return st.done(doc)


def _swatch(cursor: QTextCursor, pal: PrintPalette, kind: str, label: str, size: float) -> None:
    """A sample of a kind in the palette's look; the block is tagged with the kind (swatch_rects finds it)."""
    fmt = cursor.blockFormat()
    fmt.setProperty(PROP_SWATCH, kind)
    cursor.setBlockFormat(fmt)
    if kind == highlight.SOME:  # the grading itself: many versions, then few
        for level, text in ((0.9, "many"), (0.1, "few")):
            st.write_runs(cursor, (highlight.Run(text, kind, level),), pal, st.char(size))
            st.write(cursor, " ", st.char(size))
    else:
        st.write_runs(cursor, (highlight.Run(_SHORT.get(kind, label), kind, 1.0),), pal, st.char(size))


def strip(pal: PrintPalette, width: float, reference: str) -> QTextDocument:
    """One line for the page footer: a sample of each kind, struck words, change bar, finding number."""
    doc = st.new_document(width, STRIP_SIZE)
    cursor = QTextCursor(doc)
    fmt = st.block(align="center")
    cursor.setBlockFormat(fmt)
    small = st.char(STRIP_SIZE, sans=True, colour=st.MUTED)
    for i, (info, _style) in enumerate(legend_kinds(pal)):
        if i:
            st.write(cursor, "   ", small)
        levels = (0.9, 0.1) if info.kind == highlight.SOME else (1.0,)
        for level in levels:
            st.write_runs(cursor, (highlight.Run(_SHORT.get(info.kind, info.short.lower()), info.kind, level),), pal,
                          st.char(STRIP_SIZE, sans=True))
            if level != levels[-1]:
                st.write(cursor, "→", small)
    struck = st.char(STRIP_SIZE, sans=True)
    struck.merge(deleted_format(pal))
    st.write(cursor, "   ", small)
    st.write(cursor, "cut", struck)
    st.write(cursor, f" from {reference}   ", small)
    st.write(cursor, "▌", st.char(STRIP_SIZE, sans=True, bold=True, colour=pal.bar))
    st.write(cursor, " changed   ", small)
    st.badge(cursor, "F1", STRIP_SIZE * 0.9, pal)
    st.write(cursor, "finding", small)
    st.done(doc)
    doc.setTextWidth(min(width, doc.idealWidth() + 2))  # as wide as its one line: the footer centres it
    return doc


def swatch_rects(doc: QTextDocument) -> dict[str, QRectF]:
    """Where each kind's swatch sits in a full legend (document coordinates), keyed by kind."""
    out: dict[str, QRectF] = {}
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        kind = block.blockFormat().property(PROP_SWATCH)
        if kind:
            line = block.layout().lineAt(0)
            rect = layout.blockBoundingRect(block)
            out[str(kind)] = QRectF(rect.left(), rect.top() + line.y(), line.naturalTextWidth(), line.height())
        block = block.next()
    return out
