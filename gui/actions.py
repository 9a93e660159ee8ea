"""Every user action in ONE table: id, menu text, shortcuts, the callable it runs, its menu."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from copydesk.gui.key_filter import TYPING_KEYS

if TYPE_CHECKING:
    from copydesk.gui.main_window import MainWindow

Slot = Callable[["MainWindow"], Callable[..., Any]]
"""Given the window, the callable an action runs (a type checker follows every attribute on the way)."""


@dataclass(frozen=True)
class ActionSpec:
    """One action: `slot` picks, on the main window, the callable that runs it."""

    id: str
    text: str
    shortcuts: tuple[str, ...]
    slot: Slot
    menu: str
    checkable: bool = False
    tip: str = ""
    arg: object = None  # passed to the slot when not None (verdicts, pane numbers)
    separator_before: bool = False
    icon: str = ""  # name of an svg in resources/icons


def _pane(n: int) -> ActionSpec:
    return ActionSpec(f"focus_pane_{n}", f"Focus Pane {n}", (f"Ctrl+{n}",), lambda w: w.view.focus_pane, "View",
                      arg=n, separator_before=n == 1)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open_folder", "&Open Folder…", ("Ctrl+O",), lambda w: w.open_folder_dialog, "File", icon="open"),
    ActionSpec("reload", "Re&load", ("F5",), lambda w: w.session.reload, "File"),
    ActionSpec("export_pdf", "&Export PDF…", ("Ctrl+E",), lambda w: w.exports.export_pdf, "File",
               separator_before=True, icon="export"),
    ActionSpec("print", "&Print…", ("Ctrl+P",), lambda w: w.exports.print_comparison, "File", icon="print"),
    ActionSpec("preferences", "Pre&ferences…", ("Ctrl+,",), lambda w: w.preferences.open_dialog, "File",
               separator_before=True),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), lambda w: w.close, "File", separator_before=True),
    ActionSpec("find", "&Find…", ("Ctrl+F",), lambda w: w.find_bar.open, "Edit", icon="find"),
    ActionSpec("find_next", "Find &Next", ("F3",), lambda w: w.find_bar.find_next, "Edit"),
    ActionSpec("find_previous", "Find Pre&vious", ("Shift+F3",), lambda w: w.find_bar.find_previous, "Edit"),
    ActionSpec("aligned_rows", "&Aligned Rows", ("Ctrl+Shift+A",), lambda w: w.view.set_aligned_rows, "View",
               checkable=True, tip="One row per aligned paragraph group, one column per article", icon="rows"),
    ActionSpec("show_boilerplate", "Show &Boilerplate", ("Ctrl+B",), lambda w: w.preferences.set_show_boilerplate,
               "View", checkable=True, tip="Show or hide credits, bylines and other page furniture",
               icon="boilerplate"),
    ActionSpec("lock_scrolling", "&Lock Scrolling", ("Ctrl+Shift+L",), lambda w: w.panes.set_locked, "View",
               checkable=True, separator_before=True, tip="Scroll all panes together, row by row"),
    ActionSpec("pin_reference", "&Pin Reference Pane", ("Ctrl+Shift+P",), lambda w: w.panes.set_pinned, "View",
               checkable=True, tip="Keep the reference pane at the left while the others scroll sideways"),
    ActionSpec("zoom_in", "Zoom &In", ("Ctrl+=", "Ctrl++"), lambda w: w.view.zoom, "View", arg=1,
               separator_before=True),
    ActionSpec("zoom_out", "Zoom &Out", ("Ctrl+-",), lambda w: w.view.zoom, "View", arg=-1),
    ActionSpec("zoom_reset", "Actual &Size", ("Ctrl+0",), lambda w: w.view.zoom, "View", arg=0),
    *(_pane(n) for n in range(1, 10)),
    ActionSpec("toggle_article", "Include/E&xclude Article", ("Ctrl+Shift+X",), lambda w: w.toggle_article, "View",
               separator_before=True, tip="Include or exclude the article selected in the Articles list"),
    ActionSpec("focus_stories", "S&tories", ("Ctrl+Shift+S",), lambda w: w.stories.focus_panel, "View",
               separator_before=True, tip="The stories of a folder that holds several: Enter shows one"),
    ActionSpec("next_story", "Next Stor&y", ("Alt+PgDown",), lambda w: w.stories.next_story, "View",
               tip="Show the next story of the folder"),
    ActionSpec("previous_story", "Pre&vious Story", ("Alt+PgUp",), lambda w: w.stories.previous_story, "View",
               tip="Show the previous story of the folder"),
    ActionSpec("move_article_to_story", "&Move Article to Story…", ("Ctrl+Shift+M",),
               lambda w: w.stories.move_article, "View", tip="Put the article selected in the Stories panel or the Articles list in another story"),
    ActionSpec("split_article_out", "Split Article O&ut", (), lambda w: w.stories.split_article, "View",
               tip="Take the selected article out of its story into a story of its own"),
    ActionSpec("next_difference", "&Next Difference", ("Alt+Down", "Ctrl+Down", "N"), lambda w: w.review.next,
               "Review", icon="next"),
    ActionSpec("previous_difference", "&Previous Difference", ("Alt+Up", "Ctrl+Up", "P"),
               lambda w: w.review.previous, "Review", icon="previous"),
    ActionSpec("first_difference", "&First Difference", ("Alt+Home",), lambda w: w.review.first, "Review"),
    ActionSpec("last_difference", "&Last Difference", ("Alt+End",), lambda w: w.review.last, "Review"),
    ActionSpec("next_inline", "Ne&xt Change in Paragraph", ("F4",), lambda w: w.review.next_inline, "Review"),
    ActionSpec("previous_inline", "Pre&vious Change in Paragraph", ("Shift+F4",), lambda w: w.review.previous_inline,
               "Review"),
    ActionSpec("mark_reviewed", "Mark &Reviewed and Next", ("Space",), lambda w: w.marks.mark_reviewed, "Review",
               separator_before=True, icon="reviewed",
               tip="Mark the difference reviewed and go on to the next unreviewed one"),
    ActionSpec("mark_unreviewed", "&Mark Unreviewed", ("Shift+Space",), lambda w: w.marks.mark_unreviewed, "Review",
               tip="Take the reviewed mark off (the verdict and note stay)"),
    ActionSpec("verdict_ok", "Verdict: &OK", ("1",), lambda w: w.marks.set_verdict, "Review", arg="ok"),
    ActionSpec("verdict_error", "Verdict: &Error", ("2",), lambda w: w.marks.set_verdict, "Review", arg="error"),
    ActionSpec("verdict_check", "Verdict: &Check with Desk", ("3",), lambda w: w.marks.set_verdict, "Review",
               arg="check"),
    ActionSpec("verdict_legal", "Verdict: Le&gal", ("4",), lambda w: w.marks.set_verdict, "Review", arg="legal"),
    ActionSpec("verdict_clear", "Clear Ver&dict", ("0",), lambda w: w.marks.set_verdict, "Review", arg=""),
    ActionSpec("edit_note", "Edit No&te…", ("Ctrl+Shift+N", "Return"), lambda w: w.marks.edit_note, "Review",
               icon="note"),
    ActionSpec("unreviewed_only", "&Unreviewed Only", ("Ctrl+Shift+U",), lambda w: w.review.set_unreviewed_only,
               "Review", checkable=True, separator_before=True, tip="Navigation skips differences already reviewed",
               icon="filter"),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", ("F1", "?"), lambda w: w.show_shortcuts, "Help"),
    ActionSpec("about", "&About Copydesk", (), lambda w: w.show_about, "Help"),
)

_SHIFT = Qt.KeyboardModifier.ShiftModifier

MENUS = ("File", "Edit", "View", "Review", "Help")
MENU_TITLES = {"File": "&File", "Edit": "&Edit", "View": "&View", "Review": "&Review", "Help": "&Help"}


def is_single_key(sequence: str) -> bool:
    """True for shortcuts without Ctrl/Alt/Meta that a text field would want as typing (n, 1, Space, ?)."""
    seq = QKeySequence(sequence)
    if seq.isEmpty():
        return False
    combo = seq[0]  # type: ignore[index]  # PySide6's stub lacks QKeySequence.__getitem__, which exists
    mods = combo.keyboardModifiers()
    if mods & ~_SHIFT:
        return False
    key = combo.key()
    return key < 0x01000000 or key in TYPING_KEYS  # printable keys, Return/Enter


def build_actions(window: MainWindow, menubar: QMenuBar) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Create every action, add it to its menu and the window, connect it to its slot; tooltips show keys."""
    menus: dict[str, QMenu] = {m: menubar.addMenu(MENU_TITLES[m]) for m in MENUS}
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        action.setObjectName(spec.id)
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        keys = shortcut_text(spec)
        label = spec.text.replace("&", "").rstrip("…")
        action.setToolTip(f"{label} ({keys})" if keys else label)
        if spec.tip:
            action.setStatusTip(spec.tip)
        slot = spec.slot(window)
        if spec.checkable:
            action.toggled.connect(slot)
        elif spec.arg is not None:
            action.triggered.connect(lambda _=False, slot=slot, arg=spec.arg: slot(arg))
        else:
            action.triggered.connect(lambda _=False, slot=slot: slot())
        if spec.separator_before:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
        window.addAction(action)  # shortcuts work even with the menu bar hidden
        actions[spec.id] = action
    return actions, menus


def shortcut_text(spec: ActionSpec) -> str:
    """Shortcuts of an action as the app writes them everywhere, e.g. 'Alt+↓, Ctrl+↓, N'."""
    return ", ".join(key_text(s) for s in spec.shortcuts)


_ARROWS = {"Up": "↑", "Down": "↓", "Left": "←", "Right": "→"}
_ARROW_NAMES = re.compile(r"(?<![A-Za-z])(Up|Down|Left|Right)(?![A-Za-z])")


def key_text(sequence: str) -> str:
    """One shortcut as the app writes it everywhere (status bar, tooltips, shortcut list): 'Alt+↓', not 'Alt+Down'."""
    native = QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)
    return _ARROW_NAMES.sub(lambda m: _ARROWS[m.group(1)], native)
