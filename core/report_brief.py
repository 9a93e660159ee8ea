"""The brief of an exported report: statistics, likely original, what each version adds and cuts, findings.

Everything here is computed for the articles printed: a subset (--articles) gets its own shares, its
own likely original and its own adds/cuts, so the brief never contradicts the highlighted pages; a
finding that involves a version left out is flagged as such.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Optional

from copydesk.core.findings.source import likely_original, source_scores
from copydesk.core.highlight import ALL, BOILERPLATE, PLAIN, SOME, UNIQUE, paragraph_runs
from copydesk.core.model import Comparison, ParaRef, mask_of
from copydesk.core.review import verdict_label
from copydesk.core.tokens import tokenize

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
REWORDED = "reworded"
"""The kind core.highlight gives content other versions carry in other words (counted once it exists)."""


@dataclass(frozen=True)
class Shares:
    """An article's story words and the share of them in each highlight kind, for the articles printed."""

    words: int = 0
    shared_all: float = 0.0
    shared_some: float = 0.0
    reworded: float = 0.0
    unique: float = 0.0


@dataclass(frozen=True)
class ArticleLine:
    """One article in the brief and the statistics table."""

    number: int  # 1-based, as the app and --articles count
    title: str
    file: str
    words: int
    shared_all: float
    shared_some: float
    unique: float
    shown: bool
    changes: str = ""  # what it adds and cuts, in words ("" when nothing is known)
    label: str = ""  # '#3 Headline…', how the article is named everywhere
    reworded: float = 0.0
    adds: int = 0  # story paragraphs no other printed version carries
    cuts: int = 0  # paragraphs of the likely original it lacks
    is_original: bool = False


@dataclass(frozen=True)
class FindingLine:
    """One editorial finding, numbered as its margin marks in the body ('F3')."""

    severity: str
    kind: str
    message: str
    verdict_label: str = ""
    number: int = 0
    where: tuple[ParaRef, ...] = ()  # the printed paragraphs it concerns, first one first
    left_out: tuple[int, ...] = ()  # 1-based numbers of versions it involves that are not printed
    key: str = ""

    @property
    def place(self) -> str:
        """'Article 3 ¶4' for its first printed paragraph ('' when none is printed)."""
        return where(self.where[0]) if self.where else ""


def where(ref: ParaRef) -> str:
    """'Article 3 ¶4' for a paragraph reference."""
    return f"Article {ref[0] + 1} ¶{ref[1] + 1}"


def shares(c: Comparison, inc: frozenset[int]) -> dict[int, Shares]:
    """Each printed article's story words by highlight kind, relative to the printed articles only.

    Counted from the very runs the pages mark (core.highlight), so the table and the marks agree; for
    every article it matches the comparison's own statistics.
    """
    out: dict[int, Shares] = {}
    for a in sorted(inc):
        counts: dict[str, int] = {}
        for p, para in enumerate(c.articles[a].paragraphs):
            if para.boilerplate:
                continue
            runs = paragraph_runs(c, (a, p), inc)
            k = 0
            for tok in tokenize(para.text):
                while k + 1 < len(runs) and runs[k].end <= tok.start:
                    k += 1
                kind = runs[k].kind if runs else PLAIN
                if kind in (PLAIN, BOILERPLATE):  # an engine gap or a lone version: nobody else carries it
                    kind = UNIQUE if len(inc) > 1 else ALL
                counts[kind] = counts.get(kind, 0) + 1
        total = sum(counts.values())
        if total:
            share = {k: round(n / total, 4) for k, n in counts.items()}
            out[a] = Shares(total, share.get(ALL, 0.0), share.get(SOME, 0.0), share.get(REWORDED, 0.0),
                            share.get(UNIQUE, 0.0))
        else:
            out[a] = Shares()
    return out


