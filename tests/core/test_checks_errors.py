"""A check that raises is reported in Comparison.check_errors and JSON meta, never swallowed (core.findings)."""

import json

import pytest

import copydesk.core.findings as findings
import copydesk.core.segment as segment
from copydesk.core.comparison import CompareOptions, compare_texts
from copydesk.core.export_json import comparison_to_dict
from copydesk.core.findings import run_checks
from copydesk.core.tasks import Cancelled

LEAD = ("The meeting brought together over 20 European heads of state and government in Paris on Monday evening "
        "to discuss military support for Ukraine.")
QUOTE = ("“There is no consensus today to send troops on the ground, but nothing can be ruled out,” French President "
         "Emmanuel Macron told reporters after the meeting at the Elysee.")
TEXTS = ["\n\n".join([LEAD, QUOTE]),
         "\n\n".join([LEAD.replace("over 20", "20"), QUOTE.replace("troops", "soldiers")])]


@pytest.fixture(scope="module")
def unchecked():
    return compare_texts(TEXTS, options=CompareOptions(run_checks=False))


def test_no_errors_is_an_empty_tuple_and_an_empty_list_in_json(unchecked):
    c = run_checks(unchecked)
    assert c.check_errors == () and {f.kind for f in c.findings} == {"quote", "number"}
    assert comparison_to_dict(c)["meta"]["check_errors"] == []


def test_failing_check_is_recorded_and_the_others_still_run(unchecked, monkeypatch):
    def broken(c):
        raise RuntimeError("boom\n  on two lines")

    monkeypatch.setattr(findings, "number_findings", broken)
    c = run_checks(unchecked)
    assert c.check_errors == ("numbers: RuntimeError: boom on two lines",)
    assert {f.kind for f in c.findings} == {"quote"}  # the quote check is unaffected
    meta = json.loads(json.dumps(comparison_to_dict(c)))["meta"]
    assert meta["check_errors"] == ["numbers: RuntimeError: boom on two lines"]
    assert comparison_to_dict(c)["problems"] == []  # problems stay for files


def test_quote_extraction_runs_under_the_guard(unchecked, monkeypatch):
    real = findings.article_quotes

    def fails_on_second(article, mentions=None):
        if article.index == 1:
            raise ValueError("x" * 1000)
        return real(article, mentions)

    monkeypatch.setattr(findings, "article_quotes", fails_on_second)
    c = run_checks(unchecked)
    assert len(c.check_errors) == 1
    error = c.check_errors[0]
    assert error.startswith("quotes in #2 (001.txt): ValueError: xxx") and len(error) < 400
    assert not [f for f in c.findings if f.kind == "quote"]  # one version's quotes: nothing to compare
    assert [f.kind for f in c.findings] == ["number"]


def test_every_check_is_guarded(unchecked, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError(7)

    for name in ("source_scores", "article_mentions", "article_quotes", "quote_findings", "number_findings",
                 "name_findings", "article_deltas"):
        monkeypatch.setattr(findings, name, broken)
    c = run_checks(unchecked)
    assert c.check_errors == ("source ranking: KeyError: 7", "people named in #1 (000.txt): KeyError: 7",
                              "quotes in #1 (000.txt): KeyError: 7", "people named in #2 (001.txt): KeyError: 7",
                              "quotes in #2 (001.txt): KeyError: 7", "quotes: KeyError: 7", "numbers: KeyError: 7",
                              "names: KeyError: 7", "added and cut: KeyError: 7")
    assert c.findings == () and c.source_ranking == () and c.deltas == ()


def test_rerun_replaces_earlier_errors(unchecked, monkeypatch):
    monkeypatch.setattr(findings, "number_findings", lambda c: 1 / 0)
    failed = run_checks(unchecked)
    assert failed.check_errors == ("numbers: ZeroDivisionError: division by zero",)
    monkeypatch.undo()
    assert run_checks(failed).check_errors == ()


def test_cancel_inside_a_check_is_not_a_check_error(unchecked, monkeypatch):
    def cancelled(*args):
        raise Cancelled()

    monkeypatch.setattr(findings, "name_findings", cancelled)
    with pytest.raises(Cancelled):
        run_checks(unchecked)


def test_spacy_length_error_in_quote_extraction_is_reported(monkeypatch):
    # Before segment chunked long text, a paragraph over 1,000,000 characters made spaCy raise E088
    # inside quote extraction, outside any guard, and align, export and the GUI failed. With the
    # chunking turned off the same error must now be one check error, not a failed comparison.
    monkeypatch.setattr(segment, "_chunks", lambda text, limit: [(0, len(text))])
    segment.sentence_spans.cache_clear()
    segment._sentence_starts.cache_clear()
    filler = " ".join(["The talks would continue on Tuesday."] * 30_000)
    # no speaker right after the closing mark: the speaker is looked for in the quote's own sentence, and
    # a full stop after a bracket before it is no plain boundary (core.findings.sentence_cut): spaCy decides
    quote = "He spoke in Paris (at the Elysée). Macron warned: “We will do everything needed so Russia cannot win this war.”"
    huge = " ".join([LEAD, quote, filler])
    assert len(huge) > 1_000_000 and "\n" not in huge
    c = compare_texts([huge, TEXTS[0]])
    assert len(c.check_errors) == 1 and c.check_errors[0].startswith("quotes in #1 (000.txt): ValueError: [E088]")
    assert len(c.articles) == 2 and c.links
