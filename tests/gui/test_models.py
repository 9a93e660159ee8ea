"""The article list model: rows, include checkbox, reference marker, excluded rows, order, changes."""

import html

from PySide6.QtCore import Qt

from copydesk.gui.docks.article_model import ArticleListModel, rows_for


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
        model.setData(model.index(2, ArticleListModel.TITLE), Qt.CheckState.Unchecked.value,
                      Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == [seeds_comparison.articles[2].path, False]
    assert model.row(2).included is False


def test_rows_follow_natural_order_with_a_number_column(seeds_comparison):
    c = seeds_comparison
    excluded = {"Word10.txt": "ten", "Word2.txt": "two", "Word1.txt": "one", "001_zz.txt": "between"}
    model = ArticleListModel()
    model.set_rows(rows_for(c, excluded, ""))
    paths = [r.path for r in model.rows()]
    assert paths.index("Word1.txt") < paths.index("Word2.txt") < paths.index("Word10.txt")  # not Word1, Word10
    assert paths.index(c.articles[1].path) < paths.index("001_zz.txt") < paths.index(c.articles[2].path)
    assert ArticleListModel.HEADERS[0] == "#"
    numbers = [model.data(model.index(i, ArticleListModel.NUMBER)) for i in range(model.rowCount())]
    assert [n for n in numbers if n != "—"] == [str(i + 1) for i in range(len(c.articles))]
    assert model.data(model.index(paths.index("Word2.txt"), ArticleListModel.NUMBER)) == "—"


def test_changes_column_shows_each_delta_and_marks_the_likely_original(seeds_comparison):
    c = seeds_comparison
    assert c.deltas and c.source_ranking, "the checks should describe what each version adds and cuts"
    model = ArticleListModel()
    model.set_rows(rows_for(c, {}, ""))
    original = c.source_ranking[0].article
    for delta in c.deltas:
        index = model.index(delta.article, ArticleListModel.CHANGES)
        shown = model.data(index)
        assert delta.summary in shown
        assert html.escape(delta.summary) in model.data(index, Qt.ItemDataRole.ToolTipRole)
        font = model.data(index, Qt.ItemDataRole.FontRole)
        assert (font is not None and font.bold()) == (delta.article == original)
    assert "likely original" in model.data(model.index(original, ArticleListModel.CHANGES)).lower()
