"""Boilerplate rules: the seeds' ads, plugs, captions and teasers, user patterns, and story text left alone."""

import pytest

from copydesk.core.boilerplate import UserPattern, classify, compile_user_patterns, read_user_pattern, repeated_across


@pytest.mark.parametrize("text, reason", [
    ("Advertisement", "advertisement"),
    ("Have you heard our podcast Talking Politics? Every week Tom, Robert and Anushka dig in…", "podcast plug"),
    ("Ukrainian President Volodymyr Zelenskyy, left, and Emmanuel Macron, right. Credit: AP", "photo caption"),
    ("French President Emmanuel Macron speaks in Paris on Monday. Gonzalo Fuentes/Pool via AP", "photo caption"),
    ("Associated Press writer John Leicester contributed to this report.", "contributor credit"),
    ("Follow AP's coverage of the war at", "coverage plug"),
    ("EU AGREES TO NEW $54 BILLION AID PACKAGE FOR UKRAINE OVERCOMING HUNGARY’S VETO THREAT", "all-caps teaser"),
    ("Comments are no longer available on this story", "comments notice"),
    ("Macron says sending Western troops to Ukraine not 39out of.com2F242F252Fe9e46c6697954448ec5f732dd8562F6", "link or URL fragment"),
    ("Sign up for our morning newsletter", "newsletter plug"),
    ("© 2024 The Outlet. All rights reserved.", "copyright line"),
])
def test_rules_catch_page_furniture(text, reason):
    assert classify(text) == reason


@pytest.mark.parametrize("text", [
    "French President Emmanuel Macron said Monday that sending Western troops on the ground in Ukraine is not ruled out.",
    "The agreement provides an additional package worth 3 billion euros in military aid this year.",
    "Dutch Prime Minister Mark Rutte said his country decided to provide over 100 million euros for that purpose.",
    "NATO Allies Meet",
])
def test_story_text_is_not_boilerplate(text):
    assert classify(text) == ""


def test_all_caps_title_is_not_a_teaser():
    caps = "UKRAINE MAKES MAJOR TROOP WITHDRAWAL IN KEY WIN FOR PUTIN"
    assert classify(caps, is_title=True) == ""
    assert classify(caps) == "all-caps teaser"


def test_user_patterns():
    rules = compile_user_patterns(["^Read the full story", "  "])
    assert len(rules) == 1
    assert classify("READ THE FULL STORY at example", extra=rules) == "user pattern: ^Read the full story"
    assert classify("Story text. Read the full story at example", extra=rules) == ""  # ^ anchors: a regex


def test_plain_phrase_matches_anywhere_ignoring_case_and_spacing():
    rules = compile_user_patterns(["Follow us on Telegram"])
    assert read_user_pattern("Follow us on Telegram") == UserPattern("Follow us on Telegram", regex=False)
    assert classify("For live updates FOLLOW US ON\ttelegram today", extra=rules) == "user phrase: Follow us on Telegram"
    assert classify("We follow them on Telegram", extra=rules) == ""


def test_invalid_regex_is_a_literal_phrase():
    pattern = read_user_pattern("Photo: [Reuters")  # a broken expression: meant as text
    assert not pattern.regex and "unterminated" in pattern.error
    rules = compile_user_patterns(["Photo: [Reuters", "(unclosed"])  # no re.error: every line is usable
    assert classify("Caption. photo: [reuters] 2024", extra=rules) == "user phrase: Photo: [Reuters"
    assert classify("A (UNCLOSED bracket", extra=rules) == "user phrase: (unclosed"
    assert classify("Photo by Reuters", extra=rules) == ""  # literal: '[' is not a character class here


def test_regex_metacharacters_make_a_line_a_regex():
    assert read_user_pattern(r"^Photo:\s+\w+$").regex
    assert read_user_pattern("Sponsored content").regex is False
    rules = compile_user_patterns([r"^(see|read) more\b"])
    assert classify("SEE MORE stories", extra=rules) == r"user pattern: ^(see|read) more\b"


