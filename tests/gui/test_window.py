"""The main window on the seeds: panes, highlights, selection sync, keyboard navigation, typing guard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from copydesk.core import highlight


def _format_at(pane, paragraph: int, offset: int):
    text = pane.text
    pos = text.rendered.position(text.document(), paragraph, offset)
    cursor = QTextCursor(text.document())
    cursor.setPosition(pos + 1)  # the format of the character at pos
    return cursor.charFormat()


def _find_run(c, kinds: set[str]):
    for a, article in enumerate(c.articles):
        for p in article.paragraphs:
            for run in highlight.paragraph_runs(c, (a, p.index)):
                if run.kind in kinds and len(run.text) > 2:
                    return a, p.index, run
    raise AssertionError(f"no run of kind {kinds}")


def test_one_pane_per_article_in_article_order(window, seeds_comparison):
    c = seeds_comparison
    assert [p.article for p in window.panes.panes] == list(range(len(c.articles)))
    for pane in window.panes.panes:
        doc_text = pane.text.document().toPlainText().replace("\u2028", "\n")
        first = next(p for p in c.articles[pane.article].paragraphs)
        assert doc_text.startswith(first.text.split("\n")[0])
    assert window.articles.model.rowCount() == len(c.articles)


def test_unique_and_shared_spans_are_formatted_differently(window, seeds_comparison):
    c = seeds_comparison
    a, p, unique = _find_run(c, {highlight.UNIQUE})
    b, q, shared = _find_run(c, {highlight.ALL, highlight.SOME})
    unique_fmt = _format_at(window.panes.pane_of(a), p, unique.start)
    shared_fmt = _format_at(window.panes.pane_of(b), q, shared.start)
    assert unique_fmt.background().color() != shared_fmt.background().color()
    assert unique_fmt.underlineStyle() != shared_fmt.underlineStyle()  # a cue that is not colour
    assert "only in this article" in unique_fmt.toolTip()
    assert c.articles[shared.carriers[0]].title[:20] in shared_fmt.toolTip()


def test_selecting_no_consensus_paragraph_marks_linked_paragraphs(window, seeds_comparison):
    c = seeds_comparison
    para = next(p for p in c.articles[0].paragraphs if "no consensus" in p.text)
    linked = c.links_of((0, para.index))
    assert linked, "the engine links Macron's quote across versions"
    window.panes.pane_of(0).text.select_paragraph(para.index)
    for (a, q), _score in linked:
        _sel, marked, _cur = window.panes.pane_of(a).text.marked()
        assert q in marked
    selected, _l, _c = window.panes.pane_of(0).text.marked()
    assert selected == para.index


def test_clicking_a_paragraph_selects_it(window, qtbot, seeds_comparison):
    c = seeds_comparison
    para = next(p for p in c.articles[0].paragraphs if "no consensus" in p.text)
    text = window.panes.pane_of(0).text
    text.scroll_to_paragraph(para.index, 10)
    y = int(text.paragraph_y(para.index) + 12)
    with qtbot.waitSignal(window.panes.paragraph_selected) as blocker:
        qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=text.viewport().rect().topLeft() + 
                         type(text.viewport().rect().topLeft())(60, y))
    assert blocker.args == [(0, para.index)]


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
                                           (Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier),
                                           (Qt.Key.Key_N, Qt.KeyboardModifier.NoModifier)])
def test_next_keys_step_through_differences_in_order(window, qtbot, key, modifier):
    diffs = window.review.differences
    assert len(diffs) >= 3
    for expected in range(3):
        qtbot.keyClick(window, key, modifier)
        assert window.review.index == expected
    current = diffs[2]
    for a, p in current.refs:
        assert p in window.panes.pane_of(a).text.marked()[2]


def test_previous_first_last_keys(window, qtbot):
    n = len(window.review.differences)
    qtbot.keyClick(window, Qt.Key.Key_End, Qt.KeyboardModifier.AltModifier)
    assert window.review.index == n - 1
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.review.index == n - 2
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.review.index == n - 3
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert window.review.index == n - 4
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.review.index == 0


def test_f4_steps_through_changes_inside_the_difference(window, qtbot):
    with qtbot.waitSignal(window.review.inline_changed) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F4)
    article, paragraph, start, end = blocker.args[0]
    assert (article, paragraph) in window.review.current.refs and start < end


def test_space_and_verdict_keys_mark_and_status_counts(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_N)
    key = window.review.current.key
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.review.state.get(key).reviewed
    assert window.status.review.text().startswith(f"1 of {len(window.review.differences)} differences and 0 of "
                                                  f"{len(window.session.comparison.findings)} findings reviewed")
    assert window.review.index == 1  # Space moved on to the next unreviewed difference
    window.review.go_to(0)
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert window.review.state.get(key).verdict == "error"
    qtbot.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)  # Shift+Space un-marks
    assert not window.review.state.get(key).reviewed


def test_unreviewed_only_skips_reviewed(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_N)
    qtbot.keyClick(window, Qt.Key.Key_N)
    second = window.review.index
    qtbot.keyClick(window, Qt.Key.Key_Space)
    window.actions_by_id["unreviewed_only"].setChecked(True)
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert window.review.index == second + 1


def test_single_keys_are_typed_into_the_find_box_not_run(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.find_bar.edit
    assert edit.hasFocus()
    qtbot.keyClicks(edit, "n p 1?")
    assert edit.text() == "n p 1?"
    assert window.review.index is None and not window.review.state.marks
    edit.clear()
    qtbot.keyClicks(edit, "Kyiv")
    assert window.find_bar.matches
    qtbot.keyClick(edit, Qt.Key.Key_F3)  # function keys still work while typing
    assert window.find_bar.position == 0
    window.panes.panes[0].text.setFocus()
    qtbot.keyClick(window.panes.panes[0].text, Qt.Key.Key_N)  # with a pane focused, n navigates again
    assert window.review.index is not None


def test_note_editor_saves_on_enter(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_N)
    key = window.review.current.key
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.note_bar.edit.hasFocus()
    qtbot.keyClicks(window.note_bar.edit, "ask desk 1")
    qtbot.keyClick(window.note_bar.edit, Qt.Key.Key_Return)
    assert window.review.state.get(key).note == "ask desk 1"
    assert window.review.state.get(key).verdict == ""  # the '1' was typed, not a verdict


def test_find_moves_through_matches_across_panes(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.edit, "Macron")
    matches = window.find_bar.matches
    assert len({id(m[0]) for m in matches}) == len(window.panes.panes)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.find_bar.position == 1
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.position == 0
    editor, start, end = matches[0]
    assert editor.textCursor().selectedText() == "Macron"


def test_zoom_and_focus_pane(window, qtbot):
    before = window.panes.panes[0].text.document().defaultFont().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.panes.panes[0].text.document().defaultFont().pointSizeF() == before + 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.panes.panes[0].text.document().defaultFont().pointSizeF() == before
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.panes.panes[2].text.hasFocus()


def test_boilerplate_toggle_hides_boilerplate(window, seeds_comparison):
    c = seeds_comparison
    a = next(i for i, art in enumerate(c.articles) if any(p.boilerplate for p in art.paragraphs))
    boiler = next(p for p in c.articles[a].paragraphs if p.boilerplate)
    assert boiler.index in window.panes.pane_of(a).text.rendered.blocks
    window.actions_by_id["show_boilerplate"].setChecked(False)
    assert boiler.index not in window.panes.pane_of(a).text.rendered.blocks


def test_aligned_rows_mode_has_one_row_per_group(window, seeds_comparison):
    from copydesk.core.layout import layout_rows

    window.actions_by_id["aligned_rows"].setChecked(True)
    table = window.aligned.table
    # boilerplate shown: its rows too, where the panes show it; hidden: one row per group
    assert table.rows() == len(layout_rows(seeds_comparison).rows) + 1 > len(seeds_comparison.groups) + 1
    assert table.columns() == len(seeds_comparison.articles)
    window.actions_by_id["show_boilerplate"].setChecked(False)
    assert window.aligned.table.rows() == len(seeds_comparison.groups) + 1
    window.actions_by_id["aligned_rows"].setChecked(False)
    assert window.stack.currentWidget() is window.panes


def test_problems_show_in_a_message_bar(window, seeds_comparison):
    import dataclasses

    from copydesk.core.model import Problem

    bad = dataclasses.replace(seeds_comparison, problems=(Problem("broken<b>.txt", "not UTF-8 text"),))
    window.session.adopt(bad)
    assert window.message_bar.isVisible()
    assert "broken&lt;b&gt;.txt" in window.message_bar.text() and "not UTF-8" in window.message_bar.text()


def test_findings_dock_jumps_to_occurrences_and_is_reviewable(window, qtbot, seeds_comparison):
    dock = window.findings
    if dock is None or not seeds_comparison.findings:
        pytest.skip("the editorial checks are not available")
    finding = dock.current_finding()
    occ = finding.occurrences[0]
    window.view.show_occurrences(finding.occurrences)
    pane = window.panes.pane_of(occ.article)
    assert occ.paragraph in pane.text.marked()[2]
    extra = pane.text.extraSelections()
    start = pane.text.rendered.position(pane.text.document(), occ.paragraph, occ.start)
    assert any(sel.cursor.selectionStart() == start for sel in extra)
    dock.tree.setFocus()
    qtbot.keyClick(dock.tree, Qt.Key.Key_Space)
    assert window.review.state.get(finding.key).reviewed
    qtbot.keyClick(dock.tree, Qt.Key.Key_3)
    assert window.review.state.get(finding.key).verdict == "check"
    assert window.review.current is None  # differences untouched
    with qtbot.waitSignal(dock.occurrences_activated):
        qtbot.keyClick(dock.tree, Qt.Key.Key_Return)  # Enter in the list activates, it does not open the note
    assert not window.note_bar.isVisible()


def test_f1_and_question_mark_show_the_shortcut_overview(window, qtbot):
    from copydesk.gui.shortcuts_dialog import ShortcutsDialog

    window.panes.panes[0].text.setFocus()
    qtbot.keyClick(window.panes.panes[0].text, Qt.Key.Key_Question)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() > 30
    dialog.close()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert dialog.isVisible()
