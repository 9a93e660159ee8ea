"""Printed paragraphs and side-by-side rows, and the packing that keeps a printed table from wasting paper.

The app's rows (core.layout) are one per alignment group: printed as they are, most hold a single
article beside empty columns. pack() keeps the alignment and the reading order of every column, but
takes boilerplate out of the table (listed after it), prints long runs that only one version has after
the table with their context ("Only in #4"), and lets neighbouring rows of single versions share a row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from copydesk.core.edits import Deletion, Move
from copydesk.core.highlight import Run
from copydesk.core.model import ParaRef

LONG_RUN_WORDS = 20
"""A run of rows only one version has, of at least this many words, is printed after the table: in a
column of its own beside empty ones it would take five times the paper it takes at full width."""
LONG_RUN_PARAGRAPHS = 2
"""... as is a run of at least this many such paragraphs."""

ALIGNED, SINGLE, GATHERED = "aligned", "single", "gathered"


@dataclass(frozen=True)
class Block:
    """One paragraph as printed: highlighted runs, struck words, moves, review notes and finding marks."""

    ref: ParaRef
    number: int  # 1-based paragraph number within its article
    runs: tuple[Run, ...]
    is_title: bool = False
    boilerplate: bool = False
    boilerplate_reason: str = ""
    notes: tuple[int, ...] = ()
    deletions: tuple[Deletion, ...] = ()  # words of the reference this version dropped, placed in the text
    move: Optional[Move] = None  # set when the paragraph is out of the reference's order
    changed: bool = False  # differs from the others (changed kinds or dropped words): a change bar
    findings: tuple[int, ...] = ()  # numbers of the findings about this paragraph (F1, F2…)

    @property
    def words(self) -> int:
        """Words in the paragraph."""
        return sum(len(run.text.split()) for run in self.runs)


@dataclass(frozen=True)
class Row:
    """One side-by-side row: for each column, the paragraphs of that article in this row.

    kind: ALIGNED (an alignment group), SINGLE (paragraphs only one version has; neighbouring ones
    may share a row) or GATHERED (a pointer to an OnlySection printed after the table; cells empty).
    """

    cells: tuple[tuple[Block, ...], ...]
    extra: bool = False  # boilerplate / unaligned paragraphs placed after the row they follow
    kind: str = ALIGNED
    note: str = ""  # GATHERED: what was moved where, in words

    def blocks(self) -> tuple[Block, ...]:
        """Every paragraph of the row, column by column."""
        return tuple(b for cell in self.cells for b in cell)


@dataclass(frozen=True)
class OnlySection:
    """Paragraphs only one version has, printed after the table with the paragraph they follow."""

    column: int
    article: int
    blocks: tuple[Block, ...]
    after: Optional[Block] = None  # the article's paragraph printed before them in the table (None: none)

    @property
    def span(self) -> str:
        """'¶12–¶15' (or '¶12')."""
        first, last = self.blocks[0].number, self.blocks[-1].number
        return f"¶{first}" if first == last else f"¶{first}–¶{last}"


@dataclass(frozen=True)
class Packed:
    """The printed table, the long single-version runs after it, and the boilerplate listed last."""

    rows: tuple[Row, ...]
    only: tuple[OnlySection, ...]
    boilerplate: tuple[Block, ...]


def pack(rows: tuple[Row, ...], columns: tuple[int, ...]) -> Packed:
    """Pack the app's rows for paper (see the module doc); no paragraph is lost or printed twice."""
    boiler: list[Block] = []
    story: list[Row] = []
    for row in rows:
        cells = tuple(tuple(b for b in cell if not b.boilerplate) for cell in row.cells)
        boiler += [b for cell in row.cells for b in cell if b.boilerplate]
        used = [k for k, cell in enumerate(cells) if cell]
        if used:
            story.append(Row(cells, row.extra, SINGLE if len(used) == 1 else ALIGNED))
    gathered, only = _gather_long_runs(story, columns)
    order = {a: k for k, a in enumerate(columns)}
    boiler.sort(key=lambda b: (order.get(b.ref[0], len(order)), b.ref[1]))
    return Packed(_merge_neighbours(gathered, len(columns)), tuple(only), tuple(boiler))


def _column(row: Row) -> int:
    return next(k for k, cell in enumerate(row.cells) if cell)


def _gather_long_runs(rows: list[Row], columns: tuple[int, ...]) -> tuple[list[Row], list[OnlySection]]:
    """Replace each long run of one version's rows by a GATHERED pointer; return the runs as sections."""
    out: list[Row] = []
    only: list[OnlySection] = []
    last_printed: dict[int, Block] = {}  # column -> its last paragraph in the table so far
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.kind != SINGLE:
            out.append(row)
            _remember(last_printed, row)
            i += 1
            continue
        k = _column(row)
        j = i
        while j < len(rows) and rows[j].kind == SINGLE and _column(rows[j]) == k:
            j += 1
        blocks = tuple(b for r in rows[i:j] for b in r.cells[k])
        if len(blocks) >= LONG_RUN_PARAGRAPHS or sum(b.words for b in blocks) >= LONG_RUN_WORDS:
            section = OnlySection(k, columns[k], blocks, last_printed.get(k))
            only.append(section)
            out.append(Row(tuple(() for _ in columns), kind=GATHERED,
                           note=f"#{columns[k] + 1} {section.span}: {len(blocks)} paragraph"
                                f"{'s' if len(blocks) != 1 else ''} only this version has"))
        else:
            out.extend(rows[i:j])
            for r in rows[i:j]:
                _remember(last_printed, r)
        i = j
    return out, only


def _remember(last: dict[int, Block], row: Row) -> None:
    for k, cell in enumerate(row.cells):
        if cell:
            last[k] = cell[-1]


def _merge_neighbours(rows: list[Row], n: int) -> tuple[Row, ...]:
    """Neighbouring SINGLE rows share one row (each column keeps its order); GATHERED pointers join up."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == row.kind == SINGLE:
            out[-1] = replace(prev, cells=tuple(a + b for a, b in zip(prev.cells, row.cells)))
        elif prev is not None and prev.kind == row.kind == GATHERED:
            out[-1] = replace(prev, note=f"{prev.note}; {row.note}")
        else:
            out.append(row)
    return tuple(out)
