"""Review marks: immutable state, progress, crash-safe persistence keyed by content."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import paths
from core.comparison import compare_texts
from core.differences import find_differences
from core.review import (VERDICTS, Mark, ReviewState, load_review, review_file, review_to_json, save_review,
                         verdict_label)

from handmade import MAYOR, PROTEST, three_versions


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "story"
    target.mkdir()
    return str(target)


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
    assert data["version"] == 1 and set(data["marks"]) == {"a", "b"}


def test_missing_file_loads_empty(folder):
    assert load_review(folder) == ReviewState(folder)


@pytest.mark.parametrize("payload", [b"{\"marks\": {\"a\": ", b"[1, 2]", b"\x00\xff", b'{"marks": 3}'])
def test_corrupt_file_loads_empty_and_is_kept_aside(folder, payload):
    path = review_file(folder)
    os.makedirs(os.path.dirname(path))
    with open(path, "wb") as f:
        f.write(payload)
    assert load_review(folder) == ReviewState(folder)
    with open(path + ".corrupt", "rb") as f:
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
    assert os.path.exists(path + ".corrupt")


def test_failed_save_keeps_the_previous_file(folder, monkeypatch):
    saved = ReviewState(folder).with_mark("a", verdict="ok")
    save_review(saved)

    def crash(*args):
        raise OSError("killed mid-save")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(os, "replace", crash)
        save_review(saved.with_mark("b", verdict="error"))
    assert load_review(folder) == saved
    assert os.listdir(os.path.dirname(review_file(folder))) == [os.path.basename(review_file(folder))]


marks_strategy = st.builds(Mark, reviewed=st.booleans(), verdict=st.sampled_from([""] + [v for v, _, _ in VERDICTS]),
                           note=st.text(max_size=30), updated=st.text(max_size=25))
edits = st.lists(st.tuples(st.text(min_size=1, max_size=12), marks_strategy), max_size=15)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(edits)
def test_with_mark_then_save_and_load_round_trips(folder, changes):
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
        k: {"reviewed": m.reviewed, "verdict": m.verdict, "note": m.note, "updated": m.updated}
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
