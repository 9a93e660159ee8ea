"""A sentence diffed again on its own is told apart from a token with the same index (core/spans.py)."""

from __future__ import annotations

from copydesk.core.spans import _Carrier
from copydesk.core.tokens import tokenize

# Paragraph x: three sentences; its second sentence ("Nothing ...") shares no word with paragraph y.
X = "Troops will stay in the east. Nothing else was decided today. Talks resume on Friday in Paris."
Y = "Troops will stay in the east and talks resume on Friday in Paris."


def _carrier() -> _Carrier:
    tokens = {(0, 0): tokenize(X), (1, 0): tokenize(Y)}
    return _Carrier(tokens, [((0, 0), (1, 0))], {(0, 0): X, (1, 0): Y}, {}, frozenset(), None)


def test_unkept_sentences_and_their_tokens_are_separate_sets():
    carrier = _carrier()
    x = carrier.paras[(0, 0)]
    assert len(x.ranges) == 3
    side = [((0, 0), lo, hi) for lo, hi in x.ranges]
    # the diff keeps the first and the last sentence's words, none of the second's
    lo1, hi1 = x.ranges[1]
    runs = [(0, 0, lo1), (hi1, lo1, x.ranges[2][1] - hi1)]
    sentences, tokens = carrier._unkept([((0, 0), s) for s in range(3)], side, runs, 0)
    assert sentences == {((0, 0), 1)}
    assert tokens == {((0, 0), k) for k in range(lo1, hi1)}
    assert ((0, 0), 1) not in tokens  # token 1 is in the first sentence, which the diff keeps

