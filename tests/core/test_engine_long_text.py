"""Very long text degrades gracefully: spaCy never gets more than its limit, a 1.2 MB article aligns and is checked."""

import json
import os
import shutil
import subprocess
import sys

from copydesk.core import segment

SEED = "000_dc2fd34f5d07d977.txt"


def _one_line(seeds_dir: str, chars: int) -> str:
    """The first seed with its paragraphs run together on one line, repeated to at least chars characters."""
    with open(os.path.join(seeds_dir, SEED), encoding="utf-8") as fh:
        line = " ".join(fh.read().split())
    return " ".join([line] * (chars // len(line) + 1))


def test_chunks_cover_the_text_within_the_limit_cut_at_boundaries():
    text = ("A first paragraph, long enough to reach the second half of a chunk.\n\n"
            "Second one, a little longer than the first.\nA line. " + "Word after word. " * 50)
    pieces = segment._chunks(text, 120)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(b - a <= 120 for a, b in pieces) and all(p[1] == q[0] for p, q in zip(pieces, pieces[1:]))
    assert text[:pieces[0][1]].endswith("\n\n")  # a blank line is the best place to cut
    assert all(text[:b].endswith(". ") for _, b in pieces[1:-1])  # then a sentence end
    assert segment._chunks("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]  # no boundary: a hard cut
    assert segment._chunks("short", 100) == [(0, 5)]


def test_long_text_sentences_match_one_spacy_pass_and_offset_back(seeds_dir):
    text = _one_line(seeds_dir, 300_000)
    nlp = segment._sentencizer()
    whole = [(s.start_char, s.end_char) for s in nlp(text).sents if s.text.strip()]
    chunked = segment.sentence_spans(text)
    cuts = {a for a, _ in segment._chunks(text, segment.CHUNK_CHARS)}
    assert len(cuts) > 2 and len(chunked) == len(whole)
    # the same sentences, but a cut falls after '. ', where spaCy keeps an opening quote mark with the
    # sentence before
    assert {a for a, _ in chunked} - cuts <= {a for a, _ in whole}
    for start, end in chunked:
        assert text[start].isupper() or text[start] in "“\"”", text[start:end]
    quote_at = text.index("“The outcome of Russia’s war", 150_000)
    begin = segment.sentence_start(text, quote_at + 5)  # a quote deep in the text: its sentence, offset back
    assert text[begin:].startswith(("“The outcome", "The outcome")) and quote_at <= begin <= quote_at + 1


def test_spacy_never_gets_more_than_its_limit(seeds_dir, monkeypatch):
    real = segment._sentencizer()
    seen = []

    class Recording:
        max_length = real.max_length

        def __call__(self, text):
            seen.append(len(text))
            return real(text)

    monkeypatch.setattr(segment, "_sentencizer", Recording)
    text = _one_line(seeds_dir, 1_200_000)
    spans = segment.sentence_spans.__wrapped__(text)  # past the cache: spaCy must be called
    assert sum(seen) == len(text) and max(seen) <= min(segment.CHUNK_CHARS, real.max_length)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())


def test_align_json_on_a_1_2_mb_one_line_article_with_quotes(seeds_dir, tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    for name in sorted(os.listdir(seeds_dir))[1:3]:
        shutil.copy(os.path.join(seeds_dir, name), folder / name)
    (folder / "000_scraped.txt").write_text(_one_line(seeds_dir, 1_200_000) + "\n", encoding="utf-8")
    assert (folder / "000_scraped.txt").stat().st_size > 1_200_000
    run = subprocess.run([sys.executable, "-c", "import sys; from copydesk.gui.cli import main; "
                          "sys.exit(main(sys.argv[1:]))", "align", str(folder), "--json"],
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    data = json.loads(run.stdout)
    assert data["meta"]["check_errors"] == []
    assert "checks" in data["meta"]["timings_ms"]
    assert len(data["articles"]) == 3 and len(data["articles"][0]["paragraphs"]) == 1
    quotes = [f for f in data["findings"] if f["kind"] == "quote"]
    assert any(o["article"] == 0 for f in quotes for o in f["occurrences"])  # the big article's quotes are matched
