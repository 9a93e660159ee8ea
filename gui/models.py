"""Qt item models: the article list (include/exclude, reference, per-article numbers)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette

from core.model import Comparison

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ArticleRow:
    """One file of the folder as the list shows it; numbers are None while the article is excluded."""

    path: str
    title: str
    included: bool = True
    reference: bool = False
    words: int | None = None
    shared: float | None = None
    unique: float | None = None


def rows_for(c: Comparison, excluded: dict[str, str], reference_path: str) -> list[ArticleRow]:
    """Rows for the included articles of c plus the excluded ones (path -> last known title), by path."""
    rows = {a.path: ArticleRow(a.path, a.title, True, a.path == reference_path, c.stats[i].words,
                               c.stats[i].shared_all + c.stats[i].shared_some, c.stats[i].unique)
            for i, a in enumerate(c.articles)}
    for path, title in excluded.items():
        rows.setdefault(path, ArticleRow(path, title, included=False))
    return [rows[p] for p in sorted(rows)]


class ArticleListModel(QAbstractTableModel):
    """Title (checkable: include), file, words, shared %, unique %, reference marker."""

    inclusion_toggled = Signal(str, bool)  # path, included
    HEADERS = ("Article", "File", "Words", "Shared", "Unique", "Ref.")
    TITLE, FILE, WORDS, SHARED, UNIQUE, REF = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []

    def set_rows(self, rows: list[ArticleRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> ArticleRow:
        """The row at a position."""
        return self._rows[index]

    def rows(self) -> list[ArticleRow]:
        """All rows, in display order."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        """Number of files."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        """Number of columns."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft if section < 2 else Qt.AlignmentFlag.AlignRight) | int(
                Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """Cell values, check state, tooltips and alignment."""
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.CheckStateRole and col == self.TITLE:
            return Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.REF:
                return "Reference article (aligned rows follow its order)" if row.reference else \
                    "Double-click to use as the reference"
            return row.path if col == self.FILE else row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.WORDS:
            return int(Qt.AlignmentFlag.AlignRight if col < self.REF else Qt.AlignmentFlag.AlignHCenter) | int(
                Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.reference:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not row.included:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable; the title cell carries the include checkbox."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == self.TITLE else base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Toggling the checkbox asks for the article to be included or excluded."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.TITLE:
            return False
        included = Qt.CheckState(value) == Qt.CheckState.Checked
        row = self._rows[index.row()]
        if included == row.included:
            return False
        self._rows[index.row()] = replace(row, included=included)
        self.dataChanged.emit(index, index.siblingAtColumn(self.REF))
        self.inclusion_toggled.emit(row.path, included)
        return True

    def _display(self, row: ArticleRow, col: int):
        if col == self.TITLE:
            return row.title
        if col == self.FILE:
            return row.path.rsplit("/", 1)[-1]
        if col == self.REF:
            return "★" if row.reference else ""
        value = {self.WORDS: row.words, self.SHARED: row.shared, self.UNIQUE: row.unique}[col]
        if value is None:
            return "—"
        return str(value) if col == self.WORDS else f"{value:.0%}"
