"""`make bench`: prints speed and memory figures of the engine (never asserted in tests).

Figures: import costs; the seeds (cold and median, checks apart) next to CollateX on the same
files; 100 and 500 synthetic articles (time and peak memory, each in a fresh process);
pure-Python vs C++ diff-match-patch; and the export/checks benchmarks when present.
"""

from __future__ import annotations

import glob
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEEDS = os.path.join(ROOT, "seeds")
sys.path[:0] = [ROOT, HERE]


def _child(code: str) -> dict:
    """Run code in a fresh interpreter; it prints one JSON object as its last line."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_imports() -> None:
    """Start-up cost of the heavy imports, each in a fresh process."""
    print("== import cost (fresh process each)")
    for module in ("diff_match_patch", "fast_diff_match_patch", "spacy", "copydesk.core.comparison"):
        got = _child(f"import time, json; t = time.perf_counter(); import {module}; "
                     f"print(json.dumps({{'ms': (time.perf_counter() - t) * 1000}}))")
        print(f"  import {module:<24} {got['ms']:8.1f} ms")
    got = _child("import time, json; from copydesk.core.segment import sentence_spans; t = time.perf_counter(); "
                 "sentence_spans('Warm up. Now.'); print(json.dumps({'ms': (time.perf_counter() - t) * 1000}))")
    print(f"  spaCy sentencizer first use      {got['ms']:8.1f} ms (lazy: only a quote after an unplain sentence "
          f"boundary needs it, core/findings/sentence_cut.py)")


def bench_seeds() -> float:
    """The seeds: first run after imports, then the median of 20 runs with cold word caches."""
    from copydesk.core.comparison import CompareOptions, compare_folder
    from copydesk.core.segment import sentence_spans
    from copydesk.core.tokens import clear_caches

    print("== seeds (5 articles), in process after imports")
    first = compare_folder(SEEDS, CompareOptions(run_checks=False)).timings_ms
    runs, checks = [], []
    for _ in range(20):
        clear_caches()
        runs.append(compare_folder(SEEDS, CompareOptions(run_checks=False)).timings_ms)
        clear_caches()
        sentence_spans.cache_clear()
        checks.append(compare_folder(SEEDS).timings_ms.get("checks", 0.0))
    med = {k: statistics.median(r[k] for r in runs) for k in ("load", "segment", "align", "total")}
    print(f"  first run total {first['total']:.1f} ms; median of 20: total {med['total']:.1f} ms "
          f"(load {med['load']:.1f}, segment {med['segment']:.1f}, align {med['align']:.1f}); target <= 15 ms")
    print(f"  editorial checks add (median, cold word and sentence caches) {statistics.median(checks):.1f} ms; "
          f"target <= 20 ms")
    return med["total"]


def bench_collatex(ours_ms: float) -> None:
    """CollateX 2.3 on the same five files, for scale."""
    try:
        from collatex import Collation, collate
    except ImportError as exc:
        print(f"== CollateX: not installed ({exc}); `pip install -e .[bench]`")
        return
    collation = Collation()
    for path in sorted(glob.glob(os.path.join(SEEDS, "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            collation.add_plain_witness(os.path.basename(path)[:3], fh.read())
    t = time.perf_counter()
    collate(collation, output="json", segmentation=True)
    ms = (time.perf_counter() - t) * 1000
    print(f"== CollateX 2.3 on the seeds: {ms:.0f} ms; Copydesk {ours_ms:.1f} ms: {ms / ours_ms:.0f}x faster")


def bench_synthetic() -> None:
    """100 and 500 synthetic articles of one story: time and peak memory, in a fresh process each."""
    print("== synthetic folders of one story (fresh process each; peak = max RSS of the process)")
    targets = {100: "<= 0.5 s", 500: "<= 5 s, <= 400 MB"}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 500):
            from synthetic import make_folder

            folder = make_folder(os.path.join(tmp, f"s{n}"), n)
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
            code = ("import json\n"
                    "def hwm():\n"
                    "    line = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
                    "    return int(line.split()[1]) / 1024\n"
                    "from copydesk.core.comparison import CompareOptions, compare_folder\n"
                    "base = hwm()\n"
                    f"c = compare_folder({folder!r}, CompareOptions(run_checks=False))\n"
                    "print(json.dumps({'t': c.timings_ms, 'links': len(c.links), 'groups': len(c.groups),"
                    " 'peak_mb': hwm(), 'base_mb': base}))")
            got = _child(code)
            t = got["t"]
            print(f"  {n} articles: total {t['total'] / 1000:.2f} s (load {t['load']:.0f} ms, segment {t['segment']:.0f} ms, "
                  f"align {t['align']:.0f} ms), {got['links']} links, {got['groups']} rows; peak RSS {got['peak_mb']:.0f} MB "
                  f"({got['peak_mb'] - got['base_mb']:.0f} MB above the interpreter with imports); target {targets[n]}")


def bench_dmp() -> None:
    """Pure-Python vs C++ diff-match-patch on the word-encoded links of the seeds."""
    from copydesk.core.comparison import CompareOptions, compare_folder
    from copydesk.core.dmp_codec import WordCodec, word_diff
    from copydesk.core.tokens import tokenize

    c = compare_folder(SEEDS, CompareOptions(run_checks=False))
    codec = WordCodec()
    pairs = [(codec.encode([t.norm for t in tokenize(c.paragraph(l.a).text)]),
              codec.encode([t.norm for t in tokenize(c.paragraph(l.b).text)])) for l in c.links]
    times = {}
    for fast in (False, True):
        t = time.perf_counter()
        for _ in range(5):
            for a, b in pairs:
                word_diff(a, b, use_fast=fast)
        times[fast] = (time.perf_counter() - t) * 1000 / 5
    same = all(word_diff(a, b, True) == word_diff(a, b, False) for a, b in pairs)
    print(f"== diff-match-patch on the {len(pairs)} seed links: pure Python {times[False]:.1f} ms, "
          f"C++ port {times[True]:.1f} ms ({times[False] / times[True]:.1f}x); identical output: {same}")


def bench_optional(name: str) -> None:
    """Run tests/benchmarks/<name>.py's main() when that benchmark exists."""
    if not os.path.exists(os.path.join(HERE, name + ".py")):
        return
    print(f"== {name}")
    importlib.import_module(name).main()


def bench_machine() -> None:
    """A fixed pure-Python loop, so figures from different machines can be compared."""
    t = time.process_time()
    total = 0
    for i in range(5_000_000):
        total += i
    print(f"== machine: a 5M-step Python loop takes {(time.process_time() - t) * 1000:.0f} ms "
          f"(about 250 ms on a fast desktop; scale the figures below accordingly)")


def main() -> None:
    """Print every figure."""
    bench_machine()
    bench_imports()
    ours = bench_seeds()
    bench_collatex(ours)
    bench_synthetic()
    bench_dmp()
    bench_optional("bench_checks")
    bench_optional("bench_export")
    bench_optional("bench_parsing")
    bench_optional("bench_scale")
    bench_optional("bench_stories")  # a folder of many stories: grouping B-cubed, 1,200 articles time/memory


if __name__ == "__main__":
    main()
