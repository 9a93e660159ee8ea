"""What an exported report shows, page by page, as plain data (the PDF renderer only draws it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Optional, Sequence

from copydesk.core.differences import find_differences
from copydesk.core.highlight import LEGEND, KindInfo, Run, paragraph_runs
from copydesk.core.layout import columns_for, layout_rows
from copydesk.core.findings.source import likely_original
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.review import progress_words, verdict_label

LAYOUTS = ("side-by-side", "stacked")
MAX_SIDE_BY_SIDE = 6
"""Beyond this many columns a landscape page is no longer readable: the report falls back to stacked."""

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


class ReportError(ValueError):
    """The report cannot be built as asked (e.g. an article number that does not exist)."""


@dataclass(frozen=True)
class Block:
    """One paragraph as printed: its highlighted runs and the numbers of the review notes about it."""

    ref: ParaRef
    number: int  # 1-based paragraph number within its article
    runs: tuple[Run, ...]
    is_title: bool = False
    boilerplate: bool = False
    boilerplate_reason: str = ""
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    """One side-by-side row: for each column, the paragraphs of that article in this row."""

    cells: tuple[tuple[Block, ...], ...]
    extra: bool = False  # boilerplate / unaligned paragraphs placed after the row they follow


@dataclass(frozen=True)
class Note:
    """A review verdict or note, numbered in the order it first appears in the report."""

    number: int
    verdict: str  # verdict id ("" when only a note)
    verdict_label: str
    note: str
    subject: str  # the difference label or the finding message
    where: tuple[ParaRef, ...]
    shown: bool  # False when none of its paragraphs is in the exported articles


@dataclass(frozen=True)
class ArticleLine:
    """One article in the summary table."""

    number: int  # 1-based, as the app and --articles count
    title: str
    file: str
    words: int
    shared_all: float
    shared_some: float
    unique: float
    shown: bool
    changes: str = ""  # what it adds and cuts, when the checks computed it


@dataclass(frozen=True)
class FindingLine:
    """One editorial finding for the summary page."""

    severity: str
    kind: str
    message: str
    verdict_label: str = ""


@dataclass(frozen=True)
class Summary:
    """Everything on the first page."""

    folder: str
    folder_name: str
    date: str
    articles: tuple[ArticleLine, ...]
    legend: tuple[KindInfo, ...]
    layout_notes: tuple[str, ...]
    review: str  # review progress in words ("" when nothing can be reviewed)
    findings: tuple[FindingLine, ...]
    likely_original: str  # "" when the checks ranked nothing
    ranking: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """A whole export: summary, body in one layout, and the list of verdicts and notes."""

    summary: Summary
    layout: str
    columns: tuple[int, ...]  # article indices shown, in column / section order
    rows: tuple[Row, ...]  # side-by-side body
    sections: tuple[tuple[Block, ...], ...]  # stacked body, one per column
    notes: tuple[Note, ...]


def parse_articles(spec: str, count: Optional[int] = None) -> tuple[int, ...]:
    """'1-3,5' (1-based, as shown to users) -> (0, 1, 2, 4); raise ReportError with a readable reason.

    Items are numbers or ranges a-b (a <= b), separated by commas; spaces are ignored, empty items
    ('1,,2', a trailing comma) are refused since they are usually a number typed by half.
    With count None only the syntax is checked (before the folder has been read).
    """
    # Without a count any number would pass: a ceiling far above any real folder keeps a typo such as
    # 1-99999999999 from building a huge tuple (and int() from meeting Python's digit limit).
    ceiling = count if count is not None else 100_000
    chosen: dict[int, None] = {}  # insertion-ordered set: the user's order, repeats dropped
    for part in "".join(spec.split()).split(","):
        if not part:
            raise ReportError(f"--articles: {spec.strip()!r} has an empty item (a doubled, leading or trailing "
                              f"comma); use e.g. 1-3,5")
        first, dash, last = part.partition("-")
        ends = [first, last] if dash else [first]
        if not all(e.isascii() and e.isdigit() for e in ends):
            raise ReportError(f"--articles: {part!r} is not an article number or range (use e.g. 1-3,5)")
        for e in ends:
            digits = e.lstrip("0") or "0"
            n = int(digits) if len(digits) <= 9 else ceiling + 1  # more digits than any folder has articles
            shown = digits if len(digits) <= 12 else digits[:12] + "…"
            if n < 1 and count is None:
                raise ReportError(f"--articles: article numbers start at 1, got {n}")
            if n < 1 or n > ceiling:
                if count is None:
                    raise ReportError(f"--articles: {shown} is too large for an article number")
                raise ReportError(f"--articles: there is no article {shown}; the folder has articles 1 to {count}")
        lo, hi = int(first), int(ends[-1])  # both short now: longer ones were refused above
        if lo > hi:
            raise ReportError(f"--articles: the range {part!r} runs backwards; write {hi}-{lo}")
        chosen.update(dict.fromkeys(range(lo - 1, hi)))
    if len(chosen) < 2:
        raise ReportError("--articles: choose at least two articles to compare")
    return tuple(chosen)


def build_report(c: Comparison, layout: str = "side-by-side", articles: Optional[Sequence[int]] = None,
                 review: Any = None, now: Optional[datetime] = None, reference: Optional[int] = None) -> Report:
    """The report of c: articles are 0-based indices in display order (None = all), review a ReviewState.

    reference is the article whose order the rows follow and which leads the columns, as in the
    app (core.layout); None or an article not exported: the first exported one.
    """
    if layout not in LAYOUTS:
        raise ReportError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    columns = columns_for(c, reference, _columns(c, articles))
    notes_text: list[str] = []
    if layout == "side-by-side" and len(columns) > MAX_SIDE_BY_SIDE:
        layout = "stacked"
        notes_text.append(f"{len(columns)} articles are too many to read side by side, so they are printed "
                          f"one after another. Choose up to {MAX_SIDE_BY_SIDE} articles for the "
                          f"side-by-side layout.")
    if len(columns) < len(c.articles):
        shown = ", ".join(str(a + 1) for a in columns)
        notes_text.append(f"Showing articles {shown} of {len(c.articles)}; highlights compare the articles "
                          f"shown only.")
    inc = frozenset(columns)
    rows: tuple[Row, ...] = ()
    sections: tuple[tuple[Block, ...], ...] = ()
    if layout == "side-by-side":
        rows = _side_by_side(c, columns, inc)
        order = [b.ref for row in rows for cell in row.cells for b in cell]
    else:
        sections = _stacked(c, columns, inc)
        order = [b.ref for section in sections for b in section]
    differences, review_line, review = _review_items(c, inc, review)
    notes = _number_notes(_raw_notes(c, differences, review), order)
    rows, sections = _attach_notes(rows, sections, notes)
    summary = Summary(
        folder=c.folder if c.folder.startswith("<") else os.path.abspath(c.folder), folder_name=os.path.basename(os.path.normpath(c.folder)) or c.folder,
        date=(now or datetime.now()).strftime("%d %B %Y, %H:%M").lstrip("0"),
        articles=_article_lines(c, inc), legend=LEGEND, layout_notes=tuple(notes_text), review=review_line,
        findings=_finding_lines(c, review), likely_original=_likely_original(c), ranking=_ranking(c))
    return Report(summary, layout, columns, rows, sections, notes)


def _columns(c: Comparison, articles: Optional[Sequence[int]]) -> tuple[int, ...]:
    if articles is None:
        return tuple(range(len(c.articles)))
    chosen: list[int] = []
    for a in articles:
        if not 0 <= a < len(c.articles):
            raise ReportError(f"there is no article {a + 1}; the comparison has {len(c.articles)}")
        if a not in chosen:
            chosen.append(a)
    if len(chosen) < 2:
        raise ReportError("choose at least two articles to compare")
    return tuple(chosen)


def _block(c: Comparison, ref: ParaRef, inc: frozenset[int]) -> Block:
    para = c.paragraph(ref)
    return Block(ref, ref[1] + 1, paragraph_runs(c, ref, inc), para.is_title, para.boilerplate,
                 para.boilerplate_reason)


def _side_by_side(c: Comparison, columns: tuple[int, ...], inc: frozenset[int]) -> tuple[Row, ...]:
    """The app's rows (core.layout) with each paragraph as a printed block."""
    return tuple(Row(tuple(tuple(_block(c, ref, inc) for ref in cell) for cell in row.cells), extra=row.group is None)
                 for row in layout_rows(c, columns[0], columns).rows)


