"""Invariants of the engine, checked on generated input with hypothesis."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.core.comparison import CompareOptions, compare_texts
from copydesk.core.corpus import read_source
from copydesk.core.dmp_codec import WordCodec, word_diff

WORDS = ("troops Ukraine Macron Paris leaders war support aid summit Russia Kyiv Europe said Monday "
         "security agreement missiles ammunition ground consensus nothing ruled out the a of in to").split()
NO_CHECKS = CompareOptions(run_checks=False)

paragraph = st.one_of(
    st.lists(st.sampled_from(WORDS + ["é", "🇺🇦", "“quoted”", "10,000", "U.S."]), min_size=1, max_size=30).map(" ".join),
    st.sampled_from(["***", "…", "— —", "!!!"]))  # paragraphs without a single word
article = st.lists(paragraph, min_size=1, max_size=6).map(lambda ps: "\n\n".join(ps) + ".")
folder = st.lists(article, min_size=2, max_size=4)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(folder)
def test_spans_partition_every_paragraph(texts):
    c = compare_texts(texts, options=NO_CHECKS)
    for a, art in enumerate(c.articles):
        for p, para in enumerate(art.paragraphs):
            spans = c.spans[a][p]
            assert spans[0].start == 0 and spans[-1].end == len(para.text)
            for left, right in zip(spans, spans[1:]):
                assert left.end == right.start and left.start < left.end
            for span in spans:
                assert a not in span.shared_with and a not in span.reworded_in
                assert list(span.shared_with) == sorted(set(span.shared_with))
                assert span.carriers & span.reworded == 0  # kept or reworded by an article, never both


@SETTINGS
@given(folder)
def test_links_are_cross_article_scored_and_unique(texts):
    c = compare_texts(texts, options=NO_CHECKS)
    seen = set()
    for link in c.links:
        assert link.a < link.b and link.a[0] != link.b[0]
        assert 0.0 <= link.score <= 1.0
        assert (link.a, link.b) not in seen
        seen.add((link.a, link.b))
        assert (link.a, link.score) in c.links_of(link.b) and (link.b, link.score) in c.links_of(link.a)
    members = [m for g in c.groups for m in g.members]
    assert len(members) == len(set(members))  # no paragraph in two rows
    story = {(a, p.index) for a, art in enumerate(c.articles) for p in art.paragraphs if not p.boilerplate}
    assert set(members) == story  # every story paragraph in a row, no boilerplate in any


@SETTINGS
@given(folder, st.randoms(use_true_random=False))
def test_output_is_deterministic_and_independent_of_file_order(texts, rnd):
    names = [f"{i:03d}.txt" for i in range(len(texts))]
    first = compare_texts(texts, names, NO_CHECKS)
    again = compare_texts(texts, names, NO_CHECKS)
    assert first.links == again.links and first.spans == again.spans and first.groups == again.groups
    order = list(range(len(texts)))
    rnd.shuffle(order)
    shuffled = compare_texts([texts[i] for i in order], [names[i] for i in order], NO_CHECKS)
    back = {new: old for new, old in enumerate(order)}  # shuffled index -> original index

    def canon(c, remap):
        return {(tuple(sorted([(remap[l.a[0]], l.a[1]), (remap[l.b[0]], l.b[1])])), l.score) for l in c.links}

    assert canon(shuffled, back) == canon(first, {i: i for i in range(len(texts))})


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.html", "x.md"]))
def test_loading_never_raises_on_arbitrary_bytes(tmp_path_factory, data, name):
    folder = tmp_path_factory.mktemp("bytes")
    with open(os.path.join(folder, name), "wb") as fh:
        fh.write(data)
    got = read_source(str(folder), name)
    assert hasattr(got, "reason") or isinstance(got.text, str) and got.text.strip()


@settings(max_examples=60, deadline=None)
# Up to 150 words: past 100 characters the C++ port's default checklines=True takes its line-mode path.
@given(st.lists(st.sampled_from(WORDS), max_size=150), st.lists(st.sampled_from(WORDS), max_size=150), st.booleans())
def test_fast_and_pure_diff_match_patch_agree(a, b, semantic):
    codec = WordCodec()
    x, y = codec.encode(a), codec.encode(b)
    assert word_diff(x, y, use_fast=True, semantic=semantic) == word_diff(x, y, use_fast=False, semantic=semantic)


def test_codec_gives_equal_words_equal_codes():
    codec = WordCodec()
    words = [f"w{i}" for i in range(7000)]  # beyond the BMP private-use area
    enc = codec.encode(words)
    assert len(set(enc)) == 7000 and codec.encode(["w6999"]) == enc[-1]


def test_two_identical_versions_pair_paragraph_by_paragraph_whichever_file_comes_first():
    # found by hypothesis: equal scores broken by index linked the title to both "troops" paragraphs in
    # one file order only; ties now go to the partner nearest in story position, seen alike from both sides
    text = "troops\n\n***\n\ntroops."
    for names in (["000.txt", "001.txt"], ["001.txt", "000.txt"]):
        links = compare_texts([text, text], names, NO_CHECKS).links
        assert {(l.a, l.b) for l in links} == {((0, 0), (1, 0)), ((0, 2), (1, 2))}
