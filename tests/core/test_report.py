"""core.report: what each page of an export shows, computed without Qt."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from copydesk.core import highlight
from copydesk.core import report as rpt
from copydesk.core.comparison import CompareOptions, compare_texts

SHARED = "The storm hit the northern coast on Monday and flooded the harbour town of Smallville."
SOME = "Officials said the damage would cost millions of euros to repair over several years."
OPTIONS = CompareOptions(run_checks=False)


@dataclasses.dataclass(frozen=True)
class FakeOccurrence:
    article: int
    paragraph: int
    start: int = 0
    end: int = 1


@dataclasses.dataclass(frozen=True)
class FakeFinding:
    key: str
    severity: str
    kind: str
    message: str
    occurrences: tuple = ()


@pytest.fixture(scope="module")
def trio():
    """Three versions: a shared paragraph, one carried by two of them, one unique to the last."""
    return compare_texts([
        f"Storm floods Smallville\n\n{SHARED}\n\n{SOME}",
        f"Storm floods Smallville\n\n{SHARED}\n\n{SOME}\n\nPhoto: Agency",
        f"Storm floods Smallville\n\n{SHARED}\n\nThe mayor thanked the volunteers who filled sandbags all night long.",
    ], options=OPTIONS)


def _all_blocks(r: rpt.Report):
    return [b for row in r.rows for cell in row.cells for b in cell] + [b for s in r.sections for b in s]


def test_rows_follow_groups_and_place_every_paragraph_once(seeds_comparison):
    c = seeds_comparison
    r = rpt.build_report(c, reference=0)  # article 1 leads: the rows come in the comparison's group order
    content_rows = [row for row in r.rows if not row.extra]
    assert len(content_rows) == len(c.groups)
    for row, group in zip(content_rows, c.groups):
        assert sorted(b.ref for cell in row.cells for b in cell) == sorted(group.members)
        for k, cell in enumerate(row.cells):
            assert all(b.ref[0] == r.columns[k] for b in cell)  # each article stays in its own column
    printed = [b.ref for b in _all_blocks(r)]
    every = [(a, p) for a, art in enumerate(c.articles) for p in range(len(art.paragraphs))]
    assert sorted(printed) == every
    assert all(b.boilerplate for row in r.rows if row.extra for cell in row.cells for b in cell
               if c.paragraph(b.ref).boilerplate)


def test_boilerplate_goes_right_after_the_row_of_its_preceding_paragraph(seeds_comparison):
    c = seeds_comparison
    r = rpt.build_report(c)
    row_of = {b.ref: i for i, row in enumerate(r.rows) for cell in row.cells for b in cell}
    for a, art in enumerate(c.articles):
        for p, para in enumerate(art.paragraphs):
            if para.boilerplate and p > 0 and c.group_of((a, p - 1)) is not None:
                assert r.rows[row_of[(a, p)]].extra
                assert row_of[(a, p)] > row_of[(a, p - 1)]


def test_runs_rebuild_each_paragraph_exactly(seeds_comparison):
    c = seeds_comparison
    for b in _all_blocks(rpt.build_report(c, "stacked")):
        assert "".join(run.text for run in b.runs) == c.paragraph(b.ref).text
        assert all(run.text for run in b.runs)


def test_highlight_kinds_are_relative_to_the_articles_shown(trio):
    every = rpt.build_report(trio, "stacked")
    kinds = {b.ref: {run.kind for run in b.runs if run.text.strip()} for b in _all_blocks(every)}
    assert kinds[(0, 1)] == {highlight.ALL}
    assert kinds[(0, 2)] == {highlight.SOME}
    assert kinds[(2, 2)] == {highlight.UNIQUE}
    assert kinds[(1, 3)] == {highlight.BOILERPLATE}
    some = next(run for run in next(b for b in _all_blocks(every) if b.ref == (0, 2)).runs
                if run.kind == highlight.SOME)
    assert some.level == pytest.approx(0.5)
    pair = rpt.build_report(trio, "stacked", articles=[0, 1])
    kinds = {b.ref: {run.kind for run in b.runs if run.text.strip()} for b in _all_blocks(pair)}
    assert kinds[(0, 2)] == {highlight.ALL}  # carried by both articles shown
    assert any("highlights compare the articles shown" in n for n in pair.summary.layout_notes)


def test_highlights_stop_at_words_not_at_the_following_space(trio):
    for b in _all_blocks(rpt.build_report(trio, "stacked")):
        for run, nxt in zip(b.runs, b.runs[1:]):
            if run.kind != nxt.kind and run.kind != highlight.PLAIN:
                assert not run.text[-1].isspace()


def test_columns_keep_the_chosen_order_and_drop_rows_without_them(trio):
    r = rpt.build_report(trio, articles=[2, 0])
    assert r.columns == (2, 0)
    assert all(any(cell for cell in row.cells) for row in r.rows)
    assert not any(b.ref[0] == 1 for b in _all_blocks(r))
    assert [a.shown for a in r.summary.articles] == [True, False, True]


def test_more_than_six_articles_fall_back_to_stacked_and_say_so():
    c = compare_texts([f"Version {i}\n\n{SHARED}\n\nExtra line number {i} for this one." for i in range(7)],
                      options=OPTIONS)
    r = rpt.build_report(c, "side-by-side")
    assert r.layout == "stacked" and len(r.sections) == 7 and not r.rows
    assert any("too many to read side by side" in n for n in r.summary.layout_notes)
    assert rpt.build_report(c, "side-by-side", articles=range(6)).layout == "side-by-side"


@pytest.mark.parametrize("spec, expected", [("1,3,4", (0, 2, 3)), (" 2, 1 ,2", (1, 0)),
                                            ("1-3,5", (0, 1, 2, 4)), ("5, 1 - 2", (4, 0, 1)),
                                            ("2-2,4", (1, 3)), ("1-3,2-4", (0, 1, 2, 3)), ("3,1-5", (2, 0, 1, 3, 4))])
def test_parse_articles(spec, expected):
    assert rpt.parse_articles(spec, 5) == expected


@pytest.mark.parametrize("spec, message", [("0,1", "no article 0"), ("1,9", "no article 9"),
                                           ("x", "'x' is not an article number"), ("1", "at least two"),
                                           ("1,²", "not an article number"), ("-1,2", "not an article number"),
                                           ("1,,2", "'1,,2' has an empty item"), ("1,2,", "empty item"),
                                           (",1,2", "empty item"), ("", "empty item"),
                                           ("3-1", "the range '3-1' runs backwards; write 1-3"),
                                           ("0", "no article 0"), ("0-2", "no article 0"), ("2-9", "no article 9"),
                                           ("1-", "'1-' is not an article number or range"),
                                           ("1-2-3", "not an article number or range"),
                                           ("1-x", "not an article number or range"), ("3-3", "at least two")])
def test_parse_articles_rejects_bad_numbers(spec, message):
    with pytest.raises(rpt.ReportError, match=message):
        rpt.parse_articles(spec, 5)


def test_parse_articles_syntax_only_before_the_folder_is_read():
    assert rpt.parse_articles("1,40") == (0, 39)
    assert rpt.parse_articles("38-40") == (37, 38, 39)
    for spec, message in [("0,2", "start at 1"), ("0", "start at 1"), ("x", "not an article number"),
                          ("1,,2", "empty item"), ("3-1", "runs backwards")]:
        with pytest.raises(rpt.ReportError, match=message):
            rpt.parse_articles(spec)


def test_parse_articles_huge_numbers_are_refused_not_expanded():
    """A typo such as 1-99999999999 must not build a giant tuple, nor trip int()'s digit limit."""
    assert rpt.parse_articles("0001,000000000002", 5) == (0, 1)  # leading zeros are not size
    for spec in ("1-99999999999", "1," + "9" * 5000):
        with pytest.raises(rpt.ReportError, match="too large for an article number"):
            rpt.parse_articles(spec)
        with pytest.raises(rpt.ReportError, match="there is no article 9"):
            rpt.parse_articles(spec, 5)


