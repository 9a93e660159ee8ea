"""The core/gui boundary: nothing in core/ imports PySide6, shiboken6 or gui."""

import ast
import pathlib

CORE = pathlib.Path(__file__).resolve().parents[2] / "core"


def test_core_sources_never_import_qt_or_gui():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for n in names:
                if n.split(".")[0] in ("PySide6", "shiboken6", "gui"):
                    offenders.append(f"{path.name}: {n}")
    assert CORE.is_dir() and list(CORE.rglob("*.py"))
    assert offenders == []


def test_comparison_runs_with_qt_blocked(seeds_comparison):
    import os
    import sys

    import pytest

    assert len(seeds_comparison.articles) == 5
    if os.environ.get("COPYDESK_BLOCK_QT"):
        with pytest.raises(ImportError):
            import PySide6  # noqa: F401
        assert not any(m.split(".")[0] == "PySide6" for m in sys.modules)
