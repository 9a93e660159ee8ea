"""Run one long core job at a time off the GUI thread; results come back as signals on the GUI thread."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from typing import Any, Callable, Iterator

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot

from copydesk.core.corpus import FolderError
from copydesk.core.tasks import CancelToken, Cancelled, ProgressCallback

log = logging.getLogger(__name__)

Job = Callable[[ProgressCallback, CancelToken], Any]
_PROGRESS_STEP = 0.01  # smaller moves are not worth a queued event
JOB_SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the GIL while another waits for it, as long as a background job runs.

Python's default (5 ms) is made for throughput. The GUI thread needs the GIL for every timer, paint and
signal it handles, tens of times per event-loop turn; waiting up to 5 ms each time while a job computes
kept the window from answering for 200-300 ms at a time on 500 versions (tests/benchmarks/
bench_gui_stall.py). 1 ms slices take that under 100 ms; the job loses a few per cent."""
_JOBS_RUNNING = 0
_JOBS_LOCK = threading.Lock()
_INTERVAL_BEFORE = 0.005  # the interval the first of the running jobs found, put back after the last


@contextlib.contextmanager
def _short_gil_slices() -> Iterator[None]:
    """The switch interval at JOB_SWITCH_INTERVAL while any background job runs, as it was after the last."""
    global _JOBS_RUNNING, _INTERVAL_BEFORE
    with _JOBS_LOCK:
        if _JOBS_RUNNING == 0:
            _INTERVAL_BEFORE = sys.getswitchinterval()
            sys.setswitchinterval(min(JOB_SWITCH_INTERVAL, _INTERVAL_BEFORE))
        _JOBS_RUNNING += 1
    try:
        yield
    finally:
        with _JOBS_LOCK:
            _JOBS_RUNNING -= 1
            if _JOBS_RUNNING == 0:
                sys.setswitchinterval(_INTERVAL_BEFORE)


def failure_message(exc: BaseException) -> str:
    """A message an editor can read: a FolderError's as is, otherwise the error type and text."""
    if isinstance(exc, FolderError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "Not enough memory to finish this job."
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit on it, so delivery is queued to the GUI thread."""

    progress = Signal(int, str, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class TaskRunner(QObject):
    """Runs fn(progress, cancel) on a thread pool; a new run cancels the previous and drops its result."""

    started = Signal()
    progress = Signal(str, float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        # Superseded jobs may still be winding down to their next checkpoint; the new one must not wait.
        self._pool.setMaxThreadCount(max(2, max_threads))
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._relay.cancelled.connect(self._on_cancelled)
        self._generation = 0
        self._token: CancelToken | None = None
        app = QCoreApplication.instance()
        if app is not None:
            # Quitting must not wait for a long comparison nobody will see: the pool joins its threads.
            app.aboutToQuit.connect(self.cancel)

    @property
    def busy(self) -> bool:
        """True while the latest job has neither delivered nor been cancelled."""
        return self._token is not None

    def run(self, fn: Job) -> None:
        """Start fn on the pool, cancelling any job still running (its late signals are dropped)."""
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        token = CancelToken()
        self._token = token
        self.started.emit()
        self._pool.start(_Worker(fn, self._generation, token, self._relay))

    def cancel(self) -> None:
        """Cancel the running job now: emits cancelled at once and drops whatever the job sends later."""
        if self._token is None:
            return
        self._token.cancel()
        self._token = None
        self._generation += 1
        self.cancelled.emit()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every job (current and superseded) has returned; for shutdown and tests."""
        return self._pool.waitForDone(msecs)

    def _current(self, generation: int) -> bool:
        return generation == self._generation and self._token is not None

    def _settle(self, generation: int) -> bool:
        """True (and no longer busy) when generation is the running job; False for a stale one."""
        if not self._current(generation):
            return False
        self._token = None
        return True

    @Slot(int, str, float)
    def _on_progress(self, generation: int, stage: str, fraction: float) -> None:
        if self._current(generation):
            self.progress.emit(stage, fraction)

    @Slot(int, object)
    def _on_finished(self, generation: int, result: object) -> None:
        if self._settle(generation):
            self.finished.emit(result)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._settle(generation):
            self.failed.emit(message)

    @Slot(int)
    def _on_cancelled(self, generation: int) -> None:
        if self._settle(generation):
            self.cancelled.emit()


class _Worker:
    """The callable run on a pool thread: calls the job and reports back through the relay."""

    def __init__(self, fn: Job, generation: int, token: CancelToken, relay: _Relay) -> None:
        self._fn, self._generation, self._token, self._relay = fn, generation, token, relay
        self._last: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> None:
        try:
            with _short_gil_slices():
                result = self._fn(self._progress, self._token)
        except Cancelled:
            self._emit(self._relay.cancelled)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the user, never kill the thread
            if not isinstance(exc, FolderError):
                log.exception("background job failed")
            self._emit(self._relay.failed, failure_message(exc))
        else:
            if self._token.cancelled:
                self._emit(self._relay.cancelled)
            else:
                self._emit(self._relay.finished, result)

    def _progress(self, stage: str, fraction: float) -> None:
        if self._token.cancelled:
            return
        with self._lock:  # a job may report from several threads of its own
            last = self._last
            if last and last[0] == stage and abs(fraction - last[1]) < _PROGRESS_STEP and fraction < 1.0:
                return
            self._last = (stage, fraction)
        self._emit(self._relay.progress, stage, float(fraction))

    def _emit(self, signal, *args: Any) -> None:
        try:
            signal.emit(self._generation, *args)
        except RuntimeError:
            pass  # the runner was deleted (window closed) while the job ran: nobody is listening
