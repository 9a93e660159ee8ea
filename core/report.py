"""What an exported report shows, page by page, as plain data (the PDF renderer only draws it).

The brief (core.report_brief) comes first; then the body in one layout, its side-by-side table packed
for paper (core.report_rows); the paragraphs carry the reference's dropped words and moves
(core.edits), change marks and the numbers of the findings about them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Optional, Sequence

from copydesk.core.differences import find_differences
from copydesk.core.edits import Edits, paragraph_edits
from copydesk.core.highlight import CHANGED, LEGEND, KindInfo, paragraph_runs
from copydesk.core.layout import columns_for, layout_rows
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.report_brief import SEVERITY_ORDER, ArticleLine, FindingLine, where
from copydesk.core.report_brief import article_lines, finding_lines, original_of, ranking
from copydesk.core.report_rows import Block, OnlySection, Row, pack
from copydesk.core.review import progress_words, verdict_label

__all__ = ["Report", "Summary", "Block", "Row", "OnlySection", "Note", "ArticleLine", "FindingLine", "ReportError",
           "build_report", "parse_articles", "where", "LAYOUTS", "MAX_SIDE_BY_SIDE", "SEVERITY_ORDER"]

LAYOUTS = ("side-by-side", "stacked")
MAX_SIDE_BY_SIDE = 6
"""Beyond this many columns a landscape page is no longer readable: the report falls back to stacked."""

REWORDED = "reworded"  # core.highlight's kind for content carried in other words (a change, once it lands)


class ReportError(ValueError):
    """The report cannot be built as asked (e.g. an article number that does not exist)."""


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
class Summary:
    """The brief and the pages right after it."""

    folder: str
    folder_name: str
    date: str
    articles: tuple[ArticleLine, ...]
    legend: tuple[KindInfo, ...]
    layout_notes: tuple[str, ...]
    review: str  # review progress in words ("" when nothing can be reviewed)
    findings: tuple[FindingLine, ...]
    likely_original: str  # "#2 Headline (file.txt)"; "" when the checks ranked nothing
    ranking: tuple[str, ...]
    left_out: tuple[str, ...] = ()  # labels of the versions not printed
    reference: str = ""  # label of the article the rows follow and the struck words come from
    fell_back: bool = False  # side by side was asked for, too many articles: printed stacked


@dataclass(frozen=True)
class Report:
    """A whole export: brief, body in one layout, and the list of verdicts and notes."""

    summary: Summary
    layout: str
    columns: tuple[int, ...]  # article indices shown, in column / section order (the reference first)
    rows: tuple[Row, ...]  # side-by-side body: the app's rows (core.layout), one per row of the grid
    sections: tuple[tuple[Block, ...], ...]  # stacked body, one per column
    notes: tuple[Note, ...]
    table: tuple[Row, ...] = ()  # side-by-side rows as printed (packed, see core.report_rows)
    only: tuple[OnlySection, ...] = ()  # long runs of one version, printed after the table
    boilerplate: tuple[Block, ...] = ()  # side by side: listed after the table, not in it
    reference: int = 0  # the article the rows follow and the struck words come from


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

    reference is the article whose order the rows follow, which leads the columns and whose dropped
    words each version shows struck (as in the app); None or an article not exported: the first of
    the articles asked for, or with articles None the likely original (else the first article). Statistics, likely original,
    adds/cuts and findings are computed for the exported articles only.
    """
    if layout not in LAYOUTS:
        raise ReportError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    chosen = _columns(c, articles)
    inc = frozenset(chosen)
    scores = ranking(c, inc)
    original = original_of(c, scores)
    # the app's reference; else the first article asked for; else (all of them) the likely original
    lead = reference if reference in inc else chosen[0] if articles is not None or original is None else original
    columns = columns_for(c, lead, chosen)
    notes_text: list[str] = []
    fell_back = layout == "side-by-side" and len(columns) > MAX_SIDE_BY_SIDE
    if fell_back:
        layout = "stacked"
        notes_text.append(f"{len(columns)} articles are too many to read side by side, so they are printed "
                          f"one after another. Choose up to {MAX_SIDE_BY_SIDE} articles for the "
                          f"side-by-side layout.")
    left_out = tuple(art.label() for a, art in enumerate(c.articles) if a not in inc)
    if left_out:
        shown = ", ".join(str(a + 1) for a in columns)
        notes_text.append(f"Showing articles {shown} of {len(c.articles)}; highlights compare the articles shown "
                          f"only, and so do the statistics, the likely original and what each version adds or "
                          f"cuts. Left out: {'; '.join(left_out)}.")
    edits = paragraph_edits(c, lead, inc)
    findings = finding_lines(c, inc, review)
    marks: dict[ParaRef, list[int]] = {}
    for f in findings:
        for ref in f.where:
            marks.setdefault(ref, []).append(f.number)
    rows: tuple[Row, ...] = ()
    sections: tuple[tuple[Block, ...], ...] = ()
    if layout == "side-by-side":
        rows = tuple(Row(tuple(tuple(_block(c, ref, inc, edits, marks) for ref in cell) for cell in row.cells),
                         extra=row.group is None) for row in layout_rows(c, lead, columns).rows)
        order = [b.ref for row in rows for b in row.blocks()]
    else:
        sections = tuple(tuple(_block(c, (a, p), inc, edits, marks) for p in range(len(c.articles[a].paragraphs)))
                         for a in columns)
        order = [b.ref for section in sections for b in section]
    differences, review_line, review = _review_items(c, inc, review)
    notes = _number_notes(_raw_notes(c, differences, review), order)
    rows, sections = _attach_notes(rows, sections, notes)
    packed = pack(rows, columns) if layout == "side-by-side" else None
    summary = Summary(
        folder=c.folder if c.folder.startswith("<") else os.path.abspath(c.folder),
        folder_name=os.path.basename(os.path.normpath(c.folder)) or c.folder,
        date=(now or datetime.now()).strftime("%d %B %Y, %H:%M").lstrip("0"),
        articles=article_lines(c, inc, original), legend=LEGEND, layout_notes=tuple(notes_text), review=review_line,
        findings=findings, likely_original=_likely_original(c, original),
        ranking=tuple(f"{c.articles[s.article].label()} — score {s.score:.2f}" for s in scores),
        left_out=left_out, reference=c.articles[lead].label(), fell_back=fell_back)
    return Report(summary, layout, columns, rows, sections, notes,
                  packed.rows if packed else (), packed.only if packed else (),
                  packed.boilerplate if packed else (), lead)


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


