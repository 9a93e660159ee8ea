"""Linear-cost alignment for large folders: each article is matched against one pivot paragraph per group."""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from copydesk.core.align import AlignOptions, ParaFeatures, select_links
from copydesk.core.align_order import framed_chain
from copydesk.core.model import Link, ParaRef
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report


def align_by_pivot(feats: list[ParaFeatures], options: AlignOptions = AlignOptions(),
                   progress: Optional[ProgressCallback] = None,
                   cancel: Optional[CancelToken] = None,
                   article_keys: Optional[dict[int, str]] = None) -> tuple[list[Link], set[ParaRef]]:
    """Star links from each paragraph to the pivot of its group; the first paragraph of a group is its pivot.

    With hundreds of versions, all-pairs links grow with the square of the folder. Matching each
    article against the pivots alone keeps the cost linear; group membership stands for the rest.
    A paragraph too loose for select_links still joins a pivot when it keeps the story order of the
    pivots of an earlier article (_order_against_sources). Returns the links and the set of pivot refs.
    """
    by_article: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        by_article[f.ref[0]].append(i)
    pivots: list[int] = []
    # word -> pivot feature indices; a word weighs the same in every paragraph (its IDF, as in core.align),
    # so the hot loop below adds the word's weight from the paragraph at hand and looks nothing else up
    postings: dict[str, list[int]] = defaultdict(list)
    links: dict[tuple[int, int], float] = {}
    # articles in content order (article_keys), so renaming files cannot change which paragraphs are pivots
    keys = article_keys or {}
    articles = sorted(by_article, key=lambda a: (keys.get(a, ""), a))
    sizes = [len(f.weights) for f in feats]
    # a candidate below every threshold can link nothing, nor be anyone's best match that matters (a
    # paragraph's best decides only for pairs at least as similar): most pivots share a word or two
    floor = min(options.min_score, options.min_part_score, options.min_gap_score)
    for n, a in enumerate(articles):
        checkpoint(cancel)
        cands = []
        for j in by_article[a]:
            fj = feats[j]
            inter: dict[int, float] = defaultdict(float)
            for w, wj in fj.weights.items():
                for i in postings.get(w, ()):
                    inter[i] += wj
            for i, ov in inter.items():
                fi = feats[i]
                dice = 2 * ov / (fi.total + fj.total)
                if dice >= floor:
                    cands.append((i, j, dice, ov / fi.total, ov / fj.total))
        chosen: dict[tuple[int, int], float] = {}
        select_links(cands, options, chosen, sizes)
        matched = {j for _i, j in chosen}
        if options.order_links:
            _order_against_sources(feats, cands, chosen, options)
        links.update(chosen)
        joined = {j for _i, j in chosen}
        for j in by_article[a]:
            if j not in matched:
                # a paraphrase joined by story order is a member of its pivot's group (spans credit it
                # through the pivot) but stays matchable: its own later copies match it best
                if j not in joined:
                    pivots.append(j)
                for w in feats[j].weights:
                    postings[w].append(j)
        report(progress, "align", 0.8 * (n + 1) / len(articles))
    out = []
    for (i, j), score in links.items():
        x, y = sorted((feats[i].ref, feats[j].ref))
        out.append(Link(x, y, round(min(1.0, score), 4)))
    out.sort(key=lambda l: (l.a, l.b))
    return out, {feats[i].ref for i in pivots}


def _order_against_sources(feats: list[ParaFeatures], cands: list[tuple[int, int, float, float, float]],
                           chosen: dict[tuple[int, int], float], options: AlignOptions) -> None:
    """Link a paragraph select_links left alone to a pivot when it lies on an in-order chain of best matches.

    The pivots of one earlier article keep its story order, so core.align_order's chain applies to them
    as to an article pair: a paraphrase too loose for select_links joins the group of its pivot. One
    pivot per paragraph (the best agreeing), so links stay linear in the folder.
    """
    matched = {j for _i, j in chosen}
    # only earlier articles that could take one of the paragraphs left alone: the rest cannot add a link
    sources = {feats[i].ref[0] for i, j, dice, _ci, _cj in cands
               if j not in matched and dice > options.min_gap_score}
    by_source: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for i, j, dice, _ci, _cj in cands:
        if dice > options.min_gap_score and feats[i].ref[0] in sources:
            by_source[feats[i].ref[0]].append((i, j, dice))
    dice_of = {(i, j): dice for pairs in by_source.values() for i, j, dice in pairs}
    best: dict[int, tuple[float, ParaRef, int]] = {}
    for source in sorted(by_source):
        for i, j in framed_chain(feats, by_source[source], set(chosen), options):
            if j in matched:
                continue
            key = (dice_of[(i, j)], (-feats[i].ref[0], -feats[i].ref[1]), i)  # ties: the earlier pivot ref
            if j not in best or key > best[j]:
                best[j] = key
    for j, (dice, _ref, i) in best.items():
        chosen[(i, j)] = dice
