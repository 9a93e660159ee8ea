"""How each highlight kind looks: colours and non-colour cues, in colour-blind-safe palettes.

Which kind a stretch of text is, and what the legend calls it, is decided in copydesk.core.highlight;
this module only gives each kind its look.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from copydesk.core import highlight
from copydesk.core.counterparts import Counterpart


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
    reworded: str = "#009E73"  # content other versions carry in other words: a light tint, with a wavy underline
    reworded_line: str = "#006B4E"


# Okabe & Ito (2008) hues stay distinct for the common colour-vision deficiencies.
SCHEMES: dict[str, Scheme] = {s.name: s for s in (
    Scheme("default", "Blue / orange (Okabe–Ito)", "#56B4E9", "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#009E73"),
    Scheme("contrast", "High contrast (blue / yellow)", "#6CA0DC", "#1F4E9A", "#F0E442", "#8A6D00", "#D55E00",
           "#009E73", "#009E73", "#00523C"),
    Scheme("mono", "Greyscale (cues only)", "#B8B8B8", "#8A8A8A", "#FFFFFF", "#202020", "#404040", "#707070",
           "#D6D6D6", "#404040"),
)}


def scheme(name: str) -> Scheme:
    """The named scheme, or the default one for an unknown name."""
    return SCHEMES.get(name, SCHEMES["default"])


def tint(hex_colour: str, alpha: float) -> QColor:
    """A translucent colour, so highlights read on both light and dark backgrounds."""
    colour = QColor(hex_colour)
    colour.setAlphaF(max(0.0, min(1.0, alpha)))
    return colour


def kind_format(sch: Scheme, kind: str, level: float = 1.0, dark: bool = False) -> QTextCharFormat:
    """Character format of a highlight kind; level in (0, 1] scales the 'shared by some' intensity."""
    fmt = QTextCharFormat()
    # 'Shared by some' must not read as 'shared by all': on light paper it is the darker of the two (its deep
    # hue at a higher alpha), on dark paper the dimmer; tests/gui/test_small_things.py measures the gap.
    if kind == highlight.ALL:
        fmt.setBackground(tint(sch.shared_all, 0.34 if dark else 0.22))
    elif kind == highlight.SOME:
        fmt.setBackground(tint(sch.shared_some, (0.14 + 0.22 * level) if dark else (0.24 + 0.16 * level)))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(sch.shared_all if dark else sch.shared_some))
    elif kind == highlight.REWORDED:
        # not the 'only here' look: its own hue, lighter, and a wavy underline that reads without colour
        fmt.setBackground(tint(sch.reworded, 0.22 if dark else 0.16))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(sch.reworded if dark else sch.reworded_line))
    elif kind == highlight.UNIQUE:
        fmt.setBackground(tint(sch.unique, 0.22 if dark else 0.28))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(sch.unique if dark else sch.unique_line))
    elif kind == highlight.BOILERPLATE:
        fmt.setForeground(QColor("#7A7A7A" if dark else "#8C8C8C"))
        fmt.setFontItalic(True)
    return fmt


def kind_colour(sch: Scheme, kind: str) -> QColor:
    """The opaque hue of a kind, for small marks such as the overview strips."""
    hues = {highlight.ALL: sch.shared_all, highlight.SOME: sch.shared_some, highlight.REWORDED: sch.reworded,
            highlight.UNIQUE: sch.unique}
    return QColor(hues.get(kind, "#9A9A9A"))


def run_tooltip(run: highlight.Run, others: int, names: Sequence[str]) -> str:
    """Rich-text tooltip naming a run's kind and the articles that carry it (names are escaped: data)."""
    label = highlight.LEGEND_BY_KIND[run.kind].label if run.kind in highlight.LEGEND_BY_KIND else ""
    if run.kind == highlight.UNIQUE:
        return f"<b>{label}</b>: only in this article"
    if run.kind == highlight.REWORDED:
        return f"<b>{label}</b>: other versions carry this in other words"
    count = f" ({len(run.carriers)} of {others} other articles)" if run.kind == highlight.SOME else ""
    carriers = [i for i in run.carriers if 0 <= i < len(names)]
    items = "".join(f"<br>• {html.escape(names[i])}" for i in carriers[:NAMES_LISTED])
    if len(carriers) > NAMES_LISTED:  # a tooltip naming 500 versions helps nobody and costs a render
        items += f"<br>… and {len(carriers) - NAMES_LISTED} others"
    return f"<b>{label}</b>{count}{items}"


NAMES_LISTED = 12
"""Articles a tooltip names one by one; the rest are only counted."""


def listed_numbers(indices: Sequence[int], numbers: Sequence[str]) -> str:
    """'#2, #4, #7' for at most NAMES_LISTED articles, then '… and 488 others'."""
    known = [numbers[a] for a in indices if 0 <= a < len(numbers)]
    head = ", ".join(known[:NAMES_LISTED])
    return head + (f", … and {len(known) - NAMES_LISTED} others" if len(known) > NAMES_LISTED else "")


def title_format() -> QTextCharFormat:
    """Headline paragraphs: bold and slightly larger, relative so zoom keeps working."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.DemiBold)
    fmt.setProperty(QTextCharFormat.Property.FontSizeAdjustment, 1)
    return fmt


COUNTERPARTS_SHOWN = 4
"""Versions whose wording a reworded run's tooltip quotes; the rest are only counted."""


def reworded_tooltip(run: highlight.Run, counterparts: Sequence[Counterpart], numbers: Sequence[str]) -> str:
    """Rich-text lines saying which versions carry a run's content in other words, and how they put it.

    'Reworded in #2, #4 — ‘sending troops to the site’ vs ‘troops on the ground’', then each version's
    wording of the sentence. Article text is data: everything quoted is escaped.
    """
    if not run.reworded:
        return ""
    said = {cp.article: cp for cp in counterparts}
    listed = listed_numbers(run.reworded, numbers)
    head = f"Reworded in {listed}"
    first = next((said[a] for a in run.reworded if a in said and said[a].fragment), None)
    if first is not None:
        head += f" — ‘{_clip(run.text)}’ vs ‘{_clip(first.fragment)}’"
    lines = [html.escape(head)]
    for a in run.reworded[:COUNTERPARTS_SHOWN]:
        if a in said and 0 <= a < len(numbers):
            lines.append(f"• {html.escape(numbers[a])}: “{html.escape(_clip(said[a].text, 140))}”")
    if len(run.reworded) > COUNTERPARTS_SHOWN:
        lines.append(f"… and {len(run.reworded) - COUNTERPARTS_SHOWN} more")
    return "<br>" + "<br>".join(lines)


def _clip(text: str, limit: int = 60) -> str:
    """One line of at most limit characters, cut at a word."""
    flat = " ".join(text.split()).strip("\"“”'‘’ ")
    if len(flat) <= limit:
        return flat
    return (flat[:limit].rsplit(" ", 1)[0] or flat[:limit]) + "…"
