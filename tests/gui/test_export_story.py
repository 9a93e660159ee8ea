"""Exporting one story of a folder of several: `copydesk export --story N`, the refusal without it, and the
window's Export, which exports the story shown."""

from __future__ import annotations

import os

import pypdf
import pytest

from copydesk.core.comparison import CompareOptions
from copydesk.core.multistory import compare_folder_stories
from copydesk.core.review import load_review, save_review
from copydesk.core.differences import find_differences
from copydesk.gui.cli import main
from story_fixtures import SEEDS, write_mixed

LOAD_MS = 120_000


@pytest.fixture
def mixed(tmp_path):
    """The five seeds (story 1), a three-version fire story (story 2) and a lone chess article (story 3)."""
    return str(write_mixed(tmp_path))


def _text(path) -> str:
    return "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(str(path)).pages)


def test_a_folder_of_several_stories_is_refused_without_story(mixed, tmp_path, capsys, qapp):
    out = tmp_path / "out" / "wire.pdf"
    out.parent.mkdir()
    assert main(["export", mixed, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "holds 3 stories; choose one with --story N" in err
    assert "--story 1  " in err and "--story 2  Wildfire" in err and "--story 3  Carlsen wins in Zagreb" in err
    assert not os.listdir(out.parent)  # nothing written by mistake


def test_story_n_exports_that_story_and_only_it(mixed, tmp_path, capsys, qapp):
    out = tmp_path / "fire.pdf"
    assert main(["export", mixed, "-o", str(out), "--story", "2"]) == 0
    assert "3 articles" in capsys.readouterr().out
    text = _text(out)
    assert "Castellón" in text and "Macron" not in text and "Carlsen" not in text
    # --articles counts the story's own articles
    assert main(["export", mixed, "-o", str(out), "--story", "2", "--layout", "stacked", "--articles", "3,1"]) == 0
    text = _text(out)
    assert "ARTICLE3·1OF2" in text and "ARTICLE1·2OF2" in text
    assert main(["export", mixed, "-o", str(out), "--story", "2", "--articles", "1-4"]) == 2
    assert "no article 4" in capsys.readouterr().err


@pytest.mark.parametrize("story, message", [("4", "--story 4: "), ("0", "numbered from 1")])
def test_a_story_that_is_not_there_is_a_usage_error(mixed, tmp_path, capsys, story, message, qapp):
    out = tmp_path / "x.pdf"
    assert main(["export", mixed, "-o", str(out), "--story", story]) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_a_folder_of_one_story_needs_no_story(tmp_path, capsys, qapp):
    out = tmp_path / "seeds.pdf"
    assert main(["export", SEEDS, "-o", str(out)]) == 0
    assert main(["export", SEEDS, "-o", str(out), "--story", "1"]) == 0
    assert main(["export", SEEDS, "-o", str(out), "--story", "2"]) == 2
    assert "holds one story" in capsys.readouterr().err


def test_the_story_export_carries_the_folders_marks_on_that_story(mixed, tmp_path, qapp):
    found = compare_folder_stories(mixed, CompareOptions(run_checks=False))
    fire = find_differences(found.stories[1].comparison)
    save_review(load_review(mixed).with_mark(fire[0].key, verdict="error", fingerprints=fire[0].fingerprints))
    out = tmp_path / "fire.pdf"
    assert main(["export", mixed, "-o", str(out), "--story", "2"]) == 0
    assert f"1of{len(fire)}differences" in _text(out) and "1Error" in _text(out)
    assert main(["export", mixed, "-o", str(out), "--story", "1"]) == 0
    assert "Verdicts" not in _text(out)  # the fire story's mark is not on the seeds' page


def test_the_window_exports_the_story_it_shows(qtbot, make_window, mixed, monkeypatch):
    from copydesk.gui.export import dialog

    started = []
    monkeypatch.setattr(dialog, "export_pdf_interactive", lambda *args, **kw: started.append((args, kw)))
    win = make_window()
    with qtbot.waitSignal(win.rendered, timeout=LOAD_MS):
        win.session.open(mixed)
    with qtbot.waitSignal(win.rendered, timeout=LOAD_MS):
        win.stories.choose(1)
    win.actions_by_id["export_pdf"].trigger()
    qtbot.waitUntil(lambda: bool(started))
    (_parent, comparison, review, _scheme, _reference), kw = started[0]
    # the file name it proposes names the story, so exporting another story does not overwrite this one
    assert kw["story"] == (2, win.session.stories.stories[1].title)
    name = os.path.basename(dialog.default_pdf_name(comparison, kw["story"]))
    assert name.startswith("wire - story 2 - ") and name.endswith(".pdf")
    assert name != os.path.basename(dialog.default_pdf_name(comparison, (1, "Macron")))
    assert comparison is win.session.comparison
    assert [a.path for a in comparison.articles] == ["fire_1.txt", "fire_2.txt", "fire_3.txt"]
    assert review.folder == comparison.folder  # the folder's marks, keyed by content
