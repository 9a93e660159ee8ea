"""The article list model: rows, include checkbox, reference marker, excluded rows."""

from PySide6.QtCore import Qt

from gui.models import ArticleListModel, rows_for


def test_rows_show_numbers_and_excluded_files(qtmodeltester, seeds_comparison):
    c = seeds_comparison
    rows = rows_for(c, {"zzz_old.txt": "An old version"}, c.articles[1].path)
    model = ArticleListModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == len(c.articles) + 1
    first = model.index(0, ArticleListModel.WORDS)
    assert model.data(first) == str(c.stats[0].words)
    ref = model.index(1, ArticleListModel.REF)
    assert model.data(ref) == "★" and model.data(model.index(0, ArticleListModel.REF)) == ""
    excluded = model.index(len(c.articles), ArticleListModel.TITLE)
    assert model.data(excluded) == "An old version"
    assert model.data(excluded, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(excluded.siblingAtColumn(ArticleListModel.UNIQUE)) == "—"


def test_unchecking_asks_to_exclude(qtbot, seeds_comparison):
    model = ArticleListModel()
    model.set_rows(rows_for(seeds_comparison, {}, ""))
    with qtbot.waitSignal(model.inclusion_toggled) as blocker:
        model.setData(model.index(2, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == [seeds_comparison.articles[2].path, False]
    assert model.row(2).included is False
