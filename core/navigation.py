"""Review navigation through the differences: next, previous, first, last, the unreviewed filter,
the changed words inside the current difference, and where to stand after a re-alignment. Pure logic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Optional, Sequence

from copydesk.core.differences import Difference, inline_changes
from copydesk.core.layout import layout_rows
from copydesk.core.model import Comparison
from copydesk.core.carry import successor_index

IsReviewed = Callable[[str], bool]
"""Whether the difference with this key is marked reviewed."""

InlineRange = tuple[int, int, int, int]
"""(article, paragraph, start, end) in code points."""


@dataclass(frozen=True)
class Navigator:
    """Where review stands: the differences in row order, the current one, and what a step starts from.

    Every move returns a new Navigator; an impossible move (no further difference) returns self.
    """

    differences: tuple[Difference, ...] = ()
    index: Optional[int] = None
    anchor_row: Optional[int] = None  # a row the user selected: the next step continues from it
    unreviewed_only: bool = False
    inline: tuple[InlineRange, ...] = ()  # changed words of the current difference, in reading order
    inline_index: int = -1

    @property
    def current(self) -> Optional[Difference]:
        """The difference under review, or None."""
        return self.differences[self.index] if self.index is not None else None

    def next(self, reviewed: IsReviewed, c: Optional[Comparison] = None) -> Navigator:
        """The next difference (the next unreviewed one while the filter is on)."""
        return self._step(+1, reviewed, c)

    def previous(self, reviewed: IsReviewed, c: Optional[Comparison] = None) -> Navigator:
        """The previous difference (unreviewed only while the filter is on)."""
        return self._step(-1, reviewed, c)

    def first(self, reviewed: IsReviewed, c: Optional[Comparison] = None) -> Navigator:
        """The first eligible difference."""
        found = next((i for i in range(len(self.differences)) if self._eligible(i, reviewed)), None)
        return self.go(found, c)

    def last(self, reviewed: IsReviewed, c: Optional[Comparison] = None) -> Navigator:
        """The last eligible difference."""
        found = next((i for i in reversed(range(len(self.differences))) if self._eligible(i, reviewed)), None)
        return self.go(found, c)

    def next_unreviewed(self, reviewed: IsReviewed, c: Optional[Comparison] = None, wrap: bool = False) -> Navigator:
        """The next difference not yet reviewed, whatever the filter; with wrap, from the top once past the end.

        Starts after the current difference (or at the selected row). Wrapping reaches the current
        difference last, so it is found when it is the only one left. Returns self when none is left.
        """
        n = len(self.differences)
        start = self._start(+1)
        order = list(range(start + 1, n)) + (list(range(0, min(start + 1, n))) if wrap else [])
        found = next((i for i in order if not reviewed(self.differences[i].key)), None)
        return self.go(found, c)

    def remaining(self, reviewed: IsReviewed) -> int:
        """How many differences are not reviewed yet."""
        return sum(1 for d in self.differences if not reviewed(d.key))

    def go(self, index: Optional[int], c: Optional[Comparison] = None) -> Navigator:
        """Make the difference at index current (None: stay); c gives its changed words for stepping."""
        if index is None or not 0 <= index < len(self.differences):
            return self
        inline = _inline_ranges(c, self.differences[index]) if c is not None else ()
        return replace(self, index=index, anchor_row=None, inline=inline, inline_index=-1)

    def anchored(self, row: Optional[int]) -> Navigator:
        """The user selected a paragraph in this layout row: the next step starts from there."""
        return replace(self, anchor_row=row)

    def filtered(self, unreviewed_only: bool) -> Navigator:
        """Turn the unreviewed-only filter on or off."""
        return replace(self, unreviewed_only=bool(unreviewed_only))

    def step_inline(self, direction: int) -> tuple[Navigator, Optional[InlineRange]]:
        """The next (+1) or previous (-1) changed run in the current difference, wrapping around."""
        if not self.inline:
            return self, None
        position = (self.inline_index + direction) % len(self.inline)
        return replace(self, inline_index=position), self.inline[position]

    def rebased(self, differences: tuple[Difference, ...], c: Optional[Comparison] = None) -> Navigator:
        """The same place in a new list of differences (after a re-alignment, an edit, a new reference).

        The current difference's successor is the one with the same key, else the one holding most of
        its paragraphs (content fingerprints), else none.
        """
        old = self.current
        moved = replace(self, differences=differences, index=None, anchor_row=None, inline=(), inline_index=-1)
        if old is None:
            return moved
        return moved.go(successor(old, differences), c)

    def position_text(self) -> str:
        """'Difference 3 of 38', or '' with no current difference."""
        return f"Difference {self.index + 1} of {len(self.differences)}" if self.index is not None else ""

    def _eligible(self, i: int, reviewed: IsReviewed) -> bool:
        return not (self.unreviewed_only and reviewed(self.differences[i].key))

    def _step(self, direction: int, reviewed: IsReviewed, c: Optional[Comparison]) -> Navigator:
        n = len(self.differences)
        i = self._start(direction) + direction
        while 0 <= i < n and not self._eligible(i, reviewed):
            i += direction
        return self.go(i, c) if 0 <= i < n else self

    def _start(self, direction: int) -> int:
        """Where a step starts: the anchor row if the user selected one, else the current difference."""
        n = len(self.differences)
        if self.anchor_row is not None:
            rows = [d.row for d in self.differences]
            if direction > 0:  # a difference on the selected row itself is the next one
                before = [i for i, r in enumerate(rows) if r < self.anchor_row]
                return before[-1] if before else -1
            after = [i for i, r in enumerate(rows) if r > self.anchor_row]
            return after[0] if after else n
        if self.index is None:
            return -1 if direction > 0 else n
        return self.index


def successor(old: Difference, differences: tuple[Difference, ...]) -> Optional[int]:
    """Position in differences of what old became: found as its review mark is (core.carry), else None."""
    return successor_index(old.key, old.fingerprints, [(d.key, d.fingerprints) for d in differences])


def locate(key: str, fingerprints: Sequence[str], differences: tuple[Difference, ...]) -> Optional[int]:
    """Position in differences of a remembered difference (its key and paragraph fingerprints), as successor finds it."""
    return successor(Difference(key, "", -1, (), "", tuple(fingerprints)), differences)


def group_rows(c: Comparison, reference: Optional[int] = None) -> dict[int, int]:
    """Group index -> row position, in the layout find_differences numbers Difference.row by."""
    return {g: row for row, g in enumerate(layout_rows(c, reference, unaligned=False).group_order())}


def _inline_ranges(c: Comparison, diff: Difference) -> tuple[InlineRange, ...]:
    return tuple((a, p, s, e) for a, p in sorted(diff.refs) for s, e in inline_changes(c, (a, p)))
