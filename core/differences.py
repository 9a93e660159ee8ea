"""The places where the articles disagree, in reading order, each with a content-based key."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable, Optional

from copydesk.core.highlight import changed_ranges, included_set
from copydesk.core.layout import layout_rows
from copydesk.core.model import Comparison, Group, ParaRef
from copydesk.core.tokens import fold, tokenize

_SNIPPET = 60
_FINGERPRINT_LEN = 16  # 64 bits: collisions among one story's paragraphs are not a concern


@dataclass(frozen=True)
class Difference:
    """One place where the included articles disagree (a display row, or part of one)."""

    key: str  # stable content key: survives re-alignment, edits to other paragraphs, restarts
    kind: str  # "unique" | "missing" | "wording"
    group: int  # index into Comparison.groups
    refs: tuple[ParaRef, ...]  # the paragraphs concerned (included articles only)
    label: str  # one line for lists and the status bar
    fingerprints: tuple[str, ...] = ()  # paragraph_fingerprint of each of refs: lets a review mark follow them
    row: int = 0  # position of its row in the layout it was found in (core.layout)


def content_fingerprint(text: str) -> str:
    """The words of text, folded (case, quotes, diacritics) and space-joined.

    Whitespace, punctuation and letter case do not count, so re-saving a file with other line
    breaks or typographic quotes keeps its review marks; changing a word does not.
    """
    return " ".join(fold(text[t.start:t.end]) for t in tokenize(text))


def paragraph_fingerprint(text: str) -> str:
    """A short sha1 of content_fingerprint(text): names one paragraph's words in saved review marks."""
    return _short(content_fingerprint(text))


def difference_key(kind: str, texts: Iterable[str]) -> str:
    """kind + sha1 of the sorted fingerprints of the paragraphs involved (order and position free)."""
    return _key(kind, [content_fingerprint(t) for t in texts])


def _key(kind: str, folded: list[str]) -> str:
    return kind + ":" + _sha1("\n".join(sorted(folded)))


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _short(folded: str) -> str:
    return _sha1(folded)[:_FINGERPRINT_LEN]


def inline_changes(c: Comparison, ref: ParaRef,
                   included: Optional[frozenset[int]] = None) -> tuple[tuple[int, int], ...]:
    """[start, end) runs of the paragraph (code points) not carried by every other included article.

    The changed words as core.highlight classifies them, runs separated only by spaces merged. A
    paragraph of an excluded article, a boilerplate paragraph, or a comparison with fewer than two
    included articles has no changes.
    """
    if c.paragraph(ref).boilerplate:
        return ()
    return changed_ranges(c, ref, included)


def find_differences(c: Comparison, included: Optional[frozenset[int]] = None,
                     reference: Optional[int] = None) -> tuple[Difference, ...]:
    """Every difference among the included articles, in the order of the rows (core.layout, by reference).

    unique: a paragraph only one included article has; missing: a row some included articles lack;
    wording: a row all included articles have, with words not carried by all of them. Excluded
    articles are treated as absent. Keys are unique within the result (a repeat gets '#2', ...).

    The key changes whenever the set of paragraphs or the kind changes (an article joins or leaves
    the row); fingerprints name the paragraphs one by one so that core.review.ReviewState.follow
    can carry a mark over such a change.
    """
    inc = included_set(c, included)
    if len(inc) < 2:
        return ()
    found: list[Difference] = []
    seen: dict[str, int] = {}
    layout = layout_rows(c, reference, sorted(inc), unaligned=False)
    for row, gi in enumerate(layout.group_order()):
        kind, refs = _classify(c, c.groups[gi], inc)
        if not kind:
            continue
        folded = [content_fingerprint(c.paragraph(r).text) for r in refs]
        key = _key(kind, folded)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        fingerprints = tuple(_short(f) for f in folded)
        found.append(Difference(key, kind, gi, refs, _label(c, kind, refs, inc), fingerprints, row))
    return tuple(found)


def _classify(c: Comparison, group: Group, inc: frozenset[int]) -> tuple[str, tuple[ParaRef, ...]]:
    refs = tuple(r for r in group.members if r[0] in inc and not c.paragraph(r).boilerplate)
    present = {a for a, _ in refs}
    if not refs:
        return "", refs
    if len(present) == 1:
        return "unique", refs
    if present != inc:
        return "missing", refs
    if any(inline_changes(c, r, inc) for r in refs):
        return "wording", refs
    return "", refs


def _label(c: Comparison, kind: str, refs: tuple[ParaRef, ...], inc: frozenset[int]) -> str:
    present = sorted({a for a, _ in refs})
    snippet = _snippet(c.paragraph(refs[0]).text)
    if kind == "unique":
        return f"Only in {c.articles[present[0]].label(40)}: {snippet}"
    if kind == "missing":
        absent = sorted(inc - set(present))
        names = ", ".join(c.articles[a].number for a in absent)
        return f"Missing from {names}: {snippet}"
    return f"Wording differs across {len(present)} articles: {snippet}"


def _snippet(text: str) -> str:
    flat = " ".join(text.split()).strip("\"“”'‘’ ")  # the label adds its own quotation marks
    if len(flat) <= _SNIPPET:
        return f"“{flat}”"
    cut = flat[:_SNIPPET].rsplit(" ", 1)[0] or flat[:_SNIPPET]
    return f"“{cut}…”"
