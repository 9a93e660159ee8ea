"""Review marks: immutable state, progress, crash-safe persistence keyed by content."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.core import paths
from copydesk.core.comparison import compare_texts
from copydesk.core.differences import find_differences
from copydesk.core.review import (VERDICTS, Mark, ReviewState, content_similarity, load_review, progress_words, review_file,
                         review_to_json, save_review, verdict_label)

from handmade import AUDIT, BRIDGE, MAYOR, PROTEST, story, three_versions


pytestmark = pytest.mark.usefixtures("home")  # conftest: a COPYDESK_HOME of the test's own


def test_verdicts_are_the_agreed_four():
    assert [v for v, _, _ in VERDICTS] == ["ok", "error", "check", "legal"]
    assert [k for _, _, k in VERDICTS] == ["1", "2", "3", "4"]
    assert verdict_label("check") == "Check with desk"
    assert verdict_label("") == "" and verdict_label("future") == "future"


def test_with_mark_returns_a_new_state(folder):
    empty = ReviewState(folder)
    marked = empty.with_mark("k", note="ask the desk about the figure")
    assert empty.get("k") == Mark()
    assert marked.get("k").note == "ask the desk about the figure"
    assert not marked.get("k").reviewed
    assert marked.get("k").updated  # stamped
    assert marked.get("other") == Mark()


def test_verdict_marks_reviewed_unless_told_otherwise(folder):
    state = ReviewState(folder).with_mark("k", verdict="error")
    assert state.get("k").reviewed and state.get("k").verdict == "error"
    state = state.with_mark("k", reviewed=False)
    assert not state.get("k").reviewed and state.get("k").verdict == "error"
    assert not ReviewState(folder).with_mark("j", verdict="ok", reviewed=False).get("j").reviewed


def test_bad_changes_raise(folder):
    with pytest.raises(ValueError, match="unknown verdict"):
        ReviewState(folder).with_mark("k", verdict="maybe")
    with pytest.raises(TypeError):
        ReviewState(folder).with_mark("k", colour="red")


def test_marks_stay_sorted_and_empty_marks_vanish(folder):
    state = ReviewState(folder)
    for key in ["m", "b", "x", "a"]:
        state = state.with_mark(key, reviewed=True)
    assert [k for k, _ in state.marks] == ["a", "b", "m", "x"]
    state = state.with_mark("b", reviewed=False)
    assert [k for k, _ in state.marks] == ["a", "m", "x"]


def test_progress_counts_distinct_reviewed_keys(folder):
    state = ReviewState(folder).with_mark("a", verdict="ok").with_mark("b", note="later")
    state = state.with_mark("stale", reviewed=True)  # a mark for content that no longer exists
    assert state.progress(["a", "b", "c", "a"]) == (1, 3)
    assert state.progress([]) == (0, 0)
    assert state.verdict_counts(["a", "b", "c"]) == {"ok": 1}


def test_review_file_is_per_folder_in_data_dir(folder, tmp_path, home, monkeypatch):
    path = review_file(folder)
    assert path.startswith(os.path.join(paths.data_dir(), "reviews") + os.sep) and path.endswith(".json")
    monkeypatch.chdir(tmp_path)
    assert review_file("story") == path == review_file(folder + os.sep)
    assert review_file(str(tmp_path)) != path


def test_save_and_load_round_trip(folder):
    state = ReviewState(folder).with_mark("a", verdict="legal", note="libel risk: “alleged”").with_mark("b",
                                                                                                  reviewed=True)
    save_review(state)
    assert load_review(folder) == state
    data = json.loads(open(review_file(folder), encoding="utf-8").read())
    assert data["version"] == 2 and set(data["marks"]) == {"a", "b"}


def test_missing_file_loads_empty(folder):
    assert load_review(folder) == ReviewState(folder)


@pytest.mark.parametrize("payload", [b"{\"marks\": {\"a\": ", b"[1, 2]", b"\x00\xff", b'{"marks": 3}'])
def test_corrupt_file_loads_empty_and_is_kept_aside(folder, payload):
    path = review_file(folder)
    os.makedirs(os.path.dirname(path))
    with open(path, "wb") as f:
        f.write(payload)
    loaded = load_review(folder)
    assert loaded == ReviewState(folder)
    assert loaded.notice == f"Review marks could not be read; the file was kept as {path}.corrupt-1."
    assert not os.path.exists(path)  # moved, so the next start does not report it again
    with open(path + ".corrupt-1", "rb") as f:
        assert f.read() == payload
    save_review(ReviewState(folder).with_mark("a", reviewed=True))  # the app carries on saving
    assert load_review(folder).get("a").reviewed


def test_damaged_marks_are_skipped_the_rest_kept(folder):
    path = review_file(folder)
    os.makedirs(os.path.dirname(path))
    good = {"reviewed": True, "verdict": "ok", "note": "", "updated": "2024-02-27T10:00:00+00:00"}
    doc = {"version": 1, "marks": {"good": good, "bad": {"reviewed": "yes"}, "worse": [1],
                                   "partial": {"note": "only a note"}}}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    state = load_review(folder)
    assert state.get("good") == Mark(**good)
    assert state.get("partial").note == "only a note"
    assert state.get("bad") == Mark() and state.get("worse") == Mark()
    assert state.notice == f"2 review marks could not be read; the file was kept as {path}.corrupt-1."
    with open(path + ".corrupt-1", encoding="utf-8") as f:
        assert json.load(f) == doc
    # The file is rewritten without the damage, so the next start neither warns nor copies again.
    again = load_review(folder)
    assert again == state and again.notice == "" and not os.path.exists(path + ".corrupt-2")


def test_failed_save_keeps_the_previous_file(folder, monkeypatch):
    saved = ReviewState(folder).with_mark("a", verdict="ok")
    save_review(saved)

    def crash(*args):
        raise OSError("killed mid-save")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(os, "replace", crash)
        save_review(saved.with_mark("b", verdict="error"))
    assert load_review(folder) == saved
    name = os.path.basename(review_file(folder))
    assert sorted(os.listdir(os.path.dirname(review_file(folder)))) == [name, name + paths.LOCK_SUFFIX]


marks_strategy = st.builds(Mark, reviewed=st.booleans(), verdict=st.sampled_from([""] + [v for v, _, _ in VERDICTS]),
                           note=st.text(max_size=30), updated=st.text(max_size=25))
edits = st.lists(st.tuples(st.text(min_size=1, max_size=12), marks_strategy), max_size=15)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(edits)
def test_with_mark_then_save_and_load_round_trips(folder, changes):
    if os.path.exists(review_file(folder)):  # the folder is shared by the examples; saves merge with it
        os.unlink(review_file(folder))
    state = ReviewState(folder)
    expected = {}
    for key, mark in changes:
        state = state.with_mark(key, reviewed=mark.reviewed, verdict=mark.verdict, note=mark.note,
                                updated=mark.updated)
        if mark.is_empty:
            expected.pop(key, None)
        else:
            expected[key] = mark
    assert dict(state.marks) == expected
    assert json.loads(json.dumps(review_to_json(state)))["marks"] == {
        k: {"reviewed": m.reviewed, "verdict": m.verdict, "note": m.note, "updated": m.updated, "fingerprints": []}
        for k, m in expected.items()}
    save_review(state)
    assert load_review(folder) == state


# --- marks follow content through edits and restarts ----------------------------------------

def test_marks_survive_edits_to_other_paragraphs_and_restarts(folder):
    diffs = {d.kind: d.key for d in find_differences(compare_texts(three_versions()))}
    state = ReviewState(folder)
    for verdict, key in zip(["ok", "error", "legal"], diffs.values()):
        state = state.with_mark(key, verdict=verdict, note=f"note for {verdict}")
    save_review(state)

    # An editor rewords the protest paragraph (the unique difference) and restarts the app.
    edited = PROTEST.replace("quiet protest", "noisy protest")
    again = find_differences(compare_texts(three_versions(b_protest=edited)))
    restored = load_review(folder)
    marks = {d.kind: restored.get(d.key) for d in again}
    assert marks["wording"].verdict == "ok" and marks["missing"].verdict == "error"
    assert marks["unique"] == Mark()  # its content changed: it must be reviewed again
    assert restored.progress(d.key for d in again) == (2, 3)


def test_mark_on_one_wording_survives_a_change_elsewhere_in_that_article(folder):
    first = find_differences(compare_texts(three_versions()))
    state = ReviewState(folder).with_mark(first[1].key, verdict="check")  # the missing audit row
    c_mayor = MAYOR.replace("three years", "five years")  # c's mayor paragraph changes again
    second = find_differences(compare_texts(three_versions(c_mayor=c_mayor)))
    assert [d.kind for d in second] == [d.kind for d in first]
    assert state.get(second[1].key).verdict == "check"
    assert state.get(second[0].key) == Mark()


def test_seed_marks_survive_a_reload(seeds_comparison, folder):
    diffs = find_differences(seeds_comparison)
    state = ReviewState(seeds_comparison.folder)
    for d in diffs[:14]:
        state = state.with_mark(d.key, reviewed=True)
    save_review(state)
    assert load_review(seeds_comparison.folder).progress(d.key for d in diffs) == (14, len(diffs))


def test_unusable_folder_path_loads_empty():
    assert load_review("bad\0path") == ReviewState("bad\0path")


# --- marks follow their paragraphs when rows change (a version appears, leaves or is edited) ------

def _items(diffs):
    return [(d.key, d.fingerprints) for d in diffs]


def _mark_all(folder, diffs):
    """Every difference marked, its note saying which one it was."""
    state = ReviewState(folder)
    for d in diffs:
        state = state.with_mark(d.key, reviewed=True, note=d.key, fingerprints=d.fingerprints)
    return state


def test_follow_moves_a_mark_to_the_most_similar_unmarked_item(folder):
    state = ReviewState(folder).with_mark("old", verdict="error", note="n", fingerprints=("d", "a", "c", "b"))
    assert state.get("old").fingerprints == ("a", "b", "c", "d")  # stored sorted and distinct
    items = [("x", ("a",)), ("y", ("a", "b", "c", "d", "e")), ("z", ("a", "b", "c"))]
    followed = state.follow(items)
    assert followed.get("y") == Mark(True, "error", "n", state.get("old").updated, ("a", "b", "c", "d", "e"))
    assert followed.get("old") == Mark() and followed.get("x") == Mark() and followed.get("z") == Mark()
    assert followed.follow(items) is followed  # carried once: a second pass changes nothing
    assert state.marks == (("old", state.get("old")),)  # immutable


def test_follow_matches_each_mark_and_item_once_with_deterministic_ties(folder):
    state = (ReviewState(folder).with_mark("m1", note="one", fingerprints=("a", "b"))
             .with_mark("m2", note="two", fingerprints=("a", "b")))
    forward = state.follow([("n1", ("a", "b")), ("n2", ("b", "a"))])
    assert [forward.get(k).note for k in ("n1", "n2", "m1", "m2")] == ["one", "two", "", ""]
    backward = state.follow([("n2", ("a", "b")), ("n1", ("a", "b"))])
    assert backward.get("n2").note == "one" and backward.get("n1").note == "two"  # the earlier item first


def test_follow_needs_half_the_paragraphs_and_keeps_what_it_cannot_place(folder):
    state = ReviewState(folder).with_mark("old", reviewed=True, fingerprints=("a", "b", "c"))
    assert content_similarity(("a", "b", "c"), ("a", "b", "x")) == 0.5
    assert state.follow([("new", ("a", "b", "x"))]).get("new").reviewed
    unplaced = state.follow([("new", ("a", "x", "y"))])  # 1 of 5 paragraphs in common
    assert unplaced is state and unplaced.get("new") == Mark()
    # An item that has its own mark is not taken; a mark saved without fingerprints never moves.
    state = state.with_mark("new", note="its own").with_mark("legacy", verdict="ok")
    followed = state.follow([("new", ("a", "b", "c")), ("other", ("z",))])
    assert followed.get("new").note == "its own" and not followed.get("new").reviewed
    assert followed.get("old").reviewed and followed.get("legacy").verdict == "ok"


def test_progress_words_name_differences_and_findings():
    state = ReviewState("f").with_mark("d1", reviewed=True).with_mark("f1", verdict="ok").with_mark("d2", note="x")
    assert progress_words(state, ["d1", "d2", "d3"], ["f1", "f2"]) == "1 of 3 differences and 1 of 2 findings reviewed"
    assert progress_words(state, ["d1"], []) == "1 of 1 difference reviewed"
    assert progress_words(None, [], ["f1"]) == "0 of 1 finding reviewed"
    assert progress_words(state, [], []) == "Nothing to review"


def test_marks_follow_rows_that_a_new_version_joins(folder):
    before = find_differences(compare_texts(three_versions()))
    fourth = story(BRIDGE, MAYOR.replace("three years", "five years"), AUDIT,
                   PROTEST.replace("a quiet protest", "a silent demonstration"))
    after = find_differences(compare_texts(three_versions() + [fourth]))
    assert [d.kind for d in before] == ["wording", "missing", "unique"]
    assert [d.kind for d in after] == ["wording", "missing", "missing"]  # the protest is no longer unique
    assert not {d.key for d in after} & {d.key for d in before}  # every key changed
    followed = _mark_all(folder, before).follow(_items(after))
    assert [followed.get(d.key).note for d in after] == [d.key for d in before]
    assert followed.progress(d.key for d in after) == (3, 3)


def test_rewriting_a_difference_only_paragraph_leaves_its_mark_behind(folder):
    before = find_differences(compare_texts(three_versions()))
    rewritten = "Fishermen blocked the harbour entrance with their boats for an hour on Wednesday morning."
    after = find_differences(compare_texts(three_versions(b_protest=rewritten)))
    followed = _mark_all(folder, before).follow(_items(after))
    assert [followed.get(d.key).note for d in after] == [before[0].key, before[1].key, ""]
    assert followed.get(before[2].key).reviewed  # kept aside in case the old wording comes back


def test_version_1_file_loads_and_its_marks_gain_fingerprints(folder):
    before = find_differences(compare_texts(three_versions()))
    path = review_file(folder)
    os.makedirs(os.path.dirname(path))
    mark = {"reviewed": True, "verdict": "ok", "note": "fine", "updated": "2024-02-27T10:00:00+00:00"}
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "folder": folder, "marks": {before[0].key: mark}}, f)
    state = load_review(folder)
    assert state.get(before[0].key) == Mark(**mark) and not os.path.exists(path + ".corrupt-1")
    assert state.notice == ""
    upgraded = state.follow(_items(before))
    assert upgraded.get(before[0].key).fingerprints == tuple(sorted(set(before[0].fingerprints)))
    save_review(upgraded)
    assert json.loads(open(path, encoding="utf-8").read())["version"] == 2
    fourth = story(BRIDGE, MAYOR.replace("three years", "five years"), AUDIT)
    after = find_differences(compare_texts(three_versions() + [fourth]))
    assert load_review(folder).follow(_items(after)).get(after[0].key).note == "fine"


def test_bad_fingerprints_make_a_damaged_mark(folder):
    path = review_file(folder)
    os.makedirs(os.path.dirname(path))
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 2, "marks": {"a": {"reviewed": True, "fingerprints": "abc"},
                                           "b": {"reviewed": True, "fingerprints": [1]},
                                           "c": {"reviewed": True, "fingerprints": ["x1"]}}}, f)
    state = load_review(folder)
    assert [k for k, _ in state.marks] == ["c"] and state.get("c").fingerprints == ("x1",)
    assert os.path.exists(path + ".corrupt-1") and "2 review marks could not be read" in state.notice


# --- the seeds, with a sixth version dropped in or one left out -------------------------------------

SIXTH = """Macron: Western troops in Ukraine cannot be ruled out

