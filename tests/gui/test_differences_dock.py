"""The Differences dock lists every difference with its marks, filters, sorts, and jumps there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from copydesk.gui.docks.differences_dock import (ARTICLES, KIND, NOTE, NUMBER, REVIEWED, VERDICT, WHERE,
                                                 DifferencesDock, where_text)


def _dock(window) -> DifferencesDock:
    dock = window.differences
    dock.raise_()  # a tab beside the findings
    return dock


def _text(dock, index: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return dock.model.data(dock.model.index(index, column), role)


def test_every_difference_is_listed_with_where_it_is(window, seeds_comparison):
    dock, review = _dock(window), window.review
    n = len(review.differences)
    assert n > 5 and dock.model.rowCount() == n and dock.shown_indices() == list(range(n))
    assert dock.windowTitle() == f"Differences ({n})"
    assert window.menus["View"].actions()[-1].text() == dock.toggleViewAction().text()  # a toggle in View
    for i, d in enumerate(review.differences):
        where = _text(dock, i, WHERE)
        assert where == where_text(d.refs)
        a, p = sorted(d.refs)[0]
        assert where.startswith(f"#{a + 1} \u00b6{p + 1}")
        assert _text(dock, i, KIND).lower() == d.kind and _text(dock, i, NUMBER) == str(i + 1)
        assert _text(dock, i, ARTICLES).startswith(f"#{a + 1}")
        if d.kind == "missing":
            assert "not in #" in _text(dock, i, ARTICLES)
    assert where_text(((3, 4), (0, 2))) == "#1 \u00b63, #4 \u00b65"  # 1-based, in article order


def test_marks_show_and_refresh_with_the_note_whole_in_the_tooltip(window):
    dock, review = _dock(window), window.review
    key = review.differences[2].key
    assert _text(dock, 2, REVIEWED) == "Not yet" and _text(dock, 2, VERDICT) == ""
    note = "Check the <b>minister's</b> title with the wire before we run it in the late edition"
    review.mark(key, verdict="legal", note=note)
    assert _text(dock, 2, REVIEWED) == "Reviewed" and _text(dock, 2, VERDICT) == "Legal"
    assert _text(dock, 2, NOTE) == note
    assert "&lt;b&gt;minister" in _text(dock, 2, NOTE, Qt.ItemDataRole.ToolTipRole)  # escaped, whole
    assert _text(dock, 2, REVIEWED, Qt.ItemDataRole.DecorationRole) is not None  # the panes' badge
    assert dock.view.textElideMode() == Qt.TextElideMode.ElideRight


def test_filters_by_review_state_verdict_and_kind(window):
    dock, review = _dock(window), window.review
    diffs = review.differences
    review.mark(diffs[0].key, reviewed=True)
    review.mark(diffs[3].key, verdict="error")
    review.mark(diffs[4].key, note="ask")
    dock.set_filter("unreviewed")
    assert 0 not in dock.shown_indices() and 3 not in dock.shown_indices() and 1 in dock.shown_indices()
    dock.set_filter("reviewed")
    assert dock.shown_indices() == [0, 3]
    dock.set_filter("verdict:error")
    assert dock.shown_indices() == [3]
    dock.set_filter("noted")
    assert dock.shown_indices() == [4]
    kinds = {d.kind for d in diffs}
    for kind in kinds:
        dock.set_filter(f"kind:{kind}")
        assert dock.shown_indices() == [i for i, d in enumerate(diffs) if d.kind == kind]
    dock.set_filter("unreviewed")
    review.mark(diffs[1].key, reviewed=True)  # marked elsewhere: leaves the filtered list at once
    assert 1 not in dock.shown_indices()
    assert "of" in dock.count.text()
    dock.set_filter("all")
    assert dock.shown_indices() == list(range(len(diffs)))


def test_sorts_by_any_column(window, qtbot):
    dock, review = _dock(window), window.review
    n = len(review.differences)
    review.mark(review.differences[5].key, verdict="ok")
    review.mark(review.differences[2].key, verdict="legal")
    dock.view.sortByColumn(VERDICT, Qt.SortOrder.AscendingOrder)
    assert dock.shown_indices()[:2] == [5, 2]  # verdicts in menu order, then the rest in row order
    dock.view.sortByColumn(NUMBER, Qt.SortOrder.DescendingOrder)
    assert dock.shown_indices() == list(reversed(range(n)))
    header = dock.view.header()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(KIND) + 5, 5))
    order = [review.differences[i].kind for i in dock.shown_indices()]
    assert order == sorted(order) or order == sorted(order, reverse=True)


def test_enter_or_double_click_goes_there(window, qtbot):
    dock, review = _dock(window), window.review
    dock.view.setFocus()
    dock.select_index(6)
    qtbot.keyClick(dock.view, Qt.Key.Key_Return)
    assert review.index == 6 and not window.note_bar.isVisible()
    a, p = review.current.refs[0]
    assert p in window.panes.pane_of(a).text.marked()[2]  # framed in the panes
    row = dock.proxy.mapFromSource(dock.model.index(3, 0))
    dock.view.scrollTo(row)
    rect = dock.view.visualRect(row)
    assert dock.view.viewport().rect().contains(rect.center())
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a click selects only
    assert review.index == 6 and dock.selected_index() == 3
    qtbot.mouseDClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert review.index == 3


def test_the_selection_follows_the_current_difference(window, qtbot):
    dock, review = _dock(window), window.review
    qtbot.keyClick(window, Qt.Key.Key_N)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert dock.selected_index() == 1


def test_space_in_the_list_marks_the_selected_one_and_moves_on(window, qtbot):
    dock, review = _dock(window), window.review
    dock.view.setFocus()
    dock.select_index(4)
    qtbot.keyClick(dock.view, Qt.Key.Key_Space)
    assert review.state.get(review.differences[4].key).reviewed
    assert review.index == 5 and dock.selected_index() == 5
    qtbot.keyClick(dock.view, Qt.Key.Key_3)  # a verdict on the selected one, no move
    assert review.state.get(review.differences[5].key).verdict == "check" and review.index == 5


def test_a_new_comparison_replaces_the_rows(window, seeds_comparison):
    dock, review = _dock(window), window.review
    before = review.differences
    review.set_comparison(seeds_comparison, 2)  # another reference: other rows, another order
    assert review.differences is not before and dock.model.differences is review.differences
    assert [_text(dock, i, WHERE) for i in range(dock.model.rowCount())] == [
        where_text(d.refs) for d in review.differences]
    review.clear()
    assert dock.model.rowCount() == 0 and dock.count.text().strip() == "No differences"
