"""The action table: every shortcut parses, none collide, single keys are known to the typing guard."""

from PySide6.QtGui import QKeySequence

from copydesk.gui.actions import ACTIONS, MENUS, is_single_key, shortcut_text


def test_every_shortcut_parses_to_one_key_combination():
    for spec in ACTIONS:
        for text in spec.shortcuts:
            seq = QKeySequence(text)
            assert not seq.isEmpty() and seq.count() == 1, (spec.id, text)
            assert QKeySequence(seq.toString()) == seq, (spec.id, text)


def test_no_two_actions_share_a_shortcut():
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for text in spec.shortcuts:
            key = QKeySequence(text).toString()
            assert key not in seen, f"{text} is bound to {seen.get(key)} and {spec.id}"
            seen[key] = spec.id


def test_ids_unique_and_menus_known():
    ids = [s.id for s in ACTIONS]
    assert len(ids) == len(set(ids))
    assert {s.menu for s in ACTIONS} <= set(MENUS)


def test_required_review_keys_are_bound():
    bound = {QKeySequence(t).toString(): s.id for s in ACTIONS for t in s.shortcuts}
    for keys, action in [("Alt+Down", "next_difference"), ("Ctrl+Down", "next_difference"), ("N", "next_difference"),
                         ("Alt+Up", "previous_difference"), ("Ctrl+Up", "previous_difference"),
                         ("P", "previous_difference"), ("Alt+Home", "first_difference"),
                         ("Alt+End", "last_difference"), ("F4", "next_inline"), ("Space", "mark_reviewed"),
                         ("Shift+Space", "mark_unreviewed"), ("Ctrl+Shift+X", "toggle_article"),
                         ("1", "verdict_ok"), ("4", "verdict_legal"), ("Ctrl+E", "export_pdf"), ("Ctrl+P", "print"),
                         ("F1", "shortcuts"), ("?", "shortcuts"), ("Ctrl+F", "find"), ("F3", "find_next"),
                         ("Shift+F3", "find_previous"), ("Ctrl+0", "zoom_reset"), ("Ctrl+9", "focus_pane_9")]:
        assert bound.get(QKeySequence(keys).toString()) == action, keys


def test_single_key_detection():
    assert is_single_key("N") and is_single_key("Space") and is_single_key("?") and is_single_key("Return")
    assert not is_single_key("Ctrl+Down") and not is_single_key("F3") and not is_single_key("Alt+Home")


def test_shortcut_text_lists_all_keys():
    spec = next(s for s in ACTIONS if s.id == "next_difference")
    assert shortcut_text(spec).count(",") == 2


def _mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand)."""
    i = 0
    while (i := text.find("&", i)) != -1 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].lower()
        i += 2
    return None


def test_mnemonics_are_unique_within_each_menu(qtbot):
    from copydesk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    bars = [win.menuBar().actions()] + [m.actions() for m in win.menus.values()]
    for actions in bars:
        letters: dict[str, str] = {}
        for action in actions:
            letter = _mnemonic(action.text())
            if letter is None:
                continue
            assert letter not in letters, f"'{action.text()}' and '{letters[letter]}' share the mnemonic {letter}"
            letters[letter] = action.text()
    assert _mnemonic("R&&D &Reload") == "r" and _mnemonic("Focus Pane 1") is None
