"""Where the sentence holding a quote begins, when that is plain without asking spaCy (which takes 0.7 s to import).

The quote checks look for a speaker between the start of the quote's sentence and its opening mark, by
spaCy's rule-based sentencizer (core.segment.sentence_start). It ends a sentence at a token that is a
sentence mark of its own ('.', '!', '?'), before the next word. Whether a mark is a token of its own follows
from a few of spaCy's English tokenizer rules, applied here to the mark's word: its exceptions ('Feb.', 'e.g.'),
the suffix rule for a full stop (after a lower-case letter, a digit or two capitals: 'said.', '2024.', 'UK.',
but not 'U.S.'), dot runs ('...') and marks inside a word ('2.5', 'of.com'). Anything else (brackets before a
stop, 'said.The', other scripts) is left to spaCy. tests/core/test_checks_sentences.py checks the tables against
spaCy itself, and the answers against spaCy's on generated text.
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

SPECIAL_CASES = frozenset("""
(._.) ._. 0.0 0.o 10a.m. 10p.m. 11a.m. 11p.m. 12a.m. 12p.m. 1a.m. 1p.m. 2a.m. 2p.m. 3a.m. 3p.m. 4a.m. 4p.m.
5a.m. 5p.m. 6a.m. 6p.m. 7a.m. 7p.m. 8a.m. 8p.m. 9a.m. 9p.m. <.< >.< >.> Adm. Ak. Ala. Apr. Ariz. Ark. Aug.
Bros. Calif. Co. Colo. Conn. Corp. D.C. Dec. Del. Dr. E.G. E.g. Feb. Fla. Ga. Gen. Gov. I.E. I.e. Ia. Id. Ill.
Inc. Ind. Jan. Jr. Jul. Jun. Kan. Kans. Ky. La. Ltd. Mar. Mass. Md. Messrs. Mich. Minn. Miss. Mo. Mont. Mr.
Mrs. Ms. Mt. N.C. N.D. N.H. N.J. N.M. N.Y. Neb. Nebr. Nev. Nov. O.O O.o Oct. Okla. Ore. Pa. Ph.D. Prof. Rep.
Rev. S.C. Sen. Sep. Sept. St. Tenn. V.V Va. Wash. Wis. a. a.m. b. c. co. d. e. e.g. f. g. h. i. i.e. j. k. l.
m. n. o. o.0 o.O o.o p. p.m. q. r. s. t. u. v. v.s. v.v vs. w. x. y. z. ä. ö. ü.
""".split())
"""spaCy's English tokenizer exceptions that hold sentence punctuation inside a token (not '°C.', which it cuts
into '°', 'C', '.'). spaCy applies them to a word's last pieces too ('mid-Feb.' keeps 'Feb.' whole)."""

_OPENING = frozenset("\"'“‘«([{")
"""Marks that open a word and spaCy splits off as prefixes (quotes, brackets)."""
_CLOSING = frozenset("\"'”’»)]}")
"""Marks that close a word and spaCy splits off as suffixes: a full stop may stand before them."""
_LOWER_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
"""'U.S.', 'U.K.', 'A.': spaCy's suffix rule splits a full stop only after a lower-case letter, a digit or two
capitals, so a run of initials stays one token."""
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*\.")
"""A word ending in a full stop that spaCy takes apart no further before the stop (no prefix, such as 'US$')."""
_AFTER_END = re.compile(r"[\"'”’»)\]]*\s+[\s\"'“‘«(\[”’»—–]*")
"""After a sentence end: closing marks, a space, then spaces, quotes, brackets and dashes (tokens of their own,
which spaCy skips); the next sentence's first word follows."""

_INNER, _END, _UNSURE = "inner", "end", "unsure"


def sentence_begin(text: str, pos: int) -> Optional[int]:
    """Where the sentence holding text[pos] begins, but for the spaces and marks before its first word;
    None when only spaCy can tell.

    Walks back over the sentence punctuation before pos. A mark inside a token ('U.S.', '2.5', 'Feb.', '...',
    'a?b') is no boundary; a mark that is a token of its own ('said.', 'UK.', 'why?') is one when a word
    follows at or before pos; any other mark is spaCy's to judge.
    """
    marks = _punct_positions(text)
    k = bisect.bisect_left(marks, pos)
    while k > 0:
        k -= 1
        p = marks[k]
        kind = _mark_kind(text, p)
        if kind == _INNER:
            continue
        if kind == _UNSURE:
            return None
        after = _AFTER_END.match(text, p + 1)
        first = after.end() if after else -1
        if first < 0 or first > pos or first >= len(text) or not text[first].isalnum():
            return None  # the next sentence's first token is not plainly a word at or before pos
        return p + 1
    return 0  # no sentence punctuation before pos: the paragraph's first sentence


def _mark_kind(text: str, p: int) -> str:
    """Whether the sentence punctuation at text[p] is inside a token, a token of its own, or unsure, by spaCy's
    English tokenizer rules (prefixes, suffixes, infixes and exceptions; tests check them against spaCy)."""
    ch = text[p]
    if ch not in ".!?":
        return _UNSURE  # other scripts' marks
    before = text[p - 1] if p > 0 else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    if ch == "." and (before == "." or after == "."):
        return _INNER  # a run of dots is one token ('...'), which ends no sentence
    if after.isspace() or after in _CLOSING:
        return _mark_ending_a_word(text, p)
    if after in _LOWER_OR_DIGIT:
        # no rule splits a mark from a lower-case letter or digit after it ('2.5', 'of.com', 'a?b'); a '!' or
        # '?' starting its word is a prefix, though
        return _INNER if ch == "." or before.isalnum() else _UNSURE
    if ch == "." and after in _UPPER and (before in _UPPER or before.isdigit()):
        return _INNER  # the infix rule splits 'said.The', not 'U.S' or '2.A'
    return _UNSURE


def _mark_ending_a_word(text: str, p: int) -> str:
    """The kind of a mark at the end of its word, but for closing marks before the next space."""
    end = p + 1
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    if end < len(text) and not text[end].isspace():
        return _UNSURE
    if text[p] in "!?":
        return _END if p > 0 and not text[p - 1].isspace() else _UNSURE  # always a suffix of its own
    start = p
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while start < p and text[start] in _OPENING:
        start += 1
    word = text[start:p + 1]
    if word in SPECIAL_CASES or _INITIALS.fullmatch(word):
        return _INNER  # 'Feb.', 'e.g.', 'U.S.': one token
    if any(word[i:] in SPECIAL_CASES for i in range(1, len(word) - 1) if not word[i - 1].isalnum()):
        return _UNSURE  # 'mid-Feb.': spaCy may join the last pieces into an exception
    before = text[p - 1]
    if _WORD.fullmatch(word) and (before in _LOWER_OR_DIGIT or (before in _UPPER and text[p - 2] in _UPPER)):
        return _END  # spaCy's suffix rule: a full stop after a lower-case letter, a digit or two capitals
    return _UNSURE


@lru_cache(maxsize=256)
def _punct_positions(text: str) -> tuple[int, ...]:
    """Positions of the sentence punctuation in text (a paragraph's quotes share one scan)."""
    return tuple(i for i, ch in enumerate(text) if ch in SENTENCE_PUNCT)