def test_repeated_short_lines():
    keys = [["title", "advert", "story one"], ["title", "advert", "other story"]]
    texts = [["Title", "Advert", "Story one."], ["Title", "Advert", "Other story."]]
    assert repeated_across(keys, texts) == {(0, 1), (1, 1)}  # titles (index 0) and sentences stay


def test_a_shared_subhead_is_story_but_repeated_furniture_is_not():
    from copydesk.core.comparison import CompareOptions, compare_texts

    a = ("Headline one\n\nFrench President Emmanuel Macron said Monday that sending Western troops to Ukraine is "
         "not ruled out after talks.\n\nKremlin warns of conflict\n\nRussia said any deployment of NATO troops in "
         "Ukraine would lead to a direct conflict with the alliance.\n\nMore from the desk")
    b = ("A second headline\n\nMacron said on Monday that sending Western troops to Ukraine was not ruled out after "
         "the talks in Paris.\n\nKremlin warns of conflict\n\nMoscow said a deployment of NATO troops in Ukraine "
         "would mean direct conflict with the alliance.\n\nMore from the desk")
    c = compare_texts([a, b], options=CompareOptions(run_checks=False))
    subheads = [(art.index, p.index) for art in c.articles for p in art.paragraphs if p.text.startswith("Kremlin")]
    assert all(not c.paragraph(r).boilerplate for r in subheads)
    assert c.links_of(subheads[0])[0][0] == subheads[1]
    furniture = [p for art in c.articles for p in art.paragraphs if p.text == "More from the desk"]
    assert all(p.boilerplate and p.boilerplate_reason == "repeated line" for p in furniture)


# --- hand-made negatives: story text the rules must never eat, checked by the rule table and the pipeline ---

_NEWSLETTER_SENTENCE = ("The council said in its weekly newsletter that the road will reopen on Friday, and residents "
                        "can find details at www.example.gov.uk/roads.")
_DATELINED_LEDE = "LONDON (Reuters) - The Bank of England held rates on Thursday."


@pytest.mark.parametrize("text", [
    '"It was insane."',
    "“We are devastated,” she said.",
    "“It was insane,” she said",
    _NEWSLETTER_SENTENCE,
    "Users could not log in to the app for six hours on Tuesday, the company said.",
    "More than 2,000 readers subscribe to the parish newsletter, which is delivered by volunteers.",
    _DATELINED_LEDE,
    "WASHINGTON (AP) — The Senate passed the bill on Tuesday after subscribers to the plan complained.",
    "KYIV, Ukraine, Feb 27 (Reuters) - Ukraine said on Tuesday that its podcast-listening soldiers were safe.",
])
def test_story_sentences_that_mention_plug_words_are_not_boilerplate(text):
    assert classify(text) == ""


@pytest.mark.parametrize("text, reason", [
    ("Sign up for our newsletter", "newsletter plug"),
    ("Subscribe now for £1", "newsletter plug"),
    ("Get the latest updates right in your inbox. Subscribe to our newsletters.", "newsletter plug"),
    ("Stay up to date with the council. Subscribe to our newsletter.", "newsletter plug"),
    ("Please review our terms of service to complete your newsletter subscription.", "newsletter plug"),
    ("Photo: Reuters", "photo caption"),
    ("Follow us on Twitter", "social plug"),
    ("Read more: Bank of England holds rates", "link teaser"),
    ("Copyright © 2024 The Outlet Ltd", "copyright line"),
    ("www.example.com/news/2024/bank-of-england-rates", "link or URL fragment"),
    ("Listen to our podcast on Spotify.", "podcast plug"),
])
def test_plugs_captions_and_credits_stay_boilerplate(text, reason):
    assert classify(text) == reason


def _flood_story(version: int) -> str:
    lede = ["YORK (Reuters) - Floods cut off three towns in northern England on Thursday after two days of rain.",
            "YORK (Reuters) - Floods cut three towns off in northern England on Thursday after two days of heavy rain.",
            "YORK (Reuters) - Three towns in northern England were cut off by floods on Thursday after two days "
            "of rain."]
    quote = ["“We are devastated,” she said.", "“We are devastated,” she said.", '"It was insane."']
    return "\n\n".join([
        ("Floods cut off towns in the north", "Northern towns cut off by floods", "Floods isolate towns")[version],
        lede[version],
        "Residents of Malton said the river rose by two metres overnight and water reached the first floor of houses.",
        quote[version],
        "Rescue efforts",
        "Rescue teams from four counties pulled more than 40 people from flooded homes overnight.",
        _NEWSLETTER_SENTENCE,
        "Sign up for our newsletter",
        "Photo: Reuters",
        "Follow us on Twitter",
        "Read more: Rain to ease at the weekend",
        "Copyright © 2024 The Outlet Ltd",
    ] + (["Subscribe now for £1"] if version == 2 else []))


