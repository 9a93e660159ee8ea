"""A quote carried in several lengths (full, cut, fragment) is one quote: quote_checks clustering."""

import os
import random

from copydesk.core.comparison import compare_loaded, compare_texts
from copydesk.core.corpus import LoadResult, SourceText

LEAD = ("French President Emmanuel Macron met European leaders in Paris on Monday to discuss military support "
        "for Ukraine and the supply of ammunition to the front line.")
CONTEXT = ("The meeting brought together heads of state and government from across the continent as Russia's "
           "invasion of Ukraine entered its third year with no end in sight.")
FULL = ("Nobody should doubt our resolve: France will deliver armoured vehicles, fighter jets, tanks, drones and "
        "shells to the Ukrainian army before summer, and European factories must double ammunition production "
        "this year because Russia keeps bombing cities, power stations, railway depots and grain ports every "
        "single night")
CUT = "armoured vehicles, fighter jets, tanks, drones and shells to the Ukrainian army"
FRAGMENT = "shells to the Ukrainian army"


def _three_lengths() -> list[str]:
    full = f"“{FULL},” Macron told reporters at the Elysee palace after the talks."
    cut = f"Macron told reporters at the Elysee palace that France would send “{CUT}” before the summer."
    fragment = f"Macron told reporters at the Elysee palace that Paris would send more “{FRAGMENT}” within months."
    return ["\n\n".join([LEAD, p, CONTEXT]) for p in [full] * 3 + [cut] * 2 + [fragment]]


def test_quote_in_three_lengths_is_one_truncated_quote():
    assert CUT in FULL and FRAGMENT in CUT and len(CUT.split()) == 12 and len(FRAGMENT.split()) == 5
    # The cut attaches to the full quote as a fragment, then the fragment targets both: the old
    # clustering had already deleted the cut's cluster (KeyError, every quote finding lost).
    c = compare_texts(_three_lengths())
    assert c.check_errors == ()
    quotes = [f for f in c.findings if f.kind == "quote"]
    assert len(quotes) == 1
    f = quotes[0]
    assert f.message.startswith("Macron quote “Nobody should doubt our resolve")
    assert "truncated in #4, #5 and #6" in f.message and "merged" not in f.message
    assert {o.article for o in f.occurrences} == {0, 1, 2, 3, 4, 5}


def _versions(seeds_dir: str, n: int) -> list[SourceText]:
    """n light rewrites of the seeds: paragraphs dropped, borrowed and swapped, 5-15% of words replaced."""
    rng = random.Random(20261121 + n)
    seeds = []
    for name in sorted(os.listdir(seeds_dir)):
        with open(os.path.join(seeds_dir, name), encoding="utf-8") as fh:
            seeds.append([p.strip() for p in fh.read().split("\n") if p.strip()])
    vocab = sorted({w for s in seeds for p in s for w in p.split()})
    out = []
    for i in range(n):
        paras = list(seeds[i % len(seeds)])
        for _ in range(rng.randint(0, 3)):
            if len(paras) > 4:
                paras.pop(rng.randrange(1, len(paras)))
        for _ in range(rng.randint(0, 3)):
            donor = seeds[rng.randrange(len(seeds))]
            paras.insert(rng.randrange(1, len(paras) + 1), donor[rng.randrange(len(donor))])
        for _ in range(rng.randint(0, 2)):
            a, b = rng.randrange(1, len(paras)), rng.randrange(1, len(paras))
            paras[a], paras[b] = paras[b], paras[a]
        rate = rng.uniform(0.05, 0.15)
        paras = [" ".join(rng.choice(vocab) if rng.random() < rate else w for w in p.split()) for p in paras]
        out.append(SourceText(f"article_{i:04d}.txt", "\n\n".join(paras) + "\n", "utf-8"))
    return out


def test_checks_on_sixty_versions_find_quotes(seeds_dir):
    # Past about 50 versions every synthetic folder carries its quotes in many lengths; the old
    # clustering raised KeyError on each of them.
    c = compare_loaded(LoadResult("<synthetic>", tuple(_versions(seeds_dir, 64)), ()))
    assert len(c.articles) == 64
    assert c.check_errors == ()
    quotes = [f for f in c.findings if f.kind == "quote"]
    assert len(quotes) >= 5
    assert any("no consensus" in f.message.lower() for f in quotes)
