"""The longest chain of (row, column) pairs increasing in both: the one routine the aligners and edits share."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

__all__ = ["longest_chain"]


def longest_chain(pairs: list[tuple[int, int]], strict_second: bool = True,
                  latest: bool = False) -> list[tuple[int, int]]:
    """Longest chain of pairs with rows strictly increasing and columns increasing, in O(n log n).

    strict_second=True: columns strictly increase too, so two pairs of one row or one column never both
    chain (paragraph and sentence anchors). False: a column may repeat down the chain (a paragraph split
    in two keeps its reference's order). Among the longest chains, the lexicographically smallest is
    returned; latest=True: the one whose pairs come as late as they can, each in the latest row, then
    its smallest column (the largest under the key (row, -column)). Either way the result depends only
    on the set of pairs, never on their order.
    """
    items = sorted(set(pairs))
    fits = bisect_left if strict_second else bisect_right
    # height[n]: length of the longest chain starting at items[n]. Scan rows from the last; in
    # patience sorting on -column, tails[k] is the smallest -column that starts a chain of k + 1.
    height = [0] * len(items)
    tails: list[int] = []
    n = len(items)
    while n:
        row = items[n - 1][0]
        lo = n
        while lo and items[lo - 1][0] == row:
            lo -= 1
        # a whole row is measured before any of it is inserted: one row never chains with itself
        for m in range(lo, n):
            height[m] = fits(tails, -items[m][1]) + 1
        for m in range(lo, n):
            k, c = height[m] - 1, -items[m][1]
            if k == len(tails):
                tails.append(c)
            elif c < tails[k]:
                tails[k] = c
        n = lo
    # a pair of height h continues with one of height h - 1 (never more: it would be taller); walk the
    # heights from the tallest, taking the smallest pair that follows the last one taken
    levels: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for item, h in zip(items, height):
        levels[h].append(item)  # each level stays sorted
    out: list[tuple[int, int]] = []
    last = (-1 << 62, -1 << 62)
    for h in range(len(tails), 0, -1):
        after = [p for p in levels[h] if p[0] > last[0] and (p[1] > last[1] if strict_second else p[1] >= last[1])]
        last = after[0] if not latest else min(after, key=lambda p: (-p[0], p[1]))
        out.append(last)
    return out
