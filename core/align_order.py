"""Order-aware linking: per article pair, the in-order chain of best matches, and the parts beside them.

Versions of one story keep most of its order. A paraphrase that shares only a few words with its
source is too weak to link on its own (`min_score`), but when it lies on the in-order path of the
pairs that do link, its position is evidence too (Gale-Church, bleualign and Vecalign align
sentences this way). Per article pair:

* the chain: among the pairs that are each other's best match (in this article pair) and agree more
  than `min_gap_score`, the heaviest set in which no two cross. A pair weighs its Dice minus
  `min_gap_score`, capped at `min_score`: above that it links anyway, and one verbatim paragraph
  moved far away must not outweigh several paraphrases that keep the story order. A chain pair that
  agrees less than `min_part_score` links only beside a confident pair (the paragraphs right before
  or right after both of them linked): a few story words shared by two paragraphs that merely sit in
  the same stretch of the story are not enough.
* the parts: one sentence restating two (1:n) matches the second one less than the first. A
  paragraph right beside a linked one whose best match is the same partner, agreeing at least
  `min_part_score`, is the other part when it brings words of the partner that its linked
  neighbour lacks (a headline above a lead shares with the partner only what the lead has too).

Weak evidence must not contradict hard facts or the other versions: two paragraphs that each state
two or more figures, none in common, report different facts and never pair here; and with three or
more versions, a link taken here is dropped when the third versions where both paragraphs are
linked disagree on their partners more often than they agree. Everything here only adds links; the
mutual-best pass before keeps the moved paragraphs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Callable, Optional

from copydesk.core.tasks import CancelToken, checkpoint

if TYPE_CHECKING:  # align.py calls this module: its types are imported for the checker only
    from copydesk.core.align import AlignOptions, ParaFeatures

_SCALE = 1_000_000  # gains become integers: sums are exact, so ties and the chain never depend on order

Candidate = tuple[int, int, float]  # (feature of the first article, feature of the second, Dice)


def order_links(feats: list[ParaFeatures], inter: dict[tuple[int, int], float],
                chosen: dict[tuple[int, int], float], options: AlignOptions,
                cancel: Optional[CancelToken], article_keys: dict[int, str]) -> None:
    """Add to chosen each article pair's in-order chain of best matches and the parts beside links."""
    figures = [{w for w in f.weights if w[:1].isdigit()} for f in feats]
    by_pair: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for (i, j), ov in inter.items():
        dice = 2 * ov / (feats[i].total + feats[j].total)
        if dice > options.min_gap_score and not _figures_differ(figures[i], figures[j]):
            a, b = feats[i].ref[0], feats[j].ref[0]
            by_pair[(a, b) if a < b else (b, a)].append((i, j, dice))
    before = set(chosen)
    linked: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)  # article pair -> its links
    for i, j in before:
        a, b = feats[i].ref[0], feats[j].ref[0]
        linked[(a, b) if a < b else (b, a)].update(((i, j), (j, i)))
    for (a, b), cands in sorted(by_pair.items()):
        checkpoint(cancel)
        # roles by content, not file order: renaming files cannot change the chain
        first = min((a, b), key=lambda art: (article_keys.get(art, ""), art))
        oriented = [(i, j, d) if feats[i].ref[0] == first else (j, i, d) for i, j, d in cands]
        for i, j in framed_chain(feats, oriented, linked[(a, b)], options):
            key = (i, j) if i < j else (j, i)
            if key not in chosen:
                chosen[key] = 2 * inter[key] / (feats[i].total + feats[j].total)
        neighbour_parts(feats, oriented, chosen, options)
    drop_inconsistent(feats, chosen, [key for key in chosen if key not in before])


def _figures_differ(x: set[str], y: set[str]) -> bool:
    """Both paragraphs state two or more figures and share none (one figure alone may be spelt out)."""
    return len(x) >= 2 and len(y) >= 2 and not x & y


def framed_chain(feats: list[ParaFeatures], cands: list[Candidate], linked: set[tuple[int, int]],
                 options: AlignOptions) -> list[tuple[int, int]]:
    """The heaviest chain, less its loose pairs (under `min_part_score`) that no confident pair frames.

    linked: the pairs already linked between the two articles (both orientations); they frame too.
    """
    chain = heaviest_chain(feats, cands, options)
    dice_of = {(i, j): dice for i, j, dice in cands}
    confident = {pair for pair in chain if dice_of[pair] >= options.min_part_score} | linked
    out = []
    for i, j in chain:
        if dice_of[(i, j)] >= options.min_part_score or any(
                (i + d, j + d) in confident and _same_article(feats, i, i + d) and _same_article(feats, j, j + d)
                for d in (-1, 1)):
            out.append((i, j))
    return out


def _same_article(feats: list[ParaFeatures], i: int, k: int) -> bool:
    """k is a feature of the article of feature i (the features of one article are consecutive)."""
    return 0 <= k < len(feats) and feats[k].ref[0] == feats[i].ref[0]


def drop_inconsistent(feats: list[ParaFeatures], chosen: dict[tuple[int, int], float],
                      weak: list[tuple[int, int]]) -> None:
    """Drop a link taken on order alone when the other versions contradict it more than they confirm it.

    With three or more versions, two paragraphs that carry the same content have the same partners in
    a third version. A third version where both are linked confirms the link when they share a partner
    there and contradicts it when their partners differ.
    """
    partners: dict[tuple[int, int], set[int]] = defaultdict(set)  # (paragraph, other article) -> partners
    for i, j in chosen:
        partners[(i, feats[j].ref[0])].add(j)
        partners[(j, feats[i].ref[0])].add(i)
    arts = sorted({f.ref[0] for f in feats})
    drop = []
    for i, j in sorted(weak):
        confirm = contradict = 0
        for c in arts:
            pi, pj = partners.get((i, c)), partners.get((j, c))
            if c in (feats[i].ref[0], feats[j].ref[0]) or not pi or not pj:
                continue
            if pi & pj:
                confirm += 1
            else:
                contradict += 1
        if contradict > confirm:
            drop.append((i, j))
    for key in drop:
        del chosen[key]


