"""The open folder: options, exclusions, reference, and (re)running the comparison off the GUI thread."""

from __future__ import annotations

import dataclasses
import os

from PySide6.QtCore import QObject, Signal

from copydesk.core.align import AlignOptions
from copydesk.core.changes import Changes, what_changed
from copydesk.core.comparison import CompareOptions, compare_folder
from copydesk.core.model import Comparison
from copydesk.gui.settings import Preferences, RecentFolders
from copydesk.gui.tasks import TaskRunner
from copydesk.gui.watcher import FolderWatcher


class ComparisonSession(QObject):
    """One folder at a time: runs compare_folder on a TaskRunner, re-runs when the folder changes."""

    busy_changed = Signal(bool)
    progress = Signal(str, float)
    loaded = Signal(object)  # Comparison
    failed = Signal(object)  # str; object keeps the surrogates of odd file names that Qt strings drop
    folder_changed = Signal(object)  # str (object: see failed)
    files_changed = Signal(object, object, object)  # core.changes.Changes, old and new Comparison; after loaded
    checking = Signal(bool)  # the editorial checks started (True) or ended (False) in the background
    checked = Signal(object)  # the shown Comparison with the checks' findings, ranking and deltas

    def __init__(self, prefs: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self.folder: str | None = None
        self.comparison: Comparison | None = None
        self.excluded: dict[str, str] = {}  # path -> last known title
        self.reference_path = ""
        self.recent = RecentFolders()
        self.changes: Changes | None = None  # what changed on disk since the previous comparison (None: a new folder)
        self._excluded_by_run: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())  # shown, running
        self._unlisted: str | None = None  # opened, not yet compared: not in the recent list yet
        self.runner = TaskRunner(self)
        self.watcher = FolderWatcher(self)
        self.runner.started.connect(lambda: self.busy_changed.emit(True))
        self.runner.progress.connect(self.progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(lambda: self.busy_changed.emit(False))
        # The checks (and spaCy, which they import) run after the first paint, on a runner of their own.
        self.check_runner = TaskRunner(self)
        self._checking: Comparison | None = None  # the comparison the running checks are about
        self.check_runner.finished.connect(self._checked)
        self.check_runner.failed.connect(self._check_failed)
        self.check_runner.cancelled.connect(lambda: self.checking.emit(False))
        self.watcher.changed.connect(self.reload)

    def use_preferences(self, prefs: Preferences) -> None:
        """The preferences the next comparison runs with (call reload() to compare again now)."""
        self._prefs = prefs

    def options(self) -> CompareOptions:
        """CompareOptions from the preferences and the article list."""
        return CompareOptions(align=AlignOptions(min_score=self._prefs.min_link_score),
                              boilerplate_patterns=tuple(self._prefs.boilerplate_patterns),
                              excluded=frozenset(self.excluded))

    def open(self, folder: str) -> None:
        """Open another folder (forgets exclusions and reference) and compare it."""
        folder = os.path.abspath(folder)
        self.folder, self.comparison = folder, None
        self.excluded, self.reference_path = {}, ""
        self._unlisted = folder  # goes to File > Open Recent once it has compared (see _finished)
        self.folder_changed.emit(folder)
        self.reload()

    def reload(self) -> None:
        """Compare the folder again (after an edit, an exclusion or a preference change)."""
        if not self.folder:
            return
        folder, options = self.folder, dataclasses.replace(self.options(), run_checks=False)
        self._excluded_by_run = (self._excluded_by_run[0], options.excluded)  # stale runs are dropped: the last lands
        self.check_runner.cancel()  # about a comparison that is being replaced
        self.runner.run(lambda progress, cancel: compare_folder(folder, options, progress, cancel))

    def adopt(self, c: Comparison) -> None:
        """Show a comparison computed elsewhere (same path as a finished run: watch, emit loaded)."""
        self.folder = os.path.abspath(c.folder)
        self.folder_changed.emit(self.folder)
        self._finished(c)

    def cancel(self) -> None:
        """Stop the running comparison and checks."""
        self.runner.cancel()
        self.check_runner.cancel()

    def set_included(self, path: str, included: bool) -> None:
        """Include or exclude an article, then compare again."""
        if included:
            self.excluded.pop(path, None)
        else:
            titles = {a.path: a.title for a in self.comparison.articles} if self.comparison else {}
            self.excluded[path] = titles.get(path, path)
        self.reload()

    def reference_index(self) -> int:
        """Index in the current comparison of the reference article (the first when unset or excluded)."""
        if self.comparison is None:
            return 0
        paths = [a.path for a in self.comparison.articles]
        return paths.index(self.reference_path) if self.reference_path in paths else 0

    def _finished(self, c: Comparison) -> None:
        previous, self.comparison = self.comparison, c
        shown, ran = self._excluded_by_run
        self._excluded_by_run = (ran, ran)
        # Excluding or including an article again is no change on disk: those paths are left out.
        same = previous is not None and previous.folder == c.folder
        self.changes = what_changed(previous, c, ignore=shown | ran) if previous is not None and same else None
        if self._unlisted is not None and self._unlisted == self.folder:
            self.recent.add(self._unlisted)  # only folders that opened: a failed one never comes back from the menu
            self._unlisted = None
        present = {a.path for a in c.articles}
        on_disk = set(os.listdir(self.folder)) if self.folder and os.path.isdir(self.folder) else set()
        self.excluded = {p: t for p, t in self.excluded.items() if p in on_disk or p.split("/")[0] in on_disk}
        self.watcher.watch(self.folder, sorted(present | set(self.excluded)))
        self.busy_changed.emit(False)
        self.loaded.emit(c)
        if self.changes:
            self.files_changed.emit(self.changes, previous, c)
        if not c.checks_ran:
            self._start_checks(c)

    def _start_checks(self, c: Comparison) -> None:
        from copydesk.core.findings import run_checks  # imported here: the first paint never waits for it

        self._checking = c
        self.checking.emit(True)
        self.check_runner.run(lambda _progress, cancel: run_checks(c, cancel))

    def _checked(self, c: Comparison) -> None:
        ran_on, self._checking = self._checking, None
        self.checking.emit(False)
        if self.comparison is not None and ran_on is self.comparison:
            self.comparison = c
            self.checked.emit(c)

    def _check_failed(self, message: str) -> None:
        # run_checks guards every check itself: reaching here means the whole run broke. Say so in the
        # comparison, as a failed check is said (the Findings dock shows check_errors).
        ran_on, self._checking = self._checking, None
        self.checking.emit(False)
        if self.comparison is not None and ran_on is self.comparison:
            self.comparison = dataclasses.replace(self.comparison, checks_ran=True,
                                                  check_errors=(f"editorial checks: {message}",))
            self.checked.emit(self.comparison)

    def _failed(self, message: str) -> None:
        self.comparison = None
        self.watcher.watch(self.folder)  # a file appearing may fix it
        self.busy_changed.emit(False)
        self.failed.emit(message)
