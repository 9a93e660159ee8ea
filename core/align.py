"""Link paragraphs of different articles that carry the same content (reorder, split/merge, paraphrase aware)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from copydesk.core.align_order import order_links
from copydesk.core.chains import longest_chain
from copydesk.core.model import Link, ParaRef
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report
from copydesk.core.tokens import STOPWORDS, Token


SIMILARITY_METHOD = "lexical (IDF-weighted Snowball stems, in-order chains)"
"""Which similarity links paragraphs and sentences: JSON meta and Help > About name it."""


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the aligner; `min_score` is the user's 'how similar must paragraphs be to link'."""

    min_score: float = 0.30  # weighted Dice for a 1:1 link between mutual best matches
    min_containment: float = 0.55  # share of the smaller paragraph found in the larger (split/merge)
    min_part_score: float = 0.18  # Dice floor for a split/merge part
    min_part_words: int = 5  # content words a split/merge part needs
    min_orphan_containment: float = 0.3  # share of an orphan found in its neighbour (split/merge half)
    min_gap_score: float = 0.12  # Dice enough for a paragraph framed by linked neighbours
    max_postings: int = 400  # words in more paragraphs than this do not generate candidates
    # more articles than this: align each against group pivots (linear cost). Up to it all pairs are aligned
    # (quadratic: 40 versions of the seed story compare in about 1.5 s of CPU), so 17-40 versions get the links
    # and shares all-pairs alignment gives (tests/core/test_align_many.py)
    pairwise_limit: int = 40
    order_links: bool = True  # per article pair, link the in-order chain of best matches (align_order)


@dataclass
class ParaFeatures:
    """What the aligner knows of one content paragraph."""

    ref: ParaRef
    tokens: list[Token]
    weights: dict[str, float]  # content word -> its idf weight, the same in every paragraph of the folder
    total: float


def build_features(refs: list[ParaRef], token_lists: list[list[Token]]) -> list[ParaFeatures]:
    """IDF-weighted content-word sets for every content paragraph of the folder (near spellings joined)."""
    df: dict[str, int] = defaultdict(int)
    sets = []
    # t.norm not in STOPWORDS is Token.is_content, inline: this runs once per token of the folder
    canon = near_spellings({t.norm for toks in token_lists for t in toks if t.norm not in STOPWORDS})
    for toks in token_lists:
        s = {canon.get(t.norm, t.norm) for t in toks if t.norm not in STOPWORDS}
        sets.append(s)
        for w in s:
            df[w] += 1
    n = len(token_lists) + 1
    out = []
    for ref, toks, s in zip(refs, token_lists, sets):
        weights = {w: math.log(n / df[w]) + 0.5 for w in s}
        out.append(ParaFeatures(ref, toks, weights, sum(weights.values()) or 1.0))
    return out


_NEAR_STEM = 5  # letters of the shorter word: shorter stems ('part', 'plan') extend into other words
_NEAR_EXTRA = 3  # letters the longer word may add ('zelensky'/'zelenskyy', 'injur'/'injuri')


def near_spellings(vocab: set[str]) -> dict[str, str]:
    """Map each word of the folder to the shortest word of the folder it extends by a few letters.

    Versions of a story spell names differently (Zelensky/Zelenskyy) and the stemmer leaves some
    forms of one word apart (injured/injuries): such words count as the same word for alignment.
    """
    out = {}
    for w in vocab:
        if not w.isalpha():
            continue
        for k in range(_NEAR_STEM, len(w)):
            if len(w) - k <= _NEAR_EXTRA and w[:k] in vocab:
                out[w] = w[:k]
                break
    return out


