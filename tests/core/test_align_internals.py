"""The aligner's internals: in-order chains, gap filling, orphans, triangles, link selection."""

import hashlib
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.core.align import (AlignOptions, _attach_orphan, _close_triangles, _fill_gaps,
                                 _increasing, _pair_scores, _sim, align, build_features, select_links)
from copydesk.core.comparison import CompareOptions, compare_texts
from align_features import features
from copydesk.core.tokens import tokenize

OPTIONS = AlignOptions()


# --- helpers -------------------------------------------------------------------------------------

def index(feats):
    return {f.ref: n for n, f in enumerate(feats)}


def link(ix, x, y):
    i, j = ix[x], ix[y]
    return (i, j) if i < j else (j, i)


def words(prefix, n):
    return " ".join(f"{prefix}{k}" for k in range(n))


# --- _increasing ---------------------------------------------------------------------------------

def brute_increasing(pairs):
    """Lexicographically smallest of the longest chains strictly increasing in both coordinates."""
    items = sorted(set(pairs))
    for size in range(len(items), 0, -1):
        for chain in itertools.combinations(items, size):  # in lexicographic order
            if all(p[0] < q[0] and p[1] < q[1] for p, q in zip(chain, chain[1:])):
                return list(chain)
    return []


@pytest.mark.parametrize("pairs, expected", [
    ([], []),
    ([(3, 4)], [(3, 4)]),
    ([(0, 5), (1, 1), (1, 6)], [(0, 5), (1, 6)]),  # the reported case: a row's second link extends the chain
    ([(0, 0), (0, 1), (1, 0), (1, 1)], [(0, 0), (1, 1)]),  # ties in a row or column never chain
    ([(0, 0), (1, 0), (2, 0)], [(0, 0)]),
    ([(0, 2), (1, 0), (1, 3), (3, 5)], [(0, 2), (1, 3), (3, 5)]),
    ([(0, 1), (1, 0)], [(0, 1)]),  # two chains of one: the smallest
    ([(2, 2), (0, 3), (1, 4), (3, 0), (4, 1), (5, 2)], [(3, 0), (4, 1), (5, 2)]),
])
def test_increasing_examples(pairs, expected):
    assert _increasing(pairs) == expected
    assert _increasing(pairs[::-1]) == expected


small_pairs = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=10)


@settings(max_examples=300, deadline=None)
@given(small_pairs, st.randoms(use_true_random=False))
def test_increasing_is_a_longest_strictly_increasing_subsequence(pairs, rnd):
    got = _increasing(pairs)
    assert set(got) <= set(pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in zip(got, got[1:]))
    best = brute_increasing(pairs)
    assert len(got) == len(best)
    assert got == best  # deterministic tie-break: the lexicographically smallest longest chain
    shuffled = list(pairs)
    rnd.shuffle(shuffled)
    assert _increasing(shuffled) == got


def test_increasing_on_a_long_input():
    pairs = [(k, (k * 7919) % 1000) for k in range(1000)] + [(k, k) for k in range(0, 1000, 3)]
    got = _increasing(pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in zip(got, got[1:]))
    assert len(got) >= 334


# --- select_links --------------------------------------------------------------------------------

def test_select_links_takes_mutual_best_matches_above_min_score():
    cands = [(0, 10, 0.8, 0.8, 0.8), (0, 11, 0.35, 0.35, 0.35), (1, 11, 0.4, 0.4, 0.4), (2, 12, 0.29, 0.29, 0.29)]
    chosen: dict = {}
    select_links(cands, OPTIONS, chosen, [10] * 13)
    # 0-10 and 1-11 are mutual best matches; 0-11 is nobody's best; 2-12 is below min_score
    assert chosen == {(0, 10): 0.8, (1, 11): 0.4}


def test_select_links_is_not_greedy():
    # 11 prefers 0, which prefers 10: 1-11 is not mutual, so it stays unlinked
    cands = [(0, 10, 0.8, 0.8, 0.8), (0, 11, 0.5, 0.5, 0.5), (1, 11, 0.4, 0.4, 0.4)]
    chosen: dict = {}
    select_links(cands, OPTIONS, chosen, [10] * 12)
    assert chosen == {(0, 10): 0.8}


