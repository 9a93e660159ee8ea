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
