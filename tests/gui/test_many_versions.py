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
