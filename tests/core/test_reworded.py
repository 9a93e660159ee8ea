"""Three states per word: kept by other versions, reworded (same content, other words), or only here (issue 9)."""

import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.core import highlight
from copydesk.core.align import AlignOptions
from copydesk.core.comparison import CompareOptions, compare_loaded, compare_texts
from copydesk.core.corpus import LoadResult, SourceText
from copydesk.core.counterparts import counterparts
from copydesk.core.export_json import comparison_to_dict
from copydesk.core.model import ArticleStats, Span
from copydesk.core.sentences import align_sentences, sentence_bounds, sentence_words
from copydesk.core.spans import article_stats
from copydesk.core.tokens import tokenize

NO_CHECKS = CompareOptions(run_checks=False)

LEAD = ("French President Emmanuel Macron said on Monday that sending Western troops to Ukraine could not be "
        "ruled out after a meeting of European leaders in Paris.")
LEAD_REWORDED = ("Emmanuel Macron, the French president, declined on Monday to exclude a deployment of European "
                 "soldiers to Ukraine following talks among the continent's leaders in Paris.")
QUOTE = ("“There is no consensus today to send troops on the ground,” Macron told reporters at the Elysee palace. "
         "“Nothing can be ruled out.”")
AID = "Several countries agreed to buy ammunition for Ukraine outside the European Union, officials said."


def ref_of(c, article, needle):
    for p in c.articles[article].paragraphs:
        if needle in p.text:
            return (article, p.index)
    raise AssertionError(f"{needle!r} not in article {article}")


def kinds_of(c, ref, needle):
    """The highlight kinds of the words of needle inside the paragraph at ref."""
    text = c.paragraph(ref).text
    start = text.index(needle)
    end = start + len(needle)
    return {r.kind for r in highlight.paragraph_runs(c, ref) if r.start < end and r.end > start and r.text.strip()}


def spans_at(c, ref, needle):
    text = c.paragraph(ref).text
    start = text.index(needle)
    end = start + len(needle)
    return [s for s in c.spans[ref[0]][ref[1]] if s.start < end and s.end > start]


# --- the seeds --------------------------------------------------------------------------------------------


def test_the_rewrite_in_003_reads_as_reworded_not_unique(seeds_comparison):
    st_ = seeds_comparison.stats[3]
    assert st_.unique < 0.80 and st_.reworded >= 0.10
    assert abs(st_.shared_all + st_.shared_some + st_.reworded + st_.unique - 1) < 1e-3


def test_no_consensus_quote_of_003_is_reworded_in_at_least_three_articles(seeds_comparison):
    c = seeds_comparison
    ref = ref_of(c, 3, "consensus")
    reworded = set()
    for span in c.spans[3][ref[1]]:
        reworded |= set(span.reworded_in)
    assert len(reworded) >= 3 and 3 not in reworded
    assert highlight.REWORDED in {r.kind for r in highlight.paragraph_runs(c, ref)}


def test_merged_paragraph_of_004_links_each_half_to_its_source(seeds_comparison):
    c = seeds_comparison
    merged = ref_of(c, 4, "We will do everything needed")
    quote = ref_of(c, 1, "we will do everything needed")
    attendees = ref_of(c, 1, "The meeting included German Chancellor")
    links = {(l.a, l.p, l.i, l.b, l.q, l.j) for l in c.sentence_links}
    bounds = sentence_bounds(c.paragraph(merged).text)
    assert len(bounds) == 2  # the quote, then the list of attendees
    quote_sentence = next(i for i, (s, e) in enumerate(sentence_bounds(c.paragraph(quote).text))
                          if "everything needed" in c.paragraph(quote).text[s:e])
    assert (1, quote[1], quote_sentence, 4, merged[1], 0) in links
    assert (1, attendees[1], 0, 4, merged[1], 1) in links
    # both halves share words with their own source paragraph in 001
    assert any(1 in s.shared_with for s in spans_at(c, merged, "We will do everything needed"))
    assert any(1 in s.shared_with for s in spans_at(c, merged, "German Chancellor Olaf Scholz"))
    # 001's second sentence about the U.S. and the U.K. is not in 004: not credited to it at all
    for span in spans_at(c, attendees, "represented by its top diplomat"):
        assert 4 not in span.shared_with and 4 not in span.reworded_in


def test_every_behaviour_of_the_seed_tests_still_holds_with_the_new_stats(seeds_comparison):
    for st_ in seeds_comparison.stats:
        assert st_.words > 0
        assert min(st_.shared_all, st_.shared_some, st_.reworded, st_.unique) >= 0


# --- built by hand ----------------------------------------------------------------------------------------


