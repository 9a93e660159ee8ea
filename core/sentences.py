"""Sentences of a paragraph (a fast rule-based splitter) and the alignment of sentences inside linked paragraphs.

The compare path never imports spaCy (core/segment.py's sentencizer is for the editorial checks): a
regular expression with an abbreviation list splits news prose well enough to tell which sentences
of two linked paragraphs carry the same content, at a small fraction of the cost.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from functools import lru_cache
from itertools import repeat
from typing import Iterable, NamedTuple, Sequence

from copydesk.core.chains import longest_chain
from copydesk.core.tokens import STOPWORDS, Token

_END = re.compile(r"[.!?…](?:(?<=\.)\.\.)?['\"”’»)\]]*(?=\s+[\"“‘'«(\[]?[\d\w])")
"""A sentence end: terminal punctuation ('...' tried before '.') and closing quotes/brackets, before a space and
the next word. It opens with a character class so the regex engine skips to candidates in C (a leading
alternation made it try every position): three times faster, same matches."""
_NEXT = re.compile(r"\s+[\"“‘'«(\[]?(\S)")
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen gov sen rep st jan feb mar apr jun jul aug sep sept oct nov dec no nos vol inc ltd co
corp vs etc jr sr lt col capt sgt rev mt ft pres maj adm cmdr insp supt dept est approx fig pp
""".split())
"""Words that end in a full stop without ending the sentence ('Feb. 26', 'Mr. Scholz')."""


@lru_cache(maxsize=1 << 14)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each sentence of text (code points): together they hold every word of text.

    A sentence ends at . ! ? … (with closing quotes or brackets) followed by a space and a word that
    starts with a capital, a digit or an opening quote; not after an abbreviation or an initial
    ('U.S.', 'J.'), and not at '...' or '?' before a lower-case word ('"Why?" he asked').
    """
    out: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _END.finditer(text):
        if m.end() <= start or not _is_boundary(text, m):
            continue
        out.append((start, m.end()))
        start = m.end() + len(text[m.end():m.end() + 64]) - len(text[m.end():m.end() + 64].lstrip())
    end = len(text.rstrip())
    if end > start:
        out.append((start, end))
    return tuple(out)


def _is_boundary(text: str, m: re.Match) -> bool:
    nxt = _NEXT.match(text, m.end())
    if nxt is None or not (nxt.group(1).isupper() or nxt.group(1).isdigit()):
        return False  # '...' or '?' inside a sentence, before a lower-case word
    punct = m.group()
    if not punct.startswith(".") or punct.startswith("..."):
        return True
    before = text[max(0, m.start() - 24):m.start()].split()  # the word the full stop ends (a short window)
    word = before[-1].lstrip("\"“‘'«([") if before else ""
    if word.lower() in _ABBREVIATIONS:
        return False
    # an initial or initialism ('J.', 'U.S.'): a full stop after one letter is not a sentence end
    return not (len(word) == 1 and word.isalpha() or "." in word and all(len(p) <= 1 for p in word.split(".")))


class SentenceLink(NamedTuple):
    """Two sentences of different articles that carry the same content: (article, paragraph, sentence) each."""

    a: int
    p: int
    i: int
    b: int
    q: int
    j: int


# Thresholds of the sentence aligner, in the aligner's own measure (IDF-weighted Dice of content words).
MIN_DICE = 0.3
"""Mutual best matches at least this similar are the same sentence."""
MIN_PART = 0.15
"""A sentence mostly inside another (a split or merge part) needs at least this Dice too."""
MIN_CONTAINMENT = 0.5
"""Share of a sentence's weighted words found in the other for it to be a split or merge part of it."""
MIN_GAP = 0.1
"""Between two aligned sentences, unaligned sentences that agree this much are paraphrases of each other."""
MAX_GAP = 8
"""Gaps with more unpaired sentences than this on a side are left alone (no order left to go by)."""
MIN_ORPHAN = 0.3
"""Share of an orphan sentence (one side of a gap is empty) found in a framing sentence to pair them."""


