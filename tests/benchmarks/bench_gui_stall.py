"""How long the GUI thread is ever blocked while the app opens a big folder (offscreen).

A QTimer fires every 10 ms on the GUI thread and records the gap since it last fired; the worst gap,
less the 10 ms it waits anyway, is the longest the window could not answer a key press or repaint. The
run opens a folder (by default synth.py's worst case of 500 versions) in a fresh window and lasts until
the editorial checks have landed and half a second more. With --why, a sampler thread records what the
GUI thread was running during each stall (its innermost copydesk frames).

Usage: python bench_gui_stall.py [FOLDER | N] [--why]   (N: synth.py folder of N versions, made in /tmp)
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SYNTH = os.path.join(os.path.dirname(ROOT), "shared", "bench", "synth.py")
TICK_MS = 10
SETTLE_S = 0.5  # after the checks land: the re-render they cause is part of the load
BUDGET_MS = 100  # the limit for one blocked stretch


class _Sampler(threading.Thread):
    """Samples the GUI thread's stack every few ms; keeps the samples taken while a tick is overdue."""

    def __init__(self, gui_thread: int, last_tick: list[float]) -> None:
        super().__init__(daemon=True)
        self.gui_thread, self.last_tick = gui_thread, last_tick
        self.stalled: collections.Counter = collections.Counter()
        self.others: collections.Counter = collections.Counter()
        self.running = True

    def run(self) -> None:
        """Sample until stopped."""
        while self.running:
            time.sleep(0.005)
            if time.perf_counter() - self.last_tick[0] < 0.05:
                continue
            frames = sys._current_frames()
            frame = frames.get(self.gui_thread)
            if frame is None:
                continue
            self.stalled["GUI: " + _where(frame)] += 1
            for ident, other in frames.items():  # what the other threads were doing meanwhile (the GIL)
                if ident not in (self.gui_thread, threading.get_ident()):
                    self.others["worker: " + _where(other)] += 1


def _where(frame) -> str:
    """The innermost few of frame's copydesk frames (or of any, when none is copydesk's)."""
    full = traceback.extract_stack(frame)
    own = [f for f in full if "/copydesk/" in f.filename or "/work/main/" in f.filename]
    return " < ".join(f"{os.path.basename(f.filename)}:{f.name}" for f in (own or full)[::-1][:4])


def measure(folder: str, why: bool = False, timeout_s: float = 600.0) -> dict:
    """Open folder in a new window offscreen; the worst event-loop gap and when panes and findings came."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from copydesk.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    gaps: list[tuple[float, float]] = []  # (gap ms, at s since the folder was opened)
    last = [time.perf_counter()]
    start = time.perf_counter()
    seen: dict[str, float] = {}

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(((now - last[0]) * 1000, now - start))
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    window.rendered.connect(lambda: seen.setdefault("panes_s", time.perf_counter() - start))

    def checked() -> None:
        seen.setdefault("findings_s", time.perf_counter() - start)
        QTimer.singleShot(int(SETTLE_S * 1000), loop.quit)

    window.checked.connect(checked)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    sampler = _Sampler(threading.get_ident(), last) if why else None
    if sampler:
        sampler.start()
    timer.start()
    last[0] = start = time.perf_counter()
    window.open_folder(folder)
    loop.exec()
    timer.stop()
    if sampler:
        sampler.running = False
    c = window.session.comparison
    worst = max(gaps) if gaps else (0.0, 0.0)
    out = {"versions": len(c.articles) if c else 0, "worst_gap_ms": round(worst[0], 1),
           "worst_at_s": round(worst[1], 2), "over_budget": sum(1 for g, _ in gaps if g > BUDGET_MS),
           "ticks": len(gaps), "panes": len(window.panes.panes), **{k: round(v, 2) for k, v in seen.items()},
           "longest": [(round(g), round(t, 2)) for g, t in sorted(gaps, reverse=True)[:8]]}
    if sampler:
        out["stalled_in"] = sampler.stalled.most_common(12)
        out["meanwhile"] = sampler.others.most_common(12)
    window.close()
    window.session.runner.wait_for_done(60_000)
    window.session.check_runner.wait_for_done(60_000)
    return out


def _folder(arg: str, tmp: str) -> str:
    if os.path.isdir(arg):
        return arg
    folder = os.path.join(tmp, f"s{arg}")
    subprocess.run([sys.executable, SYNTH, os.path.join(ROOT, "seeds"), folder, arg], check=True)
    return folder


def main(argv: list[str] | None = None) -> dict:
    """Print the worst stall while opening the folder (default: 500 synth.py versions)."""
    args = list(sys.argv[1:] if argv is None else argv)
    why = "--why" in args
    args = [a for a in args if a != "--why"]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("COPYDESK_HOME", os.path.join(tmp, "home"))
        got = measure(_folder(args[0] if args else "500", tmp), why)
    print(f"  GUI event loop while opening {got['versions']} versions: worst stall {got['worst_gap_ms']:.0f} ms "
          f"(at {got['worst_at_s']:.1f} s; {got['over_budget']} ticks over {BUDGET_MS} ms; target <= {BUDGET_MS} ms); "
          f"panes at {got.get('panes_s', float('nan')):.1f} s, findings at {got.get('findings_s', float('nan')):.1f} s, "
          f"{got['panes']} panes")
    if why:
        print(json.dumps(got, indent=1))
    return got


if __name__ == "__main__":
    main()