def ranking(c: Comparison, inc: frozenset[int]) -> tuple[Any, ...]:
    """Source scores of the printed articles, best first, as if only they had been compared.

    Empty when the editorial checks did not run (no ranking to narrow down).
    """
    if not c.source_ranking:
        return ()
    if len(inc) == len(c.articles):
        return tuple(c.source_ranking)
    keep = mask_of(inc)

    def narrow(span: Any) -> Any:
        extra = {"reworded": span.reworded & keep} if hasattr(span, "reworded") else {}
        return dataclasses.replace(span, carriers=span.carriers & keep, **extra)

    spans = tuple(tuple(tuple(narrow(s) for s in para) if a in inc else () for para in article)
                  for a, article in enumerate(c.spans))
    # articles left out carry nothing and have no words: they rank last and are dropped below
    stats = tuple(st if a in inc else dataclasses.replace(st, words=0) for a, st in enumerate(c.stats))
    narrowed = dataclasses.replace(c, spans=spans, stats=stats)
    return tuple(s for s in source_scores(narrowed) if s.article in inc)


def original_of(c: Comparison, scores: tuple[Any, ...]) -> Optional[int]:
    """The likely original among the scored articles, or None (see core.findings.source.likely_original)."""
    best = likely_original(dataclasses.replace(c, source_ranking=scores)) if scores else None
    return best.article if best is not None else None


def article_lines(c: Comparison, inc: frozenset[int], original: Optional[int]) -> tuple[ArticleLine, ...]:
    """Every article of the folder, with shares, adds and cuts computed for the printed ones."""
    counted = shares(c, inc)
    full = len(inc) == len(c.articles)
    summaries = {getattr(d, "article", -1): getattr(d, "summary", "") for d in c.deltas} if full else {}
    lines = []
    for a, art in enumerate(c.articles):
        s = counted.get(a) or Shares(c.stats[a].words, c.stats[a].shared_all, c.stats[a].shared_some,
                                     getattr(c.stats[a], "reworded", 0.0), c.stats[a].unique)
        adds = cuts = 0
        text = ""
        if a in inc:
            adds = len(_added(c, a, inc))
            cuts = len(_cut(c, a, original)) if original is not None and a != original else 0
            text = summaries.get(a) or _changes(c, a, original, adds, cuts)
        lines.append(ArticleLine(a + 1, art.title, art.path, s.words, s.shared_all, s.shared_some, s.unique,
                                 a in inc, text, art.label(), s.reworded, adds, cuts, a == original))
    return tuple(lines)


def _story(c: Comparison, a: int) -> list[ParaRef]:
    return [(a, p.index) for p in c.articles[a].paragraphs if not p.boilerplate and not p.is_title]


def _added(c: Comparison, a: int, inc: frozenset[int]) -> list[ParaRef]:
    """Story paragraphs of a that no other printed article is linked to."""
    return [r for r in _story(c, a) if not any(o[0] in inc and o[0] != a for o, _ in c.links_of(r))]


def _cut(c: Comparison, a: int, original: int) -> list[ParaRef]:
    """Story paragraphs of the original that article a has no paragraph linked to."""
    return [r for r in _story(c, original) if not any(o[0] == a for o, _ in c.links_of(r))]


def _changes(c: Comparison, a: int, original: Optional[int], adds: int, cuts: int) -> str:
    own = f"{adds} paragraph{'s' if adds != 1 else ''}"
    if original is None:
        return f"adds {own} no other printed version carries" if adds else ""
    if a == original:
        return "likely original" + (f"; {own} no other printed version carries" if adds else "")
    parts = [f"adds {own}" if adds else "adds nothing of its own",
             f"cuts {cuts} of the original's paragraphs" if cuts else "keeps every paragraph of the original"]
    return "; ".join(parts)


def finding_lines(c: Comparison, inc: frozenset[int], review: Any) -> tuple[FindingLine, ...]:
    """The findings by severity, numbered F1…; each with the printed paragraphs it concerns and any versions left out."""
    lines = []
    ordered = sorted(c.findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    for n, f in enumerate(ordered, start=1):
        verdict = review.get(f.key).verdict if review is not None else ""
        refs = tuple(dict.fromkeys((o.article, o.paragraph) for o in f.occurrences))
        left = tuple(sorted({r[0] + 1 for r in refs if r[0] not in inc}))
        lines.append(FindingLine(f.severity, f.kind, f.message, verdict_label(verdict) if verdict else "", n,
                                 tuple(r for r in refs if r[0] in inc), left, getattr(f, "key", "")))
    return tuple(lines)
