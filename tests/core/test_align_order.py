"""Order-aware linking (core.align_order), near spellings and stemmed stopwords."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.core.align import AlignOptions, _pair_scores, align, near_spellings
from copydesk.core.align_order import chain_gains, drop_inconsistent, max_chain, neighbour_parts, order_links
from align_features import features
from copydesk.core.tokens import STOPWORDS, normalize, tokenize

OPTIONS = AlignOptions()


def words(prefix, n):
    return " ".join(f"{prefix}{k}" for k in range(n))


def refs_of(feats, pairs):
    return {tuple(sorted((feats[i].ref, feats[j].ref))) for i, j in pairs}


# --- max_chain -----------------------------------------------------------------------------------

def brute_chain_weight(items):
    best = 0
    for size in range(1, len(items) + 1):
        for combo in itertools.combinations(sorted(items), size):
            if all(p[0] <= q[0] and p[1] <= q[1] for p, q in zip(combo, combo[1:])):
                best = max(best, sum(c[4] for c in combo))
    return best


chain_items = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(1, 9)), max_size=8,
                       unique_by=lambda t: (t[0], t[1]))


@settings(max_examples=200, deadline=None)
@given(chain_items, st.randoms(use_true_random=False))
def test_max_chain_is_a_heaviest_non_crossing_chain_whatever_the_order(raw, rnd):
    items = [(r, c, r, 10 + c, w) for r, c, w in raw]  # (row, col, i, j, weight)
    got = max_chain(items)
    chosen = [next(it for it in items if (it[2], it[3]) == pair) for pair in got]
    assert all(p[0] <= q[0] and p[1] <= q[1] for p, q in zip(chosen, chosen[1:]))  # never crossing
    assert sum(it[4] for it in chosen) == brute_chain_weight(items)
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert max_chain(shuffled) == got


def test_max_chain_lets_one_paragraph_have_two_partners_but_never_crosses():
    # (0,0) (0,1): one row, two columns (1:n); (1,0) would cross (0,1)
    items = [(0, 0, 0, 10, 5), (0, 1, 0, 11, 5), (1, 0, 1, 10, 3)]
    assert max_chain(items) == [(0, 10), (0, 11)]
    assert max_chain([]) == []


# --- chain_gains -----------------------------------------------------------------------------------

def test_chain_gains_weigh_mutual_best_matches_only_capped_at_min_score():
    cands = [(0, 10, 0.25), (0, 11, 0.20), (1, 12, 0.15), (2, 13, 0.90), (3, 14, 0.10)]
    gains = chain_gains(cands, OPTIONS)
    # (0, 11): the best of its column only; (3, 14): below the cost
    assert set(gains) == {(0, 10), (1, 12), (2, 13)}
    assert gains[(0, 10)] == round((0.25 - OPTIONS.min_gap_score) * 1_000_000)
    assert gains[(2, 13)] == round((OPTIONS.min_score - OPTIONS.min_gap_score) * 1_000_000)  # capped


def test_chain_gains_count_ties_as_best_on_both_sides():
    gains = chain_gains([(0, 10, 0.2), (0, 11, 0.2)], OPTIONS)
    assert set(gains) == {(0, 10), (0, 11)}


# --- order_links ----------------------------------------------------------------------------------

A0, A1, A2 = words("a", 8), words("b", 8), words("c", 8)
LOOSE_A = "x1 x2 x3 x4 x5 shared1 shared2 y1"  # Dice 0.25 with LOOSE_B: too loose for min_score
LOOSE_B = "z1 z2 z3 z4 z5 shared1 shared2 y2"


def run_order(articles, chosen_refs=()):
    feats = features(articles)
    inter = _pair_scores(feats, OPTIONS, None)
    ix = {f.ref: n for n, f in enumerate(feats)}
    chosen = {tuple(sorted((ix[x], ix[y]))): 1.0 for x, y in chosen_refs}
    order_links(feats, inter, chosen, OPTIONS, None, {})
    return refs_of(feats, chosen)


def test_order_links_takes_a_loose_paraphrase_in_story_order():
    got = run_order([[A0, LOOSE_A, A1, A2], [A0, LOOSE_B, A1, A2]])
    assert ((0, 1), (1, 1)) in got
    assert {((0, 0), (1, 0)), ((0, 2), (1, 2)), ((0, 3), (1, 3))} <= got


def test_order_links_leaves_a_loose_match_that_crosses_the_story_order():
    # the loose pair sits before A0 in one version and after A2 in the other: it crosses three anchors
    got = run_order([[LOOSE_A, A0, A1, A2], [A0, A1, A2, LOOSE_B]])
    assert ((0, 0), (1, 3)) not in got


def test_align_keeps_a_moved_paragraph_and_the_order_chain():
    # gaps of unequal size between A0 and A1 (an added paragraph): gap filling alone leaves the paraphrase
    feats = features([[A0, LOOSE_A, words("w", 6), A1, A2], [A2, A0, LOOSE_B, A1]])
    got = {(l.a, l.b) for l in align(feats)}
    assert ((0, 4), (1, 0)) in got  # moved, linked by the mutual-best pass
    assert ((0, 1), (1, 2)) in got  # loose, in order between A0 and A1
    assert ((0, 1), (1, 2)) not in {(l.a, l.b) for l in align(feats, AlignOptions(order_links=False))}


LOW_A = words("la", 17) + " low1 low2 low3"  # Dice 0.15 with LOW_B: under min_part_score
LOW_B = words("lb", 17) + " low1 low2 low3"


def test_a_loose_chain_pair_links_only_beside_a_confident_pair():
    framed = run_order([[A0, LOW_A, A1], [A0, LOW_B, A1]], [((0, 0), (1, 0)), ((0, 2), (1, 2))])
    assert ((0, 1), (1, 1)) in framed
    alone = run_order([[A0, words("w", 8), LOW_A, words("v", 8), A1], [A0, words("u", 8), LOW_B, words("t", 8), A1]],
                      [((0, 0), (1, 0)), ((0, 4), (1, 4))])
    assert ((0, 2), (1, 2)) not in alone  # in the same stretch of the story, but nothing beside it links


def test_paragraphs_stating_different_figures_never_pair_on_order():
    same = run_order([[A0, LOOSE_A + " 15 39", A1], [A0, LOOSE_B + " 15 51", A1]])
    differ = run_order([[A0, LOOSE_A + " 3 2.5", A1], [A0, LOOSE_B + " 50 54", A1]])
    assert ((0, 1), (1, 1)) in same  # one figure in common: an update of the same fact, still a pair
    assert ((0, 1), (1, 1)) not in differ


def test_drop_inconsistent_follows_what_a_third_version_says():
    feats = features([["p"], ["q"], ["r0", "r1"]])  # refs (0,0), (1,0), (2,0), (2,1) -> indices 0..3
    contradicted = {(0, 1): 0.15, (0, 2): 1.0, (1, 3): 1.0}  # partners in article 2 differ
    drop_inconsistent(feats, contradicted, [(0, 1)])
    assert (0, 1) not in contradicted
    confirmed = {(0, 1): 0.15, (0, 2): 1.0, (1, 2): 1.0}  # both linked to (2, 0)
    drop_inconsistent(feats, confirmed, [(0, 1)])
    assert (0, 1) in confirmed
    unknown = {(0, 1): 0.15, (0, 2): 1.0}  # the third version says nothing about (1, 0)
    drop_inconsistent(feats, unknown, [(0, 1)])
    assert (0, 1) in unknown


# --- neighbour_parts ------------------------------------------------------------------------------

def parts(articles, linked):
    feats = features(articles)
    inter = _pair_scores(feats, OPTIONS, None)
    ix = {f.ref: n for n, f in enumerate(feats)}
    cands = [(i, j, 2 * ov / (feats[i].total + feats[j].total)) for (i, j), ov in inter.items()]
    cands = [c for c in cands if c[2] > OPTIONS.min_gap_score]
    chosen = {tuple(sorted((ix[x], ix[y]))): 1.0 for x, y in linked}
    neighbour_parts(feats, cands, chosen, OPTIONS)
    return refs_of(feats, chosen)


def test_neighbour_parts_link_the_other_half_of_a_restated_pair():
    first_half, second_half = "p1 p2 p3 p4 p5 p6", "q1 q2 q3 q4 q5 q6"
    merged = "p1 p2 p3 p4 p5 q1 q2 q3 r1 r2"
    got = parts([[first_half, second_half], [merged]], [((0, 0), (1, 0))])
    assert ((0, 1), (1, 0)) in got


def test_neighbour_parts_refuse_a_headline_that_repeats_its_lead():
    headline, lead = "p1 p2 p3 p4", "p1 p2 p3 p4 p5 p6 p7 p8"
    other_lead = "p1 p2 p3 p4 p5 p6 s1 s2"
    got = parts([[headline, lead], [other_lead]], [((0, 1), (1, 0))])
    assert ((0, 0), (1, 0)) not in got  # all it shares with the partner, the lead has too


# --- near spellings and stopwords ------------------------------------------------------------------

def test_near_spellings_join_a_name_spelt_two_ways_and_leave_short_stems_apart():
    got = near_spellings({"zelensky", "zelenskyy", "part", "parti", "injur", "injuri", "trump", "trumpeters"})
    assert got == {"zelenskyy": "zelensky", "injuri": "injur"}


def test_stemmed_stopwords_stay_stopwords():
    for word in ("only", "during", "very", "once", "there", "this"):
        assert normalize(word) in STOPWORDS
        assert not tokenize(word)[0].is_content
    assert tokenize("accord")[0].is_content  # a peace accord is content, though 'according' is a stopword
