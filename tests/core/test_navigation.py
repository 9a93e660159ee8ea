"""core.navigation.Navigator: stepping through differences without Qt."""

from __future__ import annotations

import os

from copydesk.core.differences import Difference
from copydesk.core.navigation import Navigator, locate, successor


def _diff(key: str, row: int, fingerprints: tuple[str, ...] = ()) -> Difference:
    return Difference(key, "wording", row, ((0, row), (1, row)), f"label {key}", fingerprints or (key + "a", key + "b"),
                      row)


DIFFS = tuple(_diff(k, r) for k, r in (("a", 0), ("b", 2), ("c", 3), ("d", 7)))
NONE_REVIEWED = frozenset[str]().__contains__


def test_next_and_previous_walk_the_list_and_stop_at_the_ends():
    nav = Navigator(DIFFS)
    assert nav.current is None and nav.position_text() == ""
    nav = nav.next(NONE_REVIEWED)
    assert nav.current.key == "a" and nav.position_text() == "Difference 1 of 4"
    for expected in "bcd":
        nav = nav.next(NONE_REVIEWED)
        assert nav.current.key == expected
    assert nav.next(NONE_REVIEWED) is nav  # nothing after the last one
    assert nav.previous(NONE_REVIEWED).current.key == "c"
    assert Navigator(DIFFS).previous(NONE_REVIEWED).current.key == "d"  # from nowhere, backwards: the last


def test_first_last_and_empty_lists():
    nav = Navigator(DIFFS)
    assert nav.last(NONE_REVIEWED).current.key == "d"
    assert nav.last(NONE_REVIEWED).first(NONE_REVIEWED).current.key == "a"
    empty = Navigator()
    assert empty.next(NONE_REVIEWED) is empty and empty.first(NONE_REVIEWED) is empty
    assert nav.go(9) is nav and nav.go(None) is nav


def test_unreviewed_only_skips_reviewed_differences():
    reviewed = frozenset({"b", "c"}).__contains__
    nav = Navigator(DIFFS).filtered(True).next(reviewed)
    assert nav.current.key == "a"
    assert nav.next(reviewed).current.key == "d"
    assert nav.next(reviewed).previous(reviewed).current.key == "a"
    assert Navigator(DIFFS).filtered(True).last(frozenset("d").__contains__).current.key == "c"
    assert nav.filtered(False).next(reviewed).current.key == "b"


def test_a_selected_row_is_where_the_next_step_starts():
    nav = Navigator(DIFFS).next(NONE_REVIEWED)  # at a (row 0)
    assert nav.anchored(3).next(NONE_REVIEWED).current.key == "c"  # c sits on the selected row: it comes next
    assert nav.anchored(3).previous(NONE_REVIEWED).current.key == "c"  # either way
    assert nav.anchored(4).next(NONE_REVIEWED).current.key == "d"
    assert nav.anchored(4).previous(NONE_REVIEWED).current.key == "c"
    assert nav.anchored(1).previous(NONE_REVIEWED).current.key == "a"
    moved = nav.anchored(5).next(NONE_REVIEWED)
    assert moved.anchor_row is None  # a move forgets the anchor


def test_successor_after_realignment():
    nav = Navigator(DIFFS).go(2)  # c
    same_key = (_diff("x", 0), _diff("c", 1))
    assert nav.rebased(same_key).current.key == "c"
    # c's rows changed (another version joined): the difference holding most of its paragraphs follows it
    grown = (_diff("x", 0), _diff("c2", 4, ("ca", "cb", "new")))
    assert nav.rebased(grown).current.key == "c2"
    assert successor(DIFFS[2], (_diff("x", 0, ("zz",)),)) is None
    assert nav.rebased((_diff("x", 0, ("zz",)),)).current is None
    assert Navigator(DIFFS).rebased(same_key).current is None  # nothing was current


