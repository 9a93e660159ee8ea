"""Article bytes decode as a person would read them: damaged UTF-8 stays UTF-8, wide text is found, legacy is guessed."""

import codecs

import pytest

from copydesk.core import decoding
from copydesk.core.corpus import load_folder, looks_binary, read_source
from copydesk.core.decoding import decode, encoding_name, sniff_wide

FRENCH = "Le président a déclaré lundi que l’envoi de troupes « n’est pas exclu » — à Paris. "
RUSSIAN = "Президент Франции заявил, что отправка войск на Украину не исключена. "


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_counts_them():
    data = ("Macron — “troops” ".encode() + b"\x92" + " café — not ruled out ".encode() + b"\xe9\xff"
            + " Kyiv – done.".encode())
    got = decode(data)
    assert got.encoding == "utf-8" and got.replaced == 3
    assert got.text == "Macron — “troops” \ufffd café — not ruled out \ufffd\ufffd Kyiv – done."


def test_a_legit_replacement_character_is_not_counted():
    assert decode("caf\ufffd – ok".encode()).replaced == 0


def test_bad_bytes_become_a_note_and_the_file_still_loads(tmp_path):
    (tmp_path / "damaged.txt").write_bytes("Zelenskyy’s — café ".encode() + b"\x80\x81\x82" + " fin.".encode())
    (tmp_path / "clean.txt").write_text("Another article.", encoding="utf-8")
    result = load_folder(str(tmp_path))
    assert [s.path for s in result.sources] == ["clean.txt", "damaged.txt"]
    damaged = result.sources[1]
    assert damaged.encoding == "utf-8" and "\ufffd\ufffd\ufffd" in damaged.text
    assert [(p.path, p.reason) for p in result.problems] == [
        ("damaged.txt", "3 undecodable bytes replaced (read as utf-8)")]


@pytest.mark.parametrize("text, codec, name", [
    (FRENCH * 3, "cp1252", "windows-1252"),
    ("Caf\xe9 au lait.", "latin-1", "windows-1252"),  # too short to tell: the common Western page wins ties
    ("The president said he didn’t rule it out.", "cp1252", "windows-1252"),
    (RUSSIAN * 3, "cp1251", "windows-1251"),
    (RUSSIAN * 3, "koi8-r", "koi8-r"),
    ("Prezydent Francji powiedział, że wysłanie żołnierzy nie jest wykluczone. Źródło: ąęśćłóżź " * 3, "cp1250",
     "windows-1250"),
    ("Ο πρόεδρος της Γαλλίας δήλωσε ότι η αποστολή στρατευμάτων δεν αποκλείεται. " * 3, "cp1253", "windows-1253"),
    ("マクロン大統領は、ウクライナへの派兵を排除しないと述べた。" * 3, "shift_jis", "cp932"),
    ("马克龙总统表示，不排除向乌克兰派遣军队。" * 3, "gb18030", "gb18030"),
])
def test_legacy_encodings_are_guessed(text, codec, name):
    got = decode(text.encode(codec))
    assert (got.text, got.encoding, got.replaced) == (text, name, 0)


def test_undefined_cp1252_bytes_fall_back_to_latin1(monkeypatch):
    import charset_normalizer

    class Nothing:
        def best(self):
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda *a, **k: Nothing())
    assert decode(b"caf\xe9 \x81") == decoding.Decoded("café \x81", "latin-1")
    assert decode(b"caf\xe9") == decoding.Decoded("café", "windows-1252")


@pytest.mark.parametrize("codec, bom, name", [
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"), ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32"),
    ("utf-32-le", b"", "utf-32-le"), ("utf-32-be", b"", "utf-32-be"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"), ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-16-le", b"", "utf-16-le"), ("utf-16-be", b"", "utf-16-be"),
])
def test_wide_encodings_with_and_without_bom_load(tmp_path, codec, bom, name):
    text = "Kyiv – café “quoted” 🇺🇦\n\nSecond paragraph."
    (tmp_path / "a.txt").write_bytes(bom + text.encode(codec))
    got = read_source(str(tmp_path), "a.txt")
    assert (got.text, got.encoding) == (text, name)


def test_wide_text_is_not_binary_but_binary_is():
    assert not looks_binary("Kyiv".encode("utf-16-le"))
    assert not looks_binary("Kyiv".encode("utf-32-be"))
    assert looks_binary(b"\x00\x01\x02PK\x03\x04" * 50)
    assert looks_binary(bytes(4096))  # zeros only: no text in any width
    assert sniff_wide(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 40) is None


def test_a_truncated_utf16_file_loads_with_its_last_byte_replaced():
    got = decode(codecs.BOM_UTF16_LE + "Kyiv".encode("utf-16-le") + b"K")
    assert (got.text, got.encoding, got.replaced) == ("Kyiv\ufffd", "utf-16", 1)


def test_encoding_names_are_the_ones_people_know():
    assert encoding_name("cp1251") == "windows-1251"
    assert encoding_name("koi8_r") == "koi8-r"
    assert encoding_name("gb18030") == "gb18030"