def test_select_links_breaks_ties_by_smaller_index_whatever_the_order():
    cands = [(1, 10, 0.6, 0.5, 0.5), (0, 10, 0.6, 0.5, 0.5)]  # containment too low for parts
    for order in (cands, cands[::-1]):
        chosen: dict = {}
        select_links(order, OPTIONS, chosen, [10] * 11)
        assert chosen == {(0, 10): 0.6}


def test_select_links_keeps_split_parts_with_enough_words():
    # paragraph 0 was split into 10 and 11: each part lies mostly inside 0
    cands = [(0, 10, 0.5, 0.5, 0.9), (0, 11, 0.25, 0.2, 0.8)]
    chosen: dict = {}
    select_links(cands, OPTIONS, chosen, [20] + [0] * 9 + [8, 8])
    assert chosen == {(0, 10): 0.5, (0, 11): pytest.approx(0.72)}
    # a headline-sized part (fewer than min_part_words) is not a part
    chosen = {}
    select_links(cands, OPTIONS, chosen, [20] + [0] * 9 + [8, 3])
    assert chosen == {(0, 10): 0.5}
    # below the part Dice floor: no link whatever the containment
    chosen = {}
    select_links([(0, 10, 0.5, 0.5, 0.9), (0, 11, 0.17, 0.2, 0.8)], OPTIONS, chosen, [20] + [0] * 9 + [8, 8])
    assert chosen == {(0, 10): 0.5}


def test_select_links_part_must_be_best_for_the_contained_side():
    # 11 lies inside 0 but matches 1 better: no part link 0-11
    cands = [(0, 10, 0.6, 0.6, 0.6), (0, 11, 0.3, 0.2, 0.7), (1, 11, 0.5, 0.5, 0.5)]
    chosen: dict = {}
    select_links(cands, OPTIONS, chosen, [10] * 12)
    assert chosen == {(0, 10): 0.6, (1, 11): 0.5}


# --- gap filling ---------------------------------------------------------------------------------

def fill(articles, anchor_refs, keys=None):
    feats = features(articles)
    ix = index(feats)
    inter = _pair_scores(feats, OPTIONS, None)
    chosen = {link(ix, x, y): 1.0 for x, y in anchor_refs}
    before = dict(chosen)
    _fill_gaps(feats, inter, chosen, OPTIONS, None, keys or {})
    added = {k: v for k, v in chosen.items() if k not in before}
    assert {k: chosen[k] for k in before} == before  # gap filling only adds
    return ix, added


A0, A1, A2 = words("alpha", 6), words("beta", 6), words("gamma", 6)
PARA_A = words("delta", 4) + " shared"  # a loose paraphrase of PARA_B: Dice 0.2
PARA_B = words("epsilon", 4) + " shared"


def test_fill_gaps_links_a_loose_paraphrase_framed_by_anchors():
    ix, added = fill([[A0, PARA_A, A1], [A0, PARA_B, A1]], [((0, 0), (1, 0)), ((0, 2), (1, 2))])
    assert added == {link(ix, (0, 1), (1, 1)): pytest.approx(0.2)}


def test_fill_gaps_ignores_paraphrase_between_crossed_anchors():
    # the frame is out of order: A0 A1 against A1 A0, so the middle paragraphs are not framed
    ix, added = fill([[A0, PARA_A, A1], [A1, PARA_B, A0]], [((0, 0), (1, 2)), ((0, 2), (1, 0))])
    assert added == {}


def test_fill_gaps_needs_min_gap_score_and_equal_small_gaps():
    weak = words("zeta", 14) + " shared"  # one word of 15 and 5: Dice 0.1 < min_gap_score
    _, added = fill([[A0, weak, A1], [A0, PARA_B, A1]], [((0, 0), (1, 0)), ((0, 2), (1, 2))])
    assert added == {}
    # two paragraphs against three: no pairing
    _, added = fill([[A0, PARA_A, PARA_A + " x", A1], [A0, PARA_B, PARA_B + " y", PARA_B + " z", A1]],
                    [((0, 0), (1, 0)), ((0, 3), (1, 4))])
    assert added == {}


