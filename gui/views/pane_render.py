"""Render an article's paragraphs and highlight spans into a QTextDocument (no widgets here)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from copydesk.core import highlight
from copydesk.core.counterparts import counterparts
from copydesk.core.model import Comparison, ParaRef
from copydesk.gui import palette
from copydesk.gui.rich_text import LINE_BREAKS
from copydesk.gui.text_offsets import OffsetMap


KIND_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
"""Character-format property holding the core.highlight kind of the text it formats."""


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


def article_names(c: Comparison) -> list[str]:
    """How each article is named in tooltips and grid headers: '#3 Headline' (core.model.Article.label)."""
    return [a.label(70) for a in c.articles]


def origin_of(c: Comparison, ref: ParaRef) -> ParaRef | None:
    """The paragraph a shared paragraph most likely came from (the checks' ArticleDelta.origins), if known."""
    delta = next((d for d in c.deltas if d.article == ref[0]), None)
    return next((o for own, o in delta.origins if own == ref), None) if delta is not None else None


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
    origin = origin_of(c, ref)
    source = f"<br><i>Likely taken from {html.escape(names[origin[0]])}</i>" if origin else ""
    others = len(c.articles) - 1
    for run in highlight.paragraph_runs(c, ref):
        fmt = palette.kind_format(style.scheme, run.kind, run.level, style.dark)
        fmt.merge(base)
        fmt.setProperty(KIND_PROPERTY, run.kind)
        if run.kind == highlight.BOILERPLATE:
            fmt.setToolTip(f"<b>Boilerplate</b><br>{html.escape(para.boilerplate_reason or 'page furniture')}")
        elif run.kind != highlight.PLAIN:
            fmt.setToolTip(palette.run_tooltip(run, others, names) + (source if run.carriers else "")
                           + _reworded_lines(c, ref, run))
        cursor.insertText(run.text.translate(LINE_BREAKS), fmt)
    return OffsetMap(para.text)


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
