"""Pane widths that fit any screen: a font-based minimum, and the reference pane pinned while the rest scroll."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from copydesk.gui.theme import reading_font
from copydesk.gui.views.panes import min_pane_width


def _x(window, widget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).x()


def test_the_minimum_pane_width_is_about_28_characters_of_the_reading_font(window, qtbot):
    assert 240 <= min_pane_width(reading_font("", 12)) <= 320
    assert min_pane_width(reading_font("", 9)) < min_pane_width(reading_font("", 12)) < min_pane_width(
        reading_font("", 18))
    before = window.panes.min_width
    assert all(p.minimumWidth() == before for p in window.panes.panes)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.panes.min_width > before
    assert all(p.minimumWidth() == window.panes.min_width for p in window.panes.panes)


def test_the_reference_pane_is_pinned_while_the_others_scroll_sideways(window, qtbot):
    area, pin = window.panes, window.actions_by_id["pin_reference"]
    assert not area.pinned and not pin.isChecked()  # five panes fit at 1600 pixels
    assert pin.shortcut().toString() == "Ctrl+Shift+P"
    window.resize(1000, 800)  # they no longer fit at their minimum width
    qtbot.waitUntil(lambda: area.pinned)
    assert pin.isChecked()
    lead, second = area.panes[0], area.panes[1]
    assert lead.parentWidget() is area.pin_slot and area.splitter.count() == len(area.panes) - 1
    bar = area.sideways.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    lead_x, second_x = _x(window, lead), _x(window, second)
    bar.setValue(bar.maximum())
    assert _x(window, lead) == lead_x  # the reference stays put
    assert _x(window, second) < second_x  # the others went by
    qtbot.waitUntil(lambda: lead.text.viewport().height() == second.text.viewport().height())
    # rows stay level with the pinned pane too
    view = area.panes[-1].text
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    assert lead.text.verticalScrollBar().value() == view.verticalScrollBar().value()

    window.resize(1600, 1000)  # room again: the reference goes back among the others
    qtbot.waitUntil(lambda: not area.pinned)
    assert not pin.isChecked() and lead.parentWidget() is area.splitter and area.splitter.count() == len(area.panes)


def test_pinning_by_hand_sticks_until_undone(window, qtbot):
    area, pin = window.panes, window.actions_by_id["pin_reference"]
    pin.setChecked(True)
    assert area.pinned and area.panes[0].parentWidget() is area.pin_slot
    window.resize(1700, 1000)
    QApplication.processEvents()  # a pending re-evaluation, if any were scheduled, runs
    assert area.pinned
    pin.setChecked(False)
    assert not area.pinned and area.panes[0].parentWidget() is area.splitter
    window.resize(900, 800)
    QApplication.processEvents()
    assert not area.pinned  # the user said so
    assert area.focus_pane(5) and area.panes[4].text.hasFocus()
