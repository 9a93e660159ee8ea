"""Find the direct quotations of an article and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from copydesk.core.findings.persons import (ADVERB, APPOSITIVE, DESCRIPTOR, NAME_RUN, PRONOUNS, ROLE_NOUNS, VERBS,
                                   Mention, article_mentions, has_speaker_before, is_descriptor, resolve,
                                   speakers)
from copydesk.core.findings.sentence_cut import sentence_begin
from copydesk.core.findings.text import Word, words
from copydesk.core.model import Article
from copydesk.core.segment import sentence_start

_OPENERS = "“„«"
_CLOSERS = "”»"
_MARKS = _OPENERS + _CLOSERS + '"'
_MARK_RE = re.compile(f"[{_MARKS}]")
_LEFT_OPEN = "([{—–-/:"
_RIGHT_CLOSED = ".,;:!?)]}"
MIN_WORDS = 4  # shorter quotes are scare quotes ("ruled out"), not statements worth matching

_AFTER = re.compile(
    rf"[\s,.;:]*(?:[—–-]\s*)?(?:(?P<who>[Hh]e|[Ss]he|{DESCRIPTOR}|{NAME_RUN}){APPOSITIVE}\s+{ADVERB}"
    rf"(?P<verb>{VERBS})\b|(?:said|says|added|asked|wrote|told|declared)\s+(?P<who2>{DESCRIPTOR}|{NAME_RUN})"
    rf"|according to (?P<who3>{NAME_RUN}))")
_ENDS_SENTENCE = re.compile(r"\s*(?:[.,;:!?]|$|(?:in|at|on|during|after|before|to|from|reporters|later|earlier|"
                            r"while|as|via|when)\b)")


@dataclass(frozen=True)
class Piece:
    """The inside of one pair of quotation marks: [start, end) of paragraph `paragraph`."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """One direct quotation (possibly running over paragraphs) and its speaker."""

    article: int
    pieces: tuple[Piece, ...]
    text: str
    words: tuple[Word, ...]
    speaker: Optional[str]  # speaker key (surname or descriptor), None when unknown
    speaker_name: str
    explicit: bool  # named (or described by title) in its own sentence, not a pronoun or a guess

    @property
    def position(self) -> tuple[int, int]:
        """(paragraph, start) of the first piece."""
        return self.pieces[0].paragraph, self.pieces[0].start


@dataclass
class _Raw:
    paragraph: int
    start: int
    end: int
    closed: bool
    who: str = ""
    who_pos: int = 0
    explicit: bool = False
    continues: bool = False


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the inside of every quotation in a paragraph; an unclosed one runs to the end."""
    out = []
    start = None
    for mark in _MARK_RE.finditer(text):
        i = mark.start()
        role = _role(text, i, start is not None)
        if role == "open":
            if start is not None:
                out.append((start, i, False))
            start = i + 1
        elif start is not None:
            out.append((start, i, True))
            start = None
    if start is not None:
        out.append((start, len(text), False))
    return [(s, e, closed) for s, e, closed in (_trim(text, s, e, c) for s, e, c in out) if e > s]


def _role(text: str, i: int, inside: bool) -> str:
    """Open or close, from the characters around the mark first (a stray ” opening a paragraph opens)."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left_open = prev.isspace() or prev in _LEFT_OPEN
    right_open = not nxt.isspace() and nxt not in _RIGHT_CLOSED
    if left_open and right_open:
        return "open"
    if not left_open and not right_open:
        return "close"
    if text[i] in _OPENERS:
        return "open"
    if text[i] in _CLOSERS:
        return "close"
    return "close" if inside else "open"


def _trim(text: str, s: int, e: int, closed: bool) -> tuple[int, int, bool]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e, closed


def story_paragraphs(article: Article) -> list[tuple[int, str]]:
    """(index, text) of the paragraphs the quote and name checks read: no title, no boilerplate."""
    return [(p.index, p.text) for p in article.paragraphs if not p.boilerplate and not p.is_title]


def article_quotes(article: Article, mentions: Optional[list[Mention]] = None) -> list[Quote]:
    """Every quotation of at least MIN_WORDS words in the article's story paragraphs, with its speaker."""
    paras = story_paragraphs(article)
    if mentions is None:
        mentions = article_mentions(paras)
    raws: list[_Raw] = []
    prev_open = False
    for p, text in paras:
        found = [_Raw(p, s, e, closed) for s, e, closed in quote_spans(text)]
        if found and prev_open and found[0].start <= 1:
            found[0].continues = True
        for r in found:
            _attribute(text, r)
        _share_within_paragraph(found)
        raws.extend(found)
        prev_open = bool(found) and not found[-1].closed and found[-1].end >= len(text) - 1
    return _assemble(article, paras, raws, mentions)


