"""Text helpers shared by the checks: words with offsets, word diffs, short labels for messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from copydesk.core.dmp_codec import encode_pair, word_diff
from copydesk.core.model import Comparison
from copydesk.core.tokens import STOPWORDS, fold, tokenize

NEGATIONS = frozenset("not no never cannot can't won't don't doesn't didn't isn't aren't wasn't nothing none "
                      "nobody neither nor without".split())

# A capitalised word: letters (with inner apostrophes, hyphens or dots as in O'Brien, U.K.), optional possessive.
CAP_WORD = r"[A-Z][\w'’\-]*(?:\.[A-Z]\.?)*"
# A capitalised word not glued to a previous one. The capital comes first and the look-back follows it
# ("(?<![\w'’\-])" before the capital, said after it): a pattern that opens with a character class lets the
# regex engine skip ahead to the next capital instead of trying the look-back at every position.
CAP_RE = re.compile(rf"[A-Z](?<![\w'’\-].)[\w'’\-]*(?:\.[A-Z]\.?)*")


def by_first_letter(alternatives: str) -> str:
    """A regex alternation of plain words (no inner '|'), grouped under each first character, in the
    original order within a character.

    Only the alternatives of one character can match at a position, so the regex finds the same matches
    (trying them in the same order), while the engine tries a dozen letters at each position instead of
    every word: a long alternation scans about three times as fast.
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives.split("|"):
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: [start, end) code points, its folded form and its matching key (stemmed)."""

    start: int
    end: int
    folded: str
    norm: str
    content: bool


def words(text: str) -> list[Word]:
    """The words of text with offsets; folded keeps the spelling, norm is the stemmed matching key."""
    out: list[Word] = []
    append = out.append
    made = _MADE
    if len(made) > _FORMS_LIMIT:
        made.clear()
    for start, end, norm in tokenize(text):
        spelled = text[start:end]
        word = made.get((start, spelled))
        if word is None:
            word = made[start, spelled] = _word(start, end, spelled, norm)
        append(word)
    return out


_MADE: dict[tuple[int, str], Word] = {}
"""Words by (start, spelling): the wordings of one quote in hundreds of versions share most of their words at
the same places, and a Word is immutable (the spelling decides the rest: tokenize normalises it alone)."""


def _word(start: int, end: int, spelled: str, norm: str) -> Word:
    """Word(start, end, folded, norm, content), through the slots' setters: a third of the generated __init__."""
    form = _FORMS.get(spelled)
    if form is None:
        form = _form(spelled, norm)
    word = _new_object(Word)
    _set_start(word, start)
    _set_end(word, end)
    _set_folded(word, form[0])
    _set_norm(word, norm)
    _set_content(word, form[1])
    return word


_new_object = object.__new__
_set_start, _set_end, _set_folded, _set_norm, _set_content = (
    getattr(Word, name).__set__ for name in ("start", "end", "folded", "norm", "content"))
_FORMS: dict[str, tuple[str, bool]] = {}
"""(folded, content) per spelling, remembered: the quotes of hundreds of versions repeat the same few thousand
words. A spelling has one norm (tokenize normalises the spelling alone), so the spelling is the whole key."""
_FORMS_LIMIT = 1 << 16


def _form(spelled: str, norm: str) -> tuple[str, bool]:
    """(folded, content) of a word, remembered in _FORMS."""
    if len(_FORMS) > _FORMS_LIMIT:
        _FORMS.clear()
    folded = fold(spelled)
    # The stemmed norm can miss the stopword list ("does" -> "doe"): check the plain word too.
    form = _FORMS[spelled] = (folded, norm not in STOPWORDS and folded not in STOPWORDS)
    return form


def surface(text: str, ws: list[Word], i: int, j: int) -> str:
    """The text of words i..j-1 with their punctuation in between."""
    if i >= j:
        return ""
    return text[ws[i].start:ws[j - 1].end]


