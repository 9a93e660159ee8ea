"""Keep single-key shortcuts (n, p, 1-4, Space, ?, Return) from firing in text fields; Space never ticks a row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QDialog, QKeySequenceEdit,
                               QLineEdit, QPlainTextEdit, QTextEdit, QWidget)

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


def _toggles_check(event: QKeyEvent, widget: QObject | None) -> bool:
    """Space on a list row with a checkbox outside a dialog (the article list): Qt would tick the box.

    In the main window Space is the review key there too (mark reviewed, next): a desk editor keeps the
    Space-N rhythm wherever focus is, and excluding an article (a re-comparison) takes a deliberate
    gesture: the checkbox, the context menu or View > Include/Exclude Article. Dialogs keep Space ticking.
    """
    plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
    if not (plain and event.key() == Qt.Key.Key_Space and isinstance(widget, QAbstractItemView)):
        return False
    if isinstance(widget.window(), QDialog):
        return False
    index, model = widget.currentIndex(), widget.model()
    cells = [index.siblingAtColumn(col) for col in range(model.columnCount(index.parent()))] if index.isValid() else []
    # Item widgets flag every item checkable; only a cell showing a check state has a checkbox.
    return any(model.flags(cell) & Qt.ItemFlag.ItemIsUserCheckable
               and cell.data(Qt.ItemDataRole.CheckStateRole) is not None for cell in cells)


def _combo_list(widget: QObject | None) -> QComboBox | None:
    """The combo box whose drop-down list widget is (the list sits in a popup frame the combo owns)."""
    if not isinstance(widget, QAbstractItemView):
        return None
    frame = widget.parentWidget()
    combo = frame.parentWidget() if frame is not None else None
    return combo if isinstance(combo, QComboBox) and combo.view() is widget else None


_PICK_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


def _combo_key(event: QKeyEvent, widget: QObject | None) -> bool | None:
    """Return/Enter/Space in an open drop-down pick the item there; None when this is not that case.

    Qt's combo picks on Return's ShortcutOverride, so that one must reach it (False: not ours); Space is
    kept from the review shortcut (True) and picks on its key press (TypingGuard.eventFilter).
    """
    plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
    if not (plain and event.key() in _PICK_KEYS and _combo_list(widget) is not None):
        return None
    return event.key() == Qt.Key.Key_Space


class TypingGuard(QObject):
    """Application event filter: a typing key in a text field goes to the field, not to a shortcut."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """Accept ShortcutOverride for typing keys when a text field has focus."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _combo_key(event, watched):
            _pick_current(watched)  # Space in an open drop-down: pick as Return does
            return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            target = watched if isinstance(watched, QWidget) else QApplication.focusWidget()
            if (combo := _combo_key(event, target)) is not None:
                if combo:
                    event.accept()
                return combo
            if is_typing_key(event) and is_text_input(target) or _activates_item(event, target):
                event.accept()  # an accepted override delivers the key to the widget instead
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _toggles_check(event, watched):
            return True  # Space reaches a list only when no shortcut took it: it still must not exclude an article
        return False


def _pick_current(view: QObject) -> None:
    """Send the open drop-down a Return, which its combo box turns into choosing the current item."""
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))


def install_typing_guard(app: QApplication) -> TypingGuard:
    """Install one guard on the application (idempotent) and return it."""
    guard = app.findChild(TypingGuard)
    if guard is None:
        guard = TypingGuard(app)
        app.installEventFilter(guard)
    return guard
