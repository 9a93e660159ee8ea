"""The open folder: options, exclusions, reference, and (re)running the comparison off the GUI thread."""

from __future__ import annotations

import dataclasses
import gc
import os
import threading
from typing import Any, Callable, Optional, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from copydesk.core.align import AlignOptions
from copydesk.core.changes import Changes, what_changed
from copydesk.core.comparison import CompareOptions
from copydesk.core.differences import Difference, find_differences
from copydesk.core.layout import PANE_LIMIT, pane_selection
from copydesk.core.model import Comparison
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report
from copydesk.gui.settings import Preferences, RecentFolders
from copydesk.gui.story_session import StorySession
from copydesk.gui.tasks import TaskRunner
from copydesk.gui.views.panes import STAGGER_FROM
from copydesk.gui.views.run_looks import warm
from copydesk.gui.watcher import FolderWatcher


class ComparisonSession(QObject):
    """One folder at a time: compares it (story by story, gui/story_session.py) on a TaskRunner, re-runs when it
    changes; `comparison` is the shown story's."""

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
        self._differences: dict[int, tuple[Comparison, int, tuple[Difference, ...]]] = {}  # see differences_for
        self.runner = TaskRunner(self)
        self._delivering = False  # inside loaded.emit (see _later)
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
        self.stories = StorySession(self)  # the folder's stories: which is shown, corrections, the others' checks
        self.stories.busy_elsewhere = lambda: self.check_runner.busy
        self.folder_changed.connect(self.stories.opened)  # (re)opened: compared afresh, checks included

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
        self._drop_pending_checks()  # about a comparison that is being replaced
        self.check_runner.cancel()
        job, reference = self.stories.job(folder, options), self.reference_path
        # a folder of one story: compare_folder as before; then, still off the GUI thread, what the first paint needs
        self.runner.run(lambda progress, cancel: quietly(
            lambda: prepared(job(progress, cancel), reference, cancel, progress)))

    def adopt(self, c: Comparison) -> None:
        """Show a comparison computed elsewhere (same path as a finished run: watch, emit loaded)."""
        self.folder = os.path.abspath(c.folder)
        self.folder_changed.emit(self.folder)
        self._finished(c)

    def cancel(self) -> None:
        """Stop the running comparison and checks (and checks due to start: see CHECKS_AFTER_MS)."""
        self.runner.cancel()
        self._drop_pending_checks()
        self.check_runner.cancel()
        self.stories.cancel()

    def _drop_pending_checks(self) -> None:
        """Checks waiting for the window to paint (CHECKS_AFTER_MS) will not start, and nothing says they run."""
        if self._checking is not None and not self.check_runner.busy:
            self._checking = None
            self.checking.emit(False)

    def show_story(self, index: int) -> None:
        """Show another story of the folder in every view (its checks first, if they have not run)."""
        c = self.stories.choose(index)
        if c is None:
            return
        self.comparison, self.changes = c, None  # another story: nothing changed on disk
        self.loaded.emit(c)
        if not c.checks_ran:
            self._start_checks(c)
        self.stories.check_rest()

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

    def differences_for(self, c: Comparison, reference: int) -> Optional[tuple[Difference, ...]]:
        """c's differences for reference when the background job found them already (see prepared), else None."""
        ready = self._differences.get(id(c))
        return ready[2] if ready is not None and ready[0] is c and ready[1] == reference else None

    def _finished(self, result: object) -> None:
        if self._later(lambda: self._finished(result)):
            return
        if isinstance(result, Prepared):
            self._differences, result = result.differences, result.result  # in this order: mypy narrows per target
        else:  # adopted: nothing worked out ahead
            self._differences = {}
        c = self.stories.adopt(result)  # the shown story's comparison (a Comparison adopted as is)
        previous, self.comparison = self.comparison, c
        shown, ran = self._excluded_by_run
        self._excluded_by_run = (ran, ran)
        # Excluding or including an article again is no change on disk: those paths are left out.
        same = previous is not None and previous.folder == c.folder
        ignore = shown | ran | self.stories.moved  # an article moved between stories is no change on disk either
        self.changes = what_changed(previous, c, ignore=ignore) if previous is not None and same else None
        if self._unlisted is not None and self._unlisted == self.folder:
            self.recent.add(self._unlisted)  # only folders that opened: a failed one never comes back from the menu
            self._unlisted = None
        present = {a.path for a in c.articles} | self.stories.paths()
        on_disk = set(os.listdir(self.folder)) if self.folder and os.path.isdir(self.folder) else set()
        self.excluded = {p: t for p, t in self.excluded.items() if p in on_disk or p.split("/")[0] in on_disk}
        self.watcher.watch(self.folder, sorted(present | set(self.excluded)))
        self.busy_changed.emit(False)
        self._delivering = True  # a big folder's panes let the event loop run while they render (PaneArea)
        try:
            self.loaded.emit(c)
        finally:
            self._delivering = False
        if self.changes:
            self.files_changed.emit(self.changes, previous, c)
        if not c.checks_ran:
            self._start_checks(c)
        self.stories.check_rest()

    def _later(self, job: Callable[[], None]) -> bool:
        """While loaded is being delivered (the panes may run the event loop meanwhile), run job after it: True."""
        if not self._delivering:
            return False
        QTimer.singleShot(0, self, job)
        return True

    def _start_checks(self, c: Comparison) -> None:
        self._checking = c
        self.checking.emit(True)
        if len(c.articles) < STAGGER_FROM:
            self._run_checks(c)
        else:
            QTimer.singleShot(CHECKS_AFTER_MS, self, lambda: self._run_checks(c))

    def _run_checks(self, c: Comparison) -> None:
        from copydesk.core.findings import run_checks  # imported here: the first paint never waits for it

        if self._checking is c:  # not superseded by another comparison meanwhile
            self.check_runner.run(lambda _progress, cancel: quietly(lambda: run_checks(c, cancel)))

    def _checked(self, c: Comparison) -> None:
        if self._later(lambda: self._checked(c)):
            return
        ran_on, self._checking = self._checking, None
        self.checking.emit(False)
        self.stories.store_checked(ran_on, c)  # kept with its story, whichever story is shown now
        if self.comparison is not None and ran_on is self.comparison:
            self.comparison = c
            self.checked.emit(c)
        self.stories.check_rest()

    def _check_failed(self, message: str) -> None:
        if self._later(lambda: self._check_failed(message)):
            return
        # run_checks guards every check itself: reaching here means the whole run broke. Say so in the
        # comparison, as a failed check is said (the Findings dock shows check_errors).
        ran_on, self._checking = self._checking, None
        self.checking.emit(False)
        if self.comparison is not None and ran_on is self.comparison:
            self.comparison = dataclasses.replace(self.comparison, checks_ran=True,
                                                  check_errors=(f"editorial checks: {message}",))
            self.stories.store_checked(ran_on, self.comparison)
            self.checked.emit(self.comparison)
        self.stories.check_rest()

    def _failed(self, message: str) -> None:
        if self._later(lambda: self._failed(message)):
            return
        self.comparison = None
        self.watcher.watch(self.folder)  # a file appearing may fix it
        self.busy_changed.emit(False)
        self.failed.emit(message)


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A comparison job's result with the work the first paint needs done on the worker, not the GUI thread."""

    result: Any  # what the job returned (a Comparison, or the stories of the folder), comparisons ranked
    differences: dict[int, tuple[Comparison, int, tuple[Difference, ...]]]  # id(c) -> c, reference, differences


