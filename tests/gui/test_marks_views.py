"""A reviewed difference shows in the panes (a badge), on the overview strips (a tick) and in the grid (a badge)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from copydesk.core.review import Mark
from copydesk.gui import palette
from copydesk.gui.views.overview import _contrast, _readable_ink, mark_look


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def _pixel(widget, x: float, y: float) -> QColor:
    return widget.grab().toImage().pixelColor(int(x), int(y))


def _mark_first(window, qtbot, key=Qt.Key.Key_Space):
    """Mark the first difference with a key and come back to it (Space moves on)."""
    qtbot.keyClick(window, Qt.Key.Key_N)
    diff = window.review.current
    qtbot.keyClick(window, key)
    window.review.go_to(0)
    return diff


def test_a_reviewed_difference_has_a_badge_below_its_paragraphs(window, qtbot):
    a, p = window.review.differences[0].refs[0]
    pane = window.panes.pane_of(a)
    assert pane.text.review_badge_rect(p) is None  # nothing before it is marked
    diff = _mark_first(window, qtbot)
    for a, p in diff.refs:
        text = window.panes.pane_of(a).text
        rect = text.review_badge_rect(p)
        assert rect is not None
        assert rect.top() >= text.paragraph_rect(p).bottom() - text.verticalScrollBar().value()  # below its words
        hue = QColor(palette.scheme(window.preferences.prefs.palette).linked)
        assert _close(_pixel(text.viewport(), rect.left() + 3, rect.center().y()), hue)
    other = window.review.differences[1]
    assert all(window.panes.pane_of(a).text.review_badge_rect(p) is None for a, p in other.refs)


def test_a_verdict_and_a_note_show_in_the_badge_text(window, qtbot):
    diff = _mark_first(window, qtbot, Qt.Key.Key_2)
    window.review.mark(diff.key, note="ask the desk")
    a, p = diff.refs[0]
    look = window.panes.pane_of(a).text._review[p]
    assert look.text == "Error \u270e" and look.reviewed
    window.review.mark(diff.key, reviewed=False)  # Shift+Space: the verdict stays, drawn hollow
    look = window.panes.pane_of(a).text._review[p]
    assert not look.reviewed and look.text.startswith("Error")


def test_the_strips_tick_every_difference_and_fill_the_reviewed_ones(window, qtbot):
    diff = _mark_first(window, qtbot, Qt.Key.Key_4)
    a, p = diff.refs[0]
    pane = window.panes.pane_of(a)
    ticks = pane.strip.review_ticks()
    touching = [d for d in window.review.differences if any(r[0] == a for r in d.refs)]
    assert len(ticks) == len(touching)  # one tick per difference in this article
    mine = [look for y, look in ticks if look.reviewed]
    assert len(mine) == 1 and mine[0].shape == "square" and mine[0].text == "Legal"
    assert all(look.shape == "ring" for y, look in ticks if not look.reviewed)
    y = next(y for y, look in ticks if look.reviewed)
    hue = QColor(palette.scheme(window.preferences.prefs.palette).shared_some)  # legal's hue
    assert _close(_pixel(pane.strip, pane.strip.width() / 2, y * pane.strip.height()), hue)
    assert hue != QColor(window.panes.pane_of(a).text._style.scheme.current)  # not the current marker's colour


def test_the_grid_shows_a_badge_on_reviewed_rows(window, qtbot):
    diff = _mark_first(window, qtbot)
    window.actions_by_id["aligned_rows"].setChecked(True)
    grid = window.aligned
    window.review.go_to(0)
    rect = grid.review_badge_rect(diff.group)
    assert rect is not None and 0 <= rect.top() < grid.viewport().height()
    hue = QColor(palette.scheme(window.preferences.prefs.palette).linked)
    assert _close(_pixel(grid.viewport(), rect.left() + 3, rect.center().y()), hue)
    assert grid.review_badge_rect(window.review.differences[1].group) is None


@pytest.mark.parametrize("name", sorted(palette.SCHEMES))
@pytest.mark.parametrize("dark", [False, True])
def test_badges_are_readable_in_every_scheme_light_and_dark(name, dark):
    page = QColor("#26272B" if dark else "#FFFFFF")
    sch = palette.scheme(name)
    looks = [mark_look(sch, Mark(reviewed=True, verdict=v)) for v in ("", "ok", "error", "check", "legal")]
    for look in looks:
        fill = QColor(look.colour)
        assert _contrast(_readable_ink(fill), fill) >= 4.5, (name, look)  # the tag's text on its fill
    texts = {look.text for look in looks}
    assert texts == {"\u2713", "OK", "Error", "Check", "Legal"}  # never colour alone
    assert len({look.shape for look in looks[1:]}) == 4
    assert mark_look(sch, Mark()).shape == "ring" and not mark_look(sch, Mark()).shown
    assert _contrast(page, QColor("#E4E4E6" if dark else "#1D1D1F")) >= 4.5  # a hollow tag's ink


def test_dark_mode_keeps_the_badges(window, qtbot):
    diff = _mark_first(window, qtbot)
    prefs = window.preferences
    prefs.apply(dataclasses.replace(prefs.prefs, theme="dark"))
    try:
        a, p = diff.refs[0]
        text = window.panes.pane_of(a).text
        assert text._style.dark and text.review_badge_rect(p) is not None
        rect = text.review_badge_rect(p)
        assert _close(_pixel(text.viewport(), rect.left() + 3, rect.center().y()), QColor(prefs.scheme().linked))
    finally:
        prefs.apply(dataclasses.replace(prefs.prefs, theme="light"))
