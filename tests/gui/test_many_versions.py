"""Folders with more versions than fit side by side: a chosen few panes, never blank ones."""

from __future__ import annotations

import pytest

from copydesk.core.layout import DEFAULT_PANES, PANE_LIMIT

SENTENCES = ("The council approved the new budget on Tuesday after a long debate.",
             "Mayor Ana Ruiz said the plan would fund {n} new teachers and repair school roofs.",
             "Critics warned that the city's reserves would fall below {n} million dollars.",
             "The vote was {n} to 4, with two members absent.")


@pytest.fixture
def many(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(130):  # past 128, where one pane per version used to overflow QSplitter and show nothing
        paragraphs = [s.format(n=10 + i % 7) for s in SENTENCES]
        if i % 3 == 0:
            paragraphs.append(f"Version {i} adds a sentence of its own about bus route {i}.")
        (folder / f"v{i:03}.txt").write_text("Council passes budget\n\n" + "\n\n".join(paragraphs) + "\n")
    return folder


def test_a_large_folder_shows_a_few_readable_panes_and_more_on_request(make_window, qtbot, many):
    window = make_window()
    with qtbot.waitSignal(window.rendered, timeout=60_000):
        window.open_folder(str(many))
    c = window.session.comparison
    assert len(c.articles) == 130 > PANE_LIMIT
    panes = window.panes.panes
    assert len(panes) == DEFAULT_PANES
    assert panes[0].article == window.session.reference_index()
    for pane in panes:
        assert pane.width() > 100 and pane.text.document().toPlainText().strip()  # nothing blank
    rows = window.articles.model.rows()
    assert sum(1 for r in rows if r.side) == DEFAULT_PANES and all(r.side is not None for r in rows)
    hidden = next(r.path for r in rows if not r.side)
    window.view.focus_article(hidden)  # double-click in the article list
    assert len(window.panes.panes) == DEFAULT_PANES + 1
    assert hidden in {c.articles[p.article].path for p in window.panes.panes}
    window.view.show_side_by_side(hidden, False)
    assert len(window.panes.panes) == DEFAULT_PANES
    window.actions_by_id["aligned_rows"].setChecked(True)
    assert window.aligned.table.columns() == DEFAULT_PANES


def test_a_small_folder_shows_every_version(window, seeds_comparison):
    assert len(window.panes.panes) == len(seeds_comparison.articles)
    assert all(r.side is None for r in window.articles.model.rows())


def test_a_large_folder_paints_its_default_panes_once_with_the_likely_original(make_window, qtbot, many):
    # The ranking, the per-article deltas and the differences are worked out on the worker before the
    # first paint (gui/session.py prepared), so the panes are the right ones at once and the checks
    # landing later repaints nothing.
    window = make_window()
    painted = []
    set_comparison = window.panes.set_comparison

    def counting(c, *args, **kwargs):
        painted.append(c.checks_ran)
        return set_comparison(c, *args, **kwargs)

    window.panes.set_comparison = counting
    at_paint = {}

    def rendered():
        c = window.session.comparison
        at_paint.update(checked=c.checks_ran, ranking=c.source_ranking, deltas=len(c.deltas),
                        ready=window.session.differences_for(c, window.session.reference_index()) is not None,
                        shown=[p.article for p in window.panes.panes])

    window.rendered.connect(rendered)
    with qtbot.waitSignals([window.rendered, window.checked], timeout=120_000):
        window.open_folder(str(many))
    c = window.session.comparison
    assert at_paint["checked"] is False and at_paint["ranking"] and at_paint["deltas"] == len(c.articles)
    assert at_paint["ready"]  # the review controller got the differences from the worker
    assert at_paint["ranking"][0].article in at_paint["shown"]
    assert c.checks_ran and c.source_ranking == at_paint["ranking"]  # the checks rank the same way
    assert painted == [False]  # one paint, before the checks; none when they landed
    assert [p.article for p in window.panes.panes] == at_paint["shown"]
    assert window.review.differences  # the differences from the worker are the window's


def test_a_large_folder_checks_start_once_the_window_has_painted(make_window, qtbot, many):
    # Checks computing while the window paints a new comparison make the GUI thread wait for the GIL at
    # every Python slot and override; they start CHECKS_AFTER_MS later, and the findings still come.
    from PySide6.QtCore import QTimer

    window = make_window()
    session = window.session
    order: list[str] = []
    run = session.check_runner.run

    def recording_run(job):
        order.append("checks started")
        run(job)

    session.check_runner.run = recording_run

    def checking(on: bool) -> None:
        if on:
            order.append("checks due")
            QTimer.singleShot(0, lambda: order.append("next event-loop turn"))  # the paint events go first

    session.checking.connect(checking)
    with qtbot.waitSignals([window.rendered, window.checked], timeout=120_000):
        window.open_folder(str(many))
    assert order == ["checks due", "next event-loop turn", "checks started"]
    assert session.comparison.checks_ran


def test_closing_the_window_before_the_checks_start_drops_them(make_window, qtbot, many):
    from copydesk.gui.session import CHECKS_AFTER_MS

    window = make_window()
    session = window.session
    started: list[bool] = []
    run = session.check_runner.run
    session.check_runner.run = lambda job: started.append(True) or run(job)
    checking: list[bool] = []
    session.checking.connect(checking.append)
    with qtbot.waitSignal(window.rendered, timeout=120_000):
        window.open_folder(str(many))
    window.close()  # within CHECKS_AFTER_MS of the paint: the checks are due, not started
    qtbot.wait(3 * CHECKS_AFTER_MS)
    assert started == [] and checking == [True, False] and not session.check_runner.busy


def test_background_jobs_leave_the_collector_enabled_and_their_results_frozen():
    import gc

    from copydesk.gui.session import quietly

    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    kept = quietly(lambda: [[i] for i in range(1000)] if not gc.isenabled() else None)  # lists: tracked by gc
    assert kept is not None  # the job ran with the collector paused
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + 1000
    with pytest.raises(ValueError):
        quietly(lambda: int("x"))
    assert gc.isenabled()  # a failing job never leaves it paused


def test_a_large_folder_renders_its_panes_one_per_turn_and_levels_them_once_all_are_in(make_window, qtbot, many):
    # Each pane of a big folder renders in its own event-loop turn (the window repaints between them);
    # rendered comes only after the last, with every pane's text in and every sync row level.
    window = make_window()
    turns = []
    breathe = window.panes._breathe

    def counting():
        turns.append(sum(1 for p in window.panes.panes if p.text.document().toPlainText().strip()))
        return breathe()

    window.panes._breathe = counting
    at_rendered = []
    window.rendered.connect(lambda: at_rendered.append(
        [p.text.document().toPlainText().strip() != "" for p in window.panes.panes]))
    with qtbot.waitSignal(window.rendered, timeout=60_000):
        window.open_folder(str(many))
    assert turns == list(range(1, DEFAULT_PANES))  # a turn between each two panes, in reading order
    assert at_rendered == [[True] * DEFAULT_PANES]
    sync, views = window.panes.sync, [p.text for p in window.panes.panes]
    assert sync.plan.sync
    for row in sync.plan.sync:
        tops = [sync.row_top(v, row) for v in views]
        assert None not in tops and max(tops) - min(tops) < 1.0  # the same height in every pane
