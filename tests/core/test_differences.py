"""Differences between articles: kinds, reading order, inclusion, inline runs and content keys."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copydesk.core.comparison import compare_texts
from copydesk.core.differences import (content_fingerprint, difference_key, find_differences, inline_changes,
                              paragraph_fingerprint)

from handmade import AUDIT, BRIDGE, FERRY, MAYOR, PROTEST, story, three_versions


@pytest.fixture(scope="module")
def hand_made():
    return compare_texts(three_versions())


def test_kinds_in_reading_order(hand_made):
    diffs = find_differences(hand_made)
    assert [(d.kind, d.group) for d in diffs] == [("wording", 1), ("missing", 2), ("unique", 3)]
    wording, missing, unique = diffs
    assert wording.refs == ((0, 1), (1, 1), (2, 1))
    assert missing.refs == ((0, 2), (1, 2))
    assert unique.refs == ((1, 3),)
    assert missing.label.startswith("Missing from #3: “Opposition councillors")
    assert unique.label.startswith("Only in #2 001: “Residents of the fishing quarter")
    assert wording.label.startswith("Wording differs across 3 articles:")
    assert all("\n" not in d.label and len(d.label) < 120 for d in diffs)


def test_identical_row_is_no_difference(hand_made):
    assert 0 not in {d.group for d in find_differences(hand_made)}
    assert all(inline_changes(hand_made, ref) == () for ref in hand_made.groups[0].members)


def test_inline_changes_point_at_the_changed_words(hand_made):
    def words(ref):
        text = hand_made.paragraph(ref).text
        return [text[s:e] for s, e in inline_changes(hand_made, ref)]

    assert words((0, 1)) == ["three"]
    assert words((2, 1)) == ["four"]
    assert words((1, 3)) == [PROTEST]  # a unique paragraph is one run, end to end
    assert words((0, 2)) == [AUDIT]  # not carried by c: all of it


def test_excluding_an_article_recomputes_as_if_absent(hand_made):
    without_c = find_differences(hand_made, frozenset({0, 1}))
    assert [(d.kind, d.refs) for d in without_c] == [("unique", ((1, 3),))]
    assert inline_changes(hand_made, (0, 1), frozenset({0, 1})) == ()
    assert inline_changes(hand_made, (2, 1), frozenset({0, 1})) == ()  # excluded article: nothing

    without_b = find_differences(hand_made, frozenset({0, 2}))
    assert [(d.kind, d.refs) for d in without_b] == [("wording", ((0, 1), (2, 1))), ("unique", ((0, 2),))]


def test_fewer_than_two_included_articles_have_no_differences(hand_made):
    assert find_differences(hand_made, frozenset({1})) == ()
    assert find_differences(hand_made, frozenset()) == ()
    assert inline_changes(hand_made, (1, 3), frozenset({1})) == ()
    # Indices of articles that do not exist are ignored rather than failing.
    assert find_differences(hand_made, frozenset({0, 1, 2, 9})) == find_differences(hand_made)


def test_unique_key_matches_difference_key(hand_made):
    unique = find_differences(hand_made)[-1]
    assert unique.key == difference_key("unique", [PROTEST])
    assert unique.key.startswith("unique:")


def test_keys_survive_trivial_resave():
    resaved = [t.replace(". ", ".  ").replace("'", "’").replace("harbour bridge", "Harbour  Bridge")
               .replace("protest", "PROTEST").replace("euros", "euros,").replace("\n\n", "\r\n\r\n")
               for t in three_versions()]
    assert resaved != three_versions()
    before = [d.key for d in find_differences(compare_texts(three_versions()))]
    after = [d.key for d in find_differences(compare_texts(resaved))]
    assert before == after


def test_editing_one_paragraph_changes_only_its_key():
    before = {d.kind: d.key for d in find_differences(compare_texts(three_versions()))}
    edited = PROTEST.replace("quiet protest", "noisy protest")
    after = {d.kind: d.key for d in find_differences(compare_texts(three_versions(b_protest=edited)))}
    assert after["unique"] != before["unique"]
    assert after["wording"] == before["wording"] and after["missing"] == before["missing"]


def test_keys_survive_realignment_when_rows_move():
    texts = three_versions()
    texts[1] = story(FERRY, texts[1])  # a new paragraph on top shifts every row of b
    diffs = find_differences(compare_texts(texts))
    before = {d.key for d in find_differences(compare_texts(three_versions()))}
    assert before <= {d.key for d in diffs}
    assert [d.group for d in diffs] == sorted(d.group for d in diffs)


def test_fingerprints_name_each_paragraph_of_a_difference(hand_made):
    for d in find_differences(hand_made):
        assert d.fingerprints == tuple(paragraph_fingerprint(hand_made.paragraph(r).text) for r in d.refs)
    wording = find_differences(hand_made)[0]
    a, b, c = wording.fingerprints
    assert a == b != c and len(a) == 16  # a and b carry the same mayor paragraph, c rewords it
    assert paragraph_fingerprint("Troops  were ‘sent’.") == paragraph_fingerprint("troops were 'sent'")
    assert paragraph_fingerprint("Troops were sent") != paragraph_fingerprint("Troops were not sent")


def test_fingerprints_of_unchanged_paragraphs_survive_a_new_version():
    before = find_differences(compare_texts(three_versions()))
    after = find_differences(compare_texts(three_versions() + [story(BRIDGE, MAYOR, AUDIT, PROTEST)]))
    assert [d.key for d in after] != [d.key for d in before]  # the joined rows get new keys...
    for old, new in zip(before, after):
        assert set(old.fingerprints) <= set(new.fingerprints)  # ...but name the same paragraphs


def test_repeated_content_gets_distinct_keys():
    texts = [story(BRIDGE, PROTEST, MAYOR, PROTEST), story(BRIDGE, MAYOR)]
    keys = [d.key for d in find_differences(compare_texts(texts)) if d.kind == "unique"]
    assert len(keys) == 2 and len(set(keys)) == 2
    assert keys[1] == keys[0] + "#2"


@given(st.lists(st.text(alphabet="abcdefghijXYZ’'\"éE", min_size=1, max_size=8), min_size=1, max_size=12),
       st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \r\n "]), min_size=1, max_size=12))
def test_fingerprint_ignores_spacing_and_case(words, gaps):
    plain = " ".join(words)
    spaced = "".join(w.upper() + gaps[i % len(gaps)] for i, w in enumerate(words))
    assert content_fingerprint(spaced) == content_fingerprint(plain)
    assert difference_key("unique", [spaced]) == difference_key("unique", [plain])


def test_fingerprint_sees_changed_words():
    assert content_fingerprint("Troops were sent") != content_fingerprint("Troops were not sent")
    assert difference_key("missing", ["a b", "c d"]) == difference_key("missing", ["c d", "a b"])
    assert difference_key("missing", ["a b"]) != difference_key("unique", ["a b"])


# --- the seeds ---------------------------------------------------------------------------------

def test_duda_paragraph_is_a_unique_difference(seeds_comparison):
    c = seeds_comparison
    duda = [d for d in find_differences(c)
            if any(c.paragraph(r).text.startswith("Duda said the most heated discussion") for r in d.refs)]
    assert len(duda) == 1
    assert duda[0].kind == "unique" and len(duda[0].refs) == 1
    assert c.articles[duda[0].refs[0][0]].name.startswith("001_")
    assert duda[0].label.startswith("Only in #2 France Ukraine Conference: “Duda")


def test_seed_differences_follow_the_definition(seeds_comparison):
    c = seeds_comparison
    everyone = frozenset(range(len(c.articles)))
    diffs = find_differences(c)
    by_group = {d.group: d for d in diffs}
    assert len(by_group) == len(diffs), "one difference per row"
    assert [d.group for d in diffs] == sorted(by_group)
    assert len({d.key for d in diffs}) == len(diffs)
    for gi, group in enumerate(c.groups):
        present = group.articles()
        changed = any(inline_changes(c, r) for r in group.members)
        expected = ("unique" if len(present) == 1 else "missing" if present != everyone
                    else "wording" if changed else None)
        assert (by_group[gi].kind if gi in by_group else None) == expected, gi
        if gi in by_group:
            assert by_group[gi].refs == group.members


def test_boilerplate_is_never_a_difference(seeds_comparison):
    c = seeds_comparison
    boiler = [(a.index, p.index) for a in c.articles for p in a.paragraphs if p.boilerplate]
    assert boiler, "the seeds carry boilerplate (bylines, captions)"
    refs = {r for d in find_differences(c) for r in d.refs}
    assert not refs & set(boiler)
    assert all(inline_changes(c, r) == () for r in boiler)


def test_seed_inline_runs_are_ordered_trimmed_and_inside(seeds_comparison):
    c = seeds_comparison
    for a in c.articles:
        for p in (p for p in a.paragraphs if not p.boilerplate):
            runs = inline_changes(c, (a.index, p.index))
            previous_end = 0
            for s, e in runs:
                assert previous_end <= s < e <= len(p.text)
                assert not p.text[s].isspace() and not p.text[e - 1].isspace()
                previous_end = e


def test_excluding_seed_articles_never_adds_rows(seeds_comparison):
    c = seeds_comparison
    subset = frozenset({0, 1, 2})
    diffs = find_differences(c, subset)
    assert diffs and all(r[0] in subset for d in diffs for r in d.refs)
    assert {d.group for d in diffs} <= {gi for gi, g in enumerate(c.groups) if g.articles() & subset}
