"""Loading through the session (off the GUI thread), folder watching, and review marks across reloads."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QTimer

from copydesk.core.review import load_review
from copydesk.gui.main_window import MainWindow
from copydesk.gui.watcher import FolderWatcher

LOAD_TIMEOUT = 30_000


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    yield win
    win.session.watcher.stop()
    win.session.runner.wait_for_done(10_000)


def _open(qtbot, win, folder) -> None:
    """Open folder and wait until the panes are shown and the editorial checks have landed after them."""
    with qtbot.waitSignals([win.rendered, win.checked], timeout=LOAD_TIMEOUT):
        win.open_folder(str(folder))


def _edit_other_paragraph(folder, avoid: str) -> None:
    """Rewrite one paragraph of article 003 that has nothing to do with the marked difference."""
    path = folder / "003_5689236aba401c3a.txt"
    text = path.read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    target = next(i for i, p in enumerate(paragraphs) if len(p) > 80 and p.strip() not in avoid and i > 2)
    paragraphs[target] = paragraphs[target] + " The desk added this sentence."
    path.write_text("\n".join(paragraphs), encoding="utf-8")


def test_load_runs_in_background_and_shows_the_folder(window, qtbot, seeds_copy):
    _open(qtbot, window, seeds_copy)
    assert len(window.panes.panes) == 5
    assert window.session.comparison.folder == os.path.abspath(seeds_copy)
    assert window.session.recent.items()[0] == os.path.abspath(seeds_copy)


def test_marks_survive_reload_and_realignment_after_an_edit(window, qtbot, seeds_copy):
    _open(qtbot, window, seeds_copy)
    window.review.next()
    window.review.next()
    diff = window.review.current
    window.marks.set_verdict("check")
    window.review.mark(diff.key, note="call Paris bureau")
    marked_text = " ".join(window.session.comparison.paragraph(r).text for r in diff.refs)
    assert load_review(str(seeds_copy)).get(diff.key).verdict == "check"  # saved at once

    _open(qtbot, window, seeds_copy)  # plain reload
    assert window.review.state.get(diff.key).verdict == "check"

    _edit_other_paragraph(seeds_copy, marked_text)
    with qtbot.waitSignal(window.rendered, timeout=LOAD_TIMEOUT):
        window.session.watcher.changed.emit()  # what the debounced watcher emits after the edit
    assert "The desk added this sentence." in window.session.comparison.articles[3].text
    keys = [d.key for d in window.review.differences]
    assert diff.key in keys
    assert window.review.state.get(diff.key).note == "call Paris bureau"
    assert window.review.current is not None and window.review.current.key == diff.key


DESK_VERSION = ("Macron refuses to rule out troops for Ukraine\n\n"
                "“There’s no consensus today to send in an official, endorsed manner troops on the ground. "
                "But in terms of dynamics, nothing can be excluded,” Macron said late on Monday.\n\n"
                "Macron would not say which countries were thinking of sending soldiers.\n")


def _consensus(win):
    c = win.review.comparison
    return next(i for i, d in enumerate(win.review.differences)
                if any("no consensus today" in c.paragraph(r).text for r in d.refs))


def test_marks_follow_their_row_when_a_new_version_is_dropped_in(window, qtbot, seeds_copy):
    _open(qtbot, window, seeds_copy)
    target = window.review.differences[_consensus(window)]
    window.review.anchor_at(target.refs[0])  # the editor clicks into the row and presses N
    window.review.next()
    old = window.review.current
    assert old == target
    window.marks.set_verdict("check")
    window.review.mark(old.key, note="call Paris bureau")
    assert load_review(str(seeds_copy)).get(old.key).fingerprints  # saved with its paragraphs

    (seeds_copy / "005_desk.txt").write_text(DESK_VERSION, encoding="utf-8")
    with qtbot.waitSignal(window.rendered, timeout=LOAD_TIMEOUT):
        window.session.watcher.changed.emit()  # what the debounced watcher emits when a file appears
    assert len(window.session.comparison.articles) == 6
    new = window.review.differences[_consensus(window)]
    assert new.key != old.key and 5 in {a for a, _ in new.refs}  # the new version joined the row
    assert window.review.current == new  # the editor stays on it
    mark = window.review.state.get(new.key)
    assert (mark.verdict, mark.note) == ("check", "call Paris bureau")
    assert "note: call Paris bureau" in window.status.current.text()
    saved = load_review(str(seeds_copy))
    assert saved.get(new.key).note == "call Paris bureau" and saved.get(old.key).note == ""  # moved, not copied
    reviewed, total = window.review.progress()
    assert reviewed == 1 and total == len(window.review.differences)


def test_unreviewed_only_shows_in_the_status_bar(window, qtbot, seeds_copy):
    _open(qtbot, window, seeds_copy)
    with qtbot.waitSignal(window.review.marks_changed):
        window.actions_by_id["unreviewed_only"].setChecked(True)
    assert "unreviewed only" in window.status.review.text()
    window.actions_by_id["unreviewed_only"].setChecked(False)
    assert "unreviewed only" not in window.status.review.text()
    assert window.review.progress_text() == f"0 of {len(window.review.differences)} differences and " \
                                            f"0 of {len(window.session.comparison.findings)} findings reviewed"


def test_editing_a_file_triggers_a_debounced_reload(window, qtbot, seeds_copy):
    _open(qtbot, window, seeds_copy)
    with qtbot.waitSignal(window.rendered, timeout=LOAD_TIMEOUT):
        _edit_other_paragraph(seeds_copy, "")
    assert "The desk added this sentence." in window.session.comparison.articles[3].text


def test_excluding_an_article_recompares_without_it(window, qtbot, seeds_copy):
    _open(qtbot, window, seeds_copy)
    path = window.session.comparison.articles[1].path
    with qtbot.waitSignal(window.rendered, timeout=LOAD_TIMEOUT):
        window.session.set_included(path, False)
    assert path not in [a.path for a in window.session.comparison.articles]
    assert len(window.panes.panes) == 4
    rows = window.articles.model.rows()
    assert [r.path for r in rows if not r.included] == [path]


def test_a_folder_without_articles_shows_a_message_not_a_crash(window, qtbot, tmp_path):
    (tmp_path / "only.txt").write_text("One lonely article.", encoding="utf-8")
    with qtbot.waitSignal(window.session.failed, timeout=LOAD_TIMEOUT):
        window.open_folder(str(tmp_path))
    assert window.message_bar.isVisible() and "needs at least two" in window.message_bar.text()


def test_watcher_debounces_bursts(qtbot, tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    watcher = FolderWatcher(debounce_ms=60_000)  # never fires by itself during the test
    watcher.watch(str(tmp_path), ["a.txt"])
    received = []
    watcher.changed.connect(lambda: received.append(1))
    for i in range(5):  # a burst: what the file system watcher reports while an editor saves
        watcher._poke(str(tmp_path / "a.txt"))
        watcher._poke(str(tmp_path))
    assert watcher.pending() and received == []
    timer = watcher.findChild(QTimer)
    timer.stop()
    timer.timeout.emit()  # the one debounce interval elapsing
    assert received == [1]
    assert not watcher.pending()
    watcher.stop()


def test_slow_load_shows_progress_and_can_be_cancelled(window, qtbot, seeds_copy, monkeypatch):
    import threading

    import copydesk.gui.story_session as story_module  # the session compares a folder story by story

    release = threading.Event()

    def slow_compare(folder, options, progress=None, cancel=None, **_story_args):
        progress("load", 0.5)
        while not release.wait(0.01):
            cancel.check()
        return None

    monkeypatch.setattr(story_module, "compare_folder_stories", slow_compare)
    window.open_folder(str(seeds_copy))
    qtbot.waitUntil(window.status.progress_visible, timeout=5000)
    assert window.status.stage.text() == "Reading files…"
    with qtbot.waitSignal(window.session.runner.cancelled):
        window.status.cancel.click()
    assert not window.status.progress_visible()
    release.set()


def test_no_argument_opens_the_last_folder_else_the_seeds(tmp_path):
    from copydesk.gui.app import initial_folder
    from copydesk.gui.locations import seeds_folder
    from copydesk.gui.settings import RecentFolders

    assert os.path.isfile(os.path.join(seeds_folder(), "000_dc2fd34f5d07d977.txt"))
    assert initial_folder(None) == str(seeds_folder())  # first run: empty COPYDESK_HOME
    RecentFolders().add(str(tmp_path))
    assert os.path.abspath(initial_folder(None)) == os.path.abspath(tmp_path)
    assert initial_folder("given") == "given"
