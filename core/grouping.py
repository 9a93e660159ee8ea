"""Turn links into display rows (groups), ordered so every article reads top to bottom."""

from __future__ import annotations

from core.model import Group, Link, ParaRef


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
    each later article's rows that are new are placed right after the row of its previous paragraph.
    """
    nodes = [(a, p) for a, paras in enumerate(content) for p in paras]
    comps = _components(nodes, links)
    comp_of = {m: ci for ci, comp in enumerate(comps) for m in comp}
    order: list[int] = []
    placed: set[int] = set()
    for a, paras in enumerate(content):
        cursor = -1  # insert position in `order` after the previous paragraph's row
        for p in paras:
            ci = comp_of[(a, p)]
            if ci in placed:
                cursor = max(cursor, order.index(ci))
                continue
            order.insert(cursor + 1, ci)
            placed.add(ci)
            cursor += 1
    return [Group(tuple(comps[ci])) for ci in order]
