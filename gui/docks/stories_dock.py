"""The Stories panel: the stories of a folder of several (headline, versions, how much they differ, review
progress), each with its articles; Enter or a click shows a story, the context menu corrects the grouping.

A side panel is narrow: each story is two lines (its headline, word-wrapped; then its numbers) rather
than columns that would leave a headline three words long.
"""

from __future__ import annotations

import functools
import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHeaderView, QLabel, QMenu, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QVBoxLayout, QWidget)

from copydesk.core.model import readable
from copydesk.gui.rich_text import literal_tooltip, menu_text

STORY_ROLE = Qt.ItemDataRole.UserRole + 1  # int: the story's index in the folder's stories
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 2  # int: an article row's position in its story (paths stay in Python:
# a Qt string would drop the surrogates that stand for the bytes of a file name that is not UTF-8)
TITLE = 0  # the one column
NUMBERS_TIP = ("versions: how many versions of the story the folder holds; unique: how much they differ (the mean "
               "share of a version's words no other version carries); reviewed: differences reviewed, of all")


@dataclass(frozen=True)
class StoryRow:
    """One story as the panel lists it."""

    title: str  # the headline of the likely original
    versions: int
    unique: float  # mean unique share, 0..1
    reviewed: int
    differences: int
    articles: tuple[tuple[str, str], ...]  # (path, "#N headline") in folder order


def progress_text(reviewed: int, total: int) -> str:
    """'3/12 reviewed', '✓ 12/12 reviewed' when done, 'nothing to review' (one version)."""
    if not total:
        return "nothing to review"
    return f"✓ {reviewed}/{total} reviewed" if reviewed == total else f"{reviewed}/{total} reviewed"


def story_text(number: int, row: StoryRow) -> str:
    """A story's two lines: '2. Headline' and '6 versions · 4% unique · 3/10 reviewed'."""
    versions = f"{row.versions} version{'' if row.versions == 1 else 's'}"
    numbers = f"{versions} · {row.unique:.0%} unique · {progress_text(row.reviewed, row.differences)}"
    return f"{number}. {row.title}\n{numbers}"


