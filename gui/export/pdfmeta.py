"""What QPdfWriter cannot write: an outline (bookmarks), the subject and the document language.

They are added as a PDF incremental update (ISO 32000-1, 7.5.6): new objects and a new cross-reference
section appended after Qt's file, which stays byte for byte as it was. QPdfWriter writes its catalog,
info and page tree as plain (uncompressed) objects, which is all that is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGE = "en"
"""The language of the report's own words (headings, legend); PDF readers use it for speech and search."""


class MetadataError(ValueError):
    """The file is not laid out as QPdfWriter writes it; nothing was appended."""


@dataclass(frozen=True)
class Bookmark:
    """One outline entry: title, level (0 = top), page index (0-based) and the top of its target in points."""

    title: str
    level: int
    page: int
    top: float


def _text(value: str) -> bytes:
    """A PDF text string as UTF-16BE hex with a byte-order mark: safe for any headline."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _object(data: bytes, number: int) -> bytes:
    """The dictionary body (between the outer << >>) of object `number` 0 of the file."""
    found = None
    for m in re.finditer(rb"(?m)^%d 0 obj\s*<<(.*?)>>\s*endobj" % number, data, re.S):
        found = m  # the last one: an update may have replaced it before
    if found is None:
        raise MetadataError(f"object {number} not found")
    return found.group(1)


def _ref(body: bytes, key: bytes) -> int:
    m = re.search(rb"/" + key + rb"\s+(\d+)\s+0\s+R", body)
    if m is None:
        raise MetadataError(f"/{key.decode()} not found")
    return int(m.group(1))


def add_metadata(path: str, bookmarks: list[Bookmark], subject: str, page_height: float) -> None:
    """Append the outline, the /Subject and /Lang to the PDF at path (page_height in points, for targets)."""
    with open(path, "rb") as f:
        data = f.read()
    trailer = data[data.rfind(b"trailer"):]
    root, info = _ref(trailer, b"Root"), _ref(trailer, b"Info")
    m = re.search(rb"/Size\s+(\d+)", trailer)
    start = re.search(rb"startxref\s+(\d+)", trailer)
    if m is None or start is None:
        raise MetadataError("no trailer")
    size = int(m.group(1))
    catalog = _object(data, root)
    kids = re.search(rb"/Kids\s*\[(.*?)\]", _object(data, _ref(catalog, b"Pages")), re.S)
    if kids is None:
        raise MetadataError("no page list")
    pages = [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", kids.group(1))]
    ids = re.search(rb"/ID\s*\[.*?\]", trailer, re.S)

    objects: dict[int, bytes] = {}
    next_number = size
    outline = next_number
    next_number += 1
    numbers = list(range(next_number, next_number + len(bookmarks)))
    next_number += len(bookmarks)
    parents = _parents(bookmarks)
    for i, b in enumerate(bookmarks):
        parent = numbers[parents[i]] if parents[i] >= 0 else outline
        siblings = [j for j in range(len(bookmarks)) if parents[j] == parents[i]]
        children = [j for j in range(len(bookmarks)) if parents[j] == i]
        at = siblings.index(i)
        page = pages[min(max(b.page, 0), len(pages) - 1)] if pages else 0
        entry = [b"/Title " + _text(b.title), b"/Parent %d 0 R" % parent,
                 b"/Dest [%d 0 R /XYZ 0 %.1f 0]" % (page, max(0.0, page_height - b.top))]
        if at > 0:
            entry.append(b"/Prev %d 0 R" % numbers[siblings[at - 1]])
        if at + 1 < len(siblings):
            entry.append(b"/Next %d 0 R" % numbers[siblings[at + 1]])
        if children:
            entry += [b"/First %d 0 R" % numbers[children[0]], b"/Last %d 0 R" % numbers[children[-1]],
                      b"/Count %d" % len(children)]
        objects[numbers[i]] = b"<<\n" + b"\n".join(entry) + b"\n>>"
    top = [j for j in range(len(bookmarks)) if parents[j] < 0]
    if top:
        objects[outline] = (b"<<\n/Type /Outlines\n/First %d 0 R\n/Last %d 0 R\n/Count %d\n>>"
                            % (numbers[top[0]], numbers[top[-1]], len(top)))
    extra = b"\n/Lang " + _text(LANGUAGE) + b"\n/ViewerPreferences << /DisplayDocTitle true >>"
    if top:
        extra += b"\n/Outlines %d 0 R\n/PageMode /UseOutlines" % outline
    objects[root] = b"<<" + re.sub(rb"/(Lang|Outlines|PageMode|ViewerPreferences)\b[^/]*", b"", catalog) + extra + b"\n>>"
    info_body = re.sub(rb"/Subject\s*(\(.*?\)|<[^>]*>)", b"", _object(data, info), flags=re.S)
    objects[info] = b"<<" + info_body + b"/Subject " + _text(subject) + b"\n>>"

    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    out += (b"trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %d\n" % (max(next_number, size), root, info,
                                                                                 int(start.group(1))))
    if ids is not None:
        out += ids.group(0) + b"\n"
    out += b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    with open(path, "wb") as f:
        f.write(bytes(out))


def _parents(bookmarks: list[Bookmark]) -> list[int]:
    """For each bookmark, the index of its parent (the last earlier one a level up), or -1 at the top."""
    parents: list[int] = []
    stack: list[int] = []
    for i, b in enumerate(bookmarks):
        while stack and bookmarks[stack[-1]].level >= b.level:
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(i)
    return parents