def test_bad_layout_or_article_is_a_report_error(trio):
    with pytest.raises(rpt.ReportError):
        rpt.build_report(trio, "sideways")
    with pytest.raises(rpt.ReportError):
        rpt.build_report(trio, articles=[0, 3])
    with pytest.raises(rpt.ReportError):
        rpt.build_report(trio, articles=[1, 1])


def test_summary_lists_articles_legend_and_date(trio):
    s = rpt.build_report(trio, now=datetime(2024, 3, 5, 9, 7)).summary
    assert s.date == "5 March 2024, 09:07"
    assert [a.number for a in s.articles] == [1, 2, 3]
    assert s.articles[0].title == "Storm floods Smallville" and s.articles[0].words == trio.stats[0].words
    assert [info.label for info in s.legend] == [info.label for info in highlight.LEGEND]
    assert s.findings == () and s.likely_original == ""


def test_review_notes_are_numbered_in_reading_order_and_attached_once(trio):
    from copydesk.core.differences import find_differences
    from copydesk.core.review import ReviewState

    diffs = find_differences(trio)
    assert len(diffs) >= 2
    review = ReviewState(trio.folder).with_mark(diffs[-1].key, verdict="error", note="Wrong <b>name</b> & date")
    review = review.with_mark(diffs[0].key, verdict="ok")
    r = rpt.build_report(trio, review=review)
    assert [n.number for n in r.notes] == [1, 2]
    assert r.notes[0].verdict_label == "OK" and r.notes[0].where == tuple(diffs[0].refs)
    assert r.notes[1].note == "Wrong <b>name</b> & date" and r.notes[1].verdict_label == "Error"
    tagged = [(b.ref, b.notes) for b in _all_blocks(r) if b.notes]
    assert sorted(n for _, ns in tagged for n in ns) == [1, 2]
    assert dict(tagged)[min(diffs[-1].refs)] == (2,)
    assert "2 of" in r.summary.review and "1 OK, 1 Error" in r.summary.review


