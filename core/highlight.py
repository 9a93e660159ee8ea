"""What each stretch of text is, relative to the versions compared: the one classification every view uses.

The kinds, what the legend calls them, and the cutting of a paragraph into highlight runs are decided
here and nowhere else: the panes, the aligned-rows grid, the overview strips, the difference list, the
PDF and the per-article statistics all ask this module. A new kind is added here and given a look in
the palette (gui/palette.py) and the PDF style.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from copydesk.core.model import Comparison, ParaRef, Span, mask_indices, mask_of

ALL = "all"
"""Words every other included version carries."""
SOME = "some"
"""Words some, not all, of the other included versions carry."""
REWORDED = "reworded"
"""Words no other included version keeps, though some carry the same content in other words (aligned sentences)."""
UNIQUE = "unique"
"""Words no other included version carries, in these words or in others: content only this version has."""
BOILERPLATE = "boilerplate"
"""Page furniture (captions, bylines, plugs): left out of the comparison."""
PLAIN = "plain"
"""Text with no highlight: spaces between kinds, or a paragraph compared with nothing."""

CHANGED = frozenset({SOME, REWORDED, UNIQUE})
"""Kinds that make a paragraph differ from the others (what review steps through): a reworded sentence is a
difference of wording the editor reads, like words only some versions keep."""


@dataclass(frozen=True)
class KindInfo:
    """How the legend names a kind: a label, a shorter one for tight places, and what it means."""

    kind: str
    label: str
    short: str
    meaning: str


LEGEND: tuple[KindInfo, ...] = (
    KindInfo(ALL, "Shared by all", "By all", "every other version shown carries these words"),
    KindInfo(SOME, "Shared by some", "By some", "some other versions carry these words; the stronger the "
                                                "mark, the more versions"),
    KindInfo(REWORDED, "Reworded", "Reworded", "other versions carry this content in other words"),
    KindInfo(UNIQUE, "Unique", "Unique", "only this version has this content"),
    KindInfo(BOILERPLATE, "Boilerplate", "Boilerplate", "captions, bylines, links and other page furniture, "
                                                        "left out of the comparison"),
)
"""The kinds in the order every legend lists them."""

LEGEND_BY_KIND: dict[str, KindInfo] = {info.kind: info for info in LEGEND}


def kind_for(carried: int, others: int, reworded: int = 0) -> str:
    """The kind of words kept by `carried` of the `others` other included versions and reworded by `reworded`."""
    if others <= 0:
        return PLAIN
    if carried >= others:
        return ALL
    if carried:
        return SOME
    return REWORDED if reworded else UNIQUE


def level_for(carried: int, others: int) -> float:
    """How strongly to mark words carried by `carried` of `others` versions: the share that carries them."""
    return min(1.0, carried / others) if others > 0 else 0.0


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph with one highlight.

    start is the code-point offset of text in the paragraph; level the share of the other included
    versions that carry it (in these words, or for REWORDED in other words); carriers the versions that
    keep these words, reworded those that carry the content in other words (article indices), for tooltips.
    """

    text: str
    kind: str
    level: float = 0.0
    start: int = 0
    carriers: tuple[int, ...] = ()
    reworded: tuple[int, ...] = ()

    @property
    def end(self) -> int:
        """Code-point offset just past the run."""
        return self.start + len(self.text)


def included_set(c: Comparison, included: Optional[Iterable[int]] = None) -> frozenset[int]:
    """The included article indices of c (None = every article), ignoring numbers c does not have."""
    every = frozenset(range(len(c.articles)))
    return every if included is None else every & frozenset(included)