def _stacked(c: Comparison, columns: tuple[int, ...], inc: frozenset[int]) -> tuple[tuple[Block, ...], ...]:
    return tuple(tuple(_block(c, (a, p), inc) for p in range(len(c.articles[a].paragraphs))) for a in columns)


def _review_items(c: Comparison, inc: frozenset[int], review: Any) -> tuple[tuple, str, Any]:
    """The differences marks can be keyed by, the review progress in words, and the marks carried over."""
    everything = find_differences(c)
    if review is not None:  # marks saved before a file changed (e.g. a command-line export) follow their rows
        review = review.follow((d.key, d.fingerprints) for d in everything)
    differences = list(everything)
    if len(inc) < len(c.articles):  # marks made while only these articles were compared
        known = {d.key for d in everything}
        differences += [d for d in find_differences(c, inc) if d.key not in known]
    keys = [d.key for d in everything] + [f.key for f in c.findings]
    if not keys:
        return tuple(differences), "Nothing to review: the versions do not differ.", review
    words = progress_words(review, (d.key for d in everything), (f.key for f in c.findings))
    if review is None:
        return tuple(differences), f"Not reviewed yet: {words}.", review
    line = f"{words}."
    counts = review.verdict_counts(keys)
    if counts:
        ordered = sorted(counts.items(), key=lambda item: _VERDICT_ORDER.get(item[0], len(_VERDICT_ORDER)))
        line += " Verdicts: " + ", ".join(f"{n} {verdict_label(v)}" for v, n in ordered) + "."
    return tuple(differences), line, review


