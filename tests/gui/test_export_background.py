"""File > Export PDF runs off the GUI thread: progress, Cancel, failures, and a window that stays responsive."""

from __future__ import annotations

import os
import threading

import pypdf
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow

from copydesk.core.tasks import CancelToken, Cancelled
from copydesk.gui import palette
from copydesk.gui.export import dialog as export_dialog
from copydesk.gui.export import pdf as export_pdf
from copydesk.gui.export.job import BackgroundExport
from copydesk.gui.main_window import MainWindow

WAIT_MS = 20000  # generous ceilings for waits that end as soon as their condition holds


@pytest.fixture
def choose(monkeypatch):
    """Answer the options dialog (all articles, side by side) and the file dialog with a given path."""
    target = {}
    monkeypatch.setattr(export_dialog.ExportOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target["path"]), ""))

    def set_path(path) -> None:
        target["path"] = path

    return set_path


@pytest.fixture
def gate(monkeypatch):
    """Holds every export's render step until released; records the thread it ran on."""

    class Gate:
        entered, release = threading.Event(), threading.Event()
        threads: list[int] = []

    original = export_pdf.render

    def held_render(*args, **kwargs):
        Gate.threads.append(threading.get_ident())
        Gate.entered.set()
        assert Gate.release.wait(WAIT_MS / 1000), "the test never released the export"
        return original(*args, **kwargs)

    monkeypatch.setattr(export_pdf, "render", held_render)
    yield Gate
    Gate.release.set()  # never leave a worker blocked, whatever the test did


@pytest.fixture
def window(qtbot, seeds_comparison):
    """A shown main window with the seeds comparison."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.rendered):
        win.session.adopt(seeds_comparison)
    yield win
    BackgroundExport.of(win).runner.wait_for_done(WAIT_MS)
    win.session.watcher.stop()


def _export(qtbot, parent, c) -> tuple[BackgroundExport, list[str]]:
    """Start an interactive export and return its exporter and the messages it settles with."""
    settled: list[str] = []
    exporter = BackgroundExport.of(parent)
    exporter.settled.connect(settled.append)
    assert export_dialog.export_pdf_interactive(parent, c, None, palette.scheme("default")) is exporter
    return exporter, settled


def test_export_is_written_off_the_gui_thread_with_progress(qtbot, seeds_comparison, tmp_path, choose,
                                                            monkeypatch):
    choose(tmp_path / "desk")
    win = QMainWindow()
    qtbot.addWidget(win)
    threads = []
    original = export_pdf.render
    monkeypatch.setattr(export_pdf, "render", lambda *a, **k: threads.append(threading.get_ident())
                        or original(*a, **k))
    exporter = BackgroundExport.of(win)
    progress: list[tuple[str, float]] = []
    exporter.runner.progress.connect(lambda stage, fraction: progress.append((stage, fraction)))
    with qtbot.waitSignal(exporter.settled, timeout=WAIT_MS) as done:
        assert export_dialog.export_pdf_interactive(win, seeds_comparison, None, palette.scheme("default")) is exporter
        assert exporter.busy  # the call returned while the PDF is still being written
    target = tmp_path / "desk.pdf"
    pages = len(pypdf.PdfReader(str(target)).pages)
    assert done.args == [f"Exported {pages} pages to {target}"]
    assert win.statusBar().currentMessage() == done.args[0]
    assert threads and threads[0] != threading.get_ident()
    stages = [stage for stage, _ in progress]
    assert {"layout", "pages"} <= set(stages) and stages.index("pages") > stages.index("layout")
    fractions = [fraction for _, fraction in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert os.listdir(tmp_path) == ["desk.pdf"]  # no temporary file left next to it


def test_window_stays_responsive_and_cancel_leaves_no_file(window, qtbot, seeds_comparison, tmp_path, choose,
                                                           gate):
    choose(tmp_path / "slow.pdf")
    exporter, settled = _export(qtbot, window, seeds_comparison)
    assert gate.entered.wait(WAIT_MS / 1000)
    ran = []
    QTimer.singleShot(0, lambda: ran.append(exporter.busy))
    qtbot.waitUntil(lambda: ran == [True], timeout=WAIT_MS)  # the event loop turns while the export is held
    qtbot.waitUntil(exporter.strip.isVisible, timeout=WAIT_MS)  # progress appears after the short delay
    assert export_dialog.export_pdf_interactive(window, seeds_comparison, None, palette.scheme("default")) is None  # one at a time
    with qtbot.waitSignal(exporter.runner.cancelled, timeout=WAIT_MS):
        exporter.strip.cancel.click()
    assert not exporter.strip.isVisible() and not exporter.busy
    assert settled == [f"PDF export cancelled; {tmp_path / 'slow.pdf'} was not written"]
    gate.release.set()
    assert exporter.runner.wait_for_done(WAIT_MS)
    assert os.listdir(tmp_path) == []  # neither the PDF nor its temporary file
    assert gate.threads[0] != threading.get_ident()


def test_loading_a_folder_does_not_cancel_an_export(window, qtbot, seeds_comparison, seeds_copy, tmp_path, choose,
                                                    gate):
    choose(tmp_path / "kept.pdf")
    exporter, settled = _export(qtbot, window, seeds_comparison)
    assert gate.entered.wait(WAIT_MS / 1000)
    with qtbot.waitSignal(window.rendered, timeout=WAIT_MS):
        window.open_folder(str(seeds_copy))
    assert exporter.busy
    with qtbot.waitSignal(exporter.settled, timeout=WAIT_MS):
        gate.release.set()
    assert settled[0].startswith("Exported ") and (tmp_path / "kept.pdf").is_file()


def test_closing_the_window_stops_the_export(window, qtbot, seeds_comparison, tmp_path, choose, gate):
    choose(tmp_path / "closed.pdf")
    exporter, _ = _export(qtbot, window, seeds_comparison)
    assert gate.entered.wait(WAIT_MS / 1000)
    window.close()
    assert not exporter.busy
    gate.release.set()
    assert exporter.runner.wait_for_done(WAIT_MS)
    assert os.listdir(tmp_path) == []


def test_unwritable_target_names_the_path_and_reason(window, qtbot, seeds_comparison, tmp_path, choose):
    target = tmp_path / "missing" / "x.pdf"
    choose(target)
    exporter, settled = _export(qtbot, window, seeds_comparison)
    qtbot.waitUntil(lambda: bool(settled), timeout=WAIT_MS)
    text = window.message_bar.text()
    assert window.message_bar.isVisible() and "The PDF was not written" in text
    assert str(target) in text and "cannot write here" in text
    assert settled[0].startswith(f"The PDF was not written: {target}: cannot write here")
    assert not exporter.strip.isVisible()


def test_export_pdf_api_reports_progress_and_honours_cancel(seeds_comparison, tmp_path, qapp):
    seen: list[tuple[str, float]] = []
    token = CancelToken()

    def progress(stage: str, fraction: float) -> None:
        seen.append((stage, fraction))
        if stage == "pages":
            token.cancel()  # cancel once the first page has been painted

    with pytest.raises(Cancelled):
        export_pdf.export_pdf(seeds_comparison, str(tmp_path / "cut.pdf"), progress=progress, cancel=token)
    assert os.listdir(tmp_path) == []
    assert [s for s, _ in seen].count("pages") == 1 and seen[0] == ("report", 0.0)
