"""Frozen dataclasses for every value the comparison engine produces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """text as people read it: a lone surrogate (a name byte that is not UTF-8) becomes U+FFFD.

    File and folder names keep such surrogates (surrogateescape) so the file can be opened again;
    only what is shown or written for people goes through this.
    """
    return _SURROGATE.sub("\ufffd", text)


@lru_cache(maxsize=1 << 14)
def mask_indices(mask: int) -> tuple[int, ...]:
    """The set bits of mask as sorted indices (bit a = article a), lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return tuple(out)


def mask_of(indices: Iterable[int]) -> int:
    """The bit mask with the given indices set."""
    mask = 0
    for i in indices:
        mask |= 1 << i
    return mask


ParaRef = tuple[int, int]
"""(article index, paragraph index) into Comparison.articles."""


@dataclass(frozen=True)
class Problem:
    """A file that could not be used, and why, or a caveat about one that was (shown, never fatal)."""

    path: str
    reason: str
    skipped: bool = True  # False: the file loaded, read with a caveat (e.g. undecodable bytes replaced)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article; start/end are code-point offsets into Article.text."""

    index: int
    text: str
    start: int
    end: int
    is_title: bool = False
    boilerplate: bool = False
    boilerplate_reason: str = ""


@dataclass(frozen=True)
class Article:
    """One loaded file: its text split into paragraphs."""

    index: int
    path: str  # relative to the folder, '/' separated
    title: str
    encoding: str
    text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def name(self) -> str:
        """The file name without folders, as people read it (see readable)."""
        return readable(self.path.rsplit("/", 1)[-1])

    @property
    def number(self) -> str:
        """'#3': the article's number as panes, lists and messages show it (1-based)."""
        return f"#{self.index + 1}"

    def label(self, limit: int = 60) -> str:
        """How people see the article named everywhere: '#3 Headline…' (the file name when untitled)."""
        head = " ".join((self.title or self.name).split())
        if len(head) > limit:
            head = (head[:limit].rsplit(" ", 1)[0] or head[:limit]) + "…"
        return f"{self.number} {head}"


@dataclass(frozen=True, slots=True)
class Span:
    """A run of a paragraph's text [start, end) carried by the same set of other articles.

    carriers is that set as a bit mask (bit a = article a): with hundreds of versions a span can be
    carried by most of them, and the mask is what counting and intersecting need; shared_with
    decodes it only where a list is wanted (the JSON, tooltips).
    """

    start: int
    end: int
    carriers: int
    reworded: int = 0  # bit a: article a carries this content in other words (a sentence aligned to it) but not these words

    @property
    def shared_with(self) -> tuple[int, ...]:
        """The other articles carrying this span, as sorted indices."""
        return mask_indices(self.carriers)

    @property
    def reworded_in(self) -> tuple[int, ...]:
        """The other articles carrying this span's content in other words, as sorted indices."""
        return mask_indices(self.reworded)


def make_span(start: int, end: int, carriers: int, reworded: int = 0) -> Span:
    """Span(start, end, carriers, reworded), built at about half the cost of the frozen __init__.

    A big folder has hundreds of thousands of spans (one per change of carriers); the generated __init__
    sets each field through object.__setattr__, which looks the name up first. The slots' own setters
    do the same stores directly (all that __init__ does for a frozen dataclass with no __post_init__).
    """
    span = _new_object(Span)
    _set_start(span, start)
    _set_end(span, end)
    _set_carriers(span, carriers)
    _set_reworded(span, reworded)
    return span


_new_object = object.__new__
_set_start, _set_end, _set_carriers, _set_reworded = (getattr(Span, name).__set__
                                                      for name in ("start", "end", "carriers", "reworded"))


@dataclass(frozen=True)
class Link:
    """Two paragraphs of different articles that carry the same content; a < b."""

    a: ParaRef
    b: ParaRef
    score: float


@dataclass(frozen=True)
class Group:
    """A display row: paragraphs linked to each other, at most a few per article."""

    members: tuple[ParaRef, ...]

    def articles(self) -> frozenset[int]:
        """The article indices present in this group."""
        return frozenset(a for a, _ in self.members)


@dataclass(frozen=True)
class ArticleStats:
    """Shares of an article's story words: kept by all others, by some, reworded by some, or only here (sum 1).

    shared_all/shared_some: other versions keep these very words; reworded: no other keeps the words, but
    some carry the content in other words (an aligned sentence); unique: content no other version carries.
    """

    words: int
    shared_all: float
    shared_some: float
    unique: float
    reworded: float = 0.0


@dataclass(frozen=True)
class Comparison:
    """The single immutable result every view (GUI, CLI, PDF, JSON) renders."""

    folder: str
    articles: tuple[Article, ...]
    links: tuple[Link, ...]
    groups: tuple[Group, ...]
    spans: tuple[tuple[tuple[Span, ...], ...], ...]  # [article][paragraph] -> spans
    stats: tuple[ArticleStats, ...]
    problems: tuple[Problem, ...] = ()
    timings_ms: dict = field(default_factory=dict, compare=False, hash=False)
    findings: tuple = ()  # core.findings.Finding values, filled by the editorial checks
    source_ranking: tuple = ()  # core.findings.SourceScore values, best first
    deltas: tuple = ()  # core.findings.ArticleDelta values: what each article adds and cuts
    check_errors: tuple[str, ...] = ()  # 'check: ExceptionType: message' per editorial check that failed
    checks_ran: bool = False  # the editorial checks filled findings, ranking and deltas (they may be empty)
    sentence_links: tuple = ()  # core.sentences.SentenceLink values: aligned sentences of linked paragraphs

    def paragraph(self, ref: ParaRef) -> Paragraph:
        """The paragraph at (article, paragraph)."""
        return self.articles[ref[0]].paragraphs[ref[1]]

    def links_of(self, ref: ParaRef) -> list[tuple[ParaRef, float]]:
        """Every paragraph linked to ref, with the link score."""
        index = self._link_index()
        return index.get(ref, [])

    def group_of(self, ref: ParaRef) -> Optional[int]:
        """Index of the group holding ref, or None (boilerplate)."""
        return self._group_index().get(ref)

    def _link_index(self) -> dict:
        cache = self.__dict__.get("_links_by_ref")
        if cache is None:
            cache = {}
            for link in self.links:
                cache.setdefault(link.a, []).append((link.b, link.score))
                cache.setdefault(link.b, []).append((link.a, link.score))
            object.__setattr__(self, "_links_by_ref", cache)
        return cache

    def _group_index(self) -> dict:
        cache = self.__dict__.get("_group_by_ref")
        if cache is None:
            cache = {m: gi for gi, g in enumerate(self.groups) for m in g.members}
            object.__setattr__(self, "_group_by_ref", cache)
        return cache
