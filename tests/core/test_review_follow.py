"""Review marks follow their differences when a version is added, removed or edited (the seeds, plus one).

Why marks used to be lost: a sixth version that merges or drops a paragraph links rows that were apart,
so the new difference holds all of a mark's paragraphs and as many others; on both sides (Jaccard)
that is under FOLLOW_SIMILARITY, and two marks wanting one row could not both have it.
"""

import os

import pytest

from copydesk.core.carry import successor_index
from copydesk.core.changes import what_changed
from copydesk.core.comparison import compare_texts
from copydesk.core.differences import find_differences
from copydesk.core.review import (FOLLOW_SIMILARITY, VERDICTS, Mark, ReviewState, content_similarity, load_review,
                                  review_file, review_to_json, save_review, since_label, verdict_label)

pytestmark = pytest.mark.usefixtures("home")  # conftest: a COPYDESK_HOME of the test's own

CONSENSUS = "no consensus today"


def _paragraphs(text):
    return text.split("\n\n")


def _merged_copy(text, first):
    """A copy of a seed whose editor joined paragraph first with the next one."""
    paras = _paragraphs(text)
    return "\n\n".join(paras[:first] + [paras[first] + " " + paras[first + 1]] + paras[first + 2:])


def _word_changed(text, paragraph, old, new):
    paras = _paragraphs(text)
    assert old in paras[paragraph]
    paras[paragraph] = paras[paragraph].replace(old, new, 1)
    return "\n\n".join(paras)


def _items(diffs):
    return [(d.key, d.fingerprints) for d in diffs]


def _marked(folder, diffs):
    """Every difference marked: verdicts in turn, and a note naming its position."""
    state = ReviewState(folder)
    for i, d in enumerate(diffs):
        state = state.with_mark(d.key, verdict=VERDICTS[(i + 2) % len(VERDICTS)][0], note=f"note {i}",
                                fingerprints=d.fingerprints)
    return state


def _home_of(d, after, article_map=None):
    """The difference of after that holds most of d's paragraphs (article indices mapped), or None."""
    refs = {(article_map(a) if article_map else a, p) for a, p in d.refs}
    refs.discard(None)
    best = max(after, key=lambda e: len(refs & set(e.refs)))
    return best if refs & set(best.refs) else None


def _carries(mark, i, verdict):
    """Whether mark holds the note and verdict given to difference i (alone, or merged with another row's)."""
    notes = mark.note.split(" / ")
    if mark.verdict == verdict:
        return f"note {i}" in notes
    return f"{verdict_label(verdict)}: note {i}" in notes


def _about(c, diffs, words):
    (found,) = [d for d in diffs if any(words in c.paragraph(r).text for r in d.refs)]
    return found


# --- a version added ------------------------------------------------------------------------------

