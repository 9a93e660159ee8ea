"""Discover and decode the article files of a folder; bad files become Problems, never errors."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from typing import Optional

from copydesk.core.htmltext import html_to_text
from copydesk.core.model import Problem
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """A decoded article file: path relative to the folder, plain text, encoding used."""

    path: str
    text: str
    encoding: str


@dataclass(frozen=True)
class LoadResult:
    """The usable files of a folder and the problems with the rest."""

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


def discover(folder: str, recursive: bool = False) -> list[str]:
    """Relative paths of the article files in folder, in natural order."""
    found = []
    if recursive:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                if f.lower().endswith(EXTENSIONS) and not f.startswith("."):
                    found.append(os.path.relpath(os.path.join(root, f), folder).replace(os.sep, "/"))
    else:
        for f in os.listdir(folder):
            if f.lower().endswith(EXTENSIONS) and not f.startswith(".") and os.path.isfile(os.path.join(folder, f)):
                found.append(f)
    return sorted(found, key=lambda p: [natural_key(part) for part in p.split("/")])


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes (outside UTF-16) or many control characters."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def read_source(folder: str, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText | Problem:
    """Read one file; return its SourceText, or a Problem naming the reason."""
    path = os.path.join(folder, rel)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return Problem(rel, f"file too large ({size / 1048576:.1f} MB; limit {max_bytes / 1048576:.0f} MB)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        return Problem(rel, "file vanished while the folder was read")
    except PermissionError:
        return Problem(rel, "permission denied")
    except OSError as exc:
        return Problem(rel, f"cannot read file ({exc.strerror or exc})")
    if not data.strip():
        return Problem(rel, "empty file")
    if looks_binary(data):
        return Problem(rel, "binary file")
    text, encoding = decode_bytes(data)
    if rel.lower().endswith((".html", ".htm")):
        text = html_to_text(text)
    elif rel.lower().endswith((".md", ".markdown")):
        text = markdown_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        return Problem(rel, "no readable text")
    return SourceText(rel, text, encoding)


_MD_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S)|\d+[.)]\s+(?=\S))")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(md: str) -> str:
    """Strip Markdown markup that is not prose: heading marks, quote marks, links, emphasis."""
    lines = []
    for line in md.splitlines():
        if re.fullmatch(r"\s*([-*_]\s*){3,}", line):
            lines.append("")
            continue
        line = _MD_PREFIX.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPH.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


def load_folder(folder: str, recursive: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None) -> LoadResult:
    """Read every article file of folder; raise FolderError only when the folder itself is unusable."""
    if not os.path.exists(folder):
        raise FolderError(f"{folder}: no such folder")
    if not os.path.isdir(folder):
        raise FolderError(f"{folder}: not a folder")
    try:
        names = discover(folder, recursive)
    except OSError as exc:
        raise FolderError(f"{folder}: cannot list folder ({exc.strerror or exc})") from exc
    sources: list[SourceText] = []
    problems: list[Problem] = []
    for i, rel in enumerate(names):
        checkpoint(cancel)
        got = read_source(folder, rel, max_bytes)
        if isinstance(got, Problem):
            problems.append(got)
        else:
            sources.append(got)
        report(progress, "load", (i + 1) / max(1, len(names)))
    return LoadResult(folder, tuple(sources), tuple(problems))
