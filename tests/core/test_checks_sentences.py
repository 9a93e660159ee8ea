"""The quote checks find a speaker's sentence without spaCy when the boundary is plain, exactly as spaCy would."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from copydesk.core import segment
from copydesk.core.comparison import compare_folder
from copydesk.core.findings import quotes
from copydesk.core.findings.persons import speakers
from copydesk.core.findings.sentence_cut import DOTTED_EXCEPTIONS, SENTENCE_PUNCT, sentence_begin

TRICKY = [
    "Macron said. “We will do everything needed so Russia cannot win the war.”",
    "French President Emmanuel Macron said on Feb. 26 that sending troops is not “ruled out” in the future.",
    "Gen. Smith said the army was ready. The minister added that “nothing can be ruled out at this stage.”",
    "The U.S. envoy said talks had stalled. He told reporters: “We are not giving up on a deal today.”",
    "He said. he added that “the talks are over for now and will not resume.”",
    "She won 19. Duda said that “there was no agreement on the matter among us.”",
    "“Nobody should doubt our resolve,” Macron said. “We must double ammunition output this year.”",
    "The ATP said the world No. 19 G. Dimitrov (Bulgaria). [“Grateful” for the support, he said.]",
    "Capt. Kelly Goodall said soldiers came “under attack by a vast crowd of rioters near the base.”",
    "Asked why?! Zelensky said “we must ensure that Putin cannot destroy our achievements.”",
    "The deal was done... Macron said “this is my idea of sovereignty and strategic autonomy.”",
    "The text is online. The president said at example.com/a?b=c that “we will not send troops now.”",
    "Mr. Scholz spoke first. Then Mrs. Baerbock said “we will support Ukraine as long as it takes.”",
]


def test_the_tables_are_spacys_own():
    import spacy
    from spacy.pipeline.sentencizer import Sentencizer

    assert SENTENCE_PUNCT == frozenset(Sentencizer.default_punct_chars)
    rules = spacy.blank("en").tokenizer.rules
    assert DOTTED_EXCEPTIONS == {k for k in rules if k.endswith(".") and len(k) >= 3 and k[:-1].isalpha()}


def _speaker(text: str, begin: int, pos: int):
    found = speakers(text, begin, max(begin, pos - 1)) if begin else speakers(text, 0, max(0, pos - 1))
    return found[-1] if found else None


@pytest.mark.parametrize("text", TRICKY)
def test_a_plain_answer_finds_the_speaker_spacy_finds(text):
    for pos in (i + 1 for i, ch in enumerate(text) if ch in "“\"["):
        begin = sentence_begin(text, pos)
        if begin is not None:
            assert _speaker(text, begin, pos) == _speaker(text, segment.sentence_start(text, pos), pos), text[:pos]


def test_only_what_is_not_plain_goes_to_spacy():
    def begin(text: str, marker: str):
        return sentence_begin(text, text.index(marker) + 1)

    assert begin(TRICKY[0], "“") == len("Macron said.")  # an ordinary word, a space, the quote
    assert begin(TRICKY[1], "“") == 0  # 'Feb.' is spaCy's abbreviation: no boundary, no other before
    assert begin(TRICKY[2], "“") == TRICKY[2].index(" The")  # 'ready.' ends it; 'Gen.' is skipped anyway
    assert begin(TRICKY[3], "“") == TRICKY[3].index(" He")
    assert begin(TRICKY[4], "“") == TRICKY[4].index(" he")  # spaCy ends a sentence before a lower-case word too
    for hard in (5, 7, 9, 10, 11):  # a number, brackets, '?!', an ellipsis, a URL
        assert begin(TRICKY[hard], "“" if "“" in TRICKY[hard] else "[") is None, TRICKY[hard]


def test_the_seeds_checks_never_import_spacy_and_find_what_spacy_finds(seeds_dir, monkeypatch):
    code = ("import sys; from copydesk.core.comparison import compare_folder; "
            f"c = compare_folder({seeds_dir!r}); print(len(c.findings), 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env=dict(os.environ, COPYDESK_BLOCK_QT=""))
    count, imported = done.stdout.split()
    assert imported == "False" and int(count) > 0
    fast = compare_folder(seeds_dir)
    monkeypatch.setattr(quotes, "sentence_begin", lambda text, pos: None)  # spaCy for every sentence
    slow = compare_folder(seeds_dir)
    assert [f.message for f in fast.findings] == [f.message for f in slow.findings]
    assert [(q.speaker, q.explicit) for a in fast.articles for q in quotes.article_quotes(a)] == \
        [(q.speaker, q.explicit) for a in slow.articles for q in quotes.article_quotes(a)]
