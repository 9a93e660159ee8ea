"""The window's side of a folder of several stories: the Stories panel, choosing a story, correcting the grouping.

The panel appears only when the folder holds more than one story; a folder of one story looks as it
always did. Choosing a story shows its Comparison in every view (gui/session.py show_story); review
marks are the folder's, keyed by content, while the review position is kept per story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog

from copydesk.core.model import readable
from copydesk.gui.docks.stories_dock import StoriesDock, StoryRow
from copydesk.gui.rich_text import menu_text

if TYPE_CHECKING:
    from copydesk.gui.main_window import MainWindow

PANEL_WIDTH = 300  # pixels at first showing, until the user drags the dock's edge
STORY_ACTIONS = ("focus_stories", "next_story", "previous_story", "move_article_to_story", "split_article_out")


class StoryController(QObject):
    """Feeds the Stories panel from the session's stories and review state; turns choices into session calls."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session, self.review, self.view = window.session, window.review, window.view
        self.stories = window.session.stories
        self.dock: StoriesDock | None = None  # made when a folder of several stories first shows
        self._notices: list[str] = []  # said once the story is rendered (loading hides the message bar)
        self._closed_by_user = False  # the panel's close button: it stays closed for this folder
        self.stories.listed.connect(self.refresh)
        self.stories.chosen.connect(self.on_chosen)
        self.stories.notice.connect(self._notices.append)
        self.review.marks_changed.connect(self.refresh_progress)
        self.view.rendered.connect(self._say_notices)
        self.session.folder_changed.connect(self._new_folder)

    # --- following the session -------------------------------------------------------------------
    def on_chosen(self, story_id: str, switched: bool) -> None:
        """Another story is about to show: review starts afresh at that story's own remembered position."""
        if switched:
            self.review.save_position()  # the story left, before its state moves on
            self.review.reset()
            self.view.forget_folder()  # that story's own default versions side by side
            self.view.expect_fresh()  # from the top, unless a remembered difference is shown
        self.review.use_story(story_id, self.stories.other_keys())

    def refresh(self) -> None:
        """The stories changed: list them (panel shown for several, hidden for one) and enable the actions."""
        several = self.stories.several
        for action_id in STORY_ACTIONS:
            action = getattr(self.window, "actions_by_id", {}).get(action_id)
            if action is not None:
                action.setEnabled(several)
        if not several:
            if self.dock is not None:
                self.dock.hide()
            return
        dock = self._ensure_dock()
        dock.set_stories(self._rows(), self.stories.current)
        if not dock.isVisible() and not self._closed_by_user:
            dock.show()

    def refresh_progress(self) -> None:
        """Marks changed: the panel's review counts."""
        if self.dock is not None and self.stories.several:
            self.dock.set_progress(self._progress())

    # --- what the editor asks for ----------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Show story index (0-based) in every view."""
        self.session.show_story(index)

    def show_article(self, index: int, path: str) -> None:
        """Enter on an article in the panel: its story, and keyboard focus to that article's pane."""
        self.choose(index)
        self.view.focus_article(path)

    def focus_panel(self) -> None:
        """View > Stories: keyboard focus to the Stories panel (shown again if it was closed)."""
        if not self.stories.several:
            self.window.statusBar().showMessage("This folder holds one story", 4000)
            return
        self._closed_by_user = False
        dock = self._ensure_dock()
        dock.set_stories(self._rows(), self.stories.current)
        dock.focus_list()

    def next_story(self) -> None:
        """Show the next story (wraps to the first)."""
        if self.stories.several:
            self.choose((self.stories.current + 1) % len(self.stories.stories))

    def previous_story(self) -> None:
        """Show the previous story (wraps to the last)."""
        if self.stories.several:
            self.choose((self.stories.current - 1) % len(self.stories.stories))

    def move_article(self) -> None:
        """Move the selected article (Stories panel or Articles list) to a story the editor picks."""
        path = self._selected_article()
        if path is None:
            return
        here = self.stories.found.story_of(path) if self.stories.found is not None else None
        choices = [(i, s) for i, s in enumerate(self.stories.stories) if i != here]
        labels = [menu_text(f"{i + 1}  {s.title[:70]} ({len(s.paths)} versions)") for i, s in choices]
        labels.append("A story of its own")
        name = readable(path.rsplit("/", 1)[-1])
        picked, ok = QInputDialog.getItem(self.window, "Move to Story", f"Move {name} to:", labels, 0, False)
        if not ok or picked not in labels:
            return
        at = labels.index(picked)
        self.apply(path, choices[at][0] if at < len(choices) else None)

    def split_article(self) -> None:
        """Take the selected article out of its story into a story of its own."""
        path = self._selected_article()
        if path is not None:
            self.apply(path, None)

    def apply(self, path: str, target: int | None) -> None:
        """Remember the correction for the folder and compare again (only the stories it touches)."""
        if self.stories.override(path, target):
            where = "a story of its own" if target is None else f"story {target + 1}"
            self.window.statusBar().showMessage(f"Moving {readable(path)} to {where}…", 4000)
            self.session.reload()

    # --- internals -------------------------------------------------------------------------------
    def _ensure_dock(self) -> StoriesDock:
        if self.dock is None:
            dock = StoriesDock(self.window)
            if not self.window.restoreDockWidget(dock):  # where the editor left it last time, else at the left
                self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
                dock.show()
                self.window.resizeDocks([dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
            dock.story_activated.connect(self.choose)
            dock.article_activated.connect(self.show_article)
            dock.move_requested.connect(self.apply)
            dock.closed.connect(self._closed)
            self.dock = dock
        return self.dock

    def _new_folder(self, _folder: str) -> None:
        self._closed_by_user = False  # another folder: its stories show

    def _closed(self) -> None:
        # closed with its button: stays closed for this folder until asked for (View > Stories)
        self._closed_by_user = True

    def _rows(self) -> list[StoryRow]:
        progress = self._progress()
        rows = []
        for s, (done, total) in zip(self.stories.stories, progress):
            articles = tuple((a.path, a.label(70)) for a in s.comparison.articles)
            rows.append(StoryRow(s.title, len(s.paths), s.mean_unique, done, total, articles))
        return rows

    def _progress(self) -> list[tuple[int, int]]:
        state, keys = self.review.state, self.stories.keys
        found = self.stories.found
        if found is None or state.folder != found.folder:  # the marks are another folder's (still loading)
            return [(0, len(k)) for k in keys]
        return [state.progress(k) for k in keys]

    def _selected_article(self) -> str | None:
        """The article to move: the one selected in the Stories panel, else in the Articles list."""
        if not self.stories.several:
            self.window.statusBar().showMessage("This folder holds one story", 4000)
            return None
        path = self.dock.selected_path() if self.dock is not None else None
        if path is None:
            index = self.window.articles.view.currentIndex()
            if index.isValid():
                row = self.window.articles.model.row(index.row())
                path = row.path if row.included else None
        if path is None or self.stories.found is None or self.stories.found.story_of(path) is None:
            self.window.statusBar().showMessage("Select an article in the Stories panel or the Articles list first",
                                                5000)
            return None
        return path

    def _say_notices(self) -> None:
        notices, self._notices = self._notices, []
        for text in notices:
            self.window.message_bar.add_problems(text, [], "warning")