_VERDICT_ORDER = {v: i for i, v in enumerate(("ok", "error", "check", "legal"))}


def _raw_notes(c: Comparison, differences: tuple, review: Any) -> list[Note]:
    """Notes for every difference or finding whose mark has a verdict or a note (numbers come later)."""
    if review is None:
        return []
    notes = []
    items = [(d.key, d.label, tuple(d.refs)) for d in differences]
    items += [(f.key, f.message, tuple(dict.fromkeys((o.article, o.paragraph) for o in f.occurrences)))
              for f in c.findings]
    for key, subject, refs in items:
        mark = review.get(key)
        if mark.verdict or mark.note.strip():
            notes.append(Note(0, mark.verdict, verdict_label(mark.verdict), mark.note.strip(), subject, refs,
                              False))
    return notes


def _number_notes(notes: list[Note], order: list[ParaRef]) -> tuple[Note, ...]:
    """Number notes in the order their first paragraph appears; notes about hidden paragraphs go last."""
    position = {ref: i for i, ref in enumerate(order)}
    unplaced = len(order)

    def first(note: Note) -> int:
        return min((position[r] for r in note.where if r in position), default=unplaced)

    ordered = sorted(notes, key=first)
    return tuple(replace(n, number=i + 1, shown=first(n) < unplaced) for i, n in enumerate(ordered))


def _attach_notes(rows: tuple[Row, ...], sections: tuple, notes: tuple[Note, ...]) -> tuple[tuple, tuple]:
    """Put each shown note's number on the first printed paragraph it concerns."""
    anchors: dict[ParaRef, list[int]] = {}
    blocks = [b for row in rows for cell in row.cells for b in cell] + [b for s in sections for b in s]
    order = {b.ref: i for i, b in enumerate(blocks)}
    for note in notes:
        placed = [r for r in note.where if r in order]
        if placed:
            anchors.setdefault(min(placed, key=order.__getitem__), []).append(note.number)
    def tag(b: Block) -> Block:
        return replace(b, notes=tuple(anchors[b.ref])) if b.ref in anchors else b

    rows = tuple(Row(tuple(tuple(tag(b) for b in cell) for cell in row.cells), row.extra) for row in rows)
    sections = tuple(tuple(tag(b) for b in s) for s in sections)
    return rows, sections


def _article_lines(c: Comparison, inc: frozenset[int]) -> tuple[ArticleLine, ...]:
    changes = {getattr(d, "article", -1): getattr(d, "summary", "") for d in c.deltas}
    return tuple(ArticleLine(a + 1, art.title, art.path, c.stats[a].words, c.stats[a].shared_all,
                             c.stats[a].shared_some, c.stats[a].unique, a in inc, changes.get(a, ""))
                 for a, art in enumerate(c.articles))


def _finding_lines(c: Comparison, review: Any) -> tuple[FindingLine, ...]:
    lines = []
    for f in sorted(c.findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3)):
        verdict = review.get(f.key).verdict if review is not None else ""
        lines.append(FindingLine(f.severity, f.kind, f.message, verdict_label(verdict) if verdict else ""))
    return tuple(lines)


def _likely_original(c: Comparison) -> str:
    best = likely_original(c)
    if best is None:
        return ""
    art = c.articles[best.article]
    return f"{art.number} “{art.title}” ({art.name})"


def _ranking(c: Comparison) -> tuple[str, ...]:
    return tuple(f"{s.article + 1}. {c.articles[s.article].title} — score {s.score:.2f}"
                 for s in c.source_ranking)
