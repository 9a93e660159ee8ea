"""The preferences in force: one frozen value, replaced as a whole, saved, and announced to the window."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from copydesk.gui import palette
from copydesk.gui.settings import Preferences, save_preferences
from copydesk.gui.theme import apply_theme, follow_system_scheme


class PreferencesController(QObject):
    """Owns the Preferences value and the light/dark state; changed(old, new) tells who must react."""

    changed = Signal(object, object)  # old Preferences, new Preferences
    appearance_changed = Signal()  # light/dark flipped (theme preference or the platform's scheme)

    def __init__(self, prefs: Preferences, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self._dark = dark
        self._parent = parent

    @property
    def prefs(self) -> Preferences:
        """The preferences in force."""
        return self._prefs

    @property
    def dark(self) -> bool:
        """Whether the dark appearance is showing."""
        return self._dark

    def scheme(self) -> palette.Scheme:
        """The highlight palette the preferences choose."""
        return palette.scheme(self._prefs.palette)

    def open_dialog(self) -> None:
        """File > Preferences: edit a copy, apply it when accepted."""
        from copydesk.gui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self._prefs, self._parent)
        if dialog.exec():
            self.apply(dialog.preferences())

    def apply(self, new: Preferences) -> None:
        """Make new the preferences in force: save them, re-theme if asked, announce the change."""
        old = self._prefs
        if new == old:
            return
        self._prefs = new
        save_preferences(new)
        if new.theme != old.theme:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                self._set_dark(apply_theme(app, new.theme))
        self.changed.emit(old, new)

    def set_show_boilerplate(self, on: bool) -> None:
        """Show or hide boilerplate paragraphs (View > Show Boilerplate)."""
        self.apply(dataclasses.replace(self._prefs, show_boilerplate=bool(on)))

    def follow_system(self, _scheme: object = None) -> None:
        """The platform switched light/dark: follow it while the theme preference is 'system'."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            dark = follow_system_scheme(app, self._prefs.theme, self._dark)
            if dark is not None:
                self._set_dark(dark)

    def _set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self.appearance_changed.emit()
