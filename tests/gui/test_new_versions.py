"""A version added, removed or edited on disk while the window is open: every mark stays on its difference,
flagged "new version added" / "changed since review", the message bar says what happened, and the
current difference stays current."""

from __future__ import annotations

import html

import pytest

from copydesk.core.review import VERDICTS, load_review, verdict_label
from copydesk.gui.announcements import announcement, article_name

LOAD_TIMEOUT = 30_000
CONSENSUS = "no consensus today"


@pytest.fixture
def win(make_window, qtbot, seeds_copy):
    """A window on a copy of the seeds, re-compared only when the test says so (the watcher's own re-run
    would race with the assertions); every difference marked: verdicts in turn and a note naming it."""
    w = make_window()
    with qtbot.waitSignal(w.rendered, timeout=LOAD_TIMEOUT):
        w.open_folder(str(seeds_copy))
    w.session.watcher.changed.disconnect(w.session.reload)
    for i, d in enumerate(w.review.differences):
        w.review.mark(d.key, verdict=VERDICTS[(i + 2) % len(VERDICTS)][0], note=f"note {i}")
    w.marked = [(d, w.review.state.get(d.key)) for d in w.review.differences]  # type: ignore[attr-defined]
    return w


def _go_to(w, words):
    """Make the difference about words current, as the editor does: click into its row, press N."""
    c = w.review.comparison
    target = next(d for d in w.review.differences if any(words in c.paragraph(r).text for r in d.refs))
    w.review.anchor_at(target.refs[0])
    w.review.next()
    assert w.review.current == target
    return target


def _recompare(w, qtbot):
    before = w.session.comparison
    with qtbot.waitSignal(w.rendered, timeout=LOAD_TIMEOUT):
        w.session.reload()
    return before, w.session.comparison


def _home(d, differences, article=lambda a: a):
    """The difference now holding most of d's paragraphs (article indices mapped), or None."""
    refs = {(article(a), p) for a, p in d.refs} - {(None, p) for _, p in d.refs}
    best = max(differences, key=lambda e: len(refs & set(e.refs)))
    return best if refs & set(best.refs) else None


def _shows(mark, old):
    """mark still says what old said: its verdict and note, alone or merged with another row's."""
    notes = mark.note.split(" / ")
    if mark.verdict == old.verdict:
        return old.note in notes
    return f"{verdict_label(old.verdict)}: {old.note}" in notes


def _every_mark_on_its_difference(w, article=lambda a: a):
    placed = 0
    for d, old in w.marked:
        home = _home(d, w.review.differences, article)
        if home is None:  # only in a version that left: kept for when it comes back
            assert load_review(w.session.folder).get(d.key) == old
            continue
        assert _shows(w.review.state.get(home.key), old), (d.label, home.label, w.review.state.get(home.key))
        placed += 1
    return placed


def _paragraphs(path):
    return path.read_text(encoding="utf-8").split("\n\n")


def _write(path, paragraphs):
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")


def _bar(w):
    return w.message_bar.text() if w.message_bar.isVisible() else ""


def test_a_sixth_version_keeps_every_verdict_and_note_and_says_added(win, qtbot, seeds_copy):
    current = _go_to(win, CONSENSUS)
    assert current.label.startswith("Wording differs across 5 articles")
    paras = _paragraphs(seeds_copy / "001_7fe1c8b242bd6e6b.txt")
    paras[2] = paras[2].replace("Monday", "Tuesday", 1)  # a lightly edited copy of one seed
    _write(seeds_copy / "005_copy.txt", paras)
    old, new = _recompare(win, qtbot)

    assert len(new.articles) == 6
    assert _every_mark_on_its_difference(win) == len(win.marked)
    now = win.review.current  # the same difference, now with the sixth version in it
    assert now.label.startswith("Wording differs across 6 articles") and 5 in {a for a, _ in now.refs}
    assert now.key != current.key
    status = win.status.current.text()
    assert "✓ reviewed  ·  Error  ·  new version added since review  ·  note: note 3" in status
    assert status.startswith(f"Difference {win.review.index + 1} of {len(win.review.differences)}")
    expected = announcement(win.session.changes, old, new)
    assert expected == f"{article_name(new.articles[5])} added"
    assert html.escape(expected) in _bar(win)
    assert win.message_bar.property("level") == "info"

    # Another row the new version joined is flagged until the editor looks at it.
    other = next(d for d in win.review.differences if d != now and win.review.state.get(d.key).since == "added")
    win.review.anchor_at(other.refs[0])
    win.review.next()
    assert win.review.current == other
    assert "new version added since review" in win.status.current.text()  # still said while it is current
    assert load_review(win.session.folder).get(other.key).since == ""  # looked at: cleared, and saved
    win.review.next()  # on to the next difference, and back
    assert win.review.current != other
    win.review.previous()
    assert win.review.current == other and "since review" not in win.status.current.text()


