"""Fuzzing the loader: random and mutated bytes, tag soup, Markdown soup and odd file names through read_source and load_folder.

Invariants: nothing raises; every file ends as exactly one article or one problem (an article may carry
one note, such as replaced bytes); text and reasons are str without lone surrogates; each file is read in
bounded time. `make test` runs a few dozen examples per test; `make fuzz` (COPYDESK_FUZZ=1) thousands.
"""

import codecs
import os
import re
import tempfile
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.core.corpus import load_folder, read_source
from copydesk.core.model import readable
from copydesk.core.model import Problem

DEEP = os.environ.get("COPYDESK_FUZZ") == "1"
FUZZ = settings(max_examples=3000 if DEEP else 100, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
SLOW = 10.0
"""Seconds one small file may take even on a loaded machine; a quadratic or hanging read takes far longer."""

SURROGATE = re.compile("[\ud800-\udfff]")
NOTE = re.compile(r"\d+ undecodable bytes? replaced \(read as [\w-]+\)")
EXTENSIONS = [".txt", ".md", ".html", ".htm", ".markdown"]

ARTICLE = ("Macron says sending Western troops into Ukraine has not been ‘ruled out’\n\n"
           "PARIS — French President Emmanuel Macron said on Monday that “nothing should be ruled out”.\n\n"
           "Leaders of 20 countries met in Paris; Zelenskyy’s café — 10,000 € — “quoted”.")
PAGE = ("<!DOCTYPE html><html><head><title>Macron | Outlet</title><style>p>a{}</style><script>var a='<p>';</script>"
        "</head><body><nav><a href='/'>Home</a></nav><article><h1 class=\"t\">Macron</h1><p>First &amp; "
        "<b>bold</b> paragraph.</p><!-- note --><p data-x='a > b'>Second<br>line</p></article></body></html>")
NOTES = "# Macron\n\n> quoted **bold** and _em_ with [a link](http://x) and ![img](y.png)\n\n- item\n1. two\n\n***"
SEEDS = [ARTICLE.encode("utf-8"), codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE.encode("utf-16"),
         ARTICLE.encode("utf-32-le"), ARTICLE.encode("cp1252", "replace"), PAGE.encode("utf-8"),
         NOTES.encode("utf-8"), "Президент заявил.".encode("cp1251")]

SOUP = ["<", ">", "</", "<a", "<a b='", '<a b="', "'", '"', "=", " ", "\n", "<p>", "</p>", "<div>", "<br/>",
        "<![ if !IE ]>", "<![endif]>", "<![CDATA[", "]]>", "<!--", "-->", "--!>", "<!", "<?", "?>", "<script>",
        "</script>", "<style>", "</style>", "<title>", "</title>", "<header>", "</footer>", "<nav>", "</nav>",
        "&", "&amp;", "&#", "&#x", "&#xD800;", "&#0;", "&#99999999;", "&nbsp", "text", "Macron", "é", "\x00", "\r",
        "\ufeff", "<svg><title>x</title></svg>", "<article>", "</article>", "<h1>", "<TABLE>", "<a/b>"]
MARKDOWN = ["[", "]", "(", ")", "!", "*", "**", "_", "__", "`", "```", "#", "# ", ">", "- ", "1. ", "---", " ",
            "\t", "\n", "\n\n", "\r\n", "word", "é", "\\", "<p>", "&amp;", "|", "~~"]


def mutate(data, ops):
    """Apply hypothesis-chosen edits to seed bytes: flip, insert, delete, duplicate, truncate."""
    buf = bytearray(data)
    for kind, at, value in ops:
        pos = at % (len(buf) + 1)
        if kind == "flip" and buf:
            buf[pos % len(buf)] ^= value or 0x80
        elif kind == "insert":
            buf[pos:pos] = bytes([value])
        elif kind == "delete":
            del buf[pos:pos + 1 + value % 8]
        elif kind == "duplicate":
            buf[pos:pos] = buf[pos:pos + 1 + value]
        elif kind == "truncate":
            del buf[pos:]
    return bytes(buf)


ops = st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate"]),
                         st.integers(0, 10**6), st.integers(0, 255)), max_size=12)
