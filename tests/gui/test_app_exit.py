"""Closing the window ends the process, even while a background job ignores its cancel token."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import time

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "seeds"

SCRIPT = """
import sys, time
import copydesk.gui.story_session as story_session  # the session compares a folder story by story
def stuck(*args, **kwargs):  # a comparison that never looks at its cancel token
    while True:
        time.sleep(0.05)
story_session.compare_folder_stories = stuck
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
QTimer.singleShot(1500, app.closeAllWindows)
from copydesk.gui.app import run_app
sys.exit(run_app(sys.argv[1]))
"""


def test_closing_the_window_ends_stuck_background_work(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COPYDESK_HOME=str(tmp_path))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(SEEDS)], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30  # the grace period, not forever
