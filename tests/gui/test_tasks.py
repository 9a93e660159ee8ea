"""TaskRunner: jobs off the GUI thread, results on it; stale results dropped; cancel; failures."""

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from copydesk.core.corpus import FolderError
from copydesk.core.tasks import Cancelled
from copydesk.gui.tasks import TaskRunner, failure_message

WAIT = 5000  # ms; only a safety net against hangs, never a timing assertion


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.cancel()
    assert r.wait_for_done(WAIT)


class Recorder:
    """Collects every signal the runner emits, in order."""

    def __init__(self, runner):
        self.events = []
        for name in ("started", "progress", "finished", "failed", "cancelled"):
            getattr(runner, name).connect(lambda *args, n=name: self.events.append((n, *args)))

    def names(self):
        return [e[0] for e in self.events]


class Gate:
    """Holds a job inside its worker thread until the test releases it."""

    def __init__(self):
        self.entered, self.released = threading.Event(), threading.Event()

    def hold(self):
        self.entered.set()
        self.released.wait(WAIT / 1000)

    def wait_entered(self):
        assert self.entered.wait(WAIT / 1000)


def settle(runner):
    """Let every job return, then deliver whatever they queued for the GUI thread."""
    assert runner.wait_for_done(WAIT)
    QCoreApplication.processEvents()


def test_result_arrives_on_the_gui_thread(qtbot, runner):
    gui_thread = QThread.currentThread()
    seen = {}

    def job(progress, cancel):
        seen["worker_thread"] = QThread.currentThread()
        return 42

    delivered = []
    runner.finished.connect(lambda result: delivered.append(QThread.currentThread()))
    with qtbot.waitSignal(runner.started, timeout=WAIT):
        with qtbot.waitSignal(runner.finished, timeout=WAIT) as blocker:
            runner.run(job)
            assert runner.busy
    assert blocker.args == [42]
    assert not runner.busy
    assert seen["worker_thread"] is not gui_thread
    assert delivered == [gui_thread]


def test_progress_is_reported_in_order_then_the_result(qtbot, runner):
    record = Recorder(runner)

    def job(progress, cancel):
        progress("load", 0.25)
        progress("load", 0.251)  # too small a step to be worth an event
        progress("align", 0.5)
        progress("align", 1.0)
        return "done"

    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.run(job)
    assert record.events == [("started",), ("progress", "load", 0.25), ("progress", "align", 0.5),
                             ("progress", "align", 1.0), ("finished", "done")]


def test_new_run_cancels_the_previous_and_drops_its_result(qtbot, runner):
    record = Recorder(runner)
    gate = Gate()
    tokens = []

    def slow(progress, cancel):
        tokens.append(cancel)
        gate.hold()
        progress("late", 0.9)  # ignored: superseded
        return "stale"  # not cancel.check(): a job that ignores its token must still be dropped

    runner.run(slow)
    gate.wait_entered()
    with qtbot.waitSignal(runner.finished, timeout=WAIT) as blocker:
        runner.run(lambda progress, cancel: "fresh")
    assert blocker.args == ["fresh"]
    assert tokens[0].cancelled
    gate.released.set()
    settle(runner)
    assert [e for e in record.events if e[0] in ("finished", "progress", "cancelled")] == [("finished", "fresh")]
    assert record.names().count("started") == 2
    assert not runner.busy


def test_cancel_stops_the_job_and_reports_once(qtbot, runner):
    record = Recorder(runner)
    gate = Gate()
    outcome = []

    def cooperative(progress, cancel):
        gate.hold()
        try:
            cancel.check()
        except Cancelled:
            outcome.append("saw cancel")
            raise
        return "should not arrive"

    runner.run(cooperative)
    gate.wait_entered()
    with qtbot.waitSignal(runner.cancelled, timeout=WAIT):
        runner.cancel()
    assert not runner.busy
    gate.released.set()
    settle(runner)
    assert outcome == ["saw cancel"]
    assert record.names() == ["started", "cancelled"]


