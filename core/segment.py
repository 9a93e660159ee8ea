"""Split article text into paragraphs (with offsets) and sentences (spaCy, loaded lazily once)."""

from __future__ import annotations

import bisect
import re
import threading
from functools import lru_cache

_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_SENTENCE_END = re.compile(r"[.…:;]['\"”’»)]*$")  # a headline may ask or exclaim: ? and ! end titles too
_WHOLE_QUOTE = re.compile(r"^[\"“‘'«].+[\"”’'»]$")  # a headline that is one quotation ("“Nothing is ruled out.”")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph: blank-line blocks, or one per line when a file has no blank lines."""
    if _BLANK_LINE.search(text):
        pieces, pos = [], 0
        for m in _BLANK_LINE.finditer(text):
            pieces.append((pos, m.start()))
            pos = m.end() - 1
        pieces.append((pos, len(text)))
    else:
        pieces, pos = [], 0
        for line in text.split("\n"):
            pieces.append((pos, pos + len(line)))
            pos += len(line) + 1
    out = []
    for start, end in pieces:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))
    return out


def looks_like_title(paragraph: str) -> bool:
    """A title is one short line that does not end like a statement (questions, exclamations and quotes may)."""
    if "\n" in paragraph:
        return False
    words = paragraph.split()
    line = paragraph.strip()
    return 0 < len(words) <= 25 and (not _SENTENCE_END.search(line) or bool(_WHOLE_QUOTE.match(line)))


_NLP_LOCK = threading.Lock()


CHUNK_CHARS = 100_000
"""Longest text handed to spaCy at once (its own limit is 1,000,000): longer text is split first."""
_CUT_AT = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?…]['\"”’»)]*\s+"), re.compile(r"\s+"))
"""Where a long text may be cut, best first: a blank line, a line break, a sentence end, any space."""


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each sentence of text (code points), by spaCy's rule-based sentencizer.

    On news prose its punctuation rules split as well as a full pipeline's parser does, at a tenth
    of the cost. Text longer than CHUNK_CHARS is split into chunks first (see _chunks), never past spaCy's limit.
    """
    if not text.strip():
        return ()
    nlp = _sentencizer()
    out: list[tuple[int, int]] = []
    for begin, end in _chunks(text, min(CHUNK_CHARS, nlp.max_length)):
        with _NLP_LOCK:
            doc = nlp(text[begin:end])
        out.extend((begin + s.start_char, begin + s.end_char) for s in doc.sents if s.text.strip())
    return tuple(out)


def _chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) pieces of text no longer than limit, cut at the best boundary in each piece's second half.

    A cut becomes a sentence boundary, so it goes where one most likely is; a 1 MB one-line article
    (a scraped page with no line breaks) is split at its sentence ends.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    while len(text) - pos > limit:
        cut = pos + limit
        for pattern in _CUT_AT:
            ends = [m.end() for m in pattern.finditer(text, pos + limit // 2, pos + limit)]
            if ends:
                cut = ends[-1]
                break
        out.append((pos, cut))
        pos = cut
    out.append((pos, len(text)))
    return out


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding position pos of text begins (0 when pos precedes every sentence)."""
    starts = _sentence_starts(text)
    k = bisect.bisect_right(starts, pos)  # a long text has thousands of sentences: no linear scan per quote
    return starts[k - 1] if k else 0


@lru_cache(maxsize=256)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return tuple(start for start, _end in sentence_spans(text))


def preload() -> None:
    """Import spaCy and build the sentencizer now (about 1 s), so timed work does not pay for it."""
    _sentencizer()


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
