"""The aligned-rows grid keeps its column headers in view while its rows scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor


def _cell_text(table, row: int, col: int) -> str:
    cursor = table.cellAt(row, col).firstCursorPosition()
    cursor.setPosition(table.cellAt(row, col).lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _grid(window):
    window.actions_by_id["aligned_rows"].setChecked(True)
    return window.aligned


def test_the_column_headers_stay_visible_after_scrolling(window, seeds_comparison):
    grid = _grid(window)
    header = grid.header
    assert not header.isVisible()  # at the top the table's own header row shows the names
    bar = grid.verticalScrollBar()
    for value in (bar.maximum() // 2, bar.maximum()):
        bar.setValue(value)
        assert header.isVisible()
        assert header.geometry().top() == grid.viewport().geometry().top()  # over the top of the rows
        assert header.width() == grid.viewport().width()
        titles = [title for _x, _w, title in header.columns()]
        table = grid.table
        assert titles == [_cell_text(table, 0, col) for col in range(table.columns())]  # the header row's names
        assert len(titles) == len(seeds_comparison.articles) and titles[0].endswith("(reference)")
        for col, (x, width, _title) in enumerate(header.columns()):  # each title over its column
            row = table.rows() - 1
            cell_x = grid.cursorRect(table.cellAt(row, col).firstCursorPosition()).left()
            assert abs(x - cell_x) <= 1 and width > 50
    bar.setValue(0)
    assert not header.isVisible()


def test_the_header_follows_the_columns_when_the_grid_narrows_and_the_reference_changes(window, seeds_comparison):
    grid = _grid(window)
    grid.verticalScrollBar().setValue(grid.verticalScrollBar().maximum())
    wide = [x for x, _w, _t in grid.header.columns()]
    window.resize(1100, 900)
    narrow = [x for x, _w, _t in grid.header.columns()]
    assert narrow[-1] < wide[-1]
    window.view.set_reference(seeds_comparison.articles[2].path)
    window.actions_by_id["aligned_rows"].setChecked(False)
    window.actions_by_id["aligned_rows"].setChecked(True)
    grid.verticalScrollBar().setValue(grid.verticalScrollBar().maximum())
    assert grid.header.columns()[0][2] == _cell_text(grid.table, 0, 0)
    assert grid.columns[2] == 0  # the new reference leads


def test_zoom_keeps_the_current_row_of_the_grid_in_view(window, qtbot):
    grid = _grid(window)
    for _ in range(len(window.review.differences) * 2 // 3):
        window.review.next()
    row = grid.rows[window.review.current.group]

    def row_y() -> int:
        return grid.cursorRect(grid.table.cellAt(row, 0).firstCursorPosition()).top()

    assert 0 <= row_y() < grid.viewport().height()
    for key in (Qt.Key.Key_Equal, Qt.Key.Key_Equal, Qt.Key.Key_Equal, Qt.Key.Key_Equal):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert 0 <= row_y() < grid.viewport().height() * 0.9
