"""Find the stories in a folder: group its articles into versions of the same report (no Qt, no spaCy).

A feed export or a shared "today" folder holds many stories, several versions each. Every article
becomes one weighted bag of content words (core.tokens), its headline and lede weighing most (news
puts the story first; an unrelated paragraph pasted lower down weighs less), each word weighted by
how rare it is in the folder (a small folder is judged as a bigger one: with four articles, rarity
says little), a word no other article has counting half. Candidate pairs come from an inverted index
over each article's heaviest words (a long posting list is walked as a ring in a hashed order, so a
story of a thousand versions still yields a few candidates per article, not all pairs; a folder of
under a hundred articles simply tries every pair); their cosine is computed exactly.

Candidates are then joined strongest first, but two groups merge only when their average cosine over
ALL pairs of members (the dot product of the groups' summed vectors, so it costs no pairs) reaches the
threshold: average linkage. One article that carries a paragraph of another story is close to that
story's versions, yet its own story's other versions are not, so the average stays low and the two
stories are not chained. An article that fits no story is a story of its own.

Everything is ordered by content hash, never by file order, so the result does not depend on how the
folder was listed; a folder of one story gives one story holding every article.
"""

from __future__ import annotations

import hashlib
import math
from operator import mul
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from copydesk.core import boilerplate
from copydesk.core.corpus import SourceText, natural_key
from copydesk.core.paragraph_memo import ParagraphMemo
from copydesk.core.segment import looks_like_title, paragraph_spans
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report
from copydesk.core.tokens import STOPWORDS, tokenize

__all__ = ["StoryOptions", "Story", "StoryGrouping", "StoryOverride", "content_key", "group_stories"]


@dataclass(frozen=True)
class StoryOptions:
    """Thresholds of the grouping (see the module docstring)."""

    min_link: float = 0.25  # average cosine two groups need to be one story
    min_edge: float = 0.15  # cosine a candidate pair needs to be tried at all
    title_weight: float = 2.0  # the headline's words count this much more than a body paragraph's
    lede_decay: float = 0.25  # body paragraph k weighs 1 / (1 + lede_decay * k)
    prior_articles: int = 300  # word rarity is judged as in a folder of at least this many articles
    unique_weight: float = 0.5  # a word no other article has weighs this share of its rarity
    index_terms: int = 16  # each article is indexed under its heaviest words
    ring_neighbours: int = 2  # in a long posting list, each article meets this many next ones
    full_postings: int = 8  # a posting list this short yields all its pairs
    all_pairs_up_to: int = 96  # a folder this small tries every pair (a few thousand cosines)


