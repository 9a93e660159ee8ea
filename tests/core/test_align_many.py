"""Many versions of one story: no cliff in link recall past 16 articles, and linear pivot links beyond the limit.

The folders are built from the seed articles: each version starts from one seed, drops paragraphs,
takes in paragraphs of other seeds, swaps two and replaces 5-15 % of its words (like
shared/bench/synth.py), and remembers where each paragraph came from. Two paragraphs of different
versions that come from the same seed paragraph carry the same content: that is the gold.
"""

import random
from pathlib import Path

import pytest

from copydesk.core.align import AlignOptions, align, build_features
from copydesk.core.align_pivot import align_by_pivot
from copydesk.core.comparison import CompareOptions, compare_texts
from copydesk.core.tokens import tokenize

ALL_PAIRS = AlignOptions(pairwise_limit=10**6)
PIVOTS = AlignOptions(pairwise_limit=1)


def seed_paragraphs(seeds_dir):
    """The seed articles as lists of paragraphs (one per line)."""
    out = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        out.append([p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()])
    return out


def versions(seeds, n, seed=20261129):
    """n versions of the seed story as lists of (origin, text); origin = (seed article, paragraph)."""
    rng = random.Random(seed + n)
    vocab = sorted({w for s in seeds for p in s for w in p.split()})
    out = []
    for v in range(n):
        k = v % len(seeds)
        paras = [((k, p), text) for p, text in enumerate(seeds[k])]
        for _ in range(rng.randint(0, 3)):
            if len(paras) > 4:
                paras.pop(rng.randrange(1, len(paras)))
        for _ in range(rng.randint(0, 3)):
            d = rng.randrange(len(seeds))
            q = rng.randrange(len(seeds[d]))
            paras.insert(rng.randrange(1, len(paras) + 1), ((d, q), seeds[d][q]))
        if rng.random() < 0.5:
            a, b = rng.randrange(1, len(paras)), rng.randrange(1, len(paras))
            paras[a], paras[b] = paras[b], paras[a]
        rate = rng.uniform(0.05, 0.15)
        out.append([(o, " ".join(rng.choice(vocab) if rng.random() < rate else w for w in text.split()))
                    for o, text in paras])
    return out


def same_origin_recall(folder, comparison):
    """Share of the same-origin pairs of story paragraphs (different versions) that the comparison links."""
    story = {(a, p.index) for a, art in enumerate(comparison.articles) for p in art.paragraphs if not p.boilerplate}
    origin = {(a, p): o for a, paras in enumerate(folder) for p, (o, _text) in enumerate(paras) if (a, p) in story}
    refs = sorted(origin)
    gold = {(x, y) for n, x in enumerate(refs) for y in refs[n + 1:] if x[0] != y[0] and origin[x] == origin[y]}
    linked = {(l.a, l.b) for l in comparison.links}
    return len(gold & linked) / len(gold)


def compare(folder, options):
    texts = ["\n\n".join(text for _o, text in paras) + "\n" for paras in folder]
    return compare_texts(texts, [f"v{v:03d}.txt" for v in range(len(folder))],
                         CompareOptions(align=options, run_checks=False))


@pytest.mark.parametrize("n", [17, 40])
def test_default_alignment_of_17_to_40_versions_keeps_all_pairs_recall(seeds_dir, n):
    folder = versions(seed_paragraphs(seeds_dir), n)
    default = same_origin_recall(folder, compare(folder, AlignOptions()))
    all_pairs = same_origin_recall(folder, compare(folder, ALL_PAIRS))
    assert all_pairs > 0.9  # the reference itself finds the copies
    assert default >= all_pairs - 0.02


def features_of(folder):
    refs, toks = [], []
    for a, paras in enumerate(folder):
        for p, (_o, text) in enumerate(paras):
            refs.append((a, p))
            toks.append(tokenize(text))
    return build_features(refs, toks)


def components(links):
    """Paragraph -> a representative of its connected component in the link graph."""
    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for l in links:
        ra, rb = root(l.a), root(l.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in list(parent)}


def grouped_share(links, pairs):
    """Share of pairs whose two paragraphs end up in one group (connected by links)."""
    group = components(links)
    return sum(1 for x, y in pairs if x in group and group.get(y) == group[x]) / len(pairs)


def test_pivot_mode_links_stay_linear_and_group_what_all_pairs_links(seeds_dir):
    """Past the limit each paragraph hangs on few pivots; copies of a paragraph share a group, and story
    order joins paraphrases that all-pairs alignment links (more than select_links alone)."""
    folder = versions(seed_paragraphs(seeds_dir), 48)
    feats = features_of(folder)
    keys = {a: f"{a:04d}" for a in range(len(folder))}
    links, pivots = align_by_pivot(feats, PIVOTS, article_keys=keys)
    plain, _ = align_by_pivot(feats, AlignOptions(pairwise_limit=1, order_links=False), article_keys=keys)
    assert len(links) <= 2 * len(feats)
    assert len(pivots) < len(feats) / 4
    origin = {(a, p): o for a, paras in enumerate(folder) for p, (o, _t) in enumerate(paras)}
    reference = [(l.a, l.b) for l in align(feats, ALL_PAIRS, article_keys=keys)]
    copies = [(x, y) for x, y in reference if origin[x] == origin[y]]
    assert grouped_share(links, copies) >= 0.95
    assert grouped_share(links, reference) > grouped_share(plain, reference) + 0.03


def test_pivot_mode_joins_a_loose_paraphrase_that_keeps_the_story_order():
    """A paragraph too loose for select_links joins its pivot when it lies between in-order matches."""
    first = ["alpha beta gamma delta epsilon", "north south east west centre", "red green blue cyan black",
             "one two three four five"]
    second = ["alpha beta gamma delta epsilon", "north south wind rain snow hail", "red green blue cyan black",
              "one two three four five"]
    feats = features_of([[((0, p), t) for p, t in enumerate(first)], [((0, p), t) for p, t in enumerate(second)]])
    plain = {(l.a, l.b) for l in align_by_pivot(feats, AlignOptions(pairwise_limit=1, order_links=False),
                                                  article_keys={0: "a", 1: "b"})[0]}
    ordered = {(l.a, l.b) for l in align_by_pivot(feats, PIVOTS, article_keys={0: "a", 1: "b"})[0]}
    assert ((0, 1), (1, 1)) not in plain
    assert ((0, 1), (1, 1)) in ordered
    assert plain <= ordered
