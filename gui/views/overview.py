"""A narrow strip beside a pane: where shared and unique content sits, and where review stands; click to jump.

Also how a review mark looks wherever it is shown (the panes' badges, the strips' ticks, the grid's
row badges): text and shape say what the colour says, so it reads without colour too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QSizePolicy, QWidget

from copydesk.core import highlight
from copydesk.core.differences import Difference
from copydesk.core.model import ParaRef
from copydesk.core.review import Mark
from copydesk.gui import palette

Segment = tuple[float, float, str]
"""(start, end) as fractions of a paragraph's text, and the palette kind of that run."""

VERDICT_TAGS = {"ok": "OK", "error": "Error", "check": "Check", "legal": "Legal"}
NOTE_ICON = "\u270e"  # ✎
SHAPES = {"": "circle", "ok": "circle", "error": "triangle", "check": "diamond", "legal": "square"}
"""The strip's shape per verdict ('' = reviewed without one); an unreviewed difference is a ring."""
STRIP_LEGEND = "Review: \u25cf reviewed or OK \u00b7 \u25b2 error \u00b7 \u25c6 check \u00b7 \u25a0 legal \u00b7 \u25cb not yet"


@dataclass(frozen=True)
class MarkLook:
    """How one difference's review mark shows: a tag's text, a hue, filled once reviewed, a shape for the strips."""

    text: str  # "✓", "OK", "Error", "Check", "Legal", with " ✎" for a note; "" for an unmarked difference
    colour: str  # a hue of the palette scheme
    reviewed: bool
    shape: str  # "circle" | "triangle" | "diamond" | "square" | "ring"

    @property
    def shown(self) -> bool:
        """Whether the panes and the grid show a badge (a strip shows every difference)."""
        return bool(self.text)


def mark_look(sch: palette.Scheme, mark: Mark) -> MarkLook:
    """The look of a mark in a scheme: hue by verdict (reviewed without one: the scheme's 'linked' hue)."""
    hues = {"ok": sch.linked, "error": sch.unique_line, "check": sch.unique, "legal": sch.shared_some}
    tag = VERDICT_TAGS.get(mark.verdict, mark.verdict) if mark.verdict else ("\u2713" if mark.reviewed else "")
    if mark.note:
        tag = f"{tag} {NOTE_ICON}".strip()
    shape = SHAPES.get(mark.verdict, "circle") if mark.reviewed else "ring"
    return MarkLook(tag, hues.get(mark.verdict, sch.linked), mark.reviewed, shape)


@dataclass(frozen=True)
class ReviewMarks:
    """Every difference's mark by where it is shown: paragraph badges, strip ticks per article, grid rows."""

    badges: dict[ParaRef, MarkLook] = field(default_factory=dict)  # paragraphs of marked differences
    ticks: dict[int, list[tuple[int, MarkLook]]] = field(default_factory=dict)  # article -> (paragraph, look)
    rows: dict[int, MarkLook] = field(default_factory=dict)  # group -> look, marked differences only

    def badges_of(self, article: int) -> dict[int, MarkLook]:
        """The badges of one article's paragraphs."""
        return {p: look for (a, p), look in self.badges.items() if a == article}


def review_marks(differences: Iterable[Difference], mark_of: Callable[[str], Mark],
                 sch: palette.Scheme) -> ReviewMarks:
    """Where each difference's mark shows: one tick per difference and article (at its first paragraph there)."""
    out = ReviewMarks()
    for d in differences:
        look = mark_look(sch, mark_of(d.key))
        firsts: dict[int, int] = {}
        for a, p in sorted(d.refs):
            firsts.setdefault(a, p)
            if look.shown:
                out.badges[(a, p)] = look
        for a, p in firsts.items():
            out.ticks.setdefault(a, []).append((p, look))
        if look.shown:
            out.rows[d.group] = look
    return out


def badge_font() -> QFont:
    """The small bold UI font of the badges (the reading font's zoom does not change it)."""
    font = QFont()
    font.setPointSizeF(7.5)
    font.setWeight(QFont.Weight.DemiBold)
    return font


BADGE_HEIGHT = 14.0


def badge_rect(look: MarkLook, right: float, centre_y: float, font: QFont | None = None) -> QRectF:
    """Where a badge ending at right and centred on centre_y is painted."""
    width = QFontMetricsF(font or badge_font()).horizontalAdvance(look.text) + 10
    return QRectF(right - width, centre_y - BADGE_HEIGHT / 2, width, BADGE_HEIGHT)


def paint_visible_badges(painter: QPainter, view: QAbstractScrollArea, looks: Mapping[Any, MarkLook],
                         rect_of: Callable[[Any], Optional[QRectF]], dark: bool) -> None:
    """Paint the badge of every marked item (paragraph or row) whose rectangle shows in view's viewport."""
    page = view.palette().color(view.viewport().backgroundRole())
    for item, look in looks.items():
        rect = rect_of(item)
        if rect is not None and rect.bottom() >= 0 and rect.top() <= view.viewport().height():
            paint_badge(painter, rect, look, dark, page)


