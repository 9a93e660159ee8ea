"""Quote extraction, attribution and cross-article matching (core.findings quotes)."""

import pytest

from copydesk.core.comparison import compare_texts
from copydesk.core.findings import run_checks
from copydesk.core.findings.quotes import article_quotes, quote_spans


@pytest.fixture(scope="module")
def seeds_checked(seeds_comparison):
    """The seeds with the checks run, whatever options the shared comparison used."""
    return run_checks(seeds_comparison)

LEAD = ("French President Emmanuel Macron met European leaders in Paris on Monday to discuss military support "
        "for Ukraine and the supply of ammunition to the front line.")
CONTEXT = ("The meeting brought together heads of state and government from across the continent as Russia's "
           "invasion of Ukraine entered its third year with no end in sight.")
QUOTE = ("“There is no consensus today to send troops on the ground, but nothing can be ruled out in terms of "
         "dynamics,” Macron told reporters at the Elysee palace.")


def _quote_findings(texts):
    c = compare_texts(texts)
    return [f for f in c.findings if f.kind in ("quote", "attribution")], c


def _article(quote_paragraph):
    return "\n\n".join([LEAD, quote_paragraph, CONTEXT])


def test_spans_curly_straight_and_stray_closing_mark():
    text = '”Yes, we must further invest” to support Ukraine “at a greater scale,” he added.'
    spans = [text[s:e] for s, e, _ in quote_spans(text)]
    assert spans == ["Yes, we must further invest", "at a greater scale,"]
    mixed = '“Europe’s future cannot depend on it," Macron said. "This is my idea of sovereignty.”'
    assert [mixed[s:e] for s, e, _ in quote_spans(mixed)] == ["Europe’s future cannot depend on it,",
                                                             "This is my idea of sovereignty."]


def test_quote_running_over_paragraphs_is_one_quote():
    text = ("Macron spoke to reporters in Paris after the meeting with the leaders.\n\n"
            "“We will do everything needed so Russia cannot win the war.\n\n"
            "“We must further invest in our defence and in the long term,” Macron said.")
    c = compare_texts([text, LEAD + "\n\n" + CONTEXT])
    quotes = article_quotes(c.articles[0])
    assert len(quotes) == 1
    assert len(quotes[0].pieces) == 2 and quotes[0].speaker == "macron"


def test_attribution_forms_and_pronoun_resolution():
    text = "\n\n".join([
        LEAD,
        "Slovak Prime Minister Robert Fico said several members were considering sending soldiers to Ukraine.",
        "“I can confirm there are countries that are prepared to send troops,” he said before boarding his plane.",
        "“Nothing can be ruled out in terms of dynamics,” said Macron at the end of the long meeting.",
        "The French leader said that “we will do everything needed so Russia cannot win the war.”",
        "Zelensky told reporters: “We must ensure that Putin cannot destroy our achievements.”",
    ])
    c = compare_texts([text, LEAD])
    speakers = [(q.speaker, q.explicit) for q in article_quotes(c.articles[0])]
    assert speakers == [("fico", False), ("macron", True), ("macron", True), ("zelensky", True)]


def test_identical_and_punctuation_only_differences_produce_no_finding():
    same = _article(QUOTE)
    recased = _article(QUOTE.replace("“There is", "“there is").replace(", but", " - but").replace("dynamics,”",
                                                                                                   "dynamics”"))
    findings, _ = _quote_findings([same, same, recased])
    assert findings == []


def test_altered_wording_is_reported_with_a_word_diff():
    altered = _article(QUOTE.replace("send troops on the ground", "send in an official manner troops on the ground"))
    findings, c = _quote_findings([_article(QUOTE), altered])
    assert len(findings) == 1
    f = findings[0]
    assert f.kind == "quote" and f.severity == "medium" and "Macron quote" in f.message
    assert "[+in an official manner+]" in f.detail
    assert {o.article for o in f.occurrences} == {0, 1}
    for o in f.occurrences:
        assert c.paragraph((o.article, o.paragraph)).text[o.start:o.end].startswith("There is no consensus")


def test_truncated_quote_is_low():
    short = "\n\n".join([LEAD, "“There is no consensus today to send troops on the ground,” Macron told reporters "
                                "at the Elysee palace after a long meeting."])
    findings, c = _quote_findings([_article(QUOTE), _article(QUOTE), short])
    assert c.source_ranking[-1].article == 2  # the reference wording comes from a fuller version
    assert [(f.kind, f.severity) for f in findings] == [("quote", "low")]
    assert "truncated" in findings[0].message


def test_negation_change_is_high():
    for old, new in (("nothing can be ruled out", "everything can be ruled out"), ("can be", "cannot be")):
        flipped = _article(QUOTE.replace(old, new))
        findings, _ = _quote_findings([_article(QUOTE), flipped])
        assert [f.severity for f in findings] == ["high"]
        assert "negation" in findings[0].message


def test_quote_attributed_to_someone_else_is_high():
    other = _article(QUOTE.replace("Macron told reporters", "Scholz told reporters"))
    findings, _ = _quote_findings([_article(QUOTE), other])
    assert [(f.kind, f.severity) for f in findings] == [("attribution", "high")]
    assert "Macron" in findings[0].message and "Scholz" in findings[0].message


def test_quote_that_moved_to_an_unlinked_paragraph_is_still_matched():
    moved = "\n\n".join([LEAD, CONTEXT, "Asked about troops, the president did not hesitate. " + QUOTE.replace(
        "send troops", "send soldiers")])
    findings, _ = _quote_findings([_article(QUOTE), moved])
    assert len(findings) == 1 and "[-troops-] [+soldiers+]" in findings[0].detail


def test_seeds_no_consensus_quote_found_in_all_five(seeds_checked):
    matches = [f for f in seeds_checked.findings if f.kind == "quote" and "no consensus" in f.message]
    assert len(matches) == 1
    f = matches[0]
    assert {o.article for o in f.occurrences} == {0, 1, 2, 3, 4}
    assert "reworded" in f.message and "[-endorsed-]" in f.detail


def test_seeds_we_will_do_everything_quote_in_three_identical_wordings(seeds_checked):
    f = next(f for f in seeds_checked.findings if "we will do everything" in f.message.lower())
    assert {o.article for o in f.occurrences} == {0, 1, 2, 3, 4}
    identical = [o.article for o in f.occurrences
                 if "needed so Russia cannot win the war" in
                 seeds_checked.paragraph((o.article, o.paragraph)).text[o.start:o.end]]
    assert sorted(identical) == [0, 1, 4]


def test_seeds_have_no_attribution_conflicts(seeds_checked):
    assert not [f for f in seeds_checked.findings if f.kind == "attribution"]


def test_run_checks_is_deterministic():
    texts = [_article(QUOTE), _article(QUOTE.replace("troops", "soldiers"))]
    first = compare_texts(texts)
    again = run_checks(compare_texts(texts))
    assert first.findings == again.findings and [f.key for f in first.findings] == [f.key for f in again.findings]


def test_repeating_a_negation_the_quote_already_has_is_not_a_meaning_change():
    """'cannot destroy ... and expand' vs 'cannot destroy ... and cannot expand': the same claim."""
    base = ("“We must ensure that Putin cannot destroy our achievements and expand his aggression to other "
            "nations,” Zelensky told the leaders gathered in Paris by video link on Monday evening.")
    longer = base.replace("and expand", "and cannot expand")
    for first, second in ((base, longer), (longer, base)):
        findings, _ = _quote_findings([_article(first), _article(second)])
        assert findings and all(f.severity != "high" for f in findings)
