"""Match the same quotation across articles and report altered, truncated, merged or misattributed wordings."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from copydesk.core.findings.model import Finding, Occurrence
from copydesk.core.findings.persons import same_person
from copydesk.core.findings.quotes import Quote
from copydesk.core.findings.text import NEGATIONS, article_label, articles_label, render_diff, snippet, word_ops
from copydesk.core.model import Comparison

MIN_SHARED = 3          # content words two wordings must share to be one quote
STRONG_SMALL = 0.6      # ... as a share of the shorter wording
STRONG_LARGE = 0.5      # ... and of the longer one (a full match, not a fragment)
LINKED_SMALL = 0.45     # relaxed when the two sit in aligned paragraphs
LINKED_LARGE = 0.35
PARTIAL = 0.6           # a fragment or a merge: this share of the shorter side is found in the other
_ELLIPSIS = ("...", "…")


@dataclass
class _Wording:
    """Quotes of the folder that read the same, word for word (case and punctuation aside)."""

    key: tuple[str, ...]
    content: frozenset[str]
    quotes: list[Quote] = field(default_factory=list)


def quote_findings(c: Comparison, quotes: list[Quote], rank: dict[int, int]) -> list[Finding]:
    """Findings for every quotation carried by two or more articles in differing wordings or speakers."""
    wordings = _wordings(quotes)
    clusters, merged = _cluster(c, wordings)
    out = []
    for members in clusters:
        qs = [q for w in members for q in wordings[w].quotes]
        if len({q.article for q in qs}) < 2:
            continue
        out.extend(_cluster_findings(c, qs, {id(q) for w in members if w in merged for q in wordings[w].quotes},
                                     rank))
    return out


def _wordings(quotes: list[Quote]) -> list[_Wording]:
    by_key: dict[tuple[str, ...], _Wording] = {}
    for q in quotes:
        key = tuple(w.folded for w in q.words)
        w = by_key.get(key)
        if w is None:
            w = by_key[key] = _Wording(key, frozenset(x.norm for x in q.words if x.content))
        w.quotes.append(q)
    return list(by_key.values())


def _overlaps(wordings: list[_Wording]) -> dict[tuple[int, int], int]:
    """Shared content words of every pair of wordings that share any, through an inverted index."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(wordings):
        for word in w.content:
            index[word].append(i)
    shared: Counter = Counter()
    for i, w in enumerate(wordings):
        for word in w.content:
            for j in index[word]:
                if j > i:
                    shared[(i, j)] += 1
    return {pair: n for pair, n in shared.items() if n >= MIN_SHARED}


