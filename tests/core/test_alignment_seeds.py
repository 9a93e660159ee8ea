"""The comparison of the five seed articles behaves as a desk editor expects."""

from copydesk.core.comparison import CompareOptions, compare_folder


def ref_of(c, article, needle):
    for p in c.articles[article].paragraphs:
        if needle in p.text:
            return (article, p.index)
    raise AssertionError(f"{needle!r} not in article {article}")


def test_no_consensus_quote_is_linked_across_all_five(seeds_comparison):
    c = seeds_comparison
    refs = [ref_of(c, a, "consensus") for a in range(5)]
    for ref in refs:
        linked = {other for other, _ in c.links_of(ref)}
        assert linked == set(refs) - {ref}
    assert len({c.group_of(r) for r in refs}) == 1
    # its wording differs in three of them, so some words are not shared by all
    texts = [c.paragraph(r).text for r in refs]
    assert len(set(texts)) >= 3


def test_duda_paragraph_is_unique(seeds_comparison):
    c = seeds_comparison
    ref = ref_of(c, 1, "Duda said the most heated discussion")
    assert c.links_of(ref) == []
    assert all(span.shared_with == () for span in c.spans[1][ref[1]])


def test_ads_and_plugs_are_boilerplate(seeds_comparison):
    c = seeds_comparison
    assert c.paragraph(ref_of(c, 1, "Advertisement")).boilerplate
    assert c.paragraph(ref_of(c, 0, "podcast")).boilerplate
    assert c.paragraph(ref_of(c, 2, "contributed to this report")).boilerplate
    assert not c.paragraph(ref_of(c, 0, "consensus")).boilerplate
    boiler = {(a, p.index) for a, art in enumerate(c.articles) for p in art.paragraphs if p.boilerplate}
    assert all(link.a not in boiler and link.b not in boiler for link in c.links)


def test_merged_paragraph_links_to_both_sources(seeds_comparison):
    c = seeds_comparison
    merged = ref_of(c, 4, "We will do everything needed")
    quote = ref_of(c, 1, "we will do everything needed")
    attendees = ref_of(c, 1, "The meeting included German Chancellor")
    linked = {other for other, _ in c.links_of(merged)}
    assert {quote, attendees} <= linked


def test_links_are_valid(seeds_comparison):
    c = seeds_comparison
    for link in c.links:
        assert link.a[0] != link.b[0] and link.a < link.b and 0 <= link.score <= 1


def test_stats_sum_to_one(seeds_comparison):
    for st in seeds_comparison.stats:
        assert st.words > 0
        assert abs(st.shared_all + st.shared_some + st.reworded + st.unique - 1) < 1e-3


def test_pivot_mode_agrees_on_the_seeds(seeds_dir, seeds_comparison):
    """Forcing the large-folder path keeps the same groups of the no-consensus quote and Duda."""
    from copydesk.core.align import AlignOptions

    c = compare_folder(seeds_dir, CompareOptions(align=AlignOptions(pairwise_limit=1), run_checks=False))
    refs = [ref_of(c, a, "consensus") for a in range(5)]
    assert len({c.group_of(r) for r in refs}) == 1
    assert c.group_of(ref_of(c, 1, "Duda said the most")) is not None
    duda_group = c.groups[c.group_of(ref_of(c, 1, "Duda said the most"))]
    assert len(duda_group.members) == 1
    # spans through a pivot credit the articles of the whole group, not only the pivot's
    assert any({1, 2, 4} <= set(s.shared_with) for s in c.spans[0][refs[0][1]])
    assert any({0, 1, 4} <= set(s.shared_with) for s in c.spans[3][refs[3][1]])


def test_excluding_an_article(seeds_dir):
    c = compare_folder(seeds_dir, CompareOptions(excluded=frozenset({"003_5689236aba401c3a.txt"}), run_checks=False))
    assert [a.path[:3] for a in c.articles] == ["000", "001", "002", "004"]
