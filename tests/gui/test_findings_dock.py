"""The Findings dock: rows sorted by severity, activation emits occurrences, marks and escaping."""

import dataclasses

from PySide6.QtCore import Qt

from copydesk.core.findings import Finding, Occurrence
from copydesk.core.review import ReviewState
from copydesk.gui.docks.findings_dock import FindingsDock, finding_tooltip


def _with(c, findings):
    return dataclasses.replace(c, findings=tuple(findings))


def test_rows_sorted_by_severity_and_activation_emits_occurrences(qtbot, seeds_comparison):
    low = Finding("name", "low", "Spelled two ways", (Occurrence(0, 2, 0, 4),))
    high = Finding("attribution", "high", "Quote attributed to two people", (Occurrence(1, 3, 5, 9),
                                                                            Occurrence(2, 4, 0, 3)))
    medium = Finding("number", "medium", "Hedging differs", (Occurrence(0, 3, 1, 2),))
    dock = FindingsDock()
    qtbot.addWidget(dock)
    dock.set_comparison(_with(seeds_comparison, [low, high, medium]), ReviewState("seeds"))
    assert [f.severity for f in dock.findings()] == ["high", "medium", "low"]
    assert dock.tree.topLevelItem(0).text(0) == "High" and dock.tree.topLevelItem(0).text(2) == high.message
    assert dock.windowTitle() == "Findings (3)"
    with qtbot.waitSignal(dock.occurrences_activated) as blocker:
        dock.tree.itemActivated.emit(dock.tree.topLevelItem(0), 0)
    assert blocker.args == [high.occurrences]
    dock.tree.setCurrentItem(dock.tree.topLevelItem(2))
    assert dock.current_finding() == low


def test_review_marks_show_and_refresh(qtbot, seeds_comparison):
    dock = FindingsDock()
    qtbot.addWidget(dock)
    c = seeds_comparison if seeds_comparison.findings else None
    assert c is not None, "the seeds comparison should carry findings"
    dock.set_comparison(c, ReviewState("seeds"))
    first = dock.findings()[0]
    assert dock.tree.topLevelItem(0).text(3) == ""
    dock.refresh_review(ReviewState("seeds").with_mark(first.key, reviewed=True, verdict="error"))
    assert dock.tree.topLevelItem(0).text(3) == "Error"
    assert "Likely original" in dock.summary.text() and "#2 France Ukraine Conference" in dock.summary.text()


def test_article_text_is_escaped_in_tooltips_and_summary(qtbot, seeds_comparison):
    f = Finding("quote", "medium", "Quote “<b>bold</b>” differs", (), "[-<i>x</i>-] [+y+]")
    tip = finding_tooltip(f)
    assert "<b>bold</b>" not in tip and "&lt;b&gt;bold&lt;/b&gt;" in tip and "&lt;i&gt;x" in tip
    dock = FindingsDock()
    qtbot.addWidget(dock)
    dock.set_comparison(_with(seeds_comparison, [f]))
    assert dock.tree.topLevelItem(0).toolTip(2) == tip
    dock.set_comparison(None)
    assert dock.tree.topLevelItemCount() == 0 and dock.current_finding() is None


def test_enter_key_activates_current_row(qtbot, seeds_comparison):
    dock = FindingsDock()
    qtbot.addWidget(dock)
    dock.set_comparison(seeds_comparison)
    dock.show()
    dock.tree.setFocus()
    with qtbot.waitSignal(dock.occurrences_activated) as blocker:
        qtbot.keyClick(dock.tree, Qt.Key.Key_Return)
    assert blocker.args[0] == dock.findings()[0].occurrences


def test_a_check_that_failed_is_shown_not_silently_missing(qtbot, seeds_comparison):
    import dataclasses

    dock = FindingsDock()
    qtbot.addWidget(dock)
    broken = dataclasses.replace(seeds_comparison, check_errors=("quotes: KeyError: 3 <b>",))
    dock.set_comparison(broken)
    rows = [dock.tree.topLevelItem(i) for i in range(dock.tree.topLevelItemCount())]
    errors = [r for r in rows if r.text(1) == "check"]
    assert len(errors) == 1 and "quotes: KeyError" in errors[0].text(2)
    assert "&lt;b&gt;" in errors[0].toolTip(2)  # data, not markup
    assert len(dock.findings()) == len(seeds_comparison.findings)  # the failure is no finding
    dock.refresh_review(None)
