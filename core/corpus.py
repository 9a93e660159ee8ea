"""Discover and decode the article files of a folder; bad files become Problems, never errors.

One bad file never costs the folder: whatever goes wrong with one file (it is a pipe or a broken link,
its bytes are odd, its markup defeats the parser, it takes too long) becomes one Problem naming it, and
the other files load. Only a cancel stops the loading, and only a folder that cannot be listed raises.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from typing import Optional

from copydesk.core.budget import DEFAULT_SECONDS, OverBudget, ReadBudget
from copydesk.core.decoding import decode, looks_binary
from copydesk.core.htmltext import html_to_text
from copydesk.core.markdown import markdown_to_text
from copydesk.core.model import Problem, readable
from copydesk.core.tasks import Cancelled, CancelToken, ProgressCallback, checkpoint, report

__all__ = ["EXTENSIONS", "DEFAULT_MAX_BYTES", "DEFAULT_SECONDS", "SourceText", "LoadResult", "FolderError",
           "natural_key", "discover", "decode_bytes", "looks_binary", "read_source",
           "markdown_to_text", "load_folder"]

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Open without blocking and without becoming the controlling terminal: if a pipe or a device is swapped
# in between the stat and the open, the open returns at once and the fstat check refuses it unread.
_OPEN_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class SourceText:
    """A decoded article file: path relative to the folder, plain text, encoding used, notes for the reader."""

    path: str
    text: str
    encoding: str
    notes: tuple[str, ...] = ()  # e.g. "3 undecodable bytes replaced": the file loaded, with a caveat


@dataclass(frozen=True)
class LoadResult:
    """The usable files of a folder and the problems with the rest (and notes on the usable ones)."""

    folder: str
    sources: tuple[SourceText, ...]
    problems: tuple[Problem, ...]


class FolderError(Exception):
    """The folder itself cannot be compared (missing, not a folder, fewer than two articles)."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


