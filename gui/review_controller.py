"""The review session of the open comparison: its differences, where review stands, and the saved marks."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from copydesk.core.carry import carried_fingerprints, successor_index
from copydesk.core.changes import Changes
from copydesk.core.differences import Difference, find_differences
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.navigation import Navigator, group_rows, locate
from copydesk.core.review import ReviewState, load_review, progress_words, reload_review, save_review

POSITION_SAVE_MS = 1500  # the position is saved once stepping pauses (and at close), not on every key press


class ReviewController(QObject):
    """Holds the differences, a core Navigator and the review marks; tells the views what changed."""

    current_changed = Signal(object)  # Difference | None
    inline_changed = Signal(object)  # core.navigation.InlineRange | None
    marks_changed = Signal()
    save_failed = Signal(object)  # str (object: Qt strings drop the surrogates of odd folder names)
    notice = Signal(object)  # str; the marks file could not be (wholly) read, e.g. "...; the file was kept as X"
    end_notice = Signal(str)  # at the end: "All 38 reviewed" or "4 left — press N to wrap"; "" once moved on

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.reference: int | None = None
        self.state = ReviewState("")
        self.nav = Navigator()
        self._rows: dict[int, int] = {}  # group -> row, for anchoring at a selected paragraph
        self._seen: tuple[str, str] = ("", "")  # (key, Mark.since) of the current difference as it became current
        self._about: tuple[str, tuple[str, ...]] = ("", ())  # the current difference's key and own paragraphs
        self._end_text = ""  # what end_notice last said
        self._wrap_armed = False  # the end was reached with differences left: the next step wraps to the top
        self._pending_position: tuple[str, str, tuple[str, ...], str] | None = None  # folder, key, fingerprints, story
        self.story = ""  # the shown story's id in a folder of several (gui/story_session.py), else ""
        self._other_keys: frozenset[str] = frozenset()  # the other stories' difference keys: their marks stay there
        self._position_timer = QTimer(self, singleShot=True, interval=POSITION_SAVE_MS)
        self._position_timer.timeout.connect(self.save_position)

    # --- data ------------------------------------------------------------------------------------
    def set_comparison(self, c: Comparison, reference: int | None = None, changes: Changes | None = None,
                       differences: tuple[Difference, ...] | None = None) -> None:
        """New or re-aligned comparison (or another reference): differences in row order, marks carried over.

        changes: what changed on disk since the comparison shown (core.changes.what_changed): marks follow
        edited paragraphs and are flagged "added" / "changed" since review (core.review.ReviewState.follow).
        differences: find_differences(c, reference=reference) when worked out already, off the GUI thread.
        """
        was = self.nav.current
        new_folder = c.folder != self.state.folder
        fresh = new_folder or self.comparison is None  # a folder (re)opened (reset), or the first comparison
        if new_folder:
            self.save_position()  # the old folder's, before its state is dropped
            self.state = load_review(c.folder)
        elif self.state.folder:  # a reload or another reference: pick up what another window saved meanwhile
            self.state = reload_review(self.state)
        told = self.state.notice
        self._tell(told)
        self.comparison, self.reference = c, reference
        if differences is None:
            differences = find_differences(c, reference=reference)
        self._rows = group_rows(c, reference)
        before = self.state
        # A file that appeared, changed or was excluded changes the keys of the rows it touches.
        self.state = self.state.follow([(d.key, d.fingerprints) for d in differences], changes, self._other_keys)
        if self.state is not before:
            notice = self._save()
            if notice != told:  # a special file refused by the load is refused again by the save: say it once
                self._tell(notice)
        self.nav = self.nav.rebased(differences, c)
        self._keep_current(was, changes)
        if fresh and self.restore_position():
            # The panes are rendered but not laid out yet (no scroll range): frame it again once they are.
            QTimer.singleShot(0, self._show_restored)
        self._look_at_current()
        self._set_end("")
        self.marks_changed.emit()
        self.current_changed.emit(self.current)

    def use_story(self, story: str, other_keys: frozenset[str] = frozenset()) -> None:
        """The story shown next ("" for a folder of one story): its own position; other stories' marks stay theirs."""
        self.story, self._other_keys = story, other_keys

    def reset(self) -> None:
        """Another folder is opening: its first comparison starts fresh, with no current difference from the last one."""
        self.comparison, self._rows = None, {}
        self.nav = Navigator(unreviewed_only=self.nav.unreviewed_only)

    def use_checked(self, c: Comparison) -> None:
        """The same comparison with the editorial checks' findings: their marks count from now on."""
        if self.comparison is not None and c.folder == self.comparison.folder:
            self.comparison = c
            self.marks_changed.emit()

    def clear(self) -> None:
        """No comparison (e.g. the folder failed to load)."""
        self.comparison, self._rows = None, {}
        self.nav = Navigator(unreviewed_only=self.nav.unreviewed_only)
        self._set_end("")
        self.current_changed.emit(None)

    @property
    def differences(self) -> tuple[Difference, ...]:
        """Every difference of the comparison, in row order."""
        return self.nav.differences

    @property
    def current(self) -> Difference | None:
        """The difference under review, or None."""
        return self.nav.current

    @property
    def index(self) -> int | None:
        """Position of the current difference, or None."""
        return self.nav.index

    @property
    def unreviewed_only(self) -> bool:
        """Whether navigation skips reviewed differences."""
        return self.nav.unreviewed_only

    def since(self, key: str) -> str:
        """key's "since review" flag (core.review.since_label): as saved, or as the current one had it on arrival."""
        return self.state.get(key).since or (self._seen[1] if self._seen[0] == key else "")

    def progress(self) -> tuple[int, int]:
        """(reviewed, total) over the differences."""
        return self.state.progress(d.key for d in self.differences)

    def progress_text(self) -> str:
        """'3 of 38 differences and 1 of 8 findings reviewed', worded as in the exported report."""
        findings = self.comparison.findings if self.comparison is not None else ()
        return progress_words(self.state, (d.key for d in self.differences), (f.key for f in findings))

    # --- navigation ------------------------------------------------------------------------------
    def next(self) -> None:
        """Go to the next (unreviewed, with the filter) difference; at the end say what is left, then wrap."""
        self._forward(self.nav.next)

    def advance(self) -> None:
        """Go to the next unreviewed difference after the current one (Space); at the end as next()."""
        self._forward(self.nav.next_unreviewed)

    def _forward(self, step: Callable[[Callable[[str], bool], Comparison | None], Navigator]) -> None:
        """A forward step; a second one at the end (after 'N left') wraps to the top."""
        if self._wrap_armed:
            self._wrap()
            return
        nav = step(self._reviewed, self.comparison)
        if nav is self.nav:
            self._at_end()
        else:
            self._move(nav)

    def go_to(self, index: int) -> None:
        """Make the difference at index current (e.g. activated in the Differences dock)."""
        self._move(self.nav.go(index, self.comparison))

    def previous(self) -> None:
        """Go to the previous difference."""
        self._move(self.nav.previous(self._reviewed, self.comparison))

    def first(self) -> None:
        """Go to the first difference."""
        self._move(self.nav.first(self._reviewed, self.comparison))

    def last(self) -> None:
        """Go to the last difference."""
        self._move(self.nav.last(self._reviewed, self.comparison))

    def set_unreviewed_only(self, on: bool) -> None:
        """Navigation skips reviewed differences while on (marks_changed tells the status bar)."""
        self.nav = self.nav.filtered(on)
        self.marks_changed.emit()

    def anchor_at(self, ref: ParaRef) -> None:
        """The user selected a paragraph: the next step starts from its row."""
        if self.comparison is not None:
            group = self.comparison.group_of(ref)
            self.nav = self.nav.anchored(self._rows.get(group) if group is not None else None)
            self._set_end("")  # the next step starts from here, not from the top

    def next_inline(self) -> None:
        """Step to the next changed run inside the current difference's paragraphs (F4)."""
        self._step_inline(+1)

    def previous_inline(self) -> None:
        """Step to the previous changed run (Shift+F4)."""
        self._step_inline(-1)

    # --- marks -----------------------------------------------------------------------------------
    def mark(self, key: str, **changes: Any) -> None:
        """Change the mark of a difference or finding and save at once (atomic write)."""
        if not key or not self.state.folder:
            return
        diff = next((d for d in self.differences if d.key == key), None)
        if diff is not None:  # what lets the mark follow its paragraphs when the rows change
            changes.setdefault("fingerprints", diff.fingerprints)
        self.state = self.state.with_mark(key, **changes)
        if key == self._seen[0]:  # marked again: looked at again, the flag is gone
            self._seen = ("", "")
        self._tell(self._save())
        self.marks_changed.emit()
        if self._end_text:  # the count at the end changed
            self._at_end()

    def reload_marks(self) -> None:
        """Re-read the saved marks (another window's), keeping this window's unsaved ones; then marks_changed."""
        if not self.state.folder:
            return
        self.state = reload_review(self.state)
        self._tell(self.state.notice)
        self.marks_changed.emit()

    def _save(self) -> str:
        """Save this window's changes; returns the notice of the file found on disk ('' if it was fine)."""
        # The saved file is merged with this window's changes; the result holds the other windows' marks too.
        try:
            self.state = save_review(self.state)
        except OSError as exc:  # the changes stay in self.state (touched) and go out with the next save
            self.save_failed.emit(f"Could not save review marks: {exc}")
            return ""
        return self.state.notice

    # --- where review stands, across restarts -----------------------------------------------------
    def save_position(self) -> None:
        """Save the remembered position now if it changed (also at close); quiet, as it is no mark."""
        self._position_timer.stop()
        pending, self._pending_position = self._pending_position, None
        if pending is None:
            return
        folder, key, fingerprints, story = pending
        try:
            if self.state.folder == folder:
                self.state = save_review(self.state)
            else:  # another folder's state came meanwhile: save the old folder's position on its own
                save_review(load_review(folder).with_position(key, fingerprints, story))
        except OSError:  # the position goes out with the next mark's save, which says what is wrong
            pass

    def restore_position(self) -> bool:
        """Make the difference remembered for this folder current again (found by content after re-alignment)."""
        position = self.state.position(self.story)
        found = locate(position[0], position[1], self.differences) if position is not None else None
        if found is not None:
            self.nav = self.nav.go(found, self.comparison)
        return found is not None

    def _show_restored(self) -> None:
        if self.current is not None:
            self.current_changed.emit(self.current)

    def _tell(self, notice: str) -> None:
        if notice:
            self.notice.emit(notice)

    # --- internals -------------------------------------------------------------------------------
    def _reviewed(self, key: str) -> bool:
        return self.state.get(key).reviewed

    def _move(self, nav: Navigator) -> None:
        moved = nav is not self.nav  # a step that found nothing returns the same navigator
        self.nav = nav
        if moved:
            self._set_end("")
            self._remember_position()
            if self._look_at_current():
                self.marks_changed.emit()
            self.current_changed.emit(self.current)

    def _keep_current(self, was: Difference | None, changes: Changes | None) -> None:
        """After a re-comparison the current difference is what was current became, found as a mark is.

        Like a mark, the position remembers its own paragraphs (core.carry.carried_fingerprints), so a row
        merged with another by a new version and split again when it leaves gives back the same difference.
        """
        about = self._about[1] if was is not None and self._about[0] == was.key else was.fingerprints if was else ()
        if was is not None:
            found = successor_index(was.key, about, [(d.key, d.fingerprints) for d in self.differences], changes)
            if found is not None and found != self.nav.index:
                self.nav = self.nav.go(found, self.comparison)
        now = self.current
        if now is None:
            self._about = ("", ())
        elif was is None or now.key != was.key or not about:
            self._about = (now.key, carried_fingerprints([about], frozenset(now.fingerprints), changes))
        else:  # the same difference: it is about what it was about
            self._about = (now.key, tuple(about))

    def _look_at_current(self) -> bool:
        """The current difference is being looked at: its "since review" flag is cleared (and saved) but still
        shown while it stays current (see since). Returns whether a flag was cleared."""
        diff = self.current
        if diff is None or diff.key != self._seen[0]:
            self._seen = ("", "")
        mark = self.state.get(diff.key) if diff is not None else None
        if diff is None or mark is None or not mark.since:
            return False
        self._seen = (diff.key, mark.since)
        self.state = self.state.with_mark(diff.key, since="", updated=mark.updated)  # not the editor's change
        self._tell(self._save())
        return True

    def _at_end(self) -> None:
        """Nothing further: say so; with differences left, the next step wraps to the first of them."""
        if not self.differences:
            return
        left = self.nav.remaining(self._reviewed)
        self._wrap_armed = left > 0
        self._set_end(f"{left} left — press N to wrap" if left else f"All {len(self.differences)} reviewed")

    def _wrap(self) -> None:
        nav = self.nav.next_unreviewed(self._reviewed, self.comparison, wrap=True)
        if nav is self.nav:  # nothing left after all (marked meanwhile)
            self._at_end()
        else:
            self._move(nav)

    def _set_end(self, text: str) -> None:
        if not text:
            self._wrap_armed = False
        if text != self._end_text:
            self._end_text = text
            self.end_notice.emit(text)

    def _remember_position(self) -> None:
        diff = self.current
        if diff is not None and self.state.folder:
            self.state = self.state.with_position(diff.key, diff.fingerprints, self.story)
            self._pending_position = (self.state.folder, diff.key, diff.fingerprints, self.story)
            self._position_timer.start()

    def _step_inline(self, direction: int) -> None:
        if self.current is None:
            self.next()
        self.nav, rng = self.nav.step_inline(direction)
        if rng is not None:
            self.inline_changed.emit(rng)