class SentenceWords(NamedTuple):
    """A sentence's content words (stopwords left out) and their summed weight."""

    words: frozenset[str]
    total: float


def sentence_words(tokens: Sequence[Token], idf: dict[str, float], default: float) -> SentenceWords:
    """The content words of a sentence with their total weight (IDF over the folder's paragraphs)."""
    return norm_words([t.norm for t in tokens], idf, default)


def norm_words(norms: Iterable[str], idf: dict[str, float], default: float) -> SentenceWords:
    """sentence_words of a sentence given as its tokens' normalised words."""
    words = frozenset(norms) - STOPWORDS
    return SentenceWords(words, math.fsum(map(idf.get, words, repeat(default))))


def similarity(x: SentenceWords, y: SentenceWords, idf: dict[str, float], default: float) -> tuple[float, float, float]:
    """(weighted Dice, share of x's weight found in y, share of y's found in x) of two sentences."""
    common = x.words & y.words
    if not common:
        return 0.0, 0.0, 0.0
    ov = math.fsum(map(idf.get, common, repeat(default)))  # exact sum: never depends on set order
    return 2 * ov / (x.total + y.total), ov / x.total, ov / y.total


def align_sentences(left: Sequence[SentenceWords], right: Sequence[SentenceWords], idf: dict[str, float],
                    default: float = 1.0, forced: Sequence[tuple[Sequence[int], Sequence[int]]] = ()
                    ) -> list[tuple[int, int]]:
    """Pairs (i, j) of sentences that carry the same content, left and right in reading order.

    Like the paragraph aligner: mutual best matches, split/merge parts, then, between two in-order
    pairs, paraphrases that agree a little. forced lists (left sentences, right sentences) of two
    linked paragraphs: when nothing else pairs them, their most similar sentences are paired (the
    paragraphs were linked because they carry the same content), and two one-sentence paragraphs always.
    """
    if len(left) == 1 and len(right) == 1 and forced:
        return [(0, 0)]  # two linked one-sentence paragraphs (the commonest case): nothing to choose
    best_l: dict[int, tuple[float, int]] = {}
    best_r: dict[int, tuple[float, int]] = {}
    scored = []
    for i, j in _candidates(left, right):
        dice, cl, cr = similarity(left[i], right[j], idf, default)
        if dice:
            scored.append((i, j, dice, cl, cr))
            if dice > best_l.get(i, (-1.0, -1))[0]:
                best_l[i] = (dice, j)
            if dice > best_r.get(j, (-1.0, -1))[0]:
                best_r[j] = (dice, i)
    pairs: set[tuple[int, int]] = set()
    for i, j, dice, cl, cr in scored:
        if best_l[i][1] == j and best_r[j][1] == i and dice >= MIN_DICE:
            pairs.add((i, j))
        elif dice >= MIN_PART and (cr >= MIN_CONTAINMENT and best_r[j][1] == i
                                   or cl >= MIN_CONTAINMENT and best_l[i][1] == j):
            pairs.add((i, j))
    _fill_gaps(pairs, scored, len(left), len(right))
    if forced:
        dice_of = {(i, j): d for i, j, d, _cl, _cr in scored}
        for lefts, rights in forced:
            if any((i, j) in pairs for i in lefts for j in rights):
                continue
            if len(lefts) == 1 and len(rights) == 1:
                pairs.add((lefts[0], rights[0]))
                continue
            cands = [(dice_of[(i, j)], -i, -j) for i in lefts for j in rights if (i, j) in dice_of]
            if cands:
                _d, i, j = max(cands)
                pairs.add((-i, -j))
    return sorted(pairs)


