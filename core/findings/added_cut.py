"""What each article adds that no other carries, and what it cuts from the likely original."""

from __future__ import annotations

from collections import defaultdict

from copydesk.core.findings.model import ArticleDelta, SourceScore
from copydesk.core.findings.persons import RUN_RE, ROLE_NOUNS, strip_leading
from copydesk.core.findings.quotes import Quote
from copydesk.core.findings.source import paragraph_origins
from copydesk.core.findings.text import CAP_RE, name_key, skeleton, snippet, strip_possessive
from copydesk.core.model import Comparison, ParaRef

MAX_LABELS = 3


def article_deltas(c: Comparison, ranking: tuple[SourceScore, ...], quotes: list[Quote]) -> tuple[ArticleDelta, ...]:
    """One ArticleDelta per article, in folder order; the cut list is against the best-ranked article."""
    if not ranking:
        return ()
    original = ranking[0].article
    origins = paragraph_origins(c, ranking)
    speakers: dict[ParaRef, str] = {}
    for q in quotes:
        speakers.setdefault((q.article, q.pieces[0].paragraph), q.speaker_name)
    original_words = {skeleton(w) for w in CAP_RE.findall(c.articles[original].text)}
    original_story = _story(c, original)
    # per article, the original's paragraphs linked to it: one pass over the original's links, not one per article
    linked_to: dict[int, set[ParaRef]] = defaultdict(set)
    for r in original_story:
        for other, _ in c.links_of(r):
            linked_to[other[0]].add(r)
    origins_of: dict[int, list[tuple[ParaRef, ParaRef]]] = defaultdict(list)
    for r, o in origins.items():
        origins_of[r[0]].append((r, o))
    out = []
    for art in c.articles:
        a = art.index
        story = [(a, p.index) for p in art.paragraphs if not p.boilerplate and not p.is_title]
        added = tuple(r for r in story if not c.links_of(r))
        cut: tuple[ParaRef, ...] = ()
        if a != original:
            cut = tuple(r for r in original_story if r not in linked_to[a])
        labels = list(dict.fromkeys(_label(c, r, speakers, original_words if a != original else set())
                                    for r in added))
        summary = _summary(c, a == original, added, cut, labels)
        out.append(ArticleDelta(a, added, cut, summary, tuple(sorted(origins_of[a]))))
    return tuple(out)


def _story(c: Comparison, a: int) -> list[ParaRef]:
    return [(a, p.index) for p in c.articles[a].paragraphs if not p.boilerplate and not p.is_title]


def _label(c: Comparison, ref: ParaRef, speakers: dict[ParaRef, str], known: set[str]) -> str:
    """A few words naming what a paragraph is about: whose quote, or the first name the original lacks."""
    if speakers.get(ref):
        return f"{speakers[ref]} quote"
    text = c.paragraph(ref).text
    runs = []
    for m in RUN_RE.finditer(text):
        ws = [w for w in strip_leading(m.group().split()) if name_key(w) not in ROLE_NOUNS]
        if ws and len(ws[-1]) > 2:
            runs.append(strip_possessive(" ".join(ws[-2:])))
    fresh = [r for r in runs if not all(skeleton(w) in known for w in r.split())]
    fresh.sort(key=lambda r: -min(len(r.split()), 2))
    return fresh[0] if fresh else snippet(text, 30)


def _summary(c: Comparison, is_original: bool, added, cut, labels: list[str]) -> str:
    listed = ", ".join(labels[:MAX_LABELS]) + (", …" if len(labels) > MAX_LABELS else "")
    own = f"{len(added)} paragraph{'s' if len(added) != 1 else ''}" + (f" ({listed})" if listed else "")
    if is_original:
        return "likely original" + (f"; {own} no other version carries" if added else "; every paragraph is shared")
    parts = [f"adds {own}" if added else "adds nothing of its own"]
    parts.append(f"cuts {len(cut)} of the original's paragraphs" if cut else "keeps every paragraph of the original")
    return "; ".join(parts)