def _cluster(c: Comparison, wordings: list[_Wording]):
    """Strong matches join clusters; a fragment or a merge only attaches to the clusters it matches."""
    parent = list(range(len(wordings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    overlaps = _overlaps(wordings)
    weak: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), n in sorted(overlaps.items()):
        small, large = sorted((len(wordings[i].content), len(wordings[j].content)))
        linked = _linked(c, wordings[i], wordings[j])
        lo, hi = (LINKED_SMALL, LINKED_LARGE) if linked else (STRONG_SMALL, STRONG_LARGE)
        if n / small >= lo and n / large >= hi:
            parent[find(i)] = find(j)
        elif n / small >= PARTIAL:
            weak[i].append((j, n / small))
            weak[j].append((i, n / small))
    roots: dict[int, list[int]] = defaultdict(list)
    for i in range(len(wordings)):
        roots[find(i)].append(i)
    clusters = {r: list(m) for r, m in roots.items()}
    merged: set[int] = set()
    spread = {r: _articles(wordings, m) for r, m in roots.items()}
    # Where each cluster's quotes ended up: itself, or the wider clusters a fragment of it joined. A quote
    # cut to several lengths chains (fragment -> cut -> full), so the widest clusters settle first and a
    # narrower one follows its targets to their final places.
    home: dict[int, set[int]] = {}
    for r in sorted(roots, key=lambda r: (-len(spread[r]), r)):
        targets = {find(j) for i in roots[r] for j, _ in weak[i]} - {r}
        # a fragment joins only quotes carried more widely than itself, so two full quotes never chain
        targets = {t for t in targets if len(spread[t]) > max(1, len(spread[r]))}
        if not targets:
            home[r] = {r}
            continue
        home[r] = set().union(*(home[t] for t in targets))
        for t in home[r]:
            clusters[t].extend(roots[r])
        if len(home[r]) > 1:
            merged.update(roots[r])  # its words come from two different quotes
        del clusters[r]
    return [sorted(m) for _, m in sorted(clusters.items())], merged


def _articles(wordings: list[_Wording], members: list[int]) -> set[int]:
    return {q.article for i in members for q in wordings[i].quotes}


def _linked(c: Comparison, a: _Wording, b: _Wording) -> bool:
    for qa in a.quotes:
        ref = (qa.article, qa.pieces[0].paragraph)
        partners = {r for r, _ in c.links_of(ref)}
        if any((qb.article, qb.pieces[0].paragraph) in partners for qb in b.quotes):
            return True
    return False


def _cluster_findings(c: Comparison, qs: list[Quote], merged_ids: set[int], rank: dict[int, int]) -> list[Finding]:
    qs = sorted(qs, key=lambda q: (rank.get(q.article, len(rank)), q.article, q.position))
    ref = qs[0]
    ref_key = [w.folded for w in ref.words]
    speaker = ref.speaker_name or next((q.speaker_name for q in qs if q.speaker_name), "")
    who = f"{speaker} quote" if speaker else "Quote"
    basis = "quote\n" + " ".join(ref_key[:16])
    out = []
    kinds: dict[str, set[int]] = defaultdict(set)
    severity = "low"
    details = [f"{article_label(c, ref.article)} (reference): {ref.text}"]
    seen_variants: dict[tuple[str, ...], list[int]] = {}
    rendered: dict[tuple[str, ...], str] = {}
    for q in qs:
        if q.article == ref.article and q is not ref and [w.folded for w in q.words] == ref_key:
            continue
        key = tuple(w.folded for w in q.words)
        if key == tuple(ref_key) and id(q) not in merged_ids:
            continue
        ops = word_ops(ref_key, list(key), semantic=False)
        label, sev = _classify(ref, q, ops, id(q) in merged_ids)
        kinds[label].add(q.article)
        severity = min(severity, sev, key=("high", "medium", "low").index)
        if key in seen_variants:
            seen_variants[key].append(q.article)
            continue
        seen_variants[key] = [q.article]
        rendered[key] = render_diff(ref.text, list(ref.words), q.text, list(q.words), ops)
    for key, arts in seen_variants.items():
        details.append(f"{articles_label(c, arts)}: {rendered[key]}")
    occurrences = _occurrences(qs)
    carried = {q.article for q in qs}
    absent = [a for a in range(len(c.articles)) if a not in carried]
    if kinds:
        parts = [f"{label} in {articles_label(c, arts)}" for label, arts in sorted(kinds.items())]
        if absent:
            parts.append(f"absent from {articles_label(c, absent)}")
        out.append(Finding("quote", severity, f"{who} “{snippet(ref.text, 60)}” {'; '.join(parts)}",
                           occurrences, "\n".join(details), basis))
    elif absent and len(carried) * 2 > len(c.articles):
        out.append(Finding("quote", "low", f"{who} “{snippet(ref.text, 60)}” is in {articles_label(c, carried)} "
                           f"but absent from {articles_label(c, absent)}", occurrences, "", basis + "\nabsent"))
    attribution = _attribution_finding(c, qs, basis)
    if attribution:
        out.append(attribution)
    return out


def _classify(ref: Quote, q: Quote, ops: list, merged: bool) -> tuple[str, str]:
    """How q's wording departs from the reference (ops: their word diff), and how much that matters."""
    a = [w.folded for w in ref.words]
    b = [w.folded for w in q.words]
    added = [w for op, _, _, b0, b1 in ops if op > 0 for w in b[b0:b1]]
    removed = [w for op, a0, a1, _, _ in ops if op < 0 for w in a[a0:a1]]
    if not added and removed:
        if any(e in q.text for e in _ELLIPSIS) and not any(e in ref.text for e in _ELLIPSIS):
            return "shortened with an ellipsis", "low"
        if all(op[0] == 0 for op in ops[1:-1]):
            return "truncated", "low"  # words cut at either end only: a shorter extract of the same quote
    if _negation_flipped(a, b, ops) or _numbers(added) != _numbers(removed):
        return "meaning changed (negation or number)", "high"
    if merged:
        return "merged with another quote", "medium"
    return ("words left out", "medium") if not added else ("reworded", "medium")


def _negation_flipped(a: list[str], b: list[str], ops: list) -> bool:
    """A short edit that adds or removes a negation ('can' -> 'cannot', 'nothing' -> 'everything').

    Long insertions (an extra sentence), cuts at either end, and a repeated negation dropped while the
    same word still governs the sentence ('cannot destroy ... and [cannot] expand') are not flips.
    """
    k = 0
    while k < len(ops):
        op, a0, a1, b0, b1 = ops[k]
        if op < 0 and k + 1 < len(ops) and ops[k + 1][0] > 0:
            b0, b1 = ops[k + 1][3], ops[k + 1][4]
            if a1 - a0 <= 4 and b1 - b0 <= 4 and bool(_negated(a[a0:a1])) != bool(_negated(b[b0:b1])):
                return True
            k += 2
            continue
        if op > 0 and b1 - b0 <= 2 and _negated(b[b0:b1]) and not _negated(b[b0:b1]) <= _negated(a):
            return True  # a new negation; repeating one the quote already has ('and [cannot] expand') is not
        if op < 0 and 0 < k < len(ops) - 1 and _negated(a[a0:a1]) and not _negated(a[a0:a1]) <= _negated(b):
            return True
        k += 1
    return False


def _negated(ws: list[str]) -> frozenset[str]:
    return frozenset(w for w in ws if w in NEGATIONS or w.endswith("n't"))


def _numbers(ws: list[str]) -> list[str]:
    return sorted(w for w in ws if w[:1].isdigit())


def _attribution_finding(c: Comparison, qs: list[Quote], basis: str) -> Finding | None:
    """The same words credited to two different people, each named in its own article."""
    speakers: list[tuple[str, str, set[int]]] = []
    for q in qs:
        speaker = q.speaker
        if not (q.explicit and speaker):
            continue
        for key, name, arts in speakers:
            if same_person(key, speaker):
                arts.add(q.article)
                break
        else:
            speakers.append((speaker, q.speaker_name, {q.article}))
    if len(speakers) < 2:
        return None
    parts = [f"{name} in {articles_label(c, arts)}" for _, name, arts in speakers]
    return Finding("attribution", "high", f"Quote “{snippet(qs[0].text, 60)}” is attributed to "
                   + " but to ".join(parts), _occurrences(qs), "", basis + "\nattribution")


def _occurrences(qs: list[Quote]) -> tuple[Occurrence, ...]:
    return tuple(Occurrence(q.article, p.paragraph, p.start, p.end) for q in qs for p in q.pieces)
