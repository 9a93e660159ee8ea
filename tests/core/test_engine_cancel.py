"""Cancel is honoured inside the span stage (the word diff of every sentence group), not only between stages."""

import os
import random

import pytest

import copydesk.core.spans as spans
from copydesk.core.comparison import CompareOptions, compare_loaded
from copydesk.core.corpus import LoadResult, SourceText
from copydesk.core.tasks import CancelToken, Cancelled


def _folder(seeds_dir: str, n: int) -> LoadResult:
    """n versions of the seeds, each with a few words replaced, so every paragraph links to many."""
    texts = []
    for name in sorted(os.listdir(seeds_dir)):
        with open(os.path.join(seeds_dir, name), encoding="utf-8") as fh:
            texts.append(fh.read())
    rng = random.Random(7)
    sources = []
    for i in range(n):
        words = texts[i % len(texts)].split(" ")
        for _ in range(10):
            k = rng.randrange(len(words))
            words[k] = rng.choice(words)
        sources.append(SourceText(f"v{i:03d}.txt", " ".join(words), "utf-8"))
    return LoadResult("<synthetic>", tuple(sources), ())


def test_cancel_from_the_span_stage_progress_stops_within_a_few_links(seeds_dir, monkeypatch):
    loaded = _folder(seeds_dir, 16)
    token = CancelToken()
    diffs = {"before": 0, "after": 0}
    real = spans.word_diff

    def counting(a: str, b: str) -> list[tuple[int, int]]:
        diffs["after" if token.cancelled else "before"] += 1
        return real(a, b)

    monkeypatch.setattr(spans, "word_diff", counting)
    compare_loaded(loaded, CompareOptions(run_checks=False))
    links = diffs["before"]  # the whole stage diffs each group of aligned sentences once
    assert links > 8 * spans.CHECK_EVERY
    diffs["before"] = 0
    heard = []

    def progress(stage: str, fraction: float) -> None:
        heard.append((stage, fraction))
        if stage == "spans" and fraction >= 0.25:
            token.cancel()  # as the GUI's Cancel button does, from another thread, mid-stage

    with pytest.raises(Cancelled):
        compare_loaded(loaded, CompareOptions(run_checks=False), progress, token)
    assert ("spans", 0.0) in heard
    assert diffs["before"] < links // 2  # stopped inside the stage ...
    assert diffs["after"] <= spans.CHECK_EVERY  # ... within CHECK_EVERY links of the request
    assert heard[-1][0] == "spans"  # and nothing after it ran


def test_cancel_before_the_span_stage_diffs_nothing(seeds_dir, monkeypatch):
    loaded = _folder(seeds_dir, 6)
    token = CancelToken()
    called = []
    monkeypatch.setattr(spans, "word_diff", lambda a, b: called.append(1) or [])

    def progress(stage: str, fraction: float) -> None:
        if stage == "spans":
            token.cancel()

    with pytest.raises(Cancelled):
        compare_loaded(loaded, CompareOptions(run_checks=False), progress, token)
    assert called == []
