"""Linear-cost alignment for large folders: each article is matched against one pivot paragraph per group."""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from copydesk.core.align import AlignOptions, ParaFeatures, select_links
from copydesk.core.model import Link, ParaRef
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report


def align_by_pivot(feats: list[ParaFeatures], options: AlignOptions = AlignOptions(),
                   progress: Optional[ProgressCallback] = None,
                   cancel: Optional[CancelToken] = None,
                   article_keys: Optional[dict[int, str]] = None) -> tuple[list[Link], set[ParaRef]]:
    """Star links from each paragraph to the pivot of its group; the first paragraph of a group is its pivot.

    With hundreds of versions, all-pairs links grow with the square of the folder. Matching each
    article against the pivots alone keeps the cost linear; group membership stands for the rest.
    Returns the links and the set of pivot paragraph refs.
    """
    by_article: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        by_article[f.ref[0]].append(i)
    pivots: list[int] = []
    postings: dict[str, list[int]] = defaultdict(list)  # word -> pivot feature indices
    links: dict[tuple[int, int], float] = {}
    # articles in content order (article_keys), so renaming files cannot change which paragraphs are pivots
    keys = article_keys or {}
    articles = sorted(by_article, key=lambda a: (keys.get(a, ""), a))
    sizes = [len(f.weights) for f in feats]
    for n, a in enumerate(articles):
        checkpoint(cancel)
        cands = []
        for j in by_article[a]:
            fj = feats[j]
            inter: dict[int, float] = defaultdict(float)
            for w, wj in fj.weights.items():
                for i in postings.get(w, ()):
                    inter[i] += min(wj, feats[i].weights[w])
            for i, ov in inter.items():
                fi = feats[i]
                dice = 2 * ov / (fi.total + fj.total)
                cands.append((i, j, dice, ov / fi.total, ov / fj.total))
        chosen: dict[tuple[int, int], float] = {}
        select_links(cands, options, chosen, sizes)
        matched = set()
        for (i, j), score in chosen.items():
            links[(i, j)] = score
            matched.add(j)
        for j in by_article[a]:
            if j not in matched:
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
