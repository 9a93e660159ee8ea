"""Deterministic synthetic folders of one story: many rewrites made by perturbing the seed articles."""

from __future__ import annotations

import os
import random

SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "seeds")
_SWAPS = {"said": "says", "Monday": "on Monday", "troops": "soldiers", "leaders": "heads of state",
          "European": "EU", "Ukraine": "Kyiv", "support": "backing", "war": "conflict"}


def seed_paragraphs() -> list[list[str]]:
    """The seed articles as lists of non-empty lines."""
    out = []
    for name in sorted(os.listdir(SEEDS)):
        with open(os.path.join(SEEDS, name), encoding="utf-8") as fh:
            out.append([line.strip() for line in fh if line.strip()])
    return out


def rewrite(paragraphs: list[str], rng: random.Random) -> list[str]:
    """One rewrite: cut some paragraphs, move one, reword a few words, add an outlet's own line."""
    kept = [p for p in paragraphs if rng.random() > 0.15]
    if len(kept) > 3 and rng.random() < 0.5:
        i, j = rng.randrange(1, len(kept)), rng.randrange(1, len(kept))
        kept.insert(j, kept.pop(i))
    out = []
    for p in kept:
        words = p.split()
        for k, w in enumerate(words):
            if w in _SWAPS and rng.random() < 0.3:
                words[k] = _SWAPS[w]
        out.append(" ".join(words))
    out.insert(rng.randrange(1, len(out) + 1), f"Reporter {rng.randrange(10**6)} filed this from desk {rng.randrange(999)} "
                                                f"with notes on item {rng.randrange(10**6)} and source {rng.randrange(10**6)}.")
    return out


def make_folder(path: str, n_articles: int, seed: int = 7) -> str:
    """Write n_articles synthetic versions of the seed story into path (created); return path."""
    rng = random.Random(seed)
    bases = seed_paragraphs()
    os.makedirs(path, exist_ok=True)
    for i in range(n_articles):
        paras = rewrite(bases[i % len(bases)], rng)
        with open(os.path.join(path, f"{i:04d}.txt"), "w", encoding="utf-8") as fh:
            fh.write("\n\n".join(paras) + "\n")
    return path
