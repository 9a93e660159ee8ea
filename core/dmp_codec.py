"""Word-level diff with diff-match-patch: each distinct word becomes one character, diffed, decoded."""

from __future__ import annotations

from diff_match_patch import diff_match_patch

try:  # the C++ port: same algorithm and output, about 6x faster (`make bench`, bench_dmp)
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - the pure-Python library is the fallback
    _fast = None

_DMP = diff_match_patch()
# No silent timeout: results must not depend on machine speed. Inputs are paragraphs, so the
# O(ND) diff stays cheap without one.
_DMP.Diff_Timeout = 0


# Code points a word may become, in order. Private-use areas first: BMP (6,400 codes), then planes 15 and
# 16 (131,072, as always); past them planes 4-13, unassigned (655,360). Every one of them is neither a
# letter, a digit nor a space to the semantic clean-up, which scores edit boundaries by such classes, so
# the choice of code never changes a diff.
_CODE_RANGES = ((0xE000, 0xF900), (0xF0000, 0x110000), (0x40000, 0xE0000))
CAPACITY = sum(end - start for start, end in _CODE_RANGES)
"""Distinct words one WordCodec can encode."""


class CodecFull(ValueError):
    """A WordCodec was asked for more distinct words than there are codes (CAPACITY)."""


def _code(n: int) -> str:
    for start, end in _CODE_RANGES:
        if n < end - start:
            return chr(start + n)
        n -= end - start
    raise CodecFull(f"more than {CAPACITY} distinct words")


class WordCodec:
    """Maps normalised words to single characters (private-use planes first), shared across a folder.

    Past `capacity` distinct words encode raises CodecFull; encode_pair never does.
    """

    def __init__(self, capacity: int | None = None) -> None:
        self._codes: dict[str, str] = {}
        self._capacity = CAPACITY if capacity is None else min(capacity, CAPACITY)

    def encode(self, words: list[str]) -> str:
        """One character per word; equal words get equal characters."""
        codes = self._codes
        try:
            return "".join(map(codes.__getitem__, words))  # every word known (a folder's words soon are)
        except KeyError:
            pass
        # new words get codes in the order they first appear (a word's code never depends on the batch)
        for w in [w for w in dict.fromkeys(words) if w not in codes]:
            n = len(codes)
            if n >= self._capacity:
                raise CodecFull(f"more than {self._capacity} distinct words")
            codes[w] = _code(n)
        return "".join(map(codes.__getitem__, words))


def encode_pair(a: list[str], b: list[str], capacity: int | None = None) -> tuple[str, str]:
    """a and b encoded for one diff with codes of their own, whatever the number of distinct words.

    A word found on one side only can never be equal to anything in the diff, so all such words of a
    side share one code: the diff is the same as with a code per word (diff-match-patch only ever
    compares a character of one text with one of the other). Only words on both sides need codes of
    their own; past capacity (over 790,000 of them) the rest count as one-sided, so shown as changed.
    """
    limit = (CAPACITY if capacity is None else min(capacity, CAPACITY)) - 2
    only_a, only_b = _code(0), _code(1)
    codes: dict[str, str] = {}
    in_b = set(b)
    for w in a:
        if w in in_b and w not in codes and len(codes) < limit:
            codes[w] = _code(len(codes) + 2)
    return "".join(codes.get(w, only_a) for w in a), "".join(codes.get(w, only_b) for w in b)


_FAST_OPS = {"=": 0, "-": -1, "+": 1}


def word_diff(a: str, b: str, use_fast: bool = True, semantic: bool = True) -> list[tuple[int, int]]:
    """Diff of two encoded strings as (op, length): op -1 delete, 0 equal, 1 insert.

    semantic=True runs the semantic cleanup (merges small shared islands); False keeps every shared word.
    """
    if use_fast and _fast is not None:
        cleanup = "Semantic" if semantic else "No"
        return [(_FAST_OPS[op], n) for op, n in _fast.diff(a, b, timelimit=0, cleanup=cleanup, counts_only=True)]
    diffs = _DMP.diff_main(a, b, False)
    if semantic:
        _DMP.diff_cleanupSemantic(diffs)
    return [(op, len(chunk)) for op, chunk in diffs]


def equal_map(a: str, b: str) -> list[int]:
    """For each position of a, the position of b it is equal to in the word diff, or -1."""
    out = [-1] * len(a)
    for i, j, n in runs_and_hunks(word_diff(a, b))[0]:
        out[i:i + n] = range(j, j + n)
    return out


def runs_and_hunks(ops: list[tuple[int, int]]) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int, int]]]:
    """A word diff's equal runs (i, j, n) in order, and the non-empty edit hunks (i0, i1, j0, j1) between them."""
    runs: list[tuple[int, int, int]] = []
    hunks: list[tuple[int, int, int, int]] = []
    i = j = hunk_i = hunk_j = 0
    for op, n in ops:
        if op == 0:
            if i > hunk_i or j > hunk_j:
                hunks.append((hunk_i, i, hunk_j, j))
            runs.append((i, j, n))
            i += n
            j += n
            hunk_i, hunk_j = i, j
        elif op < 0:
            i += n
        else:
            j += n
    if i > hunk_i or j > hunk_j:
        hunks.append((hunk_i, i, hunk_j, j))
    return runs, hunks