class _WrappingDelegate(QStyledItemDelegate):
    """Measures a word-wrapped row at the width it is painted in: the column less the tree's indentation."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        """The row's size for the text width left beside the branch arrows (Qt measures the whole column)."""
        view = self.parent()
        if not isinstance(view, QTreeView):
            return super().sizeHint(option, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        narrower = QStyleOptionViewItem(option)
        # a valid rect (the tree passes none) is what makes Qt's style wrap the text at its width
        # measured as if the scroll bar showed: a row measured without it would be clipped once it appears
        extent = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        bar = 0 if view.verticalScrollBar().isVisible() else extent
        width = max(60, view.header().sectionSize(0) - view.indentation() * depth - bar - 6)
        narrower.rect = QRect(0, 0, width, max(1, option.rect.height()))
        return super().sizeHint(narrower, index)


class StoryTree(QTreeView):
    """The list of stories; Enter on a story shows it, on one of its articles shows that article's pane too."""

    return_pressed = Signal(QModelIndex)  # Return/Enter on a row (QAbstractItemView.entered is mouse hover)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # word-wrapped rows are measured at the column's width: measure again when it changes
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())
        self.setItemDelegate(_WrappingDelegate(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """Return/Enter choose the story of the current row (Qt's activation on Enter varies by platform style)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.return_pressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class StoriesDock(QDockWidget):
    """Lists the stories with their articles; tells which story to show and which article to move."""

    story_activated = Signal(int)
    article_activated = Signal(int, object)  # story index, article path: show the story and that article's pane
    move_requested = Signal(object, object)  # article path, target story index (None: a story of its own)
    closed = Signal()  # the editor closed the panel (its close button), as opposed to a folder of one story

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Stories", parent)
        self.setObjectName("StoriesDock")
        self.model = QStandardItemModel(self)
        self.hint = QLabel()
        self.hint.setObjectName("StoriesHint")
        self.hint.setWordWrap(True)
        self.view = StoryTree()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Stories")
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)  # a headline wraps rather than ending after three words
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.header().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        self.view.return_pressed.connect(self._entered)
        self.view.doubleClicked.connect(self._entered)
        self.view.clicked.connect(self._clicked)
        self.view.customContextMenuRequested.connect(self._menu)
        self._rows: list[StoryRow] = []
        self.current = -1

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        """The close button: say so (the window keeps it closed for this folder)."""
        super().closeEvent(event)
        self.closed.emit()

    # --- what the panel shows ------------------------------------------------------------------
    def set_stories(self, rows: list[StoryRow], current: int) -> None:
        """Every story and its articles; the shown one in bold and selected; the stories the editor opened stay open.

        Stories start closed, so that the arrow keys go from story to story (Right opens one). When only the
        titles, numbers or the shown story changed (a story's checks landed, another story was chosen), the
        rows are updated where they are: the editor's place in the list stays.
        """
        if [r.articles for r in rows] == [r.articles for r in self._rows]:
            self._rows, self.current = list(rows), current
            for i, row in enumerate(rows):
                item = self.model.item(i, TITLE)
                if item is not None:
                    self._describe(item, i, row)
            return
        expanded = {r.articles[0][0] for i, r in enumerate(self._rows) if r.articles
                    and self.view.isExpanded(self.model.index(i, TITLE))}
        self._rows, self.current = list(rows), current
        self.model.removeRows(0, self.model.rowCount())
        for i, row in enumerate(rows):
            self.model.appendRow(self._story_items(i, row))
        for i, row in enumerate(rows):
            if row.articles and row.articles[0][0] in expanded:
                self.view.setExpanded(self.model.index(i, TITLE), True)
        n = len(rows)
        self.hint.setText(f"{n} stories in this folder. Enter or a click shows one; right-click an article "
                          f"to move it to another story.")
        if 0 <= current < n:
            self.view.setCurrentIndex(self.model.index(current, TITLE))

    def set_progress(self, progress: list[tuple[int, int]]) -> None:
        """New review counts, (reviewed, differences) per story, without rebuilding the list."""
        for i, (done, total) in enumerate(progress[:self.model.rowCount()]):
            row = self._rows[i] = dataclasses.replace(self._rows[i], reviewed=done, differences=total)
            item = self.model.item(i, TITLE)
            if item is not None and item.text() != story_text(i + 1, row):
                item.setText(story_text(i + 1, row))

    def selected_path(self) -> str | None:
        """The article selected in the panel, or None (a story row, or nothing)."""
        return self._path_at(self.view.currentIndex())

    def _path_at(self, index: QModelIndex) -> str | None:
        cell = index.siblingAtColumn(TITLE) if index.isValid() else index
        story, article = cell.data(STORY_ROLE), cell.data(ARTICLE_ROLE)
        if not isinstance(story, int) or not isinstance(article, int) or not 0 <= story < len(self._rows):
            return None
        articles = self._rows[story].articles
        return articles[article][0] if 0 <= article < len(articles) else None

    def focus_list(self) -> None:
        """Keyboard focus to the list, on the shown story."""
        self.show()
        self.raise_()
        if 0 <= self.current < self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(self.current, TITLE))
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _describe(self, item: QStandardItem, i: int, row: StoryRow) -> None:
        """A story row's text, tooltip, weight (bold: shown) and what a screen reader says."""
        if item.text() != story_text(i + 1, row):
            item.setText(story_text(i + 1, row))
        item.setToolTip(literal_tooltip(f"Story {i + 1}: {row.title}\n{NUMBERS_TIP}"))
        if item.font().bold() != (i == self.current):
            font = QFont(item.font())
            font.setBold(i == self.current)
            item.setFont(font)
        item.setAccessibleText(f"Story {i + 1} of {len(self._rows)}: {row.title}, {row.versions} versions"
                               + (", shown" if i == self.current else ""))

    def _story_items(self, i: int, row: StoryRow) -> QStandardItem:
        item = QStandardItem()
        item.setData(i, STORY_ROLE)
        item.setEditable(False)
        self._describe(item, i, row)
        for a, (path, label) in enumerate(row.articles):
            child = QStandardItem(label)
            child.setToolTip(literal_tooltip(f"{label}\n{readable(path)}"))
            child.setData(i, STORY_ROLE)
            child.setData(a, ARTICLE_ROLE)
            child.setEditable(False)
            item.appendRow(child)
        return item

    def _entered(self, index: QModelIndex) -> None:
        story, path = index.siblingAtColumn(TITLE).data(STORY_ROLE), self._path_at(index)
        if isinstance(story, int) and path is not None:
            self.article_activated.emit(story, path)
        elif isinstance(story, int):
            self.story_activated.emit(story)

    def _clicked(self, index: QModelIndex) -> None:
        story = index.siblingAtColumn(TITLE).data(STORY_ROLE)
        if isinstance(story, int):
            self.story_activated.emit(story)

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        story = int(index.siblingAtColumn(TITLE).data(STORY_ROLE))
        path = self._path_at(index)
        menu = QMenu(self)
        show = menu.addAction(f"Show Story {story + 1}")
        show.setEnabled(story != self.current)
        show.triggered.connect(lambda: self.story_activated.emit(story))
        if isinstance(path, str):
            self.add_move_actions(menu, path, story)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def add_move_actions(self, menu: QMenu, path: str, story: int) -> None:
        """'Move to Story' (a submenu of the other stories) and 'Split Out' for the article at path."""
        menu.addSeparator()
        move = menu.addMenu("Move to Story")
        for target, row in enumerate(self._rows):
            if target != story:
                label = f"{target + 1}  {row.title[:60]}{'…' if len(row.title) > 60 else ''} ({row.versions})"
                action = move.addAction(menu_text(label))
                action.triggered.connect(functools.partial(self.move_requested.emit, path, target))
        move.setEnabled(len(self._rows) > 1)
        split = menu.addAction("Split Out into a Story of Its Own",
                               lambda: self.move_requested.emit(path, None))
        split.setEnabled(0 <= story < len(self._rows) and self._rows[story].versions > 1)
