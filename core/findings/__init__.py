"""Editorial checks no comparison tool has: quotes, numbers, names, likely original, what each version adds or cuts."""

from __future__ import annotations

import dataclasses
import logging
from typing import Callable, Optional

from copydesk.core.findings.added_cut import article_deltas
from copydesk.core.findings.model import ArticleDelta, Finding, Occurrence, SourceScore, severity_rank
from copydesk.core.findings.names import name_findings
from copydesk.core.findings.numbers import number_findings
from copydesk.core.findings.persons import article_mentions
from copydesk.core.findings.quote_checks import quote_findings
from copydesk.core.findings.quotes import article_quotes, story_paragraphs
from copydesk.core.findings.source import source_scores
from copydesk.core.model import Comparison
from copydesk.core.tasks import CancelToken, checkpoint

__all__ = ["run_checks", "Finding", "Occurrence", "SourceScore", "ArticleDelta"]

log = logging.getLogger(__name__)


def run_checks(c: Comparison, cancel: Optional[CancelToken] = None) -> Comparison:
    """The comparison with findings (most severe first), source ranking and per-article deltas filled in."""

    ranking = source_scores(c)
    rank = {s.article: k for k, s in enumerate(ranking)}
    quotes, mentions = [], {}
    for article in c.articles:
        checkpoint(cancel)
        mentions[article.index] = article_mentions(story_paragraphs(article))
        quotes.extend(article_quotes(article, mentions[article.index]))
    findings: list[Finding] = []
    for check in (lambda: quote_findings(c, quotes, rank), lambda: number_findings(c),
                  lambda: name_findings(c, mentions)):
        checkpoint(cancel)
        findings += _guarded(check, [])
    deltas = _guarded(lambda: article_deltas(c, ranking, quotes), ())
    findings.sort(key=_order)
    return dataclasses.replace(c, findings=tuple(_unique(findings)), source_ranking=ranking, deltas=deltas)


def _guarded(check: Callable, fallback):
    """One check failing on odd input must not cost the editor the comparison: log it, keep the others."""
    try:
        return check()
    except Exception:  # noqa: BLE001 - any bug in one heuristic check is contained here
        log.exception("editorial check failed")
        return fallback


def _order(f: Finding):
    first = f.occurrences[0] if f.occurrences else Occurrence(0, 0, 0, 0)
    return severity_rank(f.severity), first.article, first.paragraph, first.start, f.kind, f.message


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per key: two checks reaching the same words say it once."""
    seen, out = set(), []
    for f in findings:
        if f.key not in seen:
            seen.add(f.key)
            out.append(f)
    return out
