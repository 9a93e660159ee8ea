"""Large folders: versions linked through a pivot credit each other with what all-pairs alignment would find.

Above AlignOptions.pairwise_limit articles each paragraph is linked to a pivot (or to a paragraph joined
to one) only (core/align_pivot), so two versions of one paragraph are rarely diffed against each other.
Their aligned sentences stand for that comparison: sentences joined by sentence links, directly or
through the pivot's, form a cluster; a word is kept alike by every version whose sentence in the cluster
says it next to the same word, and each sentence carries the content of every article in its cluster.
Sentences aligned to nothing are clustered among the versions of the same pivot, so two versions adding
the same sentence still share it. Cost stays linear in the number of words.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from operator import or_, xor
from typing import Iterable

from copydesk.core.model import ParaRef
from copydesk.core.sentence_groups import ParaSentences
from copydesk.core.sentences import MIN_CONTAINMENT, MIN_DICE, MIN_PART, SentenceLink, SentenceWords, similarity

SentKey = tuple[int, int, int]
"""(article, paragraph, sentence index)."""
Masks = list[int]
"""Per token (or per sentence), a bit mask of articles (bit a = article a)."""


@dataclass
class Credit:
    """Carriers while core.spans.carry builds them.

    exact: per token, the articles that keep the word (clusters leave its own out). sentences: per
    sentence, the articles whose sentences are aligned to it (they carry its content). added: per token
    (few), the articles the token is an added clause against (they carry the sentence, not this part of it).
    """

    exact: dict[ParaRef, Masks]
    sentences: dict[ParaRef, Masks]
    added: dict[ParaRef, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))

    def add_clause(self, ref: ParaRef, k: int, articles: int) -> None:
        """Token k of ref is part of a clause these articles lack."""
        marks = self.added[ref]
        marks[k] = marks.get(k, 0) | articles


Leftover = tuple[ParaRef, int, SentenceWords]
"""A sentence aligned to nothing: its paragraph, index and content words."""


def pass_through_pivots(links: Iterable[SentenceLink], leftovers: list[Leftover], hub_of: dict[ParaRef, ParaRef],
                        rank: dict[ParaRef, tuple], paras: dict[ParaRef, ParaSentences],
                        credit: Credit, idf: dict[str, float], default: float) -> None:
    """Credit the sentences of each cluster of aligned sentences with each other (credit is updated in place).

    A word is kept by every article whose sentence in the cluster says it next to the same neighbour
    (see _pairs); each sentence carries the content of every article of its cluster, but for its added
    clauses. Left-over sentences are clustered per hub (hub_of: paragraph -> the paragraph it is linked
    through; rank orders paragraphs as hubs, the lower the more central).
    """
    for cluster in _clusters(links, rank):
        _credit_cluster(cluster, paras, credit)
    _cluster_leftovers(leftovers, hub_of, paras, credit, idf, default)


def _clusters(links: Iterable[SentenceLink], rank: dict[ParaRef, tuple]) -> list[list[tuple[ParaRef, int]]]:
    """Each hub sentence with the sentences aligned to it, following hubs joined to a hub up to the top one.

    Each link points from the less central paragraph's sentence to the more central one's (rank). A sentence
    aligned to two hub sentences (half of each) joins both clusters; clusters never merge through it, so
    a chain of splits and merges cannot sweep a whole folder into one cluster.
    """
    up: dict[SentKey, set[SentKey]] = defaultdict(set)
    for link in links:
        x, y = (link.a, link.p, link.i), (link.b, link.q, link.j)
        if rank.get(x[:2], ()) < rank.get(y[:2], ()):
            x, y = y, x  # y is the more central: the hub of this link
        up[x].add(y)

    def top(node: SentKey) -> SentKey:
        seen = {node}
        while up.get(node):
            node = min(up[node])
            if node in seen:
                break  # a cycle between equally central paragraphs: stop where it closes
            seen.add(node)
        return node

    found: dict[SentKey, set[SentKey]] = defaultdict(set)
    for node, hubs in up.items():
        for hub in hubs:
            root = top(hub)
            found[root].add(node)
            found[root].add(root)
    return [[(k[:2], k[2]) for k in sorted(found[root])] for root in sorted(found)]


def _credit_cluster(sents: list[tuple[ParaRef, int]], paras: dict[ParaRef, ParaSentences],
                    credit: Credit) -> None:
    """Each sentence keeps its words with the cluster's articles that say them alike and carries their content."""
    articles = 0
    for ref, _s in sents:
        articles |= 1 << ref[0]
    if articles & (articles - 1) == 0:
        return  # one article only
    bag: dict[tuple[str, str], int] = {}
    get = bag.get
    word_pairs = []
    for ref, s in sents:
        lo, hi = paras[ref].ranges[s]
        pairs = _pairs(paras[ref].norms, lo, hi)
        word_pairs.append(pairs)
        # bag[pair] |= bit for every pair, without a Python loop (a pair said twice gets the same bit twice)
        bag.update(zip(pairs, map(or_, map(get, pairs, repeat(0)), repeat(1 << ref[0]))))
    for (ref, s), pairs in zip(sents, word_pairs):
        credit.sentences[ref][s] |= articles
        lo, _hi = paras[ref].ranges[s]
        exact = credit.exact[ref]
        bit = 1 << ref[0]
        # token n is kept alike by the articles saying either of its two word pairs (map: no Python loop); its
        # own article is among them (the sentence said both pairs) and is taken out here: exact masks are others'
        masks = list(map(bag.__getitem__, pairs))
        hi = lo + len(pairs) - 1
        exact[lo:hi] = map(xor, map(or_, exact[lo:hi], map(or_, masks, masks[1:])), repeat(bit))
        added = credit.added.get(ref)
        if added:
            # the paragraph's few marked tokens, not the sentence's every token
            _exclude_from_clauses(ref, sorted([k for k in added if lo <= k < hi]), articles ^ bit, credit)