def prepared(result: Any, reference_path: str, cancel: Optional[CancelToken] = None,
             progress: Optional[ProgressCallback] = None) -> Prepared:
    """result with each comparison it holds made ready for the window (see ready), and their differences."""
    differences: dict[int, tuple[Comparison, int, tuple[Difference, ...]]] = {}
    report(progress, "prepare", 0.0)  # seconds at 500 versions: the bar says so rather than sit at 100%

    def make_ready(c: Comparison) -> Comparison:
        c = ready(c, cancel)
        paths = [a.path for a in c.articles]
        reference = paths.index(reference_path) if reference_path in paths else 0
        report(progress, "prepare", (done[0] + 0.6) / whole)  # ranked; the differences are the rest
        differences[id(c)] = (c, reference, find_differences(c, reference=reference))  # 0.3 s at 500 versions
        if whole == 1.0:  # one comparison: its default panes' runs and tooltips too (the story shown is known)
            warm(c, pane_selection(c, reference))
        done[0] += 1
        report(progress, "prepare", done[0] / whole)
        checkpoint(cancel)
        return c

    whole = float(len(result.found.stories)) if hasattr(result, "found") else 1.0
    done = [0]
    if isinstance(result, Comparison):
        result = make_ready(result)
    elif hasattr(result, "found"):  # gui.story_session.StoryLoad: every story of the folder
        found = result.found
        for i, story in enumerate(found.stories):
            found = found.with_comparison(i, make_ready(story.comparison))
        result = dataclasses.replace(result, found=found)
    return Prepared(result, differences)