@dataclass(frozen=True)
class Story:
    """One story: the indices of its articles (into the sources given, in folder order) and their paths."""

    id: str  # stable: the content key of its anchor article (the member with the lowest content key)
    members: tuple[int, ...]
    paths: tuple[str, ...]
    title: str  # the first member's headline (or file name); compare_stories prefers the likely original's

    def __len__(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class StoryOverride:
    """An editor's correction: put `path` in the story holding `with_path`, or alone when with_path is None."""

    path: str
    with_path: Optional[str] = None


@dataclass(frozen=True)
class StoryGrouping:
    """The stories of a folder, ordered by their first article in folder order."""

    stories: tuple[Story, ...]

    def story_of(self, path: str) -> Optional[int]:
        """Index of the story holding the article at path, or None."""
        for s, story in enumerate(self.stories):
            if path in story.paths:
                return s
        return None

    def by_id(self, story_id: str) -> Optional[Story]:
        """The story with this id, or None."""
        return next((s for s in self.stories if s.id == story_id), None)


def content_key(text: str) -> str:
    """The content key of an article text (sha1 hex), the same key the comparison uses for an article."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def group_stories(sources: Sequence[SourceText], options: StoryOptions = StoryOptions(),
                  overrides: Iterable[StoryOverride] = (), progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None, memo: Optional[ParagraphMemo] = None) -> StoryGrouping:
    """Group sources into stories; overrides (the editor's corrections) are applied last, in order.

    memo: the run's paragraph memo, shared with the comparison that follows (core.multistory).
    """
    memo = memo if memo is not None else ParagraphMemo()
    keys = [content_key(s.text) for s in sources]
    # the work runs in content-key order (then path, for identical texts): file order cannot matter
    order = sorted(range(len(sources)), key=lambda i: (keys[i], sources[i].path))
    bags = []
    seen: dict[tuple[str, bool], frozenset[str]] = {}  # versions repeat paragraphs verbatim: judge each text once
    for n, i in enumerate(order):
        bags.append(_bag(sources[i].text, options, seen, memo))
        if n % 64 == 0:
            checkpoint(cancel)
            report(progress, "stories", 0.6 * n / max(1, len(order)))
    vectors = _weigh(bags, options)
    report(progress, "stories", 0.7)
    checkpoint(cancel)
    edges = _edges(vectors, options)
    report(progress, "stories", 0.85)
    checkpoint(cancel)
    labels = _average_link(vectors, edges, options)
    if len(set(labels)) == len(labels):
        # no two articles look like one story (two loose rewrites, say): the editor put them together
        # to compare them, and a folder of lone versions would leave nothing to compare
        labels = [0] * len(labels)
    root_of = {order[n]: order[labels[n]] for n in range(len(order))}
    root_of = _apply_overrides(root_of, sources, overrides)
    report(progress, "stories", 1.0)
    return _grouping(sources, keys, root_of)


def _bag(text: str, options: StoryOptions, seen: Optional[dict[tuple[str, bool], frozenset[str]]] = None,
         paragraphs: Optional[ParagraphMemo] = None) -> dict[str, float]:
    """Content words of an article's story paragraphs, weighted by where they stand (headline, lede, body).

    seen: the words of paragraphs already judged (by text and title-ness), shared between calls.
    """
    bag: dict[str, float] = {}
    body = 0
    memo = seen if seen is not None else {}
    for p, (start, end) in enumerate(paragraph_spans(text)):
        para = text[start:end]
        is_title = p == 0 and looks_like_title(para)
        words = memo.get((para, is_title))
        if words is None:
            words = memo[(para, is_title)] = _story_words(para, is_title, paragraphs)
        if not words:
            continue
        if is_title:
            weight = options.title_weight
        else:
            weight = 1.0 / (1.0 + options.lede_decay * body)
            body += 1
        for w in words:
            bag[w] = bag.get(w, 0.0) + weight
    return bag


def _story_words(para: str, is_title: bool, paragraphs: Optional[ParagraphMemo] = None) -> frozenset[str]:
    """The content words of a paragraph that count for its story; none for boilerplate."""
    verdict = paragraphs.classify(para, is_title) if paragraphs is not None else boilerplate.classify(para, is_title)
    if verdict:
        return frozenset()  # 'Subscribe now', credits: shared by unrelated stories, never the story itself
    toks = paragraphs.tokens(para) if paragraphs is not None else tokenize(para)
    # t.norm not in STOPWORDS is Token.is_content, inline: this runs once per token of the folder
    return frozenset([t.norm for t in toks if t.norm not in STOPWORDS and len(t.norm) > 1])


def _weigh(bags: list[dict[str, float]], options: StoryOptions) -> list[dict[str, float]]:
    """Unit vectors of position weight x rarity; a small folder is judged as a bigger one (see prior_articles)."""
    df: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            df[w] = df.get(w, 0) + 1
    n = max(len(bags), options.prior_articles)
    # A word only one article has cannot make two articles one story; at full rarity a few of them (an
    # outlet's reference numbers, a reporter's byline) would outweigh every story word the article shares.
    idf = {w: math.log(1.0 + n / d) * (options.unique_weight if d == 1 else 1.0) for w, d in df.items()}
    out = []
    for bag in bags:
        vec = {w: x * idf[w] for w, x in bag.items()}
        norm = math.sqrt(math.fsum(x * x for x in vec.values())) or 1.0
        out.append({w: x / norm for w, x in vec.items()})
    return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # the shared words are few: intersect the key sets in C, then multiply only those (map: no Python loop)
    common = a.keys() & b.keys()
    return math.fsum(map(mul, map(a.__getitem__, common), map(b.__getitem__, common)))  # fsum: exact in any order


def _ring_order(term: str, members: list[int]) -> list[int]:
    """members in an order fixed by the term (a stable hash): each term walks its articles differently."""
    def rank(m: int) -> bytes:
        return hashlib.blake2b(f"{term}\0{m}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return sorted(members, key=rank)


def _edges(vectors: list[dict[str, float]], options: StoryOptions) -> list[tuple[float, int, int]]:
    """Candidate pairs (through each article's heaviest words) whose cosine reaches min_edge, strongest first."""
    if len(vectors) <= options.all_pairs_up_to:
        every = {(a, b) for a in range(len(vectors)) for b in range(a + 1, len(vectors))}
        return _scored(vectors, every, options)
    postings: dict[str, list[int]] = {}
    for i, vec in enumerate(vectors):
        heaviest = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:options.index_terms]
        for w, _ in heaviest:
            postings.setdefault(w, []).append(i)
    pairs: set[tuple[int, int]] = set()
    r = options.ring_neighbours
    for w in sorted(postings):
        members = postings[w]
        if len(members) < 2:
            continue
        if len(members) <= options.full_postings:
            pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1:])
            continue
        ring = _ring_order(w, members)
        n = len(ring)
        for x, a in enumerate(ring):
            for step in range(1, r + 1):
                b = ring[(x + step) % n]
                pairs.add((a, b) if a < b else (b, a))
    return _scored(vectors, pairs, options, _dots(vectors, pairs))