PARIS — French President Emmanuel Macron said on Monday that sending Western troops to Ukraine in the future \
could not be "ruled out", after European leaders debated the question at a meeting in Paris.

"There's no consensus today to send in an official, endorsed manner troops on the ground. But in terms of \
dynamics, nothing can be ruled out," Macron told reporters at the Elysee palace.

Macron declined to say which nations were considering sending troops, saying he preferred to keep some \
"strategic ambiguity".

The gathering brought together German Chancellor Olaf Scholz, Poland's President Andrzej Duda and leaders \
from the Baltic nations, among more than 20 European heads of state and government.

"We will do everything needed so Russia cannot win the war," the French leader said.
"""
CONSENSUS = "no consensus"


@pytest.fixture(scope="module")
def seeds_six(seed_texts):
    names, texts = seed_texts
    return compare_texts(texts + [SIXTH], names + ["005_sixth.txt"])


def _about(c, diffs, words):
    return [d for d in diffs if any(words in c.paragraph(r).text for r in d.refs)]


def test_seed_marks_follow_a_sixth_version_into_their_rows(seeds_five, seeds_six, folder):
    before, after = find_differences(seeds_five), find_differences(seeds_six)
    assert len({d.key for d in before} - {d.key for d in after}) >= 3  # the defect: keys do change
    followed = _mark_all(folder, before).follow(_items(after))
    carried = {followed.get(d.key).note: d for d in after if followed.get(d.key).note}
    assert set(carried) == {d.key for d in before}  # every mark found a row
    old = {d.key: d for d in before}
    assert all(content_similarity(old[k].fingerprints, d.fingerprints) >= 0.5 for k, d in carried.items())
    (consensus_before,) = _about(seeds_five, before, CONSENSUS)
    (consensus_after,) = _about(seeds_six, after, CONSENSUS)
    assert consensus_before.kind == "wording" and 5 in {a for a, _ in consensus_after.refs}
    assert consensus_after.key != consensus_before.key
    assert followed.get(consensus_after.key).note == consensus_before.key


def test_seed_marks_survive_leaving_an_article_out_and_come_back(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    without = compare_texts(texts[:3] + texts[4:], names[:3] + names[4:])
    before, fewer = find_differences(seeds_five), find_differences(without)
    assert len({d.key for d in fewer} - {d.key for d in before}) >= 5
    marked = _mark_all(folder, before)
    followed = marked.follow(_items(fewer))
    assert followed.progress(d.key for d in fewer) == (len(fewer), len(fewer))
    back = followed.follow(_items(before))  # the article is included again
    assert back.progress(d.key for d in before) == (len(before), len(before))
    assert all(back.get(d.key).note == d.key for d in before)


def test_seed_mark_carried_over_an_edit_inside_its_own_row(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    (consensus,) = _about(seeds_five, find_differences(seeds_five), CONSENSUS)
    article, para = consensus.refs[-1]
    edited = list(texts)
    old_text = seeds_five.paragraph((article, para)).text
    edited[article] = texts[article].replace(old_text, old_text + " He did not name any country.")
    assert edited[article] != texts[article]
    c = compare_texts(edited, names)
    (after,) = _about(c, find_differences(c), CONSENSUS)
    assert after.key != consensus.key and len(set(consensus.fingerprints)) >= 3
    state = ReviewState(folder).with_mark(consensus.key, verdict="check", fingerprints=consensus.fingerprints)
    assert state.follow(_items(find_differences(c))).get(after.key).verdict == "check"


def test_finding_keys_survive_a_sixth_version_and_an_exclusion(seed_texts, seeds_five, seeds_six):
    names, texts = seed_texts
    keys = {f.key for f in seeds_five.findings}
    assert keys and keys <= {f.key for f in seeds_six.findings}
    without = compare_texts(texts[:3] + texts[4:], names[:3] + names[4:])
    untouched = {f.key for f in seeds_five.findings if all(o.article != 3 for o in f.occurrences)}
    assert untouched and untouched <= {f.key for f in without.findings}
