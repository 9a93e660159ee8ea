"""core.stories._dots: the batched cosines of a big folder equal _dot's, bit for bit."""

import random

from copydesk.core.stories import StoryOptions, _dot, _dots, _edges, _scored


def _vectors(n, seed):
    rnd = random.Random(seed)
    words = [f"w{k}" for k in range(60)]
    out = []
    for _ in range(n):
        vec = {w: rnd.random() for w in rnd.sample(words, rnd.randint(0, 25))}
        norm = sum(x * x for x in vec.values()) ** 0.5 or 1.0
        out.append({w: x / norm for w, x in vec.items()})  # unit vectors, as _weigh makes them
    return out


def test_dots_equal_dot_exactly():
    vectors = _vectors(40, 1)
    pairs = {(a, b) for a in range(40) for b in range(a + 1, 40)}
    dots = _dots(vectors, pairs)
    assert set(dots) == pairs
    assert all(dots[(a, b)] == _dot(vectors[a], vectors[b]) for a, b in pairs)


def test_big_folder_edges_are_those_of_dot():
    vectors = _vectors(150, 2)  # over all_pairs_up_to: candidates come from the index, scored by _dots
    options = StoryOptions()
    edges = _edges(vectors, options)
    assert edges
    assert edges == _scored(vectors, {(a, b) for _s, a, b in edges}, options)
    assert all(score == _dot(vectors[a], vectors[b]) for score, a, b in edges)
