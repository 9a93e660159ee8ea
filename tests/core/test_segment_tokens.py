"""Paragraph and sentence splitting, titles, and word tokens with code-point offsets."""

from copydesk.core.segment import looks_like_title, paragraph_spans, sentence_spans, sentence_start
from copydesk.core.tokens import normalize, tokenize


def texts(text):
    return [text[s:e] for s, e in paragraph_spans(text)]


def test_blank_lines_separate_paragraphs():
    text = "Title here\n\nFirst line\ncontinues here.\n\n \n\nSecond paragraph.\n"
    assert texts(text) == ["Title here", "First line\ncontinues here.", "Second paragraph."]


def test_one_paragraph_per_line_without_blank_lines():
    text = "Headline\nFirst paragraph.\nSecond paragraph.\n"
    assert texts(text) == ["Headline", "First paragraph.", "Second paragraph."]
    assert texts("Only text\n   \nafter a whitespace line") == ["Only text", "after a whitespace line"]


def test_offsets_point_into_the_text():
    text = "  Lead para.  \n\n\tNext one.\n"
    for s, e in paragraph_spans(text):
        assert text[s:e] == text[s:e].strip() and text[s:e]


def test_title_detection():
    assert looks_like_title("Macron says sending Western troops into Ukraine has not been 'ruled out'")
    assert not looks_like_title("French President Emmanuel Macron said Monday that troops are not ruled out.")
    assert not looks_like_title("Two lines\nof title")
    assert looks_like_title("Will the Olympic flame reach Paris in time?")
    assert looks_like_title("Goal! Late winner sends Lyon top")
    assert looks_like_title("“Nothing is ruled out.”")
    assert looks_like_title("'It was insane': fans describe the final")
    assert not looks_like_title("Officials said the flame would reach Paris on Friday.")


def test_sentences_with_spacy_sentencizer():
    spans = sentence_spans("Macron spoke on Monday. He said “nothing is ruled out.” Leaders met in Paris!")
    assert len(spans) == 3
    assert sentence_spans("   ") == ()
    text = "Macron spoke. Then “we will win,” he said."
    assert sentence_start(text, text.index("we will")) == text.index("Then")
    assert sentence_start(text, 3) == 0


def test_tokens_have_code_point_offsets_and_normal_forms():
    text = "Zelenskyy’s 10,000 troops 🇺🇦 met U.S. envoys."
    toks = tokenize(text)
    assert [text[t.start:t.end] for t in toks] == ["Zelenskyy’s", "10,000", "troops", "met", "U.S.", "envoys"]
    assert [t.norm for t in toks] == ["zelenskyy", "10000", "troop", "met", "u.s.", "envoy"]
    assert normalize("Sending") == normalize("sending") == "send"
    assert normalize("Café") == "cafe"
    assert not tokenize("the")[0].is_content and tokenize("troops")[0].is_content
