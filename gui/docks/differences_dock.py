"""The Differences dock: every difference with where it is, its articles, verdict, note and review state.

The review counterpart of a change list: filter (unreviewed, a verdict, a kind), sort by any column,
Enter or double-click goes there. It follows the review controller: marks, re-alignment, the current one.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPointF,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QTreeView,
                               QVBoxLayout, QWidget)

from copydesk.core.differences import Difference
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.review import Mark, ReviewState, since_label, verdict_label, VERDICTS
from copydesk.gui import palette
from copydesk.gui.review_controller import ReviewController
from copydesk.gui.rich_text import literal_tooltip
from copydesk.gui.views.overview import MarkLook, mark_look, shape_path
from copydesk.gui.views.pane_render import article_names

Index = QModelIndex | QPersistentModelIndex
Look = Callable[[], tuple[palette.Scheme, bool]]
"""The palette scheme and dark mode in use (the dock's verdict badges look like the panes')."""

COLUMNS = ("#", "Reviewed", "Verdict", "Kind", "Where", "Articles", "Note")
NUMBER, REVIEWED, VERDICT, KIND, WHERE, ARTICLES, NOTE = range(len(COLUMNS))
KIND_NAMES = {"unique": "Unique", "missing": "Missing", "wording": "Wording"}
_VERDICT_ORDER = {v: i for i, (v, _label, _key) in enumerate(VERDICTS)}

FILTERS: tuple[tuple[str, str], ...] = (
    ("all", "All differences"), ("unreviewed", "Unreviewed"), ("reviewed", "Reviewed"),
    ("since", "Changed since review"), ("noted", "With a note"),
    *((f"verdict:{v}", f"Verdict: {label}") for v, label, _key in VERDICTS), ("verdict:", "No verdict"),
    *((f"kind:{k}", f"Kind: {name}") for k, name in KIND_NAMES.items()),
)
"""(filter id, what the combo says) in menu order."""


def where_text(refs: tuple[ParaRef, ...]) -> str:
    """'#1 ¶3, #4 ¶5': article and paragraph numbers (1-based, as the panes and the PDF number them)."""
    return ", ".join(f"#{a + 1} \u00b6{p + 1}" for a, p in sorted(refs))


def articles_text(c: Optional[Comparison], d: Difference) -> str:
    """'#1, #3 · not in #2' — the articles holding the difference, and those it is missing from."""
    present = sorted({a for a, _ in d.refs})
    text = ", ".join(f"#{a + 1}" for a in present)
    if c is not None and d.kind == "missing":
        absent = [a for a in range(len(c.articles)) if a not in present]
        text += " \u00b7 not in " + ", ".join(f"#{a + 1}" for a in absent)
    return text


def accepts(filter_id: str, d: Difference, mark: Mark) -> bool:
    """Whether a difference with this mark passes a filter of FILTERS."""
    if filter_id == "unreviewed":
        return not mark.reviewed
    if filter_id == "reviewed":
        return mark.reviewed
    if filter_id == "since":
        return bool(mark.since)
    if filter_id == "noted":
        return bool(mark.note)
    if filter_id.startswith("verdict:"):
        return mark.verdict == filter_id.partition(":")[2]
    if filter_id.startswith("kind:"):
        return d.kind == filter_id.partition(":")[2]
    return True


class DifferenceModel(QAbstractTableModel):
    """One row per difference, in row order (row number = index in ReviewController.differences)."""

    def __init__(self, look: Look, parent: Any = None) -> None:
        super().__init__(parent)
        self.differences: tuple[Difference, ...] = ()
        self.comparison: Optional[Comparison] = None
        self.state = ReviewState("")
        self._look = look
        self._names: list[str] = []
        self._marks: list[Mark] = []  # of each row, read once per change (views ask data() very often)
        self._icons: dict[tuple[MarkLook, bool], QIcon] = {}

    def set_differences(self, differences: tuple[Difference, ...], c: Optional[Comparison], state: ReviewState) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.differences, self.comparison, self.state = differences, c, state
        self._names = article_names(c) if c is not None else []
        self._marks = [state.get(d.key) for d in differences]
        self.endResetModel()

    def set_state(self, state: ReviewState) -> None:
        """New marks: the review columns change, the rows stay."""
        self.state = state
        self._marks = [state.get(d.key) for d in self.differences]
        if self.differences:
            self.dataChanged.emit(self.index(0, REVIEWED), self.index(len(self.differences) - 1, NOTE))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        """One row per difference."""
        return 0 if parent.isValid() else len(self.differences)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        """COLUMNS."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, tooltips (article text escaped: it is data) and the verdict badge."""
        if not index.isValid():
            return None
        d, col, mark = self.differences[index.row()], index.column(), self._marks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), d, mark, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(d, mark, col)
        if role == Qt.ItemDataRole.DecorationRole and col == REVIEWED:
            return self._badge(mark)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def mark(self, row: int) -> Mark:
        """The mark of a row's difference."""
        return self._marks[row]

    def sort_key(self, row: int, col: int) -> tuple:
        """What a column sorts by (ties keep row order)."""
        d, mark = self.differences[row], self._marks[row]
        keys: dict[int, Any] = {
            NUMBER: (), KIND: (d.kind,), WHERE: (tuple(sorted(d.refs)),),
            ARTICLES: (tuple(sorted({a for a, _ in d.refs})),), REVIEWED: (mark.reviewed,),
            VERDICT: (_VERDICT_ORDER.get(mark.verdict, len(_VERDICT_ORDER)) if mark.verdict else 99,),
            NOTE: (mark.note == "", mark.note.casefold()),
        }
        return (*keys[col], row)

    def _text(self, row: int, d: Difference, mark: Mark, col: int) -> str:
        if col == NUMBER:
            return str(row + 1)
        if col == KIND:
            return KIND_NAMES.get(d.kind, d.kind)
        if col == WHERE:
            return where_text(d.refs)
        if col == ARTICLES:
            return articles_text(self.comparison, d)
        if col == REVIEWED:  # a mark carried to new wording or a new version says so until looked at again
            since = since_label(mark.since)
            return ("Reviewed" if mark.reviewed else "Not yet") + (f" · {since}" if since else "")
        if col == VERDICT:
            return verdict_label(mark.verdict)
        return " ".join(mark.note.split())  # one line; the view elides it, the tooltip has it whole

    def _tooltip(self, d: Difference, mark: Mark, col: int) -> str:
        if col == NOTE and mark.note:
            return literal_tooltip(mark.note)
        if col == WHERE:
            return literal_tooltip(f"{where_text(d.refs)}\n{d.label}")
        if col == ARTICLES and self._names:
            present = sorted({a for a, _ in d.refs})
            lines = [self._names[a] for a in present if a < len(self._names)]
            if d.kind == "missing":
                lines += ["Not in:"] + [n for a, n in enumerate(self._names) if a not in present]
            return literal_tooltip("\n".join(lines))
        return literal_tooltip(d.label + (f"\nNote: {mark.note}" if mark.note else ""))

    def _badge(self, mark: Mark) -> QIcon:
        sch, dark = self._look()
        look = mark_look(sch, mark)
        if (look, dark) not in self._icons:
            self._icons[(look, dark)] = _tick_icon(look, dark)
        return self._icons[(look, dark)]


