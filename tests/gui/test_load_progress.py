"""A folder load reads as one honest progress: stage labels and bar move on together, never back, and the
pane area shows what is going on instead of an empty grey area."""

from __future__ import annotations

import threading

from copydesk.gui.load_stages import STAGES, LoadProgress

# what the core reports for a folder of one story, in order (core.comparison, core.align, core.spans,
# core.multistory), then the window's own preparation (gui.session.prepared)
ONE_STORY = ([("load", i / 4) for i in range(5)] + [("stories", f) for f in (0.6, 0.7, 0.85, 1.0)]
             + [("segment", 1.0)] + [("align", f) for f in (0.4, 0.6, 0.8)] + [("spans", i / 5) for i in range(6)]
             + [("align", 1.0), ("compare", 1.0)] + [("prepare", f) for f in (0.0, 0.6, 1.0)])


def _shown(reports):
    """(label, value) after each report that moved the bar."""
    load, out = LoadProgress(), []
    for stage, fraction in reports:
        if load.advance(stage, fraction):
            out.append((load.label, load.value))
    return out


def test_the_bar_moves_on_over_the_whole_load_and_never_back():
    shown = _shown(ONE_STORY)
    values = [v for _label, v in shown]
    assert values == sorted(values) and values[-1] == 1.0
    labels = [label for label, _v in shown]
    order = list(dict.fromkeys(labels))  # each label's first appearance
    assert order == ["Reading files…", "Grouping stories…", "Splitting paragraphs…", "Aligning paragraphs…",
                     "Comparing words…", "Preparing the view…"]
    assert all(labels.index(label) == i or labels[i - 1] == label for i, label in enumerate(labels))  # no return
    # the bar is never full while a comparison stage is under way
    assert all(v < STAGES["prepare"][0] + 1e-9 for label, v in shown if label != "Preparing the view…")


def test_several_stories_compare_as_one_share_of_the_bar():
    shown = _shown([("load", 1.0), ("stories", 1.0)] + [("compare", i / 10) for i in range(11)]
                   + [("prepare", 1.0)])
    comparing = [v for label, v in shown if label == "Comparing versions…"]
    assert len(comparing) >= 5 and comparing == sorted(comparing) and comparing[-1] <= STAGES["prepare"][0]
    assert shown[-1] == ("Preparing the view…", 1.0)


def test_the_status_bar_shows_the_whole_load(make_window, qtbot, seeds_copy):
    win = make_window()
    seen: list[tuple[str, float]] = []
    win.status.load_progress.connect(lambda label, value: seen.append((label, value)))
    with qtbot.waitSignal(win.rendered, timeout=60_000):
        win.open_folder(str(seeds_copy))
    values = [v for _label, v in seen]
    assert values == sorted(values) and values[-1] == 1.0
    assert {"Reading files…", "Comparing words…", "Preparing the view…"} <= {label for label, _v in seen}


def test_the_pane_area_says_what_it_is_doing_while_the_first_comparison_runs(make_window, qtbot, seeds_copy,
                                                                             monkeypatch):
    import copydesk.gui.story_session as story_module

    real = story_module.compare_folder_stories
    release = threading.Event()

    def slow_compare(folder, options, progress=None, cancel=None, **story_args):
        progress("load", 0.5)
        while not release.wait(0.01):
            cancel.check()
        return real(folder, options, progress=progress, cancel=cancel, **story_args)

    monkeypatch.setattr(story_module, "compare_folder_stories", slow_compare)
    win = make_window()
    win.open_folder(str(seeds_copy))
    area = win.panes
    qtbot.waitUntil(lambda: area.placeholder.bar.value() > 0)
    assert area.placeholder.isVisible() and not area.outer.isVisible()
    assert area.placeholder.title.text() == f"Comparing {len(list(seeds_copy.glob('*.txt')))} versions…"
    assert area.placeholder.stage.text() == "Reading files…"
    with qtbot.waitSignal(win.rendered, timeout=60_000):
        release.set()
    assert not area.placeholder.isVisible() and area.outer.isVisible() and area.panes
