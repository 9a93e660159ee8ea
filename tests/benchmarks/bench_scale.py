"""Whole-process figures: first paint of the app, align on the seeds, the worst-case one-story folders, and
how long the GUI thread is ever blocked while the app opens 500 versions.

Each figure is a fresh process (what an editor waits for), CPU seconds (user+sys: the machine is shared,
wall time swings with the others' load) and peak memory (VmHWM) read by a small wrapper. The worst-case
folders come from ../shared/bench/synth.py when it is beside the checkout (every version shares content
with many others); set COPYDESK_BENCH_SIZES to choose sizes (default 5 to 2000).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEEDS = os.path.join(ROOT, "seeds")
SYNTH = os.path.join(os.path.dirname(ROOT), "shared", "bench", "synth.py")
SIZES = tuple(int(n) for n in os.environ.get("COPYDESK_BENCH_SIZES", "5,100,200,500,1000,2000").split(","))
TARGETS = {500: (4.0, 400), 1000: (9.0, 800), 2000: (25.0, 1600)}  # CPU s, peak MB (issue 10), checks on
EXPONENT_SPAN, EXPONENT_TARGET = (200, 1000), 1.3
JSON_SIZE, JSON_TARGET = 500, 8.0
STALL_SIZE, STALL_TARGET = 500, 100  # versions, ms

_MEASURE = """
import json, resource, runpy, sys, time
start = time.perf_counter()
sys.argv = ["copydesk"] + sys.argv[1:]
code = 0
try:
    from copydesk.gui.cli import main
    code = main(sys.argv[1:])
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    line = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]
    sys.stderr.write(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "wall": time.perf_counter() - start,
                                 "peak_mb": int(line.split()[1]) / 1024, "code": code}) + "\\n")
"""

_FIRST_PAINT = """
import json, sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import copydesk.gui.main_window as mw
seen = {}
original = mw.MainWindow.__init__
def init(self, *args, **kwargs):
    original(self, *args, **kwargs)
    def rendered():
        if "paint" not in seen:
            seen["paint"], seen["paint_cpu"] = time.perf_counter() - start, time.process_time()
    self.rendered.connect(rendered)
    def checked():
        seen["checked"] = time.perf_counter() - start
        print(json.dumps(seen), flush=True)
        app.closeAllWindows()
    self.checked.connect(checked)
mw.MainWindow.__init__ = init
from copydesk.gui.app import run_app
sys.exit(run_app(sys.argv[1]))
"""


def _run(args: list[str]) -> dict:
    """One `copydesk ARGS` in a fresh process, output discarded: CPU (user+sys), wall and peak memory."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    return json.loads(done.stderr.strip().splitlines()[-1])


def _median_run(args: list[str], repeat: int) -> dict:
    """The run of median CPU among repeat fresh processes (the machine is shared: CPU, not wall, is the figure)."""
    runs = sorted((_run(args) for _ in range(repeat)), key=lambda r: r["cpu"])
    return runs[len(runs) // 2]


def bench_first_paint(repeat: int = 3) -> None:
    """Process start to highlighted panes, and to the findings, offscreen (median of repeat)."""
    runs = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COPYDESK_HOME=home)
        for _ in range(repeat):
            out = subprocess.run([sys.executable, "-c", _FIRST_PAINT, SEEDS], env=env, capture_output=True,
                                 text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    paint = statistics.median(r["paint"] for r in runs)
    cpu = statistics.median(r["paint_cpu"] for r in runs)
    checked = statistics.median(r["checked"] for r in runs)
    print(f"== app on the seeds, offscreen, cold start: panes painted {paint:.2f} s after process start "
          f"({cpu:.2f} s CPU), findings {checked:.2f} s (target: paint <= 1.5 s; median of {repeat})")


def bench_align_seeds(repeat: int = 3) -> None:
    """`copydesk align seeds` as a whole process, with and without the checks (median CPU of repeat)."""
    for label, extra, target in (("--json, checks on", ["--json"], 0.8),
                                 ("--json --no-checks", ["--json", "--no-checks"], 0.35),
                                 ("summary, checks on", [], None), ("summary, --no-checks", ["--no-checks"], None)):
        got = _median_run(["align", SEEDS, *extra], repeat)
        aim = f" (target <= {target} s)" if target else ""
        print(f"== align seeds {label}: {got['cpu']:.2f} s CPU, {got['wall']:.2f} s wall, "
              f"{got['peak_mb']:.0f} MB peak{aim}")


def bench_worst_case() -> None:
    """synth.py folders of SIZES versions, checks on: CPU, peak memory, growth exponents; --json at JSON_SIZE."""
    if not os.path.exists(SYNTH):
        print(f"== worst-case folders: {SYNTH} not found, skipped")
        return
    print("== worst-case one-story folders (synth.py), `copydesk align DIR` with checks, whole process "
          "(CPU = user+sys, median of 3 below 1000 versions)")
    rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            folder = os.path.join(tmp, f"s{n}")
            subprocess.run([sys.executable, SYNTH, SEEDS, folder, str(n)], check=True, capture_output=True)
            got = _median_run(["align", folder], 3 if n < 1000 else 1)
            growth = ""
            if rows:
                m = max(rows)
                growth = f"  exponent {_exponent(rows[m], got, m, n):.2f} from {m}"
            aim = f"  (target <= {TARGETS[n][0]:.0f} s, <= {TARGETS[n][1]} MB)" if n in TARGETS else ""
            print(f"  {n:>5} versions: {got['cpu']:7.2f} s CPU, {got['wall']:7.2f} s wall, "
                  f"{got['peak_mb']:6.0f} MB peak{growth}{aim}", flush=True)
            rows[n] = got
            if n == JSON_SIZE:
                js = _median_run(["align", folder, "--json"], 1)
                print(f"  {n:>5} versions --json: {js['cpu']:5.2f} s CPU, {js['peak_mb']:6.0f} MB peak "
                      f"(target <= {JSON_TARGET:.0f} s)", flush=True)
    lo, hi = EXPONENT_SPAN
    if lo in rows and hi in rows:
        print(f"  growth exponent {lo} -> {hi} versions: {_exponent(rows[lo], rows[hi], lo, hi):.2f} "
              f"(target <= {EXPONENT_TARGET})")


def _exponent(a: dict, b: dict, m: int, n: int) -> float:
    """How CPU grows between m and n versions: 1 is linear, 2 quadratic."""
    return math.log(b["cpu"] / a["cpu"]) / math.log(n / m)


def bench_gui_stall() -> None:
    """The longest the GUI thread is blocked while the app opens STALL_SIZE versions (bench_gui_stall.py)."""
    if not os.path.exists(SYNTH):
        return
    print(f"== app opening {STALL_SIZE} versions, offscreen (fresh process; a 10 ms timer on the GUI thread)")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COPYDESK_HOME=home)
        done = subprocess.run([sys.executable, os.path.join(HERE, "bench_gui_stall.py"), str(STALL_SIZE)], env=env,
                              capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    print("\n".join(lines) if lines else f"  failed: {done.stderr.strip().splitlines()[-1:]}")


def main() -> None:
    """Every whole-process figure."""
    bench_first_paint()
    bench_align_seeds()
    bench_worst_case()
    bench_gui_stall()


if __name__ == "__main__":
    main()