def natural_key(name: str) -> list[tuple[int, int, str]]:
    """Sort key that orders 'a2' before 'a10'."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t.lower()) for t in re.split(r"(\d+)", name)]


def _is_article_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(EXTENSIONS)


def _is_dir(entry: os.DirEntry[str], follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:  # a symlink loop raises ELOOP here: it is no folder
        return False


def _discover(folder: str, recursive: bool) -> tuple[list[str], list[Problem]]:
    """Article entries of folder (of every file type: read_source judges them) and sub-folders that cannot be listed."""
    found: list[str] = []
    problems: list[Problem] = []
    with os.scandir(folder) as it:
        top = list(it)
    pending: list[tuple[str, list[os.DirEntry[str]]]] = [("", top)]
    here = os.stat(folder)
    seen = {(here.st_dev, here.st_ino)}
    while pending:
        prefix, entries = pending.pop()
        for entry in entries:
            rel = prefix + entry.name
            if recursive and _is_dir(entry, follow=False):
                if entry.name.startswith("."):
                    continue
                # Symbolic links to folders are not followed (as os.walk does), so a link cycle cannot loop;
                # the inode check stops a cycle made by bind mounts too.
                try:
                    info = entry.stat(follow_symlinks=False)
                    key = (info.st_dev, info.st_ino)
                    if key in seen:
                        continue
                    seen.add(key)
                    with os.scandir(entry.path) as sub:
                        pending.append((rel + "/", list(sub)))
                except OSError as exc:
                    problems.append(Problem(rel, f"cannot list folder ({exc.strerror or type(exc).__name__})"))
                continue
            if not _is_article_name(entry.name) or _is_dir(entry, follow=True):
                continue  # a folder (or a link to one) named like an article is not an article
            found.append(rel)
    found.sort(key=lambda p: [natural_key(part) for part in p.split("/")])
    problems.sort(key=lambda p: [natural_key(part) for part in p.path.split("/")])
    return found, problems


def discover(folder: str, recursive: bool = False) -> list[str]:
    """Relative paths of the article files in folder, in natural order (pipes, broken links too: they become Problems)."""
    return _discover(folder, recursive)[0]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes as a person would read them (see core.decoding.decode); return (text, encoding)."""
    decoded = decode(data)
    return decoded.text, decoded.encoding


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _broken_link(path: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "broken link (a loop of links)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    try:
        target = os.readlink(path)
    except OSError:
        return "broken link (its target is missing)"
    return f"broken link (its target {readable(target)} is missing)"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file vanished while the folder was read"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read file ({readable(exc.strerror or type(exc).__name__)})"


def _read_bytes(path: str, rel: str, max_bytes: int) -> bytes | Problem:
    """The bytes of the regular file at path, or why not; pipes, devices, sockets and broken links are never opened."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return Problem(rel, _os_reason(exc))
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError as exc:
            return Problem(rel, _broken_link(path, exc))
    if not stat.S_ISREG(info.st_mode):
        return Problem(rel, f"not a regular file ({_kind(info.st_mode)})")
    if info.st_size > max_bytes:
        return _too_large(rel, info.st_size, max_bytes)
    try:
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | _OPEN_FLAGS)) as fh:
            now = os.fstat(fh.fileno())
            if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
                return Problem(rel, "file changed while the folder was read")
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return Problem(rel, _os_reason(exc))
    if len(data) > max_bytes:  # it grew since the stat
        return _too_large(rel, len(data), max_bytes)
    return data


def _too_large(rel: str, size: int, max_bytes: int) -> Problem:
    return Problem(rel, f"file too large ({size / 1048576:.1f} MB; limit {max_bytes / 1048576:.0f} MB)")


def _read(folder: str, rel: str, max_bytes: int, budget: ReadBudget) -> SourceText | Problem:
    data = _read_bytes(os.path.join(folder, rel), rel, max_bytes)
    if isinstance(data, Problem):
        return data
    if not data.strip():
        return Problem(rel, "empty file")
    if looks_binary(data):
        return Problem(rel, "binary file")
    decoded = decode(data, budget)
    budget.check()
    text = decoded.text
    lower = rel.lower()
    if lower.endswith((".html", ".htm")):
        text = html_to_text(text, budget)
    elif lower.endswith((".md", ".markdown")):
        text = markdown_to_text(text, budget)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = readable(text)  # a reference like &#xD800; or a codec's quirk must not reach the views
    if not text.strip():
        return Problem(rel, "no readable text")
    notes: tuple[str, ...] = ()
    if decoded.replaced:
        plural = "s" if decoded.replaced != 1 else ""
        notes = (f"{decoded.replaced} undecodable byte{plural} replaced (read as {decoded.encoding})",)
    return SourceText(rel, text, decoded.encoding, notes)


def read_source(folder: str, rel: str, max_bytes: int = DEFAULT_MAX_BYTES, seconds: Optional[float] = DEFAULT_SECONDS,
                cancel: Optional[CancelToken] = None) -> SourceText | Problem:
    """Read one file within its budget; return its SourceText, or a Problem naming the reason. Raises only Cancelled."""
    try:
        return _read(folder, rel, max_bytes, ReadBudget(seconds, cancel))
    except Cancelled:
        raise
    except OverBudget as exc:
        return Problem(rel, str(exc))
    except MemoryError:
        return Problem(rel, "too large to parse (out of memory)")
    except Exception as exc:  # one bad file never costs the folder: any parser or codec failure is its problem
        detail = readable(str(exc))[:200]
        return Problem(rel, f"could not be read ({type(exc).__name__}{': ' + detail if detail else ''})")


def load_folder(folder: str, recursive: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                seconds: Optional[float] = DEFAULT_SECONDS) -> LoadResult:
    """Read every article file of folder; raise FolderError only when the folder itself is unusable."""
    shown = readable(folder)
    if not os.path.exists(folder):
        raise FolderError(f"{shown}: no such folder")
    if not os.path.isdir(folder):
        raise FolderError(f"{shown}: not a folder")
    try:
        names, problems = _discover(folder, recursive)
    except OSError as exc:
        raise FolderError(f"{shown}: cannot list folder ({readable(exc.strerror or str(exc))})") from exc
    sources: list[SourceText] = []
    for i, rel in enumerate(names):
        checkpoint(cancel)
        got = read_source(folder, rel, max_bytes, seconds, cancel)
        if isinstance(got, Problem):
            problems.append(got)
        else:
            sources.append(got)
            problems.extend(Problem(got.path, note, skipped=False) for note in got.notes)
        report(progress, "load", (i + 1) / max(1, len(names)))
    return LoadResult(folder, tuple(sources), tuple(problems))
