"""The main window: composes panes, docks, bars and menus, and wires their signals (no logic of its own)."""

from __future__ import annotations

import functools
import html
import os

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import (QFileDialog, QMainWindow, QMenu, QMessageBox, QSizePolicy, QStackedWidget, QToolBar,
                               QVBoxLayout, QWidget)

from copydesk.core.align import SIMILARITY_METHOD
from copydesk.core.changes import Changes
from copydesk.core.model import Comparison, readable
from copydesk.gui import screen_fit
from copydesk.gui.actions import ACTIONS, build_actions
from copydesk.gui.announcements import announcement
from copydesk.gui.bars import MessageBar, NoteBar, StatusBar
from copydesk.gui.docks.article_dock import ArticleDock
from copydesk.gui.docks.article_model import ArticleListModel
from copydesk.gui.docks.differences_dock import DifferencesDock
from copydesk.gui.docks.findings_dock import FindingsDock
from copydesk.gui.export.controller import ExportController
from copydesk.gui.locations import resources_dir
from copydesk.gui.mark_actions import MarkActions
from copydesk.gui.preferences_controller import PreferencesController
from copydesk.gui.review_controller import ReviewController
from copydesk.gui.rich_text import menu_text
from copydesk.gui.session import ComparisonSession
from copydesk.gui.settings import Preferences, load_preferences
from copydesk.gui.story_controller import StoryController
from copydesk.gui.theme import icon
from copydesk.gui.view_controller import ViewController, Views
from copydesk.gui.views.aligned_view import AlignedView
from copydesk.gui.views.find_bar import FindBar
from copydesk.gui.views.legend import Legend
from copydesk.gui.views.load_placeholder import versions_in
from copydesk.gui.views.panes import PaneArea

ARTICLE_ROWS_MEASURED = 60  # rows the article list measures to size a column to its contents (Qt's default: 1000)

TOOLBAR = (("open_folder", "Open"), ("export_pdf", "Export PDF"), None, ("previous_difference", "Previous"),
           ("next_difference", "Next"), ("mark_reviewed", "Reviewed"), ("unreviewed_only", "Unreviewed only"),
           None, ("aligned_rows", "Aligned rows"), ("show_boilerplate", "Boilerplate"))


def window_settings() -> QSettings:
    """Geometry and dock state: an ini file under COPYDESK_HOME when set (tests), else the platform store."""
    home = os.environ.get("COPYDESK_HOME")
    if home:
        return QSettings(os.path.join(home, "config", "window.ini"), QSettings.Format.IniFormat)
    return QSettings("copydesk", "copydesk")