def _candidates(left: Sequence[SentenceWords], right: Sequence[SentenceWords]) -> list[tuple[int, int]]:
    """The (i, j) pairs worth scoring, in order: all of them for paragraphs, those sharing a word for long texts."""
    if len(left) * len(right) <= 256:
        return [(i, j) for i, x in enumerate(left) if x.words for j in range(len(right))]
    postings: dict[str, list[int]] = {}
    for j, y in enumerate(right):
        for w in y.words:
            postings.setdefault(w, []).append(j)
    return sorted({(i, j) for i, x in enumerate(left) for w in x.words for j in postings.get(w, ())})


def _fill_gaps(pairs: set[tuple[int, int]], scored: list[tuple[int, int, float, float, float]],
               n_left: int, n_right: int) -> None:
    """Between consecutive in-order pairs, pair the unpaired sentences that agree a little, keeping order.

    Best first; a pair may share a sentence with another (a split or merge) but never crosses one.
    """
    paired_l = {i for i, _ in pairs}
    paired_r = {j for _, j in pairs}
    if len(paired_l) == n_left and len(paired_r) == n_right:
        return
    anchors = [(-1, -1)] + longest_chain(sorted(pairs), latest=True) + [(n_left, n_right)]
    starts = [i for i, _j in anchors]
    by_pair = {(i, j): (d, cl, cr) for i, j, d, cl, cr in scored}
    in_gap: dict[int, list[tuple[int, int, float]]] = defaultdict(list)  # gap -> candidate pairs inside it
    for i, j, d, _cl, _cr in scored:
        g = bisect.bisect_right(starts, i) - 1
        if d >= MIN_GAP and i not in paired_l and j not in paired_r and anchors[g][1] < j < anchors[g + 1][1]:
            in_gap[g].append((i, j, d))
    for g, ((i1, j1), (i2, j2)) in enumerate(zip(anchors, anchors[1:])):
        orphans_l = [i for i in range(i1 + 1, i2) if i not in paired_l]
        orphans_r = [j for j in range(j1 + 1, j2) if j not in paired_r]
        if not orphans_l or not orphans_r:
            # one side says more between two pairs: the other half of a split or merged sentence, when
            # a framing sentence holds much of it
            for j in orphans_r:
                _attach(pairs, [((i, j), by_pair.get((i, j), (0.0, 0.0, 0.0))[2]) for i in (i1, i2)
                                if 0 <= i < n_left], by_pair)
            for i in orphans_l:
                _attach(pairs, [((i, j), by_pair.get((i, j), (0.0, 0.0, 0.0))[1]) for j in (j1, j2)
                                if 0 <= j < n_right], by_pair)
            continue
        if len(orphans_l) > MAX_GAP or len(orphans_r) > MAX_GAP:
            continue  # a long stretch with no pair at all: nothing to go by
        cands = sorted((-d, i, j) for i, j, d in in_gap.get(g, ()))
        taken: list[tuple[int, int]] = []
        for _d, i, j in cands:
            if any((i - x) * (j - y) < 0 for x, y in taken):
                continue  # crosses a pair already taken in this gap
            if any(x == i for x, _ in taken) and any(y == j for _, y in taken):
                continue  # both sentences already have a partner here
            taken.append((i, j))
        pairs.update(taken)


def _attach(pairs: set[tuple[int, int]], options: list[tuple[tuple[int, int], float]],
            by_pair: dict[tuple[int, int], tuple[float, float, float]]) -> None:
    """Pair an orphan sentence with the framing sentence that holds most of it, if it holds enough."""
    best = max(options, key=lambda o: (o[1], -o[0][0], -o[0][1]), default=None)
    if best is not None and best[1] >= MIN_ORPHAN and by_pair[best[0]][0] >= MIN_GAP:
        pairs.add(best[0])


def folder_idf(features: Iterable) -> dict[str, float]:
    """The aligner's weight of each content word (core.align.ParaFeatures.weights: one IDF per word)."""
    out: dict[str, float] = {}
    for f in features:
        out.update(f.weights)
    return out
