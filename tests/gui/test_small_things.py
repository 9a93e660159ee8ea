"""The small things: drop-downs take Enter/Space, focus rings, legend swatches, F4 and Find framing, the shortcut
list, the recent menu."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QLineEdit, QListView, QPushButton, QSpinBox,
                               QToolButton, QVBoxLayout)

from copydesk.core import highlight
from copydesk.gui import palette
from copydesk.gui.actions import ACTIONS, key_text, shortcut_text
from copydesk.gui.key_filter import install_typing_guard
from copydesk.gui.locations import resources_dir
from copydesk.gui.preferences_dialog import PreferencesDialog
from copydesk.gui.settings import Preferences
from copydesk.gui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from copydesk.gui.views.legend import swatch


# --- (a) Enter and Space pick an item in a drop-down ---------------------------------------------------------
@pytest.fixture
def prefs_dialog(qtbot):
    install_typing_guard(QApplication.instance())  # as the app runs: the guard must let the combo have its keys
    dialog = PreferencesDialog(Preferences(theme="system"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.theme.setFocus()
    qtbot.waitUntil(dialog.theme.hasFocus)
    return dialog


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_and_space_pick_an_item_in_a_drop_down(prefs_dialog, qtbot, key):
    combo = prefs_dialog.theme
    qtbot.keyClick(combo, Qt.Key.Key_Space)  # opens the list
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, key)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == 1 and combo.currentData() == "light"
    assert prefs_dialog.isVisible()  # picking an item does not also close the dialog


# --- (b) a visible keyboard focus ring -----------------------------------------------------------------------
def _focus_targets() -> list:
    combo = QComboBox()
    combo.addItems(["Follow the system", "Light"])
    listing = QListView()
    listing.setModel(QStringListModel(["one", "two"], listing))
    tool = QToolButton()
    tool.setText("Tool")
    return [combo, QLineEdit("text"), QSpinBox(), QCheckBox("Use the default reading font"), listing,
            QPushButton("Apply"), tool]


@pytest.mark.parametrize("sheet", ["light.qss", "dark.qss"])
def test_every_control_shows_keyboard_focus(qtbot, sheet):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setStyleSheet((resources_dir() / sheet).read_text(encoding="utf-8"))
    layout = QVBoxLayout(dialog)
    targets = _focus_targets()
    for widget in targets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(widget)
    layout.addWidget(QLineEdit("parking spot"))  # focus rests here between grabs
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for widget in targets:
        layout.itemAt(layout.count() - 1).widget().setFocus()
        qtbot.waitUntil(lambda: not widget.hasFocus())
        plain = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        focused = widget.grab().toImage()
        assert _changed_pixels(plain, focused) > 40, type(widget).__name__  # more than a dotted hint


def _changed_pixels(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()  # focus must not shift the layout
    return sum(1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y))


# --- (c) 'Shared by all' and 'By some' swatches look different in every palette -------------------------------
def _lab(c: tuple[float, float, float]) -> tuple[float, float, float]:
    def linear(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in c)
    x, y, z = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(colour: QColor, ground: str) -> tuple[float, float, float]:
    """The colour as seen over the toolbar's background (swatches are translucent)."""
    back, a = QColor(ground), colour.alphaF()
    return tuple(a * c + (1 - a) * g for c, g in zip(colour.getRgb()[:3], back.getRgb()[:3]))  # type: ignore[return-value]


def _delta_e(a: QColor, b: QColor, ground: str) -> float:
    return math.dist(_lab(_seen(a, ground)), _lab(_seen(b, ground)))


TOOLBAR_GROUND = {False: "#F3F3F1", True: "#1F2023"}  # QToolBar background in light.qss / dark.qss


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("name", sorted(palette.SCHEMES))
def test_shared_by_all_and_by_some_swatches_are_distinguishable(qtbot, name, dark):
    sch = palette.scheme(name)
    fill = {}
    for kind in (highlight.ALL, highlight.SOME):
        image = swatch(sch, kind, dark, 0.5).toImage()
        fill[kind] = image.pixelColor(8, 8)  # the swatch's fill, clear of the 'Aa' and the underline
    assert _delta_e(fill[highlight.ALL], fill[highlight.SOME], TOOLBAR_GROUND[dark]) >= 6.0
    # ... and the dotted underline of 'By some' shows: dots alternate along its line
    image = swatch(sch, highlight.SOME, dark, 0.5).toImage()
    row = [image.pixelColor(x, image.height() - 6) for x in range(12, image.width() - 12)]
    dots = sum(1 for c in row if _delta_e(c, fill[highlight.SOME], TOOLBAR_GROUND[dark]) > 8)
    assert len(row) / 4 < dots < len(row)


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("name", sorted(palette.SCHEMES))
def test_text_highlights_of_all_and_some_differ_at_every_level(name, dark):
    sch = palette.scheme(name)
    ground = "#26272B" if dark else "#FFFFFF"
    every = palette.kind_format(sch, highlight.ALL, 1.0, dark).background().color()
    for level in (0.2, 0.5, 0.8):
        some = palette.kind_format(sch, highlight.SOME, level, dark).background().color()
        assert _delta_e(every, some, ground) >= 5.0, level


