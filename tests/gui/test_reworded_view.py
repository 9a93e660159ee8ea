"""Reworded text has a look of its own everywhere the app shows kinds, and says where and how it is reworded."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from copydesk.core import highlight
from copydesk.core.comparison import CompareOptions, compare_texts
from copydesk.gui import palette
from copydesk.gui.docks.article_model import ArticleListModel
from copydesk.gui.views.legend import Legend
from copydesk.gui.views.pane_render import KIND_PROPERTY, RenderStyle, render_article
from copydesk.gui.views.pane_text import PaneText
from copydesk.gui.views.panes import _runs

LEAD = ("French President Emmanuel Macron said on Monday that sending Western troops to Ukraine could not be "
        "ruled out after a meeting of European leaders in Paris.")
REWORDED = ("Emmanuel Macron, the French president, declined on Monday to exclude a deployment of <b>European</b> "
            "soldiers to Ukraine following talks among the continent's leaders in Paris.")
AID = "Several countries agreed to buy ammunition for Ukraine outside the European Union, officials said."


def _each_fragment(doc):
    """Every text fragment of a rendered document, in order."""
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def _formats(doc, kind: str) -> list[QTextCharFormat]:
    """The character formats of every fragment of a kind in a rendered document."""
    return [frag.charFormat() for frag in _each_fragment(doc) if frag.charFormat().property(KIND_PROPERTY) == kind]


def _fragments(doc, kind: str) -> list[tuple[int, QTextCharFormat]]:
    """(middle document position, format) of every fragment of a kind in a rendered document."""
    out = []
    for frag in _each_fragment(doc):
        letters = [i for i, ch in enumerate(frag.text()) if ch.isalnum()]
        if frag.charFormat().property(KIND_PROPERTY) == kind and letters:  # on a letter, not a wrap's space
            out.append((frag.position() + letters[len(letters) // 2], frag.charFormat()))
    return out


def _hover(qtbot, view, position: int) -> str:
    """Rest the mouse on the character at a document position: the tooltip the view shows then."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    before = view.cursorRect(cursor)
    cursor.setPosition(position + 1)
    after = view.cursorRect(cursor)
    x = (before.left() + after.left()) // 2 if after.top() == before.top() else before.left() + 2
    at = QPoint(x, before.center().y())  # the middle of the character
    QToolTip.showText(QPoint(), "")  # an earlier tip must be gone, or its text would be read again
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_the_003_pane_shows_reworded_text_in_its_own_look(qtbot, window, seeds_comparison):
    doc = window.panes.pane_of(3).text.document()
    reworded, unique = _formats(doc, highlight.REWORDED), _formats(doc, highlight.UNIQUE)
    assert reworded and unique
    assert {f.underlineStyle() for f in reworded} == {QTextCharFormat.UnderlineStyle.WaveUnderline}
    assert reworded[0].background().color() != unique[0].background().color()  # not the 'only here' colour
    assert reworded[0].underlineStyle() != unique[0].underlineStyle()  # and a cue that needs no colour
    assert "Reworded in #" not in reworded[0].toolTip()  # the word diff waits for a hover
    text = window.panes.pane_of(3).text
    position, _fmt = _fragments(doc, highlight.REWORDED)[0]
    tip = _hover(qtbot, text, position)
    assert "Reworded in #" in tip and "<b>Reworded</b>" in tip


def test_every_scheme_tells_reworded_apart_without_colour():
    for sch in palette.SCHEMES.values():
        for dark in (False, True):
            fmts = {kind: palette.kind_format(sch, kind, 1.0, dark)
                    for kind in (highlight.ALL, highlight.SOME, highlight.REWORDED, highlight.UNIQUE)}
            styles = [f.underlineStyle() for f in fmts.values()]
            assert len(set(styles)) == 4  # none, dots, wave, solid
        assert palette.kind_colour(sch, highlight.REWORDED) != palette.kind_colour(sch, highlight.UNIQUE)


