"""Split article text into paragraphs (with offsets) and sentences (spaCy, loaded lazily once)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’»)]*$")


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
    """A title is one short line that does not end like a sentence."""
    if "\n" in paragraph:
        return False
    words = paragraph.split()
    return 0 < len(words) <= 25 and not _SENTENCE_END.search(paragraph.rstrip())


_NLP_LOCK = threading.Lock()


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each sentence of text (code points), by spaCy's rule-based sentencizer.

    On news prose its punctuation rules split as well as a full pipeline's parser does, at a tenth
    of the cost.
    """
    if not text.strip():
        return ()
    with _NLP_LOCK:
        doc = _sentencizer()(text)
    return tuple((s.start_char, s.end_char) for s in doc.sents if s.text.strip())


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding position pos of text begins (0 when pos precedes every sentence)."""
    begin = 0
    for start, _end in sentence_spans(text):
        if start > pos:
            break
        begin = start
    return begin


def preload() -> None:
    """Import spaCy and build the sentencizer now (about 1 s), so timed work does not pay for it."""
    _sentencizer()


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