def test_notes_about_hidden_articles_are_listed_last_and_not_placed(trio):
    from copydesk.core.differences import find_differences
    from copydesk.core.review import ReviewState

    unique_to_last = next(d for d in find_differences(trio) if d.kind == "unique" and d.refs[0][0] == 2)
    review = ReviewState(trio.folder).with_mark(unique_to_last.key, note="check with the reporter")
    r = rpt.build_report(trio, articles=[0, 1], review=review)
    assert len(r.notes) == 1 and not r.notes[0].shown
    assert not any(b.notes for b in _all_blocks(r))


def test_no_review_still_reports_progress(trio):
    r = rpt.build_report(trio)
    assert r.notes == () and r.summary.review.startswith("Not reviewed yet: 0 of")


def test_findings_sorted_by_severity_with_verdicts_and_ranking(trio):
    from copydesk.core.review import ReviewState

    findings = (FakeFinding("f1", "low", "name", "Spelling of Smallville differs", (FakeOccurrence(0, 1),)),
                FakeFinding("f2", "high", "quote", "Quote wording differs", (FakeOccurrence(2, 2),)))
    ranking = (dataclasses.make_dataclass("Score", ["article", "score"])(1, 0.91),
               dataclasses.make_dataclass("Score", ["article", "score"])(0, 0.4))
    c = dataclasses.replace(trio, findings=findings, source_ranking=ranking)
    review = ReviewState(c.folder).with_mark("f2", verdict="legal", note="ask the lawyer")
    r = rpt.build_report(c, review=review)
    assert [f.severity for f in r.summary.findings] == ["high", "low"]
    assert r.summary.findings[0].verdict_label == "Legal"
    assert r.summary.likely_original.startswith("#2 Storm floods Smallville")  # named as everywhere: #N headline
    assert len(r.summary.ranking) == 2
    note = next(n for n in r.notes if n.subject == "Quote wording differs")
    assert note.where == ((2, 2),) and note.note == "ask the lawyer"


# -- the brief for a subset, packed rows, marks on paragraphs --------------------------------------------

def _table_blocks(r: rpt.Report):
    return [b for row in r.table for b in row.blocks()] + [b for s in r.only for b in s.blocks] + list(r.boilerplate)