def _dots(vectors: list[dict[str, float]], pairs: set[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """The cosine of each pair, as _dot computes it, a few times faster (tens of thousands of pairs).

    Per article a, its vector is spread over a dense row once; each partner's words pick their products
    from it (zero where a lacks the word). The products are the same floats and fsum is exact, so the
    zeros and the order change nothing.
    """
    import numpy as np  # a big folder only (numpy is loaded for its checks anyway)

    vocab: dict[str, int] = {}
    ids = [np.fromiter((vocab.setdefault(w, len(vocab)) for w in vec), dtype=np.intp, count=len(vec))
           for vec in vectors]
    vals = [np.fromiter(vec.values(), dtype=np.float64, count=len(vec)) for vec in vectors]
    partners: dict[int, list[int]] = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
    row = np.zeros(len(vocab))
    out: dict[tuple[int, int], float] = {}
    for a, bs in partners.items():
        row[ids[a]] = vals[a]
        for b in bs:
            out[(a, b)] = math.fsum((row[ids[b]] * vals[b]).tolist())
        row[ids[a]] = 0.0
    return out


def _scored(vectors: list[dict[str, float]], pairs: set[tuple[int, int]], options: StoryOptions,
            dots: Optional[dict[tuple[int, int], float]] = None) -> list[tuple[float, int, int]]:
    """The pairs whose cosine (dots, if given) reaches min_edge, strongest first (ties in index order)."""
    edges = []
    for a, b in pairs:
        score = dots[(a, b)] if dots is not None else _dot(vectors[a], vectors[b])
        if score >= options.min_edge:
            edges.append((score, a, b))
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    return edges


def _average_link(vectors: list[dict[str, float]], edges: list[tuple[float, int, int]],
                  options: StoryOptions) -> list[int]:
    """Join candidate pairs strongest first when their groups' average cosine reaches min_link; a label per article."""
    parent = list(range(len(vectors)))
    size = [1] * len(vectors)
    total: dict[int, dict[str, float]] = {}  # root -> sum of its members' unit vectors (roots of size > 1)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        sa, sb = total.get(ra, vectors[ra]), total.get(rb, vectors[rb])
        if _dot(sa, sb) < options.min_link * size[ra] * size[rb]:
            continue  # the pair is close, their groups are not: an inserted paragraph, not one story
        if size[ra] < size[rb] or (size[ra] == size[rb] and rb < ra):
            ra, rb, sa, sb = rb, ra, sb, sa
        # the larger group's sum grows by the smaller one's (copied once, while it is still an article's vector)
        merged = total[ra] if ra in total else dict(sa)
        for w, x in sb.items():
            merged[w] = merged.get(w, 0.0) + x
        total[ra] = merged
        total.pop(rb, None)
        parent[rb] = ra
        size[ra] += size[rb]
    # a group is labelled by its lowest member: independent of which root union-find kept
    lowest: dict[int, int] = {}
    for i in range(len(vectors)):
        root = find(i)
        lowest.setdefault(root, i)
    return [lowest[find(i)] for i in range(len(vectors))]


def _apply_overrides(root_of: dict[int, int], sources: Sequence[SourceText],
                     overrides: Iterable[StoryOverride]) -> dict[int, int]:
    """Move articles as the editor said; an override naming a path that is not here is ignored."""
    index = {s.path: i for i, s in enumerate(sources)}
    root_of = dict(root_of)
    fresh = len(sources)  # labels no article has: a split-out article's own story
    for o in overrides:
        i = index.get(o.path)
        if i is None:
            continue
        if o.with_path is None:
            root_of[i] = fresh
            fresh += 1
        elif o.with_path in index and o.with_path != o.path:
            root_of[i] = root_of[index[o.with_path]]
    return root_of


def _grouping(sources: Sequence[SourceText], keys: list[str], root_of: dict[int, int]) -> StoryGrouping:
    """Stories in folder order: members sorted as the folder lists them, stories by their first member."""
    by_root: dict[int, list[int]] = {}
    for i in range(len(sources)):
        by_root.setdefault(root_of[i], []).append(i)

    def folder_order(i: int) -> list:
        return [natural_key(part) for part in sources[i].path.split("/")]

    stories = []
    for members in by_root.values():
        members.sort(key=lambda i: (folder_order(i), keys[i]))
        anchor = min(members, key=lambda i: (keys[i], sources[i].path))
        stories.append(Story(id=keys[anchor][:12], members=tuple(members),
                             paths=tuple(sources[i].path for i in members), title=_headline(sources[members[0]])))
    stories.sort(key=lambda s: (folder_order(s.members[0]), keys[s.members[0]]))
    return StoryGrouping(tuple(stories))


def _headline(source: SourceText) -> str:
    """The article's first title-like paragraph that is not furniture, else its file name without extension."""
    for p, (start, end) in enumerate(paragraph_spans(source.text)[:2]):
        para = source.text[start:end]
        if looks_like_title(para) and not boilerplate.classify(para, True):
            return " ".join(para.split())
    name = source.path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