def test_a_sentence_added_inside_a_shared_paragraph_is_unique_even_its_common_words():
    # where 000 says something new, 001 and 002 say something else: the paragraphs stay linked by the
    # sentences around it, and a diff of whole paragraphs would credit 'said that the' in between
    added = "The Kremlin said that the remarks were a dangerous escalation of the war."
    other = "The leaders said that the meeting was a success for all of Europe."
    texts = [f"{LEAD} {added} {QUOTE}", f"{LEAD} {other} {QUOTE}", f"{LEAD} {other} {QUOTE}"]
    c = compare_texts(texts, options=NO_CHECKS)
    ref = ref_of(c, 0, added)
    assert c.links_of(ref)  # the paragraph itself is linked
    assert kinds_of(c, ref, added) == {highlight.UNIQUE}
    for span in spans_at(c, ref, added):
        assert span.carriers == 0 and span.reworded == 0  # 'said that the': credited to no one
    assert kinds_of(c, ref, LEAD) == {highlight.ALL}
    assert kinds_of(c, ref_of(c, 1, other), other) == {highlight.SOME}  # 001 and 002 share theirs


def test_a_clause_added_inside_a_shared_sentence_is_unique():
    clause = ", a move that angered officials in Moscow and Budapest,"
    with_clause = LEAD.replace(" after a meeting", clause + " after a meeting")
    c = compare_texts([with_clause, LEAD, LEAD], options=NO_CHECKS)
    ref = (0, 0)
    assert kinds_of(c, ref, "a move that angered officials in Moscow and Budapest") == {highlight.UNIQUE}
    assert kinds_of(c, ref, "sending Western troops to Ukraine") == {highlight.ALL}


def test_a_reworded_sentence_is_reworded_with_its_counterpart():
    c = compare_texts([f"{LEAD}\n\n{QUOTE}\n\n{AID}", f"{LEAD_REWORDED}\n\n{QUOTE}\n\n{AID}"], options=NO_CHECKS)
    ref = ref_of(c, 1, "deployment")
    assert c.links_of(ref)
    assert highlight.REWORDED in kinds_of(c, ref, "declined on Monday to exclude a deployment")
    run = next(r for r in highlight.paragraph_runs(c, ref) if r.kind == highlight.REWORDED)
    assert run.reworded == (0,) and run.carriers == ()
    found = counterparts(c, ref, run.start, run.end)
    assert [cp.article for cp in found] == [0] and found[0].text == LEAD
    assert found[0].fragment and found[0].fragment in LEAD
    assert c.stats[1].reworded > 0.3 and c.stats[1].unique < 0.1


def test_masks_never_hold_the_own_article_and_reworded_never_overlaps_kept(seeds_comparison):
    c = seeds_comparison
    for a, per_para in enumerate(c.spans):
        for spans in per_para:
            for span in spans:
                assert not span.carriers >> a & 1 and not span.reworded >> a & 1
                assert span.carriers & span.reworded == 0


def test_json_spans_say_reworded_in_and_stats_have_four_shares(seeds_comparison):
    data = comparison_to_dict(seeds_comparison)
    art = data["articles"][3]
    assert set(art["stats"]) == {"words", "shared_all", "shared_some", "reworded", "unique"}
    spans = [s for p in art["paragraphs"] for s in p["spans"]]
    assert all(set(s) == {"start", "end", "shared_with", "reworded_in"} for s in spans)
    assert any(s["reworded_in"] for s in spans)


# --- the classification --------------------------------------------------------------------------------------


def test_reworded_is_its_own_kind_in_the_legend_and_a_change_to_review():
    assert highlight.kind_for(0, 4, 2) == highlight.REWORDED
    assert highlight.kind_for(0, 4, 0) == highlight.UNIQUE
    assert highlight.kind_for(1, 4, 3) == highlight.SOME  # some keep the very words: shared by some
    assert highlight.kind_for(4, 4, 0) == highlight.ALL
    assert highlight.REWORDED in highlight.LEGEND_BY_KIND and highlight.REWORDED in highlight.CHANGED
    kinds = [info.kind for info in highlight.LEGEND]
    assert kinds.index(highlight.SOME) < kinds.index(highlight.REWORDED) < kinds.index(highlight.UNIQUE)


def test_runs_count_only_included_articles_as_rewording(seeds_comparison):
    c = seeds_comparison
    ref = ref_of(c, 3, "consensus")
    for run in highlight.paragraph_runs(c, ref, included={0, 3}):
        assert set(run.reworded) <= {0} and set(run.carriers) <= {0}
    # with 003 alone against 002, what only 002 rewords is reworded, what no one carries stays unique
    kinds = {r.kind for r in highlight.paragraph_runs(c, ref, included={2, 3})}
    assert highlight.REWORDED in kinds


def test_stats_count_reworded_words_by_bit_count_only():
    st_ = article_stats([[0b110, 0, 0, 0b010]], 3, [[0, 0b100, 0, 0b100]])
    assert st_ == ArticleStats(4, 0.25, 0.25, 0.25, 0.25)
    assert Span(0, 3, 0b10, 0b1000).reworded_in == (3,)


# --- the sentence aligner ----------------------------------------------------------------------------------


