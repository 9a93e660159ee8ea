"""Which article is most likely the source the others derive from, and where each shared paragraph came from."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable, Optional

from copydesk.core.findings.model import SourceScore
from copydesk.core.model import Comparison, ParaRef

if TYPE_CHECKING:
    import numpy as np

_AGENCIES = r"(?:AP|Associated Press|Reuters|AFP|Agence France-Presse|dpa|Bloomberg|UPI|ANSA|EFE|Xinhua|PA)"
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?\s*(?:\(" + _AGENCIES
                       + r"\))?\s*[—–]")
_CITES = re.compile(r"\baccording to (?:the )?" + _AGENCIES + r"\b|\b" + _AGENCIES
                    + r" contributed to this report", re.IGNORECASE)

# Coverage (how much of what the others share this article carries) is the strong signal: a rewrite cuts
# and adds, so the original carries most of what rewrites have in common. Containment (how much of this
# article the others carry) also rewards a rewrite that only cuts, hence its small weight.
WEIGHT_COVERAGE = 0.75
WEIGHT_CONTAINED = 0.1
CREDIT_DATELINE = 0.1  # "PARIS —": wire copy; an agency tag "(AP)" survives in reprints, so it earns nothing more
PENALTY_CITES = 0.1  # "according to AP", "Reuters contributed to this report": a rewrite naming its source


def source_scores(c: Comparison) -> tuple[SourceScore, ...]:
    """Every article scored in [0, 1], best first (ties by reading order of the folder)."""
    n = len(c.articles)
    masks, sizes, owners = _carried_spans(c)
    shared_any = [0] * n  # words of each article that some other article carries
    for b, size in zip(owners, sizes):
        shared_any[b] += size
    # carried[a]: words of the other articles that a carries (a mask never holds its own article's bit).
    carried_by = carried_per_article(masks, sizes, n)
    every = sum(shared_any)
    scores = []
    for a in range(n):
        carried = carried_by[a]
        total = every - shared_any[a]
        coverage = carried / total if total else 0.0
        # the words the others keep as they are (reworded content is not evidence of copying this text)
        contained = c.stats[a].shared_all + c.stats[a].shared_some if c.stats[a].words else 0.0
        score = WEIGHT_COVERAGE * coverage + WEIGHT_CONTAINED * contained + _credit(c, a)
        scores.append(SourceScore(a, round(max(0.0, min(1.0, score)), 4)))
    # an article with no story words (all boilerplate) cannot be anybody's source: rank it last
    return tuple(sorted(scores, key=lambda s: (c.stats[s.article].words == 0, -s.score, s.article)))


CHUNK = 16384
"""Masks taken at a time: bounds memory (about CHUNK x articles x 2 bytes) and how long numpy holds the GIL."""


def carried_per_article(masks: list[int], weights: list[int], n: int) -> list[int]:
    """For each of n articles, the summed weight of the masks with its bit set (masks[k] weighs weights[k]).

    With hundreds of versions a folder holds hundreds of thousands of spans, each carried by most
    articles: numpy cuts the masks into bytes and, per byte position, sums the weights per byte value
    (a weighted histogram eight times smaller than the bits, one bincount per position); each article's
    total is then read off the histogram of its byte (a bit unpacked per mask and summed took a third longer).
    """
    if n <= SMALL_FOLDER:
        return _carried_by_bits(zip(masks, weights), n)
    return _carried_by_bytes(((masks[k:k + CHUNK], weights[k:k + CHUNK]) for k in range(0, len(masks), CHUNK)), n)


def _carried_by_bytes(chunks: Iterable[tuple[list[int], list[int]]], n: int) -> list[int]:
    """carried_per_article's numpy way, over (masks, weights) chunks of at most CHUNK masks."""
    import numpy as np  # only for big folders: importing it costs a small folder's whole comparison

    width = (n + 7) // 8
    histogram = np.zeros((width, 256))  # float64 sums of integer weights: exact below 2**53
    for masks, weights in chunks:
        raw = b"".join([mask.to_bytes(width, "little") for mask in masks])
        values = np.frombuffer(raw, dtype=np.uint8).reshape(len(masks), width)
        weighted = np.array(weights, dtype=np.float64)
        for k in range(width):  # a column at a time: no index array as big as the chunk's bytes
            histogram[k] += np.bincount(values[:, k], weights=weighted, minlength=256)
    bits = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1, bitorder="little")  # value -> 8 bits
    totals = (histogram @ bits.astype(np.float64)).ravel()[:n]
    return [int(t) for t in totals]


SMALL_FOLDER = 64
"""Up to this many articles the set bits are summed in plain Python: few masks, few bits, no numpy import."""


def _carried_by_bits(pairs: Iterable[tuple[int, int]], n: int) -> list[int]:
    totals = [0] * n
    for mask, size in pairs:
        while mask:
            low = mask & -mask
            totals[low.bit_length() - 1] += size
            mask ^= low
    return totals


_WORD = re.compile(r"\S+")