mutated = st.tuples(st.sampled_from(SEEDS), ops).map(lambda t: mutate(*t))
soup = st.lists(st.sampled_from(SOUP), max_size=150).map("".join)
markdown_soup = st.lists(st.sampled_from(MARKDOWN), max_size=150).map("".join)
encoded = st.tuples(st.one_of(soup, markdown_soup, st.text(max_size=300)),
                    st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"])).map(
    lambda t: t[0].encode(t[1], "replace") if t[1] != "utf-8" else t[0].encode("utf-8", "surrogatepass"))
content = st.one_of(st.binary(max_size=3000), mutated, encoded)
# File names as bytes, as Linux allows them: anything but '/' and NUL, UTF-8 or not.
raw_name = st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b and b"\x00" not in b)


def check_source_or_problem(got, rel):
    """One file's outcome obeys the invariants."""
    assert got.path == rel
    if isinstance(got, Problem):
        assert isinstance(got.reason, str) and got.reason.strip() and not SURROGATE.search(got.reason)
    else:
        assert isinstance(got.text, str) and got.text.strip()
        assert not SURROGATE.search(got.text) and "\r" not in got.text and "\ufeff" not in got.text
        assert isinstance(got.encoding, str) and got.encoding
        assert all(NOTE.fullmatch(note) for note in got.notes)


def check_folder(result, names):
    """Every file ends as exactly one article or exactly one problem (an article with at most one note)."""
    sources = [s.path for s in result.sources]
    problems = [p.path for p in result.problems]
    assert set(sources) | set(problems) == set(names)
    for name in names:
        if name in sources:
            assert sources.count(name) == 1 and problems.count(name) <= 1
            notes = [p.reason for p in result.problems if p.path == name]
            assert all(NOTE.fullmatch(n) for n in notes)
        else:
            assert problems.count(name) == 1
    for source in result.sources:
        check_source_or_problem(source, source.path)
    for problem in result.problems:
        check_source_or_problem(problem, problem.path)


def timed_read(folder, rel):
    start = time.perf_counter()
    got = read_source(folder, rel)
    assert time.perf_counter() - start < SLOW
    check_source_or_problem(got, rel)
    return got


@FUZZ
@given(content, st.sampled_from(EXTENSIONS))
def test_fuzz_any_bytes_read_as_one_article_or_one_problem(data, ext):
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "x" + ext), "wb") as fh:
            fh.write(data)
        timed_read(folder, "x" + ext)


@FUZZ
@given(soup, st.sampled_from([".html", ".htm"]))
def test_fuzz_tag_soup(html, ext):
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "x" + ext), "w", encoding="utf-8", errors="surrogatepass") as fh:
            fh.write(html)
        timed_read(folder, "x" + ext)


@FUZZ
@given(markdown_soup)
def test_fuzz_markdown_soup(md):
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "x.md"), "w", encoding="utf-8", newline="") as fh:
            fh.write(md)
        timed_read(folder, "x.md")


@FUZZ
@given(st.lists(st.tuples(raw_name, st.sampled_from(EXTENSIONS), content), min_size=1, max_size=6))
def test_fuzz_folders_with_odd_names(files):
    with tempfile.TemporaryDirectory() as folder:
        names = set()
        for raw, ext, data in files:
            path = os.path.join(os.fsencode(folder), raw + ext.encode())
            if raw.startswith(b".") or os.path.lexists(path):
                continue  # hidden files are not articles; a repeated name would overwrite
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT)
            except OSError:
                continue  # the file system refuses this name (too long, not UTF-8 on some systems)
            os.write(fd, data)
            os.close(fd)
            names.add(os.fsdecode(raw + ext.encode()))
        start = time.perf_counter()
        result = load_folder(folder, recursive=True)
        assert time.perf_counter() - start < SLOW * max(1, len(names))
        check_folder(result, names)
        for name in names:
            assert not SURROGATE.search(readable(name))
