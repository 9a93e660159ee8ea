"""core.chains.longest_chain against a brute force, strict and non-strict in the column."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.core.chains import longest_chain


def brute(pairs, strict_second, latest=False):
    """The longest chains' smallest (latest: largest by (row, -column)), trying every subset (small inputs only)."""
    items = sorted(set(pairs))
    for size in range(len(items), 0, -1):
        chains = [list(chain) for chain in itertools.combinations(items, size)
                  if all(p[0] < q[0] and (p[1] < q[1] if strict_second else p[1] <= q[1])
                         for p, q in zip(chain, chain[1:]))]
        if chains:
            return max(chains, key=lambda c: [(p[0], -p[1]) for p in c]) if latest else chains[0]
    return []


@pytest.mark.parametrize("pairs, strict, expected", [
    ([], True, []),
    ([], False, []),
    ([(0, 1), (1, 1), (2, 1)], True, [(0, 1)]),
    ([(0, 1), (1, 1), (2, 1)], False, [(0, 1), (1, 1), (2, 1)]),  # a split paragraph keeps the order
    ([(0, 0), (0, 1), (1, 0)], False, [(0, 0), (1, 0)]),  # one row never chains with itself
    ([(0, 1), (1, 0)], True, [(0, 1)]),  # two chains of one: the smallest
    ([(0, 2), (1, 0), (2, 0), (3, 3)], False, [(1, 0), (2, 0), (3, 3)]),
])
def test_longest_chain_examples(pairs, strict, expected):
    assert longest_chain(pairs, strict) == expected
    assert longest_chain(pairs[::-1], strict) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=10), st.booleans())
def test_longest_chain_is_the_smallest_longest_chain(pairs, strict):
    assert longest_chain(pairs, strict) == brute(pairs, strict)


@pytest.mark.parametrize("pairs, strict, expected", [
    ([(0, 1), (1, 0)], True, [(1, 0)]),  # two chains of one: the latest
    ([(1, 4), (1, 3)], True, [(1, 3)]),  # in one row, the smallest column
    ([(0, 0), (0, 2), (1, 1), (2, 3), (3, 2)], True, [(0, 0), (1, 1), (3, 2)]),
    ([(0, 2), (1, 0), (2, 0), (3, 3)], False, [(1, 0), (2, 0), (3, 3)]),
])
def test_latest_chain_examples(pairs, strict, expected):
    assert longest_chain(pairs, strict, latest=True) == expected
    assert longest_chain(pairs[::-1], strict, latest=True) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=10), st.booleans())
def test_latest_chain_is_the_latest_longest_chain(pairs, strict):
    assert longest_chain(pairs, strict, latest=True) == brute(pairs, strict, latest=True)
