"""Print palettes: how each highlight kind looks on paper, in colour, high contrast or greyscale.

Screen tints (gui/palette.py) land between 223 and 236 of 255 in grey, a tint office printers drop.
Here every kind is told apart by lightness first, then by a cue that survives a photocopy (bold, an
underline style, a strike): "shared by all" is unmarked, "shared by some" a tint graded by how many
versions carry the words (the fewer, the darker), "reworded" a light tint with a dotted underline,
"only here" the darkest tint with bold and a solid underline, boilerplate grey italics. Kinds come
from core.highlight.LEGEND; a kind this module does not know yet still prints (as plain text).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional, Union

from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat

from copydesk.core import highlight

REWORDED = "reworded"  # core.highlight's kind for content other versions carry in other words
PALETTES_ORDER = ("default", "high-contrast", "greyscale")
_BY_APP_SCHEME = {"default": "default", "contrast": "high-contrast", "mono": "greyscale"}


@dataclass(frozen=True)
class PrintStyle:
    """The look of one kind on paper: a fill (graded from fill to fill_few for 'some'), cues, words."""

    fill: Optional[str] = None  # many versions carry it (or the only fill)
    fill_few: Optional[str] = None  # 'some': the fill when few versions carry it
    underline: str = "none"  # none, solid, dotted, dash
    underline_colour: str = "#000000"
    bold: bool = False
    italic: bool = False
    ink: Optional[str] = None
    looks: str = "unmarked"  # how the legend describes the look, in words
    meaning: str = ""  # replaces core.highlight's meaning when the print grading differs


@dataclass(frozen=True)
class PrintPalette:
    """One print palette: a style per kind, the struck-word style, change bars and finding badges."""

    name: str
    label: str
    styles: dict[str, PrintStyle] = field(hash=False)
    deleted_ink: str = "#8A8A8A"
    bar: str = "#3A3A3A"  # the change bar in the margin
    badge_fill: str = "#2B2B2B"  # finding numbers (F3): light text on this
    badge_ink: str = "#FFFFFF"

    def style(self, kind: str) -> PrintStyle:
        """The style of a kind (plain for a kind this palette does not know)."""
        return self.styles.get(kind, PrintStyle())


_SOME_MEANING = "some other versions carry these words; the fewer of them, the darker the tint"


def _palette(name: str, label: str, some: PrintStyle, reworded: PrintStyle, unique: PrintStyle,
             boilerplate_ink: str = "#777777", **furniture: str) -> PrintPalette:
    """A palette from what differs between palettes; every palette leaves "shared by all" unmarked, prints
    boilerplate in grey italics and grades "some" (its meaning says how)."""
    return PrintPalette(name, label, {
        highlight.ALL: PrintStyle(),
        highlight.SOME: replace(some, meaning=_SOME_MEANING),
        REWORDED: reworded,
        highlight.UNIQUE: unique,
        highlight.BOILERPLATE: PrintStyle(ink=boilerplate_ink, italic=True, looks="grey italics"),
    }, **furniture)


PALETTES: dict[str, PrintPalette] = {p.name: p for p in (
    _palette("default", "Colour",
             some=PrintStyle("#DCEBF7", "#A8CDEB", looks="blue tint, darker = fewer versions"),
             reworded=PrintStyle("#E3F1DD", underline="dotted", underline_colour="#2F7D3A",
                                 looks="light green tint, dotted underline"),
             unique=PrintStyle("#EFA443", underline="solid", underline_colour="#8A3C00", bold=True,
                               looks="orange tint, bold, solid underline"),
             bar="#B34700"),
    _palette("high-contrast", "High contrast",
             some=PrintStyle("#CFE0F5", "#A9C6EA", underline="dash", underline_colour="#1F4E9A",
                             looks="blue tint (darker = fewer versions), dashed underline"),
             reworded=PrintStyle("#FFF3B0", underline="dotted", underline_colour="#000000",
                                 looks="pale yellow tint, dotted underline"),
             unique=PrintStyle("#E0A800", underline="solid", underline_colour="#000000", bold=True,
                               looks="deep yellow tint, bold, solid underline"),
             boilerplate_ink="#5A5A5A", deleted_ink="#5A5A5A", bar="#000000", badge_fill="#000000"),
    _palette("greyscale", "Greyscale",
             some=PrintStyle("#E6E6E6", "#C4C4C4", looks="grey tint, darker = fewer versions"),
             reworded=PrintStyle("#F0F0F0", underline="dotted", underline_colour="#303030",
                                 looks="faint tint, dotted underline"),
             unique=PrintStyle("#A8A8A8", underline="solid", underline_colour="#000000", bold=True,
                               looks="dark tint, bold, solid underline"),
             bar="#000000"),
)}

PaletteChoice = Union["PrintPalette", str, None, object]


def print_palette(choice: PaletteChoice = None) -> PrintPalette:
    """The print palette for a name ('default', 'high-contrast', 'greyscale'), an app palette.Scheme or None."""
    if isinstance(choice, PrintPalette):
        return choice
    name = choice if isinstance(choice, str) else getattr(choice, "name", "default")
    return PALETTES.get(_BY_APP_SCHEME.get(str(name), str(name)), PALETTES["default"])


def _mix(many: str, few: str, level: float) -> QColor:
    """The fill for words carried by a share `level` of the others: few -> `few`, all but one -> `many`."""
    t = max(0.0, min(1.0, level))
    a, b = QColor(few), QColor(many)
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


_UNDERLINES = {"solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
               "dotted": QTextCharFormat.UnderlineStyle.DotLine,
               "dash": QTextCharFormat.UnderlineStyle.DashUnderline}


def kind_format(pal: PrintPalette, kind: str, level: float = 1.0) -> QTextCharFormat:
    """The opaque character format of a kind on paper; level (0, 1] grades 'some' (share of others carrying)."""
    fmt = QTextCharFormat()
    if kind == highlight.PLAIN:
        return fmt
    s = pal.style(kind)
    if s.fill and s.fill_few:
        fmt.setBackground(QBrush(_mix(s.fill, s.fill_few, level or 1.0)))
    elif s.fill:
        fmt.setBackground(QBrush(QColor(s.fill)))
    if s.underline in _UNDERLINES:
        fmt.setUnderlineStyle(_UNDERLINES[s.underline])
        fmt.setUnderlineColor(QColor(s.underline_colour))
    if s.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if s.italic:
        fmt.setFontItalic(True)
    if s.ink:
        fmt.setForeground(QBrush(QColor(s.ink)))
    return fmt


def deleted_format(pal: PrintPalette) -> QTextCharFormat:
    """Words the version dropped: struck through, muted, so they read as absent."""
    fmt = QTextCharFormat()
    fmt.setFontStrikeOut(True)
    fmt.setForeground(QBrush(QColor(pal.deleted_ink)))
    return fmt


def legend_kinds(pal: PrintPalette) -> list[tuple[highlight.KindInfo, PrintStyle]]:
    """The kinds core.highlight lists, in its order, each with this palette's style."""
    return [(info, pal.style(info.kind)) for info in highlight.LEGEND]
