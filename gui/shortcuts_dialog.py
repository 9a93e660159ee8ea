"""The keyboard shortcut overview (F1 / ?), generated from the action table."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from copydesk.gui.actions import ACTIONS, MENUS, shortcut_text


FIRST_MENU = "Review"
"""The keys a desk editor uses all day lead the list."""


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, action, shortcuts) for every action with a shortcut, the review keys first, then menu by menu."""
    rows = []
    for menu in (FIRST_MENU, *(m for m in MENUS if m != FIRST_MENU)):
        for spec in ACTIONS:
            if spec.menu == menu and spec.shortcuts:
                rows.append((menu, spec.text.replace("&", "").rstrip("…"), shortcut_text(spec)))
    return rows


class ShortcutsDialog(QDialog):
    """A non-modal table of every shortcut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(560, 640)
        rows = shortcut_rows()
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        for r, values in enumerate(rows):
            for col, value in enumerate(values):
                table.setItem(r, col, QTableWidgetItem(value))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget) -> "ShortcutsDialog":
        """Show the window's single instance (created on first use)."""
        dialog = parent.findChild(cls)
        if dialog is None:
            dialog = cls(parent)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
