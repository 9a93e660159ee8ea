"""Where the sentence holding a quote begins, when that is plain without asking spaCy (which takes 0.7 s to import).

The quote checks look for a speaker between the start of the quote's sentence and its opening mark, by
spaCy's rule-based sentencizer (core.segment.sentence_start). Most cases need no model of English at all:
a paragraph with no sentence punctuation before the quote is one sentence so far, and 'Macron said. “We …'
ends a sentence at a full stop after an ordinary lower-case word. spaCy decides what is not plain:
abbreviations it knows ('Feb.', 'Gen.') or might know, initials, numbers, ellipses, URLs, other scripts.
What counts as plain follows spaCy's own tokenizer exceptions and sentencizer punctuation (tests/core/
test_checks_sentences.py checks both tables against spaCy itself, and the answers against spaCy's).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Optional

SENTENCE_PUNCT = frozenset(
    "!.?\u0589\u061f\u06d4\u0700\u0701\u0702\u07f9\u0964\u0965\u104a\u104b\u1362\u1367\u1368\u166e\u1735"
    "\u1736\u1803\u1809\u1944\u1945\u1aa8\u1aa9\u1aaa\u1aab\u1b5a\u1b5b\u1b5e\u1b5f\u1c3b\u1c3c\u1c7e"
    "\u1c7f\u203c\u203d\u2047\u2048\u2049\u2e2e\u2e3c\u3002\ua4ff\ua60e\ua60f\ua6f3\ua6f7\ua876\ua877"
    "\ua8ce\ua8cf\ua92f\ua9c8\ua9c9\uaa5d\uaa5e\uaa5f\uaaf0\uaaf1\uabeb\ufe52\ufe56\ufe57\uff01\uff0e"
    "\uff1f\uff61\U00010a56\U00010a57\U00011047\U00011048\U000110be\U000110bf\U000110c0\U000110c1"
    "\U00011141\U00011142\U00011143\U000111c5\U000111c6\U000111cd\U000111de\U000111df\U00011238\U00011239"
    "\U0001123b\U0001123c\U000112a9\U0001144b\U0001144c\U000115c2\U000115c3\U000115c9\U000115ca\U000115cb"
    "\U000115cc\U000115cd\U000115ce\U000115cf\U000115d0\U000115d1\U000115d2\U000115d3\U000115d4\U000115d5"
    "\U000115d6\U000115d7\U00011641\U00011642\U0001173c\U0001173d\U0001173e\U00011a42\U00011a43\U00011a9b"
    "\U00011a9c\U00011c41\U00011c42\U00016a6e\U00016a6f\U00016af5\U00016b37\U00016b38\U00016b44\U0001bc9f"
    "\U0001da88")
"""spaCy's Sentencizer.default_punct_chars: a sentence ends only after one of these."""

DOTTED_EXCEPTIONS = frozenset("""
Adm. Ak. Ala. Apr. Ariz. Ark. Aug. Bros. Calif. Co. Colo. Conn. Corp. Dec. Del. Dr. Feb. Fla. Ga. Gen. Gov. Ia.
Id. Ill. Inc. Ind. Jan. Jr. Jul. Jun. Kan. Kans. Ky. La. Ltd. Mar. Mass. Md. Messrs. Mich. Minn. Miss. Mo. Mont.
Mr. Mrs. Ms. Mt. Neb. Nebr. Nev. Nov. Oct. Okla. Ore. Pa. Prof. Rep. Rev. Sen. Sep. Sept. St. Tenn. Va. Wash.
Wis. co. vs.
""".split())
"""spaCy's English tokenizer exceptions of two letters or more and a full stop: one token, no sentence end."""

_WORD_BEFORE = re.compile(r"(?:^|(?<=\s))([A-Za-z]{2,})$")
"""An ordinary word right before a mark: ASCII letters only (no inner dot, digit or hyphen), after a space."""
_AFTER_END = re.compile(r"[\"'”’»)\]]*\s+[\"'“‘«(\[]*")
"""After a sentence end: closing marks, a space, opening marks; the next sentence's first word follows."""


def sentence_begin(text: str, pos: int) -> Optional[int]:
    """Where the sentence holding text[pos] begins, but for the spaces and marks before its first word;
    None when only spaCy can tell.

    Walks back over the sentence punctuation before pos: a full stop ending a known abbreviation ('Feb. 26')
    is no boundary; '.', '!' or '?' right after an ordinary word ending lower-case, then closing marks, a
    space and opening marks before a letter or digit at or before pos, is one; anything else is spaCy's.
    """
    marks = _punct_positions(text)
    k = bisect.bisect_left(marks, pos)
    while k > 0:
        k -= 1
        p = marks[k]
        word = _WORD_BEFORE.search(text, max(0, p - 40), p)
        if text[p] == "." and word and word.group(1) + "." in DOTTED_EXCEPTIONS:
            if p + 1 < len(text) and text[p + 1].isspace():
                continue  # one token to spaCy, no sentence end: look further back
            return None
        if text[p] not in ".!?" or not word or not word.group(1)[-1].islower():
            return None
        after = _AFTER_END.match(text, p + 1)
        first = after.end() if after else -1
        if first < 0 or first > pos or first >= len(text) or not text[first].isalnum():
            return None  # the next sentence's first token is not plainly a word at or before pos
        return p + 1
    return 0  # no sentence punctuation before pos: the paragraph's first sentence


@lru_cache(maxsize=256)
def _punct_positions(text: str) -> tuple[int, ...]:
    """Positions of the sentence punctuation in text (a paragraph's quotes share one scan)."""
    return tuple(i for i, ch in enumerate(text) if ch in SENTENCE_PUNCT)
