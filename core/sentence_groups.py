"""Groups of aligned sentences of two linked articles, and the word diff of one group (for core/spans.py).

The links between two articles join paragraphs into components (a rewrite that re-paragraphs links one
paragraph to several); the sentences of a component are aligned (core/sentences.py) and fall into
groups (one sentence, or a split or merged one, on each side); each group is diffed once at word level.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Callable, Generic, Iterator, Optional, TypeVar

from copydesk.core.dmp_codec import runs_and_hunks, word_diff
from copydesk.core.model import ParaRef
from copydesk.core.sentences import SentenceWords, norm_words, sentence_bounds
from copydesk.core.tokens import STOPWORDS, Token

ADDED_CLAUSE_WORDS = 2
"""Content words an insertion needs, opposite nothing in the other sentence, to be an added clause (new)."""

Sent = tuple[ParaRef, int]
"""A sentence: its paragraph and its index there."""
Position = tuple[ParaRef, int]
"""A token: its paragraph and its index there."""
Segment = tuple[ParaRef, int, int]
"""Tokens [lo, hi) of a paragraph (a sentence); one side of a diff is a list of them, read in order."""
Run = tuple[int, int, int]
"""(x position, y position, length) of a stretch of equal words in a diff."""
Encoder = Callable[[list[Segment], list[Segment]], tuple[str, str]]
_START, _NORM = itemgetter(0), itemgetter(2)  # Token.start, Token.norm, read in C


T = TypeVar("T")


class _Lazy(Generic[T]):
    """functools.cached_property without its lock (Python 3.11 takes one on every first use): computed on
    first read, then an ordinary attribute of the instance."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func, self.name = func, func.__name__

    def __get__(self, obj: Any, cls: Any = None) -> T:
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class ParaSentences:
    """A linked paragraph's sentences as token ranges, and its tokens' words.

    The rest is worked out on first use: most links join two one-sentence paragraphs, whose diff needs
    neither the sentences' content words (the aligner's) nor, mostly, which tokens are function words.
    """

    ranges: list[tuple[int, int]]  # [lo, hi) token indices of each sentence
    norms: list[str]  # per token, its normalised word
    idf: dict[str, float]  # the aligner's word weights (sentence_words)
    default: float

    @_Lazy
    def words(self) -> list[SentenceWords]:
        """Each sentence's content words with their weight."""
        if len(self.ranges) == 1:
            return [norm_words(self.norms, self.idf, self.default)]
        return [norm_words(self.norms[lo:hi], self.idf, self.default) for lo, hi in self.ranges]

    @_Lazy
    def stop(self) -> list[bool]:
        """Per token, whether it is a function word (not a content word)."""
        return list(map(STOPWORDS.__contains__, self.norms))

    @_Lazy
    def sentence_of(self) -> list[int]:
        """Per token, its sentence."""
        out: list[int] = []
        for s, (lo, hi) in enumerate(self.ranges):
            out.extend([s] * (hi - lo))
        return out

    @_Lazy
    def all_words(self) -> frozenset[str]:
        """The content words of all its sentences (they hold every token)."""
        return self.words[0].words if len(self.ranges) == 1 else frozenset(self.norms) - STOPWORDS


def paragraph_sentences(toks: list[Token], text: Optional[str], idf: dict[str, float],
                        default: float) -> ParaSentences:
    """The paragraph's sentences as token ranges with their content words (text None: one sentence)."""
    bounds = sentence_bounds(text) if text is not None and toks else ()
    if len(bounds) <= 1:
        ranges = [(0, len(toks))]
    else:
        # a token belongs to the first sentence that ends after it starts (sentence_of_tokens): the cuts are
        # where the tokens reach each sentence's end; sentences holding no token get no range
        starts = list(map(_START, toks))
        cuts = [0] + [bisect_left(starts, end) for _start, end in bounds[:-1]] + [len(toks)]
        ranges = [(lo, hi) for lo, hi in zip(cuts, cuts[1:]) if hi > lo]
    return ParaSentences(ranges, list(map(_NORM, toks)), idf, default)


def segments(sents: list[Sent], paras: dict[ParaRef, ParaSentences]) -> list[Segment]:
    """The token ranges of some sentences, in order."""
    return [(ref, *paras[ref].ranges[s]) for ref, s in sents]


