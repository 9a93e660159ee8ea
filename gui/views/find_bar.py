"""Find across all panes: Ctrl+F opens the bar, F3 / Shift+F3 step through matches in pane order."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

Match = tuple[QTextEdit, int, int]


def find_all(editors: list[QTextEdit], needle: str) -> list[Match]:
    """Every case-insensitive match of needle, editor by editor, in document order."""
    matches: list[Match] = []
    if not needle:
        return matches
    for editor in editors:
        doc = editor.document()
        cursor = QTextCursor(doc)
        while True:
            cursor = doc.find(needle, cursor, QTextDocument.FindFlag(0))
            if cursor.isNull():
                break
            matches.append((editor, cursor.selectionStart(), cursor.selectionEnd()))
    return matches


class FindBar(QFrame):
    """The find strip above the panes; editors() gives the text views to search, in display order."""

    def __init__(self, editors: Callable[[], list[QTextEdit]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self._editors = editors
        self.edit = QLineEdit(placeholderText="Find in all articles")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(360)
        self.count = QLabel()
        self.count.setObjectName("FindCount")
        prev_btn = _tool_button("↑", "Previous match (Shift+F3)")
        next_btn = _tool_button("↓", "Next match (F3)")
        close = _tool_button("✕", "Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 4, 8, 4)
        layout.setSpacing(6)
        for w in (QLabel("Find"), self.edit, prev_btn, next_btn, self.count):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(close)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.find_next)
        prev_btn.clicked.connect(self.find_previous)
        next_btn.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        self.matches: list[Match] = []
        self.position = -1
        self.hide()

    def open(self) -> None:
        """Show the bar and focus the field (selecting the previous search)."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and clear match highlights."""
        self.hide()
        for editor in self._editors():
            _set_found(editor, [])

    def refresh(self) -> None:
        """Search again (the documents were re-rendered)."""
        if self.isVisible() and self.edit.text():
            self._search(self.edit.text())

    def find_next(self) -> None:
        """Select the next match, wrapping from the last pane to the first."""
        self._step(+1)

    def find_previous(self) -> None:
        """Select the previous match."""
        self._step(-1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """Escape closes the bar."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def _search(self, text: str) -> None:
        editors = self._editors()
        self.matches = find_all(editors, text)
        self.position = -1
        for editor in editors:
            _set_found(editor, [(s, e) for ed, s, e in self.matches if ed is editor])
        self._show_count()

    def _step(self, direction: int) -> None:
        if not self.matches and self.edit.text():
            self._search(self.edit.text())
        if not self.matches:
            return
        self.position = (self.position + direction) % len(self.matches)
        editor, start, end = self.matches[self.position]
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        centre_on(editor, cursor)  # first: the linked paragraphs then line up with where the match ends up
        editor.setTextCursor(cursor)  # moves the selection: linked paragraphs follow
        editor.ensureCursorVisible()  # only sideways now (the grid): the match is already in view
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText("No matches")
        else:
            at = f"{self.position + 1} of " if self.position >= 0 else ""
            self.count.setText(f"{at}{len(self.matches)} matches")


def centre_on(editor: QTextEdit, cursor: QTextCursor) -> None:
    """Scroll editor so the cursor's line sits in the middle of the view (as far as the document allows)."""
    bar = editor.verticalScrollBar()
    line = editor.cursorRect(cursor)  # viewport coordinates at the current scroll position
    bar.setValue(bar.value() + line.center().y() - editor.viewport().height() // 2)


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton(autoRaise=True)
    button.setText(text)
    button.setToolTip(tip)
    return button


def _set_found(editor: QTextEdit, ranges: list[tuple[int, int]]) -> None:
    if hasattr(editor, "set_found"):
        editor.set_found(ranges)