# --- (d) F4 frames the changed words, the paragraph frame recedes --------------------------------------------
def _a_change_inside_a_paragraph(window, qtbot) -> tuple[int, int, int, int]:
    """Step through differences with F4 until a change covers only part of its paragraph."""
    c = window.session.comparison
    for _ in range(len(window.review.differences)):
        window.review.next()
        for _press in range(8):
            with qtbot.waitSignal(window.review.inline_changed) as blocker:
                window.review.next_inline()
            article, paragraph, start, end = blocker.args[0]
            if end - start < len(c.paragraph((article, paragraph)).text) / 3:
                return article, paragraph, start, end
    raise AssertionError("no change smaller than its paragraph")


def test_f4_frames_only_the_changed_words(window, qtbot):
    article, paragraph, start, end = _a_change_inside_a_paragraph(window, qtbot)
    text = window.panes.pane_of(article).text
    rects = text.range_rects()
    assert rects, "the changed words are framed"
    block = text.paragraph_rect(paragraph).translated(0, -text.verticalScrollBar().value())  # viewport coordinates
    framed = sum(r.width() * r.height() for r in rects)
    assert framed < 0.5 * block.width() * block.height()  # words, not the paragraph
    assert all(block.adjusted(-1, -1, 1, 1).contains(r) for r in rects)
    assert text.current_frame_colour(paragraph).alphaF() < 0.5  # the paragraph frame is lighter meanwhile
    window.review.next()  # a whole difference again: its frame at full strength, no word frames
    current = window.review.current
    pane = window.panes.pane_of(current.refs[0][0])
    assert pane.text.range_rects() == [] and pane.text.current_frame_colour(current.refs[0][1]).alphaF() == 1.0


# --- (e) Find centres the match ----------------------------------------------------------------------------
def test_find_centres_the_match_in_the_view(window, qtbot):
    bar = window.find_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "the")
    # a match far enough down its document that it can be centred
    for index, (editor, start, _end) in enumerate(bar.matches):
        doc = editor.document()
        y = doc.documentLayout().blockBoundingRect(doc.findBlock(start)).top()
        if 1.5 * editor.viewport().height() < y < doc.size().height() - 1.5 * editor.viewport().height():
            break
    else:
        pytest.fail("no match in the middle of a document")
    editor.verticalScrollBar().setValue(0)
    bar.position = index - 1
    bar.find_next()
    assert bar.position == index
    line = editor.cursorRect(editor.textCursor())
    middle = editor.viewport().height() / 2
    assert abs(line.center().y() - middle) <= line.height(), (line, middle)


# --- (f) the shortcut list leads with the review keys, written as the status bar writes them ------------------
def test_shortcut_list_leads_with_review_keys_written_with_arrows(window, qtbot):
    rows = shortcut_rows()
    assert rows[0][0] == "Review" and rows[0][1] == "Next Difference"
    assert rows[0][2] == "Alt+↓, Ctrl+↓, N"
    assert not any("Down" in keys.replace("PgDown", "") or "Up" in keys.replace("PgUp", "")
                   for _menu, _action, keys in rows)  # page keys are no arrows
    assert key_text("Alt+Down") in window.status.current.text()  # the status bar spells it the same way
    nxt = next(s for s in ACTIONS if s.id == "next_difference")
    assert shortcut_text(nxt) in window.actions_by_id["next_difference"].toolTip()
    dialog = ShortcutsDialog.show_for(window)
    assert dialog.table.item(0, 0).text() == "Review" and dialog.table.item(0, 2).text() == rows[0][2]
    dialog.close()


# --- (g) only folders that opened go to File > Open Recent ---------------------------------------------------
def test_recent_menu_lists_only_folders_that_opened(make_window, qtbot, tmp_path, seeds_copy):
    window = make_window()
    broken = tmp_path / "one_article"
    broken.mkdir()
    (broken / "only.txt").write_text("A single version cannot be compared.\n", encoding="utf-8")
    with qtbot.waitSignal(window.session.failed, timeout=30_000):
        window.open_folder(str(broken))
    assert str(broken) not in window.session.recent.items()
    window.fill_recent_menu()
    assert all(str(broken) not in action.text() for action in window.recent_menu.actions())
    with qtbot.waitSignal(window.rendered, timeout=30_000):
        window.open_folder(str(seeds_copy))
    assert window.session.recent.items()[0] == str(seeds_copy)
    window.session.runner.wait_for_done(10_000)
