"""How many milliseconds the editorial checks (core.findings.run_checks) add, on the seeds and on big folders."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from synthetic import SEEDS, make_folder  # noqa: E402

from copydesk.core.comparison import CompareOptions, compare_folder  # noqa: E402
from copydesk.core.findings import run_checks  # noqa: E402

REPEATS = 7


def time_checks(folder: str, repeats: int = REPEATS) -> dict:
    """Compare folder once without checks, then time run_checks on it: median and best of `repeats` runs."""
    c = compare_folder(folder, CompareOptions(run_checks=False))
    run_checks(c)  # warm-up: the first call pays for imports and regex compilation
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = run_checks(c)
        runs.append((time.perf_counter() - t0) * 1000)
    return {"articles": len(c.articles), "paragraphs": sum(len(a.paragraphs) for a in c.articles),
            "links": len(c.links), "findings": len(result.findings),
            "median_ms": round(statistics.median(runs), 2), "best_ms": round(min(runs), 2)}


def main() -> dict:
    """Print and return the checks' cost on the seeds and on synthetic folders of 50 and 100 articles."""
    results = {"seeds": time_checks(os.path.abspath(SEEDS))}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (50, 100):
            results[f"synthetic_{n}"] = time_checks(make_folder(os.path.join(tmp, str(n)), n), repeats=3)
    for name, r in results.items():
        per_article = r["median_ms"] / r["articles"]
        print(f"checks {name:14s} {r['articles']:4d} articles {r['links']:6d} links {r['findings']:4d} findings: "
              f"median {r['median_ms']:8.2f} ms, best {r['best_ms']:8.2f} ms ({per_article:.2f} ms/article)")
    return results


if __name__ == "__main__":
    main()
