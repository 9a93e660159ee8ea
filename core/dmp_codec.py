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


class WordCodec:
    """Maps normalised words to single characters (private-use planes), shared across a folder."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, words: list[str]) -> str:
        """One character per word; equal words get equal characters."""
        codes = self._codes
        out = []
        for w in words:
            c = codes.get(w)
            if c is None:
                n = len(codes)
                # Private-use areas: BMP (6,400 codes) then planes 15 and 16 (131,068 codes).
                c = chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)
                codes[w] = c
            out.append(c)
        return "".join(out)


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
    i = j = 0
    for op, n in word_diff(a, b):
        if op == 0:
            out[i:i + n] = range(j, j + n)
            i += n
            j += n
        elif op < 0:
            i += n
        else:
            j += n
    return out