def test_fill_gaps_pairs_in_order_up_to_three():
    gap_a = [words(f"a{k}x", 4) + f" s{k}" for k in range(3)]
    gap_b = [words(f"b{k}x", 4) + f" s{k}" for k in range(3)]
    ix, added = fill([[A0] + gap_a + [A1], [A0] + gap_b + [A1]], [((0, 0), (1, 0)), ((0, 4), (1, 4))])
    assert set(added) == {link(ix, (0, k), (1, k)) for k in (1, 2, 3)}
    gap_a.append(words("a3x", 4) + " s3")
    gap_b.append(words("b3x", 4) + " s3")
    _, added = fill([[A0] + gap_a + [A1], [A0] + gap_b + [A1]], [((0, 0), (1, 0)), ((0, 5), (1, 5))])
    assert added == {}  # four in a row is not a gap the order vouches for


def test_fill_gaps_uses_the_longest_chain_of_anchors():
    # article 1: A1a, unrelated, A0, A1b, paraphrase, A2 -- A1 was split and its halves put around A0.
    # The in-order chain is A0, A1b, A2 (not A1a, A2), so the paraphrase is framed one to one.
    ix, added = fill([[A0, A1, PARA_A, A2], [A1, words("omega", 6), A0, A1, PARA_B, A2]],
                     [((0, 0), (1, 2)), ((0, 1), (1, 0)), ((0, 1), (1, 3)), ((0, 3), (1, 5))])
    assert added == {link(ix, (0, 2), (1, 4)): pytest.approx(0.2)}


# --- orphan attachment ---------------------------------------------------------------------------

MERGED = words("mu", 6) + " " + words("nu", 6)  # article 0's paragraph; article 1 split it in two


def test_fill_gaps_attaches_the_other_half_of_a_split():
    ix, added = fill([[A0, MERGED, A1], [A0, words("mu", 6), words("nu", 5) + " extra", A1]],
                     [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (1, 3))])
    # the orphan (1, 2): 5 of its 6 words inside (0, 1) -> max(Dice 10/18, 0.9 * 5/6)
    assert added == {link(ix, (0, 1), (1, 2)): pytest.approx(0.75)}


def test_attach_orphan_picks_the_frame_paragraph_that_contains_most():
    feats = features([[words("mu", 6), words("nu", 6)], [words("mu", 2) + " " + words("nu", 4)]])
    inter = _pair_scores(feats, OPTIONS, None)
    chosen: dict = {}
    _attach_orphan(feats, inter, chosen, OPTIONS, 2, [0, 1])
    assert chosen == {(1, 2): pytest.approx(max(_sim(feats, inter, 1, 2), 0.9 * 4 / 6))}


def test_attach_orphan_needs_containment():
    # only 1 of the orphan's 4 words is in the frame: below min_orphan_containment
    feats = features([[words("mu", 6)], [words("xi", 3) + " mu0"]])
    inter = _pair_scores(feats, OPTIONS, None)
    chosen: dict = {}
    _attach_orphan(feats, inter, chosen, OPTIONS, 1, [0])
    assert chosen == {}
    feats = features([[words("mu", 6)], [words("xi", 2) + " mu0 mu1"]])
    inter = _pair_scores(feats, OPTIONS, None)
    _attach_orphan(feats, inter, chosen, OPTIONS, 1, [0])
    assert chosen == {(0, 1): pytest.approx(0.45)}


# --- triangle closure ----------------------------------------------------------------------------

def close(articles, links):
    feats = features(articles)
    ix = index(feats)
    inter = _pair_scores(feats, OPTIONS, None)
    chosen = {link(ix, x, y): 1.0 for x, y in links}
    before = dict(chosen)
    _close_triangles(feats, inter, chosen, OPTIONS, None)
    assert {k: chosen[k] for k in before} == before
    return ix, {k: v for k, v in chosen.items() if k not in before}


