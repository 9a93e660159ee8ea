"""Files that are not regular files, odd names, parser failures and budgets: each costs one Problem, never the folder."""

import os
import socket
import threading

import pytest

from copydesk.core import budget as budget_module
from copydesk.core import corpus
from copydesk.core.corpus import discover, load_folder, read_source
from copydesk.core.model import readable
from copydesk.core.tasks import Cancelled, CancelToken

posix_only = pytest.mark.skipif(os.name != "posix", reason="pipes, sockets and symlinks as on Linux")


def write(folder, name, text="An article.\n\nIts second paragraph."):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_in_thread(folder, **kwargs):
    """load_folder on a thread, so a file that blocks fails the test instead of hanging it."""
    box = {}

    def run():
        box["result"] = load_folder(folder, **kwargs)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "loading blocked"
    return box["result"]


def reasons(result):
    return {p.path: p.reason for p in result.problems}


@posix_only
@pytest.mark.parametrize("recursive", [False, True])
def test_special_files_are_listed_as_problems_and_never_opened(tmp_path, recursive, monkeypatch):
    write(tmp_path, "a.txt")
    write(tmp_path, "sub/b.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    os.mkfifo(tmp_path / "sub" / "fifo.md")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "s.txt"))
    os.symlink(os.devnull, tmp_path / "null.txt")  # a device, reached through a link
    os.symlink("missing.txt", tmp_path / "dangling.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("ping.txt", tmp_path / "pong.txt")
    os.symlink("pong.txt", tmp_path / "ping.txt")
    os.symlink("a.txt", tmp_path / "alias.txt")  # a good link loads
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    try:
        result = load_in_thread(str(tmp_path), recursive=recursive)
    finally:
        sock.close()
    expected = {
        "fifo.txt": "not a regular file (a named pipe)",
        "s.txt": "not a regular file (a socket)",
        "null.txt": "not a regular file (a device)",
        "dangling.txt": "broken link (its target missing.txt is missing)",
        "loop.txt": "broken link (a loop of links)",
        "ping.txt": "broken link (a loop of links)",
        "pong.txt": "broken link (a loop of links)",
    }
    if recursive:
        expected["sub/fifo.md"] = "not a regular file (a named pipe)"
    assert reasons(result) == expected
    assert [s.path for s in result.sources] == ["a.txt", "alias.txt"] + (["sub/b.txt"] if recursive else [])
    expected_opened = ["a.txt", "alias.txt"] + (["b.txt"] if recursive else [])
    assert sorted(os.path.basename(p) for p in opened) == sorted(expected_opened)


@posix_only
def test_recursive_discovery_does_not_follow_folder_link_cycles(tmp_path):
    write(tmp_path, "a.txt")
    write(tmp_path, "sub/b.txt")
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink(".", tmp_path / "sub" / "self")
    os.symlink("sub", tmp_path / "again.txt")  # a folder link named like an article is no article
    assert discover(str(tmp_path), recursive=True) == ["a.txt", "sub/b.txt"]


@posix_only
def test_an_unreadable_subfolder_is_a_problem(tmp_path, monkeypatch):
    write(tmp_path, "a.txt")
    write(tmp_path, "b.txt")
    write(tmp_path, "locked/c.txt")
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("locked"):  # chmod means nothing to root: refuse the listing itself
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_folder(str(tmp_path), recursive=True)
    assert reasons(result) == {"locked": "cannot list folder (Permission denied)"}
    assert len(result.sources) == 2


def non_utf8_name(folder, raw):
    try:
        fd = os.open(os.path.join(os.fsencode(folder), raw), os.O_WRONLY | os.O_CREAT)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    os.write(fd, "Un café à Paris.\n\nSecond paragraph.".encode("utf-8"))
    os.close(fd)
    return os.fsdecode(raw)


@posix_only
def test_file_names_that_are_not_utf8_load_and_show_with_a_replacement_character(tmp_path):
    name = non_utf8_name(tmp_path, b"caf\xe9.txt")
    write(tmp_path, "other.txt")
    os.symlink(b"gone-\xff.txt", os.path.join(os.fsencode(tmp_path), b"link-\xe9.txt"))
    result = load_folder(str(tmp_path))
    assert name == "caf\udce9.txt" and name in [s.path for s in result.sources]
    source = next(s for s in result.sources if s.path == name)
    assert source.text.startswith("Un café") and read_source(str(tmp_path), source.path).text == source.text
    assert readable(name) == "caf\ufffd.txt"
    (problem,) = result.problems
    assert problem.path == "link-\udce9.txt"  # the raw name, which reopens the file
    assert problem.reason == "broken link (its target gone-\ufffd.txt is missing)"


def test_readable_replaces_only_surrogates():
    assert readable("sub/caf\udce9 – “x”.txt") == "sub/caf\ufffd – “x”.txt"
    assert readable("plain.txt") == "plain.txt"


def test_any_parser_exception_is_that_file_s_problem(tmp_path, monkeypatch):
    write(tmp_path, "a.txt")
    write(tmp_path, "b.md", "A *story*.")
    write(tmp_path, "page.html", "<p>x</p>")

    def broken(html, budget=None):
        raise AssertionError("expected name token at '<![ if !IE ]>'")

    monkeypatch.setattr(corpus, "html_to_text", broken)
    result = load_folder(str(tmp_path))
    assert reasons(result) == {
        "page.html": "could not be read (AssertionError: expected name token at '<![ if !IE ]>')"}
    assert [s.path for s in result.sources] == ["a.txt", "b.md"]


def test_the_page_that_broke_htmlparser_loads(tmp_path):
    write(tmp_path, "ie.html", "<html><body><!--[if IE]>old<![endif]--><![ if !IE ]><p>Macron spoke.</p><![ endif ]>")
    write(tmp_path, "b.txt")
    result = load_folder(str(tmp_path))
    assert not result.problems and result.sources[1].text == "Macron spoke."


def test_a_file_over_its_time_budget_is_a_problem(tmp_path, monkeypatch):
    write(tmp_path, "slow.html", "<p>x</p>" * 50_000)
    write(tmp_path, "a.txt")
    write(tmp_path, "b.txt")
    ticks = iter(range(10**7))
    monkeypatch.setattr(budget_module.time, "monotonic", lambda: float(next(ticks)))  # one second per look
    result = load_folder(str(tmp_path), seconds=30)
    assert reasons(result) == {"slow.html": "took too long to read (over 30 s)"}
    assert [s.path for s in result.sources] == ["a.txt", "b.txt"]


class CancelOnCall(CancelToken):
    """Cancels itself on the nth look, so the test knows where the look came from."""

    def __init__(self, n):
        super().__init__()
        self.calls = 0
        self.n = n

    def check(self):
        self.calls += 1
        if self.calls >= self.n:
            self.cancel()
        super().check()


@pytest.mark.parametrize("name, text", [("big.html", "<p>x</p>" * 20_000), ("big.md", "*x*\n" * 20_000)])
def test_cancel_is_honoured_inside_one_file(tmp_path, name, text):
    write(tmp_path, name, text)
    token = CancelOnCall(3)  # the first look is load_folder's, before the file; the rest are the parser's
    with pytest.raises(Cancelled):
        load_folder(str(tmp_path), cancel=token)
    assert token.calls == 3


def test_a_file_that_grows_past_the_limit_after_the_stat_is_too_large(tmp_path, monkeypatch):
    write(tmp_path, "grows.txt", "x" * 100)
    real_lstat = os.lstat

    def stale(path, *args, **kwargs):  # the size as it was when the folder was listed
        st = real_lstat(path, *args, **kwargs)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10,
                               st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(os, "lstat", stale)
    assert read_source(str(tmp_path), "grows.txt", max_bytes=50).reason.startswith("file too large")
    assert read_source(str(tmp_path), "grows.txt", max_bytes=500).text == "x" * 100
