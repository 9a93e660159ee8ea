"""The Articles dock: every file with its numbers, an include checkbox, and the reference marker."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QMenu, QTreeView, QWidget

from copydesk.gui.docks.article_model import ArticleListModel

TITLE_WIDTH, FILE_WIDTH = 210, 130  # pixels, until the user drags them


class ArticleDock(QDockWidget):
    """A table of articles; toggling a checkbox includes/excludes, double-click on Ref. sets the reference."""

    reference_requested = Signal(object)  # path (object: a str with surrogates must cross intact)
    article_activated = Signal(object)  # path
    side_by_side_requested = Signal(object, bool)  # path, shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Articles", parent)
        self.setObjectName("ArticlesDock")
        self.model = ArticleListModel(self)
        self.view = QTreeView(self)  # Space marks a difference here too (gui/key_filter.py): never excludes
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        for col in range(len(ArticleListModel.HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Titles, files and changes are elided (full text in the tooltip); the changes summary gets the room.
        for col, width in ((ArticleListModel.TITLE, TITLE_WIDTH), (ArticleListModel.FILE, FILE_WIDTH)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(ArticleListModel.CHANGES, QHeaderView.ResizeMode.Stretch)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(self._double_clicked)
        self.setWidget(self.view)

    def _double_clicked(self, index: QModelIndex) -> None:
        path = self.model.row(index.row()).path
        if index.column() == ArticleListModel.REF:
            self.reference_requested.emit(path)
        else:
            self.article_activated.emit(path)

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        row = self.model.row(index.row())
        menu = QMenu(self)
        use = menu.addAction("Use as Reference")
        use.setEnabled(row.included and not row.reference)
        use.triggered.connect(lambda: self.reference_requested.emit(row.path))
        if row.side is not None:
            side = menu.addAction("Hide from Side by Side" if row.side else "Show Side by Side")
            side.setEnabled(row.included and not row.reference)
            side.triggered.connect(lambda: self.side_by_side_requested.emit(row.path, not row.side))
        toggle = menu.addAction("Exclude from Comparison" if row.included else "Include in Comparison")
        toggle.triggered.connect(lambda: self.model.setData(
            index.siblingAtColumn(ArticleListModel.TITLE),
            (Qt.CheckState.Unchecked if row.included else Qt.CheckState.Checked).value,
            Qt.ItemDataRole.CheckStateRole))
        menu.exec(self.view.viewport().mapToGlobal(pos))
