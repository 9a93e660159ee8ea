"""The core/gui boundary: nothing in copydesk.core imports PySide6, shiboken6 or copydesk.gui."""

import ast
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
FORBIDDEN = ("PySide6", "shiboken6", "copydesk.gui", "gui")


def forbidden_imports(folder: pathlib.Path) -> list[str]:
    """'file: module' for every import of Qt or the gui package in the sources below folder."""
    offenders = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for n in names:
                if any(n == f or n.startswith(f + ".") for f in FORBIDDEN):
                    offenders.append(f"{path.name}: {n}")
    return offenders


def test_core_sources_never_import_qt_or_gui():
    assert CORE.is_dir() and list(CORE.rglob("*.py"))
    assert forbidden_imports(CORE) == []


@pytest.fixture
def planted(tmp_path):
    """A copy of the two packages under copydesk/, with a core module that imports the gui."""
    target = tmp_path / "copydesk"
    shutil.copytree(CORE, target / "core", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "gui").mkdir()
    (target / "gui" / "__init__.py").write_text("")
    (target / "gui" / "widgets.py").write_text("import PySide6\n")
    return tmp_path


def test_the_source_scan_catches_a_planted_import(planted):
    bad = planted / "copydesk" / "core" / "planted.py"
    bad.write_text("from copydesk.gui.widgets import PySide6\n")
    assert forbidden_imports(planted / "copydesk" / "core") == ["planted.py: copydesk.gui.widgets"]


def _lint_imports(folder: pathlib.Path) -> subprocess.CompletedProcess:
    lint = pathlib.Path(sys.executable).with_name("lint-imports")
    env = dict(os.environ, PYTHONPATH=str(folder))  # the copy comes before the editable install
    return subprocess.run([str(lint), "--no-cache", "--config", str(ROOT / "pyproject.toml")], cwd=folder,
                          capture_output=True, text=True, env=env)


def test_the_import_contract_fails_on_a_planted_violation(planted):
    clean = _lint_imports(planted)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (planted / "copydesk" / "core" / "planted.py").write_text("import copydesk.gui.widgets\n")
    broken = _lint_imports(planted)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "core never imports Qt or gui BROKEN" in broken.stdout
    assert "copydesk.core.planted -> copydesk.gui.widgets" in broken.stdout


def test_comparison_runs_with_qt_blocked(seeds_comparison):
    assert len(seeds_comparison.articles) == 5
    if os.environ.get("COPYDESK_BLOCK_QT"):
        with pytest.raises(ImportError):
            import PySide6  # noqa: F401
        assert not any(m.split(".")[0] in ("PySide6", "shiboken6") or m.startswith("copydesk.gui")
                       for m in sys.modules)
