"""Spelling variants, differing titles and different people in one role (core.findings.names)."""

import pytest

from copydesk.core.comparison import compare_texts
from copydesk.core.findings import run_checks

VIDEO = ("In a video address, Ukrainian President Volodymyr Zelenskyy urged the leaders gathered in Paris to "
         "keep supplying ammunition and air defence systems to his country.")
MEETING = ("The meeting included German Chancellor Olaf Scholz and Polish President Andrzej Duda as well as "
           "leaders from the Baltic states and the Nordic countries.")
AID = ("European nations fear the United States will scale back support as aid to Kyiv is stuck in Congress, "
       "while Russian forces press on in the east of the country.")


def _names(texts):
    return [f for f in compare_texts(texts).findings if f.kind == "name"]


def _story(*paragraphs):
    return "\n\n".join(paragraphs)


def test_transliteration_variants_are_low():
    other = _story(VIDEO.replace("Zelenskyy", "Zelensky"), MEETING, AID.replace("Kyiv", "Kiev"))
    findings = _names([_story(VIDEO, MEETING, AID), other])
    assert len(findings) == 2
    assert any("“Kyiv”" in f.message and "“Kiev”" in f.message for f in findings)
    assert any("“Zelenskyy”" in f.message and "“Zelensky”" in f.message for f in findings)
    assert all(f.severity == "low" for f in findings)


def test_consistent_spelling_and_derived_forms_produce_no_finding():
    derived = AID.replace("Russian forces", "Russia's forces").replace("United States", "US")
    assert _names([_story(VIDEO, MEETING, AID), _story(VIDEO, MEETING, derived)]) == []


def test_different_title_for_one_person_is_high():
    retitled = MEETING.replace("Polish President Andrzej Duda", "Prime Minister Andrzej Duda")
    findings = _names([_story(VIDEO, MEETING), _story(VIDEO, retitled)])
    assert [f.severity for f in findings] == ["high"]
    assert "Andrzej Duda" in findings[0].message and "Prime Minister" in findings[0].message


def test_different_person_in_the_same_role_is_high():
    other = MEETING.replace("Andrzej Duda", "Jan Kowalski")
    findings = _names([_story(VIDEO, MEETING), _story(VIDEO, other)])
    assert [f.severity for f in findings] == ["high"]
    assert "Duda" in findings[0].message and "Kowalski" in findings[0].message


def test_less_specific_title_is_not_a_clash():
    shorter = MEETING.replace("German Chancellor Olaf Scholz", "Chancellor Olaf Scholz")
    assert _names([_story(VIDEO, MEETING), _story(VIDEO, shorter)]) == []


@pytest.fixture(scope="module")
def seeds_checked(seeds_comparison):
    """The seeds with the checks run."""
    return run_checks(seeds_comparison)


def test_seeds_name_findings(seeds_checked):
    names = sorted(f.message for f in seeds_checked.findings if f.kind == "name")
    assert len(names) == 2
    assert "Kyiv" in names[0] and "Kiev" in names[0]
    assert "Zelensky" in names[1] and "Zelenskyy" in names[1]


def test_names_ending_in_s_keep_their_s():
    greek = ("Greek Prime Minister Kyriakos Mitsotakis told the summit that his country would send more "
             "ammunition to Ukraine before the end of the year.")
    other = _story(VIDEO, MEETING, greek.replace("Mitsotakis", "Mitsotakes"))
    findings = _names([_story(VIDEO, MEETING, greek), other])
    assert len(findings) == 1
    assert "“Mitsotakis”" in findings[0].message and "“Mitsotakes”" in findings[0].message


def test_possessive_is_stripped_but_not_the_name():
    from copydesk.core.findings.text import strip_possessive

    assert strip_possessive("Jones’s") == "Jones"
    assert strip_possessive("Mitsotakis'") == "Mitsotakis"
    assert strip_possessive("Jones") == "Jones"