def test_quitting_the_app_cancels_the_job(qtbot, runner, qapp):
    gate = Gate()
    tokens = []

    def job(progress, cancel):
        tokens.append(cancel)
        gate.hold()

    runner.run(job)
    gate.wait_entered()
    with qtbot.waitSignal(runner.cancelled, timeout=WAIT):
        qapp.aboutToQuit.emit()
    assert tokens[0].cancelled and not runner.busy
    gate.released.set()


def test_cancel_when_idle_does_nothing(qtbot, runner):
    record = Recorder(runner)
    runner.cancel()
    assert record.events == [] and not runner.busy


def test_job_raising_cancelled_by_itself_reports_cancelled(qtbot, runner):
    def job(progress, cancel):
        raise Cancelled()

    with qtbot.waitSignal(runner.cancelled, timeout=WAIT):
        runner.run(job)
    assert not runner.busy


def test_folder_error_message_is_passed_as_is(qtbot, runner):
    message = "/news/story: needs at least two readable articles (.txt, .md, .html), found 1"

    def job(progress, cancel):
        raise FolderError(message)

    with qtbot.waitSignal(runner.failed, timeout=WAIT) as blocker:
        runner.run(job)
    assert blocker.args == [message]
    assert not runner.busy


def test_unexpected_error_names_its_type(qtbot, runner):
    def job(progress, cancel):
        raise ValueError("paragraph 3 has no text")

    with qtbot.waitSignal(runner.failed, timeout=WAIT) as blocker:
        runner.run(job)
    assert blocker.args == ["ValueError: paragraph 3 has no text"]
    # The pool thread survives a failure: the next job runs normally.
    with qtbot.waitSignal(runner.finished, timeout=WAIT) as blocker:
        runner.run(lambda progress, cancel: "again")
    assert blocker.args == ["again"]


def test_failure_messages():
    assert failure_message(FolderError("x: not a folder")) == "x: not a folder"
    assert failure_message(KeyError()) == "KeyError"
    assert failure_message(MemoryError()).startswith("Not enough memory")
    assert failure_message(OSError(13, "Permission denied")) == "PermissionError: [Errno 13] Permission denied"


def test_stale_failure_is_dropped(qtbot, runner):
    record = Recorder(runner)
    gate = Gate()

    def doomed(progress, cancel):
        gate.hold()
        raise RuntimeError("too late to matter")

    runner.run(doomed)
    gate.wait_entered()
    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.run(lambda progress, cancel: 1)
    gate.released.set()
    settle(runner)
    assert "failed" not in record.names()


def test_real_comparison_runs_in_the_background(qtbot, runner, seeds_copy):
    from copydesk.core.comparison import CompareOptions, compare_folder

    record = Recorder(runner)
    options = CompareOptions(run_checks=False)  # the engine itself, not the editorial checks
    runner.run(lambda progress, cancel: compare_folder(str(seeds_copy), options, progress, cancel))
    qtbot.waitUntil(lambda: "finished" in record.names() or "failed" in record.names(), timeout=30000)
    assert "failed" not in record.names(), record.events
    assert len(record.events[-1][1].articles) == 5
    assert "progress" in record.names()  # the engine reported progress through the runner


def test_jobs_run_with_short_gil_slices_and_leave_the_interval_as_it_was(qtbot, runner):
    import sys

    from copydesk.gui.tasks import JOB_SWITCH_INTERVAL

    before = sys.getswitchinterval()
    assert before > JOB_SWITCH_INTERVAL  # Python's default: the job's setting is a real change
    gate = Gate()
    seen = {}

    def job(progress, cancel):
        seen["during"] = sys.getswitchinterval()
        gate.hold()
        return None

    runner.run(job)
    gate.wait_entered()
    assert sys.getswitchinterval() == JOB_SWITCH_INTERVAL  # the GUI thread waits at most this for the GIL
    gate.released.set()
    settle(runner)
    assert seen["during"] == JOB_SWITCH_INTERVAL
    assert sys.getswitchinterval() == before


def test_a_failing_job_leaves_the_interval_as_it_was(qtbot, runner):
    import sys

    before = sys.getswitchinterval()

    def job(progress, cancel):
        raise ValueError("broken")

    with qtbot.waitSignal(runner.failed, timeout=WAIT):
        runner.run(job)
    settle(runner)
    assert sys.getswitchinterval() == before