HUB = words("rho", 6) + " " + words("sigma", 6)


def test_close_triangles_links_two_paragraphs_sharing_a_partner():
    p = words("rho", 6) + " " + words("tau", 4)
    q = words("sigma", 6) + " rho0 rho1 " + words("phi", 3)
    ix, added = close([[p], [q], [HUB]], [((0, 0), (2, 0)), ((1, 0), (2, 0))])
    assert added == {link(ix, (0, 0), (1, 0)): pytest.approx(4 / 21)}


def test_close_triangles_needs_two_shared_words():
    p = words("rho", 6) + " " + words("tau", 4)
    q = "rho0 phi0 phi1"  # Dice 2/13 would do, but one shared word is too little evidence
    _, added = close([[p], [q], [HUB]], [((0, 0), (2, 0)), ((1, 0), (2, 0))])
    assert added == {}
    ix, added = close([[p], [q + " rho1"], [HUB]], [((0, 0), (2, 0)), ((1, 0), (2, 0))])
    assert added == {link(ix, (0, 0), (1, 0)): pytest.approx(4 / 14)}


def test_close_triangles_skips_pairs_already_linked_across():
    p = words("rho", 6) + " " + words("tau", 4)
    q = words("sigma", 6) + " rho0 rho1 " + words("phi", 3)
    # p already has a partner in article 1 and q one in article 0: no third link between them
    _, added = close([[p, "other"], [q, "other"], [HUB]],
                     [((0, 0), (2, 0)), ((1, 0), (2, 0)), ((0, 0), (1, 1)), ((1, 0), (0, 1))])
    assert added == {}


def test_close_triangles_never_links_within_one_article():
    feats = features([[words("rho", 6), words("sigma", 6) + " rho0 rho1"], [HUB]])
    inter = _pair_scores(feats, OPTIONS, None)
    inter[(0, 1)] = 2.0  # even if two paragraphs of one article were scored as agreeing
    chosen = {(0, 2): 1.0, (1, 2): 1.0}
    _close_triangles(feats, inter, chosen, OPTIONS, None)
    assert chosen == {(0, 2): 1.0, (1, 2): 1.0}


# --- through align() -----------------------------------------------------------------------------

def test_align_fills_a_framed_paraphrase_end_to_end():
    feats = features([[A0, PARA_A, A1, A2], [A0, PARA_B, A1, A2]])
    got = {(l.a, l.b): l.score for l in align(feats)}
    assert got == {((0, 0), (1, 0)): 1.0, ((0, 1), (1, 1)): 0.2, ((0, 2), (1, 2)): 1.0, ((0, 3), (1, 3)): 1.0}


# --- property tests over random small folders: versions of one story -------------------------------

SYLLABLES = "ba ko ri tu me sa lo fi ne da".split()


@st.composite
def story_folder(draw):
    """2-4 versions of a story of 2-6 paragraphs: kept, dropped, swapped, reworded, split, merged."""
    n = draw(st.integers(2, 6))
    base = [[SYLLABLES[p] + SYLLABLES[k % 10] + SYLLABLES[(k * 3 + p) % 10] for k in range(draw(st.integers(3, 9)))]
            + ["common", "story"] for p in range(n)]
    versions = []
    for _ in range(draw(st.integers(2, 4))):
        paras = [list(ws) for ws in base]
        out = []
        for ws in paras:
            op = draw(st.sampled_from(["keep", "keep", "drop", "reword", "split", "merge"]))
            if op == "drop":
                continue
            if op == "reword":
                keep = draw(st.integers(1, len(ws)))
                ws = ws[:keep] + [f"new{draw(st.integers(0, 30))}" for _ in range(len(ws) - keep)]
            if op == "split" and len(ws) > 3:
                cut = len(ws) // 2
                out.extend([ws[:cut], ws[cut:]])
                continue
            if op == "merge" and out:
                out[-1] = out[-1] + ws
                continue
            out.append(ws)
        if len(out) > 1 and draw(st.booleans()):
            k = draw(st.integers(0, len(out) - 2))
            out[k], out[k + 1] = out[k + 1], out[k]
        out = out or [base[0]]
        versions.append("\n\n".join(" ".join(ws) + "." for ws in out))
    return versions


