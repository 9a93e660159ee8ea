"""Compare a folder of article versions: load, segment, mark boilerplate, align, group, span."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

from copydesk.core import boilerplate
from copydesk.core.align import AlignOptions, align, build_features
from copydesk.core.align_pivot import align_by_pivot
from copydesk.core.corpus import DEFAULT_MAX_BYTES, FolderError, LoadResult, SourceText, load_folder
from copydesk.core.findings import run_checks
from copydesk.core.grouping import build_groups
from copydesk.core.model import Article, Comparison, Link, Paragraph, ParaRef
from copydesk.core.paragraph_memo import ParagraphMemo
from copydesk.core.segment import looks_like_title, paragraph_spans
from copydesk.core.sentences import folder_idf
from copydesk.core.spans import article_stats, carry, spans_for_paragraph
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report
from copydesk.core.tokens import Token, tokenize


@dataclass(frozen=True)
class CompareOptions:
    """Everything the user can set about one comparison."""

    recursive: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    align: AlignOptions = field(default_factory=AlignOptions)
    boilerplate_patterns: tuple[str, ...] = ()
    excluded: frozenset[str] = frozenset()  # article paths left out of the comparison
    run_checks: bool = True
    min_articles: int = 2  # core.multistory passes 1: an article that fits no story is a story of its own


@dataclass
class _Draft:
    """Mutable working state of one article while the comparison is built."""

    source: SourceText
    bounds: list[tuple[int, int]]
    texts: list[str]
    tokens: list[list[Token]]
    title_index: int
    boiler: list[str]


def compare_folder(folder: str, options: CompareOptions = CompareOptions(),
                   progress: Optional[ProgressCallback] = None,
                   cancel: Optional[CancelToken] = None) -> Comparison:
    """Load folder and compare its articles; raise FolderError when fewer than two are usable."""
    t0 = time.perf_counter()
    loaded = load_folder(folder, options.recursive, options.max_bytes, progress, cancel)
    t_load = time.perf_counter()
    return compare_loaded(loaded, options, progress, cancel, load_ms=(t_load - t0) * 1000)


def compare_loaded(loaded: LoadResult, options: CompareOptions = CompareOptions(),
                   progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                   load_ms: float = 0.0, memo: Optional[ParagraphMemo] = None) -> Comparison:
    """Compare already-loaded sources (see compare_folder); memo: the run's paragraph memo (core.multistory)."""
    t0 = time.perf_counter()
    sources = [s for s in loaded.sources if s.path not in options.excluded]
    if len(sources) < max(1, options.min_articles):
        detail = "; ".join(f"{p.path}: {p.reason}" for p in loaded.problems)
        raise FolderError(
            f"{loaded.folder}: needs at least two readable articles (.txt, .md, .html), found {len(sources)}"
            + (f" ({detail})" if detail else ""), loaded.problems)
    extra = boilerplate.compile_user_patterns(options.boilerplate_patterns)
    memo = memo if memo is not None else ParagraphMemo()  # versions repeat paragraphs: tokenize each text once
    drafts = [_segment(s, extra, memo) for s in sources]
    _mark_repeats(drafts)
    checkpoint(cancel)
    t_seg = time.perf_counter()
    report(progress, "segment", 1.0)

    refs, token_lists = [], []
    for a, d in enumerate(drafts):
        for p, toks in enumerate(d.tokens):
            if not d.boiler[p]:
                refs.append((a, p))
                token_lists.append(toks)
    feats = build_features(refs, token_lists)
    keys = {a: hashlib.sha1(d.source.text.encode("utf-8", "surrogatepass")).hexdigest() for a, d in enumerate(drafts)}
    pivots: frozenset[ParaRef]
    if len(drafts) <= options.align.pairwise_limit:
        links, pivots = align(feats, options.align, progress, cancel, keys), frozenset()
    else:
        links, pivot_set = align_by_pivot(feats, options.align, progress, cancel, keys)
        pivots = frozenset(pivot_set)
    links = _restore_subheads(drafts, links)
    _mark_unlinked_clutter(drafts, links)

    content = [[p for p in range(len(d.texts)) if not d.boiler[p]] for d in drafts]
    groups = build_groups(content, links)
    spans, stats, sentence_links = _spans_and_stats(drafts, links, pivots, progress, cancel, folder_idf(feats))
    articles = tuple(_article(a, d) for a, d in enumerate(drafts))
    t_end = time.perf_counter()
    report(progress, "align", 1.0)
    timings = {"load": round(load_ms, 2), "segment": round((t_seg - t0) * 1000, 2),
               "align": round((t_end - t_seg) * 1000, 2), "total": round(load_ms + (t_end - t0) * 1000, 2)}
    comparison = Comparison(folder=loaded.folder, articles=articles, links=tuple(links), groups=tuple(groups),
                            spans=spans, stats=stats, problems=loaded.problems, timings_ms=timings,
                            sentence_links=sentence_links)
    if options.run_checks:
        comparison = run_checks(comparison, cancel)
        timings["checks"] = round((time.perf_counter() - t_end) * 1000, 2)
        timings["total"] = round(load_ms + (time.perf_counter() - t0) * 1000, 2)
    return comparison