def test_the_pipeline_keeps_quotes_crossheads_datelines_and_reporting_as_story():
    from copydesk.core.comparison import CompareOptions, compare_texts

    c = compare_texts([_flood_story(v) for v in range(3)], options=CompareOptions(run_checks=False))
    story = {"“We are devastated,” she said.", '"It was insane."', "Rescue efforts", _NEWSLETTER_SENTENCE}
    furniture = {"Sign up for our newsletter", "Photo: Reuters", "Follow us on Twitter", "Subscribe now for £1",
                 "Read more: Rain to ease at the weekend", "Copyright © 2024 The Outlet Ltd"}
    seen = set()
    for art in c.articles:
        for p in art.paragraphs:
            seen.add(p.text)
            if p.text in story or p.text.startswith("YORK (Reuters)"):
                assert p.boilerplate is False, (p.text, p.boilerplate_reason)
            if p.text in furniture:
                assert p.boilerplate is True, p.text
    assert story | furniture <= seen


def test_a_crosshead_in_one_version_only_is_story():
    from copydesk.core.comparison import CompareOptions, compare_texts

    a = _flood_story(0)  # the crosshead heads a section the other version does not have: nothing to link it to
    b = _flood_story(1).replace("\n\nRescue efforts\n\n", "\n\n").replace(
        "Rescue teams from four counties pulled more than 40 people from flooded homes overnight.\n\n", "")
    c = compare_texts([a, b], options=CompareOptions(run_checks=False))
    heads = [p for p in c.articles[0].paragraphs if p.text == "Rescue efforts"]
    assert heads and heads[0].boilerplate is False, heads[0].boilerplate_reason


def test_a_datelined_lede_is_story_in_the_pipeline():
    from copydesk.core.comparison import CompareOptions, compare_texts

    texts = [f"Bank holds rates\n\n{_DATELINED_LEDE}\n\nThe decision was expected by most economists polled last week.",
             f"{_DATELINED_LEDE}\n\nMost economists polled last week had expected the decision.\n\n"
             "Sign up for our newsletter"]
    c = compare_texts(texts, options=CompareOptions(run_checks=False))
    ledes = [p for art in c.articles for p in art.paragraphs if p.text == _DATELINED_LEDE]
    assert len(ledes) == 2 and all(p.boilerplate is False for p in ledes)
    assert c.articles[1].paragraphs[-1].boilerplate is True


def test_quoted_speech_is_a_sentence_not_clutter():
    from copydesk.core.boilerplate import is_clutter

    assert not is_clutter("“It was insane,” she said")
    assert not is_clutter('"Never again"')
    assert is_clutter("Most Viewed") and is_clutter("Related Topics:")


def test_a_dateline_needs_a_sentence_after_it():
    from copydesk.core.boilerplate import is_datelined

    assert is_datelined(_DATELINED_LEDE)
    assert is_datelined("KYIV, Ukraine, Feb 27 (Reuters) - Ukraine said on Tuesday its troops had pulled back.")
    assert not is_datelined("WATCH — Firefighters battle a blaze in York")  # a teaser, not a lede
    assert not is_datelined("The Bank of England (BoE) - held rates on Thursday.")


def test_a_crosshead_heads_the_story_that_follows_it():
    from copydesk.core.boilerplate import heads_section

    section = {"rescu", "team", "pull", "peopl", "flood", "home"}
    assert heads_section(["rescu", "effort"], section)
    assert not heads_section(["recommend", "articl"], section)  # furniture is about the site, not the story
    assert not heads_section(["rescu"], section)  # one word is too little evidence
