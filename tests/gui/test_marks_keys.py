"""Space marks reviewed and moves on, Shift+Space un-marks, the end of a pass says what is left and wraps,
the position survives a restart, and Space in the article list never excludes an article."""

from __future__ import annotations

from PySide6.QtCore import Qt

from copydesk.gui.docks.article_model import ArticleListModel


def _reviewed(window) -> list[int]:
    return [i for i, d in enumerate(window.review.differences) if window.review.state.get(d.key).reviewed]


def test_space_marks_reviewed_and_moves_to_the_next_unreviewed_one(window, qtbot):
    review = window.review
    review.mark(review.differences[2].key, reviewed=True)  # already done: Space skips it
    qtbot.keyClick(window, Qt.Key.Key_N)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert review.index == 1
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert _reviewed(window) == [1, 2] and review.index == 3
    review.go_to(1)
    qtbot.keyClick(window, Qt.Key.Key_Space)  # on a reviewed one: it stays reviewed (no toggle), and moves on
    assert _reviewed(window) == [1, 2] and review.index == 3


def test_shift_space_unmarks_without_moving_and_verdicts_mark_without_moving(window, qtbot):
    review = window.review
    qtbot.keyClick(window, Qt.Key.Key_N)
    key = review.current.key
    qtbot.keyClick(window, Qt.Key.Key_2)  # a verdict: the editor looked at it
    assert review.state.get(key).reviewed and review.state.get(key).verdict == "error" and review.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    mark = review.state.get(key)
    assert not mark.reviewed and mark.verdict == "error" and review.index == 0  # the verdict stays
    assert "Mark Unreviewed" in window.actions_by_id["mark_unreviewed"].text().replace("&", "")


def test_the_end_of_a_pass_says_what_is_left_and_space_or_n_wraps(window, qtbot):
    review, status = window.review, window.status
    n = len(review.differences)
    qtbot.keyClick(window, Qt.Key.Key_End, Qt.KeyboardModifier.AltModifier)
    assert review.index == n - 1 and status.end.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the last one: marked, nothing after it
    assert review.index == n - 1
    assert status.end.text() == f"{n - 1} left — press N to wrap" and status.end.isVisibleTo(status)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert review.index == 0 and status.end.isHidden()  # wrapped to the first unreviewed one from the top
    for i in range(2, n - 1):  # 0 and 1 are left
        review.mark(review.differences[i].key, reviewed=True)
    review.go_to(1)
    qtbot.keyClick(window, Qt.Key.Key_Space)  # 1 marked; the one left is behind it: the end again
    assert review.index == 1 and status.end.text() == "1 left — press N to wrap"
    qtbot.keyClick(window, Qt.Key.Key_Space)  # Space wraps as N does
    assert review.index == 0 and status.end.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert _reviewed(window) == list(range(n)) and status.end.text() == f"All {n} reviewed"
    assert review.index == 0


def test_n_at_the_last_difference_says_what_is_left_then_wraps(window, qtbot):
    review, status = window.review, window.status
    n = len(review.differences)
    review.mark(review.differences[0].key, reviewed=True)
    qtbot.keyClick(window, Qt.Key.Key_End, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert review.index == n - 1 and status.end.text() == f"{n - 1} left — press N to wrap"
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert review.index == 1  # the first unreviewed one: 0 is reviewed


def test_the_position_is_restored_in_a_new_window_on_the_same_folder(make_window, qtbot, seeds_comparison):
    first = make_window()
    with qtbot.waitSignal(first.rendered):
        first.session.adopt(seeds_comparison)
    first.review.go_to(5)
    key = first.review.current.key
    first.close()  # saves where review stood
    second = make_window()
    with qtbot.waitSignal(second.rendered):
        second.session.adopt(seeds_comparison)
    assert second.review.index == 5 and second.review.current.key == key
    a, p = second.review.current.refs[0]
    text = second.panes.pane_of(a).text
    assert p in text.marked()[2]  # framed in the panes too
    qtbot.waitUntil(lambda: text.verticalScrollBar().value() > 0)  # and brought into view once laid out
    top = text.paragraph_y(p)
    assert top is not None and 0 <= top < text.viewport().height()


def test_reopening_the_folder_in_the_same_window_goes_back_there(window, qtbot, seeds_comparison):
    window.review.go_to(4)
    with qtbot.waitSignal(window.rendered):
        window.session.adopt(seeds_comparison)  # File > Open on the same folder: a fresh start
    assert window.review.index == 4


def test_space_in_the_article_list_marks_reviewed_and_never_excludes(window, qtbot, seeds_comparison):
    model, view = window.articles.model, window.articles.view
    qtbot.keyClick(window, Qt.Key.Key_N)
    key = window.review.current.key
    view.setFocus()
    view.setCurrentIndex(model.index(2, ArticleListModel.TITLE))  # on the checkbox itself
    with qtbot.assertNotEmitted(model.inclusion_toggled), qtbot.assertNotEmitted(window.session.busy_changed):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.row(2).included and view.hasFocus()
    assert window.review.state.get(key).reviewed and window.review.index == 1  # as everywhere else


def test_space_in_the_article_list_is_swallowed_when_no_shortcut_takes_it(window, qtbot):
    model, view = window.articles.model, window.articles.view
    window.actions_by_id["mark_reviewed"].setEnabled(False)  # e.g. a shortcut that cannot run
    view.setFocus()
    view.setCurrentIndex(model.index(1, ArticleListModel.WORDS))
    with qtbot.assertNotEmitted(model.inclusion_toggled):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.row(1).included


def test_include_exclude_article_has_its_own_key(window, qtbot, seeds_comparison):
    model, view = window.articles.model, window.articles.view
    model.inclusion_toggled.disconnect(window.session.set_included)  # no re-compare here
    view.setFocus()
    view.setCurrentIndex(model.index(2, ArticleListModel.WORDS))
    with qtbot.waitSignal(model.inclusion_toggled) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args == [seeds_comparison.articles[2].path, False]
