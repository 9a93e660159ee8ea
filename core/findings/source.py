"""Which article is most likely the source the others derive from, and where each shared paragraph came from."""

from __future__ import annotations

import itertools
import re
from typing import Iterable, Iterator, Mapping, Optional, Union

from copydesk.core.findings.model import SourceScore
from copydesk.core.model import Comparison, ParaRef

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
    shared_any = [0] * n  # words of each article that some other article carries

    def carried_spans() -> Iterator[tuple[int, int]]:
        """(carrier mask, words) of every carried span of a story paragraph, over all articles."""
        for b, art in enumerate(c.articles):
            for p, para in enumerate(art.paragraphs):
                if para.boilerplate:
                    continue
                text = para.text
                for span in c.spans[b][p]:
                    if span.carriers:
                        size = len(_WORD.findall(text, span.start, span.end))
                        shared_any[b] += size
                        yield span.carriers, size

    # carried[a]: words of the other articles that a carries (a mask never holds its own article's bit).
    carried_by = carried_per_article(carried_spans(), n)
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


CHUNK = 2048
"""Masks unpacked to bits at a time: bounds memory (CHUNK x articles bytes) and how long numpy holds the GIL."""


def carried_per_article(masks: Union[Mapping[int, int], Iterable[tuple[int, int]]], n: int) -> list[int]:
    """For each of n articles, the summed weight of the masks with its bit set; masks: {mask: weight} or pairs.

    With hundreds of versions a folder holds hundreds of thousands of spans, each carried by most
    articles: numpy unpacks their masks to bits a chunk at a time and sums each column per distinct
    weight (an integer sum over bytes, about a nanosecond a bit; an integer matrix product took six).
    """
    pairs = iter(masks.items() if isinstance(masks, Mapping) else masks)
    if n <= SMALL_FOLDER:
        return _carried_by_bits(pairs, n)
    import numpy as np  # only for big folders: importing it costs a small folder's whole comparison

    totals = np.zeros(n, dtype=np.int64)
    width = (n + 7) // 8
    while True:
        chunk = list(itertools.islice(pairs, CHUNK))
        if not chunk:
            break
        chunk.sort(key=lambda item: item[1])
        raw = b"".join(mask.to_bytes(width, "little") for mask, _size in chunk)
        bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8).reshape(len(chunk), width), axis=1,
                             bitorder="little")[:, :n]
        sizes = np.fromiter((size for _mask, size in chunk), dtype=np.int64, count=len(chunk))
        starts = np.flatnonzero(np.diff(sizes, prepend=-1))
        for begin, end in zip(starts, list(starts[1:]) + [len(chunk)]):
            totals += int(sizes[begin]) * bits[begin:end].sum(axis=0, dtype=np.int64)
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
    if any(_CITES.search(p.text) for p in paras):
        credit -= PENALTY_CITES
    return credit


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
            scores = dict(c.links_of(ref))
            out[ref] = max(candidates, key=lambda m: (scores.get(m, 0.0), -m[1]))
    return out
