"""Loading a folder: discovery order, encodings, HTML/Markdown, and problems that never stop the folder."""

import codecs

import pytest

from copydesk.core.corpus import (FolderError, decode_bytes, discover, load_folder, markdown_to_text,
                         natural_key, read_source)
from copydesk.core.htmltext import html_to_text


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_natural_order_and_extensions(tmp_path):
    for name in ("a10.txt", "a2.txt", "a1.md", "notes.pdf", ".hidden.txt", "page.HTML"):
        write(tmp_path, name, "Some text here.")
    assert discover(str(tmp_path)) == ["a1.md", "a2.txt", "a10.txt", "page.HTML"]
    assert natural_key("x2") < natural_key("x10")


def test_subfolders_only_when_recursive(tmp_path):
    write(tmp_path, "a.txt", "Alpha text.")
    write(tmp_path, "sub/b.txt", "Beta text.")
    assert discover(str(tmp_path)) == ["a.txt"]
    assert discover(str(tmp_path), recursive=True) == ["a.txt", "sub/b.txt"]


@pytest.mark.parametrize("data, text, encoding", [
    ("Zelenskyy’s café".encode("utf-8"), "Zelenskyy’s café", "utf-8"),
    (codecs.BOM_UTF8 + "Kyiv – café".encode("utf-8"), "Kyiv – café", "utf-8-sig"),
    (codecs.BOM_UTF16_LE + "Kyiv – café".encode("utf-16-le"), "Kyiv – café", "utf-16"),
    (codecs.BOM_UTF16_BE + "Kyiv – café".encode("utf-16-be"), "Kyiv – café", "utf-16"),
    ("Kyiv – café “quoted”".encode("cp1252"), "Kyiv – café “quoted”", "windows-1252"),
    # UTF-32 with a BOM (its FF FE 00 00 once read as UTF-16), and wide text without a BOM
    (codecs.BOM_UTF32_LE + "Kyiv – café".encode("utf-32-le"), "Kyiv – café", "utf-32"),
    (codecs.BOM_UTF32_BE + "Kyiv – café".encode("utf-32-be"), "Kyiv – café", "utf-32"),
    ("Kyiv – café".encode("utf-32-le"), "Kyiv – café", "utf-32-le"),
    ("Kyiv – café".encode("utf-16-le"), "Kyiv – café", "utf-16-le"),
    ("Kyiv – café".encode("utf-16-be"), "Kyiv – café", "utf-16-be"),
])
def test_decoding(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def test_bad_files_become_problems_and_the_rest_loads(tmp_path):
    write(tmp_path, "good1.txt", "First article.\n\nSecond paragraph.")
    write(tmp_path, "good2.txt", "Another article.")
    write(tmp_path, "empty.txt", "   \n")
    write(tmp_path, "binary.txt", b"\x00\x01\x02PK\x03\x04" * 50)
    write(tmp_path, "big.txt", "x" * 2000)
    write(tmp_path, "latin.txt", "Caf\xe9 au lait.".encode("latin-1"))
    result = load_folder(str(tmp_path), max_bytes=1000)
    reasons = {p.path: p.reason for p in result.problems}
    assert set(reasons) == {"empty.txt", "binary.txt", "big.txt"}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file"
    assert reasons["big.txt"].startswith("file too large")
    loaded = {s.path: s for s in result.sources}
    assert set(loaded) == {"good1.txt", "good2.txt", "latin.txt"}
    assert loaded["latin.txt"].text == "Café au lait."
    assert loaded["latin.txt"].encoding == "windows-1252"


def test_vanished_and_unreadable_files(tmp_path, monkeypatch):
    assert read_source(str(tmp_path), "gone.txt").reason == "file vanished while the folder was read"
    write(tmp_path, "locked.txt", "text")
    real_open = open

    def deny(path, *args, **kwargs):  # chmod 0 means nothing to root: refuse the read itself
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    assert read_source(str(tmp_path), "locked.txt").reason == "permission denied"


def test_missing_folder_and_too_few_articles(tmp_path):
    from copydesk.core.comparison import compare_folder

    with pytest.raises(FolderError, match="no such folder"):
        load_folder(str(tmp_path / "nope"))
    write(tmp_path, "only.txt", "One article only.")
    write(tmp_path, "empty.txt", "")
    with pytest.raises(FolderError, match="at least two readable articles") as err:
        compare_folder(str(tmp_path))
    assert "empty.txt: empty file" in str(err.value)
    assert [p.path for p in err.value.problems] == ["empty.txt"]


def test_html_keeps_article_text_only():
    html = """<html><head><title>Page</title><style>p{color:red}</style><script>var x = "<p>no</p>";</script></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <h1>Macron speaks</h1><p>First &amp; <b>bold</b> paragraph.</p><div>Second<br>line</div>
    <footer>Copyright footer</footer></body></html>"""
    text = html_to_text(html)
    assert text.split("\n\n") == ["Macron speaks", "First & bold paragraph.", "Second", "line"]


def test_html_article_header_keeps_its_headline_and_title_fills_in_without_one():
    page = ("<html><head><title>Macron speaks | The Outlet</title></head><body>"
            "<header><a>The Outlet</a> Home News</header>"
            "<article><header><h1>Macron speaks</h1><p class=dek>He said troops are an option.</p></header>"
            "<p>Body paragraph.</p><footer>Filed under Europe</footer></article>"
            "<footer>© The Outlet</footer></body></html>")
    assert html_to_text(page).split("\n\n") == ["Macron speaks", "He said troops are an option.",
                                                 "Body paragraph.", "Filed under Europe"]
    bare = "<html><head><title>Macron speaks</title></head><body><p>Body paragraph.</p></body></html>"
    assert html_to_text(bare).split("\n\n") == ["Macron speaks", "Body paragraph."]


def test_markdown_markup_is_stripped():
    md = "# Title\n\nSome **bold** and _em_ text with [a link](http://x).\n\n> quoted line\n\n- item"
    assert markdown_to_text(md).split("\n\n") == ["Title", "Some bold and em text with a link.", "quoted line", "item"]
