"""Differences of the current comparison, keyboard navigation through them, and review marks."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from copydesk.core.differences import Difference, find_differences, inline_changes
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.review import FOLLOW_SIMILARITY, ReviewState, content_similarity, load_review, progress_words, save_review

InlineRange = tuple[int, int, int, int]
"""(article, paragraph, start, end) in code points."""


class ReviewController(QObject):
    """Owns the difference list, the current one, the unreviewed filter and the saved marks."""

    current_changed = Signal(object)  # Difference | None
    inline_changed = Signal(object)  # InlineRange | None
    marks_changed = Signal()
    save_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.differences: tuple[Difference, ...] = ()
        self.state = ReviewState("")
        self.index: int | None = None
        self.unreviewed_only = False
        self._anchor_group: int | None = None  # a paragraph the user selected: navigation continues from it
        self._inline: list[InlineRange] = []
        self._inline_pos = -1

    # --- data ------------------------------------------------------------------------------------
    def set_comparison(self, c: Comparison) -> None:
        """New or re-aligned comparison: recompute differences, carry marks and the current one over."""
        old = self.current
        if c.folder != self.state.folder:
            self.state = load_review(c.folder)
        self.comparison = c
        self.differences = find_differences(c)
        before = self.state
        # A file that appeared, changed or was excluded changes the keys of the rows it touches.
        self.state = self.state.follow((d.key, d.fingerprints) for d in self.differences)
        if self.state is not before:
            self._save()
        self.index = self._successor(old) if old is not None else None
        self._anchor_group = None
        self._reset_inline()
        self.marks_changed.emit()
        self.current_changed.emit(self.current)

    def clear(self) -> None:
        """No comparison (e.g. the folder failed to load)."""
        self.comparison, self.differences, self.index = None, (), None
        self._reset_inline()
        self.current_changed.emit(None)

    @property
    def current(self) -> Difference | None:
        """The difference under review, or None."""
        return self.differences[self.index] if self.index is not None else None

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
        self._step(+1)

    def previous(self) -> None:
        """Go to the previous difference."""
        self._step(-1)

    def first(self) -> None:
        """Go to the first difference."""
        self._go(next((i for i in range(len(self.differences)) if self._eligible(i)), None))

    def last(self) -> None:
        """Go to the last difference."""
        self._go(next((i for i in reversed(range(len(self.differences))) if self._eligible(i)), None))

    def set_unreviewed_only(self, on: bool) -> None:
        """Navigation skips reviewed differences while on (marks_changed tells the status bar)."""
        self.unreviewed_only = bool(on)
        self.marks_changed.emit()

    def anchor_at(self, ref: ParaRef) -> None:
        """The user selected a paragraph: the next step starts from its row."""
        if self.comparison is not None:
            self._anchor_group = self.comparison.group_of(ref)

    def next_inline(self) -> None:
        """Step to the next changed run inside the current difference's paragraphs (F4)."""
        self._step_inline(+1)

    def previous_inline(self) -> None:
        """Step to the previous changed run (Shift+F4)."""
        self._step_inline(-1)

    # --- marks -----------------------------------------------------------------------------------
    def mark(self, key: str, **changes) -> None:
        """Change the mark of a difference or finding and save at once (atomic write)."""
        if not key or not self.state.folder:
            return
        diff = next((d for d in self.differences if d.key == key), None)
        if diff is not None:  # what lets the mark follow its paragraphs when the rows change
            changes.setdefault("fingerprints", diff.fingerprints)
        self.state = self.state.with_mark(key, **changes)
        self._save()
        self.marks_changed.emit()

    def _save(self) -> None:
        try:
            save_review(self.state)
        except OSError as exc:
            self.save_failed.emit(f"Could not save review marks: {exc}")

    # --- internals -------------------------------------------------------------------------------
    def _successor(self, old: Difference) -> int | None:
        """Position of old in the new differences: same key, else the one holding most of its paragraphs."""
        keys = [d.key for d in self.differences]
        if old.key in keys:
            return keys.index(old.key)
        scored = [(content_similarity(old.fingerprints, d.fingerprints), -i) for i, d in enumerate(self.differences)]
        score, position = max(scored, default=(0.0, 0))
        return -position if score >= FOLLOW_SIMILARITY else None

    def _eligible(self, i: int) -> bool:
        return not (self.unreviewed_only and self.state.get(self.differences[i].key).reviewed)

    def _step(self, direction: int) -> None:
        n = len(self.differences)
        if not n:
            return
        start = self._start_position(direction)
        i = start + direction
        while 0 <= i < n and not self._eligible(i):
            i += direction
        if 0 <= i < n:
            self._go(i)

    def _start_position(self, direction: int) -> int:
        if self._anchor_group is not None:
            groups = [d.group for d in self.differences]
            if direction > 0:  # the last difference at or before the anchor row counts as 'here'
                before = [i for i, g in enumerate(groups) if g < self._anchor_group]
                return before[-1] if before else -1
            after = [i for i, g in enumerate(groups) if g > self._anchor_group]
            return after[0] if after else len(groups)
        if self.index is None:
            return -1 if direction > 0 else len(self.differences)
        return self.index

    def _go(self, index: int | None) -> None:
        if index is None:
            return
        self._anchor_group = None
        self.index = index
        self._reset_inline()
        self.current_changed.emit(self.current)

    def _reset_inline(self) -> None:
        self._inline, self._inline_pos = [], -1
        diff, c = self.current, self.comparison
        if diff is None or c is None:
            return
        for ref in sorted(diff.refs):
            self._inline += [(ref[0], ref[1], s, e) for s, e in inline_changes(c, ref)]

    def _step_inline(self, direction: int) -> None:
        if self.current is None:
            self.next()
        if not self._inline:
            return
        self._inline_pos = (self._inline_pos + direction) % len(self._inline)
        self.inline_changed.emit(self._inline[self._inline_pos])
