"""The legend: what each highlight, underline and marker means, drawn with the live palette."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from copydesk.core import highlight
from copydesk.gui import palette

_W, _H = 30, 16


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
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, "Aa")
        style = fmt.underlineStyle()
        if style != fmt.UnderlineStyle.NoUnderline:
            pen = QPen(fmt.underlineColor(), 1.3)
            if style == fmt.UnderlineStyle.DotLine:
                pen.setStyle(Qt.PenStyle.DotLine)
            p.setPen(pen)
            p.drawLine(5, _H - 3, _W - 5, _H - 3)
    p.end()
    return pix


class Legend(QWidget):
    """A row of swatches with labels; rebuilt when the palette or scheme changes."""

    ITEMS = (*((info.kind, info.short) for info in highlight.LEGEND), ("current", "Current"), ("linked", "Linked"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        self._icons: list[QLabel] = []
        tips = {info.kind: f"{info.label}: {info.meaning}" for info in highlight.LEGEND}
        tips.update(current="The difference under review", linked="Paragraphs linked to the selected one")
        for kind, text in self.ITEMS:
            icon, label = QLabel(), QLabel(text)
            icon.setToolTip(tips[kind])
            label.setToolTip(tips[kind])
            layout.addWidget(icon)
            layout.addWidget(label)
            layout.addSpacing(10)
            self._icons.append(icon)
        self.set_scheme(palette.scheme("default"), False)

    def set_scheme(self, sch: palette.Scheme, dark: bool) -> None:
        """Redraw the swatches."""
        for icon, (kind, _text) in zip(self._icons, self.ITEMS):
            icon.setPixmap(swatch(sch, kind, dark, 0.5))
