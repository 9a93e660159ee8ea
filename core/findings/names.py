"""Names and titles: one person or place spelled two ways, one person given two titles, one title two people."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from copydesk.core.findings.model import Finding, Occurrence
from copydesk.core.findings.persons import NOT_NAMES, Mention, Titled
from copydesk.core.findings.text import CAP_RE, articles_label, name_key, skeleton, strip_possessive
from copydesk.core.model import Comparison, ParaRef

_INITIAL = re.compile(r"(?:^|[.!?:;][\"”’»)]?\s+|[\"“«(]\s*)$")
# Derived forms are not misspellings: Russia/Russian, Ukraine/Ukrainian, Latvia/Latvians.
_DERIVED = ("n", "an", "ian", "ns", "ans", "ians", "s", "es", "ese", "ish", "i", "e")
_ABBREVIATIONS = {"sen.": "senator", "gov.": "governor", "gen.": "general", "rep.": "representative"}
MIN_NAME = 4


class _Spot(NamedTuple):
    """A name-like word at ref (a throwaway record: thousands per folder, a tuple is the cheapest to make)."""

    key: str
    word: str
    ref: ParaRef
    start: int
    end: int
    before: str  # the capitalised word right before, if any (a first name, a title)


def name_findings(c: Comparison, mentions: dict[int, list[Mention]]) -> list[Finding]:
    """Spelling variants (low), differing titles for one person and different people in one role (high)."""
    return _spelling_findings(c) + _title_findings(c, mentions)


def _spots(c: Comparison) -> dict[str, list[_Spot]]:
    """The spots of each name that shares its skeleton with another name (only those are ever compared), in
    reading order: the other names' spots (most of them) are never made."""
    found = [(_paragraph_spots(p.text), (art.index, p.index)) for art in c.articles for p in art.paragraphs
             if not (p.boilerplate or p.is_title or p.text.isupper())]
    # A capitalised word only ever seen opening a sentence is an ordinary word ("Especially"), not a name.
    names = {spot[0] for spots, _ in found for spot in spots if not spot[5]}
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in sorted(names):
        buckets[skeleton(key)].append(key)
    compared = {key for keys in buckets.values() if len(keys) > 1 for key in keys}
    by_key: dict[str, list[_Spot]] = {key: [] for key in compared}
    for spots, ref in found:
        for key, word, start, end, before, _initial in spots:
            if key in compared:  # compared keys are names: every spot of theirs is kept
                by_key[key].append(_Spot(key, word, ref, start, end, before))
    return by_key


@lru_cache(maxsize=1 << 14)  # pure; the versions of a story repeat many paragraphs word for word
def _paragraph_spots(text: str) -> tuple[tuple[str, str, int, int, str, bool], ...]:
    """(key, word, start, end, key of the word before, opens a sentence) of the name-like words of text."""
    out = []
    prev_end, prev_word = -10, ""
    for m in CAP_RE.finditer(text):
        word = m.group()
        start, end = m.span()
        before = prev_word if text[prev_end:start] == " " else ""
        prev_end, prev_word = end, word
        key = _name_like(word)
        if not key:
            continue
        initial = start == 0 or _opens_sentence(text[max(0, start - 4):start])
        out.append((key, word, start, end, name_key(before), initial))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _name_like(word: str) -> str:
    """The key of a capitalised word, or '' for one too short, too common or all capitals to be a name."""
    key = name_key(word)
    return "" if len(key) < MIN_NAME or key in NOT_NAMES or word.isupper() else key


@lru_cache(maxsize=1 << 12)
def _opens_sentence(before: str) -> bool:
    """Whether the (up to) four characters before a word end a sentence or open a quote, by _INITIAL.

    Searching them alone is searching the paragraph up to the word: _INITIAL's '^' can only match with
    nothing after it, and the word does not open the paragraph."""
    return _INITIAL.search(before) is not None


def _spelling_findings(c: Comparison) -> list[Finding]:
    by_key = _spots(c)
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in sorted(by_key):
        buckets[skeleton(key)].append(key)
    out = []
    for keys in buckets.values():
        if len(keys) < 2:
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if _variants(a, b) and _same_thing(c, by_key[a], by_key[b]):
                    out.append(_spelling_finding(c, by_key[a], by_key[b]))
    return out


