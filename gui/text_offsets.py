"""Convert between Python code-point offsets (core) and Qt's UTF-16 offsets (QTextDocument positions)."""

from __future__ import annotations

from bisect import bisect_right


def utf16_length(text: str) -> int:
    """Length of text in UTF-16 code units (what Qt counts)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class OffsetMap:
    """Fast two-way offset conversion for one string; astral characters take two UTF-16 units."""

    def __init__(self, text: str) -> None:
        # Code-point positions of astral characters; most texts have none, so conversion stays O(1).
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of the code-point offset (0 <= offset <= len(text))."""
        offset = max(0, min(offset, self._length))
        if not self._astral:
            return offset
        return offset + bisect_right(self._astral, offset - 1)

    def to_code_point(self, offset16: int) -> int:
        """Code-point offset of a UTF-16 offset; an offset inside a surrogate pair maps to its character."""
        if not self._astral:
            return max(0, min(offset16, self._length))
        lo, hi = 0, self._length
        while lo < hi:  # smallest code-point offset whose UTF-16 offset reaches offset16
            mid = (lo + hi) // 2
            if self.to_utf16(mid) < offset16:
                lo = mid + 1
            else:
                hi = mid
        if lo > 0 and self.to_utf16(lo) > offset16:
            lo -= 1
        return lo


def to_utf16(text: str, offset: int) -> int:
    """UTF-16 offset of a code-point offset into text."""
    return utf16_length(text[:offset])


def to_code_point(text: str, offset16: int) -> int:
    """Code-point offset of a UTF-16 offset into text."""
    return OffsetMap(text).to_code_point(offset16)