def test_sentences_split_at_ends_not_at_abbreviations_initials_or_quotes():
    text = ('French President Emmanuel Macron said on Feb. 26 that U.S. troops are not needed. Mr. Scholz agreed. '
            '"Why?" he asked. "Nothing should be excluded. We will do everything," he said ... to reporters.')
    got = [text[s:e] for s, e in sentence_bounds(text)]
    assert got == ["French President Emmanuel Macron said on Feb. 26 that U.S. troops are not needed.",
                   "Mr. Scholz agreed.", '"Why?" he asked.', '"Nothing should be excluded.',
                   'We will do everything," he said ... to reporters.']
    assert sentence_bounds("A headline without an end") == ((0, 25),)
    assert sentence_bounds("   ") == ()


def test_a_split_sentence_aligns_one_to_two():
    one = "Macron declined to say which nations were considering sending troops, saying he prefers strategic ambiguity."
    two = ("Macron declined to say which nations were considering sending troops. "
           "He prefers strategic ambiguity, he said.")

    def words(text):
        toks = tokenize(text)
        return [sentence_words([t for t in toks if s <= t.start < e], {}, 1.0) for s, e in sentence_bounds(text)]

    assert align_sentences(words(one), words(two), {}, 1.0) == [(0, 0), (0, 1)]


# --- determinism ----------------------------------------------------------------------------------------

SENTENCES = [LEAD, LEAD_REWORDED, QUOTE, AID, "The Kremlin said the remarks were dangerous.",
             "Zelensky thanked the leaders for their support."]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join), min_size=2, max_size=4),
       st.randoms(use_true_random=False))
def test_reworded_masks_are_deterministic_and_follow_the_articles_not_the_file_order(texts, rnd):
    names = [f"{i:03d}.txt" for i in range(len(texts))]
    first = compare_texts(texts, names, NO_CHECKS)
    assert compare_texts(texts, names, NO_CHECKS).spans == first.spans
    order = list(range(len(texts)))
    rnd.shuffle(order)
    shuffled = compare_texts([texts[i] for i in order], [names[i] for i in order], NO_CHECKS)
    back = {new: old for new, old in enumerate(order)}

    def remap(mask, table):
        return sum(1 << table[i] for i in range(len(texts)) if mask >> i & 1)

    for new, old in back.items():
        got = [[(s.start, s.end, remap(s.carriers, back), remap(s.reworded, back)) for s in p]
               for p in shuffled.spans[new]]
        want = [[(s.start, s.end, s.carriers, s.reworded) for s in p] for p in first.spans[old]]
        if len(set(texts)) == len(texts):  # identical files may swap which copy a tie links
            assert got == want
        for p, spans in enumerate(shuffled.spans[new]):
            assert spans[0].start == 0 and spans[-1].end == len(shuffled.articles[new].paragraphs[p].text)


# --- large folders ------------------------------------------------------------------------------------------


def _versions(seeds_dir: str, n: int) -> LoadResult:
    """n versions of the seeds, each with about one word in twelve replaced: a folder past the pivot limit."""
    texts = [open(os.path.join(seeds_dir, name), encoding="utf-8").read() for name in sorted(os.listdir(seeds_dir))]
    vocabulary = " ".join(texts).split()
    rng = random.Random(7)
    sources = []
    for i in range(n):
        text = texts[i % len(texts)]
        paragraphs = text.split("\n\n") if "\n\n" in text else text.split("\n")
        out = []
        for para in paragraphs:
            words = para.split(" ")
            for _ in range(max(1, len(words) // 12)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            out.append(" ".join(words))
        sources.append(SourceText(f"v{i:03d}.txt", "\n\n".join(out), "utf-8"))
    return LoadResult("<synthetic>", tuple(sources), ())


def test_crediting_through_pivots_keeps_the_shares_of_all_pairs(seeds_dir):
    for n in (20, 30):
        loaded = _versions(seeds_dir, n)
        star = compare_loaded(loaded, CompareOptions(run_checks=False, align=AlignOptions(pairwise_limit=16)))
        full = compare_loaded(loaded, CompareOptions(run_checks=False, align=AlignOptions(pairwise_limit=1000)))
        for key in ("shared_all", "shared_some", "reworded", "unique"):
            gaps = [abs(getattr(star.stats[a], key) - getattr(full.stats[a], key)) for a in range(n)]
            # before sentence clusters: 'unique' up to 44 points above all-pairs, 15 on average
            assert sum(gaps) / n <= 0.02, (n, key, gaps)
            assert max(gaps) <= 0.05, (n, key, gaps)


def test_the_compare_path_splits_sentences_without_spacy(seeds_dir):
    import subprocess
    import sys

    code = ("import sys; from copydesk.core.comparison import CompareOptions, compare_folder; "
            f"c = compare_folder({seeds_dir!r}, CompareOptions(run_checks=False)); "
            "assert c.sentence_links; print('spacy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "False"