def test_a_lightly_edited_copy_as_sixth_version_keeps_every_mark_on_its_difference(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    six = compare_texts(texts + [_merged_copy(texts[1], 3)], names + ["005_copy.txt"])
    before, after = find_differences(seeds_five), find_differences(six)
    state = _marked(folder, before)
    followed = state.follow(_items(after), what_changed(seeds_five, six))
    for i, d in enumerate(before):
        home = _home_of(d, after)
        assert home is not None, d.label
        assert _carries(followed.get(home.key), i, state.get(d.key).verdict), (i, d.label, followed.get(home.key))
    # The case of the issue: difference 4 now reads "Wording differs across 6 articles" in a row that the
    # merged paragraph joined to the one before it; it holds every paragraph of the old one, yet Jaccard
    # says it is not the same difference.
    consensus = _about(seeds_five, before, CONSENSUS)
    home = _home_of(consensus, after)
    assert before.index(consensus) == 3 and home.label.startswith("Wording differs across 6 articles")
    assert set(consensus.fingerprints) <= set(home.fingerprints)
    assert content_similarity(consensus.fingerprints, home.fingerprints) < FOLLOW_SIMILARITY
    mark = followed.get(home.key)
    assert state.get(consensus.key).verdict == "error" and _carries(mark, 3, "error")
    assert mark.since == "changed"  # it holds what were two differences: read it again


def test_a_row_that_only_the_new_version_joined_says_added(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    sixth = _word_changed(texts[1], 2, "Monday", "Tuesday")
    six = compare_texts(texts + [sixth], names + ["005_copy.txt"])
    before, after = find_differences(seeds_five), find_differences(six)
    state = _marked(folder, before)
    changes = what_changed(seeds_five, six)
    followed = state.follow(_items(after), changes)
    consensus = _about(seeds_five, before, CONSENSUS)
    home = _about(six, after, CONSENSUS)
    assert home.key != consensus.key and 5 in {a for a, _ in home.refs}
    mark = followed.get(home.key)
    assert (mark.verdict, mark.note, mark.since) == ("error", "note 3", "added")
    assert since_label(mark.since) == "new version added since review"
    assert followed.get(consensus.key) == Mark()  # moved, not copied
    for i, d in enumerate(before):
        home = _home_of(d, after)
        assert _carries(followed.get(home.key), i, state.get(d.key).verdict)
        expected = "" if home.key == d.key else "added"  # a row the new version did not join is as reviewed
        assert followed.get(home.key).since == expected, d.label
    again = followed.follow(_items(after), changes)
    assert again is followed  # carried once


def test_without_changes_marks_still_follow_but_are_not_flagged(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    six = compare_texts(texts + [_merged_copy(texts[1], 3)], names + ["005_copy.txt"])
    before, after = find_differences(seeds_five), find_differences(six)
    followed = _marked(folder, before).follow(_items(after))  # e.g. the app restarted meanwhile
    assert all(followed.get(_home_of(d, after).key).note for d in before)
    assert not any(m.since for _, m in followed.marks)


def test_the_marks_come_back_when_the_sixth_version_leaves(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    six = compare_texts(texts + [_merged_copy(texts[1], 3)], names + ["005_copy.txt"])
    before, after = find_differences(seeds_five), find_differences(six)
    state = _marked(folder, before)
    followed = state.follow(_items(after), what_changed(seeds_five, six))
    back = followed.follow(_items(before), what_changed(six, seeds_five))
    for d in before:
        mark = back.get(d.key)
        assert (mark.verdict, mark.note) == (state.get(d.key).verdict, state.get(d.key).note)


# --- a version removed ----------------------------------------------------------------------------

def test_removing_a_version_keeps_every_mark_whose_paragraphs_remain(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    four = compare_texts(texts[:3] + texts[4:], names[:3] + names[4:])
    before, after = find_differences(seeds_five), find_differences(four)
    state = _marked(folder, before)
    changes = what_changed(seeds_five, four)
    assert changes.removed == (names[3],)
    followed = state.follow(_items(after), changes)
    article = {0: 0, 1: 1, 2: 2, 3: None, 4: 3}.get
    for i, d in enumerate(before):
        home = _home_of(d, after, article)
        if home is None:  # only in the removed version: kept under its key, for when it comes back
            assert followed.get(d.key) == state.get(d.key)
            continue
        assert _carries(followed.get(home.key), i, state.get(d.key).verdict), d.label
        assert followed.get(home.key).since in ("", "changed")  # nothing new to read: never "added"
    back = followed.follow(_items(before), what_changed(four, seeds_five))
    assert all(back.get(d.key).note == state.get(d.key).note for d in before)


# --- a version edited -----------------------------------------------------------------------------

def test_editing_a_reviewed_paragraph_keeps_the_mark_and_says_changed(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    consensus = _about(seeds_five, find_differences(seeds_five), CONSENSUS)
    article, para = consensus.refs[-1]
    old_text = seeds_five.paragraph((article, para)).text
    edited = list(texts)
    edited[article] = texts[article].replace(old_text, old_text + " He did not name any country.")
    c = compare_texts(edited, names)
    changes = what_changed(seeds_five, c)
    assert changes.changed == (names[article],) and len(changes.edited) == 1
    before, after = find_differences(seeds_five), find_differences(c)
    state = _marked(folder, before)
    followed = state.follow(_items(after), changes)
    home = _about(c, after, CONSENSUS)
    assert home.key != consensus.key
    mark = followed.get(home.key)
    assert (mark.verdict, mark.note, mark.since) == ("error", "note 3", "changed")
    assert since_label("changed") == "changed since review"
    flagged = [d for d in after if followed.get(d.key).since]
    assert flagged == [home]  # the edit touched one difference only


def test_a_unique_paragraph_edited_lightly_follows_and_one_rewritten_stays_behind(seed_texts, seeds_five, folder):
    names, texts = seed_texts
    before = find_differences(seeds_five)
    unique = next(d for d in before if d.kind == "unique" and len(seeds_five.paragraph(d.refs[0]).text) > 80)
    (article, para), = unique.refs
    text = seeds_five.paragraph((article, para)).text
    words = text.split()
    lightly = " ".join(words[:-1] + ["(corrected)", words[-1]])
    rewritten = "The desk replaced this paragraph with an entirely new account of the afternoon."
    state = _marked(folder, before)
    for replacement, follows in ((lightly, True), (rewritten, False)):
        edited = list(texts)
        edited[article] = texts[article].replace(text, replacement)
        c = compare_texts(edited, names)
        after = find_differences(c)
        home = next(d for d in after if d.refs == ((article, para),))
        followed = state.follow(_items(after), what_changed(seeds_five, c))
        mark = followed.get(home.key)
        if follows:
            assert (mark.note, mark.since) == (state.get(unique.key).note, "changed")
        else:  # the editor has not seen these words: not the same difference
            assert mark == Mark() and followed.get(unique.key) == state.get(unique.key)
        # Without knowing the old text (a restart), even a light edit leaves the mark behind.
        assert state.follow(_items(after)).get(home.key) == Mark()


# --- merging, flags, the file ---------------------------------------------------------------------

def test_two_marks_on_rows_that_merged_are_combined_and_kept_under_their_keys(folder):
    state = (ReviewState(folder).with_mark("a", verdict="error", note="figure wrong", fingerprints=("p1", "p2"))
             .with_mark("b", verdict="check", note="call Paris", fingerprints=("p3", "p4"))
             .with_mark("c", verdict="error", fingerprints=("p5",)))
    changes = what_changed_stub()
    followed = state.follow([("ab", ("p1", "p2", "p3", "p4", "n")), ("c2", ("p5", "n2"))], changes)
    mark = followed.get("ab")
    assert (mark.verdict, mark.note, mark.since, mark.reviewed) == (
        "error", "figure wrong / Check with desk: call Paris", "changed", True)
    # The most serious verdict stands for the merged row; the others are named in the note.
    legal = state.with_mark("b", verdict="legal")
    merged = legal.follow([("ab", ("p1", "p2", "p3", "p4", "n"))], changes).get("ab")
    assert (merged.verdict, merged.note) == ("legal", "Error: figure wrong / call Paris")
    assert followed.get("a") == state.get("a") and followed.get("b") == state.get("b")  # they come back
    assert followed.get("c2").verdict == "error" and followed.get("c") == Mark()
    # The new version leaves after a paragraph of each row was edited: each row gets its own mark back,
    # and the merged mark, which says nothing more, stays aside rather than adding to either.
    from copydesk.core.changes import Changes

    split = Changes(removed=("new.txt",), changed=("x.txt",), edited=(("p1", "q1"), ("p3", "q3")),
                    gone=frozenset({"n", "n2", "p1", "p3"}))
    back = followed.follow([("a'", ("q1", "p2")), ("b'", ("q3", "p4")), ("c2'", ("p5",))], split)
    assert (back.get("a'").verdict, back.get("a'").note) == ("error", "figure wrong")
    assert (back.get("b'").verdict, back.get("b'").note) == ("check", "call Paris")
    assert back.get("c2'").verdict == "error"


def what_changed_stub():
    """Changes as what_changed gives them when a version with paragraphs n and n2 was added."""
    from copydesk.core.changes import Changes

    return Changes(added=("new.txt",), from_added=frozenset({"n", "n2"}))


def test_a_row_split_in_two_gives_its_mark_to_the_larger_part(folder):
    from copydesk.core.changes import Changes

    state = ReviewState(folder).with_mark("big", note="kept", fingerprints=("a", "b", "c", "d", "e", "f", "x"))
    changes = Changes(removed=("gone.txt",), gone=frozenset({"x"}))
    followed = state.follow([("one", ("a", "b")), ("two", ("c", "d", "e")), ("three", ("f",))], changes)
    assert followed.get("two").note == "kept" and followed.get("big") == Mark()
    assert state.follow([("one", ("a", "b")), ("two", ("c", "d", "e")), ("three", ("f",))]).get("two").note == "kept"
    # When most of its paragraphs are in no difference, the largest part is not the row: the mark waits.
    assert state.follow([("one", ("a", "b")), ("two", ("c", "y"))]) is state


def test_since_is_saved_only_when_set_and_cleared_by_marking_again(folder):
    from copydesk.core.changes import Changes

    state = ReviewState(folder).with_mark("old", verdict="ok", note="n", fingerprints=("a",))
    flagged = state.follow([("new", ("a", "z"))], Changes(added=("v.txt",), from_added=frozenset({"z"})))
    assert flagged.get("new").since == "added"
    saved = review_to_json(flagged)["marks"]
    assert saved["new"]["since"] == "added"
    assert "since" not in review_to_json(state)["marks"]["old"]  # files stay as older versions wrote them
    save_review(flagged)
    assert load_review(folder).get("new").since == "added"
    assert flagged.with_mark("new", note="looked again").get("new").since == ""
    assert flagged.with_mark("new", since="").get("new").note == "n"


def test_a_since_value_that_is_not_text_is_kept_as_it_was(folder):
    import json

    path = review_file(folder)
    os.makedirs(os.path.dirname(path))
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 2, "marks": {"k": {"reviewed": True, "since": {"future": 1}}}}, f)
    state = load_review(folder)
    assert state.get("k").since == "" and dict(state.get("k").extra) == {"since": {"future": 1}}
    assert review_to_json(state)["marks"]["k"]["since"] == {"future": 1}


def test_successor_index_finds_the_same_difference_as_follow(seed_texts, seeds_five):
    names, texts = seed_texts
    six = compare_texts(texts + [_merged_copy(texts[1], 3)], names + ["005_copy.txt"])
    before, after = find_differences(seeds_five), find_differences(six)
    items = _items(after)
    changes = what_changed(seeds_five, six)
    for d in before:
        assert after[successor_index(d.key, d.fingerprints, items, changes)] == _home_of(d, after)
    assert successor_index(after[2].key, (), items) == 2  # the same key
    assert successor_index("gone", ("nowhere",), items) is None


def test_a_mark_finds_its_own_row_when_merged_rows_split_again_after_an_edit(seed_texts, seeds_five, folder):
    """Add a copy that merges difference 4's row with the one before, edit difference 4 meanwhile, remove
    the copy: the mark goes back to difference 4, not to the larger row it was merged with."""
    names, texts = seed_texts
    consensus = _about(seeds_five, find_differences(seeds_five), CONSENSUS)
    state = ReviewState(folder).with_mark(consensus.key, verdict="legal", note="check quote",
                                          fingerprints=consensus.fingerprints)
    six = compare_texts(texts + [_merged_copy(texts[1], 3)], names + ["005_copy.txt"])
    state = state.follow(_items(find_differences(six)), what_changed(seeds_five, six))
    merged = _home_of(consensus, find_differences(six))
    assert state.get(merged.key).note == "check quote" and len(merged.refs) > len(consensus.refs) + 1
    quote = next(r for r in consensus.refs if r[0] == 2)
    old_text = seeds_five.paragraph(quote).text
    edited = list(texts)
    edited[2] = texts[2].replace(old_text, old_text + " He did not name any country.")
    six_edited = compare_texts(edited + [_merged_copy(texts[1], 3)], names + ["005_copy.txt"])
    state = state.follow(_items(find_differences(six_edited)), what_changed(six, six_edited))
    five_edited = compare_texts(edited, names)
    after = find_differences(five_edited)
    state = state.follow(_items(after), what_changed(six_edited, five_edited))
    home = _about(five_edited, after, CONSENSUS)
    assert (state.get(home.key).verdict, state.get(home.key).note) == ("legal", "check quote")
    assert [d for d in after if state.get(d.key).note] == [home]


def test_a_mark_kept_aside_follows_the_edits_of_its_paragraphs(folder):
    from copydesk.core.changes import Changes

    state = ReviewState(folder).with_mark("aside", note="n", fingerprints=("p1", "p2"))
    edited = state.follow([("other", ("z",))], Changes(changed=("x.txt",), edited=(("p1", "q1"),)))
    assert edited.get("aside").fingerprints == ("p2", "q1") and edited.get("aside").note == "n"
    # so that when its row shows again, reworded, it is found there
    assert edited.follow([("row", ("q1", "p2", "y"))]).get("row").note == "n"


def test_merging_a_merged_note_again_repeats_nothing(folder):
    from copydesk.core.changes import Changes

    state = (ReviewState(folder).with_mark("a", verdict="error", note="one / OK: two", fingerprints=("p1",))
             .with_mark("b", verdict="error", note="two / one", fingerprints=("p2",)))
    merged = state.follow([("ab", ("p1", "p2"))], Changes(added=("v.txt",)))
    assert merged.get("ab").note == "one / OK: two / two"
