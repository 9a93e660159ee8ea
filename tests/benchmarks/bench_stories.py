"""Story grouping on a day's wire in one folder: B-cubed precision/recall/F1, time and memory.

Folders are built from ../shared/eval/newsalign-dev (77 clusters = 77 stories, 297 articles), every
file under an opaque name (the gold story is kept aside, never in the name):
  * mixed: all clusters' .txt files in one folder;
  * mixed x4: the same plus 4 lightly perturbed copies of every article (some paragraphs dropped,
    neighbours swapped), mixed in as extra versions of its story;
  * scale: 1,200 articles of 308 stories: the clusters, plus 3 variants of each as NEW stories (every
    content word's first letters rotated, so the variant shares structure, numbers and function words
    with its cluster but no names), plus a few perturbed copies to reach 1,200.
The scale folder is grouped AND compared by `copydesk align DIR --json` in a fresh process, timed like
/usr/bin/time (elapsed, user, system seconds and peak RSS), with and without the editorial checks.
"""

from __future__ import annotations

import collections
import glob
import hashlib
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEV = os.path.normpath(os.path.join(ROOT, "..", "shared", "eval", "newsalign-dev"))
STOPWORDS_KEEP = frozenset("a an the and or but of in on at to for by with from as is are was were be been has have had "
                           "it its he she they we you i this that these those not no said says will would".split())


def dev_clusters(dev: str = DEV) -> dict[str, list[tuple[str, str]]]:
    """cluster name -> [(file name, text)] of every newsalign-dev cluster (empty when the set is absent)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for folder in sorted(glob.glob(os.path.join(dev, "*", ""))):
        files = sorted(glob.glob(os.path.join(folder, "*.txt")))
        if files:
            out[os.path.basename(folder.rstrip(os.sep))] = [
                (os.path.basename(f), open(f, encoding="utf-8").read()) for f in files]
    return out


def perturb(text: str, rng: random.Random) -> str:
    """A light extra version: the headline kept, ~15 % of body paragraphs dropped, two neighbour swaps."""
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:1], paragraphs[1:]
    body = [p for p in body if rng.random() > 0.15] or body[:1]
    for _ in range(2):
        if len(body) > 2:
            i = rng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
    return "\n\n".join(head + body)


def rotate(text: str, shift: int) -> str:
    """Another story of the same shape: the first four letters of every content word rotated by shift."""
    def word(w: str) -> str:
        if len(w) < 3 or not w.isascii() or w.lower() in STOPWORDS_KEEP:
            return w
        head = "".join(chr((ord(c) - base + shift) % 26 + base) if c.isalpha() else c
                       for c in w[:4] for base in (ord("A") if c.isupper() else ord("a"),))
        return head + w[4:]

    out, cur = [], []
    for ch in text + " ":
        if ch.isascii() and ch.isalpha():
            cur.append(ch)
            continue
        if cur:
            out.append(word("".join(cur)))
            cur = []
        out.append(ch)
    return "".join(out)[:-1]


def _name(*parts: object) -> str:
    return hashlib.sha1("\0".join(map(str, parts)).encode()).hexdigest()[:12] + ".txt"


def _write(dest: str, name: str, text: str) -> None:
    with open(os.path.join(dest, name), "w", encoding="utf-8") as fh:
        fh.write(text)


def build_mixed(dest: str, copies: int = 0, clusters: dict | None = None) -> dict[str, str]:
    """Write every cluster's articles (and `copies` perturbed copies of each) into dest; path -> gold story."""
    os.makedirs(dest, exist_ok=True)
    gold = {}
    for cluster, files in (clusters if clusters is not None else dev_clusters()).items():
        for fname, text in files:
            for k in range(copies + 1):
                name = _name(cluster, fname, k)
                _write(dest, name, text if k == 0 else perturb(text, random.Random(f"{cluster}/{fname}/{k}")))
                gold[name] = cluster
    return gold


