"""what_changed: which versions were added, removed or edited between two comparisons of one folder."""

import dataclasses

from copydesk.core.changes import Changes, what_changed
from copydesk.core.comparison import compare_texts
from copydesk.core.differences import paragraph_fingerprint
from copydesk.core.model import Problem

from handmade import AUDIT, BRIDGE, FERRY, MAYOR, PROTEST, story

NAMES = ["a.txt", "b.txt", "c.txt"]
TEXTS = [story(BRIDGE, MAYOR, AUDIT), story(BRIDGE, MAYOR, AUDIT, PROTEST), story(BRIDGE, MAYOR)]


def test_the_same_folder_compared_again_has_no_changes():
    old, new = compare_texts(TEXTS, NAMES), compare_texts(TEXTS, NAMES)
    changes = what_changed(old, new)
    assert changes == Changes() and not changes


def test_a_version_added_and_one_removed_are_named_with_their_paragraphs():
    old = compare_texts(TEXTS, NAMES)
    new = compare_texts(TEXTS[:2] + [story(BRIDGE, FERRY)], NAMES[:2] + ["d.txt"])
    changes = what_changed(old, new)
    assert changes and (changes.added, changes.removed, changes.changed) == (("d.txt",), ("c.txt",), ())
    assert changes.from_added == {paragraph_fingerprint(BRIDGE), paragraph_fingerprint(FERRY)}
    assert changes.gone == {paragraph_fingerprint(BRIDGE), paragraph_fingerprint(MAYOR)}  # c.txt's paragraphs
    assert changes.edited == ()


def test_an_edited_paragraph_is_paired_with_its_new_wording_and_a_rewritten_one_is_not():
    old = compare_texts(TEXTS, NAMES)
    mayor = MAYOR.replace("three years", "four years")
    rewritten = "Fishermen blocked the harbour entrance with their boats for an hour on Wednesday morning."
    new = compare_texts([TEXTS[0], story(BRIDGE, mayor, AUDIT, rewritten), TEXTS[2]], NAMES)
    changes = what_changed(old, new)
    assert changes.changed == ("b.txt",) and changes.added == changes.removed == ()
    assert changes.edited == ((paragraph_fingerprint(MAYOR), paragraph_fingerprint(mayor)),)
    # MAYOR is still in a.txt, but b.txt lost it; the protest went with the rewrite.
    assert changes.gone == {paragraph_fingerprint(MAYOR), paragraph_fingerprint(PROTEST)}


def test_reordering_or_reflowing_paragraphs_edits_nothing():
    old = compare_texts(TEXTS, NAMES)
    reflowed = "\n\n".join([AUDIT, BRIDGE.replace(" ", "\n", 3), MAYOR, PROTEST])
    changes = what_changed(old, compare_texts([TEXTS[0], reflowed, TEXTS[2]], NAMES))
    assert changes.changed == ("b.txt",)  # the file changed on disk
    assert changes.edited == () and changes.gone == frozenset()  # but every paragraph is still there


def test_ignored_paths_and_unreadable_files_are_not_announced():
    old = compare_texts(TEXTS, NAMES)
    new = compare_texts(TEXTS[:2], NAMES[:2])
    assert what_changed(old, new, ignore={"c.txt"}) == Changes()  # excluded by the user: not a change on disk
    unreadable = dataclasses.replace(new, problems=(Problem("c.txt", "binary file"),))
    changes = what_changed(old, unreadable)
    assert changes.removed == () and not changes  # the problems bar says why it is missing
    assert changes.gone == {paragraph_fingerprint(BRIDGE), paragraph_fingerprint(MAYOR)}  # marks still know
    assert what_changed(new, old, ignore={"c.txt"}) == Changes()  # included again
