"""Watch a folder and its files; report one debounced 'changed' after edits settle."""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 500


class FolderWatcher(QObject):
    """Emits changed() once, DEBOUNCE_MS after the last change to the folder or a file in it."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._fire)
        self._watcher.directoryChanged.connect(self._poke)
        self._watcher.fileChanged.connect(self._poke)
        self._folder: str | None = None

    @property
    def folder(self) -> str | None:
        """The folder being watched."""
        return self._folder

    def watch(self, folder: str | None, files: Iterable[str] = ()) -> None:
        """Watch folder and the given files (paths relative to it); None stops watching."""
        self.stop()
        self._folder = folder
        if not folder or not os.path.isdir(folder):
            return
        paths = [folder] + [os.path.join(folder, f) for f in files]
        self._watcher.addPaths([p for p in paths if os.path.exists(p)])

    def stop(self) -> None:
        """Stop watching and drop any pending notification."""
        self._timer.stop()
        for group in (self._watcher.files(), self._watcher.directories()):
            if group:
                self._watcher.removePaths(group)

    def pending(self) -> bool:
        """True while a change waits for the debounce interval."""
        return self._timer.isActive()

    def _poke(self, _path: str) -> None:
        self._timer.start()  # restarting the timer is the debounce

    def _fire(self) -> None:
        # Editors that save by replacing a file drop it from the watcher; the next watch() re-adds it.
        self.changed.emit()
