"""Fast in-process alignment scorer: compare each dev folder in this process and score it with score.py.

The official numbers come from `score.py --suite ... --cmd 'copydesk align {folder} --json'`; this
harness gives the same link/status/boilerplate figures without a process per folder, for quick
before/after measurements while the aligner changes. Usage:

    .venv/bin/python tests/benchmarks/eval_alignment.py ../shared/eval/paraphrase-dev [--jobs 2]
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import io
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from copydesk.core.comparison import CompareOptions, compare_texts

_HERE = os.path.dirname(os.path.abspath(__file__))
_SCORE = os.path.normpath(os.path.join(_HERE, "..", "..", "..", "shared", "eval", "score.py"))


def load_scorer(path: str = _SCORE) -> Any:
    """The official score.py as a module (its functions score one cluster's prediction)."""
    spec = importlib.util.spec_from_file_location("newsalign_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(folder: str) -> dict:
    """The prediction JSON (articles, paragraphs, links) for the .txt files of one folder."""
    paths = sorted(glob.glob(os.path.join(folder, "*.txt")))
    texts = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            texts.append(f.read())
    names = [os.path.basename(p) for p in paths]
    c = compare_texts(texts, names, CompareOptions(run_checks=False))
    return {"articles": [{"path": a.path, "paragraphs": [{"text": p.text, "boilerplate": p.boilerplate}
                                                          for p in a.paragraphs]} for a in c.articles],
            "links": [{"a": list(l.a), "b": list(l.b), "score": l.score} for l in c.links]}




def main() -> None:
    """Score every cluster of a suite in-process and print score.py's report tail."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("suite")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--slices", action="store_true")
    args = ap.parse_args()
    score = load_scorer()
    clusters = sorted(d for d in glob.glob(os.path.join(args.suite, "*"))
                      if os.path.exists(os.path.join(d, "gold.json")))
    t0 = time.time()
    with ProcessPoolExecutor(args.jobs) as ex:
        preds = list(ex.map(predict, clusters))
    total = score.Counts()
    for folder, pred in zip(clusters, preds):
        gold = score.gold_from_newsalign(os.path.join(folder, "gold.json"))
        total.add(score.score_cluster(gold, pred, os.path.basename(folder)))
    out = io.StringIO()
    score.report(total, time.time() - t0, out=out, slices=args.slices)
    sys.stdout.write(out.getvalue())


if __name__ == "__main__":
    main()
