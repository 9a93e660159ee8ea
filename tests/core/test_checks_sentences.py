"""The quote checks find a speaker's sentence without spaCy when the boundary is plain, exactly as spaCy would."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from copydesk.core import segment
from copydesk.core.comparison import compare_folder
from copydesk.core.findings import quotes
from copydesk.core.findings.persons import speakers
from copydesk.core.findings.sentence_cut import SENTENCE_PUNCT, SPECIAL_CASES, sentence_begin

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
    nlp = spacy.blank("en")
    held = {k for k in nlp.tokenizer.rules if SENTENCE_PUNCT.intersection(k)}
    assert SPECIAL_CASES == {k for k in held if not any(t.text in SENTENCE_PUNCT for t in nlp(k))}
    assert {"Feb.", "e.g.", "D.C.", "a."} <= SPECIAL_CASES and "°C." not in SPECIAL_CASES


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
    assert begin(TRICKY[5], "“") == TRICKY[5].index(" Duda")  # a full stop after a digit is a token of its own
    assert begin(TRICKY[9], "“") == TRICKY[9].index(" Zelensky")  # '?!': two marks, each a token
    assert begin(TRICKY[10], "“") == 0  # an ellipsis is one token, which ends no sentence
    assert begin(TRICKY[11], "“") == TRICKY[11].index(" The")  # 'example.com/a?b=c' is one token
    assert begin(TRICKY[7], "[") is None  # a full stop after a bracket: spaCy's to judge
    assert begin("He met Gen.Smith. “We", "“") is None  # 'Gen.Smith': an infix stop, spaCy's to judge
    assert begin("He met the U.S. envoy, who said “we", "“") == 0  # initials are one token
    assert begin("Until mid-Feb. “we", "“") is None  # spaCy may join 'Feb' and '.' into its exception


# Words of every shape the rules must tell apart: initials, exceptions, numbers, URLs, dot runs, brackets,
# quotes on either side, dashes, hyphenated words, other scripts' marks.
_VOCAB = (
    "said. Macron the U.S. UK. U.K. mid-March. 2024. (£2.5 billion) of.com2F24 ... … stage... Feb. a.m. e.g. Gen. "
    "No. 19. why?! wow! what? A. Plan said.The “We ” \" ' ( ) [ ] , ; : — - co.uk. 2.5 D.C. Ph.D. 10a.m. US$5. "
    "°C. café. déjà. x.y. don't. Macron's. AP. NATO. he. I. a. example.com/a?b=c Yahoo!News !! ?! .. . ! ? "
    "'quoted.' (Bulgaria). [Grateful] “ruled out.” said.” said,” Mr. Mrs. ok.) etc. vs. St. mid-Feb. self-a. "
    "”Yes —French 3p.m. o.O ._. (._.) ¿Qué ¡Ya! 。 U.S.-led 5km. 2.A Inc.” Jr.) a?b x!y ?x !x").split()
_PLAIN = ["said", "we", "will", "Macron", "they", "talks", "The", "It"]


def _generated_texts(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        words = [rng.choice(_VOCAB) if rng.random() < 0.5 else rng.choice(_PLAIN) for _ in range(rng.randint(3, 25))]
        gaps = [rng.choice([" ", " ", " ", " ", "", "  ", "\n"]) for _ in words]
        yield "".join(w + g for w, g in zip(words, gaps)).strip()


def _first_word(text: str, i: int) -> int:
    while i < len(text) and not text[i].isalnum():
        i += 1
    return i


def test_every_plain_answer_on_generated_text_is_spacys():
    decided = asked = 0
    for text in _generated_texts(1500, seed=7):
        for pos in range(1, len(text)):
            if text[pos].isspace() or not (text[pos - 1].isspace() or text[pos - 1] in "“\"'(["):
                continue  # where a quote or a word begins, as the quote checks ask
            asked += 1
            begin = sentence_begin(text, pos)
            if begin is None:
                continue
            decided += 1
            assert _first_word(text, begin) == _first_word(text, segment.sentence_start(text, pos)), text[:pos]
    assert decided > asked / 3  # the rules decide most cases, even on text this hard


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
