"""The panes paint before the editorial checks run; the checks (and spaCy) land afterwards."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "seeds"

SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import copydesk.gui.main_window as mw
seen = {}
original = mw.MainWindow.__init__
def init(self, *args, **kwargs):
    original(self, *args, **kwargs)
    def rendered():
        c = self.session.comparison
        seen.setdefault("spacy_at_paint", "spacy" in sys.modules)
        seen.setdefault("checked_at_paint", c.checks_ran)
        seen.setdefault("dock_at_paint", self.findings.summary.text())
    def checked():
        seen["findings"] = len(self.session.comparison.findings)
        seen["dock"] = self.findings.windowTitle()
        print(json.dumps(seen), flush=True)
        app.closeAllWindows()
    self.rendered.connect(rendered)
    self.checked.connect(checked)
mw.MainWindow.__init__ = init
from copydesk.gui.app import run_app
sys.exit(run_app(sys.argv[1]))
"""


def test_panes_paint_before_the_checks_and_spacy(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COPYDESK_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(SEEDS)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["spacy_at_paint"] is False and seen["checked_at_paint"] is False
    assert seen["dock_at_paint"].startswith("Checking quotes")
    assert seen["findings"] == 8 and seen["dock"] == "Findings (8)"


def test_an_export_before_the_checks_landed_still_lists_the_findings(qapp, seeds_comparison, tmp_path,
                                                                      monkeypatch):
    import dataclasses

    import copydesk.gui.export.pdf as pdf
    from copydesk.core.tasks import CancelToken
    from copydesk.gui.export.job import ExportRequest, run_export

    unchecked = dataclasses.replace(seeds_comparison, findings=(), source_ranking=(), deltas=(), checks_ran=False)
    seen = []
    original = pdf.export_pdf

    def spy(c, *args, **kwargs):
        seen.append(len(c.findings))
        return original(c, *args, **kwargs)

    monkeypatch.setattr(pdf, "export_pdf", spy)
    outcome = run_export(ExportRequest(unchecked, str(tmp_path / "x.pdf")), lambda *_: None, CancelToken())
    assert outcome.error == "" and seen == [len(seeds_comparison.findings)] and seen[0] > 0


def test_the_checks_landing_do_not_scroll_the_panes_back(make_window, qtbot, seeds_copy):
    window = make_window()
    with qtbot.waitSignal(window.rendered, timeout=30_000):
        window.open_folder(str(seeds_copy))
    with qtbot.waitSignal(window.checked, timeout=60_000):
        window.review.next()  # a current difference near the top
        view = window.panes.panes[0].text
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)  # reading on meanwhile
        row, fraction = window.panes.sync.position(view)
    assert window.session.comparison.checks_ran and window.review.current is not None
    assert window.panes.sync.position(view)[0] == row  # still there, not back at the current difference
