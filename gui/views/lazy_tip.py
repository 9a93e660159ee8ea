"""Tooltips of highlighted text composed when one is about to be shown (never at render time)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QTextEdit, QToolTip

from copydesk.core.model import Comparison
from copydesk.gui.views.pane_render import tooltip_at


def text_tooltip(view: QTextEdit, c: Comparison | None, event: QEvent) -> bool:
    """Answer a ToolTip event on view's viewport with the tooltip of the text under the mouse; True if handled."""
    if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
        return False
    point = QPointF(event.pos()) + QPointF(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    position = view.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
    tip = tooltip_at(c, view.document(), position) if position >= 0 else ""
    if tip:
        QToolTip.showText(event.globalPos(), tip, view.viewport())
    else:
        QToolTip.showText(event.globalPos(), "")  # nothing to say here: hide an earlier tip
    return True
