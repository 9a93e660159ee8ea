"""make_span builds the same Span as the frozen dataclass's own __init__, whatever fields Span has."""

from __future__ import annotations

import dataclasses

from copydesk.core.model import Span, make_span


def test_make_span_sets_every_field_span_has():
    fast, slow = make_span(3, 9, 0b1010, 0b100), Span(3, 9, 0b1010, 0b100)
    assert dataclasses.astuple(fast) == dataclasses.astuple(slow)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert make_span(0, 4, 1) == Span(0, 4, 1)  # reworded defaults as Span's does
    assert Span.__slots__ == ("start", "end", "carriers", "reworded")  # a field added to Span must be set in make_span too


def test_a_made_span_stays_frozen():
    span = make_span(0, 1, 2)
    try:
        span.start = 5  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        return
    raise AssertionError("make_span returned a mutable span")