def _variants(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if any(long == short[:-1] + x or long == short + x for x in _DERIVED):
        return False
    if long == short + "y" and not short.endswith("y"):
        return False  # Germany/German; but Zelenskyy/Zelensky is a transliteration
    distance = _edit_distance(a, b)
    # Callers only pair words of one consonant skeleton, so two vowel changes in a short name (Kyiv/Kiev) pass.
    return distance <= 2 and distance / len(long) <= 0.5 and a[0] == b[0]


def _same_thing(c: Comparison, sa: list[_Spot], sb: list[_Spot]) -> bool:
    """Evidence the two spellings name one thing: the same first name/title before them, aligned paragraphs
    carrying one each, or a one-letter difference in a long name."""
    if {s.before for s in sa if s.before} & {s.before for s in sb if s.before}:
        return True
    refs_b = {s.ref for s in sb}
    for s in sa:
        if any(other in refs_b for other, _ in c.links_of(s.ref)):
            return True
    return _edit_distance(sa[0].key, sb[0].key) == 1 and min(len(sa[0].key), len(sb[0].key)) >= 6


def _spelling_finding(c: Comparison, sa: list[_Spot], sb: list[_Spot]) -> Finding:
    groups = sorted((sa, sb), key=lambda ss: (-len({s.ref[0] for s in ss}), ss[0].key))
    parts = [f"“{strip_possessive(ss[0].word)}” in {articles_label(c, {s.ref[0] for s in ss})}"
             for ss in groups]
    spots = sorted(sa + sb, key=lambda s: (s.ref, s.start))
    basis = "spelling\n" + " | ".join(sorted((sa[0].key, sb[0].key)))
    return Finding("name", "low", "Spelled two ways: " + " vs ".join(parts),
                   tuple(Occurrence(s.ref[0], s.ref[1], s.start, s.end) for s in spots), "", basis)


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@dataclass(frozen=True)
class _TitleSpot:
    titled: Titled
    ref: ParaRef


def _title_findings(c: Comparison, mentions: dict[int, list[Mention]]) -> list[Finding]:
    spots = [_TitleSpot(m.titled, (a, m.paragraph)) for a, ms in sorted(mentions.items()) for m in ms if m.titled]
    out = []
    by_person: dict[str, list[_TitleSpot]] = defaultdict(list)
    for s in spots:
        by_person[skeleton(s.titled.key)].append(s)
    for person_spots in by_person.values():
        roles: dict[tuple, list[_TitleSpot]] = defaultdict(list)
        for s in person_spots:
            roles[_role_key(s.titled)].append(s)
        distinct = _incompatible(list(roles))
        if distinct:
            out.append(_title_finding(c, [roles[r] for r in distinct]))
    by_role: dict[tuple, list[_TitleSpot]] = defaultdict(list)
    for s in spots:
        if s.titled.nationality:
            by_role[(_nationality(s.titled.nationality),) + _role_key(s.titled)].append(s)
    for role, role_spots in by_role.items():
        finding = _role_clash(c, role_spots)
        if finding:
            out.append(finding)
    return out


def _role_key(t: Titled) -> tuple:
    words = tuple(_ABBREVIATIONS.get(w.lower(), w.lower()) for w in t.role.split())
    return (t.former,) + words


def _nationality(text: str) -> str:
    return name_key(text.split()[0]).replace(".", "")[:4]


def _incompatible(roles: list[tuple]) -> list[tuple]:
    """The role keys that cannot all be one title: 'Minister' fits 'Prime Minister'; 'President' does not."""
    keep: list[tuple] = []
    for r in sorted(roles, key=len, reverse=True):
        if any(r[0] == k[0] and set(r[1:]) <= set(k[1:]) for k in keep):
            continue
        keep.append(r)
    return keep if len(keep) > 1 else []


def _title_finding(c: Comparison, groups: list[list[_TitleSpot]]) -> Finding:
    name = max((s.titled.name for g in groups for s in g), key=len)
    parts = [f"“{_title_text(g[0].titled)}” in {articles_label(c, {s.ref[0] for s in g})}" for g in groups]
    spots = [s for g in groups for s in g]
    basis = "title\n" + skeleton(groups[0][0].titled.key) + "\n" + " | ".join(sorted(" ".join(map(str, k)) for k in (
        _role_key(g[0].titled) for g in groups)))
    return Finding("name", "high", f"{name} has different titles: " + " vs ".join(parts), _occurrences(spots), "",
                   basis)


def _role_clash(c: Comparison, spots: list[_TitleSpot]) -> Finding | None:
    """One national role held by two different people in aligned paragraphs of different articles."""
    people: dict[str, list[_TitleSpot]] = defaultdict(list)
    for s in spots:
        people[skeleton(s.titled.key)].append(s)
    if len(people) < 2:
        return None
    groups = list(people.values())
    for i, ga in enumerate(groups):
        for gb in groups[i + 1:]:
            if _aligned(c, ga, gb):
                parts = [f"{g[0].titled.name} in {articles_label(c, {s.ref[0] for s in g})}" for g in (ga, gb)]
                role = f"{ga[0].titled.nationality} {ga[0].titled.role}"
                basis = "role\n" + role.lower() + "\n" + " | ".join(sorted(g[0].titled.key for g in (ga, gb)))
                return Finding("name", "high", f"Different people as {role}: " + " vs ".join(parts),
                               _occurrences(ga + gb), "", basis)
    return None


def _aligned(c: Comparison, ga: list[_TitleSpot], gb: list[_TitleSpot]) -> bool:
    refs_b = {s.ref for s in gb}
    return any(s.ref[0] != r[0] and r in refs_b for s in ga for r, _ in c.links_of(s.ref))


def _title_text(t: Titled) -> str:
    return " ".join(x for x in ("former" if t.former else "", t.nationality, t.role, t.name) if x)


def _occurrences(spots: list[_TitleSpot]) -> tuple[Occurrence, ...]:
    return tuple(Occurrence(s.ref[0], s.ref[1], s.titled.start, s.titled.end)
                 for s in sorted(spots, key=lambda s: (s.ref, s.titled.start)))