def test_the_tooltip_quotes_how_the_other_version_puts_it_escaped(qtbot):
    c = compare_texts([f"{LEAD}\n\n{AID}", f"{REWORDED}\n\n{AID}"], options=CompareOptions(run_checks=False))
    view = PaneText()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.show_article(c, 0, RenderStyle(palette.scheme("default")))
    tips = [_hover(qtbot, view, pos) for pos, _f in _fragments(view.document(), highlight.REWORDED)]
    assert tips and all("Reworded in #2" in t for t in tips)
    assert any("’ vs ‘" in t for t in tips)  # 'this run' vs 'what #2 says there'
    quoted = " ".join(tips)
    assert "&lt;b&gt;European&lt;/b&gt;" in quoted and "<b>European</b>" not in quoted  # article text is data
    view.show_article(c, 1, RenderStyle(palette.scheme("default")))
    tips = [_hover(qtbot, view, pos) for pos, _f in _fragments(view.document(), highlight.REWORDED)]
    assert "Reworded in #1" in " ".join(tips) and "French President Emmanuel Macron said on Monday" in " ".join(tips)
    assert _hover(qtbot, view, 0).startswith("<b>")  # the headline is highlighted too: its tooltip still shows


def test_a_run_carried_by_many_names_a_dozen_and_counts_the_rest(qtbot):
    runs = [highlight.Run("Paris", highlight.SOME, 1.0, 0, tuple(range(1, 40)))]
    names = [f"#{i + 1} Headline {i + 1}" for i in range(40)]
    tip = palette.run_tooltip(runs[0], 39, names)
    assert tip.count("<br>•") == palette.NAMES_LISTED and "… and 27 others" in tip and "(39 of 39" in tip
    assert palette.listed_numbers(list(range(30)), [f"#{i + 1}" for i in range(30)]).endswith("#12, … and 18 others")


def test_legend_lists_reworded_with_its_meaning(qtbot):
    legend = Legend()
    qtbot.addWidget(legend)
    kinds = [kind for kind, _text in legend.ITEMS]
    assert highlight.REWORDED in kinds
    assert kinds.index(highlight.REWORDED) < kinds.index(highlight.UNIQUE)
    label = legend._labels[kinds.index(highlight.REWORDED)]
    assert label.text() == "Reworded" and "other words" in label.toolTip()


def test_article_list_has_a_reworded_column(window, seeds_comparison):
    model = window.articles.model
    assert ArticleListModel.HEADERS[ArticleListModel.REWORDED] == "Reworded"
    row = next(r for r in range(model.rowCount()) if model.row(r).path.startswith("003"))
    shown = model.data(model.index(row, ArticleListModel.REWORDED))
    assert shown == f"{seeds_comparison.stats[3].reworded:.0%}" and shown != "0%"
    assert "other words" in model.headerData(ArticleListModel.REWORDED, Qt.Orientation.Horizontal,
                                             Qt.ItemDataRole.ToolTipRole)


def test_overview_strip_and_share_bar_carry_reworded(window, seeds_comparison):
    kinds = {kind for segs in _runs(seeds_comparison, 3).values() for _s, _e, kind in segs}
    assert highlight.REWORDED in kinds
    header = window.panes.pane_of(3).header
    assert "reworded" in header.bar.toolTip() and "reworded" in header.meta.full_text()


def test_reworded_words_are_differences_the_review_steps_through(seeds_comparison):
    c = seeds_comparison
    for a, art in enumerate(c.articles):
        for p in art.paragraphs:
            runs = highlight.paragraph_runs(c, (a, p.index))
            ranges = highlight.changed_ranges(c, (a, p.index))
            for run in runs:
                if run.kind == highlight.REWORDED and run.text.strip():
                    assert any(s <= run.start and run.end <= e for s, e in ranges)
                    return
    raise AssertionError("no reworded run in the seeds")


def test_cursor_on_reworded_text_reports_its_kind(window, seeds_comparison):
    c = seeds_comparison
    ref = next((3, p.index) for p in c.articles[3].paragraphs if "consensus" in p.text)
    run = next(r for r in highlight.paragraph_runs(c, ref) if r.kind == highlight.REWORDED)
    text = window.panes.pane_of(3).text
    pos = text.rendered.position(text.document(), ref[1], run.start)
    cursor = QTextCursor(text.document())
    cursor.setPosition(pos + 1)
    assert cursor.charFormat().property(KIND_PROPERTY) == highlight.REWORDED