def paragraph_runs(c: Comparison, ref: ParaRef, included: Optional[Iterable[int]] = None) -> tuple[Run, ...]:
    """The paragraph's text cut into highlight runs, relative to the included articles (None = all).

    Runs cover the text exactly and in order. Adjacent spans of the same kind, level and carriers
    merge; the spaces where one kind meets another are left unmarked (PLAIN), so marks stop at words.
    """
    inc = included_set(c, included)
    para = c.paragraph(ref)
    text = para.text
    if para.boilerplate:
        return (Run(text, BOILERPLATE),) if text else ()
    own = ref[0]
    others = len(inc - {own})
    wanted = _mask_of(inc) & ~(1 << own)  # the other included articles
    runs: list[Run] = []
    pos = 0
    for span in _ordered(c.spans[own][ref[1]]):
        start, end = max(span.start, pos), min(span.end, len(text))
        if end <= start:
            continue  # a malformed or overlapping span never duplicates or loses text
        if start > pos:  # an engine gap: keep the text, unhighlighted
            _append(runs, Run(text[pos:start], PLAIN, start=pos))
        carried = span.carriers & wanted
        rewritten = span.reworded & wanted & ~carried
        count = carried.bit_count()
        kind = kind_for(count, others, rewritten.bit_count())
        level = level_for(rewritten.bit_count() if kind == REWORDED else count, others)
        _append(runs, Run(text[start:end], kind, level, start, mask_indices(carried) if kind != PLAIN else (),
                          mask_indices(rewritten) if kind != PLAIN else ()))
        pos = end
    if pos < len(text):
        _append(runs, Run(text[pos:], PLAIN, start=pos))
    return _unmark_edge_spaces(runs)


def changed_ranges(c: Comparison, ref: ParaRef, included: Optional[Iterable[int]] = None) -> tuple[tuple[int, int], ...]:
    """[start, end) code-point ranges of the paragraph's changed words (CHANGED kinds), spaces between merged.

    Changed runs separated only by spaces form one range; a run every other version carries, or an
    engine gap, ends it. Nothing is changed when fewer than two articles are included.
    """
    inc = included_set(c, included)
    if ref[0] not in inc or len(inc) < 2:
        return ()
    ranges: list[list[int]] = []
    bridging = False  # only spaces since the last changed run
    for run in paragraph_runs(c, ref, inc):
        if run.kind in CHANGED:
            if bridging and ranges:
                ranges[-1][1] = run.end
            else:
                ranges.append([run.start, run.end])
            bridging = True
        elif not (run.kind == PLAIN and not run.text.strip()):
            bridging = False
    return tuple((s, e) for s, e in ranges)


@lru_cache(maxsize=64)
def _mask_of(included: frozenset[int]) -> int:
    return mask_of(included)


def _ordered(spans: Iterable[Span]) -> list[Span]:
    return sorted(spans, key=lambda s: s.start)


def _append(runs: list[Run], run: Run) -> None:
    if not run.text:
        return
    last = runs[-1] if runs else None
    if last is not None and (last.kind, last.level, last.carriers, last.reworded) == (
            run.kind, run.level, run.carriers, run.reworded):
        runs[-1] = Run(last.text + run.text, last.kind, last.level, last.start, last.carriers, last.reworded)
    else:
        runs.append(run)


def _unmark_edge_spaces(runs: list[Run]) -> tuple[Run, ...]:
    """Leave the spaces where one highlight kind meets another unmarked, so underlines stop at words."""
    out: list[Run] = []
    for i, run in enumerate(runs):
        text = run.text
        lead = len(text) - len(text.lstrip()) if i == 0 else 0
        nxt = runs[i + 1].kind if i + 1 < len(runs) else None
        trail = len(text) - len(text.rstrip()) if nxt != run.kind else 0
        if lead >= len(text) or run.kind == PLAIN:
            _append(out, Run(text, PLAIN, start=run.start))
            continue
        if lead:
            _append(out, Run(text[:lead], PLAIN, start=run.start))
        _append(out, Run(text[lead:len(text) - trail], run.kind, run.level, run.start + lead, run.carriers,
                         run.reworded))
        if trail:
            _append(out, Run(text[len(text) - trail:], PLAIN, start=run.end - trail))
    return tuple(out)
