"""The review session of the open comparison: its differences, where review stands, and the saved marks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from copydesk.core.differences import Difference, find_differences
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.navigation import Navigator, group_rows
from copydesk.core.review import ReviewState, load_review, progress_words, reload_review, save_review


class ReviewController(QObject):
    """Holds the differences, a core Navigator and the review marks; tells the views what changed."""

    current_changed = Signal(object)  # Difference | None
    inline_changed = Signal(object)  # core.navigation.InlineRange | None
    marks_changed = Signal()
    save_failed = Signal(object)  # str (object: Qt strings drop the surrogates of odd folder names)
    notice = Signal(object)  # str; the marks file could not be (wholly) read, e.g. "...; the file was kept as X"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.reference: int | None = None
        self.state = ReviewState("")
        self.nav = Navigator()
        self._rows: dict[int, int] = {}  # group -> row, for anchoring at a selected paragraph

    # --- data ------------------------------------------------------------------------------------
    def set_comparison(self, c: Comparison, reference: int | None = None) -> None:
        """New or re-aligned comparison (or another reference): differences in row order, marks carried over."""
        if c.folder != self.state.folder:
            self.state = load_review(c.folder)
        elif self.state.folder:  # a reload or another reference: pick up what another window saved meanwhile
            self.state = reload_review(self.state)
        told = self.state.notice
        self._tell(told)
        self.comparison, self.reference = c, reference
        differences = find_differences(c, reference=reference)
        self._rows = group_rows(c, reference)
        before = self.state
        # A file that appeared, changed or was excluded changes the keys of the rows it touches.
        self.state = self.state.follow((d.key, d.fingerprints) for d in differences)
        if self.state is not before:
            notice = self._save()
            if notice != told:  # a special file refused by the load is refused again by the save: say it once
                self._tell(notice)
        self.nav = self.nav.rebased(differences, c)
        self.marks_changed.emit()
        self.current_changed.emit(self.current)

    def clear(self) -> None:
        """No comparison (e.g. the folder failed to load)."""
        self.comparison, self._rows = None, {}
        self.nav = Navigator(unreviewed_only=self.nav.unreviewed_only)
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

    def progress(self) -> tuple[int, int]:
        """(reviewed, total) over the differences."""
        return self.state.progress(d.key for d in self.differences)

    def progress_text(self) -> str:
        """'3 of 38 differences and 1 of 8 findings reviewed', worded as in the exported report."""
        findings = self.comparison.findings if self.comparison is not None else ()
        return progress_words(self.state, (d.key for d in self.differences), (f.key for f in findings))

    # --- navigation ------------------------------------------------------------------------------
    def next(self) -> None:
        """Go to the next (unreviewed, with the filter) difference."""
        self._move(self.nav.next(self._reviewed, self.comparison))

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
        self._tell(self._save())
        self.marks_changed.emit()

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
            self.current_changed.emit(self.current)

    def _step_inline(self, direction: int) -> None:
        if self.current is None:
            self.next()
        self.nav, rng = self.nav.step_inline(direction)
        if rng is not None:
            self.inline_changed.emit(rng)