def _block(c: Comparison, ref: ParaRef, inc: frozenset[int], edits: Edits, marks: dict[ParaRef, list[int]]) -> Block:
    para = c.paragraph(ref)
    runs = paragraph_runs(c, ref, inc)
    mine = edits.of(ref)
    changed = not para.boilerplate and (bool(mine.deletions) or any(
        (r.kind in CHANGED or r.kind == REWORDED) and r.text.strip() for r in runs))
    return Block(ref, ref[1] + 1, runs, para.is_title, para.boilerplate, para.boilerplate_reason, (),
                 () if para.boilerplate else mine.deletions, mine.move, changed, tuple(marks.get(ref, ())))


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
    blocks = [b for row in rows for b in row.blocks()] + [b for s in sections for b in s]
    order = {b.ref: i for i, b in enumerate(blocks)}
    for note in notes:
        placed = [r for r in note.where if r in order]
        if placed:
            anchors.setdefault(min(placed, key=order.__getitem__), []).append(note.number)

    def tag(b: Block) -> Block:
        return replace(b, notes=tuple(anchors[b.ref])) if b.ref in anchors else b

    rows = tuple(replace(row, cells=tuple(tuple(tag(b) for b in cell) for cell in row.cells)) for row in rows)
    sections = tuple(tuple(tag(b) for b in s) for s in sections)
    return rows, sections


def _likely_original(c: Comparison, original: Optional[int]) -> str:
    if original is None:
        return ""
    art = c.articles[original]
    return f"{art.label()} ({art.name})" if art.title else art.label()
