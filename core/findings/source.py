"""Which article is most likely the source the others derive from, and where each shared paragraph came from."""

from __future__ import annotations

import re
from typing import Optional

import numpy as np

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
    by_mask: dict[int, int] = {}  # carrier mask -> words with exactly those carriers, over all articles
    for b, art in enumerate(c.articles):
        for p, para in enumerate(art.paragraphs):
            if para.boilerplate:
                continue
            for span in c.spans[b][p]:
                if not span.carriers:
                    continue
                size = _words(para.text, span.start, span.end)
                shared_any[b] += size
                by_mask[span.carriers] = by_mask.get(span.carriers, 0) + size
    # carried[a]: words of the other articles that a carries (a mask never holds its own article's bit).
    carried_by = carried_per_article(by_mask, n)
    every = sum(shared_any)
    scores = []
    for a in range(n):
        carried = carried_by[a]
        total = every - shared_any[a]
        coverage = carried / total if total else 0.0
        contained = 1.0 - c.stats[a].unique if c.stats[a].words else 0.0
        score = WEIGHT_COVERAGE * coverage + WEIGHT_CONTAINED * contained + _credit(c, a)
        scores.append(SourceScore(a, round(max(0.0, min(1.0, score)), 4)))
    # an article with no story words (all boilerplate) cannot be anybody's source: rank it last
    return tuple(sorted(scores, key=lambda s: (c.stats[s.article].words == 0, -s.score, s.article)))


CHUNK = 4096
"""Masks unpacked to bits at a time: bounds the memory of carried_per_article (CHUNK x articles bytes)."""


def carried_per_article(by_mask: dict[int, int], n: int) -> list[int]:
    """For each of n articles, the summed weight of the masks with its bit set.

    With hundreds of versions a folder holds hundreds of thousands of distinct masks, each carried by
    most articles: numpy unpacks them to bits a chunk at a time and sums the weights per column, where a
    Python loop over every set bit took seconds.
    """
    totals = np.zeros(n, dtype=np.int64)
    width = (n + 7) // 8
    items = list(by_mask.items())
    for at in range(0, len(items), CHUNK):
        chunk = items[at:at + CHUNK]
        raw = b"".join(mask.to_bytes(width, "little") for mask, _size in chunk)
        bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8).reshape(len(chunk), width), axis=1,
                             bitorder="little")[:, :n]
        totals += np.array([size for _mask, size in chunk], dtype=np.int64) @ bits
    return [int(t) for t in totals]


def _words(text: str, start: int, end: int) -> int:
    """Whitespace-separated words in text[start:end] (as str.split counts them), without copying the slice."""
    return len(_WORD.findall(text, start, end))


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
