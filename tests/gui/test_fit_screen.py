"""Fits any screen: no text widens the window, the legend turns compact, the window opens within the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QToolBar

from copydesk.core.model import Problem
from copydesk.gui import screen_fit
from copydesk.gui.elided import ElidedLabel
from copydesk.gui.export.job import BackgroundExport

LONG = "Missing from 000_dc2fd34f5d07.txt, 002_d91eea6ecca8.txt, 003_5689236aba40.txt, " * 5  # ~400 characters
NARROW = 1200
SMALL_SCREEN = QRect(0, 0, 1366, 768)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _can_be_narrowed(window, qtbot) -> None:
    """The window's minimum stays small and it really goes down to NARROW px wide."""
    _settle()
    assert window.minimumSizeHint().width() < 1000
    assert window.status.sizeHint().width() < 1000 and window.status.minimumSizeHint().width() < 1000
    window.resize(NARROW, 800)
    qtbot.waitUntil(lambda: window.width() == NARROW)


def test_elided_label_keeps_the_text_and_shows_it_whole_on_hover(qtbot):
    label = ElidedLabel(object_name="Probe")
    qtbot.addWidget(label)
    label.setText(LONG)
    label.resize(200, 20)
    assert label.text() == LONG and label.full_text() == LONG
    assert label.is_elided() and label.shown_text().endswith("…")
    assert LONG.split(",")[0] in label.toolTip()
    assert label.minimumSizeHint().width() < 60 and label.sizeHint().width() <= 480


def test_a_long_note_on_the_current_difference_cannot_widen_the_window(window, qtbot):
    window.review.next()
    window.review.mark(window.review.current.key, note="x" * 400)
    assert "x" * 400 in window.status.current.text()  # the whole note is kept, shown elided
    _can_be_narrowed(window, qtbot)
    assert window.status.current.is_elided() and "x" * 400 in window.status.current.toolTip()


def test_long_status_labels_with_progress_cannot_widen_the_window(window, qtbot):
    window.status.current.setText(LONG)
    window.status.review.setText(LONG)
    window.status.loading.busy(True, LONG)
    window.status.loading.show()
    _can_be_narrowed(window, qtbot)
    assert window.status.loading.stage.is_elided()
    window.status.loading.busy(False)


def test_status_bar_labels_and_both_progress_strips_cannot_widen_the_window(window, qtbot):
    window.status.current.setText(LONG)
    window.status.review.setText(LONG)
    window.status.loading.busy(True, LONG)
    window.status.loading.show()
    export = BackgroundExport.of(window).strip
    export.busy(True, LONG)
    export.show()
    _settle()  # both strips at once may ask for more than 1000 px, but never insist on it
    assert window.minimumSizeHint().width() < 1000 and window.status.minimumSizeHint().width() < 1000
    window.resize(NARROW, 800)
    qtbot.waitUntil(lambda: window.width() == NARROW)
    assert window.status.review.is_elided() and export.stage.is_elided()
    export.busy(False)
    window.status.loading.busy(False)


def test_message_bar_wraps_long_file_names_and_note_bar_elides(window, qtbot):
    name = "x" * 300 + ".txt"
    window.message_bar.show_problems("Some files could not be used:", [Problem(name, "binary file")])
    window.note_bar.open("key", f"Finding: {LONG}", "")
    _can_be_narrowed(window, qtbot)
    assert name in window.message_bar.text()  # only invisible break chances were added
    label = window.message_bar.label
    assert label.width() < NARROW and label.height() > 3 * label.fontMetrics().height()  # wrapped, not cut
    assert window.note_bar.label.is_elided()


def test_pane_headers_elide(window, qtbot):
    header = window.panes.panes[0].header
    header.title.set_full_text(LONG)
    header.meta.set_full_text(LONG)
    _can_be_narrowed(window, qtbot)
    assert header.title.shown_text().endswith("…")


@pytest.mark.parametrize("width", [1920, 1500, 1366, 1200, 1024, 900, 800])
def test_the_legend_stays_visible_compact_when_narrow(window, qtbot, width):
    bar = window.findChild(QToolBar, "MainToolbar")
    window.resize(width, 800)
    qtbot.waitUntil(lambda: window.width() == width)
    _settle()
    legend = window.legend
    assert legend.isVisible() and legend.geometry().right() < bar.width()  # not pushed into the overflow
    assert legend.is_compact() == (width < 1500)
    assert bar.minimumSizeHint().width() < 600


def test_the_legend_comes_back_in_full_when_the_window_widens(window, qtbot):
    window.resize(900, 800)
    qtbot.waitUntil(lambda: window.legend.is_compact())
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: not window.legend.is_compact())
    assert all(label.isVisible() for label in window.legend._labels)
    assert window.legend.width_for(False) == window.legend.sizeHint().width()


def _visible_in(outer: QRect, widget) -> bool:
    return widget.isVisible() and widget.width() > 20 and widget.height() > 20 and outer.contains(widget.geometry())


def test_first_run_window_fits_a_1366x768_screen(qtbot, monkeypatch):
    from copydesk.gui.main_window import MainWindow

    monkeypatch.setattr(screen_fit, "available_geometry", lambda at=None: QRect(SMALL_SCREEN))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    _settle()
    assert SMALL_SCREEN.contains(win.frameGeometry())
    assert win.frameGeometry().size() == SMALL_SCREEN.size()  # as much of the screen as it may use, frame included
    inside = QRect(0, 0, win.width(), win.height())
    for widget in (win.articles, win.findings, win.stack, win.status):
        assert _visible_in(inside, widget), widget.objectName()
    bar = win.findChild(QToolBar, "MainToolbar")
    assert win.legend.isVisible() and win.legend.geometry().right() < bar.width()
    win.session.watcher.stop()


def test_a_restored_geometry_larger_than_the_screen_is_clamped(qtbot, monkeypatch):
    from copydesk.gui.main_window import MainWindow

    big = MainWindow()
    qtbot.addWidget(big)
    big.setGeometry(40, 30, 2400, 1500)
    big.show()
    qtbot.waitExposed(big)
    big.close()  # remembers its geometry
    small = QRect(0, 0, 640, 480)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda at=None: QRect(small))
    win = MainWindow()
    qtbot.addWidget(win)
    assert small.contains(win.geometry()), win.geometry()
    assert win.width() == 640 and win.height() == 480
    win.session.watcher.stop()


def test_fit_rect_moves_as_little_as_needed():
    area = QRect(100, 50, 1000, 700)
    assert screen_fit.fit_rect(QRect(200, 100, 300, 200), area) == QRect(200, 100, 300, 200)
    assert screen_fit.fit_rect(QRect(900, 600, 400, 300), area) == QRect(700, 450, 400, 300)
    assert screen_fit.fit_rect(QRect(0, 0, 3000, 2000), area) == area
