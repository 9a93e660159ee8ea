"""Two windows' ReviewControllers on one folder keep every mark; a damaged marks file is told through notice."""

from __future__ import annotations

import os

import pytest

from copydesk.core.review import load_review, review_file
from copydesk.gui.review_controller import ReviewController


def _controller(qtbot, comparison) -> tuple[ReviewController, list[str]]:
    review = ReviewController()
    notices: list[str] = []
    review.notice.connect(notices.append)
    review.set_comparison(comparison)
    return review, notices


def test_two_windows_on_one_folder_keep_all_five_marks(qtbot, seeds_comparison):
    first, _ = _controller(qtbot, seeds_comparison)  # opened earlier
    second, _ = _controller(qtbot, seeds_comparison)
    keys = [d.key for d in first.differences[:5]]
    for key in keys[:3]:
        second.mark(key, reviewed=True)
    for key in keys[3:]:
        first.mark(key, verdict="ok")
    assert load_review(seeds_comparison.folder).progress(keys) == (5, 5)
    assert first.state.progress(keys) == (5, 5)  # picked up with its own save
    assert second.state.progress(keys) == (3, 5)
    with qtbot.waitSignal(second.marks_changed):
        second.reload_marks()
    assert second.state.progress(keys) == (5, 5)
    assert first.progress_text().startswith("5 of ")


def test_interleaved_marks_on_one_difference_keep_the_latest(qtbot, seeds_comparison):
    first, _ = _controller(qtbot, seeds_comparison)
    second, _ = _controller(qtbot, seeds_comparison)
    key = first.differences[0].key
    first.mark(key, verdict="ok")
    second.mark(key, verdict="error", note="wrong date")
    first.mark(key, verdict="legal")
    saved = load_review(seeds_comparison.folder).get(key)
    assert saved.verdict == "legal" and first.state.get(key).verdict == "legal"


def test_a_reload_of_the_same_folder_shows_the_other_windows_marks(qtbot, seeds_comparison):
    first, _ = _controller(qtbot, seeds_comparison)
    second, _ = _controller(qtbot, seeds_comparison)
    key = first.differences[1].key
    second.mark(key, note="call Paris bureau")
    first.set_comparison(seeds_comparison)  # what a re-alignment or another reference does
    assert first.state.get(key).note == "call Paris bureau"


def test_a_damaged_marks_file_is_told_through_notice(qtbot, seeds_comparison):
    path = review_file(seeds_comparison.folder)
    os.makedirs(os.path.dirname(path))
    with open(path, "wb") as f:
        f.write(b'{"version": 2, "marks": {"a": ')
    review = ReviewController()
    with qtbot.waitSignal(review.notice) as told:
        review.set_comparison(seeds_comparison)
    assert told.args == [f"Review marks could not be read; the file was kept as {path}.corrupt-1."]
    assert review.progress()[0] == 0
    review.mark(review.differences[0].key, reviewed=True)  # and marking goes on
    assert load_review(seeds_comparison.folder).progress([review.differences[0].key]) == (1, 1)


def test_no_notice_for_a_good_file(qtbot, seeds_comparison):
    first, notices = _controller(qtbot, seeds_comparison)
    first.mark(first.differences[0].key, reviewed=True)
    again, notices_again = _controller(qtbot, seeds_comparison)
    assert notices == notices_again == [] and again.progress()[0] == 1


def test_a_failed_save_is_retried_with_the_next_mark(qtbot, seeds_comparison, monkeypatch):
    from copydesk.core import paths

    review, _ = _controller(qtbot, seeds_comparison)
    keys = [d.key for d in review.differences[:2]]

    def full(*args):
        raise OSError("No space left on device")

    with monkeypatch.context() as patch, qtbot.waitSignal(review.save_failed):
        patch.setattr(paths, "atomic_write_text", full)
        review.mark(keys[0], reviewed=True)
    review.mark(keys[1], reviewed=True)
    assert load_review(seeds_comparison.folder).progress(keys) == (2, 2)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_special_file_is_told_once_and_replaced_by_the_first_mark(qtbot, seeds_comparison):
    path = review_file(seeds_comparison.folder)
    os.makedirs(os.path.dirname(path))
    os.mkfifo(path)
    review, notices = _controller(qtbot, seeds_comparison)
    assert notices == [f"Review marks could not be read: {path} is not a regular file."]
    review.mark(review.differences[0].key, reviewed=True)
    assert len(notices) == 1 and os.path.isfile(path) and load_review(seeds_comparison.folder).progress(
        [review.differences[0].key]) == (1, 1)


def test_the_window_says_when_its_marks_could_not_be_read(make_window, qtbot, seeds_copy):
    import os

    from copydesk.core.review import review_file

    path = review_file(str(seeds_copy))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"version": 2, "marks": {"k": ')  # a save cut short by someone else's tool
    window = make_window()
    with qtbot.waitSignal(window.rendered, timeout=30_000):
        window.open_folder(str(seeds_copy))
    assert window.message_bar.isVisible()
    assert "could not be read" in window.message_bar.text() and ".corrupt-1" in window.message_bar.text()


def test_a_marks_notice_adds_to_the_list_of_unreadable_files(make_window, qtbot, seeds_copy):
    import os

    from copydesk.core.review import review_file

    (seeds_copy / "zz_empty.txt").write_text("")
    path = review_file(str(seeds_copy))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("{")
    window = make_window()
    with qtbot.waitSignal(window.rendered, timeout=30_000):
        window.open_folder(str(seeds_copy))
    text = window.message_bar.text()
    assert "zz_empty.txt" in text and "could not be read" in text  # one notice does not hide the other