def test_changed_words_step_and_wrap(seeds_comparison):
    from copydesk.core.differences import find_differences

    diffs = find_differences(seeds_comparison)
    i = next(i for i, d in enumerate(diffs) if d.kind == "wording")
    nav = Navigator(diffs).go(i, seeds_comparison)
    assert nav.inline and all(r[:2] in diffs[i].refs for r in nav.inline)
    seen = []
    for _ in range(len(nav.inline) + 1):
        nav, rng = nav.step_inline(+1)
        seen.append(rng)
    assert seen[0] == nav.inline[0] and seen[-1] == nav.inline[0]  # wrapped around
    nav, back = nav.step_inline(-1)
    assert back == nav.inline[-1]
    assert Navigator(diffs).step_inline(1)[1] is None


def test_next_unreviewed_skips_reviewed_ones_and_stops_at_the_end_without_wrap():
    reviewed = frozenset({"b", "c"}).__contains__
    nav = Navigator(DIFFS).next_unreviewed(reviewed)
    assert nav.current.key == "a"  # from nowhere: the first unreviewed one
    nav = nav.next_unreviewed(reviewed)
    assert nav.current.key == "d"  # b and c are reviewed, whatever the filter says
    assert nav.next_unreviewed(reviewed) is nav  # nothing after d: no move without wrap
    assert nav.remaining(reviewed) == 2 and nav.remaining(NONE_REVIEWED) == 4


def test_next_unreviewed_wraps_to_the_first_unreviewed_one_from_the_top():
    reviewed = frozenset({"a", "d"}).__contains__
    at_end = Navigator(DIFFS).go(3)  # d, the last one
    wrapped = at_end.next_unreviewed(reviewed, wrap=True)
    assert wrapped.current.key == "b"  # a is reviewed: the first unreviewed one from the top
    everything = frozenset("abcd").__contains__
    assert at_end.next_unreviewed(everything, wrap=True) is at_end and at_end.remaining(everything) == 0
    only_current = frozenset("abd").__contains__  # the current one is the only one left: wrapping finds it
    at_c = Navigator(DIFFS).go(2)
    assert at_c.next_unreviewed(only_current, wrap=True).current.key == "c"
    assert at_c.next_unreviewed(only_current) is at_c  # without wrap: nothing after it


def test_locate_finds_a_remembered_difference_by_key_or_by_its_paragraphs():
    assert locate("c", ("ca", "cb"), DIFFS) == 2
    regrouped = (_diff("x", 0), _diff("c2", 4, ("ca", "cb", "new")))
    assert locate("c", ("ca", "cb"), regrouped) == 1  # re-aligned: the difference holding its paragraphs
    assert locate("gone", ("zz",), DIFFS) is None
    assert locate("gone", (), DIFFS) is None


def test_the_position_is_saved_with_the_marks_and_found_again_after_realignment(home, folder):
    from copydesk.core.review import load_review, reload_review, save_review

    assert load_review(folder).position() is None  # never opened: no position
    here = DIFFS[2]
    state = save_review(load_review(folder).with_mark("a", reviewed=True).with_position(here.key, here.fingerprints))
    reopened = load_review(folder)  # a restart
    assert reopened.position() == ("c", ("ca", "cb")) and reopened.get("a").reviewed
    regrouped = (_diff("x", 0), _diff("c2", 4, ("ca", "cb", "new")))
    key, fingerprints = reopened.position()
    assert locate(key, fingerprints, regrouped) == 1
    # Another window saves a position later; this window's own unsaved move still wins at its next save.
    other = save_review(load_review(folder).with_position("d", ("da", "db")))
    assert reload_review(state).position() == ("d", ("da", "db"))  # nothing moved here: the newer one on disk
    moved = state.with_position("b", ("ba", "bb"))
    assert reload_review(moved).position() == ("b", ("ba", "bb"))
    assert save_review(moved).position() == ("b", ("ba", "bb")) == load_review(folder).position()
    assert other.get("a").reviewed  # positions never cost a mark


def test_a_damaged_position_is_ignored(home, folder):
    import json

    from copydesk.core.review import load_review, review_file

    path = review_file(folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    for bad in ([1], {"key": 3}, {"key": ""}, "c"):
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"version": 2, "marks": {}, "position": bad}, f)
        assert load_review(folder).position() is None
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 2, "marks": {}, "position": {"key": "c", "fingerprints": "ca"}}, f)
    assert load_review(folder).position() == ("c", ())
