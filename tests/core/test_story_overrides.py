"""The editor's story corrections (core.story_overrides) and the review position kept per story (core.review)."""

from __future__ import annotations

import json
import os

import pytest

from copydesk.core.corpus import SourceText
from copydesk.core.review import load_review, reload_review, review_file, save_review
from copydesk.core.stories import StoryOverride, group_stories
from copydesk.core.story_overrides import (StorySettings, add_override, load_story_settings, save_chosen_story,
                                           story_settings_file)

pytestmark = pytest.mark.usefixtures("home")  # conftest: a COPYDESK_HOME of the test's own


def test_nothing_saved_loads_empty(folder):
    assert load_story_settings(folder) == StorySettings()
    assert not os.path.exists(story_settings_file(folder))


def test_the_file_sits_next_to_the_review_marks(folder):
    marks, stories = review_file(folder), story_settings_file(folder)
    assert os.path.dirname(marks) == os.path.dirname(stories)
    assert os.path.basename(stories) == os.path.basename(marks).replace(".json", ".stories.json")


def test_overrides_are_saved_in_order_and_the_latest_choice_for_an_article_wins(folder):
    add_override(folder, StoryOverride("b.txt", "x.txt"))
    add_override(folder, StoryOverride("c.txt", None))
    saved = add_override(folder, StoryOverride("b.txt", None))  # the editor changed their mind
    assert saved.overrides == (StoryOverride("c.txt", None), StoryOverride("b.txt", None))
    assert load_story_settings(folder).overrides == saved.overrides
    raw = json.loads(open(story_settings_file(folder), encoding="utf-8").read())
    assert raw["overrides"] == [{"path": "c.txt", "with": None}, {"path": "b.txt", "with": None}]


def test_the_chosen_story_is_remembered_beside_the_overrides(folder):
    add_override(folder, StoryOverride("b.txt", "a.txt"))
    save_chosen_story(folder, "abc123def456", ["a.txt", "b.txt"])
    loaded = load_story_settings(folder)
    assert loaded.chosen == "abc123def456" and loaded.chosen_paths == ("a.txt", "b.txt")
    assert loaded.overrides == (StoryOverride("b.txt", "a.txt"),)  # one does not cost the other


