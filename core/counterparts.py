"""What another version says in place of a stretch of text: its aligned sentence, and the words opposite.

A word is reworded in article b when its sentence is aligned to a sentence of b that does not keep it
(core/spans.py). For a tooltip ("reworded in #2 — 'sending troops to the site' vs 'troops on the
ground'") this finds b's sentence through the comparison's sentence links (through a pivot sentence in
large folders) and, by the same word diff, the words of b's sentence that stand opposite the stretch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from copydesk.core.dmp_codec import encode_pair, runs_and_hunks, word_diff
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.sentences import sentence_bounds
from copydesk.core.tokens import Token, tokenize

SentRef = tuple[int, int, int]
"""(article, paragraph, sentence index)."""


@dataclass(frozen=True)
class Counterpart:
    """Another article's sentence(s) aligned to the sentence holding a stretch of text.

    text is that sentence (or the sentences, for a split one); fragment the words it has in place of the
    stretch ('' when it has nothing there: the stretch is an addition, or kept as it is).
    """

    article: int
    paragraph: int
    start: int  # code points into that paragraph's text
    end: int
    text: str
    fragment: str


def counterparts(c: Comparison, ref: ParaRef, start: int, end: int,
                 articles: Optional[Iterable[int]] = None) -> tuple[Counterpart, ...]:
    """For each article (all, or those given) with a sentence aligned to the one at [start, end) of ref, that sentence.

    Sentences aligned through another one (a pivot's, in large folders) count when no direct one exists.
    """
    text = c.paragraph(ref).text
    bounds = sentence_bounds(text)
    here = _sentence_at(bounds, start)
    if here is None:
        return ()
    index = _index(c)
    key = (ref[0], ref[1], here)
    wanted = None if articles is None else set(articles)
    direct = index.get(key, [])
    found: dict[int, list[SentRef]] = defaultdict(list)
    for other in direct:
        found[other[0]].append(other)
    near = set(found)
    for other in direct:
        for far in index.get(other, ()):
            if far[0] != ref[0] and far[0] not in near:
                found[far[0]].append(far)
    out = []
    lo, hi = bounds[here]
    for article in sorted(found):
        if article == ref[0] or wanted is not None and article not in wanted:
            continue
        sents = sorted(set(found[article]))
        para = sents[0][:2]  # one paragraph: a sentence split across paragraphs shows its first part
        sents = [s for s in sents if s[:2] == para]
        other_text = c.paragraph((para[0], para[1])).text
        other_bounds = sentence_bounds(other_text)
        o_lo, o_hi = other_bounds[sents[0][2]][0], other_bounds[sents[-1][2]][1]
        fragment = _opposite(text, lo, hi, start, end, other_text, o_lo, o_hi)
        out.append(Counterpart(article, para[1], o_lo, o_hi, other_text[o_lo:o_hi], fragment))
    return tuple(out)


def _sentence_at(bounds: tuple[tuple[int, int], ...], pos: int) -> Optional[int]:
    """The sentence holding pos (text before a sentence joins it), None for a paragraph without one."""
    if not bounds:
        return None
    for k, (_lo, hi) in enumerate(bounds):
        if pos < hi:
            return k
    return len(bounds) - 1


def _index(c: Comparison) -> dict[SentRef, list[SentRef]]:
    """Aligned sentences of c by sentence, built once per comparison."""
    cache = c.__dict__.get("_sentence_index")
    if cache is None:
        cache = defaultdict(list)
        for link in c.sentence_links:
            x, y = (link.a, link.p, link.i), (link.b, link.q, link.j)
            cache[x].append(y)
            cache[y].append(x)
        object.__setattr__(c, "_sentence_index", dict(cache))
    return cache


def _opposite(text: str, lo: int, hi: int, start: int, end: int, other: str, o_lo: int, o_hi: int) -> str:
    """The words of other[o_lo:o_hi] that the word diff sets against text[start:end] inside text[lo:hi]."""
    mine = _tokens(text, lo, hi)
    theirs = _tokens(other, o_lo, o_hi)
    if not mine or not theirs:
        return ""
    ops = word_diff(*encode_pair([t.norm for t in mine], [t.norm for t in theirs]))
    # [j0, j1): stretches of theirs opposite the run's words
    found = [(j0, j1) for i0, i1, j0, j1 in runs_and_hunks(ops)[1] if j1 > j0 and _overlaps(mine, i0, i1, start, end)]
    if not found:
        return ""
    return other[theirs[found[0][0]].start:theirs[found[-1][1] - 1].end]


def _tokens(text: str, lo: int, hi: int) -> list[Token]:
    """The words of text[lo:hi] with offsets into text."""
    return [Token(t.start + lo, t.end + lo, t.norm) for t in tokenize(text[lo:hi])]


def _overlaps(tokens: list[Token], i0: int, i1: int, start: int, end: int) -> bool:
    """Whether tokens[i0:i1] reach into [start, end)."""
    return any(t.start < end and t.end > start for t in tokens[i0:i1])
