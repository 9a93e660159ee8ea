"""Core tests must pass without PySide6: with COPYDESK_BLOCK_QT=1 any Qt import fails loudly."""

import importlib.abc
import os
import sys

import pytest

SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "seeds")


_BLOCKED = ("PySide6", "shiboken6", "copydesk.gui", "core", "gui")
"""Qt and the gui package, and the checkout's folders as top-level packages (they install as copydesk.*)."""


class _BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in _BLOCKED):
            raise ImportError(f"core tests must not import {name}")
        return None


if os.environ.get("COPYDESK_BLOCK_QT"):
    for mod in [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")]:
        del sys.modules[mod]
    sys.meta_path.insert(0, _BlockQt())


@pytest.fixture(scope="session")
def seeds_dir():
    """Path of the five seed articles."""
    return os.path.abspath(SEEDS)


@pytest.fixture(scope="session")
def seed_texts(seeds_dir):
    """(file names, texts) of the seed articles, in name order."""
    names = sorted(n for n in os.listdir(seeds_dir) if n.endswith(".txt"))
    texts = []
    for name in names:
        with open(os.path.join(seeds_dir, name), encoding="utf-8") as fh:
            texts.append(fh.read())
    return names, texts


@pytest.fixture(scope="session")
def seeds_five(seed_texts):
    """The seeds compared in memory (as compare_texts names them), with the checks."""
    from copydesk.core.comparison import compare_texts

    return compare_texts(seed_texts[1], seed_texts[0])


@pytest.fixture(scope="session")
def seeds_comparison(seeds_dir):
    """The comparison of the seeds, computed once per test session."""
    from copydesk.core.comparison import compare_folder

    return compare_folder(seeds_dir)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A COPYDESK_HOME of the test's own, so review marks and settings never touch the real ones."""
    monkeypatch.setenv("COPYDESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def folder(tmp_path):
    """An empty story folder."""
    target = tmp_path / "story"
    target.mkdir()
    return str(target)