NO_CHECKS = CompareOptions(run_checks=False)
FOLDERS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FOLDERS
@given(story_folder())
def test_story_links_join_different_articles_once(texts):
    c = compare_texts(texts, options=NO_CHECKS)
    pairs = [(l.a, l.b) for l in c.links]
    assert pairs == sorted(set(pairs))  # sorted, no duplicates
    for l in c.links:
        assert l.a < l.b and l.a[0] != l.b[0] and 0.0 < l.score <= 1.0
    members = [m for g in c.groups for m in g.members]
    content = {(a, p.index) for a, art in enumerate(c.articles) for p in art.paragraphs if not p.boilerplate}
    assert len(members) == len(set(members)) and set(members) == content


@FOLDERS
@given(story_folder(), st.randoms(use_true_random=False))
def test_story_alignment_is_independent_of_file_order(texts, rnd):
    names = [f"{i:03d}.txt" for i in range(len(texts))]
    first = compare_texts(texts, names, NO_CHECKS)
    order = list(range(len(texts)))
    rnd.shuffle(order)
    shuffled = compare_texts([texts[i] for i in order], [names[i] for i in order], NO_CHECKS)

    def canon(c, remap):
        return {(tuple(sorted([(remap[l.a[0]], l.a[1]), (remap[l.b[0]], l.b[1])])), l.score) for l in c.links}

    assert canon(shuffled, dict(enumerate(order))) == canon(first, {i: i for i in range(len(texts))})


def story_features(texts):
    refs, toks = [], []
    for a, text in enumerate(texts):
        for p, para in enumerate(text.split("\n\n")):
            refs.append((a, p))
            toks.append(tokenize(para))
    return build_features(refs, toks)


@FOLDERS
@given(story_folder())
def test_story_later_stages_keep_selected_links_and_add_only_agreeing_ones(texts):
    """Gap filling, orphans and triangles keep every selected link and add only links that agree a little."""
    feats = story_features(texts)
    inter = _pair_scores(feats, OPTIONS, None)
    selected: dict = {}
    by_pair: dict = {}
    for (i, j), ov in inter.items():
        dice = 2 * ov / (feats[i].total + feats[j].total)
        ci, cj = ov / feats[i].total, ov / feats[j].total
        by_pair.setdefault((feats[i].ref[0], feats[j].ref[0]), []).append((i, j, dice, ci, cj))
    sizes = [len(f.weights) for f in feats]
    positions = [f.ref[1] for f in feats]  # as align breaks ties: the partner nearest in story position
    for cands in by_pair.values():
        select_links(cands, OPTIONS, selected, sizes, positions)
    full = {(l.a, l.b): l.score for l in align(feats)}
    for (i, j), score in selected.items():
        assert full[(feats[i].ref, feats[j].ref)] == round(min(1.0, score), 4)
    ix = index(feats)
    for a, b in full:
        assert _sim(feats, inter, ix[a], ix[b]) >= OPTIONS.min_gap_score


@FOLDERS
@given(story_folder(), st.randoms(use_true_random=False))
def test_story_align_with_article_keys_ignores_article_order(texts, rnd):
    keys = {a: hashlib.sha1(t.encode()).hexdigest() for a, t in enumerate(texts)}
    first = {(l.a, l.b, l.score) for l in align(story_features(texts), article_keys=keys)}
    order = list(range(len(texts)))
    rnd.shuffle(order)
    shuffled = align(story_features([texts[i] for i in order]), article_keys={n: keys[o] for n, o in enumerate(order)})
    back = {(tuple(sorted([(order[l.a[0]], l.a[1]), (order[l.b[0]], l.b[1])])), l.score) for l in shuffled}
    assert back == {((a, b), s) for a, b, s in first}
