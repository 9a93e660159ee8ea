"""Editorial checks no comparison tool has: quotes, numbers, names, likely original, what each version adds or cuts."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
from typing import Callable, Iterator, Optional, TypeVar

from copydesk.core.findings.added_cut import article_deltas
from copydesk.core.findings.model import ArticleDelta, Finding, Occurrence, SourceScore, severity_rank
from copydesk.core.findings.names import name_findings
from copydesk.core.findings.numbers import number_findings
from copydesk.core.findings.persons import Mention, article_mentions
from copydesk.core.findings.quote_checks import quote_findings
from copydesk.core.findings.quotes import Quote, article_quotes, story_paragraphs
from copydesk.core.findings.source import source_scores
from copydesk.core.model import Comparison
from copydesk.core.tasks import Cancelled, CancelToken, checkpoint

__all__ = ["run_checks", "Finding", "Occurrence", "SourceScore", "ArticleDelta"]

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_ERROR_CHARS = 300  # an exception message can quote a whole paragraph; the editor needs its gist


def run_checks(c: Comparison, cancel: Optional[CancelToken] = None) -> Comparison:
    """The comparison with findings (most severe first), source ranking, per-article deltas and check errors."""
    with _heap_frozen():
        return _run_checks(c, cancel)


@contextlib.contextmanager
def _heap_frozen() -> Iterator[None]:
    """Collections during the checks skip what existed before them (gc.freeze), and see it again after.

    The comparison of a big folder is hundreds of thousands of long-lived objects with no garbage among
    them; every full collection the checks' allocations trigger would walk them all again (0.2 s of 2 s
    at 500 versions). Only when to collect changes: the checks' own garbage is collected as usual. A caller
    that keeps its heap frozen (the app, gui/session.py) finds it frozen still, with the result added.
    """
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def _run_checks(c: Comparison, cancel: Optional[CancelToken]) -> Comparison:
    guard = _Guard()
    ranking: tuple[SourceScore, ...] = guard.run("source ranking", lambda: source_scores(c), ())
    rank = {s.article: k for k, s in enumerate(ranking)}
    quotes: list[Quote] = []
    mentions: dict[int, list[Mention]] = {}
    for article in c.articles:
        checkpoint(cancel)
        found: list[Mention] = guard.run(f"people named in {article.number} ({article.name})",
                                         lambda: article_mentions(story_paragraphs(article)), [])
        mentions[article.index] = found
        quotes.extend(guard.run(f"quotes in {article.number} ({article.name})", lambda: article_quotes(article, found), []))
    findings: list[Finding] = []
    for name, check in (("quotes", lambda: quote_findings(c, quotes, rank)), ("numbers", lambda: number_findings(c)),
                        ("names", lambda: name_findings(c, mentions))):
        checkpoint(cancel)
        findings += guard.run(name, check, [])
    deltas: tuple[ArticleDelta, ...] = guard.run("added and cut", lambda: article_deltas(c, ranking, quotes), ())
    findings.sort(key=_order)
    return dataclasses.replace(c, findings=tuple(_unique(findings)), source_ranking=ranking, deltas=deltas,
                               check_errors=tuple(guard.errors), checks_ran=True)


class _Guard:
    """Runs each check so that one failing on odd input costs the editor only that check, and says so."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def run(self, name: str, check: Callable[[], T], fallback: T) -> T:
        """check(), or fallback after recording 'name: ExceptionType: message' in errors."""
        try:
            return check()
        except Cancelled:
            raise  # the user stopped the work: not a failed check
        except Exception as exc:  # noqa: BLE001 - any bug in one heuristic check is contained and reported here
            log.exception("editorial check %s failed", name)
            message = " ".join(str(exc).split())
            if len(message) > MAX_ERROR_CHARS:
                message = message[:MAX_ERROR_CHARS - 1] + "…"
            self.errors.append(f"{name}: {type(exc).__name__}: {message}" if message else
                               f"{name}: {type(exc).__name__}")
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