def _pair_scores(feats: list[ParaFeatures], options: AlignOptions,
                 cancel: Optional[CancelToken]) -> dict[tuple[int, int], float]:
    """Weighted overlap of every candidate pair (indices into feats, different articles, i < j)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        for w in f.weights:
            postings[w].append(i)
    inter: dict[tuple[int, int], float] = defaultdict(float)
    article = [f.ref[0] for f in feats]
    # words in sorted order: float sums then do not depend on which file came first
    for k, (w, plist) in enumerate(sorted(postings.items())):
        if len(plist) > options.max_postings or len(plist) < 2:
            continue
        if k % 512 == 0:
            checkpoint(cancel)
        weight = feats[plist[0]].weights[w]  # a word weighs the same in every paragraph (its IDF)
        for x, i in enumerate(plist):
            ai = article[i]
            for j in plist[x + 1:]:
                if article[j] != ai:
                    inter[(i, j)] += weight
    return inter


def align(feats: list[ParaFeatures], options: AlignOptions = AlignOptions(),
          progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
          article_keys: Optional[dict[int, str]] = None) -> list[Link]:
    """Scored links between paragraphs of different articles, sorted by (a, b).

    article_keys (a content hash per article) make the result independent of file order.
    """
    inter = _pair_scores(feats, options, cancel)
    report(progress, "align", 0.4)
    # per article pair: candidate pairs with dice and containments
    by_pair: dict[tuple[int, int], list[tuple[int, int, float, float, float]]] = defaultdict(list)
    for (i, j), ov in inter.items():
        fi, fj = feats[i], feats[j]
        dice = 2 * ov / (fi.total + fj.total)
        ci, cj = ov / fi.total, ov / fj.total
        if dice < options.min_part_score and max(ci, cj) < options.min_containment:
            continue
        if fi.ref[0] > fj.ref[0]:
            i, j, ci, cj = j, i, cj, ci
        by_pair[(feats[i].ref[0], feats[j].ref[0])].append((i, j, dice, ci, cj))
    chosen: dict[tuple[int, int], float] = {}
    sizes = [len(f.weights) for f in feats]
    positions = [f.ref[1] for f in feats]
    for cands in by_pair.values():
        checkpoint(cancel)
        select_links(cands, options, chosen, sizes, positions)
    report(progress, "align", 0.6)
    if options.order_links:
        order_links(feats, inter, chosen, options, cancel, article_keys or {})
    _fill_gaps(feats, inter, chosen, options, cancel, article_keys or {})
    _close_triangles(feats, inter, chosen, options, cancel)
    report(progress, "align", 0.8)
    links = []
    for (i, j), score in chosen.items():
        a, b = feats[i].ref, feats[j].ref
        if a > b:
            a, b = b, a
        links.append(Link(a, b, round(min(1.0, score), 4)))
    links.sort(key=lambda l: (l.a, l.b))
    return links


def select_links(cands: list[tuple[int, int, float, float, float]], options: AlignOptions,
                 chosen: dict[tuple[int, int], float], sizes: list[int],
                 positions: Optional[list[int]] = None) -> None:
    """Pick links for one article pair: mutual best 1:1 matches, then split/merge parts.

    Equal scores go to the partner nearest in story position (positions: paragraph index per feature),
    then to the lower index: the same rule seen from either article, so two identical versions pair
    paragraph by paragraph whichever file comes first.
    """
    pos = positions or [0] * len(sizes)
    best_i: dict[int, tuple[float, int, int]] = {}  # i -> (dice, -distance, -j): the max wins
    best_j: dict[int, tuple[float, int, int]] = {}
    for i, j, dice, _ci, _cj in cands:
        near = -abs(pos[i] - pos[j])
        if (dice, near, -j) > best_i.get(i, (-1.0, 0, 0)):
            best_i[i] = (dice, near, -j)
        if (dice, near, -i) > best_j.get(j, (-1.0, 0, 0)):
            best_j[j] = (dice, near, -i)
    best_i_of = {i: -key[2] for i, key in best_i.items()}
    best_j_of = {j: -key[2] for j, key in best_j.items()}
    for i, j, dice, ci, cj in cands:
        mutual = best_i_of[i] == j and best_j_of[j] == i
        if mutual and dice >= options.min_score:
            chosen[(i, j)] = dice
        elif dice >= options.min_part_score:
            # one side lies mostly inside the other: a split or merge part (a headline-sized
            # paragraph fits inside almost any lead paragraph, so parts need some length)
            if cj >= options.min_containment and best_j_of[j] == i and sizes[j] >= options.min_part_words:
                chosen[(i, j)] = max(dice, cj * 0.9)
            elif ci >= options.min_containment and best_i_of[i] == j and sizes[i] >= options.min_part_words:
                chosen[(i, j)] = max(dice, ci * 0.9)


def _sim(feats: list[ParaFeatures], inter: dict[tuple[int, int], float], i: int, j: int,
         min_shared: int = 1) -> float:
    """Weighted Dice of two paragraphs; 0 unless they share at least min_shared content words."""
    ov = inter.get((i, j) if i < j else (j, i), 0.0)
    if ov and min_shared > 1 and len(feats[i].weights.keys() & feats[j].weights.keys()) < min_shared:
        return 0.0
    return 2 * ov / (feats[i].total + feats[j].total)


def _fill_gaps(feats: list[ParaFeatures], inter: dict[tuple[int, int], float],
               chosen: dict[tuple[int, int], float], options: AlignOptions,
               cancel: Optional[CancelToken], article_keys: dict[int, str]) -> None:
    """Between two in-order anchor links, pair the unlinked paragraphs one to one when they agree a little.

    Versions of one story keep most of its order, so a paraphrase too loose to link on its own
    is trusted when the paragraphs before and after it are linked to each other.
    """
    by_article: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        by_article[f.ref[0]].append(i)
    arts = sorted(by_article)
    linked_to: dict[tuple[int, int], set[int]] = defaultdict(set)  # (feat, other article) -> feats
    for i, j in chosen:
        linked_to[(i, feats[j].ref[0])].add(j)
        linked_to[(j, feats[i].ref[0])].add(i)
    for x, first in enumerate(arts):
        for second in arts[x + 1:]:
            checkpoint(cancel)
            # roles by content, not file order, so renaming files cannot change the chosen anchors
            a, b = sorted((first, second), key=lambda art: (article_keys.get(art, ""), art))
            seq_a, seq_b = by_article[a], by_article[b]
            pos_b = {j: k for k, j in enumerate(seq_b)}
            pairs = sorted((ka, pos_b[j]) for ka, i in enumerate(seq_a) for j in linked_to.get((i, b), ()))
            anchors = [(-1, -1)] + _increasing(pairs) + [(len(seq_a), len(seq_b))]
            for (i1, j1), (i2, j2) in zip(anchors, anchors[1:]):
                gap_a = [seq_a[k] for k in range(i1 + 1, i2) if not linked_to.get((seq_a[k], b))]
                gap_b = [seq_b[k] for k in range(j1 + 1, j2) if not linked_to.get((seq_b[k], a))]
                if len(gap_a) + len(gap_b) == 1:
                    # one orphan between two anchors: the other half of a split or merge
                    orphan = (gap_a or gap_b)[0]
                    seq, lo, hi = (seq_b, j1, j2) if gap_a else (seq_a, i1, i2)
                    frame = [seq[k] for k in (lo, hi) if 0 <= k < len(seq)]
                    _attach_orphan(feats, inter, chosen, options, orphan, frame)
                    continue
                if not gap_a or len(gap_a) != len(gap_b) or len(gap_a) > 3:
                    continue
                for i, j in zip(gap_a, gap_b):
                    score = _sim(feats, inter, i, j)
                    if score >= options.min_gap_score:
                        chosen[(i, j) if i < j else (j, i)] = score


def _attach_orphan(feats: list[ParaFeatures], inter: dict[tuple[int, int], float],
                   chosen: dict[tuple[int, int], float], options: AlignOptions, orphan: int, frame: list[int]) -> None:
    """Link an unmatched paragraph to the neighbouring anchor paragraph that contains most of it."""
    best, best_cont = -1, 0.0
    for k in frame:
        ov = inter.get((orphan, k) if orphan < k else (k, orphan), 0.0)
        cont = ov / feats[orphan].total
        if cont > best_cont:
            best, best_cont = k, cont
    if best >= 0 and best_cont >= options.min_orphan_containment:
        score = _sim(feats, inter, orphan, best)
        if score >= options.min_gap_score:
            chosen[(orphan, best) if orphan < best else (best, orphan)] = max(score, best_cont * 0.9)


_increasing = longest_chain  # strictly increasing in both, smallest of the longest (core.chains)


def _close_triangles(feats: list[ParaFeatures], inter: dict[tuple[int, int], float],
                     chosen: dict[tuple[int, int], float], options: AlignOptions,
                     cancel: Optional[CancelToken]) -> None:
    """Link P and Q when both are linked to the same paragraph R of a third article and agree a little."""
    nbrs: dict[int, set[int]] = defaultdict(set)
    for i, j in chosen:
        nbrs[i].add(j)
        nbrs[j].add(i)
    linked_arts = {i: {feats[j].ref[0] for j in ns} for i, ns in nbrs.items()}
    added = {}
    for r, ns in nbrs.items():
        checkpoint(cancel)
        members = sorted(ns)
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                ai, aj = feats[i].ref[0], feats[j].ref[0]
                if ai == aj or (i, j) in chosen or (j, i) in chosen:
                    continue
                if aj in linked_arts[i] and ai in linked_arts[j]:
                    continue  # both already have a partner in the other's article
                score = _sim(feats, inter, i, j, min_shared=2)
                if score >= options.min_gap_score:
                    added[(i, j)] = score
    chosen.update(added)