def word_ops(a: list[str], b: list[str], semantic: bool = True) -> list[tuple[int, int, int, int, int]]:
    """Word-level diff of key lists: (op, a_start, a_end, b_start, b_end) with op -1/0/+1 (replace = -1 then +1).

    semantic=False keeps every shared word (finer, for showing a reader); True merges small shared islands.
    """
    # codes of its own per pair: a quote of a 1 MB one-line article can hold more words than one codec has codes
    return coded_ops(*encode_pair(a, b), semantic=semantic)


def coded_ops(a: str, b: str, semantic: bool = True) -> list[tuple[int, int, int, int, int]]:
    """word_ops of two key lists already encoded a character per word (equal words, equal characters)."""
    out, i, j = [], 0, 0
    for op, n in word_diff(a, b, semantic=semantic):
        if op == 0:
            out.append((0, i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op < 0:
            out.append((-1, i, i + n, j, j))
            i += n
        else:
            out.append((1, i, i, j, j + n))
            j += n
    return out


def render_diff(ref_text: str, ref: list[Word], var_text: str, var: list[Word], ops=None, context: int = 4) -> str:
    """The variant against the reference as '... [-reference words-] [+variant words+] ...' (ops: word_ops)."""
    if ops is None:
        ops = word_ops([w.folded for w in ref], [w.folded for w in var], semantic=False)
    parts = []
    for k, (op, a0, a1, b0, b1) in enumerate(ops):
        if op < 0:
            parts.append(f"[-{surface(ref_text, ref, a0, a1)}-]")
        elif op > 0:
            parts.append(f"[+{surface(var_text, var, b0, b1)}+]")
        else:
            first, last = k == 0, k == len(ops) - 1
            n = b1 - b0
            if n <= 2 * context or (first and last):
                parts.append(surface(var_text, var, b0, b1))
            elif first:
                parts.append("… " + surface(var_text, var, b1 - context, b1))
            elif last:
                parts.append(surface(var_text, var, b0, b0 + context) + " …")
            else:
                parts.append(surface(var_text, var, b0, b0 + context) + " … "
                             + surface(var_text, var, b1 - context, b1))
    return " ".join(p for p in parts if p)


def snippet(text: str, limit: int = 70) -> str:
    """text cut at a word boundary to about limit characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def article_label(c: Comparison, article: int) -> str:
    """How messages name one article: '#3 Headline…' (core.model.Article.label)."""
    return c.articles[article].label(LABEL_CHARS)


LABEL_CHARS = 40
MAX_NAMED = 8


def articles_label(c: Comparison, articles: Iterable[int]) -> str:
    """Articles named in a message: one by number and headline, several by number ('#1, #3 and #4')."""
    ordered = sorted(set(articles))
    if len(ordered) == 1:
        return article_label(c, ordered[0])
    numbers = [c.articles[a].number for a in ordered[:MAX_NAMED]]
    if len(ordered) > MAX_NAMED:
        return f"{', '.join(numbers)} and {len(ordered) - MAX_NAMED} more"
    return f"{', '.join(numbers[:-1])} and {numbers[-1]}"


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """Folded surname key: possessive dropped, so Macron's meets Macron."""
    w = fold(word)
    for suffix in ("'s", "'"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    return w.strip(".-")


_VOWELS = re.compile(r"[aeiouyhw]")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """First letter + consonants with doubles collapsed: Zelensky/Zelenskyy and Kyiv/Kiev share one."""
    w = name_key(word)
    if not w:
        return ""
    rest = _VOWELS.sub("", w[1:])
    out = w[0]
    for ch in rest:
        if ch != out[-1]:
            out += ch
    return out


_POSSESSIVE = re.compile(r"[’']s?$")


def strip_possessive(word: str) -> str:
    """'Jones’s' -> 'Jones', 'Mitsotakis'' -> 'Mitsotakis'; a plain trailing s is part of the name."""
    return _POSSESSIVE.sub("", word)
