"""A folder whose name is not valid UTF-8 opens, shows its articles and keeps its review marks."""

from __future__ import annotations

import os
import shutil

import pytest

from copydesk.core.review import load_review

SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "seeds")


@pytest.fixture
def odd_folder(tmp_path):
    folder = os.path.join(os.fsencode(tmp_path), b"caf\xe9 desk")
    os.mkdir(folder)
    for name in sorted(os.listdir(SEEDS))[:3]:
        shutil.copy(os.path.join(SEEDS, name), os.path.join(folder, os.fsencode(name)))
    shutil.copy(os.path.join(SEEDS, sorted(os.listdir(SEEDS))[3]), os.path.join(folder, b"na\xefve.txt"))
    return os.fsdecode(folder)


def test_odd_folder_opens_and_its_marks_are_saved(make_window, qtbot, odd_folder):
    window = make_window()
    with qtbot.waitSignal(window.rendered, timeout=30_000):
        window.open_folder(odd_folder)
    c = window.session.comparison
    assert len(c.articles) == 4 and len(window.panes.panes) == 4
    assert "\ufffd" in window.windowTitle()  # shown with a replacement character, not dropped
    files = [window.articles.model.row(i).path for i in range(window.articles.model.rowCount())]
    assert "na\udcefve.txt" in files  # the real name, so the file can be read again
    window.review.next()
    window.marks.set_verdict("error")
    key = window.review.current.key
    assert load_review(odd_folder).get(key).verdict == "error"
    assert odd_folder in window.session.recent.items()