def build_scale(dest: str, articles: int = 1200, variants: int = 4) -> dict[str, str]:
    """About `articles` articles: each cluster in `variants` distinct stories (see rotate), topped up with copies."""
    os.makedirs(dest, exist_ok=True)
    gold: dict[str, str] = {}
    clusters = dev_clusters()
    originals = []
    for v in range(variants):
        for cluster, files in clusters.items():
            story = f"{cluster}#{v}"
            for fname, text in files:
                name = _name(story, fname)
                body = text if v == 0 else rotate(text, 7 * v)
                _write(dest, name, body)
                gold[name] = story
                originals.append((story, fname, body))
    rng = random.Random(2026)
    k = 0
    while len(gold) < articles and originals:
        story, fname, body = originals[k % len(originals)]
        name = _name(story, fname, "copy", k)
        _write(dest, name, perturb(body, rng))
        gold[name] = story
        k += 1
    return gold


def bcubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted grouping (path -> story) against the gold one."""
    by_pred, by_gold = collections.defaultdict(set), collections.defaultdict(set)
    for path in gold:
        by_pred[pred[path]].add(path)
        by_gold[gold[path]].add(path)
    p = r = 0.0
    for path in gold:
        shared = len(by_pred[pred[path]] & by_gold[gold[path]])
        p += shared / len(by_pred[pred[path]])
        r += shared / len(by_gold[gold[path]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_grouping(folder: str, gold: dict[str, str]) -> tuple[tuple[float, float, float], int, float]:
    """Group folder's articles: ((P, R, F1), number of stories, CPU seconds of the grouping)."""
    from copydesk.core.corpus import load_folder
    from copydesk.core.stories import group_stories

    loaded = load_folder(folder)
    t = time.process_time()
    grouping = group_stories(loaded.sources)
    cpu = time.process_time() - t
    pred = {path: s for s, story in enumerate(grouping.stories) for path in story.paths}
    return bcubed(pred, gold), len(grouping.stories), cpu


def timed_align(folder: str, checks: bool) -> tuple[float, float, float, float, int]:
    """`copydesk align folder --json` in a fresh process: (elapsed, user, system s, peak RSS MB, stories)."""
    import json

    cmd = [sys.executable, "-m", "copydesk.gui.cli", "align", folder, "--json"] + ([] if checks else ["--no-checks"])
    if os.path.exists("/usr/bin/time"):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as fh:
            out = subprocess.run(["/usr/bin/time", "-o", fh.name, "-f", "%e %U %S %M"] + cmd,
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            e, u, s, m = fh.read().split()[-4:]
        elapsed, user, system, peak = float(e), float(u), float(s), int(m) / 1024
    else:  # no GNU time: wall clock and the children's usage from the kernel
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        elapsed = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
        peak = after.ru_maxrss / 1024
    data = json.loads(out.stdout)
    return elapsed, user, system, peak, len(data.get("stories", [None]))


def main() -> None:
    """Print the grouping scores and the scale figures."""
    if not dev_clusters():
        print(f"  newsalign-dev not found at {DEV}: skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for label, copies in (("mixed (77 clusters)", 0), ("mixed + 4x perturbed copies", 4)):
            folder = os.path.join(tmp, f"mixed{copies}")
            gold = build_mixed(folder, copies)
            (p, r, f1), n, cpu = score_grouping(folder, gold)
            print(f"  {label}: {len(gold)} articles, {len(set(gold.values()))} stories -> {n} found; "
                  f"B-cubed P {p:.4f} R {r:.4f} F1 {f1:.4f} (target >= 0.97); grouping {cpu:.2f} s CPU")
        folder = os.path.join(tmp, "scale")
        gold = build_scale(folder)
        (p, r, f1), n, cpu = score_grouping(folder, gold)
        print(f"  scale: {len(gold)} articles, {len(set(gold.values()))} stories -> {n} found; "
              f"B-cubed P {p:.4f} R {r:.4f} F1 {f1:.4f}; grouping {cpu:.2f} s CPU")
        for checks in (False, True):
            e, u, s, m, n = timed_align(folder, checks)
            print(f"  scale, `copydesk align --json{'' if checks else ' --no-checks'}` (whole process): "
                  f"{e:.2f} s elapsed, {u:.2f} s user, {s:.2f} s system, peak {m:.0f} MB, {n} stories; "
                  f"target <= 10 s, <= 600 MB")


if __name__ == "__main__":
    sys.path[:0] = [ROOT]
    main()
