"""Who is who in an article, from capitalised-word heuristics: titled names, speakers, descriptors."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from copydesk.core.findings.text import CAP_WORD, by_first_letter, name_key, skeleton, strip_possessive

# Titles that precede a person's name, longest first so "Prime Minister" wins over "Minister".
ROLES = ("Vice President", "Prime Minister", "Foreign Secretary", "Foreign Minister", "Defence Minister",
         "Defense Minister", "Finance Minister", "Interior Minister", "Home Secretary", "Defense Secretary",
         "Secretary-General", "Secretary General", "Chief Executive", "President", "Chancellor", "Premier",
         "Minister", "Secretary", "Senator", "Sen.", "Rep.", "Governor", "Gov.", "Mayor", "King", "Queen", "Pope",
         "General", "Gen.", "Ambassador", "Speaker", "Chairman", "Chairwoman", "CEO", "Commissioner", "Judge")
_ROLES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _role in ROLES:
    _ROLES_BY_FIRST.setdefault(_role.split()[0], []).append(tuple(_role.split()))
ROLE_NOUNS = frozenset(w.lower().rstrip(".") for r in ROLES for w in r.split()) | {
    "leader", "official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "envoy", "head"}
GENERIC_ROLES = frozenset({"leader", "official", "head"})

VERBS = (r"said|says|say|told|tells|added|adds|declared|declares|emphasi[sz]ed|emphasi[sz]es|remarked|stressed|"
         r"stresses|urged|urges|warned|warns|noted|notes|insisted|insists|explained|explains|wrote|writes|tweeted|"
         r"posted|asked|replied|continued|argued|argues|announced|stated|acknowledged|admitted|cautioned|claimed|"
         r"claims|suggested|conceded|recalled|affirmed|reiterated|vowed|pledged|promised|called on|calls on|"
         r"called for|pointed out")
ADVERB = r"(?:(?:also|later|earlier|further|then|again|previously|had|has|have|would|will|then)\s+)?"
PRONOUNS = frozenset({"he", "she"})
NOT_NAMES = frozenset("""the a an it its this that these those in on at but and as if when while after before during
meanwhile however earlier later also so yet for then there here today yesterday tomorrow he she they we i you his her
their our my monday tuesday wednesday thursday friday saturday sunday according asked speaking addressing""".split())
DESCRIPTOR = (r"(?:[Tt]he\s+)?(?:(?:former|top|chief|senior|deputy|" + CAP_WORD + r")\s+){0,3}"
               r"(?:(?:foreign|prime|defen[cs]e|finance|interior|vice)\s+)?"
               r"(?:leader|president|minister|chancellor|premier|spokesman|spokeswoman|spokesperson|official|"
               r"diplomat|secretary|envoy|ambassador|mayor|governor|head)")
NAME_RUN = CAP_WORD + r"(?:\s+" + CAP_WORD + r")*"
WHO = rf"(?P<who>[Hh]e|[Ss]he|{DESCRIPTOR}|{NAME_RUN})"
APPOSITIVE = r"(?:,[^,“”\"]{1,90},)?"
_VERB_RE = re.compile(rf"\b(?:{by_first_letter(VERBS)})\b")
_WHO_BEFORE = re.compile(rf"{WHO}{APPOSITIVE}\s+{ADVERB}$")
RUN_RE = re.compile(NAME_RUN)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’]?\s+)(?P<run>" + NAME_RUN + r")\s+[a-z]")


@dataclass(frozen=True)
class Titled:
    """A person named with a title: 'Polish President Andrzej Duda'; positions are in the paragraph text."""

    start: int
    end: int
    former: bool
    nationality: str
    role: str
    name: str
    key: str  # surname key


@dataclass(frozen=True)
class Mention:
    """A person (or body) mentioned as a sentence subject or speaker, at (paragraph, position)."""

    paragraph: int
    pos: int
    key: str
    display: str
    person: bool
    titled: Optional[Titled] = None


def strip_leading(words: list[str]) -> list[str]:
    """Drop sentence-start capitals that are not names (The, In, Meanwhile, ...)."""
    k = 0
    while k < len(words) and name_key(words[k]) in NOT_NAMES:
        k += 1
    return words[k:]


def speakers(text: str, begin: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(start, words) of every 'X said' / 'X, who ..., told' subject in text[begin:end], in order."""
    end = len(text) if end is None else end
    out = []
    for v in _VERB_RE.finditer(text, begin, end):
        # Looking back from each speech verb is far cheaper than trying the subject pattern everywhere.
        window_start = max(begin, v.start() - 160)
        m = _WHO_BEFORE.search(text, window_start, v.start())
        if m:
            out.append((m.start("who"), m.group("who")))
    return out


def titled_names(text: str) -> list[Titled]:
    """Every 'Nationality Role Firstname Surname' run of a paragraph."""
    out = []
    for m in RUN_RE.finditer(text):
        run = m.group()
        if " " not in run:
            continue
        ws = run.split()  # the \S+ runs: split() cuts at the same (Unicode) spaces
        found = _rightmost_role(ws)
        if found is None:
            continue  # most runs hold no title: their word offsets are never needed
        toks = [(t.start(), t.end()) for t in _NON_SPACE.finditer(run)]
        i, j = found
        name_words = ws[j:j + 3]
        nationality = " ".join(w for w in ws[:i] if name_key(w) not in NOT_NAMES)
        before = text[max(0, m.start() - 8):m.start()].lower()
        former = before.rstrip().endswith("former")
        end = m.start() + toks[min(j + 3, len(ws)) - 1][1]
        out.append(Titled(m.start(), end, former, nationality, " ".join(ws[i:j]), " ".join(name_words),
                          name_key(name_words[-1])))
    return out


