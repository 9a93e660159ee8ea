"""core.edits: the reference's words each version dropped, placed where they were cut, and moved paragraphs."""

from __future__ import annotations

from copydesk.core.comparison import CompareOptions, compare_texts
from copydesk.core.edits import MIN_KEPT, paragraph_edits

OPTIONS = CompareOptions(run_checks=False)
LEDE = "The storm hit the northern coast on Monday and flooded the harbour town of Smallville overnight."
CUT = "Officials said that nothing can be ruled out about the cost of the damage to the harbour walls."
KEPT = "Officials said that nothing is ruled out about the cost of the damage to the harbour walls."
THIRD = "The mayor thanked the volunteers who filled sandbags all night long near the old church square."
FOURTH = "Schools in the district will stay closed until Thursday while engineers inspect the bridges."


def _pair(a: list[str], b: list[str]):
    return compare_texts(["Storm floods Smallville\n\n" + "\n\n".join(a),
                          "Storm floods Smallville\n\n" + "\n\n".join(b)], options=OPTIONS)


def _para(c, article: int, text: str) -> int:
    return next(p.index for p in c.articles[article].paragraphs if p.text == text)


def test_dropped_words_sit_where_they_were_cut():
    c = _pair([LEDE, CUT], [LEDE, KEPT])
    edits = paragraph_edits(c, 0)
    p = _para(c, 1, KEPT)
    found = edits.of((1, p)).deletions
    assert [d.text for d in found] == ["can be"]
    assert KEPT[:found[0].at] == "Officials said that nothing"  # after the word before the cut
    assert found[0].source == (0, _para(c, 0, CUT))
    assert edits.of((1, p)).dropped_words == 2


def test_the_reference_itself_and_unchanged_paragraphs_have_no_edits():
    c = _pair([LEDE, CUT], [LEDE, KEPT])
    edits = paragraph_edits(c, 0)
    assert all(e.ref[0] == 1 for e in edits.paragraphs)
    lede = edits.of((1, _para(c, 1, LEDE)))
    assert lede.deletions == () and lede.move is None


def test_the_other_way_round_the_extra_words_are_dropped_from_the_other_version():
    c = _pair([LEDE, CUT], [LEDE, KEPT])
    back = paragraph_edits(c, 1)
    assert [d.text for d in back.of((0, _para(c, 0, CUT))).deletions] == ["is"]


def test_a_paragraph_out_of_the_references_order_is_moved():
    c = _pair([LEDE, CUT, THIRD, FOURTH], [LEDE, FOURTH, CUT, THIRD])
    edits = paragraph_edits(c, 0)
    moved = [e for e in edits.paragraphs if e.move is not None]
    assert [e.ref for e in moved] == [(1, _para(c, 1, FOURTH))]
    move = moved[0].move
    assert move.reference_paragraph == _para(c, 0, FOURTH)
    assert move.follows == _para(c, 1, LEDE)  # what it comes after in its own version


def test_a_rewording_is_not_struck_out(monkeypatch):
    """A row that keeps less than MIN_KEPT of the reference's words is a rewording: nothing is struck."""
    from copydesk.core import edits as core_edits

    c = _pair([LEDE, CUT], [LEDE, KEPT])  # KEPT keeps 17 of CUT's 19 words
    p = _para(c, 1, KEPT)
    assert paragraph_edits(c, 0).of((1, p)).deletions
    monkeypatch.setattr(core_edits, "MIN_KEPT", 0.95)
    assert paragraph_edits(c, 0).of((1, p)).deletions == ()
    assert 0 < MIN_KEPT < 0.5


def test_articles_left_out_get_no_edits_and_the_data_is_frozen():
    c = compare_texts([f"Title\n\n{LEDE}\n\n{CUT}", f"Title\n\n{LEDE}\n\n{KEPT}", f"Title\n\n{LEDE}\n\n{KEPT}"],
                      options=OPTIONS)
    edits = paragraph_edits(c, 0, included=[0, 2])
    assert {e.ref[0] for e in edits.paragraphs} == {2}
    assert paragraph_edits(c, 1, included=[0, 2]).paragraphs == ()  # the reference is not included
    try:
        edits.reference = 3  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover - a frozen dataclass refuses
        raise AssertionError("Edits must be frozen")


def test_seeds_have_dropped_words_and_moves(seeds_comparison):
    c = seeds_comparison
    edits = paragraph_edits(c, 1)
    assert sum(len(e.deletions) for e in edits.paragraphs) > 20
    assert any(e.move is not None for e in edits.paragraphs)
    for e in edits.paragraphs:
        text = c.paragraph(e.ref).text
        for d in e.deletions:
            assert 0 <= d.at <= len(text)
            assert d.text and d.text in c.paragraph(d.source).text and d.source[0] == 1
