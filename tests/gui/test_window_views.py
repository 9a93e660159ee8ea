"""The window around a comparison: failed reloads, aligned rows, pane widths, theme following, list keys."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from copydesk.core.differences import inline_changes
from copydesk.gui.docks.article_model import ArticleListModel
from copydesk.gui.rich_text import LINE_BREAKS


def test_failed_reload_drops_the_stale_comparison(window, seeds_comparison):
    path = seeds_comparison.articles[2].path
    window.session.excluded[path] = seeds_comparison.articles[2].title
    window.session.runner.failed.emit("seeds: needs at least two readable articles")
    assert window.message_bar.isVisible() and "needs at least two" in window.message_bar.text()
    assert window.panes.panes == [] and window.panes.splitter.count() == 0
    assert window.findings.findings() == [] and window.findings.windowTitle() == "Findings"
    assert [r.path for r in window.articles.model.rows()] == [path]  # the excluded file can be ticked back
    assert window.review.differences == () and window.status.current.text() == "No comparison"
    window.actions_by_id["aligned_rows"].setChecked(True)
    assert window.aligned.table is None and window.aligned.document().isEmpty()


def _tinted_text(view) -> list[str]:
    doc = view.document().toPlainText()
    return [doc[start:end] for start, end in view.ranges()]


def test_f4_and_findings_highlight_in_aligned_rows_mode(window, qtbot, seeds_comparison):
    c = seeds_comparison
    window.actions_by_id["aligned_rows"].setChecked(True)
    with qtbot.waitSignal(window.review.inline_changed) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F4)
    article, paragraph, start, end = blocker.args[0]
    assert (start, end) in inline_changes(c, (article, paragraph))
    expected = c.paragraph((article, paragraph)).text[start:end].translate(LINE_BREAKS)
    assert _tinted_text(window.aligned) == [expected]
    assert window.aligned.extraSelections()[-1].cursor.selectedText() == expected

    finding = next(f for f in c.findings if f.occurrences)
    window.view.show_occurrences(finding.occurrences)
    shown = [c.paragraph((o.article, o.paragraph)).text[o.start:o.end].translate(LINE_BREAKS)
             for o in finding.occurrences]
    assert _tinted_text(window.aligned) == shown
    window.review.next()  # another difference: the old ranges go
    assert window.aligned.ranges() == []


def test_pane_widths_survive_rerenders_and_restarts(window, qtbot, make_window, seeds_comparison):
    splitter = window.panes.splitter
    total = sum(splitter.sizes())
    wanted = [total // 2] + [(total - total // 2) // 4] * 4
    splitter.setSizes(wanted)
    widths = splitter.sizes()
    window.actions_by_id["show_boilerplate"].setChecked(False)  # a re-render
    window.view.render()
    assert splitter.sizes() == widths
    window.close()  # saves the splitter state for five panes

    again = make_window()
    with qtbot.waitSignal(again.rendered):
        again.session.adopt(seeds_comparison)
    assert again.panes.splitter.sizes()[0] > 1.5 * again.panes.splitter.sizes()[1]


def test_theme_follows_the_system_scheme_when_set_to_system(window, monkeypatch):
    import copydesk.gui.theme as theme

    app = QApplication.instance()
    saved = app.palette(), app.styleSheet(), app.font()
    try:
        prefs = window.preferences
        assert prefs.prefs.theme == "system" and not prefs.dark
        monkeypatch.setattr(theme, "system_is_dark", lambda _app: True)
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert prefs.dark and window.panes.panes[0].text._style.dark
        assert app.palette().color(app.palette().ColorRole.Window).lightness() < 80
        prefs.apply(dataclasses.replace(prefs.prefs, theme="light"))  # a forced theme ignores the platform
        assert not prefs.dark and not window.panes.panes[0].text._style.dark
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert not prefs.dark
    finally:
        app.setPalette(saved[0])
        app.setStyleSheet(saved[1])
        app.setFont(saved[2])


def test_space_in_the_article_list_does_not_toggle_the_checkbox(window, qtbot, seeds_comparison):
    # Space is the review key everywhere (tests/gui/test_marks_keys.py); the checkbox takes a click.
    view = window.articles.view
    view.setFocus()
    view.setCurrentIndex(window.articles.model.index(2, ArticleListModel.WORDS))  # any cell of the row
    with qtbot.assertNotEmitted(window.articles.model.inclusion_toggled):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.articles.model.row(2).included


def test_span_tooltip_names_where_a_shared_paragraph_came_from(window, seeds_comparison):
    c = seeds_comparison
    delta = next(d for d in c.deltas if d.origins)
    own, origin = delta.origins[0]
    pane = window.panes.pane_of(own[0])
    span = next(s for s in c.spans[own[0]][own[1]] if s.shared_with)
    cursor = QTextCursor(pane.text.document())
    cursor.setPosition(pane.text.rendered.position(pane.text.document(), own[1], span.start) + 1)
    tip = cursor.charFormat().toolTip()
    assert f"Likely taken from #{origin[0] + 1} " in tip


def _grid_rows(grid):
    """Per table row (after the header), the paragraphs in it and the highlight kinds of their text."""
    from copydesk.gui.views.pane_render import KIND_PROPERTY

    rows = []
    for r in range(1, grid.table.rows()):
        refs, kinds = [], {}
        for col in range(grid.table.columns()):
            cell = grid.table.cellAt(r, col)
            block = cell.firstCursorPosition().block()
            while block.isValid() and block.position() <= cell.lastCursorPosition().position():
                if block.userState() >= 0:
                    ref = divmod(block.userState(), 1_000_000)
                    refs.append(ref)
                    it = block.begin()
                    while not it.atEnd():
                        frag = it.fragment()
                        kind = frag.charFormat().property(KIND_PROPERTY)
                        if kind and kind != "plain":
                            kinds.setdefault(ref, []).append((frag.text().replace("\u2028", "\n"), kind))
                        it += 1
                block = block.next()
        rows.append((refs, kinds))
    return rows


def test_grid_and_pdf_show_the_same_rows_and_kinds_for_another_reference(window, seeds_comparison):
    """One layout and one classification: a non-default reference orders the grid and the report alike."""
    from copydesk.core import highlight
    from copydesk.core.report import build_report

    c = seeds_comparison
    reference = 3
    window.view.set_reference(c.articles[reference].path)
    window.actions_by_id["aligned_rows"].setChecked(True)
    grid = _grid_rows(window.aligned)
    report = build_report(c, "side-by-side", reference=reference)
    assert report.columns[0] == reference == next(iter(window.aligned.columns))
    printed = [[b.ref for cell in row.cells for b in cell] for row in report.rows]
    assert [refs for refs, _ in grid] == printed
    default = build_report(c, "side-by-side")
    assert printed != [[b.ref for cell in row.cells for b in cell] for row in default.rows]  # the order did change
    for (refs, kinds), row in zip(grid, report.rows):
        for block in (b for cell in row.cells for b in cell):
            expected = [(run.text, run.kind) for run in block.runs if run.kind != highlight.PLAIN]
            assert kinds.get(block.ref, []) == expected, block.ref
