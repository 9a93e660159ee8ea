"""Article bit masks of core/spans.py: crediting runs of kept words, and the per-token masks of the result.

A mask is an int, bit a = article a. With hundreds of versions masks are big ints, so the per-token
work here runs in C (map over slices) rather than in a Python loop.
"""

from __future__ import annotations

from itertools import repeat
from operator import and_, or_, xor
from typing import Callable

from copydesk.core.model import ParaRef
from copydesk.core.sentence_groups import Run, Segment

Masks = list[int]
"""Per token (or per sentence), a bit mask of articles."""


def keep_runs(exact: dict[ParaRef, Masks], side: list[Segment], runs: list[Run], at: int, bit: int) -> None:
    """Add bit to the masks of the side's tokens that the runs of equal words hold (at: 0 x side, 1 y side)."""
    if len(side) == 1:  # one sentence or paragraph (the commonest): run positions are token offsets
        ref, lo, _hi = side[0]
        masks = exact[ref]
        for run in runs:
            a = lo + run[at]
            b = a + run[2]
            masks[a:b] = map(or_, masks[a:b], repeat(bit))
        return
    for run in runs:
        start, end = run[at], run[at] + run[2]
        offset = 0
        for ref, lo, hi in side:
            a, b = max(start, offset), min(end, offset + hi - lo)
            if a < b:
                masks = exact[ref]
                a, b = lo + a - offset, lo + b - offset
                masks[a:b] = map(or_, masks[a:b], repeat(bit))
            offset += hi - lo


def locate(side: list[Segment], k: int) -> tuple[ParaRef, int]:
    """Token k of a side: its paragraph and its index there."""
    for ref, lo, hi in side:
        if k < hi - lo:
            return ref, lo + k
        k -= hi - lo
    raise IndexError(k)


def reworded_masks(ranges: list[tuple[int, int]], carriers: Masks, exact: Masks, added: dict[int, int], bit: int,
                   keep: Callable[[int, int], int]) -> Masks:
    """Per token of a paragraph, the other articles carrying its sentence but not it, nor lacking its clause.

    ranges: its sentences' tokens; carriers: per sentence, the articles carrying it (bit, its own article,
    left out); exact: per token, the others keeping it; added: per token of an added clause, the articles
    lacking it; keep interns a mask.
    """
    rew: Masks = []
    for (lo, hi), base in zip(ranges, carriers):
        # positive operands only: Python's bitwise operations on negative big ints are several times slower
        if base & bit:
            base ^= bit
        if not base:
            rew.extend(repeat(0, hi - lo))
            continue
        rs = list(map(xor, repeat(base), map(and_, repeat(base), exact[lo:hi])))
        rew.extend(map(keep, rs, rs))
    for k, articles in added.items():
        r = rew[k]
        r ^= r & articles
        rew[k] = keep(r, r)
    return rew


class Sharing:
    """Whether interning exact masks (one object per distinct mask) still pays, paragraph by paragraph.

    Real folders share a few thousand distinct masks: one object each saves memory and lets
    spans_for_paragraph compare by identity. When nearly every token's mask is its own (hundreds of
    versions, each keeping a different mix) interning only costs a hash per token, and stops.
    """

    TRIAL = 20_000
    """Tokens interned before judging."""

    def __init__(self) -> None:
        self.seen = 0
        self.on = True

    def pays(self, distinct: int, tokens: int) -> bool:
        """Whether to intern a paragraph's tokens, given the distinct masks interned so far (once off, off)."""
        if self.on and self.seen >= self.TRIAL and distinct * 2 > self.seen:
            self.on = False
        self.seen += tokens
        return self.on