def _segment(source: SourceText, extra: tuple, memo: ParagraphMemo) -> _Draft:
    bounds = paragraph_spans(source.text)
    texts = [source.text[s:e] for s, e in bounds]
    title_index = 0 if texts and looks_like_title(texts[0]) else -1
    tokens = [memo.tokens(t) for t in texts]
    boiler = [memo.classify(t, i == title_index, extra) if tokens[i] else "no words"
              for i, t in enumerate(texts)]  # '***', '…': separators, not story
    if title_index == 0 and boiler[0]:
        # a mangled link or kicker above the headline: the headline is the next title-like line
        title_index = 1 if len(texts) > 1 and looks_like_title(texts[1]) and not boiler[1] else -1
    return _Draft(source, bounds, texts, tokens, title_index, boiler)


def _mark_repeats(drafts: list[_Draft]) -> None:
    keys = [[" ".join(t.norm for t in toks) for toks in d.tokens] for d in drafts]
    for a, p in boilerplate.repeated_across(keys, [d.texts for d in drafts]):
        if not drafts[a].boiler[p]:
            drafts[a].boiler[p] = "repeated line"


_SECTION_PARAGRAPHS = 3  # the story paragraphs after a crosshead that it is taken to head


def _is_crosshead(d: _Draft, p: int) -> bool:
    """A short line inside the story that heads the story text after it (boilerplate.heads_section).

    Both neighbours are story paragraphs (not the title, not furniture), and its words recur in the next few
    story paragraphs: 'Rescue efforts' before 'Rescue teams pulled 40 people ...'. A label ('Related Topics:')
    ends in a colon and is not a crosshead.
    """
    if not 0 < p < len(d.texts) - 1 or d.texts[p].rstrip().endswith(":"):
        return False
    if d.boiler[p - 1] or d.boiler[p + 1] or p - 1 == d.title_index or not boilerplate.is_clutter(d.texts[p], 8):
        return False
    following = [q for q in range(p + 1, len(d.texts)) if not d.boiler[q]][:_SECTION_PARAGRAPHS]
    section = {t.norm for q in following for t in d.tokens[q] if t.is_content}
    return boilerplate.heads_section([t.norm for t in d.tokens[p] if t.is_content], section)