def paint_badge(painter: QPainter, rect: QRectF, look: MarkLook, dark: bool, background: QColor) -> None:
    """A small rounded tag: filled in its hue once reviewed, outlined otherwise; text in a readable ink."""
    hue = QColor(look.colour)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if look.reviewed:
        fill, ink = hue, _readable_ink(hue)
        edge = QColor("#FFFFFF" if dark else "#000000")
        edge.setAlphaF(0.45 if dark else 0.25)  # separates a fill close to the page colour (greyscale scheme)
    else:  # opaque page colour: reads over the current-difference frame; the outline carries the hue
        fill, ink = background, QColor("#E4E4E6" if dark else "#1D1D1F")
        edge = hue if _contrast(hue, background) >= 1.6 else ink
    painter.setPen(QPen(edge, 1))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
    painter.setPen(ink)
    painter.setFont(badge_font())
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), look.text)
    painter.restore()


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _readable_ink(fill: QColor) -> QColor:
    """Black or white, whichever reads better on fill."""
    black, white = QColor("#111111"), QColor("#FFFFFF")
    return black if _contrast(black, fill) >= _contrast(white, fill) else white


class OverviewStrip(QWidget):
    """Draws every paragraph's runs at their place in the document, the visible window and markers."""

    jump_requested = Signal(float)  # fraction of the document height

    WIDTH = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(self.WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: shared and unique content in this article. Click to jump.")
        self._blocks: list[tuple[float, float, list[Segment]]] = []  # (top, bottom) fractions + runs
        self._window = (0.0, 1.0)
        self._markers: list[float] = []
        self._scheme = palette.scheme("default")
        self._dark = False
        self._ticks: list[tuple[int, MarkLook]] = []  # (paragraph, look) of each difference in this article
        self._locate: Callable[[int], Optional[float]] = lambda _p: None

    def set_data(self, blocks: list[tuple[float, float, list[Segment]]], sch: palette.Scheme, dark: bool) -> None:
        """Replace the paragraph layout (fractions of document height) and its runs."""
        self._blocks, self._scheme, self._dark = blocks, sch, dark
        self.update()

    def set_window(self, top: float, bottom: float) -> None:
        """The part of the document the pane currently shows."""
        self._window = (top, bottom)
        self.update()

    def set_markers(self, fractions: list[float]) -> None:
        """Positions of the current difference / selection, drawn as ticks."""
        self._markers = fractions
        self.update()

    def set_review_marks(self, ticks: list[tuple[int, MarkLook]], locate: Callable[[int], Optional[float]]) -> None:
        """One tick per difference: (paragraph, look); locate gives a paragraph's height fraction at paint time."""
        self._ticks, self._locate = list(ticks), locate
        tip = "Overview: shared and unique content in this article. Click to jump."
        self.setToolTip(f"{tip}\n{STRIP_LEGEND}" if ticks else tip)
        self.update()

    def review_ticks(self) -> list[tuple[float, MarkLook]]:
        """(height fraction, look) of each tick as painted (for tests)."""
        placed = ((self._locate(p), look) for p, look in self._ticks)
        return [(y, look) for y, look in placed if y is not None]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Paint the runs, then the visible window, then the markers."""
        p = QPainter(self)
        h, w = self.height(), self.width()
        p.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(104 if not self._dark else 90))
        for top, bottom, runs in self._blocks:
            span = (bottom - top) * h
            for start, end, kind in runs:
                y0, y1 = top * h + start * span, top * h + end * span
                colour = palette.kind_colour(self._scheme, kind)
                colour.setAlphaF(0.35 if kind == highlight.BOILERPLATE else 0.9)
                p.fillRect(QRectF(3, y0, w - 6, max(1.0, y1 - y0)), colour)
        top, bottom = self._window
        frame = QColor("#000000" if not self._dark else "#FFFFFF")
        frame.setAlphaF(0.16)
        p.fillRect(QRectF(0, top * h, w, max(6.0, (bottom - top) * h)), frame)
        marker = QColor(self._scheme.current)
        for y in self._markers:
            p.fillRect(QRectF(0, y * h - 1.5, w, 3), marker)
        self._paint_ticks(p)
        p.end()

    def _paint_ticks(self, p: QPainter) -> None:
        """Review ticks over everything: a shape per verdict, filled once reviewed, a ring until then."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        page = self.palette().color(self.backgroundRole())
        ring = QColor("#B0B0B4" if self._dark else "#6E6E73")
        h, x = self.height(), self.width() / 2
        for y, look in self.review_ticks():
            centre = QPointF(x, y * h)
            if look.reviewed:
                p.setPen(QPen(page, 1.2))  # a halo so the tick stands out on the coloured runs
                p.setBrush(QColor(look.colour))
                p.drawPath(shape_path(look.shape, centre, 4.5))
            else:  # small and hollow: many of them must not drown the runs
                p.setPen(QPen(ring, 1.2))
                p.setBrush(page)
                p.drawPath(shape_path("circle", centre, 2.6))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Jump to the clicked place."""
        self._jump(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Dragging keeps jumping, like a scroll bar."""
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)

    def _jump(self, event: QMouseEvent) -> None:
        if self.height() > 0:
            self.jump_requested.emit(max(0.0, min(1.0, event.position().y() / self.height())))


def shape_path(name: str, at: QPointF, r: float) -> QPainterPath:
    """A small closed shape of radius r centred at at (the strips' ticks, the Differences dock's icons)."""
    path = QPainterPath()
    x, y = at.x(), at.y()
    if name == "triangle":
        path.moveTo(x, y - r)
        path.lineTo(x + r, y + r * 0.8)
        path.lineTo(x - r, y + r * 0.8)
        path.closeSubpath()
    elif name == "diamond":
        path.moveTo(x, y - r)
        path.lineTo(x + r, y)
        path.lineTo(x, y + r)
        path.lineTo(x - r, y)
        path.closeSubpath()
    elif name == "square":
        path.addRect(QRectF(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6))
    else:
        path.addEllipse(at, r, r)
    return path
