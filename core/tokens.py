"""Word tokens with code-point offsets, and the one normalisation rule set used for matching."""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import NamedTuple

import Stemmer

# Words, with inner apostrophes/hyphens/dots kept (U.S., Zelenskyy's, well-known) and numbers with
# thousands separators or decimals kept whole (10,000; 2.5).
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’\-.][^\W\d_]+)*\.?|[^\W_]+", re.UNICODE)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your yours
yourself yourselves said says say told also its it's according would could may might must shall one two
""".split())


class Token(NamedTuple):
    """A word at [start, end) of its text, with its normalised form for matching (immutable)."""

    start: int
    end: int
    norm: str

    @property
    def is_content(self) -> bool:
        """True for words that carry meaning (not stopwords)."""
        return self.norm not in STOPWORDS


_QUOTE_FOLD = (("’", "'"), ("‘", "'"), ("`", "'"), ("´", "'"), ("“", '"'), ("”", '"'), ("„", '"'))
"""Curly quotes and apostrophes to straight ones (str.replace per mark: a translate table was 10x slower)."""


def fold(word: str) -> str:
    """Lowercase, NFKC, straight apostrophes and no diacritics: the comparison form of a word."""
    w = unicodedata.normalize("NFKC", word).lower()
    for curly, straight in _QUOTE_FOLD:
        if curly in w:
            w = w.replace(curly, straight)
    if not w.isascii():
        decomposed = unicodedata.normalize("NFKD", w)
        if len(decomposed) != len(w):  # only accented letters grow: strip their combining marks
            w = "".join(c for c in decomposed if not unicodedata.combining(c))
    return w


_LOCAL = threading.local()  # a PyStemmer stemmer is not to be shared between threads: one per thread


def _stem_word(word: str) -> str:
    """Snowball English (Porter2): 'troops'/'troop', 'sending'/'send', 'injured'/'injur'."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWord(word)


def stem(word: str) -> str:
    """The English (Porter2) stem of a folded word; possessives dropped, numbers and codes kept."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stem_word(word)


def normalize(word: str) -> str:
    """The matching key of a word: folded, numbers without separators, stemmed."""
    w = fold(word)
    if w[:1].isdigit():
        return w.replace(",", "")
    if w.endswith(".") and w.count(".") == 1:
        w = w[:-1]
    return stem(w.replace("-", ""))


# Stopwords are matched by their normalised form too ('during' -> 'dure', 'only' -> 'onli'), so a stem never
# turns one into a content word; 'accord' stays content (a peace accord), though it is the stem of 'according'.
STOPWORDS = STOPWORDS | frozenset(normalize(w) for w in STOPWORDS) - {"accord"}


_NORMS: dict[str, str] = {}  # word -> normalize(word); words repeat across the versions of a story
_NORMS_LIMIT = 200_000


def clear_caches() -> None:
    """Forget memoised word normalisations (benchmarks measure a cold start with it)."""
    _NORMS.clear()


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with code-point offsets and normalised forms."""
    out: list[Token] = []
    append = out.append
    norms = _NORMS
    make = tuple.__new__  # skips NamedTuple's Python-level __new__: tokenizing is the engine's hot loop
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        if word[-1] == "." and not _INITIALISM.fullmatch(word):
            word, end = word[:-1], end - 1
            if not word:
                continue
        norm = norms.get(word)
        if norm is None:
            if len(norms) > _NORMS_LIMIT:
                norms.clear()
            norm = norms[word] = normalize(word)
        append(make(Token, (start, end, norm)))
    return out


_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+")
