"""Qt item models: the article list (include/exclude, reference, per-article numbers and changes)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette

from copydesk.core.corpus import natural_key
from copydesk.core.model import Comparison, readable
from copydesk.gui.rich_text import literal_tooltip

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
    reworded: float | None = None  # content others carry in other words (core.model.ArticleStats.reworded)
    number: int | None = None  # 1-based, as in the pane headers
    changes: str = ""  # what the article adds and cuts (ArticleDelta.summary)
    original: bool = False  # the likely original (best source score)
    side: bool | None = None  # shown side by side; None when every version is


def _path_order(path: str) -> list:
    """The core's natural order (Word2 before Word10), folder by folder."""
    return [natural_key(part) for part in path.split("/")]


def rows_for(c: Comparison | None, excluded: dict[str, str], reference_path: str,
             side: set[str] | None = None) -> list[ArticleRow]:
    """Rows for the included articles of c plus the excluded ones (path -> last known title), in natural order.

    side holds the paths shown side by side when that is only some of them (None: all are).
    """
    rows: dict[str, ArticleRow] = {}
    if c is not None:
        original = c.source_ranking[0].article if c.source_ranking else None
        changes = {d.article: d.summary for d in c.deltas}
        if original in changes and "likely original" not in changes[original].lower():
            changes[original] = f"likely original; {changes[original]}"
        for i, a in enumerate(c.articles):
            st = c.stats[i]
            rows[a.path] = ArticleRow(a.path, a.title, True, a.path == reference_path, st.words,
                                      st.shared_all + st.shared_some, st.unique, st.reworded, i + 1,
                                      changes.get(i, ""), i == original, None if side is None else a.path in side)
    for path, title in excluded.items():
        rows.setdefault(path, ArticleRow(path, title, included=False))
    return sorted(rows.values(), key=lambda r: _path_order(r.path))


class ArticleListModel(QAbstractTableModel):
    """Number, title (checkable: include), file, words, shared %, reworded %, unique %, reference marker, changes."""

    inclusion_toggled = Signal(object, bool)  # path, included (object: Qt strings would drop the surrogates
    # that stand for the bytes of a file name that is not UTF-8)
    HEADERS = ("#", "Article", "File", "Words", "Shared", "Reworded", "Unique", "Ref.", "Changes")
    NUMBER, TITLE, FILE, WORDS, SHARED, REWORDED, UNIQUE, REF, CHANGES = range(9)
    _HEADER_TIPS = {SHARED: "Words other versions keep as they are (by all or by some)",
                    REWORDED: "Content other versions carry in other words",
                    UNIQUE: "Content no other version carries"}
    _LEFT = (TITLE, FILE, CHANGES)

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
            return self._alignment(section)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self._HEADER_TIPS.get(section)
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
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(col)
        if role == Qt.ItemDataRole.FontRole and (row.reference and col != self.CHANGES
                                                 or row.original and col == self.CHANGES):
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
        self.dataChanged.emit(index, self.index(index.row(), self.CHANGES))
        self.inclusion_toggled.emit(row.path, included)
        return True

    def _display(self, row: ArticleRow, col: int):
        if col == self.TITLE:
            return row.title
        if col == self.FILE:
            return readable(row.path.rsplit("/", 1)[-1])
        if col == self.REF:
            return "★" if row.reference else "▣" if row.side else ""
        if col == self.CHANGES:
            return row.changes if row.included else "excluded"
        value = {self.NUMBER: row.number, self.WORDS: row.words, self.SHARED: row.shared,
                 self.REWORDED: row.reworded, self.UNIQUE: row.unique}[col]
        if value is None:
            return "—"
        return str(value) if col in (self.NUMBER, self.WORDS) else f"{value:.0%}"

    def _tooltip(self, row: ArticleRow, col: int) -> str:
        """Every tooltip escaped: titles, paths and summaries are article data, not markup."""
        if col == self.REF:
            if row.reference:
                return "Reference article (aligned rows follow its order)"
            shown = "Shown side by side. " if row.side else ""
            return shown + "Double-click to use as the reference"
        if col == self.CHANGES:
            head = "Likely original: the version the others seem to derive from. " if row.original else ""
            return literal_tooltip(head + row.changes) if row.changes else ""
        if col == self.NUMBER:
            return "Pane number" if row.number is not None else "Excluded: not in the comparison"
        return literal_tooltip(readable(row.path) if col == self.FILE else row.title)

    def _alignment(self, col: int) -> int:
        horizontal = (Qt.AlignmentFlag.AlignLeft if col in self._LEFT else
                      Qt.AlignmentFlag.AlignHCenter if col == self.REF else Qt.AlignmentFlag.AlignRight)
        return int(horizontal) | int(Qt.AlignmentFlag.AlignVCenter)
