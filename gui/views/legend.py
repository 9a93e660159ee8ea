"""The legend: what each highlight, underline and marker means, drawn with the live palette.

In a narrow window it turns compact (swatches only, the words in their tooltips), and if even that does
not fit beside the toolbar's buttons the buttons drop their text, so the toolbar never hides the legend
nor forces the window wider.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSpacerItem, QToolBar, QWidget

from copydesk.core import highlight
from copydesk.gui import palette

_W, _H = 30, 16
_GAP = 6  # between entries of the full legend (seven of them must fit beside the buttons at 1500 px)
_COMPACT_GAP = 2  # between swatches of the compact one
_SLACK = 16  # kept free in the toolbar so rounding never pushes the legend into the overflow menu


def swatch(sch: palette.Scheme, kind: str, dark: bool, ratio: float = 1.0) -> QPixmap:
    """A small sample of one highlight (background and underline cue), or of a marker."""
    pix = QPixmap(_W * 2, _H * 2)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1, 1, _W - 2, _H - 2)
    if kind == "current":
        p.setPen(QPen(QColor(sch.current), 2))
        p.drawRoundedRect(box.adjusted(1, 1, -1, -1), 3, 3)
    elif kind == "linked":
        p.fillRect(QRectF(2, 1, 4, _H - 2), QColor(sch.linked))
    else:
        fmt = palette.kind_format(sch, kind, ratio, dark)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fmt.background())
        p.drawRoundedRect(box, 3, 3)
        text_colour = QColor("#8C8C8C") if kind == highlight.BOILERPLATE else QColor("#E4E4E6" if dark else "#1D1D1F")
        p.setPen(text_colour)
        font = p.font()
        font.setPointSizeF(8)
        font.setItalic(kind == highlight.BOILERPLATE)
        p.setFont(font)
        p.drawText(box.adjusted(0, -1, 0, -1), Qt.AlignmentFlag.AlignCenter, "Aa")
        style = fmt.underlineStyle()
        if style != fmt.UnderlineStyle.NoUnderline:
            # Thicker than in the text and across the whole swatch: at legend size a 1 px line of dots vanishes.
            pen = QPen(fmt.underlineColor(), 2.0)
            if style == fmt.UnderlineStyle.DotLine:
                pen.setStyle(Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([1.0, 1.0])
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            if style == fmt.UnderlineStyle.WaveUnderline:
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(_wave(4, _W - 4, _H - 3))
            else:
                p.drawLine(4, _H - 3, _W - 4, _H - 3)
    p.end()
    return pix


def _wave(x0: float, x1: float, y: float, amplitude: float = 1.2, period: float = 4.0) -> QPainterPath:
    """A wavy line from x0 to x1 around y, like Qt's wave underline (the reworded cue)."""
    path = QPainterPath()
    path.moveTo(x0, y)
    x, up = x0, True
    while x < x1:
        nxt = min(x1, x + period / 2)
        path.quadTo((x + nxt) / 2, y - amplitude * 2 if up else y + amplitude * 2, nxt, y)
        x, up = nxt, not up
    return path


class Legend(QWidget):
    """A row of swatches with labels (or swatches only, when compact); rebuilt when the palette changes."""

    ITEMS = (*((info.kind, info.short) for info in highlight.LEGEND), ("current", "Current"), ("linked", "Linked"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Legend")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        self._layout = layout
        self._icons: list[QLabel] = []
        self._labels: list[QLabel] = []
        self._gaps: list[QSpacerItem] = []
        self._compact = False
        self._toolbar: QToolBar | None = None
        self._text_buttons = 0  # width the toolbar's other items take with text beside their icons
        tips = {info.kind: f"{info.label}: {info.meaning}" for info in highlight.LEGEND}
        tips.update(current="Current: the difference under review",
                    linked="Linked: paragraphs linked to the selected one")
        for kind, text in self.ITEMS:
            icon, label = QLabel(), QLabel(text)
            icon.setToolTip(tips[kind])
            label.setToolTip(tips[kind])
            layout.addWidget(icon)
            layout.addWidget(label)
            gap = QSpacerItem(_GAP, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
            layout.addSpacerItem(gap)
            self._gaps.append(gap)
            self._icons.append(icon)
            self._labels.append(label)
        self.set_scheme(palette.scheme("default"), False)

    def set_scheme(self, sch: palette.Scheme, dark: bool) -> None:
        """Redraw the swatches."""
        for icon, (kind, _text) in zip(self._icons, self.ITEMS):
            icon.setPixmap(swatch(sch, kind, dark, 0.5))

    # --- full or compact -------------------------------------------------------------------------
    def is_compact(self) -> bool:
        """Whether only the swatches show."""
        return self._compact

    def set_compact(self, compact: bool) -> None:
        """Swatches only (labels in their tooltips), or swatches with labels."""
        if compact == self._compact:
            return
        self._compact = compact
        for label in self._labels:
            label.setVisible(not compact)
        for gap in self._gaps:
            gap.changeSize(_COMPACT_GAP if compact else _GAP, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self._layout.invalidate()
        self.updateGeometry()
        bar_layout = self._toolbar.layout() if self._toolbar is not None else None
        if bar_layout is not None:  # a legend the toolbar has hidden does not tell it it got smaller
            bar_layout.invalidate()

    def width_for(self, compact: bool) -> int:
        """The legend's width in either form (the other form need not be showing)."""
        m, spacing = self._layout.contentsMargins(), self._layout.spacing()
        widgets = [i.sizeHint().width() for i in self._icons]
        if not compact:
            widgets += [label.sizeHint().width() for label in self._labels]
        gap = _COMPACT_GAP if compact else _GAP
        return m.left() + m.right() + sum(widgets) + spacing * (len(widgets) - 1) + gap * len(self._icons)

    # --- following the toolbar's width -----------------------------------------------------------
    def follow(self, toolbar: QToolBar) -> None:
        """Fit into toolbar from now on, whenever its width changes."""
        self._toolbar = toolbar
        toolbar.installEventFilter(self)
        self.fit_toolbar()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """The toolbar was resized (or restyled): choose the legend's form again."""
        if watched is self._toolbar and event.type() in (QEvent.Type.Resize, QEvent.Type.StyleChange,
                                                          QEvent.Type.FontChange):
            self.fit_toolbar()
        return False

    def fit_toolbar(self) -> None:
        """Full legend if it fits beside the buttons, else compact, else compact with icon-only buttons."""
        bar = self._toolbar
        if bar is None:
            return
        text_style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if bar.toolButtonStyle() == text_style:
            self._text_buttons = self._others_width(bar)
        room = bar.width() - self._text_buttons - _SLACK
        if room >= self.width_for(False):
            self.set_compact(False)
            bar.setToolButtonStyle(text_style)
        elif room >= self.width_for(True):
            self.set_compact(True)
            bar.setToolButtonStyle(text_style)
        else:
            self.set_compact(True)
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _others_width(self, bar: QToolBar) -> int:
        """Width of the toolbar's items other than the legend and the stretch, with margins and spacing."""
        layout = bar.layout()
        if layout is None:
            return 0
        m = layout.contentsMargins()
        total, count = m.left() + m.right(), 0
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is None or widget is self or action.isVisible() is False:
                continue
            if widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding:
                continue  # the spacer that pushes the legend to the right
            total += widget.sizeHint().width()
            count += 1
        return total + layout.spacing() * count  # one spacing per item, the legend's included