def ready(c: Comparison, cancel: Optional[CancelToken] = None) -> Comparison:
    """c, ranked when it has more versions than fit side by side (else c itself).

    The default panes of a big folder are the likely original and the most divergent versions: the source
    ranking and the per-article deltas (core.findings.source and added_cut, no spaCy) come now, so those
    panes, the likely original in the article list and the paragraphs' origins are right at the first paint
    and stay when the checks land (they compute both the same way, adding quote speakers to the summaries).
    """
    if len(c.articles) <= PANE_LIMIT or c.source_ranking:
        return c
    from copydesk.core.findings.added_cut import article_deltas
    from copydesk.core.findings.source import source_scores

    ranking = source_scores(c)
    checkpoint(cancel)
    return dataclasses.replace(c, source_ranking=ranking, deltas=article_deltas(c, ranking, []))


CHECKS_AFTER_MS = 150
"""A big folder's checks start this long after its comparison is shown, once the window has painted it.

Painting the panes, the overview and the docks of a new comparison takes the GUI thread the GIL hundreds
of times (every Python slot, override and event filter); a check job computing meanwhile made each of
those waits and blocked the window for 150 ms at 500 versions (bench_gui_stall.py); started after the
paint, the longest stall is about 70 ms. A small folder's checks start at once: they take milliseconds."""
T = TypeVar("T")
_PAUSED = 0  # jobs running with the collector paused (see quietly)
_PAUSE_LOCK = threading.Lock()


def quietly(job: Callable[[], T]) -> T:
    """job() with the cyclic garbage collector paused, and what it leaves alive kept out of it afterwards.

    A comparison of hundreds of versions is millions of long-lived objects. Every full collection walks
    them all: 70-150 ms with the GIL held, so the window cannot answer, at a moment set by whichever
    thread allocated last. They are frozen dataclasses, tuples and strings that form no cycles (reference
    counting frees them when a comparison is replaced; a 500-version comparison and its checks leave a few
    thousand cyclic objects behind), so the job runs without collections and gc.freeze then moves what
    it made out of the collector's reach for good. The GUI thread's own garbage is collected as before
    once no job runs.
    """
    global _PAUSED
    with _PAUSE_LOCK:
        _PAUSED += 1
        gc.disable()
    try:
        return job()
    finally:
        with _PAUSE_LOCK:
            _PAUSED -= 1
            gc.freeze()  # everything allocated meanwhile, which a collection would now have to walk at once
            if _PAUSED == 0:
                gc.enable()