class MainWindow(QMainWindow):
    """Copydesk's window: builds the widgets and composes the controllers that act on them."""

    rendered = Signal()  # a comparison has been laid out in the views
    checked = Signal()  # ... and the editorial checks' findings, which land after the first paint

    # What the actions table (gui/actions.py) reaches; declared here so a type checker can follow it.
    preferences: PreferencesController
    session: ComparisonSession
    review: ReviewController
    view: ViewController
    marks: MarkActions
    exports: ExportController
    stories: StoryController
    find_bar: FindBar
    panes: PaneArea

    def __init__(self, prefs: Preferences | None = None, dark: bool = False) -> None:
        super().__init__()
        self.setWindowTitle("Copydesk")
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "copydesk.svg")))
        self.setAcceptDrops(True)
        self.preferences = PreferencesController(prefs or load_preferences(), dark, self)
        self.session = ComparisonSession(self.preferences.prefs, self)
        self.review = ReviewController(self)

        self.message_bar, self.note_bar = MessageBar(), NoteBar()
        self.panes, self.aligned = PaneArea(), AlignedView()
        self.find_bar = FindBar(lambda: self.view.text_views())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.panes)
        self.stack.addWidget(self.aligned)
        central = QWidget()
        central.setObjectName("Central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for w in (self.message_bar, self.find_bar, self.note_bar):
            column.addWidget(w)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.articles = ArticleDock(self)
        # Columns sized to their contents measure the rows in view and a few more, not all of them: with
        # hundreds of versions, measuring every row took 0.4-0.8 s of the GUI thread at each update.
        self.articles.view.header().setResizeContentsPrecision(ARTICLE_ROWS_MEASURED)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.articles)
        self.findings = FindingsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings)
        self.splitDockWidget(self.articles, self.findings, Qt.Orientation.Horizontal)
        self.resizeDocks([self.articles, self.findings], [60, 40], Qt.Orientation.Horizontal)
        self.resizeDocks([self.articles], [190], Qt.Orientation.Vertical)
        self.differences = DifferencesDock(self.review, lambda: (self.preferences.scheme(), self.preferences.dark), self)
        self.tabifyDockWidget(self.findings, self.differences)  # a tab beside the findings
        self.findings.raise_()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.legend = Legend()

        self.view = ViewController(self.session, self.review, self.preferences, Views(
            self.stack, self.panes, self.aligned, self.legend, self.find_bar, self.articles, self.findings,
            self.message_bar, self.status), self)
        self.marks = MarkActions(self.review, self.findings, self.note_bar, self, differences=self.differences)
        self.exports = ExportController(self, self.session, self.review, self.preferences, self.message_bar)
        self.stories = StoryController(self)  # the Stories panel, shown for a folder of several stories

        self.actions_by_id, self.menus = build_actions(self, self.menuBar())
        self.refresh_icons()
        self._build_recent_menu()
        self._build_toolbar()
        self._connect()
        self._restore_state()

    # --- composition -----------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("MainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        for item in TOOLBAR:
            if item is None:
                bar.addSeparator()
            else:
                action = self.actions_by_id[item[0]]
                action.setIconText(item[1])
                bar.addAction(action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.legend)
        self.addToolBar(bar)
        self.legend.follow(bar)  # compact legend, then icon-only buttons, as the window narrows
        view_menu = self.menus["View"]
        view_menu.addSeparator()
        for dock in (self.articles, self.findings, self.differences):
            view_menu.addAction(dock.toggleViewAction())

    def _build_recent_menu(self) -> None:
        self.recent_menu = QMenu("Open &Recent", self)
        self.menus["File"].insertMenu(self.actions_by_id["reload"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def _connect(self) -> None:
        s, view, review = self.session, self.view, self.review
        s.busy_changed.connect(self.status.busy)
        s.progress.connect(self.status.set_progress)
        s.busy_changed.connect(lambda on: self.panes.set_loading(on, versions_in(s.folder) if on else 0))
        self.status.load_progress.connect(self.panes.set_load_progress)
        s.loaded.connect(view.on_loaded)
        s.failed.connect(view.on_failed)
        s.files_changed.connect(self.announce_changes)
        s.folder_changed.connect(self.on_folder_changed)
        self.status.cancel_requested.connect(s.cancel)
        self.articles.model.inclusion_toggled.connect(s.set_included)
        self.articles.reference_requested.connect(view.set_reference)
        self.articles.article_activated.connect(view.focus_article)
        self.articles.side_by_side_requested.connect(view.show_side_by_side)
        self.findings.occurrences_activated.connect(view.show_occurrences)
        self.panes.paragraph_selected.connect(view.on_paragraph_selected)
        self.aligned.paragraph_selected.connect(view.on_paragraph_selected)
        view.rendered.connect(self.rendered)
        view.checked.connect(self.checked)
        s.checked.connect(view.on_checked)
        s.checking.connect(self.findings.show_checking)
        review.current_changed.connect(view.on_current_changed)
        review.inline_changed.connect(view.on_inline_changed)
        review.marks_changed.connect(view.on_marks_changed)
        review.save_failed.connect(lambda msg: self.message_bar.add_problems(msg, [], "error"))
        review.notice.connect(lambda msg: self.message_bar.add_problems(msg, [], "warning"))
        review.end_notice.connect(self.status.set_end_notice)
        self.preferences.changed.connect(self.on_preferences_changed)
        self.preferences.appearance_changed.connect(self.on_appearance_changed)
        self.actions_by_id["show_boilerplate"].setChecked(self.preferences.prefs.show_boilerplate)
        self.actions_by_id["lock_scrolling"].setChecked(True)  # panes move as one unless the user unlocks them
        self.panes.pinned_changed.connect(self.show_pinned)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.preferences.follow_system)

    def refresh_icons(self) -> None:
        """Icons in the theme's ink (after a light/dark switch)."""
        for spec in ACTIONS:
            if spec.icon:
                self.actions_by_id[spec.id].setIcon(icon(spec.icon, self.preferences.dark))

    # --- intents that belong to the window itself ------------------------------------------------
    def open_folder(self, folder: str) -> None:
        """Open a folder of article versions."""
        self.session.open(folder)

    def open_folder_dialog(self) -> None:
        """File > Open Folder: the platform's folder picker."""
        start = self.session.folder or os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(self, "Open a Folder of Article Versions", start)
        if folder:
            self.session.open(folder)

    def fill_recent_menu(self) -> None:
        """Rebuild File > Open Recent from the stored list."""
        menu = self.recent_menu
        menu.clear()
        items = self.session.recent.items()
        for folder in items:
            menu.addAction(menu_text(folder), functools.partial(self.session.open, folder))
        if not items:
            menu.addAction("No recent folders").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear Menu", self.session.recent.clear).setEnabled(bool(items))

    def announce_changes(self, changes: Changes, old: Comparison, new: Comparison) -> None:
        """Files changed on disk and the folder was compared again: say which, without blocking (info level)."""
        text = announcement(changes, old, new)
        if text:
            self.message_bar.add_problems(text, [], "info")

    def on_folder_changed(self, folder: str) -> None:
        """A new folder: title, forget the old one's notices, its current difference and scroll positions."""
        self.setWindowTitle(f"{readable(os.path.basename(folder) or folder)} — Copydesk")
        self.message_bar.hide()
        old = self.review.comparison
        if old is None or os.path.abspath(old.folder) != folder:  # another folder, not this one opened again
            self.review.reset()
            self.view.expect_fresh()
        self.view.forget_folder()

    def show_pinned(self, pinned: bool) -> None:
        """The reference pane was pinned or unpinned on its own (the window's width): tick the menu item to match."""
        action = self.actions_by_id["pin_reference"]
        blocked = action.blockSignals(True)  # reflecting the state is not the user's choice
        action.setChecked(pinned)
        action.blockSignals(blocked)

    def on_preferences_changed(self, old: Preferences, new: Preferences) -> None:
        """New preferences: compare again when they change the comparison, else only show it anew."""
        self.actions_by_id["show_boilerplate"].setChecked(new.show_boilerplate)
        self.session.use_preferences(new)
        if new.compare_options_differ(old):
            self.session.reload()
        else:
            self.view.restyle()

    def on_appearance_changed(self) -> None:
        """Light/dark flipped: icons in the new ink, highlights in the new tints."""
        self.refresh_icons()
        self.view.restyle()

    def toggle_article(self) -> None:
        """Include or exclude the article selected in the Articles list (Space there marks reviewed instead)."""
        index = self.articles.view.currentIndex()
        if index.isValid():
            check = index.siblingAtColumn(ArticleListModel.TITLE)
            included = Qt.CheckState(check.data(Qt.ItemDataRole.CheckStateRole)) == Qt.CheckState.Checked
            flipped = Qt.CheckState.Unchecked if included else Qt.CheckState.Checked
            self.articles.model.setData(check, flipped.value, Qt.ItemDataRole.CheckStateRole)

    def show_shortcuts(self) -> None:
        """F1 / ?: the shortcut overview."""
        from copydesk.gui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog.show_for(self)

    def show_about(self) -> None:
        """Help > About."""
        QMessageBox.about(self, "About Copydesk", "<b>Copydesk</b><br>Compare many versions of one news story: "
                          "aligned paragraphs, shared, reworded and unique wording, review and PDF export."
                          f"<br><br>Similarity: {html.escape(SIMILARITY_METHOD)}")

    # --- window state ----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = window_settings()
        geometry, state = settings.value("geometry"), settings.value("state")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        screen_fit.place_window(self, restored)  # on a 1366x768 laptop, or a smaller screen than last time
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for key in settings.allKeys():
            count = key.removeprefix("pane_splitter/")
            if count.isdigit() and isinstance(value := settings.value(key), QByteArray):
                self.panes.saved_states[int(count)] = value

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        """Remember geometry and docks; stop background work."""
        settings = window_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        self.panes.remember_widths()
        for count, value in self.panes.saved_states.items():
            settings.setValue(f"pane_splitter/{count}", value)
        settings.sync()
        self.session.watcher.stop()
        self.review.save_position()  # where review stands, for the next start
        self.session.cancel()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        """Coming back to the window: pick up marks another window on the same folder saved meanwhile."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.review.comparison:
            self.review.reload_marks()

    # --- drag and drop ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept a dropped folder."""
        if _dropped_folder(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Open a dropped folder."""
        folder = _dropped_folder(event)
        if folder is not None:
            event.acceptProposedAction()
            self.session.open(folder)


def _dropped_folder(event) -> str | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
    return next((p for p in paths if os.path.isdir(p)), None)
