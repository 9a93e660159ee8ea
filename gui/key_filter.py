"""Keep single-key shortcuts (n, p, 1-4, Space, ?, Return) from firing in text fields and checkbox lists."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QKeySequenceEdit, QLineEdit,
                               QPlainTextEdit, QTextEdit, QWidget)

_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)
TYPING_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space})
"""Keys that type or confirm in a text field although they produce no printable text of their own."""


def is_text_input(widget: QWidget | None) -> bool:
    """True for a widget the user is typing into (editable line or text edit, spin box, editable combo)."""
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QAbstractSpinBox, QKeySequenceEdit))


def is_typing_key(event: QKeyEvent) -> bool:
    """A key that produces text (or Return/Space) without Ctrl/Alt/Meta."""
    if event.modifiers() & _COMMAND_MODIFIERS:
        return False
    text = event.text()
    return event.key() in TYPING_KEYS or (bool(text) and text.isprintable())


def _activates_item(event: QKeyEvent, widget: QWidget | None) -> bool:
    """Return/Enter in a list activates the item there (e.g. jumps to a finding) rather than editing a note."""
    plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
    return plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(widget, QAbstractItemView)


def _toggles_check(event: QKeyEvent, widget: QWidget | None) -> bool:
    """Space on a list row with a checkbox (the article list) toggles it rather than marking a difference."""
    plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
    if not (plain and event.key() == Qt.Key.Key_Space and isinstance(widget, QAbstractItemView)):
        return False
    index, model = widget.currentIndex(), widget.model()
    cells = [index.siblingAtColumn(col) for col in range(model.columnCount(index.parent()))] if index.isValid() else []
    # Item widgets flag every item checkable; only a cell showing a check state has a checkbox.
    return any(model.flags(cell) & Qt.ItemFlag.ItemIsUserCheckable
               and cell.data(Qt.ItemDataRole.CheckStateRole) is not None for cell in cells)


class TypingGuard(QObject):
    """Application event filter: a typing key in a text field goes to the field, not to a shortcut."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """Accept ShortcutOverride for typing keys when a text field has focus."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            target = watched if isinstance(watched, QWidget) else QApplication.focusWidget()
            if (is_typing_key(event) and is_text_input(target) or _activates_item(event, target)
                    or _toggles_check(event, target)):
                event.accept()  # an accepted override delivers the key to the widget instead
                return True
        return False


def install_typing_guard(app: QApplication) -> TypingGuard:
    """Install one guard on the application (idempotent) and return it."""
    guard = app.findChild(TypingGuard)
    if guard is None:
        guard = TypingGuard(app)
        app.installEventFilter(guard)
    return guard
