"""The checks and the JSON at scale: the same results as the direct ways, without all pairs or per-bit Python loops."""

from __future__ import annotations

import json
import random

import pytest

from copydesk.core import jsontext
from copydesk.core.comparison import CompareOptions, compare_texts
from copydesk.core.export_json import comparison_to_dict, comparison_to_json
from copydesk.core.findings import quote_checks, run_checks
from copydesk.core.findings.quotes import Quote
from copydesk.core.findings.source import CHUNK, carried_per_article
from copydesk.core.findings.text import words
from copydesk.core.json_masks import MaskText, index_lists
from copydesk.core.model import mask_indices

LEAD = ("French President Emmanuel Macron met European leaders in Paris on Monday to discuss military support "
        "for Ukraine and the supply of ammunition to the front line.")
QUOTE = ("There is no consensus today to send troops on the ground, but nothing can be ruled out in terms of "
         "dynamics")
OTHER = "Europe's future cannot depend on the American election and our factories must double ammunition output"


def _quote(article: int, text: str, paragraph: int = 1) -> Quote:
    from copydesk.core.findings.quotes import Piece

    return Quote(article, (Piece(paragraph, 0, len(text)),), text, tuple(words(text)), "macron", "Macron", True)


def test_representatives_keep_a_quote_in_hundreds_of_wordings_one_cluster():
    # 400 versions of one quote, each with one word of its own, and a second quote: two clusters, and each
    # new wording is compared with at most REPRESENTATIVES wordings of a cluster, not with every other one.
    rng = random.Random(3)
    base = QUOTE.split()
    quotes = []
    for a in range(400):
        ws = list(base)
        ws[rng.randrange(len(ws))] = f"word{a}"
        quotes.append(_quote(a, " ".join(ws)))
        if a % 4 == 0:
            quotes.append(_quote(a, OTHER, paragraph=2))
    wordings = quote_checks._wordings(quotes)
    c = compare_texts([LEAD, LEAD.replace("Monday", "Tuesday")], options=CompareOptions(run_checks=False))
    compared = []
    original = quote_checks._RepIndex.candidates

    def counted(self, content):
        found = original(self, content)
        compared.append(len(found))
        return found

    quote_checks._RepIndex.candidates = counted
    try:
        clusters, merged = quote_checks._cluster(c, wordings)
    finally:
        quote_checks._RepIndex.candidates = original
    assert len(clusters) == 2 and merged == set()
    assert sorted(len(m) for m in clusters) == [1, 400]  # OTHER reads the same every time: one wording
    assert max(compared) <= quote_checks.REPRESENTATIVES + 1  # never all of the 400


def test_rep_index_counts_shared_words_exactly():
    index = quote_checks._RepIndex()
    sets = [frozenset("a b c d".split()), frozenset("a b x y".split()), frozenset("c d e f".split()),
            frozenset("a b c".split())]
    for i, s in enumerate(sets):
        index.add(i, s)
    probe = frozenset("a b c d e".split())
    expected = [i for i, s in enumerate(sets) if len(s & probe) >= quote_checks.MIN_SHARED]
    assert index.candidates(probe) == expected == [0, 2, 3]


def test_quote_detail_lists_a_few_wordings_and_counts_the_rest():
    texts = []
    for a in range(quote_checks.MAX_VARIANTS + 8):
        quote = QUOTE.replace("today", f"today{a}") if a else QUOTE
        texts.append(f"{LEAD}\n\n“{quote},” Macron told reporters at the Elysee palace.")
    c = compare_texts(texts)
    found = [f for f in c.findings if f.kind == "quote"]
    assert len(found) == 1
    lines = found[0].detail.splitlines()
    assert len(lines) == 1 + quote_checks.MAX_VARIANTS + 1  # the reference, the listed wordings, the rest
    assert lines[-1].startswith("… and 7 other wordings in 7 articles")


@pytest.mark.parametrize("n", [1, 3, 9, 64, 65, 70, 300])
def test_carried_per_article_equals_the_sum_of_set_bits(n):
    rng = random.Random(n)
    count = CHUNK + 10  # more than one chunk
    masks, weights = [rng.getrandbits(n) for _ in range(count)], [rng.randint(1, 60) for _ in range(count)]
    expected = [0] * n
    for mask, size in zip(masks, weights):
        for a in mask_indices(mask):
            expected[a] += size
    assert carried_per_article(masks, weights, n) == expected
    assert carried_per_article([], [], n) == [0] * n


@pytest.mark.parametrize("n", [5, 64, 65, 300, 1000])
def test_index_lists_match_json_dumps_of_the_decoded_masks(n):
    rng = random.Random(n)
    masks = [0, 1, 1 << (n - 1)] + [rng.getrandbits(n) & rng.getrandbits(n) for _ in range(5000)] + [0]
    got = index_lists(masks, n)
    assert got == [json.dumps(list(mask_indices(m))) for m in masks]


def test_mask_placeholders_cannot_be_imitated_by_article_text():
    masks = MaskText(3)
    assert masks.placeholder(0) == [] and masks.placeholder(6) == masks.placeholder(6)
    forged = f'"{masks.tag.replace(masks.tag[-17:], "0" * 16 + "-")}0"'  # another nonce
    text = jsontext.dumps({"a": masks.placeholder(6), "b": forged})
    assert json.loads(masks.fill(text)) == {"a": [1, 2], "b": forged}


def test_json_text_is_the_dumped_dict_on_a_folder_of_eighty_versions():
    rng = random.Random(80)
    base = [LEAD, f"“{QUOTE},” Macron told reporters.", OTHER + "."]
    texts = []
    for _ in range(80):
        paragraphs = [" ".join(w if rng.random() > 0.1 else "changed" for w in p.split()) for p in base]
        texts.append("\n\n".join(paragraphs))
    c = compare_texts(texts)
    assert len(c.articles) == 80
    text = comparison_to_json(c)
    assert text == jsontext.dumps(comparison_to_dict(c))
    spans = [s for a in json.loads(text)["articles"] for p in a["paragraphs"] for s in p["spans"]]
    assert any(len(s["shared_with"]) > 60 for s in spans)  # decoded through numpy (over 64 articles)


def test_checks_leave_the_collector_as_they_found_it():
    import gc

    c = compare_texts([LEAD, LEAD.replace("Monday", "Tuesday")], options=CompareOptions(run_checks=False))
    before = gc.get_freeze_count()
    run_checks(c)
    if before == 0:
        assert gc.get_freeze_count() == 0  # frozen for the checks only
    else:
        assert gc.get_freeze_count() >= before  # a caller's frozen heap (the app's) stays frozen


def test_span_word_counts_in_numpy_equal_the_regex_counts():
    # source._count_words counts the words of hundreds of thousands of spans in one numpy pass (big
    # folders); it must count exactly what _WORD.findall counts, odd spaces and spans cutting words included.
    from copydesk.core.findings.source import _WORD, _count_words

    rng = random.Random(5)
    pieces = ["word", "U.S.", "“quote”", "naïve", "二〇", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2009", "\u200b"]
    texts, counts, starts, ends, expected = [], [], [], [], []
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        spans = [(rng.randint(-2, len(text) + 2), rng.randint(-2, len(text) + 2)) for _ in range(rng.randint(1, 6))]
        texts.append(text)
        counts.append(len(spans))
        for start, end in spans:
            starts.append(start)
            ends.append(end)
            expected.append(len(_WORD.findall(text, start, end)))
    assert _count_words(texts, counts, starts, ends) == expected
