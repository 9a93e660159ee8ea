"""Whole-process figures: first paint of the app, align on the seeds, and the worst-case one-story folders.

Each figure is a fresh process (what an editor waits for), CPU seconds and peak memory (VmHWM) read by
a small wrapper. The worst-case folders come from ../shared/bench/synth.py when it is beside the
checkout (every version shares content with many others); set COPYDESK_BENCH_SIZES to choose sizes.
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
SIZES = tuple(int(n) for n in os.environ.get("COPYDESK_BENCH_SIZES", "5,100,200,500,1000").split(","))

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
    self.rendered.connect(lambda: seen.setdefault("paint", time.perf_counter() - start))
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
    """One `copydesk ARGS` in a fresh process, output discarded: CPU, wall and peak memory."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    return json.loads(done.stderr.strip().splitlines()[-1])


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
    checked = statistics.median(r["checked"] for r in runs)
    print(f"== app on the seeds: panes painted {paint:.2f} s after process start, findings {checked:.2f} s "
          f"(target: paint <= 1.5 s)")


def bench_align_seeds(repeat: int = 3) -> None:
    """`copydesk align seeds` as a whole process, with and without the checks (median CPU of repeat)."""
    for label, extra, target in (("--json, checks on", ["--json"], 0.8), ("--no-checks", ["--no-checks"], 0.35)):
        runs = [_run(["align", SEEDS, *extra]) for _ in range(repeat)]
        print(f"== align seeds {label}: {statistics.median(r['cpu'] for r in runs):.2f} s CPU, "
              f"{statistics.median(r['wall'] for r in runs):.2f} s wall (target <= {target} s)")


def bench_worst_case() -> None:
    """synth.py folders of SIZES versions: CPU, peak memory and the growth exponent between sizes."""
    if not os.path.exists(SYNTH):
        print(f"== worst-case folders: {SYNTH} not found, skipped")
        return
    print("== worst-case one-story folders (synth.py), align with checks, whole process")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            folder = os.path.join(tmp, f"s{n}")
            subprocess.run([sys.executable, SYNTH, SEEDS, folder, str(n)], check=True, capture_output=True)
            got = _run(["align", folder])
            growth = ""
            if rows:
                m, previous = rows[-1]
                growth = f"  exponent {math.log(got['cpu'] / previous['cpu']) / math.log(n / m):.2f} from {m}"
            print(f"  {n:>5} versions: {got['cpu']:7.2f} s CPU, {got['peak_mb']:6.0f} MB peak{growth}")
            rows.append((n, got))


def main() -> None:
    """Every whole-process figure."""
    bench_first_paint()
    bench_align_seeds()
    bench_worst_case()


if __name__ == "__main__":
    main()
