"""Numbers, amounts and dates compared across aligned paragraphs (core.findings.numbers)."""

import pytest

from copydesk.core.comparison import compare_texts
from copydesk.core.findings import run_checks
from copydesk.core.findings.numbers import paragraph_mentions

OPENING = ("Leaders from across Europe gathered in Paris on Monday evening to discuss new military support for "
           "Ukraine as the war with Russia entered its third year.")
MEETING = ("The French president hosted over 20 European heads of state and government at the Elysee palace, "
           "along with officials from Canada and the United States.")
PACKAGE = ("Earlier this month the European Union agreed on a €50 billion ($54 billion) financial aid package for "
           "Ukraine after Hungary lifted its veto at a summit in Brussels.")
CLOSING = ("Estonia's foreign minister said earlier this month that NATO has about three or four years to "
           "strengthen its defences along the eastern flank of the alliance.")


def _findings(texts, kinds=("number", "date")):
    return [f for f in compare_texts(texts).findings if f.kind in kinds]


def _story(*paragraphs):
    return "\n\n".join(paragraphs)


def test_mentions_read_hedges_ranges_currencies_and_skip_conversions():
    found = {m.text: m for m in paragraph_mentions((0, 0), PACKAGE + " " + CLOSING + " " + MEETING)}
    assert "€50 billion" in found and found["€50 billion"].value == (50e9, 50e9, "EUR")
    assert not any("54" in t for t in found)  # the bracketed conversion restates the euro figure
    assert found["about three or four"].value[:2] == (3.0, 4.0) and found["about three or four"].hedge == "about"
    assert found["over 20"].hedge == "over"


def test_hedge_change_is_medium():
    plain = MEETING.replace("over 20", "20")
    findings = _findings([_story(OPENING, MEETING), _story(OPENING, plain)])
    assert [(f.kind, f.severity) for f in findings] == [("number", "medium")]
    assert "over 20 European" in findings[0].message and "“20 European" in findings[0].message


def test_different_figure_is_high():
    other = MEETING.replace("over 20", "over 30")
    findings = _findings([_story(OPENING, MEETING), _story(OPENING, other)])
    assert [(f.kind, f.severity) for f in findings] == [("number", "high")]
    assert {o.article for o in findings[0].occurrences} == {0, 1}


def test_conversion_alongside_range_wording_and_same_figures_produce_no_finding():
    base = _story(OPENING, PACKAGE, CLOSING)
    without_conversion = PACKAGE.replace(" ($54 billion)", "")
    to_range = CLOSING.replace("three or four", "three to four")
    assert _findings([base, _story(OPENING, without_conversion, to_range)]) == []
    dollars_only = PACKAGE.replace("€50 billion ($54 billion)", "$54 billion")
    assert _findings([base, _story(OPENING, dollars_only, CLOSING)]) == []


def test_numbers_in_unaligned_paragraphs_are_not_compared():
    unrelated = ("Police said 30 people were arrested overnight in a separate protest against farm subsidies in "
                 "the south of the country, far from the capital.")
    assert _findings([_story(OPENING, MEETING), _story(OPENING, unrelated)]) == []


def test_weekday_against_a_date_of_a_known_year():
    said = ("French President Emmanuel Macron said {} that sending Western troops to Ukraine could not be ruled "
            "out in the future, after a meeting of European leaders in 2024.")
    consistent = _findings([said.format("Monday"), said.format("on Feb. 26")])
    assert consistent == []  # 26 February 2024 was a Monday
    clash = _findings([said.format("Monday"), said.format("on Feb. 27")])
    assert [(f.kind, f.severity) for f in clash] == [("date", "medium")]
    days = _findings([said.format("Monday"), said.format("Tuesday")])
    assert [(f.kind, f.severity) for f in days] == [("date", "high")]


@pytest.fixture(scope="module")
def seeds_checked(seeds_comparison):
    """The seeds with the checks run."""
    return run_checks(seeds_comparison)


def test_seeds_number_findings(seeds_checked):
    numbers = [f for f in seeds_checked.findings if f.kind in ("number", "date")]
    assert [(f.severity, f.kind) for f in numbers] == [("medium", "number")]
    assert "over 20 European heads" in numbers[0].message