def test_two_windows_keep_each_others_corrections(folder):
    first = load_story_settings(folder)  # both opened the folder before either saved
    add_override(folder, StoryOverride("a.txt", None))
    add_override(folder, StoryOverride("b.txt", "c.txt"))  # the second window: re-reads under the lock
    assert first.overrides == ()
    assert {o.path for o in load_story_settings(folder).overrides} == {"a.txt", "b.txt"}


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"overrides": 7}', b"\xff\xfe\x00garbage"])
def test_a_corrupt_file_is_reported_kept_aside_and_ignored(folder, content):
    path = story_settings_file(folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(content)
    loaded = load_story_settings(folder)
    assert loaded.overrides == () and loaded.chosen == ""
    assert loaded.notice.startswith("Story corrections could not be read")
    assert os.path.exists(path + ".corrupt-1") and not os.path.exists(path)
    with open(path + ".corrupt-1", "rb") as fh:
        assert fh.read() == content  # kept for a human to look at
    add_override(folder, StoryOverride("a.txt", None))  # and the next correction is saved afresh
    assert load_story_settings(folder).overrides == (StoryOverride("a.txt", None),)


def test_damaged_entries_are_skipped_and_told(folder):
    path = story_settings_file(folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    doc = {"version": 1, "overrides": [{"path": "a.txt", "with": None}, {"path": 3}, "b.txt",
                                       {"path": "c.txt", "with": "a.txt"}], "chosen": {"id": 5}, "future": [1]}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)
    loaded = load_story_settings(folder)
    assert loaded.overrides == (StoryOverride("a.txt", None), StoryOverride("c.txt", "a.txt"))
    assert loaded.chosen == ""
    assert loaded.notice == "2 story corrections could not be read and were ignored."
    save_chosen_story(folder, "s1", ["a.txt"])
    assert json.loads(open(path, encoding="utf-8").read())["future"] == [1]  # a newer format's field is kept


def test_a_special_file_is_refused_without_blocking(folder):
    path = story_settings_file(folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.mkfifo(path)
    loaded = load_story_settings(folder)
    assert loaded.overrides == () and "could not be read" in loaded.notice


def test_a_folder_name_that_is_not_utf8_round_trips(tmp_path):
    odd = os.path.join(str(tmp_path), os.fsdecode(b"wire\xff"))
    os.mkdir(odd)
    name = os.fsdecode(b"caf\xe9.txt")
    add_override(odd, StoryOverride(name, None))
    assert load_story_settings(odd).overrides == (StoryOverride(name, None),)


def test_saved_overrides_regroup_the_folder_as_the_editor_said(folder):
    bridge = "Council approves harbour bridge\n\nThe city council approved the harbour bridge on Tuesday."
    chess = "Carlsen wins in Zagreb\n\nMagnus Carlsen won the rapid chess tournament in Zagreb on Saturday."
    sources = (SourceText("a.txt", bridge, "utf-8"), SourceText("b.txt", bridge + " Work starts soon.", "utf-8"),
               SourceText("c.txt", chess, "utf-8"))
    add_override(folder, StoryOverride("b.txt", None))
    add_override(folder, StoryOverride("c.txt", "a.txt"))
    grouping = group_stories(sources, overrides=load_story_settings(folder).overrides)
    assert {s.paths for s in grouping.stories} == {("a.txt", "c.txt"), ("b.txt",)}


# --- the review position, per story (core.review) ----------------------------------------------------------


def test_each_story_keeps_its_own_position_and_the_folders_stays_as_it_was(folder):
    state = load_review(folder).with_position("k0", ["f0"])
    state = state.with_position("k1", ["f1a", "f1b"], story="story1").with_position("k2", ["f2"], story="story2")
    save_review(state)
    reopened = load_review(folder)
    assert reopened.position() == ("k0", ("f0",))
    assert reopened.position("story1") == ("k1", ("f1a", "f1b"))
    assert reopened.position("story2") == ("k2", ("f2",))
    assert reopened.position("story3") is None
    raw = json.loads(open(review_file(folder), encoding="utf-8").read())
    assert raw["position"]["key"] == "k0" and set(raw["story_positions"]) == {"story1", "story2"}


def test_two_windows_on_different_stories_keep_each_others_position(folder):
    one = load_review(folder)
    two = load_review(folder)
    save_review(one.with_position("k1", ["f1"], story="story1"))
    saved = save_review(two.with_position("k2", ["f2"], story="story2"))  # did not see story1's move
    assert saved.position("story1") == ("k1", ("f1",)) and saved.position("story2") == ("k2", ("f2",))
    # a window's own unsaved move for a story wins over what is on disk, the others come from disk
    moved = one.with_position("k1b", ["f1b"], story="story1")
    merged = reload_review(moved)
    assert merged.position("story1") == ("k1b", ("f1b",)) and merged.position("story2") == ("k2", ("f2",))


def test_a_damaged_story_position_is_ignored(folder):
    path = review_file(folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": 2, "marks": {}, "story_positions": {"s1": "nonsense", "s2": {"key": 4}}}, fh)
    state = load_review(folder)
    assert state.position("s1") is None and state.position("s2") is None and state.position() is None
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": 2, "marks": {}, "story_positions": [1, 2]}, fh)
    state = load_review(folder)
    assert state.position("s1") is None
    assert save_review(state.with_position("k", [], story="s1")).position("s1") == ("k", ())


def test_marks_of_another_storys_differences_never_follow_into_this_one(folder):
    # a paragraph two stories share (a standard background paragraph): story 2's mark on it stays story 2's
    state = load_review(folder).with_mark("story2-key", reviewed=True, note="checked", fingerprints=("bg", "x2"))
    items = [("story1-key", ("bg", "x2"))]
    assert state.follow(items).get("story1-key").note == "checked"  # without keep it would move over
    kept = state.follow(items, keep={"story2-key"})
    assert kept is state and not kept.get("story1-key").reviewed and kept.get("story2-key").note == "checked"