def _attribute(text: str, r: _Raw) -> None:
    """Find the speaker named right after the closing mark, or before the opening one in the same sentence."""
    if r.closed:
        close = r.end
        while close < len(text) and text[close] not in _MARKS:
            close += 1
        m = _AFTER.match(text, close + 1, min(len(text), close + 200))
        if m:
            who = m.group("who") or m.group("who2") or m.group("who3")
            inner = text[r.start:r.end].rstrip()
            if not (inner.endswith(".") and m.group("who") and not _ENDS_SENTENCE.match(text, m.end())):
                r.who, r.who_pos, r.explicit = who, m.start("who" if m.group("who") else
                                                             ("who2" if m.group("who2") else "who3")), True
                return
    # The speaker is in the quote's sentence, by spaCy's sentence boundaries; spaCy (0.7 s to import) is
    # asked only where the boundary is not plain (sentence_cut). Where no speech verb with a subject comes
    # before the quote, no speaker can, whatever the sentence: neither is asked.
    if not has_speaker_before(text, r.start - 1):
        return
    begin = sentence_begin(text, r.start)
    if begin is None:
        begin = sentence_start(text, r.start)
    found = speakers(text, begin, max(begin, r.start - 1))
    if found:
        r.who_pos, r.who = found[-1]
        r.explicit = True


def _share_within_paragraph(found: list[_Raw]) -> None:
    """'"A," he said. "B."': a quote with no speaker of its own takes its neighbour's in the paragraph."""
    for k, r in enumerate(found):
        if r.who:
            continue
        donors = [d for d in found[:k][::-1] if d.who] + [d for d in found[k + 1:] if d.who]
        if donors:
            r.who, r.who_pos, r.explicit = donors[0].who, donors[0].who_pos, donors[0].explicit


def _assemble(article: Article, paras, raws: list[_Raw], mentions: list[Mention]) -> list[Quote]:
    texts = dict(paras)
    groups: list[list[_Raw]] = []
    for r in raws:
        if r.continues and groups:
            groups[-1].append(r)
        else:
            groups.append([r])
    out = []
    prev_speaker: Optional[tuple[str, str]] = None
    prev_para = -1
    for g in groups:
        text = " ".join(texts[r.paragraph][r.start:r.end] for r in g)
        ws = _quote_words(text) if len(text.split()) >= MIN_WORDS else ()
        head = next((r for r in g if r.who), None)
        speaker, explicit = None, False
        if head is not None:
            speaker = resolve(head.who, head.paragraph, head.who_pos, mentions)
            explicit = head.explicit and head.who.strip().lower() not in PRONOUNS
            if is_descriptor(head.who) and (speaker is None or " " in speaker[0] or speaker[0] in ROLE_NOUNS):
                explicit = False  # "the French leader" matched to nobody: not a name to compare across articles
        elif g[0].paragraph == prev_para + 1 or g[0].paragraph == prev_para:
            speaker = prev_speaker or _subject_before(mentions, g[0].paragraph)
        else:
            speaker = _subject_before(mentions, g[0].paragraph)
        if speaker:
            prev_speaker = speaker
        prev_para = g[-1].paragraph
        if len(ws) < MIN_WORDS:
            continue
        out.append(Quote(article.index, tuple(Piece(r.paragraph, r.start, r.end) for r in g), text, ws,
                         speaker[0] if speaker else None, speaker[1] if speaker else "", explicit))
    return out


@lru_cache(maxsize=4096)
def _quote_words(text: str) -> tuple[Word, ...]:
    """words(text) as a tuple, remembered: hundreds of versions repeat the same quotations word for word."""
    return tuple(words(text))


def _subject_before(mentions: list[Mention], paragraph: int) -> Optional[tuple[str, str]]:
    """The last person named in the paragraph just before (an unattributed quote paragraph continues it)."""
    before = [m for m in mentions if m.paragraph == paragraph - 1 and m.person]
    return (before[-1].key, before[-1].display) if before else None
