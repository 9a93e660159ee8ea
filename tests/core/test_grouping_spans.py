"""Rows from links, and word spans from link diffs (unit level)."""

from copydesk.core.grouping import build_groups
from copydesk.core.model import Link, Span, mask_indices, mask_of
from copydesk.core.spans import article_stats, link_carriers, spans_for_paragraph
from copydesk.core.tokens import tokenize


def test_groups_follow_the_first_article_and_slot_new_rows_after_their_neighbour():
    # article 0: p0 p1 p2 ; article 1: q0 (=p0) q1 (unique) q2 (=p2)
    links = [Link((0, 0), (1, 0), 0.9), Link((0, 2), (1, 2), 0.8)]
    groups = build_groups([[0, 1, 2], [0, 1, 2]], links)
    assert [g.members for g in groups] == [((0, 0), (1, 0)), ((0, 1),), ((1, 1),), ((0, 2), (1, 2))]


def test_a_merge_joins_one_row():
    links = [Link((0, 0), (1, 0), 0.7), Link((0, 1), (1, 0), 0.6)]
    groups = build_groups([[0, 1], [0]], links)
    assert [g.members for g in groups] == [((0, 0), (0, 1), (1, 0))]


def test_spans_cover_the_text_and_follow_carriers():
    text = "  Macron said troops, not tanks."
    toks = tokenize(text)
    masks = [0b110, 0b110, 0b010, 0, 0]  # Macron said: articles 1,2; troops: 1; not tanks: none
    spans = spans_for_paragraph(len(text), toks, masks)
    assert spans == (Span(0, 14, 0b110), Span(14, 22, 0b010), Span(22, len(text), 0))
    assert [s.shared_with for s in spans] == [(1, 2), (1,), ()]
    assert spans_for_paragraph(0, [], []) == ()
    assert spans_for_paragraph(3, [], []) == (Span(0, 3, 0),)


def test_masks_decode_to_sorted_indices_and_back():
    assert mask_indices(0) == () and mask_of(()) == 0
    assert mask_indices(0b1011) == (0, 1, 3)
    big = mask_of(range(0, 2000, 3))
    assert mask_indices(big) == tuple(range(0, 2000, 3)) and mask_of(mask_indices(big)) == big


def test_link_carriers_credit_both_sides_and_never_the_own_article():
    a = tokenize("Macron said Western troops are not ruled out")
    b = tokenize("Macron said that Western troops are not excluded")
    carried = link_carriers({(0, 0): a, (1, 0): b}, [((0, 0), (1, 0))])
    assert [bool(m) for m in carried[(0, 0)]] == [True, True, True, True, True, True, False, False]
    assert all(m in (0, 1) for m in carried[(1, 0)]) and all(m in (0, 2) for m in carried[(0, 0)])


def test_pivot_carriers_pass_through_the_pivot():
    pivot = tokenize("alpha beta gamma delta")
    one = tokenize("alpha beta gamma")
    two = tokenize("beta gamma delta")
    carried = link_carriers({(0, 0): pivot, (1, 0): one, (2, 0): two},
                            [((0, 0), (1, 0)), ((0, 0), (2, 0))], pivots=frozenset({(0, 0)}))
    # 'beta' of article 1 is kept by the pivot (article 0) and, through it, by article 2
    assert mask_indices(carried[(1, 0)][1]) == (0, 2)
    assert mask_indices(carried[(2, 0)][0]) == (0, 1)


def test_article_stats():
    st = article_stats([[0b110, 0b010, 0]], n_articles=3)
    assert (st.words, st.shared_all, st.shared_some, st.unique) == (3, 0.3333, 0.3333, 0.3333)
    assert article_stats([], 3).words == 0


def test_pane_selection_keeps_small_folders_whole_and_picks_a_few_of_large_ones(seeds_comparison):
    import dataclasses

    from copydesk.core.layout import DEFAULT_PANES, PANE_LIMIT, pane_selection
    from copydesk.core.model import ArticleStats

    c = seeds_comparison
    assert pane_selection(c, 3) == tuple(range(len(c.articles)))
    n = PANE_LIMIT + 8
    articles = tuple(dataclasses.replace(c.articles[i % 5], index=i, path=f"{i:03}.txt") for i in range(n))
    stats = tuple(ArticleStats(100, 0.5, 0.5 - i / 100, i / 100) for i in range(n))  # later = more divergent
    big = dataclasses.replace(c, articles=articles, stats=stats, spans=c.spans * 4, source_ranking=())
    picked = pane_selection(big, reference=2)
    assert len(picked) == DEFAULT_PANES and 2 in picked and picked == tuple(sorted(picked))
    assert set(picked) - {2} == set(range(n - DEFAULT_PANES + 1, n))  # the most divergent ones
