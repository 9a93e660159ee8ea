"""The stories of the open folder (core.multistory): which one the window shows, the editor's corrections,
and the editorial checks of the stories not shown, run in the background after the shown one's.

ComparisonSession runs `job` instead of a plain comparison and shows what `adopt` returns: the chosen
story's Comparison, which every view renders as it renders a folder's. A folder of one story gives that
comparison exactly as before (no panel, no story id). Everything here runs on the GUI thread except
the job itself.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QObject, Signal

from copydesk.core.comparison import CompareOptions
from copydesk.core.differences import find_differences
from copydesk.core.model import Comparison
from copydesk.core.multistory import FolderStories, StoryComparison, compare_folder_stories
from copydesk.core.stories import StoryOverride
from copydesk.core.story_overrides import StorySettings, add_override, load_story_settings, save_chosen_story
from copydesk.core.tasks import CancelToken, ProgressCallback
from copydesk.gui.tasks import TaskRunner


@dataclass(frozen=True)
class StoryLoad:
    """What the background job hands back: the stories, each story's difference keys, the saved settings."""

    found: FolderStories
    keys: tuple[frozenset[str], ...]  # per story: its differences' keys (review progress, marks kept per story)
    settings: StorySettings


def difference_keys(c: Comparison) -> frozenset[str]:
    """The keys of c's differences (core.differences), the keys its review marks are saved under."""
    return frozenset(d.key for d in find_differences(c))