def test_the_issue_case_rows_merged_by_the_sixth_version_keep_their_marks(win, qtbot, seeds_copy):
    _go_to(win, CONSENSUS)
    paras = _paragraphs(seeds_copy / "001_7fe1c8b242bd6e6b.txt")
    merged = paras[:3] + [paras[3] + " " + paras[4]] + paras[5:]  # the copy's editor joined two paragraphs
    _write(seeds_copy / "005_copy.txt", merged)
    _recompare(win, qtbot)

    assert _every_mark_on_its_difference(win) == len(win.marked)
    now = win.review.current
    assert now.label.startswith("Wording differs across 6 articles")
    assert any(CONSENSUS in win.review.comparison.paragraph(r).text for r in now.refs)
    # Two rows became one: the most serious verdict (difference 4's Error) stands, both notes are kept.
    status = win.status.current.text()
    assert "✓ reviewed  ·  Error  ·  changed since review  ·  note: " in status
    assert "note 3" in status.split("note: ", 1)[1].split(" / ")


def test_removing_a_version_keeps_the_marks_and_the_position(win, qtbot, seeds_copy):
    current = _go_to(win, CONSENSUS)
    gone = win.session.comparison.articles[2]
    (seeds_copy / gone.path).unlink()
    old, new = _recompare(win, qtbot)

    assert len(new.articles) == 4
    assert _every_mark_on_its_difference(win, {0: 0, 1: 1, 2: None, 3: 2, 4: 3}.get) > 0
    now = win.review.current  # the same row, without the removed version's paragraph
    assert now.label.startswith("Wording differs across 4 articles")
    assert set(now.refs) == {(a - (a > 2), p) for a, p in current.refs if a != 2}
    status = win.status.current.text()
    assert "✓ reviewed  ·  Error  ·  note: note 3" in status and "since review" not in status
    assert html.escape(f"{article_name(gone)} removed") in _bar(win)


def test_editing_a_reviewed_paragraph_says_changed_until_looked_at_again(win, qtbot, seeds_copy):
    current = _go_to(win, CONSENSUS)
    article, para = current.refs[-1]
    edited = win.session.comparison.articles[article]
    text = win.session.comparison.paragraph((article, para)).text
    path = seeds_copy / edited.path
    path.write_text(path.read_text(encoding="utf-8").replace(text, text + " He did not name any country."),
                    encoding="utf-8")
    old, new = _recompare(win, qtbot)

    assert _every_mark_on_its_difference(win) == len(win.marked)
    now = win.review.current
    assert now.key != current.key and any("He did not name" in new.paragraph(r).text for r in now.refs)
    assert "✓ reviewed  ·  Error  ·  changed since review  ·  note: note 3" in win.status.current.text()
    assert html.escape(f"{article_name(new.articles[article])} changed — re-compared") in _bar(win)
    # Marked again: looked at again.
    win.marks.set_verdict("ok")
    assert "since review" not in win.status.current.text() and "OK" in win.status.current.text()
    flagged = [d for d in win.review.differences if win.review.state.get(d.key).since]
    assert flagged == []  # only the edited difference changed


def test_the_folder_watcher_announces_a_new_file(make_window, qtbot, seeds_copy):
    w = make_window()
    with qtbot.waitSignal(w.rendered, timeout=LOAD_TIMEOUT):
        w.open_folder(str(seeds_copy))
    with qtbot.waitSignal(w.session.files_changed, timeout=LOAD_TIMEOUT):
        (seeds_copy / "005_desk.txt").write_text("Macron refuses to rule out troops\n\n“There’s no consensus "
                                                  "today to send troops,” Macron said.\n", encoding="utf-8")
    assert "added" in _bar(w)


def test_added_then_edited_then_removed_the_difference_stays_current_and_marked(win, qtbot, seeds_copy):
    current = _go_to(win, CONSENSUS)
    mark = win.review.state.get(current.key)
    paras = _paragraphs(seeds_copy / "001_7fe1c8b242bd6e6b.txt")
    _write(seeds_copy / "005_copy.txt", paras[:3] + [paras[3] + " " + paras[4]] + paras[5:])
    _recompare(win, qtbot)  # its row merged with the one before
    article, para = next(r for r in current.refs if r[0] == 2)
    text = win.session.comparison.paragraph((article, para)).text
    path = seeds_copy / win.session.comparison.articles[article].path
    path.write_text(path.read_text(encoding="utf-8").replace(text, text + " He did not name any country."),
                    encoding="utf-8")
    _recompare(win, qtbot)
    (seeds_copy / "005_copy.txt").unlink()
    _recompare(win, qtbot)  # the rows split again

    now = win.review.current
    assert now is not None and any(CONSENSUS in win.review.comparison.paragraph(r).text for r in now.refs)
    assert now.label.startswith("Wording differs across 5 articles")
    assert (win.review.state.get(now.key).verdict, win.review.state.get(now.key).note) == (mark.verdict, mark.note)
    assert "  ·  Error  ·  " in win.status.current.text() and "note: note 3" in win.status.current.text()
    assert _every_mark_on_its_difference(win) == len(win.marked)