def stop_flags(side: list[Segment], paras: dict[ParaRef, ParaSentences]) -> list[bool]:
    """Per token of a side, whether it is a function word."""
    if len(side) == 1:
        ref, lo, hi = side[0]
        return paras[ref].stop[lo:hi]
    return [flag for ref, lo, hi in side for flag in paras[ref].stop[lo:hi]]


def components(pairs: list[tuple[ParaRef, ParaRef]]) -> Iterator[tuple[list[ParaRef], list[ParaRef],
                                                                       list[tuple[ParaRef, ParaRef]]]]:
    """Per pair of articles, the paragraphs its links join (left article's, right article's) and those links.

    Yields in a fixed order (sorted), so the result never depends on the order of the links.
    """
    by_articles: dict[tuple[int, int], list[tuple[ParaRef, ParaRef]]] = defaultdict(list)
    for x, y in pairs:
        if y < x:
            x, y = y, x
        by_articles[(x[0], y[0])].append((x, y))
    for key in sorted(by_articles):
        links = by_articles[key]
        if len(links) == 1:  # one link between the two articles (most pairs of a big folder): one component
            x, y = links[0]
            yield [x], [y], links
            continue
        parent: dict[ParaRef, ParaRef] = {}

        def find(r: ParaRef) -> ParaRef:
            while parent.setdefault(r, r) != r:
                parent[r] = parent[parent[r]]
                r = parent[r]
            return r

        for x, y in by_articles[key]:
            parent[find(x)] = find(y)
        members: dict[ParaRef, list[tuple[ParaRef, ParaRef]]] = defaultdict(list)
        for x, y in by_articles[key]:
            members[find(x)].append((x, y))
        for comp in sorted(members.values()):
            comp.sort()
            yield sorted({x for x, _ in comp}), sorted({y for _, y in comp}), comp


def groups(aligned: list[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """The connected groups of aligned sentence pairs: (left sentences, right sentences), each in order."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(node: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in aligned:
        parent[find((0, i))] = find((1, j))
    found: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    for i, j in aligned:
        g = found.setdefault(find((0, i)), (set(), set()))
        g[0].add(i)
        g[1].add(j)
    return sorted((sorted(gl), sorted(gr)) for gl, gr in found.values())


def diff_group(xs: list[Segment], ys: list[Segment], paras: dict[ParaRef, ParaSentences], encoded: Encoder,
               diff: Callable[[str, str], list[tuple[int, int]]] = word_diff
               ) -> tuple[list[Run], list[range], list[range]]:
    """The word diff of two groups of sentences: runs of equal words, and the stretches of added clauses.

    Between two runs of equal words, what one side says and the other does not is rewording when the
    other side says something there too; when it says nothing (or only function words) and this side
    says at least ADDED_CLAUSE_WORDS content words, it is a clause this side added.
    """
    ex, ey = encoded(xs, ys)
    added_x: list[range] = []
    added_y: list[range] = []
    runs, hunks = runs_and_hunks(diff(ex, ey) if ex != ey else [(0, len(ex))])
    stop_x: Optional[list[bool]] = None
    stop_y: Optional[list[bool]] = None
    for hunk_i, i, hunk_j, j in hunks:
        if i - hunk_i < ADDED_CLAUSE_WORDS and j - hunk_j < ADDED_CLAUSE_WORDS:
            continue  # too short to be an added clause on either side (most hunks): no flags needed
        if stop_x is None or stop_y is None:
            stop_x, stop_y = stop_flags(xs, paras), stop_flags(ys, paras)
        # content words in each side's stretch: its length less its function words
        content_x = i - hunk_i - stop_x[hunk_i:i].count(True)
        content_y = j - hunk_j - stop_y[hunk_j:j].count(True)
        if i - hunk_i >= ADDED_CLAUSE_WORDS and content_x >= ADDED_CLAUSE_WORDS:
            if not content_y:
                added_x.append(range(hunk_i, i))
        elif j - hunk_j >= ADDED_CLAUSE_WORDS and content_y >= ADDED_CLAUSE_WORDS:
            if not content_x:
                added_y.append(range(hunk_j, j))
    return runs, added_x, added_y
