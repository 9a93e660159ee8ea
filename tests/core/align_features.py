"""Aligner features built by hand, for the aligner's unit tests."""

from __future__ import annotations

from copydesk.core.align import ParaFeatures


def features(articles):
    """ParaFeatures from articles given as lists of space-separated words, every word weighing 1."""
    feats = []
    for a, paras in enumerate(articles):
        for p, text in enumerate(paras):
            weights = {w: 1.0 for w in text.split()}
            feats.append(ParaFeatures((a, p), [], weights, float(len(weights)) or 1.0))
    return feats