def _carried_spans(c: Comparison) -> tuple[list[int], list[int], list[int]]:
    """(carrier masks, words, articles) of every carried span of a story paragraph, over all articles."""
    masks: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    owners: list[int] = []
    texts: list[str] = []  # per paragraph with carried spans: its text, and how many spans it has
    counts: list[int] = []
    for b, art in enumerate(c.articles):
        for p, para in enumerate(art.paragraphs):
            if para.boilerplate:
                continue
            spans = list(filter(_CARRIERS, c.spans[b][p]))  # the spans with carriers
            if spans:
                masks.extend(map(_CARRIERS, spans))
                starts.extend(map(_START, spans))
                ends.extend(map(_END, spans))
                owners.extend([b] * len(spans))
                texts.append(para.text)
                counts.append(len(spans))
    if len(c.articles) <= SMALL_FOLDER:
        bounds = zip(starts, ends)
        sizes = [len(_WORD.findall(text, start, end)) for text, count in zip(texts, counts)
                 for start, end in itertools.islice(bounds, count)]
    else:
        sizes = _count_words(texts, counts, starts, ends)
    return masks, sizes, owners


_CARRIERS, _START, _END = attrgetter("carriers"), attrgetter("start"), attrgetter("end")


def _count_words(texts: list[str], counts: list[int], starts: list[int], ends: list[int]) -> list[int]:
    """len(_WORD.findall(text, start, end)) for every span (counts[k] spans of texts[k], in order), in numpy.

    A big folder has a couple of hundred thousand carried spans: a regex scan and a list of words per
    span cost more than the rest of the ranking. Here the paragraphs are joined (a newline apart, a space
    to _WORD) and scanned once: a span counts the words starting inside it, plus one if it opens inside a word.
    """
    import numpy as np  # only for big folders: importing it costs a small folder's whole comparison

    offsets = np.cumsum([0] + [len(text) + 1 for text in texts[:-1]], dtype=np.int64)
    # a newline after every paragraph: an empty last one still has a position to look up
    points = np.frombuffer("".join(text + "\n" for text in texts).encode("utf-32-le"), dtype=np.uint32)
    spaces = _space_table()[np.minimum(points, _LAST_SPACE + 1)]
    word_start = ~spaces & np.concatenate(([True], spaces[:-1]))
    started = np.cumsum(word_start, dtype=np.int64)  # word starts at or before each position
    shift = np.repeat(offsets, counts)
    # findall clamps its window to the text
    limit = np.repeat(np.array([len(text) for text in texts], dtype=np.int64), counts)
    lows = np.clip(np.array(starts, dtype=np.int64), 0, limit)
    highs = np.clip(np.array(ends, dtype=np.int64), 0, limit)
    some = highs > lows
    first = np.where(some, lows, 0) + shift
    last = np.where(some, highs - 1, 0) + shift
    words = ~spaces[first] + started[last] - started[first]
    return np.where(some, words, 0).tolist()


@lru_cache(maxsize=1)
def _space_table() -> np.ndarray:
    """str.isspace (what _WORD's \\S excludes) by code point up to U+3001, which stands for all beyond:
    no whitespace lies beyond U+3000."""
    import numpy as np

    return np.array([chr(k).isspace() for k in range(_LAST_SPACE + 2)], dtype=bool)


_LAST_SPACE = 0x3000


def likely_original(c: Comparison) -> Optional[SourceScore]:
    """The best-ranked article, or None when nothing is shared (no article is a credible source)."""
    if not c.source_ranking or c.source_ranking[0].score <= 0 or not c.stats[c.source_ranking[0].article].words:
        return None
    return c.source_ranking[0]


def _credit(c: Comparison, a: int) -> float:
    """Wire copy opens with a dateline (PARIS (AP) —); a rewrite credits its source ('according to AP')."""
    paras = [p for p in c.articles[a].paragraphs if not p.is_title]
    story = [p for p in paras if not p.boilerplate]
    credit = 0.0
    lead = next((p.text for p in story[:3] if _DATELINE.match(p.text)), None)  # a second headline may come first
    if lead is not None:
        credit += CREDIT_DATELINE
    if any(_cites(p.text) for p in paras):
        credit -= PENALTY_CITES
    return credit


def _cites(text: str) -> bool:
    """_CITES.search(text), tried only where its words can be: a case-blind scan costs 20 times a lower()."""
    # Every match holds "ccord" (according to) or "report" (contributed to this report) in ASCII letters
    # that only their own two cases match, even case-blind; so lower() keeps them.
    lowered = text.lower()
    return ("ccord" in lowered or "report" in lowered) and _CITES.search(text) is not None


def paragraph_origins(c: Comparison, ranking: tuple[SourceScore, ...]) -> dict[ParaRef, ParaRef]:
    """For each shared paragraph, the paragraph of the best-ranked other article in its row it likely came from."""
    rank = {s.article: k for k, s in enumerate(ranking)}
    out: dict[ParaRef, ParaRef] = {}
    for group in c.groups:
        if len(group.articles()) < 2:
            continue
        origin_article = min(group.articles(), key=lambda a: (rank.get(a, len(rank)), a))
        candidates = [m for m in group.members if m[0] == origin_article]
        for ref in group.members:
            if ref[0] == origin_article:
                continue
            if len(candidates) == 1:  # most rows: no scores to weigh
                out[ref] = candidates[0]
                continue
            scores = dict(c.links_of(ref))
            out[ref] = max(candidates, key=lambda m: (scores.get(m, 0.0), -m[1]))
    return out
