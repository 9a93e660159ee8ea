"""Write an exported PDF off the GUI thread: progress and Cancel in the window's status bar, then the outcome."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from copydesk.core import report as rpt
from copydesk.core.model import Comparison, Problem
from copydesk.core.tasks import CancelToken, ProgressCallback
from copydesk.gui.export import pdf as export_pdf
from copydesk.gui import palette
from copydesk.gui.bars import ProgressStrip
from copydesk.gui.tasks import TaskRunner

STAGES = {"report": "Preparing the PDF…", "layout": "Laying out the PDF…", "pages": "Writing the PDF…"}
STATUS_MS = 10000  # how long the outcome stays in the status bar


@dataclass(frozen=True)
class ExportRequest:
    """Everything the worker needs, as immutable plain data: no widget or other QObject crosses threads."""

    comparison: Comparison
    path: str
    layout: str = "side-by-side"
    articles: Optional[tuple[int, ...]] = None  # 0-based; None = all
    review: Any = None  # a frozen core.review.ReviewState, or None
    scheme: palette.Scheme = palette.SCHEMES["default"]  # hex strings only
    reference: Optional[int] = None  # the article the rows follow, as in the app
    print_palette: Optional[str] = None  # printpal name chosen in the dialog; None = the one matching scheme
    page_size: str = "auto"  # 'auto' (by locale), 'a4' or 'letter'


@dataclass(frozen=True)
class ExportOutcome:
    """What the worker hands back: the page count, or why the file was not written."""

    path: str
    pages: int = 0
    error: str = ""


def run_export(request: ExportRequest, progress: ProgressCallback, cancel: CancelToken) -> ExportOutcome:
    """The worker's job: every Qt object it uses (writer, painter, documents, fonts) is made and freed here."""
    c = request.comparison
    if not c.checks_ran:  # exported before the window's background checks landed: the PDF still lists findings
        from copydesk.core.findings import run_checks

        c = run_checks(c, cancel)
    try:
        pages = export_pdf.export_pdf(c, request.path, request.layout, request.articles,
                                      request.review, request.print_palette or request.scheme, progress=progress,
                                      cancel=cancel, reference=request.reference, page_size=request.page_size)
    except (export_pdf.ExportError, rpt.ReportError) as exc:
        return ExportOutcome(request.path, error=str(exc))
    return ExportOutcome(request.path, pages)


class BackgroundExport(QObject):
    """One window's PDF export: its own TaskRunner (loading a folder never cancels it), progress, Cancel."""

    settled = Signal(str)  # the export ended (written, failed or cancelled); the message the user was given

    def __init__(self, window: Optional[QWidget] = None) -> None:
        super().__init__(window)
        self._window = window
        self.runner = TaskRunner(self)
        self.strip = ProgressStrip(cancel_tip="Stop the export; no file is written")
        self.strip.setObjectName("ExportProgress")
        self._box: Optional[QMessageBox] = None
        self._path = ""
        if isinstance(window, QMainWindow):
            window.statusBar().addPermanentWidget(self.strip)
        if window is not None:
            window.installEventFilter(self)  # closing the window stops the export (see eventFilter)
        self.strip.cancel_requested.connect(self.runner.cancel)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)

    @classmethod
    def of(cls, window: Optional[QWidget]) -> "BackgroundExport":
        """The window's exporter, made on first use (one shared exporter serves calls without a window)."""
        if window is None:
            global _WINDOWLESS
            if _WINDOWLESS is None:
                _WINDOWLESS = cls()
            return _WINDOWLESS
        found = window.findChild(cls)
        return found if found is not None else cls(window)

    @property
    def busy(self) -> bool:
        """True while an export runs."""
        return self.runner.busy

    def start(self, request: ExportRequest) -> None:
        """Write request.path on the runner's thread pool; progress shows after a short delay."""
        self._path = request.path
        self.strip.busy(True, "Exporting PDF…")
        # A Qt object deleted on the GUI thread while the worker builds text documents can deadlock the app:
        # the GUI thread holds one of Qt's signal-slot locks and waits for the GIL (a Python override), the
        # worker holds the GIL (PySide keeps it through QTextDocument.documentLayout) and waits for that lock.
        # Deletions already due (the export dialog just closed, windows closed before) are done first.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.runner.run(lambda progress, cancel: run_export(request, progress, cancel))

    def cancel(self) -> None:
        """Stop the running export: the worker stops at its next row or page and removes its temporary file."""
        self.runner.cancel()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """The window is closing: nobody will see the export finish, so stop it rather than wait for it."""
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.runner.cancel()
        return False

    def _on_progress(self, stage: str, fraction: float) -> None:
        self.strip.set_progress(STAGES.get(stage, "Exporting PDF…"), fraction)

    def _on_finished(self, outcome: ExportOutcome) -> None:
        if outcome.error:
            self.fail(outcome.path, outcome.error)
        else:
            self._settle(f"Exported {outcome.pages} pages to {outcome.path}")

    def _on_failed(self, message: str) -> None:
        self.fail(self._path, message)

    def _on_cancelled(self) -> None:
        self._settle(f"PDF export cancelled; {self._path} was not written")

    def _settle(self, message: str) -> None:
        self.strip.busy(False)
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(message, STATUS_MS)
        self.settled.emit(message)

    def fail(self, path: str, message: str) -> None:
        """Say why, without blocking: the window's message bar, else a non-modal message box."""
        reason = message.removeprefix(f"{path}: ")  # ExportError names the path first
        bar = getattr(self._window, "message_bar", None)
        if bar is not None:
            bar.show_problems("The PDF was not written:", [Problem(path, reason)], "error")
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, "Export PDF",
                              f"The PDF was not written.<br><br><b>{html.escape(path)}</b>: {html.escape(reason)}",
                              QMessageBox.StandardButton.Ok, self._window)
            box.setModal(False)
            box.show()
            self._box = box  # kept alive: without a window nothing else owns it
        self._settle(f"The PDF was not written: {path}: {reason}")


_WINDOWLESS: Optional[BackgroundExport] = None
