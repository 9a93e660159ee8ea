"""The panes move as one: rows level in every pane, fillers for rows an article lacks, scrolling follows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from copydesk.core.layout import Layout, Row, layout_rows, paragraph_rows
from copydesk.gui.views.row_plan import AT_END, longest_increasing, plan_rows
from copydesk.gui.views.scroll_sync import END


def _layout(cells_by_row: list[dict[int, list[int]]], columns=(0, 1, 2)) -> Layout:
    rows = tuple(Row(g, tuple(tuple((a, p) for p in cells.get(a, [])) for a in columns))
                 for g, cells in enumerate(cells_by_row))
    return Layout(tuple(columns), rows)


# --- the plan (pure) ---------------------------------------------------------------------------------------
def test_longest_increasing_keeps_the_in_order_rows():
    assert longest_increasing([0, 1, 5, 2, 3, 4]) == {0, 1, 2, 3, 4}
    assert longest_increasing([]) == set()
    assert len(longest_increasing([1, 0])) == 1


def test_a_filler_goes_before_the_next_row_the_article_has_and_moved_rows_are_not_sync_rows():
    # row:        0      1         2      3      4
    layout = _layout([{0: [0], 1: [0], 2: [0]},
                      {0: [1], 2: [1]},           # article 1 lacks row 1
                      {0: [2], 1: [1], 2: [3]},
                      {0: [3], 1: [2], 2: [2]},   # article 2 has rows 2 and 3 the other way round
                      {0: [4]}])                  # only article 0 has row 4
    assert paragraph_rows(layout)[(2, 3)] == 2
    plan = plan_rows(layout, {0: [0, 1, 2, 3, 4], 1: [0, 1, 2], 2: [0, 1, 2, 3]})
    assert plan.fillers[1] == {1: (1,), AT_END: (4,)}  # before paragraph 1 (row 2); row 4 after the last
    assert plan.fillers[2] == {AT_END: (4,)}
    assert plan.fillers[0] == {}
    assert {0, 1, 4} <= set(plan.sync) and len(set(plan.sync) & {2, 3}) == 1  # one swapped row is "moved"
    assert list(plan.sync) == sorted(plan.sync)
    assert plan.place(1, 1) == ("filler", 1) and plan.place(1, 2) == ("paragraph", 1)
    assert plan.row_of_group(3) == 3 and plan.row_of_group(None) is None


def test_rows_nobody_shows_get_no_filler():
    layout = _layout([{0: [0], 1: [0]}, {0: [1], 1: [1]}], columns=(0, 1))
    plan = plan_rows(layout, {0: [0], 1: [0]})  # paragraph 1 hidden (boilerplate) in both
    assert plan.sync == (0,) and plan.fillers == {0: {}, 1: {}}


# --- the window ---------------------------------------------------------------------------------------------
def _views(window):
    return [p.text for p in window.panes.panes]


def _levelled(window) -> None:
    """Every sync row starts at the same document height in every pane; the documents end together."""
    sync = window.panes.sync
    tops = [[y for y, _stop in sync.stops(v)] for v in _views(window)]
    assert len({len(t) for t in tops}) == 1 and len(tops[0]) > 10
    *rows, ends = list(zip(*tops))
    for column in rows:
        assert max(column) - min(column) < 0.5, column
    assert max(ends) - min(ends) < 2.0, ends  # the end is the frame's margin, in whole pixels


def _row_under_top(window) -> list[int]:
    return [window.panes.sync.position(v)[0] for v in _views(window)]


def test_every_row_starts_at_the_same_height_in_every_pane(window):
    _levelled(window)
    sync = window.panes.sync
    plan = sync.plan
    assert len(plan.sync) >= len(plan.groups) - 3  # the seeds: almost every row keeps its order everywhere


@pytest.mark.parametrize("source", [0, 2, 4])
def test_scrolling_one_pane_puts_the_others_at_the_same_row(window, source):
    views = _views(window)
    bar = views[source].verticalScrollBar()
    for value in (bar.maximum() // 5, bar.maximum() // 2, (bar.maximum() * 4) // 5):
        bar.setValue(value)
        rows = _row_under_top(window)
        assert len(set(rows)) == 1 and rows[0] >= 0, rows
        assert {v.verticalScrollBar().value() for v in views} == {value}  # levelled rows: the same offset


def test_the_wheel_and_the_overview_strip_scroll_every_pane(window, qtbot):
    views = _views(window)
    target = views[3]
    before = target.verticalScrollBar().value()
    centre = QPointF(target.viewport().rect().center())
    wheel = QWheelEvent(centre, QPointF(target.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120 * 3), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(target.viewport(), wheel)
    assert target.verticalScrollBar().value() > before
    assert len({v.verticalScrollBar().value() for v in views}) == 1
    assert len(set(_row_under_top(window))) == 1

    strip = window.panes.panes[1].strip
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(strip.width() // 2, int(strip.height() * 0.7)))
    values = {v.verticalScrollBar().value() for v in views}
    assert len(values) == 1 and values.pop() > target.verticalScrollBar().maximum() // 3


def test_unlocked_panes_scroll_alone_and_lock_again(window):
    lock = window.actions_by_id["lock_scrolling"]
    assert lock.isChecked() and lock.shortcut().toString() == "Ctrl+Shift+L"
    views = _views(window)
    before = [v.verticalScrollBar().value() for v in views]
    lock.setChecked(False)
    views[1].verticalScrollBar().setValue(views[1].verticalScrollBar().maximum() // 2)
    assert views[1].verticalScrollBar().value() != before[1]
    assert views[0].verticalScrollBar().value() == before[0] and views[2].verticalScrollBar().value() == before[2]
    lock.setChecked(True)  # locking lines the others up with the first pane
    assert len({v.verticalScrollBar().value() for v in views}) == 1


def test_a_row_an_article_lacks_has_a_filler_level_with_the_text_elsewhere(window, seeds_comparison):
    c, sync = seeds_comparison, window.panes.sync
    diff = next(d for d in window.review.differences if d.kind == "missing")
    row = sync.plan.row_of_group(diff.group)
    assert row in sync.plan.sync
    present = {a for a, _p in diff.refs}
    lacking = [p for p in window.panes.panes if p.article not in present]
    assert lacking
    top = sync.row_top(window.panes.pane_of(diff.refs[0][0]).text, row)
    for pane in window.panes.panes:
        assert abs(sync.row_top(pane.text, row) - top) < 1.0  # the same height in every pane
    for pane in lacking:
        bands = pane.text.fillers()
        assert any(abs(band_top - top) < 1.0 and bottom > band_top for band_top, bottom in bands)
        # fillers are room in the margins, never text: the document is exactly the article
        plain = pane.text.document().toPlainText().replace("\u2028", "\n")
        assert plain.startswith(c.articles[pane.article].paragraphs[0].text.split("\n")[0][:20])


def test_a_missing_from_difference_scrolls_the_panes_that_lack_it_to_their_filler(window, qtbot):
    sync = window.panes.sync
    missing = [i for i, d in enumerate(window.review.differences) if d.kind == "missing"]
    for _ in range(missing[-1] + 1):  # step to the last "Missing from" difference (far down the panes)
        qtbot.keyClick(window, Qt.Key.Key_N)
    diff = window.review.current
    assert diff.kind == "missing" and window.review.index == missing[-1]
    row = sync.plan.row_of_group(diff.group)
    present = {a for a, _p in diff.refs}
    shown_at = set()
    for pane in window.panes.panes:
        view = pane.text
        y = sync.row_top(view, row) - view.verticalScrollBar().value()
        assert 0 <= y < view.viewport().height() * 0.5, (pane.article, y)  # in view, near the top
        shown_at.add(round(y))
        if pane.article not in present:
            assert any(abs(top - sync.row_top(view, row)) < 1.0 for top, _bottom in view.fillers())
    assert max(shown_at) - min(shown_at) <= 1  # level with the text in the other panes


def test_zoom_keeps_the_current_difference_in_view_in_every_pane(window, qtbot):
    sync = window.panes.sync
    for _ in range(len(window.review.differences) * 2 // 3):
        window.review.next()
    row = sync.plan.row_of_group(window.review.current.group)

    def in_view() -> list[float]:
        out = []
        for view in _views(window):
            y = sync.row_top(view, row) - view.verticalScrollBar().value()
            assert 0 <= y < view.viewport().height(), y
            out.append(y)
        return out

    before = in_view()
    for key in (Qt.Key.Key_Equal, Qt.Key.Key_Equal, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_0):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        _levelled(window)
        after = in_view()
        assert max(after) - min(after) <= 1
    assert abs(after[0] - before[0]) <= 2  # back at the same size: at the same place


def test_zoom_without_a_current_difference_keeps_the_top_row(window, qtbot):
    views = _views(window)
    bar = views[0].verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    row = _row_under_top(window)[0]
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert _row_under_top(window) == [row] * len(views)
    _levelled(window)


def test_resizing_a_pane_levels_the_rows_again(window, qtbot):
    splitter = window.panes.splitter
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0] + 200, sizes[1] - 200] + sizes[2:])
    qtbot.waitUntil(lambda: not window.panes.sync._timer.isActive())
    _levelled(window)


def test_another_folder_starts_at_the_top_with_no_current_difference(window, qtbot, seeds_copy):
    for _ in range(3):
        window.review.next()
    for view in _views(window):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    assert window.review.index == 2
    with qtbot.waitSignal(window.rendered, timeout=30_000):
        window.open_folder(str(seeds_copy))
    assert window.review.current is None and window.review.index is None
    assert window.status.current.text().startswith(f"{len(window.review.differences)} differences")
    # at the start of the story: the top, or just past leading boilerplate (test_the_panes_start_where_the_story_does)
    start = window.panes.story_start()
    tops = [0 if start is None else round(window.panes.sync.row_top(v, start)) for v in _views(window)]
    assert [v.verticalScrollBar().value() for v in _views(window)] == tops
    assert all(top < v.verticalScrollBar().maximum() // 2 for top, v in zip(tops, _views(window)))
    window.review.next()
    assert window.review.index == 0  # Next starts from the first difference, not from the old folder's third


def test_hidden_boilerplate_and_another_reference_still_level(window, seeds_comparison):
    window.actions_by_id["show_boilerplate"].setChecked(False)
    _levelled(window)
    window.view.set_reference(seeds_comparison.articles[3].path)
    assert window.panes.panes[0].article == 3
    rows = layout_rows(seeds_comparison, 3, window.view.shown(seeds_comparison), unaligned=False).rows
    assert window.panes.sync.plan.groups == tuple(r.group for r in rows)
    _levelled(window)
    stops = window.panes.sync.stops(window.panes.panes[1].text)
    assert stops[-1][1] == END


def test_the_panes_start_where_the_story_does_not_in_the_padding_of_one_versions_boilerplate(window, seeds_comparison):
    c = seeds_comparison
    lead = next(a for a, art in enumerate(c.articles) if art.paragraphs[0].boilerplate)  # #3's mangled URL line
    start = window.panes.story_start()
    assert start is not None
    views = _views(window)
    for pane, view in zip(window.panes.panes, views):
        y = window.panes.sync.row_top(view, start)
        assert view.verticalScrollBar().value() == round(y) > 0  # levelled rows, each scrolled past the padding
        above = [p for p in pane.text.rendered.blocks if pane.text.paragraph_rect(p).top() < y - 0.5]
        assert all(c.paragraph((pane.article, p)).boilerplate for p in above)  # only page furniture is above
    assert any(c.paragraph((lead, p)).boilerplate for p in window.panes.pane_of(lead).text.rendered.blocks)
    first_text = [min(p for p in pane.text.rendered.blocks if not c.paragraph((pane.article, p)).boilerplate)
                  for pane in window.panes.panes]
    assert start == min(window.panes.sync.plan.row_of[(pane.article, p)]
                        for pane, p in zip(window.panes.panes, first_text))
