"""Strip Markdown markup that is not prose, in time linear in the text however odd it is."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from copydesk.core.budget import CHECK_EVERY, ReadBudget, unlimited

# Heading marks, quote marks, list bullets and numbers at the start of a line. Anchored and bounded:
# at most one attempt per line, and the lookahead after \s+ backs off at most the run of spaces.
_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S)|\d+[.)]\s+(?=\S))")
_DELIMITER = re.compile(r"[*_`]")
_EMPHASIS = ("**", "__", "*", "_", "`")  # tried in this order at each position, longest first


def markdown_to_text(md: str, budget: Optional[ReadBudget] = None) -> str:
    """Strip Markdown markup that is not prose: heading marks, quote marks, links, emphasis."""
    budget = budget or unlimited()
    lines = []
    for n, line in enumerate(md.splitlines()):
        if n % CHECK_EVERY == 0:
            budget.check()
        if _is_rule(line):
            lines.append("")
            continue
        line = _PREFIX.sub("", line)
        line = strip_links(line)
        line = strip_emphasis(line)
        lines.append(line)
    return "\n".join(lines)


def _is_rule(line: str) -> bool:
    # A thematic break: three or more of - * _ with only spaces between, i.e. re.fullmatch(r"\s*([-*_]\s*){3,}").
    marks = "".join(line.split())
    return len(marks) >= 3 and not marks.strip("-*_")


def strip_links(line: str) -> str:
    """Replace each [text](target) and ![alt](src) by its text (the old _MD_LINK regex, in linear time)."""
    # The regex r"!?\[([^\]]*)\]\([^)]*\)" retries from every '[' and scans to the end of the line each time
    # (quadratic on a line of '['). Here every '[' that shares the same first ']' after it fails together,
    # so each character is looked at a bounded number of times; the output is the regex's.
    if "[" not in line:
        return line
    out: list[str] = []
    done = 0  # line[:done] is already in out
    i = line.find("[")
    while i >= 0:
        close = line.find("]", i + 1)
        if close < 0:
            break  # no ']' after this '[', so none after any later one either
        if not line.startswith("(", close + 1):
            i = line.find("[", close + 1)  # every '[' before close fails at the same ']'
            continue
        end = line.find(")", close + 2)
        if end < 0:
            break  # later '[' find their ']' no earlier, and no ')' after it
        start = i - 1 if i > done and line[i - 1] == "!" else i
        out.append(line[done:start])
        out.append(line[i + 1:close])
        done = end + 1
        i = line.find("[", done)
    out.append(line[done:])
    return "".join(out)


def strip_emphasis(line: str) -> str:
    """Unwrap **x**, __x__, *x*, _x_ and `x` (the old _MD_EMPH regex, in n log n time)."""
    # The lazy regex r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1" scans to the end of the line from every opener
    # that has no closer (quadratic on '_a _a _a ...'). Here the closers of each marker are listed once and
    # the nearest is found by bisection; the output is the regex's.
    if not _DELIMITER.search(line):
        return line
    closers = {mark: _closers(line, mark) for mark in _EMPHASIS}
    out: list[str] = []
    done = 0
    m = _DELIMITER.search(line)
    while m is not None:
        pos = m.start()
        nxt = pos + 1
        for mark in _EMPHASIS:
            body = pos + len(mark)
            if not line.startswith(mark, pos) or body >= len(line) or line[body].isspace():
                continue
            found = closers[mark]
            k = bisect_left(found, body + 1)  # the body holds at least one character
            if k < len(found):
                close = found[k]
                out.append(line[done:pos])
                out.append(line[body:close])
                done = nxt = close + len(mark)
                break
        m = _DELIMITER.search(line, nxt)
    out.append(line[done:])
    return "".join(out)


def _closers(line: str, mark: str) -> list[int]:
    # Every position where mark starts right after a non-space character, overlapping ones included.
    found = []
    pos = line.find(mark, 1)
    while pos >= 0:
        if not line[pos - 1].isspace():
            found.append(pos)
        pos = line.find(mark, pos + 1)
    return found