def _tick_icon(look: MarkLook, dark: bool) -> QIcon:
    """The overview strips' tick as an icon: the verdict's shape filled in its hue, a ring until reviewed."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if look.reviewed:
        painter.setPen(QPen(QColor("#FFFFFF" if dark else "#000000"), 0.6))
        painter.setBrush(QColor(look.colour))
        painter.drawPath(shape_path(look.shape, QPointF(7, 7), 5.5))
    else:
        painter.setPen(QPen(QColor("#B0B0B4" if dark else "#6E6E73"), 1.4))
        painter.drawPath(shape_path("circle", QPointF(7, 7), 3.5))
    painter.end()
    return QIcon(pixmap)


class DifferenceFilter(QSortFilterProxyModel):
    """Filters by FILTERS and sorts by DifferenceModel.sort_key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.filter_id = "all"

    def set_filter(self, filter_id: str) -> None:
        """Show only the differences passing filter_id."""
        self.filter_id = filter_id
        self.invalidate()

    def source(self) -> DifferenceModel:
        """The model filtered."""
        model = self.sourceModel()
        assert isinstance(model, DifferenceModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 (Qt naming)
        """accepts() on the row's difference and mark."""
        model = self.source()
        return accepts(self.filter_id, model.differences[source_row], model.mark(source_row))

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        """By the column's sort key."""
        model = self.source()
        return model.sort_key(left.row(), left.column()) < model.sort_key(right.row(), right.column())


class DifferencesDock(QDockWidget):
    """Lists the review controller's differences; Enter or double-click makes one current."""

    def __init__(self, review: ReviewController, look: Look, parent: Optional[QWidget] = None) -> None:
        super().__init__("Differences", parent)
        self.setObjectName("DifferencesDock")
        self.review = review
        self.model = DifferenceModel(look, self)
        self.proxy = DifferenceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show differences")
        for filter_id, text in FILTERS:
            self.filter.addItem(text, filter_id)
        self.filter.insertSeparator(4)
        self.filter.insertSeparator(len(FILTERS) - len(KIND_NAMES) + 1)
        self.count = QLabel()
        self.count.setObjectName("DifferencesCount")
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Differences")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(True)  # the note takes what is left
        for col in (NUMBER, REVIEWED, VERDICT, KIND):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((WHERE, 150), (ARTICLES, 100)):  # elided, whole in the tooltip; the user may widen
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.view.activated.connect(self._activated)
        review.marks_changed.connect(self.refresh)
        review.current_changed.connect(self._current_changed)
        self.refresh()

    # --- what the dock shows -------------------------------------------------------------------
    def refresh(self) -> None:
        """Follow the review controller: new rows after a re-alignment, else new marks."""
        review = self.review
        if review.differences is not self.model.differences or review.comparison is not self.model.comparison:
            self.model.set_differences(review.differences, review.comparison, review.state)
        else:
            self.model.set_state(review.state)
            if self.proxy.filter_id != "all" and not self.proxy.filter_id.startswith("kind:"):
                self.proxy.invalidate()  # a mark may move a row in or out of the filter
        self._update_counts()
        self.select_index(review.index)

    def set_filter(self, filter_id: str) -> None:
        """Choose a filter of FILTERS (as the combo does)."""
        at = self.filter.findData(filter_id)
        if at >= 0:
            self.filter.setCurrentIndex(at)

    def shown_indices(self) -> list[int]:
        """Positions (in ReviewController.differences) of the rows shown, in display order."""
        return [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]

    def selected_index(self) -> Optional[int]:
        """Position of the selected difference, or None."""
        current = self.view.currentIndex()
        return self.proxy.mapToSource(current).row() if current.isValid() else None

    def select_index(self, index: Optional[int]) -> None:
        """Select a difference's row (when shown) without making it current; None clears the selection."""
        source = self.model.index(index, 0) if index is not None and 0 <= index < self.model.rowCount() else None
        row = self.proxy.mapFromSource(source) if source is not None else QModelIndex()
        selection = self.view.selectionModel()
        if not row.isValid():
            selection.clearSelection()
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        selection.setCurrentIndex(row, flags)
        self.view.scrollTo(row)

    # --- internals -------------------------------------------------------------------------------
    def _update_counts(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.setWindowTitle(f"Differences ({total})" if self.review.comparison is not None else "Differences")
        done = sum(1 for row in range(total) if self.model.mark(row).reviewed)
        shown_text = f"{shown} of {total} shown" if shown != total else f"{total} shown"
        self.count.setText(f"  {shown_text} \u00b7 {done} reviewed" if total else "  No differences")

    def _filter_changed(self) -> None:
        self.proxy.set_filter(self.filter.currentData() or "all")
        self._update_counts()
        self.select_index(self.review.index)

    def _current_changed(self, _diff: object) -> None:
        if self.review.differences is not self.model.differences:
            self.refresh()
        else:
            self.select_index(self.review.index)

    def _activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        if source.isValid():
            self.review.go_to(source.row())
