"""`copydesk gui FOLDER --screenshot PATH` renders the comparison and writes a PNG, offscreen."""

import os
import pathlib
import subprocess
import sys

from PySide6.QtGui import QImage

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "seeds"


def test_screenshot_writes_a_png_of_the_rendered_window(tmp_path, copydesk_home):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COPYDESK_HOME=str(copydesk_home))
    result = subprocess.run([sys.executable, "-m", "copydesk.gui.cli", "gui", str(SEEDS), "--screenshot", str(out)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1600, 40) for y in range(120, 700, 40)}
    assert len(colours) > 5  # panes with highlighted text, not an empty window
