"""Render an article's paragraphs and highlight spans into a QTextDocument (no widgets here)."""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from copydesk.core import highlight
from copydesk.core.counterparts import counterparts
from copydesk.core.model import Comparison, ParaRef
from copydesk.gui import palette
from copydesk.gui.rich_text import LINE_BREAKS
from copydesk.gui.text_offsets import OffsetMap
from copydesk.gui.views.run_looks import article_names, origin_of, paragraph_look

__all__ = ["KIND_PROPERTY", "REWORDED_PROPERTY", "RenderStyle", "RenderedArticle", "article_names", "origin_of",
           "insert_paragraph", "paragraph_block_format", "render_article", "tooltip_at", "format_at"]


KIND_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
"""Character-format property holding the core.highlight kind of the text it formats."""

REWORDED_PROPERTY = int(QTextFormat.Property.UserProperty) + 2
"""Character-format property 'article:paragraph:start:end' of a reworded run, for its lazy tooltip lines."""


@dataclass
class RenderStyle:
    """What the renderer needs besides the data: palette, dark mode, boilerplate visibility."""

    scheme: palette.Scheme
    dark: bool = False
    show_boilerplate: bool = True


@dataclass
class RenderedArticle:
    """Where each paragraph of one article landed in its document."""

    article: int
    blocks: dict[int, int] = field(default_factory=dict)  # paragraph -> block number
    offsets: dict[int, OffsetMap] = field(default_factory=dict)

    def position(self, doc: QTextDocument, paragraph: int, offset: int = 0) -> int | None:
        """Document position (UTF-16) of a code-point offset inside a paragraph, or None if not shown."""
        number = self.blocks.get(paragraph)
        if number is None:
            return None
        return doc.findBlockByNumber(number).position() + self.offsets[paragraph].to_utf16(offset)


def paragraph_block_format(is_title: bool) -> QTextBlockFormat:
    """Readable prose: generous line height and paragraph spacing."""
    fmt = QTextBlockFormat()
    fmt.setLineHeight(138, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    fmt.setBottomMargin(14 if is_title else 10)
    fmt.setLeftMargin(12)
    fmt.setRightMargin(4)
    return fmt


def insert_paragraph(cursor: QTextCursor, c: Comparison, ref: ParaRef, style: RenderStyle,
                     names: list[str]) -> OffsetMap:
    """Insert one paragraph's highlight runs (core.highlight) at the cursor, as plain text, never markup."""
    para = c.paragraph(ref)
    base = palette.title_format() if para.is_title else QTextCharFormat()
    for run, tip in paragraph_look(c, ref, names):
        fmt = QTextCharFormat(_kind_format(style.scheme, run.kind, round(run.level, 2), style.dark))
        fmt.merge(base)
        fmt.setProperty(KIND_PROPERTY, run.kind)
        if tip:
            fmt.setToolTip(tip)
        if run.reworded and run.kind != highlight.BOILERPLATE:  # its word diff runs only when the tip is shown
            fmt.setProperty(REWORDED_PROPERTY, f"{ref[0]}:{ref[1]}:{run.start}:{run.end}")
        cursor.insertText(run.text.translate(LINE_BREAKS), fmt)
    return OffsetMap(para.text)


@functools.lru_cache(maxsize=512)
def _kind_format(sch: palette.Scheme, kind: str, level: float, dark: bool) -> QTextCharFormat:
    """palette.kind_format, made once per look (a pane of a big folder has thousands of runs; callers copy it)."""
    return palette.kind_format(sch, kind, level, dark)


def tooltip_at(c: Comparison | None, doc: QTextDocument, position: int) -> str:
    """The full tooltip of the character at a document position: its format's, plus reworded lines built now."""
    fmt = format_at(doc, position)
    if fmt is None:
        return ""
    tip = fmt.toolTip()
    key = fmt.property(REWORDED_PROPERTY)
    if c is None or not isinstance(key, str):
        return tip
    a, p, start, end = (int(x) for x in key.split(":"))
    if not (0 <= a < len(c.articles)):
        return tip
    run = next((r for r in highlight.paragraph_runs(c, (a, p)) if r.start == start and r.end == end), None)
    return tip + (_reworded_lines(c, (a, p), run) if run is not None else "")


def format_at(doc: QTextDocument, position: int) -> QTextCharFormat | None:
    """The character format of the fragment holding a document position, or None between fragments."""
    block = doc.findBlock(position)
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.contains(position):
            return frag.charFormat()
        it += 1
    return None


def _reworded_lines(c: Comparison, ref: ParaRef, run: highlight.Run) -> str:
    """The tooltip lines of a run other versions carry in other words: who, and how they put it."""
    if not run.reworded:
        return ""
    shown = run.reworded[:palette.COUNTERPARTS_SHOWN]
    found = counterparts(c, ref, run.start, run.end, shown)
    return palette.reworded_tooltip(run, found, [a.number for a in c.articles])


def render_article(doc: QTextDocument, c: Comparison, article: int, style: RenderStyle) -> RenderedArticle:
    """Fill doc with one article in its own order; boilerplate is dimmed or left out."""
    doc.clear()
    names = article_names(c)
    result = RenderedArticle(article)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    first = True
    for para in c.articles[article].paragraphs:
        if para.boilerplate and not style.show_boilerplate:
            continue
        block_fmt = paragraph_block_format(para.is_title)
        if first:
            cursor.setBlockFormat(block_fmt)
            first = False
        else:
            cursor.insertBlock(block_fmt, QTextCharFormat())
        cursor.block().setUserState(para.index)
        result.blocks[para.index] = cursor.blockNumber()
        result.offsets[para.index] = insert_paragraph(cursor, c, (article, para.index), style, names)
    cursor.endEditBlock()
    return result
