"""The display rows of a comparison for a reference article and a set of included articles.

One function decides the row order every view shows: the aligned-rows grid, the PDF, the difference
list (and so review navigation) and the JSON's group order. Rows follow the reference article's
reading order; a row the reference lacks stays right after the row it followed in the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from copydesk.core.highlight import included_set
from copydesk.core.model import Comparison, ParaRef


@dataclass(frozen=True)
class Row:
    """One display row: for each column, that article's paragraphs in this row (possibly none).

    group is the index into Comparison.groups, or None for a row of paragraphs in no group
    (boilerplate), placed after the row holding the paragraph each of them follows.
    """

    group: Optional[int]
    cells: tuple[tuple[ParaRef, ...], ...]

    def refs(self) -> tuple[ParaRef, ...]:
        """Every paragraph of the row, column by column."""
        return tuple(ref for cell in self.cells for ref in cell)


@dataclass(frozen=True)
class Layout:
    """Columns (article indices, reference first) and rows in display order."""

    columns: tuple[int, ...]
    rows: tuple[Row, ...]

    def group_order(self) -> tuple[int, ...]:
        """The group indices in display order (rows of unaligned paragraphs left out)."""
        return tuple(row.group for row in self.rows if row.group is not None)


def columns_for(c: Comparison, reference: Optional[int] = None,
                included: Optional[Sequence[int]] = None) -> tuple[int, ...]:
    """Included articles (None = all, in folder order; else in the order given), the reference first.

    A reference that is not included is ignored: the first included article leads.
    """
    inc = included_set(c, included)
    order = list(dict.fromkeys(a for a in (range(len(c.articles)) if included is None else included) if a in inc))
    if reference in inc:
        order.remove(reference)
        order.insert(0, reference)
    return tuple(order)


def layout_rows(c: Comparison, reference: Optional[int] = None, included: Optional[Sequence[int]] = None,
                unaligned: bool = True) -> Layout:
    """The rows of c for the included articles, ordered by the reference article's paragraphs.

    Groups with no included paragraph are left out. With unaligned, paragraphs in no group
    (boilerplate) get rows of their own after the row their article's previous paragraph is in.
    """
    columns = columns_for(c, reference, included)
    inc = frozenset(columns)
    lead = columns[0] if columns else 0
    position = {a: i for i, a in enumerate(columns)}
    order = _group_order(c, lead)
    extras: dict[int, dict[int, list[int]]] = {}  # anchor group (-1 = before all) -> article -> paragraphs
    if unaligned:
        for a in columns:
            anchor = -1
            for p in range(len(c.articles[a].paragraphs)):
                g = c.group_of((a, p))
                if g is None:
                    extras.setdefault(anchor, {}).setdefault(a, []).append(p)
                else:
                    anchor = g
    rows: list[Row] = []

    def add_extra(anchor: int) -> None:
        per_article = extras.get(anchor)
        if per_article:
            rows.append(Row(None, tuple(tuple((a, p) for p in per_article.get(a, ())) for a in columns)))

    add_extra(-1)
    for g in order:
        members = [m for m in c.groups[g].members if m[0] in inc]
        if members:
            cells: list[list[ParaRef]] = [[] for _ in columns]
            for m in sorted(members):
                cells[position[m[0]]].append(m)
            rows.append(Row(g, tuple(tuple(cell) for cell in cells)))
        add_extra(g)
    return Layout(columns, tuple(rows))


def paragraph_rows(layout: Layout) -> dict[ParaRef, int]:
    """Each paragraph of the layout and the position of its row in layout.rows."""
    return {ref: i for i, row in enumerate(layout.rows) for ref in row.refs()}


def _group_order(c: Comparison, reference: int) -> list[int]:
    """Group indices sorted by the reference's first paragraph in each; groups it lacks keep their place after."""
    keyed: list[tuple[float, int]] = []
    last = -1.0
    for gi, group in enumerate(c.groups):
        mine = [p for a, p in group.members if a == reference]
        if mine:
            last = float(min(mine))
        keyed.append((last, gi))
    return [gi for _key, gi in sorted(keyed, key=lambda t: t[0])]



PANE_LIMIT = 12
"""Up to this many versions show side by side; beyond it each pane would be too narrow to read."""
DEFAULT_PANES = 6
"""How many versions a folder larger than PANE_LIMIT shows side by side until the editor picks others."""


def pane_selection(c: Comparison, reference: Optional[int] = None, limit: int = DEFAULT_PANES) -> tuple[int, ...]:
    """The versions to show side by side by default, in folder order.

    Every version when there are at most PANE_LIMIT; else the reference, the likely original and
    then the most divergent versions (largest unique share), up to limit.
    """
    n = len(c.articles)
    if n <= PANE_LIMIT:
        return tuple(range(n))
    original = c.source_ranking[0].article if c.source_ranking else None
    chosen: list[int] = []
    for a in (reference, original, *sorted(range(n), key=lambda a: (-c.stats[a].unique, a))):
        if a is not None and 0 <= a < n and a not in chosen and len(chosen) < max(1, limit):
            chosen.append(a)
    return tuple(sorted(chosen))
