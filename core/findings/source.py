"""Which article is most likely the source the others derive from, and where each shared paragraph came from."""

from __future__ import annotations

import re
from typing import Optional

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
    shared_by = [[0] * n for _ in range(n)]  # shared_by[b][a]: words of b carried by a
    shared_any = [0] * n
    for b, art in enumerate(c.articles):
        for p, para in enumerate(art.paragraphs):
            if para.boilerplate:
                continue
            for span in c.spans[b][p]:
                if not span.shared_with:
                    continue
                size = len(para.text[span.start:span.end].split())
                shared_any[b] += size
                for a in span.shared_with:
                    shared_by[b][a] += size
    scores = []
    for a in range(n):
        carried = sum(shared_by[b][a] for b in range(n) if b != a)
        total = sum(shared_any[b] for b in range(n) if b != a)
        coverage = carried / total if total else 0.0
        contained = 1.0 - c.stats[a].unique if c.stats[a].words else 0.0
        score = WEIGHT_COVERAGE * coverage + WEIGHT_CONTAINED * contained + _credit(c, a)
        scores.append(SourceScore(a, round(max(0.0, min(1.0, score)), 4)))
    # an article with no story words (all boilerplate) cannot be anybody's source: rank it last
    return tuple(sorted(scores, key=lambda s: (c.stats[s.article].words == 0, -s.score, s.article)))


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
