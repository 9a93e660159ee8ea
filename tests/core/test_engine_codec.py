"""WordCodec never runs out of codes: a wider code range, then codes per diff (core.dmp_codec, core.spans)."""

from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk.core.spans as spans
from copydesk.core import dmp_codec
from copydesk.core.comparison import CompareOptions, compare_folder
from copydesk.core.dmp_codec import CAPACITY, CodecFull, WordCodec, encode_pair, equal_map, word_diff
from copydesk.core.spans import link_carriers
from copydesk.core.tokens import Token

OLD_LIMIT = 137_468  # distinct words the codec held before chr() went out of range


def _tokens(words: list[str]) -> list[Token]:
    out, pos = [], 0
    for w in words:
        out.append(Token(pos, pos + len(w), w))
        pos += len(w) + 1
    return out


def test_codes_are_single_code_points_past_the_old_limit():
    codec = WordCodec()
    words = [f"w{i}" for i in range(OLD_LIMIT + 20_000)]
    enc = codec.encode(words)
    assert len(enc) == len(words) and len(set(enc)) == len(words)  # one code point per word, all distinct
    assert enc[0] == "\ue000" and enc[6400] == "\U000f0000"  # the first codes are as they always were
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in enc)
    assert codec.encode(["w0", f"w{OLD_LIMIT + 5}"]) == enc[0] + enc[OLD_LIMIT + 5]  # equal words, equal codes
    assert CAPACITY > 790_000


def test_codec_full_is_raised_not_chr_value_error():
    codec = WordCodec(capacity=3)
    assert codec.encode(["a", "b", "a", "c"]) == "\ue000\ue001\ue000\ue002"
    try:
        codec.encode(["d"])
    except CodecFull:
        pass
    else:
        raise AssertionError("a full codec must say so")


def test_link_of_two_huge_paragraphs_with_many_distinct_words():
    # Before: one folder-wide codec and chr() out of range past 137,468 distinct words (ValueError).
    a = [f"word{i}" for i in range(OLD_LIMIT + 10_000)]
    b = a[:70_000] + ["inserted", "words"] + a[70_000:100_000] + a[100_010:]
    masks = link_carriers({(0, 0): _tokens(a), (1, 0): _tokens(b)}, [((0, 0), (1, 0))])
    assert masks[(0, 0)][:100_000] == [0b10] * 100_000 and masks[(0, 0)][100_000:100_010] == [0] * 10
    assert masks[(1, 0)][70_000:70_002] == [0, 0] and masks[(1, 0)].count(0b01) == len(b) - 2


def test_pair_codes_never_run_out():
    # Words on one side only share one code per side: a pair needs codes only for its shared words.
    a = [f"a{i}" for i in range(CAPACITY)] + ["x", "y"]
    b = ["y", "z"] + [f"b{i}" for i in range(CAPACITY)]
    ea, eb = encode_pair(a, b)
    assert len(ea) == len(a) and len(eb) == len(b)
    assert len(set(ea)) == 2 and len(set(eb)) == 2 and set(ea) & set(eb) == {ea[-1]}  # only 'y' shared
    # past capacity (2 codes for the sides, 2 for shared words) further shared words count as one-sided:
    # shown as changed, never wrongly equal
    sa, sb = encode_pair(["p", "q", "r", "s"], ["s", "r", "q", "p"], capacity=4)
    assert sa[0] == sb[3] and sa[1] == sb[2] and len(set(sa + sb)) == 4
    assert sa[2] == sa[3] != sb[0] == sb[1] and not {sa[2], sb[0]} & {sa[0], sa[1]}


WORDS = "troops Ukraine Macron Paris leaders war support aid summit Russia Kyiv the a of in to".split()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["only_a1", "only_a2"]), max_size=120),
       st.lists(st.sampled_from(WORDS + ["only_b1", "only_b2"]), max_size=120), st.booleans(), st.booleans())
def test_pair_codes_give_the_same_diff_as_one_code_per_word(a, b, semantic, use_fast):
    codec = WordCodec()
    expected = word_diff(codec.encode(a), codec.encode(b), use_fast=use_fast, semantic=semantic)
    assert word_diff(*encode_pair(a, b), use_fast=use_fast, semantic=semantic) == expected


def test_full_folder_codec_falls_back_to_codes_per_link(seeds_dir, seeds_comparison, monkeypatch):
    monkeypatch.setattr(spans, "WordCodec", lambda: WordCodec(capacity=50))  # the seeds have ~900 words
    c = compare_folder(seeds_dir, CompareOptions(run_checks=False))
    assert c.spans == seeds_comparison.spans and c.stats == seeds_comparison.stats


def test_equal_map_on_pair_codes():
    a, b = ["x", "the", "war", "ends"], ["the", "war", "y", "ends"]
    assert equal_map(*encode_pair(a, b)) == [-1, 0, 1, 3]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 11), max_size=150), st.lists(st.integers(0, 11), max_size=150), st.booleans(),
       st.sampled_from([6400, 137_472, 600_000]))
def test_codes_past_the_private_use_areas_diff_alike(a, b, semantic, base):
    # planes 4-13 are as neutral to the semantic clean-up as the private-use areas, in both ports
    def enc(xs, offset):
        return "".join(dmp_codec._code(offset + x) for x in xs)

    expected = word_diff(enc(a, 0), enc(b, 0), use_fast=False, semantic=semantic)
    for fast in (True, False):
        assert word_diff(enc(a, base), enc(b, base), use_fast=fast, semantic=semantic) == expected