def chain_gains(cands: list[Candidate], options: AlignOptions,
                feats_pos: Optional[Callable[[int], int]] = None) -> dict[tuple[int, int], int]:
    """Integer weight of each candidate that is the best match of both its paragraphs (ties count as best)."""
    # equal scores go to the partner nearest in story position, the same rule seen from either article:
    # two identical versions then pair paragraph by paragraph whichever file comes first
    best_row: dict[int, tuple[float, int]] = {}
    best_col: dict[int, tuple[float, int]] = {}
    near = {(i, j): -abs(feats_pos(i) - feats_pos(j)) for i, j, _dice in cands} if feats_pos else {}
    for i, j, dice in cands:
        key = (dice, near.get((i, j), 0))
        best_row[i] = max(best_row.get(i, (0.0, -(1 << 30))), key)
        best_col[j] = max(best_col.get(j, (0.0, -(1 << 30))), key)
    gains = {}
    for i, j, dice in cands:
        key = (dice, near.get((i, j), 0))
        if key >= best_row[i] and key >= best_col[j]:
            gain = round((min(dice, options.min_score) - options.min_gap_score) * _SCALE)
            if gain > 0:
                gains[(i, j)] = gain
    return gains


def heaviest_chain(feats: list[ParaFeatures], cands: list[Candidate],
                   options: AlignOptions) -> list[tuple[int, int]]:
    """The heaviest set of mutual best matches in which no two cross (paragraph order in both articles)."""
    gains = chain_gains(cands, options, lambda k: feats[k].ref[1])
    return max_chain([(feats[i].ref[1], feats[j].ref[1], i, j, g) for (i, j), g in gains.items()])


def max_chain(weighted: list[tuple[int, int, int, int, int]]) -> list[tuple[int, int]]:
    """The heaviest chain of (row, column, i, j, weight) items in the product order, as (i, j) pairs.

    Items of a chain never cross (row <= row' and column <= column'); they may share a row or a
    column (one paragraph, two partners). A prefix-maximum tree over columns finds the heaviest
    chain in O(k log k) for k items; among equally heavy chains the one found first in (row, column)
    order wins, so the result depends only on the items, never on their order.
    """
    if not weighted:
        return []
    items = sorted(weighted)
    col_rank = {c: k + 1 for k, c in enumerate(sorted({item[1] for item in items}))}
    size = len(col_rank)
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (heaviest chain, its last item) per column prefix
    best: list[int] = []
    back: list[int] = []
    for n, (_row, col, _i, _j, gain) in enumerate(items):
        k, top = col_rank[col], (0, -1)
        while k > 0:  # the heaviest chain among earlier items (rows <= row) ending at a column <= col
            if tree[k][0] > top[0]:
                top = tree[k]
            k -= k & -k
        best.append(top[0] + gain)
        back.append(top[1])
        k = col_rank[col]
        while k <= size:
            if best[n] > tree[k][0]:
                tree[k] = (best[n], n)
            k += k & -k
    end = max(range(len(items)), key=lambda n: (best[n], -n))
    out = []
    while end >= 0:
        out.append((items[end][2], items[end][3]))
        end = back[end]
    return out[::-1]


def neighbour_parts(feats: list[ParaFeatures], cands: list[Candidate],
                    chosen: dict[tuple[int, int], float], options: AlignOptions) -> None:
    """Link an unlinked paragraph beside a linked one to the same partner when it is the other part.

    It must have the partner as its best match, agree with it at least `min_part_score`, and at
    least half of what it shares with the partner must be words its linked neighbour lacks.
    """
    if not cands:
        return
    arts = {feats[cands[0][0]].ref[0], feats[cands[0][1]].ref[0]}
    best: dict[int, tuple[float, int]] = {}
    dice_of: dict[tuple[int, int], float] = {}
    for i, j, dice in cands:
        dice_of[(i, j)] = dice_of[(j, i)] = dice
        for x, y in ((i, j), (j, i)):
            if dice > best.get(x, (0.0, -1))[0] or (dice == best[x][0] and feats[y].ref < feats[best[x][1]].ref):
                best[x] = (dice, y)
    pairs = sorted(key for key in chosen if {feats[key[0]].ref[0], feats[key[1]].ref[0]} == arts)
    linked = {i for pair in pairs for i in pair}
    added = {}
    for i, j in pairs:
        for x, y in ((i, j), (j, i)):
            for n in (x - 1, x + 1):  # the features of one article are consecutive, in paragraph order
                if not 0 <= n < len(feats) or feats[n].ref[0] != feats[x].ref[0] or n in linked:
                    continue
                if best.get(n, (0.0, -1))[1] != y or dice_of[(n, y)] < options.min_part_score:
                    continue
                fn, fx, fy = feats[n].weights, feats[x].weights, feats[y].weights
                shared = sorted(fn.keys() & fy.keys())  # sorted: float sums never depend on hashing
                novel = sum(fy[w] for w in shared if w not in fx)
                if 2 * novel >= sum(fy[w] for w in shared):
                    added[(n, y) if n < y else (y, n)] = dice_of[(n, y)]
    chosen.update(added)