def _restore_subheads(drafts: list[_Draft], links: list[Link]) -> list[Link]:
    """A repeated short line that is a shared subhead, not furniture, is story and linked to its copies.

    Page furniture ('Follow Us') repeats too, but sits at an article's edge or among other furniture;
    a subhead keeps its place in the story, so its neighbours on both sides are linked to each other,
    or, in both versions, it heads the story text that follows it (_is_crosshead).
    """
    linked = {(l.a, l.b) for l in links}
    story = [[p for p in range(len(d.texts)) if not d.boiler[p]] for d in drafts]

    def neighbours(a: int, p: int) -> tuple:
        before = [q for q in story[a] if q < p]
        after = [q for q in story[a] if q > p]
        return ((a, before[-1]) if before else None), ((a, after[0]) if after else None)

    def is_linked(x, y) -> bool:
        return x is not None and y is not None and (min(x, y), max(x, y)) in linked

    def crosshead(x: tuple[int, int]) -> bool:
        return _is_crosshead(drafts[x[0]], x[1])

    by_key: dict[str, list[tuple[int, int]]] = {}
    for a, d in enumerate(drafts):
        for p, reason in enumerate(d.boiler):
            if reason == "repeated line":
                by_key.setdefault(" ".join(t.norm for t in d.tokens[p]), []).append((a, p))
    added = []
    for refs in by_key.values():
        for i, x in enumerate(refs):
            for y in refs[i + 1:]:
                if x[0] == y[0]:
                    continue
                (xb, xa), (yb, ya) = neighbours(*x), neighbours(*y)
                if (is_linked(xb, yb) and is_linked(xa, ya)) or (crosshead(x) and crosshead(y)):
                    added.append(Link(min(x, y), max(x, y), 1.0))
    for link in added:
        for a, p in (link.a, link.b):
            drafts[a].boiler[p] = ""
    return sorted(set(links) | set(added), key=lambda l: (l.a, l.b)) if added else links


def _mark_unlinked_clutter(drafts: list[_Draft], links: list[Link]) -> None:
    """Short unlinked non-sentences (menu items, stray labels) are page clutter, not story; crossheads stay."""
    linked = {l.a for l in links} | {l.b for l in links}
    for a, d in enumerate(drafts):
        for p, text in enumerate(d.texts):
            if d.boiler[p] or p == d.title_index or (a, p) in linked:
                continue
            if boilerplate.is_clutter(text) and not _is_crosshead(d, p):
                d.boiler[p] = "short unlinked line"


def _spans_and_stats(drafts: list[_Draft], links: list[Link], pivots: frozenset[ParaRef],
                     progress: Optional[ProgressCallback], cancel: Optional[CancelToken], idf: dict[str, float]):
    tokens = {(a, p): toks for a, d in enumerate(drafts) for p, toks in enumerate(d.tokens)}
    texts = {(a, p): text for a, d in enumerate(drafts) for p, text in enumerate(d.texts)}
    checkpoint(cancel)
    # the word diff of every link is the longest step of a big folder: it honours cancel as it goes;
    # sentences are aligned first, so a sentence no other version carries is never credited (core/spans)
    result = carry(tokens, [(link.a, link.b) for link in links], texts, idf, pivots, progress, cancel)
    carried, rewritten = result.exact, result.reworded
    all_spans, all_stats = [], []
    for a, d in enumerate(drafts):
        checkpoint(cancel)
        per_para, story_masks, story_rewords = [], [], []
        for p, text in enumerate(d.texts):
            toks = d.tokens[p]
            masks = carried.get((a, p)) or [0] * len(toks)
            rewords = rewritten.get((a, p)) or [0] * len(toks)
            per_para.append(spans_for_paragraph(len(text), toks, masks, rewords))
            if not d.boiler[p]:
                story_masks.append(masks)
                story_rewords.append(rewords)
        all_spans.append(tuple(per_para))
        all_stats.append(article_stats(story_masks, len(drafts), story_rewords))
    return tuple(all_spans), tuple(all_stats), result.sentence_links


def _article(index: int, d: _Draft) -> Article:
    paragraphs = tuple(
        Paragraph(index=p, text=text, start=d.bounds[p][0], end=d.bounds[p][1], is_title=(p == d.title_index),
                  boilerplate=bool(d.boiler[p]), boilerplate_reason=d.boiler[p])
        for p, text in enumerate(d.texts))
    if d.title_index >= 0:
        title = d.texts[d.title_index]
    else:
        title = os.path.splitext(d.source.path.rsplit("/", 1)[-1])[0]
    return Article(index, d.source.path, title, d.source.encoding, d.source.text, paragraphs)


def compare_texts(texts: Sequence[str], names: Optional[Sequence[str]] = None,
                  options: CompareOptions = CompareOptions()) -> Comparison:
    """Compare in-memory article texts (for tests and tools); names default to a.txt, b.txt, ..."""
    names = list(names or [f"{i:03d}.txt" for i in range(len(texts))])
    sources = tuple(SourceText(n, t, "utf-8") for n, t in zip(names, texts))
    return compare_loaded(LoadResult("<memory>", sources, ()), options)
