"""What an exported report shows, page by page, as plain data (the PDF renderer only draws it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Optional, Sequence

from copydesk.core.differences import find_differences
from copydesk.core.findings.source import likely_original
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.review import progress_words, verdict_label

LAYOUTS = ("side-by-side", "stacked")
MAX_SIDE_BY_SIDE = 6
"""Beyond this many columns a landscape page is no longer readable: the report falls back to stacked."""

KIND_ALL, KIND_SOME, KIND_UNIQUE, KIND_BOILER, KIND_PLAIN = "all", "some", "unique", "boilerplate", "plain"

LEGEND: tuple[tuple[str, str, str], ...] = (
    (KIND_ALL, "Shared by all", "blue background: every version shown carries these words"),
    (KIND_SOME, "Shared by some", "light blue with a dotted underline; the darker, the more versions"),
    (KIND_UNIQUE, "Unique", "orange with a solid underline: only this version has these words"),
    (KIND_BOILER, "Boilerplate", "grey italics: captions, bylines, links; left out of the comparison"),
)
"""(highlight kind, label, cue) in the order the legend lists them; labels match the app's legend."""

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


class ReportError(ValueError):
    """The report cannot be built as asked (e.g. an article number that does not exist)."""


@dataclass(frozen=True)
class Run:
    """A stretch of paragraph text with one highlight; level is the share of the other shown versions."""

    text: str
    kind: str
    level: float = 0.0


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
    legend: tuple[tuple[str, str, str], ...]
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
    """'1,3,4' (1-based, as shown to users) -> (0, 2, 3); raise ReportError with a readable reason.

    With count None only the syntax is checked (before the folder has been read).
    """
    chosen: list[int] = []
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        if not (part.isascii() and part.isdigit()):
            raise ReportError(f"--articles: {part!r} is not an article number (use e.g. 1,3,4)")
        n = int(part)
        if n < 1 or (count is not None and n > count):
            if count is None:
                raise ReportError(f"--articles: article numbers start at 1, got {n}")
            raise ReportError(f"--articles: there is no article {n}; the folder has articles 1 to {count}")
        if n - 1 not in chosen:
            chosen.append(n - 1)
    if len(chosen) < 2:
        raise ReportError("--articles: choose at least two articles to compare")
    return tuple(chosen)


def build_report(c: Comparison, layout: str = "side-by-side", articles: Optional[Sequence[int]] = None,
                 review: Any = None, now: Optional[datetime] = None) -> Report:
    """The report of c: articles are 0-based indices in display order (None = all), review a ReviewState."""
    if layout not in LAYOUTS:
        raise ReportError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    columns = _columns(c, articles)
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
    if layout == "side-by-side":
        rows, sections = _side_by_side(c, columns, inc), ()
        order = [b.ref for row in rows for cell in row.cells for b in cell]
    else:
        rows, sections = (), _stacked(c, columns, inc)
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


def highlight_runs(c: Comparison, ref: ParaRef, included: frozenset[int]) -> tuple[Run, ...]:
    """The paragraph's text cut into highlight runs, relative to the included articles."""
    para = c.paragraph(ref)
    if para.boilerplate:
        return (Run(para.text, KIND_BOILER),) if para.text else ()
    others = len(included - {ref[0]})
    runs: list[Run] = []
    pos = 0
    for span in c.spans[ref[0]][ref[1]]:
        if span.start > pos:  # an engine gap: keep the text, unhighlighted
            runs.append(Run(para.text[pos:span.start], KIND_PLAIN))
        carried = len((set(span.shared_with) & included) - {ref[0]})
        if not others:
            kind, level = KIND_PLAIN, 0.0
        elif carried >= others:
            kind, level = KIND_ALL, 1.0
        elif carried:
            kind, level = KIND_SOME, carried / others
        else:
            kind, level = KIND_UNIQUE, 0.0
        _append(runs, Run(para.text[span.start:span.end], kind, level))
        pos = max(pos, span.end)
    if pos < len(para.text):
        runs.append(Run(para.text[pos:], KIND_PLAIN))
    return _unmark_edge_spaces(runs)


def _unmark_edge_spaces(runs: list[Run]) -> tuple[Run, ...]:
    """Leave the spaces where one highlight kind meets another unmarked, so underlines stop at words."""
    out: list[Run] = []
    for i, run in enumerate(runs):
        text = run.text
        lead = len(text) - len(text.lstrip()) if i == 0 else 0
        nxt = runs[i + 1].kind if i + 1 < len(runs) else None
        trail = len(text) - len(text.rstrip()) if nxt != run.kind else 0
        if lead >= len(text) or run.kind == KIND_PLAIN:
            _append(out, Run(text, KIND_PLAIN))
            continue
        if lead:
            _append(out, Run(text[:lead], KIND_PLAIN))
        _append(out, Run(text[lead:len(text) - trail], run.kind, run.level))
        if trail:
            _append(out, Run(text[len(text) - trail:], KIND_PLAIN))
    return tuple(out)


def _append(runs: list[Run], run: Run) -> None:
    if runs and runs[-1].kind == run.kind and runs[-1].level == run.level:
        runs[-1] = Run(runs[-1].text + run.text, run.kind, run.level)
    elif run.text:
        runs.append(run)


def _block(c: Comparison, ref: ParaRef, inc: frozenset[int]) -> Block:
    para = c.paragraph(ref)
    return Block(ref, ref[1] + 1, highlight_runs(c, ref, inc), para.is_title, para.boilerplate,
                 para.boilerplate_reason)


def _side_by_side(c: Comparison, columns: tuple[int, ...], inc: frozenset[int]) -> tuple[Row, ...]:
    """Rows = groups in order; a paragraph in no group goes into an extra row after its predecessor's."""
    extras: dict[int, dict[int, list[int]]] = {}  # anchor group (-1 = before all) -> article -> paragraphs
    for a in columns:
        anchor = -1
        for p in range(len(c.articles[a].paragraphs)):
            g = c.group_of((a, p))
            if g is None:
                extras.setdefault(anchor, {}).setdefault(a, []).append(p)
            else:
                anchor = g
    rows: list[Row] = []

    def add_extra(anchor: int) -> None:
        per_article = extras.get(anchor)
        if per_article:
            rows.append(Row(tuple(tuple(_block(c, (a, p), inc) for p in per_article.get(a, ()))
                                  for a in columns), extra=True))

    add_extra(-1)
    for g, group in enumerate(c.groups):
        members = [m for m in group.members if m[0] in inc]
        if not members:
            continue
        rows.append(Row(tuple(tuple(_block(c, m, inc) for m in sorted(members) if m[0] == a) for a in columns)))
        add_extra(g)
    return tuple(rows)


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
    return f"Article {best.article + 1}, “{art.title}” ({art.name})"


def _ranking(c: Comparison) -> tuple[str, ...]:
    return tuple(f"{s.article + 1}. {c.articles[s.article].title} — score {s.score:.2f}"
                 for s in c.source_ranking)
