"""Turn links into display rows (groups), ordered so every article reads top to bottom."""

from __future__ import annotations

from copydesk.core.model import Group, Link, ParaRef


def _components(nodes: list[ParaRef], links: list[Link]) -> list[list[ParaRef]]:
    parent = {n: n for n in nodes}

    def find(x: ParaRef) -> ParaRef:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[ParaRef, list[ParaRef]] = {}
    for n in nodes:
        comps.setdefault(find(n), []).append(n)
    return [sorted(c) for c in comps.values()]


def build_groups(content: list[list[int]], links: list[Link]) -> list[Group]:
    """Groups = connected components of links (singletons for unique paragraphs), in reading order.

    content[a] lists article a's non-boilerplate paragraph indices. Rows follow the first article;
    a later article's new rows go after its previous paragraph's row and after the rows earlier
    articles placed before its next shared row, so every article still reads top to bottom.
    """
    nodes = [(a, p) for a, paras in enumerate(content) for p in paras]
    comps = _components(nodes, links)
    comp_of = {m: ci for ci, comp in enumerate(comps) for m in comp}
    comp_articles = [{a for a, _ in comp} for comp in comps]
    order: list[int] = []
    placed: set[int] = set()
    for a, paras in enumerate(content):
        cursor = -1  # position in `order` of the previous paragraph's row
        for p in paras:
            ci = comp_of[(a, p)]
            if ci in placed:
                cursor = max(cursor, order.index(ci))
                continue
            # after the rows earlier articles put between the same two anchors of this article
            pos = cursor + 1
            while pos < len(order) and a not in comp_articles[order[pos]]:
                pos += 1
            order.insert(pos, ci)
            placed.add(ci)
            cursor = pos
    return [Group(tuple(comps[ci])) for ci in order]