class StorySession(QObject):
    """Holds the folder's FolderStories and the shown story; checks the other stories in the background."""

    listed = Signal()  # the stories changed (a new comparison, a correction, a story's checks landed)
    chosen = Signal(object, bool)  # the shown story's id ("" for a folder of one story), and whether it is another
    notice = Signal(object)  # str: the saved corrections could not be (wholly) read, or not saved

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.found: FolderStories | None = None
        self.keys: tuple[frozenset[str], ...] = ()
        self.current = 0  # index of the shown story in found.stories
        self.moved: frozenset[str] = frozenset()  # paths that changed story in the last adopt: not a change on disk
        self.settings = StorySettings()
        self._folder = ""
        self._afresh = False  # the next job compares every story anew (see opened)
        self.rest_runner = TaskRunner(self)  # the checks of the stories not shown, one story at a time
        self._resting: Comparison | None = None  # the comparison the rest runner checks
        self.rest_runner.finished.connect(self._rest_checked)
        self.rest_runner.failed.connect(self._rest_failed)
        self.busy_elsewhere: Callable[[], bool] = lambda: False  # the shown story's checks are running

    # --- what there is ---------------------------------------------------------------------------
    @property
    def several(self) -> bool:
        """True when the folder holds more than one story (the panel shows, marks and positions are per story)."""
        return self.found is not None and not self.found.single

    @property
    def stories(self) -> tuple[StoryComparison, ...]:
        """The folder's stories (empty before the first comparison or for a comparison adopted from elsewhere)."""
        return self.found.stories if self.found is not None else ()

    def story_id(self) -> str:
        """The shown story's id in a folder of several stories, else "" (the folder's review position)."""
        return self.stories[self.current].id if self.several else ""

    def paths(self) -> set[str]:
        """Every article path of every story (the folder watcher watches them all)."""
        return {p for s in self.stories for p in s.paths}

    def other_keys(self) -> frozenset[str]:
        """The difference keys of the stories not shown: marks under them belong there and stay."""
        return frozenset().union(*(k for i, k in enumerate(self.keys) if i != self.current)) if self.several \
            else frozenset()

    # --- comparing -------------------------------------------------------------------------------
    def opened(self, _folder: str) -> None:
        """A folder was (re)opened: its next comparison starts afresh, as opening always did (reloads reuse)."""
        self._afresh = True

    def job(self, folder: str, options: CompareOptions) -> Callable[[ProgressCallback, CancelToken], StoryLoad]:
        """The background job of a (re)comparison: group, compare each story (unchanged ones kept), its keys."""
        settings = load_story_settings(folder)  # small; read here so the job sees the corrections made so far
        previous = self.found if self.found is not None and self.found.folder == folder and not self._afresh else None
        self._afresh = False
        self.rest_runner.cancel()  # about stories that are being replaced

        def run(progress: ProgressCallback, cancel: CancelToken) -> StoryLoad:
            found = compare_folder_stories(folder, options, overrides=settings.overrides, progress=progress,
                                           cancel=cancel, previous=previous)
            keys = () if found.single else tuple(difference_keys(s.comparison) for s in found.stories)
            return StoryLoad(found, keys, settings)
        return run

    def adopt(self, result: object) -> Comparison:
        """A finished job (or a Comparison made elsewhere): pick the story to show and return its comparison."""
        self.rest_runner.cancel()
        if isinstance(result, Comparison):  # adopted as is: a folder of one story
            switched = self.several or self._folder != result.folder  # a story of several was shown
            self.found, self.keys, self.current, self.moved = None, (), 0, frozenset()
            self._folder = result.folder
            self.listed.emit()
            self.chosen.emit("", switched)
            return result
        assert isinstance(result, StoryLoad)
        same_folder = self._folder == result.found.folder
        old, old_current = (self.found, self.current) if same_folder else (None, 0)
        found = result.found
        if not found.single:  # the folder's problems show whatever story is shown (the JSON keeps them apart)
            found = dataclasses.replace(found, stories=tuple(
                dataclasses.replace(s, comparison=dataclasses.replace(s.comparison, problems=found.problems))
                if s.comparison.problems != found.problems else s for s in found.stories))
        if result.settings.notice and result.settings.notice != self.settings.notice:
            self.notice.emit(result.settings.notice)
        self.settings, self.keys, self._folder = result.settings, result.keys, found.folder
        was = old.stories[old_current] if old is not None and old_current < len(old.stories) else None
        self.found = found
        if was is not None:
            self.current = _successor(found, was.id, was.paths)
        else:
            self.current = _successor(found, self.settings.chosen, self.settings.chosen_paths)
        shown = found.stories[self.current]
        self.moved = _moved(old, found, was, shown) if old is not None else frozenset()
        if was is None:  # the folder's first stories (or after a comparison adopted whole): another only if
            switched = not same_folder  # another folder
        else:  # a story that shares no article with the one shown is another story
            switched = was.id != shown.id and not set(was.paths) & set(shown.paths)
        self.listed.emit()
        self.chosen.emit(self.story_id(), switched)
        self._remember()
        return shown.comparison

    def choose(self, index: int) -> Comparison | None:
        """Show story index (the caller shows the returned comparison); None when it is shown already."""
        if not self.several or not 0 <= index < len(self.stories) or index == self.current:
            return None
        self.rest_runner.cancel()  # the chosen story's checks come first
        self.current, self.moved = index, frozenset()
        self.listed.emit()
        self.chosen.emit(self.story_id(), True)
        self._remember()
        return self.stories[index].comparison

    def override(self, path: str, target: int | None) -> bool:
        """Move the article at path to story target (None: a story of its own) and remember it; False if unsaved.

        The caller compares again: only the stories it left and joined are compared anew.
        """
        if target is None:
            correction = StoryOverride(path, None)
        else:
            others = [p for p in self.stories[target].paths if p != path]
            if not others:
                return False
            correction = StoryOverride(path, others[0])
        try:
            self.settings = add_override(self._folder, correction)
        except OSError as exc:
            self.notice.emit(f"The story correction could not be saved: {exc}")
            return False
        return True

    def cancel(self) -> None:
        """Stop the background checks of the other stories."""
        self.rest_runner.cancel()

    # --- the editorial checks, the shown story first ---------------------------------------------
    def store_checked(self, before: Comparison | None, after: Comparison) -> None:
        """A story's checks landed (before: the comparison they ran on): keep them, whichever story is shown."""
        found = self.found
        index = next((i for i, s in enumerate(self.stories) if s.comparison is before), None)
        if found is None or index is None:
            return
        self.found = found.with_comparison(index, after)
        self.listed.emit()  # the title is now the likely original's headline

    def check_rest(self) -> None:
        """Run the checks of the next story not checked yet, once the shown one's are done."""
        if not self.several or self.busy_elsewhere() or self.rest_runner.busy:
            return
        todo = next((s.comparison for i, s in enumerate(self.stories)
                     if i != self.current and not s.comparison.checks_ran), None)
        if todo is None:
            return
        from copydesk.core.findings import run_checks  # as the session does: spaCy only once a window shows

        self._resting = todo
        self.rest_runner.run(lambda _progress, cancel: run_checks(todo, cancel))

    def _rest_checked(self, c: Comparison) -> None:
        before, self._resting = self._resting, None
        self.store_checked(before, c)
        self.check_rest()

    def _rest_failed(self, message: str) -> None:
        before, self._resting = self._resting, None
        if before is not None:  # said as the session says it, so the loop moves on
            self.store_checked(before, dataclasses.replace(before, checks_ran=True,
                                                          check_errors=(f"editorial checks: {message}",)))
        self.check_rest()

    def _remember(self) -> None:
        """Save the shown story for the next opening of the folder (quietly: it is no mark)."""
        if not self.several:
            return
        shown = self.stories[self.current]
        if shown.id == self.settings.chosen and shown.paths == self.settings.chosen_paths:
            return
        try:
            self.settings = save_chosen_story(self._folder, shown.id, shown.paths)
        except OSError:  # the next choice tries again; the marks are what matters
            pass


def _successor(found: FolderStories, story_id: str, story_paths: tuple[str, ...]) -> int:
    """The story that continues the one given: the same id, else the one sharing most of its articles, else 0."""
    for i, s in enumerate(found.stories):
        if story_id and s.id == story_id:
            return i
    wanted = set(story_paths)
    best = max(range(len(found.stories)), key=lambda i: (len(wanted & set(found.stories[i].paths)), -i))
    return best if wanted & set(found.stories[best].paths) else 0


def _moved(old: FolderStories, new: FolderStories, was: StoryComparison | None,
           shown: StoryComparison) -> frozenset[str]:
    """Paths that joined or left the shown story and were in the folder before and after: a regrouping (an
    editor's correction), not a version added or removed on disk."""
    before, now = set(was.paths) if was is not None else set(), set(shown.paths)
    everywhere_before = {p for s in old.stories for p in s.paths}
    everywhere_now = {p for s in new.stories for p in s.paths}
    return frozenset({p for p in now - before if p in everywhere_before}
                     | {p for p in before - now if p in everywhere_now})