def test_shares_of_every_article_match_the_comparisons_statistics(seeds_comparison):
    c = seeds_comparison
    lines = rpt.build_report(c).summary.articles
    for a, line in enumerate(lines):
        assert line.words == c.stats[a].words
        assert line.unique == pytest.approx(c.stats[a].unique, abs=0.02)
        assert line.shared_some == pytest.approx(c.stats[a].shared_some, abs=0.02)


def test_a_subset_recomputes_the_shares_the_original_and_the_findings(seeds_comparison):
    c = seeds_comparison
    full = rpt.build_report(c)
    pair = rpt.build_report(c, articles=[0, 2])
    s = pair.summary
    shown = [a for a in s.articles if a.shown]
    assert [a.number for a in shown] == [1, 3]
    # two versions: every shared word is shared by "all"; the table agrees with the marks on the pages
    for a in shown:
        assert a.shared_some == 0.0
        words = [(run.kind, len(run.text.split())) for sec in [pair.rows] for row in sec for b in row.blocks()
                 if b.ref[0] == a.number - 1 and not b.boilerplate for run in b.runs]
        unique = sum(n for k, n in words if k == highlight.UNIQUE) / max(1, sum(n for _, n in words))
        assert a.unique == pytest.approx(unique, abs=0.08)
    def shares(line):
        return (line.shared_all, line.shared_some, line.reworded, line.unique)

    assert shares(shown[0]) != shares(full.summary.articles[0])  # recomputed, not copied
    # the likely original is one of the printed versions; the left-out ones are named
    assert s.likely_original.startswith(("#1 ", "#3 ")) or s.likely_original == ""
    assert len(s.left_out) == 3 and s.left_out[0].startswith("#2 ")
    assert any("Left out: #2" in n for n in s.layout_notes)
    # every finding that involves a version left out says which
    for f in s.findings:
        involved = {o.article + 1 for o in next(x for x in c.findings if x.message == f.message).occurrences}
        assert set(f.left_out) == involved - {1, 3}
        assert all(ref[0] in (0, 2) for ref in f.where)


def test_findings_are_numbered_and_marked_on_their_paragraphs(seeds_comparison):
    r = rpt.build_report(seeds_comparison)
    findings = r.summary.findings
    assert [f.number for f in findings] == list(range(1, len(findings) + 1))
    marked = {b.ref: b.findings for b in _all_blocks(r)}
    for f in findings:
        assert f.place == rpt.where(f.where[0])
        for ref in f.where:
            assert f.number in marked[ref]


def test_versions_carry_struck_words_moves_and_change_marks(seeds_comparison):
    r = rpt.build_report(seeds_comparison)
    blocks = _all_blocks(r)
    assert r.reference == r.columns[0] == 1  # the likely original leads when no article was chosen
    assert any(b.deletions for b in blocks) and any(b.move for b in blocks)
    assert not any(b.deletions or b.move for b in blocks if b.ref[0] == r.reference)
    assert all(b.changed for b in blocks if b.deletions)
    assert not any(b.changed for b in blocks if b.boilerplate)


def test_packed_table_loses_no_paragraph_and_keeps_boilerplate_out(seeds_comparison):
    r = rpt.build_report(seeds_comparison)
    printed = [b.ref for b in _table_blocks(r)]
    assert sorted(printed) == sorted(b.ref for b in _all_blocks(r))  # each paragraph once
    assert not any(b.boilerplate for row in r.table for b in row.blocks())
    assert all(b.boilerplate for b in r.boilerplate) and r.boilerplate
    assert len(r.table) < len(r.rows)  # packing saved rows
    for sec in r.only:  # long runs one version has, with the paragraph they follow
        assert len({b.ref[0] for b in sec.blocks}) == 1 and sec.article == r.columns[sec.column]
        assert sec.after is None or sec.after.ref[0] == sec.article
    gathered = [row for row in r.table if row.kind == "gathered"]
    assert gathered and all("only this version has" in row.note for row in gathered)
    taken = {b.ref for s in r.only for b in s.blocks}
    for k in range(len(r.columns)):  # packing never reorders a column: it reads as in the app's rows
        before = [b.ref for row in r.rows for b in row.cells[k] if not b.boilerplate and b.ref not in taken]
        assert [b.ref for row in r.table for b in row.cells[k]] == before
