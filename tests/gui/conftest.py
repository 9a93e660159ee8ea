"""GUI test setup: offscreen Qt, an isolated COPYDESK_HOME per test, one seeds comparison per session."""

from __future__ import annotations

import importlib.abc
import os
import pathlib
import shutil
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _BlockTopLevel(importlib.abc.MetaPathFinder):
    """The checkout's core/ and gui/ folders are importable from its root, but only copydesk.* is ours."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("core", "gui"):
            raise ImportError(f"import copydesk.{name}, not the checkout folder {name}")
        return None


sys.meta_path.insert(0, _BlockTopLevel())

REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def copydesk_home(tmp_path_factory, monkeypatch):
    """Every test gets its own COPYDESK_HOME so settings, reviews and recents never touch the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COPYDESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def seeds_comparison():
    """The seeds compared once per session (the engine is deterministic)."""
    from copydesk.core.comparison import compare_folder

    return compare_folder(str(SEEDS))


@pytest.fixture
def seeds_copy(tmp_path):
    """A writable copy of the seeds folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def make_window(qtbot):
    """A factory for main windows, shown and active, with the typing guard installed (as the app runs it)."""
    from PySide6.QtWidgets import QApplication

    from copydesk.gui.key_filter import install_typing_guard
    from copydesk.gui.main_window import MainWindow

    made = []

    def make():
        install_typing_guard(QApplication.instance())
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(1600, 1000)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        made.append(win)
        return win

    yield make
    for win in made:
        win.session.watcher.stop()


@pytest.fixture
def window(qtbot, make_window, seeds_comparison):
    """A shown, active window displaying the session's seeds comparison."""
    win = make_window()
    with qtbot.waitSignal(win.rendered):
        win.session.adopt(seeds_comparison)
    return win
