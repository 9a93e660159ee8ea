"""Code point <-> UTF-16 offset conversion, checked against Qt's own string positions."""

from hypothesis import given, strategies as st

from copydesk.gui.text_offsets import OffsetMap, to_code_point, to_utf16, utf16_length

TEXT = "Macron 🇫🇷 said “no” 😀 to 𝔘kraine é"


def test_bmp_only_text_is_identity():
    m = OffsetMap("plain text")
    assert [m.to_utf16(i) for i in range(11)] == list(range(11))
    assert m.to_code_point(4) == 4


def test_astral_characters_take_two_units():
    assert utf16_length("😀") == 2
    m = OffsetMap(TEXT)
    for i in range(len(TEXT) + 1):
        assert m.to_utf16(i) == len(TEXT[:i].encode("utf-16-le")) // 2
        assert m.to_code_point(m.to_utf16(i)) == i
    assert to_utf16(TEXT, len(TEXT)) == utf16_length(TEXT)
    assert to_code_point(TEXT, utf16_length(TEXT)) == len(TEXT)


def test_offset_inside_a_surrogate_pair_maps_to_its_character():
    text = "a😀b"
    assert to_code_point(text, 2) == 1  # between the two halves of 😀
    assert to_code_point(text, 3) == 2


def test_matches_qt_document_positions(qapp):
    from PySide6.QtGui import QTextCursor, QTextDocument

    doc = QTextDocument()
    doc.setPlainText(TEXT)
    m = OffsetMap(TEXT)
    start = TEXT.index("to")
    cursor = QTextCursor(doc)
    cursor.setPosition(m.to_utf16(start))
    cursor.setPosition(m.to_utf16(start + 2), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "to"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_round_trip_any_text(text):
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.to_code_point(m.to_utf16(i)) == i
