"""Match the same quotation across articles and report altered, truncated, merged or misattributed wordings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Optional, Sequence

from copydesk.core.findings.model import Finding, Occurrence
from copydesk.core.findings.persons import same_person
from copydesk.core.findings.quotes import Quote
from copydesk.core.dmp_codec import CodecFull, WordCodec
from copydesk.core.findings.text import (NEGATIONS, article_label, articles_label, coded_ops, render_diff, snippet,
                                         word_ops)
from copydesk.core.model import Comparison

MIN_SHARED = 3          # content words two wordings must share to be one quote
STRONG_SMALL = 0.6      # ... as a share of the shorter wording
STRONG_LARGE = 0.5      # ... and of the longer one (a full match, not a fragment)
LINKED_SMALL = 0.45     # relaxed when the two sit in aligned paragraphs
LINKED_LARGE = 0.35
PARTIAL = 0.6           # a fragment or a merge: this share of the shorter side is found in the other
_ELLIPSIS = ("...", "…")
MAX_VARIANTS = 20     # wordings a finding's detail spells out (in the order of the source ranking)


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
        keys = {id(q): wordings[w].key for w in members for q in wordings[w].quotes}
        out.extend(_cluster_findings(c, qs, {id(q) for w in members if w in merged for q in wordings[w].quotes},
                                     rank, keys))
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


REPRESENTATIVES = 12
"""Wordings of a cluster that a new wording is compared with (its most common ones). A story carried by
hundreds of versions has thousands of wordings of one quote; comparing each with a dozen of its cluster's
wordings instead of all of them keeps the clustering linear in the number of quotes. A smaller cluster
is compared member by member, exactly as before."""


class _RepIndex:
    """The representatives' content words, as one bit mask over representatives per word.

    A wording's candidates are the representatives sharing at least MIN_SHARED of its words: counted with
    bit-sliced adds over those masks, a few big-integer operations per word, whatever the folder's size.
    """

    def __init__(self) -> None:
        self.reps: list[int] = []  # slot -> wording index
        self.by_word: dict[str, int] = {}

    def add(self, wording: int, content: frozenset[str]) -> None:
        """Make wording a representative."""
        bit = 1 << len(self.reps)
        self.reps.append(wording)
        for word in content:
            self.by_word[word] = self.by_word.get(word, 0) | bit

    def candidates(self, content: frozenset[str]) -> list[int]:
        """The representatives (wording indices) sharing at least MIN_SHARED content words, oldest first."""
        counts = [0] * MIN_SHARED  # counts[k]: bit set where at least k+1 words are shared
        for word in content:
            mask = self.by_word.get(word, 0)
            for k in range(MIN_SHARED - 1, 0, -1):
                counts[k] |= counts[k - 1] & mask
            counts[0] |= mask
        found = counts[-1]
        out = []
        while found:
            low = found & -found
            out.append(self.reps[low.bit_length() - 1])
            found ^= low
        return out


def _cluster(c: Comparison, wordings: list[_Wording]):
    """Strong matches join clusters; a fragment or a merge only attaches to the clusters it matches."""
    parent = list(range(len(wordings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked = _Linked(c, wordings)
    index = _RepIndex()
    reps_of = [0] * len(wordings)  # per cluster root: how many representatives it has
    weak: dict[int, list[tuple[int, float]]] = defaultdict(list)
    contents = [w.content for w in wordings]
    lengths = [len(content) for content in contents]
    # the most common wordings first: they are what the others are compared with
    for i in sorted(range(len(wordings)), key=lambda i: (-len(wordings[i].quotes), i)):
        content = contents[i]
        root = find(i)
        for j in index.candidates(content):
            other = find(j)
            if other == root:
                # already one cluster: nothing to learn (clusters only merge, and a weak edge within one is
                # dropped at the end), so the shared words need no counting (most candidates of a big cluster)
                continue
            n = len(content & contents[j])
            small, large = (lengths[i], lengths[j]) if lengths[i] <= lengths[j] else (lengths[j], lengths[i])
            if n / small >= STRONG_SMALL and n / large >= STRONG_LARGE:
                strong = True
            else:  # the relaxed thresholds of quotes in linked paragraphs decide (asked only here: it costs)
                strong = n / small >= LINKED_SMALL and n / large >= LINKED_LARGE and linked(i, j)
            if strong:
                parent[root] = other
                reps_of[other] += reps_of[root]
                root = other
            elif n / small >= PARTIAL:
                weak[i].append((j, n / small))
                weak[j].append((i, n / small))
        if reps_of[root] < REPRESENTATIVES:
            index.add(i, content)
            reps_of[root] += 1
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


class _Linked:
    """Whether two wordings sit in linked paragraphs (some quote of one in a paragraph linked to one of the other's)."""

    def __init__(self, c: Comparison, wordings: list[_Wording]) -> None:
        self.c = c
        self.refs = [{(q.article, q.pieces[0].paragraph) for q in w.quotes} for w in wordings]
        self.partners: dict[int, set] = {}  # per wording, lazily: every paragraph linked to one of its quotes

    def __call__(self, i: int, j: int) -> bool:
        """True when a quote of wording i sits in a paragraph linked to one holding a quote of wording j."""
        if len(self.refs[i]) > len(self.refs[j]):
            i, j = j, i  # the partners of the wording in fewer paragraphs, looked up among the other's
        partners = self.partners.get(i)
        if partners is None:
            partners = self.partners[i] = set().union(*(map(_FIRST, self.c.links_of(ref)) for ref in self.refs[i]))
        return not self.refs[j].isdisjoint(partners)


_FIRST = itemgetter(0)


def _cluster_findings(c: Comparison, qs: list[Quote], merged_ids: set[int], rank: dict[int, int],
                      keys: dict[int, tuple[str, ...]]) -> list[Finding]:
    """The findings of one cluster of quotes; keys: each quote's wording (its words' folded forms), by id."""
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
    ref_tuple = tuple(ref_key)
    ops_of: dict[tuple[str, ...], list] = {}  # a wording carried by hundreds of versions is diffed once
    diff = _RefDiff(ref_key)
    classified: dict[tuple, tuple[str, str]] = {}
    for q in qs:
        key = keys[id(q)]
        if key == ref_tuple and (q.article == ref.article and q is not ref or id(q) not in merged_ids):
            continue
        ops = ops_of.get(key)
        if ops is None:
            ops = ops_of[key] = diff(key)
        # _classify reads q beyond its words only for an ellipsis in its text
        case = (key, id(q) in merged_ids, any(e in q.text for e in _ELLIPSIS))
        if case not in classified:
            classified[case] = _classify(ref, q, ops, id(q) in merged_ids, ref_key, list(key))
        label, sev = classified[case]
        kinds[label].add(q.article)
        severity = min(severity, sev, key=("high", "medium", "low").index)
        if key in seen_variants:
            seen_variants[key].append(q.article)
            continue
        seen_variants[key] = [q.article]
        if len(seen_variants) <= MAX_VARIANTS:  # the detail spells out only the first wordings
            rendered[key] = render_diff(ref.text, list(ref.words), q.text, list(q.words), ops)
    # closest to the likely original first; a quote in hundreds of versions lists a few and counts the rest
    variants = list(seen_variants.items())
    for key, arts in variants[:MAX_VARIANTS]:
        details.append(f"{articles_label(c, arts)}: {rendered[key]}")
    if len(variants) > MAX_VARIANTS:
        rest = {a for _key, arts in variants[MAX_VARIANTS:] for a in arts}
        details.append(f"… and {len(variants) - MAX_VARIANTS} other wordings in {len(rest)} "
                       f"article{'s' if len(rest) != 1 else ''}")
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
    attribution = _attribution_finding(c, qs, basis, occurrences)
    if attribution:
        out.append(attribution)
    return out


class _RefDiff:
    """word_ops(ref, wording, semantic=False) for the wordings of one cluster, the reference encoded once.

    One codec serves the whole cluster: any code per word gives the same diff (diff-match-patch only compares
    a character of one text with one of the other), so only encoding each wording is left per wording.
    """

    def __init__(self, ref: list[str]) -> None:
        self.ref = ref
        self.codec: Optional[WordCodec] = WordCodec()
        self.ref_code = self._encode(ref)

    def __call__(self, wording: tuple[str, ...]) -> list[tuple[int, int, int, int, int]]:
        """The diff of the reference and one wording (words' folded forms)."""
        code = self._encode(wording)
        if code is None or self.ref_code is None:
            return word_ops(self.ref, list(wording), semantic=False)  # a codec's worth of words: a pair's own codes
        return coded_ops(self.ref_code, code, semantic=False)

    def _encode(self, words: Sequence[str]) -> Optional[str]:
        if self.codec is None:
            return None
        try:
            return self.codec.encode(list(words))
        except CodecFull:
            self.codec = None  # a partial codec stays consistent, but its codes are spent: pairs from here on
            return None


def _classify(ref: Quote, q: Quote, ops: list, merged: bool, a: list[str], b: list[str]) -> tuple[str, str]:
    """How q's wording departs from the reference (ops: their word diff; a and b: their words' folded forms),
    and how much that matters."""
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


def _attribution_finding(c: Comparison, qs: list[Quote], basis: str,
                         occurrences: tuple[Occurrence, ...]) -> Finding | None:
    """The same words credited to two different people, each named in its own article (occurrences: qs's)."""
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
                   + " but to ".join(parts), occurrences, "", basis + "\nattribution")


def _occurrences(qs: list[Quote]) -> tuple[Occurrence, ...]:
    return tuple(Occurrence(q.article, p.paragraph, p.start, p.end) for q in qs for p in q.pieces)
