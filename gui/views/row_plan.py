"""Where the layout rows sit in each pane: fillers for the rows an article lacks, and the rows to line up.

Pure logic (no Qt), used by gui/views/scroll_sync.py. Every pane keeps its article's own reading order.
A row that a shown article lacks gets a filler in that article's pane, placed just before the next row
the article does have in layout order (or at the end). The rows that every pane holds (as text or as a
filler) in layout order are the "sync rows": the panes are padded so each sync row starts at the same
height everywhere. A paragraph an article moved (out of the longest in-order run of its rows) is not a
sync row; it stays where the article has it, inside the stretch between two sync rows.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from copydesk.core.layout import Layout, paragraph_rows
from copydesk.core.model import ParaRef

AT_END = -1
"""Key of RowPlan.fillers for fillers after the article's last paragraph."""


@dataclass(frozen=True)
class RowPlan:
    """The rows of one layout as the panes show them."""

    groups: tuple[int | None, ...] = ()  # row -> Comparison group
    row_of: Mapping[ParaRef, int] = field(default_factory=dict)  # shown paragraph -> row
    sync: tuple[int, ...] = ()  # rows every pane holds in layout order, ascending
    fillers: Mapping[int, Mapping[int, tuple[int, ...]]] = field(default_factory=dict)
    # article -> paragraph the fillers go before (AT_END: after the last) -> their rows, ascending
    first: Mapping[int, Mapping[int, int]] = field(default_factory=dict)  # article -> row -> its first paragraph

    def row_of_group(self, group: int | None) -> int | None:
        """The row showing a group, or None."""
        if group is None:
            return None
        return next((r for r, g in enumerate(self.groups) if g == group), None)

    def place(self, article: int, row: int) -> tuple[str, int] | None:
        """Where a row is in an article's pane: ('paragraph', index), ('filler', row) or None (not shown)."""
        paragraph = self.first.get(article, {}).get(row)
        if paragraph is not None:
            return "paragraph", paragraph
        if any(row in rows for rows in self.fillers.get(article, {}).values()):
            return "filler", row
        return None


def plan_rows(layout: Layout, shown: Mapping[int, Sequence[int]]) -> RowPlan:
    """Plan the panes of layout's columns; shown gives each article's rendered paragraphs in reading order."""
    row_of_all = paragraph_rows(layout)
    sequences: dict[int, list[int]] = {}  # article -> its rows in reading order (first appearance)
    first: dict[int, dict[int, int]] = {}
    row_of: dict[ParaRef, int] = {}
    for a in layout.columns:
        seq: list[int] = []
        mine: dict[int, int] = {}
        for p in shown.get(a, ()):
            row = row_of_all.get((a, p))
            if row is None:
                continue
            row_of[(a, p)] = row
            if row not in mine:
                mine[row] = p
                seq.append(row)
        sequences[a], first[a] = seq, mine
    live = sorted({r for seq in sequences.values() for r in seq})
    in_order = {a: longest_increasing(seq) for a, seq in sequences.items()}
    moved = {r for a, seq in sequences.items() for r in seq if r not in in_order[a]}
    fillers: dict[int, dict[int, tuple[int, ...]]] = {}
    for a in layout.columns:
        ordered = sorted(in_order[a])
        places: dict[int, list[int]] = {}
        for row in live:
            if row in first[a]:
                continue
            at = bisect.bisect_right(ordered, row)
            before = first[a][ordered[at]] if at < len(ordered) else AT_END
            places.setdefault(before, []).append(row)
        fillers[a] = {p: tuple(rows) for p, rows in places.items()}
    groups = tuple(row.group for row in layout.rows)
    return RowPlan(groups, row_of, tuple(r for r in live if r not in moved), fillers, first)


def longest_increasing(values: Sequence[int]) -> set[int]:
    """The values of a longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []  # tails[k]: index of the smallest last value of an increasing run of length k+1
    ends: list[int] = []  # values[tails[k]], kept alongside for bisect
    previous: list[int] = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(ends, v)
        if k > 0:
            previous[i] = tails[k - 1]
        if k == len(tails):
            tails.append(i)
            ends.append(v)
        else:
            tails[k], ends[k] = i, v
    out: set[int] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        out.add(values[i])
        i = previous[i]
    return out
