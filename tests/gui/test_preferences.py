"""The Preferences dialog: validation of boilerplate patterns, round trip, applying to the window."""

from PySide6.QtWidgets import QDialogButtonBox

from copydesk.gui.preferences_dialog import PreferencesDialog, pattern_notes
from copydesk.gui.settings import Preferences, load_preferences


def test_each_pattern_line_says_how_it_is_read_and_none_blocks_ok(qtbot):
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.patterns.setPlainText("^Follow us\n\n(unclosed\nSign up for our newsletter")
    status = dialog.pattern_status.text()
    assert ok.isEnabled()  # a broken expression is matched as plain text, not refused
    assert "Line 1: regular expression" in status and "Line 4: phrase" in status  # numbered as the field shows
    assert "Line 3: not a valid regular expression" in status and "plain text" in status
    assert pattern_notes(["a(", "", "b"]) == [pattern_notes(["a("])[0], "Line 3: phrase"]
    assert dialog.preferences().boilerplate_patterns == ("^Follow us", "(unclosed", "Sign up for our newsletter")


def test_pattern_field_explains_itself(qtbot):
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    placeholder = dialog.patterns.placeholderText()
    assert "phrase" in placeholder and "regular expression" in placeholder and "^Photo:" in placeholder
    assert "plain phrase" in dialog.pattern_help.text() and dialog.patterns.toolTip() == dialog.pattern_help.text()


def test_dialog_returns_edited_preferences(qtbot):
    dialog = PreferencesDialog(Preferences(theme="dark", palette="contrast", font_size=14, min_link_score=0.4))
    qtbot.addWidget(dialog)
    assert dialog.theme.currentData() == "dark" and dialog.palette_combo.currentData() == "contrast"
    dialog.font_size.setValue(13)
    dialog.min_score.setValue(0.5)
    dialog.patterns.setPlainText("^Subscribe")
    p = dialog.preferences()
    assert (p.font_size, p.min_link_score, p.boilerplate_patterns, p.font_family) == (13, 0.5, ("^Subscribe",), "")


def test_applying_preferences_rerenders_or_recompares(qtbot, seeds_copy):
    from copydesk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.rendered, timeout=30_000):
        win.open_folder(str(seeds_copy))
    first_pane = win.panes.panes[0].text
    new = Preferences(palette="mono", font_size=15)
    win.preferences.apply(new)
    assert first_pane.document().defaultFont().pointSizeF() == 15
    assert load_preferences().palette == "mono"
    with qtbot.waitSignal(win.rendered, timeout=30_000):  # a comparison option: compare again
        win.preferences.apply(Preferences(palette="mono", font_size=15, boilerplate_patterns=["^French President"]))
    assert any(p.boilerplate and p.text.startswith("French President")
               for p in win.session.comparison.articles[0].paragraphs)
    win.session.watcher.stop()
    win.session.runner.wait_for_done(10_000)
