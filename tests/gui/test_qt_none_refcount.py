"""Guard against the PySide6 release that drops a reference to None on every call (6.12.0).

On CPython 3.11 None is reference-counted; a binding that returns None without a new reference
aborts the interpreter ("none_dealloc") after a few thousand calls. pyproject.toml keeps PySide6
below 6.12; this test fails if an installed version leaks, so a future bump is caught here.
"""

import sys

from PySide6.QtCore import QObject


def test_qt_calls_do_not_leak_references_to_none():
    probe = QObject()
    probe.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for i in range(500):
        probe.setObjectName(f"probe {i}")
    after = sys.getrefcount(None)
    assert abs(after - before) < 50  # other threads may hold a few transiently; a leak loses 500
