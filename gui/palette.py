"""Highlight colours and non-colour cues for shared/unique text, in colour-blind-safe palettes."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from copydesk.core.model import Span


@dataclass(frozen=True)
class Scheme:
    """One palette: hues for each kind of content and for the review markers."""

    name: str
    label: str
    shared_all: str
    shared_some: str
    unique: str
    unique_line: str
    current: str
    linked: str


# Okabe & Ito (2008) hues stay distinct for the common colour-vision deficiencies.
SCHEMES: dict[str, Scheme] = {s.name: s for s in (
    Scheme("default", "Blue / orange (Okabe–Ito)", "#56B4E9", "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#009E73"),
    Scheme("contrast", "High contrast (blue / yellow)", "#6CA0DC", "#1F4E9A", "#F0E442", "#8A6D00", "#D55E00", "#009E73"),
    Scheme("mono", "Greyscale (cues only)", "#B8B8B8", "#8A8A8A", "#FFFFFF", "#202020", "#404040", "#707070"),
)}

KIND_ALL, KIND_SOME, KIND_UNIQUE, KIND_BOILER = "all", "some", "unique", "boilerplate"


def scheme(name: str) -> Scheme:
    """The named scheme, or the default one for an unknown name."""
    return SCHEMES.get(name, SCHEMES["default"])


def span_kind(span: Span, others: int) -> str:
    """Classify a span: shared by all other articles, by some, or unique."""
    if not span.shared_with:
        return KIND_UNIQUE
    return KIND_ALL if len(span.shared_with) >= others else KIND_SOME


def tint(hex_colour: str, alpha: float) -> QColor:
    """A translucent colour, so highlights read on both light and dark backgrounds."""
    colour = QColor(hex_colour)
    colour.setAlphaF(max(0.0, min(1.0, alpha)))
    return colour


def span_format(sch: Scheme, kind: str, share: float = 1.0, dark: bool = False) -> QTextCharFormat:
    """Character format for a span kind; share in (0, 1] scales the 'shared by some' intensity."""
    fmt = QTextCharFormat()
    if kind == KIND_ALL:
        fmt.setBackground(tint(sch.shared_all, 0.34 if dark else 0.30))
    elif kind == KIND_SOME:
        fmt.setBackground(tint(sch.shared_some, (0.14 + 0.22 * share) if dark else (0.07 + 0.16 * share)))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(sch.shared_all if dark else sch.shared_some))
    elif kind == KIND_UNIQUE:
        fmt.setBackground(tint(sch.unique, 0.22 if dark else 0.28))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(sch.unique if dark else sch.unique_line))
    elif kind == KIND_BOILER:
        fmt.setForeground(QColor("#7A7A7A" if dark else "#8C8C8C"))
        fmt.setFontItalic(True)
    return fmt


def format_for_span(sch: Scheme, span: Span, others: int, dark: bool) -> QTextCharFormat:
    """The format of one engine span, with a tooltip naming the articles sharing it."""
    kind = span_kind(span, others)
    share = len(span.shared_with) / others if others else 1.0
    return span_format(sch, kind, share, dark)


def share_tooltip(shared_with: Sequence[int], names: Sequence[str]) -> str:
    """Rich-text tooltip listing the articles that carry a span (names are escaped: they are data)."""
    others = len(names) - 1
    if not shared_with:
        return "<b>Only in this article</b>"
    head = "Shared by all articles" if len(shared_with) >= others else f"Also in {len(shared_with)} of {others}"
    items = "".join(f"<br>• {html.escape(names[i])}" for i in shared_with if 0 <= i < len(names))
    return f"<b>{head}</b>{items}"


def title_format() -> QTextCharFormat:
    """Headline paragraphs: bold and slightly larger, relative so zoom keeps working."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.DemiBold)
    fmt.setProperty(QTextCharFormat.Property.FontSizeAdjustment, 1)
    return fmt


LEGEND = (
    (KIND_ALL, "Shared by all"),
    (KIND_SOME, "By some"),
    (KIND_UNIQUE, "Unique"),
    (KIND_BOILER, "Boilerplate"),
)
