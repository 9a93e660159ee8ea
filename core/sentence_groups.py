"""Groups of aligned sentences of two linked articles, and the word diff of one group (for core/spans.py).

The links between two articles join paragraphs into components (a rewrite that re-paragraphs links one
paragraph to several); the sentences of a component are aligned (core/sentences.py) and fall into
groups (one sentence, or a split or merged one, on each side); each group is diffed once at word level.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from copydesk.core.dmp_codec import runs_and_hunks, word_diff
from copydesk.core.model import ParaRef
from copydesk.core.sentences import SentenceWords, sentence_bounds, sentence_words
from copydesk.core.tokens import STOPWORDS, Token

ADDED_CLAUSE_WORDS = 2
"""Content words an insertion needs, opposite nothing in the other sentence, to be an added clause (new)."""

Position = tuple[ParaRef, int]
"""A token: its paragraph and its index there."""
Sent = tuple[ParaRef, int]
"""A sentence: its paragraph and its index there."""
Run = tuple[int, int, int]
"""(x position, y position, length) of a stretch of equal words in a diff."""
Encoder = Callable[[list[Position], list[Position]], tuple[str, str]]


@dataclass
class ParaSentences:
    """A linked paragraph's sentences: token ranges and content words; which of its tokens are content words."""

    ranges: list[tuple[int, int]]  # [lo, hi) token indices of each sentence
    words: list[SentenceWords]
    content: list[bool]
    sentence_of: list[int]  # per token, its sentence


def paragraph_sentences(toks: list[Token], text: Optional[str], idf: dict[str, float],
                        default: float) -> ParaSentences:
    """The paragraph's sentences as token ranges with their content words (text None: one sentence)."""
    bounds = sentence_bounds(text) if text is not None and toks else ()
    if len(bounds) <= 1:
        ranges = [(0, len(toks))]
    else:
        # a token belongs to the first sentence that ends after it starts (sentence_of_tokens): the cuts are
        # where the tokens reach each sentence's end; sentences holding no token get no range
        starts = [t.start for t in toks]
        cuts = [0] + [bisect_left(starts, end) for _start, end in bounds[:-1]] + [len(toks)]
        ranges = [(lo, hi) for lo, hi in zip(cuts, cuts[1:]) if hi > lo]
    sentence_of: list[int] = []
    for s, (lo, hi) in enumerate(ranges):
        sentence_of.extend([s] * (hi - lo))
    return ParaSentences(ranges, [sentence_words(toks[lo:hi], idf, default) for lo, hi in ranges],
                         [t.norm not in STOPWORDS for t in toks], sentence_of)


def positions(sents: list[Sent], paras: dict[ParaRef, ParaSentences]) -> list[Position]:
    """The tokens of some sentences, in order."""
    return [(ref, k) for ref, s in sents for k in range(*paras[ref].ranges[s])]


def components(pairs: list[tuple[ParaRef, ParaRef]]) -> Iterator[tuple[list[ParaRef], list[ParaRef],
                                                                       list[tuple[ParaRef, ParaRef]]]]:
    """Per pair of articles, the paragraphs its links join (left article's, right article's) and those links.

    Yields in a fixed order (sorted), so the result never depends on the order of the links.
    """
    by_articles: dict[tuple[int, int], list[tuple[ParaRef, ParaRef]]] = defaultdict(list)
    for x, y in pairs:
        x, y = min(x, y), max(x, y)
        by_articles[(x[0], y[0])].append((x, y))
    for key in sorted(by_articles):
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


def diff_group(xs: list[Position], ys: list[Position], paras: dict[ParaRef, ParaSentences], encoded: Encoder,
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

    def content(side: list[Position], lo: int, hi: int) -> int:
        """Content words in side[lo:hi], counted up to ADDED_CLAUSE_WORDS (all that matters)."""
        found = 0
        for ref, pos in side[lo:hi]:
            if paras[ref].content[pos]:
                found += 1
                if found >= ADDED_CLAUSE_WORDS:
                    break
        return found

    runs, hunks = runs_and_hunks(diff(ex, ey) if ex != ey else [(0, len(ex))])
    for hunk_i, i, hunk_j, j in hunks:
        if i - hunk_i >= ADDED_CLAUSE_WORDS and content(xs, hunk_i, i) >= ADDED_CLAUSE_WORDS:
            if not content(ys, hunk_j, j):
                added_x.append(range(hunk_i, i))
        elif j - hunk_j >= ADDED_CLAUSE_WORDS and content(ys, hunk_j, j) >= ADDED_CLAUSE_WORDS:
            if not content(xs, hunk_i, i):
                added_y.append(range(hunk_j, j))
    return runs, added_x, added_y