_NON_SPACE = re.compile(r"\S+")


def _rightmost_role(ws: list[str]) -> Optional[tuple[int, int]]:
    """[i, j) of the title that ends last before a name ("Dutch Prime Minister Mark": Prime Minister)."""
    best = None
    for i in range(len(ws) - 1):
        for role in _ROLES_BY_FIRST.get(ws[i], ()):
            j = i + len(role)
            if j < len(ws) and tuple(ws[i:j]) == role and name_key(ws[j]) not in ROLE_NOUNS:
                if best is None or j > best[1]:
                    best = (i, j)
                break
    return best


def article_mentions(paragraphs: Iterable[tuple[int, str]]) -> list[Mention]:
    """Persons and bodies mentioned as subjects or with a title, in reading order; paragraphs = [(index, text)]."""
    out: list[Mention] = []
    for p, text in paragraphs:
        found: dict[int, Mention] = {}
        # Positions of each key in found, sorted: a 1 MB one-line article names one person thousands of
        # times, and a scan of every earlier mention per mention took seconds.
        at: dict[str, list[int]] = defaultdict(list)

        def put(mention: Mention) -> None:
            old = found.get(mention.pos)
            if old is not None:
                at[old.key].remove(mention.pos)
            found[mention.pos] = mention
            insort(at[mention.key], mention.pos)

        def near(mention: Mention) -> bool:
            """The same key already found less than 40 characters away."""
            ps = at.get(mention.key, [])
            i = bisect_left(ps, mention.pos - 39)
            return i < len(ps) and ps[i] < mention.pos + 40

        for t in titled_names(text):
            put(Mention(p, t.start, t.key, t.name.split()[-1], True, t))
        for start, who in speakers(text):
            mention = _named(text, start, who, p)
            if mention and not near(mention):
                put(mention)
        for m in _SENTENCE_START.finditer(text):
            mention = _named(text, m.start("run"), m.group("run"), p)
            if mention and not near(mention):
                put(mention)
        out.extend(found[k] for k in sorted(found))
    return out


def _named(text: str, start: int, who: str, paragraph: int) -> Optional[Mention]:
    """A Mention for a capitalised run, or None for pronouns, descriptors and non-names."""
    ws = who.split()
    kept = strip_leading(ws)
    if not kept or all(name_key(w) in ROLE_NOUNS for w in kept):
        return None
    if not kept[-1][:1].isupper():
        return None
    offset = start + who.find(kept[0]) if kept != ws else start
    last = kept[-1]
    preceded_by_the = text[max(0, offset - 4):offset].lower() == "the "
    acronym = last.isupper() and len(last.rstrip(".")) <= 5
    return Mention(paragraph, offset, name_key(last), strip_possessive(last),
                   person=not (preceded_by_the or acronym))


def is_descriptor(who: str) -> bool:
    """True for 'the French leader', "Poland's president": a role without a name."""
    ws = strip_leading(who.split())
    return bool(ws) and _role_of(ws[-1]) in ROLE_NOUNS


def _role_of(word: str) -> str:
    w = name_key(word)
    return w if w in ROLE_NOUNS else w.rstrip("s")


def resolve(who: str, paragraph: int, pos: int, mentions: list[Mention]) -> Optional[tuple[str, str]]:
    """(speaker key, display name) for the words naming a speaker at (paragraph, pos), or None if unknown.

    mentions are article_mentions' list, in reading order.
    """
    lowered = who.strip().lower()
    # the mentions before (paragraph, pos): a prefix, found by bisection (a long article has thousands)
    earlier = mentions[:bisect_left(mentions, (paragraph, pos), key=lambda m: (m.paragraph, m.pos))]
    if lowered in PRONOUNS:
        person = next((m for m in reversed(earlier) if m.person), None)
        return (person.key, person.display) if person else None
    ws = who.split()
    if is_descriptor(who):
        return _resolve_descriptor(ws, earlier, mentions)
    kept = strip_leading(ws)
    if not kept:
        return None
    last = kept[-1]
    display = last[:-2] if last.endswith(("’s", "'s")) else last
    return name_key(last), display


def _resolve_descriptor(ws: list[str], earlier: list[Mention], mentions: list[Mention]):
    role = _role_of(ws[-1])
    nationality = [name_key(w)[:4] for w in ws[:-1] if w[:1].isupper() and name_key(w) not in NOT_NAMES
                   and name_key(w) not in ROLE_NOUNS]
    for pool in (earlier[::-1], mentions):
        for m in pool:
            t = m.titled
            if t is None:
                continue
            roles = {name_key(w) for w in t.role.split()}
            if role not in GENERIC_ROLES and role not in roles:
                continue
            nats = {name_key(w)[:4] for w in t.nationality.split()}
            if nationality and not set(nationality) & nats:
                continue
            if not nationality and role in GENERIC_ROLES:
                continue
            return m.key, m.display
    text = " ".join(strip_leading(ws)) or " ".join(ws)
    return text.lower(), text


def same_person(a: str, b: str) -> bool:
    """True when two speaker keys name one person (spelling variants such as Zelensky/Zelenskyy)."""
    return a == b or (" " not in a and " " not in b and skeleton(a) == skeleton(b) and len(a) > 3)