def _exclude_from_clauses(ref: ParaRef, marked: list[int], articles: int, credit: Credit) -> None:
    """A clause added against the pivot is added against the cluster's articles too, bar those keeping some of it."""
    run: list[int] = []
    for k in marked + [-2]:
        if run and k != run[-1] + 1:
            keeping = 0
            for m in run:
                keeping |= credit.exact[ref][m]
            for m in run:
                credit.add_clause(ref, m, articles & ~keeping)
            run = []
        run.append(k)


def _pairs(norms: list[str], lo: int, hi: int) -> list[tuple[str, str]]:
    """The word pairs of norms[lo:hi] (a paragraph's words), with an empty word before the first and after the last.

    Two versions keep a word alike when they keep it next to the same word: a lone common word amid
    rewording is not kept, as the word diff's semantic clean-up would not keep it either.
    """
    part = norms[lo:hi]
    return list(zip([""] + part, part + [""]))


def _cluster_leftovers(leftovers: list[Leftover], hub_of: dict[ParaRef, ParaRef], paras: dict[ParaRef, ParaSentences],
                       credit: Credit, idf: dict[str, float], default: float) -> None:
    """Sentences aligned to nothing, clustered per hub; a cluster's sentences credit each other.

    Greedy and in a fixed order (by paragraph and sentence): each sentence joins the most similar
    cluster of its hub (by the sentence aligner's thresholds) or starts one; an inverted index of the
    clusters' words keeps it near-linear.
    """
    pools: dict[ParaRef, list[Leftover]] = defaultdict(list)
    for item in sorted(leftovers, key=lambda x: (x[0], x[1])):
        if item[2].words and item[0] in hub_of:
            pools[hub_of[item[0]]].append(item)
    for _hub, items in sorted(pools.items()):
        if len({ref[0] for ref, *_rest in items}) < 2:
            continue
        heads: list[SentenceWords] = []
        members: list[list[Leftover]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for item in items:
            cands = sorted({c for w in item[2].words for c in postings.get(w, ())})
            best, best_score = -1, 0.0
            for c in cands:
                dice, cx, cy = similarity(item[2], heads[c], idf, default)
                if (dice >= MIN_DICE or dice >= MIN_PART and max(cx, cy) >= MIN_CONTAINMENT) and dice > best_score:
                    best, best_score = c, dice
            if best < 0:
                best = len(heads)
                heads.append(item[2])
                members.append([])
                for w in item[2].words:
                    postings[w].append(best)
            members[best].append(item)
        for group in members:
            _credit_cluster([(ref, s) for ref, s, _w in group], paras, credit)
