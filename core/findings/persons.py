"""Who is who in an article, from capitalised-word heuristics: titled names, speakers, descriptors."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, insort
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

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
ADVERB_WORDS = ("also", "later", "earlier", "further", "then", "again", "previously", "had", "has", "have", "would",
                "will", "then")
ADVERB = r"(?:(?:" + "|".join(ADVERB_WORDS) + r")\s+)?"
PRONOUNS = frozenset({"he", "she"})
NOT_NAMES = frozenset("""the a an it its this that these those in on at but and as if when while after before during
meanwhile however earlier later also so yet for then there here today yesterday tomorrow he she they we i you his her
their our my monday tuesday wednesday thursday friday saturday sunday according asked speaking addressing""".split())
DESCRIPTOR_NOUNS = ("leader", "president", "minister", "chancellor", "premier", "spokesman", "spokeswoman",
                    "spokesperson", "official", "diplomat", "secretary", "envoy", "ambassador", "mayor", "governor",
                    "head")
DESCRIPTOR = (r"(?:[Tt]he\s+)?(?:(?:former|top|chief|senior|deputy|" + CAP_WORD + r")\s+){0,3}"
               r"(?:(?:foreign|prime|defen[cs]e|finance|interior|vice)\s+)?"
               r"(?:" + "|".join(DESCRIPTOR_NOUNS) + ")")
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
    if begin == 0 and end == len(text):
        return [(start, who) for _verb, start, who in _verb_subjects(text)]
    return _speakers(text, begin, end)


def has_speaker_before(text: str, end: int) -> bool:
    """False when speakers(text, begin, end) is empty whatever begin, for an end between words (text[end]
    no word character, as a quote's opening mark or a space before its first word).

    Every verb speakers() finds in text[begin:end] it then finds in the whole text too, at the same place;
    and a subject found in part of the 160 characters before a verb is found in all of them.
    """
    subjects = _verb_subjects(text)
    return bool(subjects) and subjects[0][0] < end


@lru_cache(maxsize=256)
def _verb_subjects(text: str) -> tuple[tuple[int, int, str], ...]:
    """(verb start, subject start, subject words) of every speech verb of text with a subject, in order;
    remembered: the quote checks ask again about the paragraphs the people checks just read."""
    return tuple(_speakers(text, 0, len(text), verbs=True))


def _speakers(text: str, begin: int, end: int, verbs: bool = False) -> list[tuple]:
    """speakers(text, begin, end); with verbs, each as (verb start, subject start, subject words)."""
    out: list[tuple] = []
    for v in _VERB_RE.finditer(text, begin, end):
        # Looking back from each speech verb is far cheaper than trying the subject pattern everywhere.
        window_start = max(begin, v.start() - 160)
        if not _may_end_subject(text, window_start, v.start()):
            continue
        m = _WHO_BEFORE.search(text, _earliest_subject(text, window_start, v.start()), v.start())
        if m:
            out.append((v.start(), m.start("who"), m.group("who")) if verbs else (m.start("who"), m.group("who")))
    return out


def _earliest_subject(text: str, start: int, end: int) -> int:
    """Where a _WHO_BEFORE match in text[start:end] can start at the earliest: the search tries every
    position from there, and a match starting there is the same whatever the search started at.

    A subject (a name, a descriptor, he or she) holds word characters, spaces and '’-. only; an appositive
    after it is the last two commas and what lies between. So a match starts after the last other character
    before the second-to-last comma (or before end, when there are fewer than two commas).
    """
    last_comma = text.rfind(",", start, end)
    comma = text.rfind(",", start, last_comma) if last_comma >= 0 else -1
    before = text[start:comma if comma >= 0 else end]
    m = _NOT_IN_SUBJECT.search(before[::-1])
    return start + len(before) - m.start() if m else start


_NOT_IN_SUBJECT = re.compile(r"[^\w'’\-.\s]")


_ADVERBS = frozenset(ADVERB_WORDS)
_SUBJECT_ENDS = ("he", "He", ",") + DESCRIPTOR_NOUNS
_CAPITAL = re.compile("[A-Z]")


def _may_end_subject(text: str, start: int, end: int) -> bool:
    """False when _WHO_BEFORE cannot match text[start:end], from its last two words: a quarter of the speech
    verbs have no subject right before them, and the search tries each of the 160 positions before a verb.

    A match ends in spaces, maybe after an adverb (a word of its own). Before them: a name ends in a word
    with a capital, a descriptor in its role noun, he or she in 'he', an appositive in a comma.
    """
    if end - 1 < start or not text[end - 1].isspace():
        return False
    last = text[start:end].rsplit(None, 2)
    if not last:
        return False
    return _ends_subject(last[-1]) or (last[-1] in _ADVERBS and len(last) > 1 and _ends_subject(last[-2]))


def _ends_subject(word: str) -> bool:
    return word.endswith(_SUBJECT_ENDS) or _CAPITAL.search(word) is not None


def titled_names(text: str) -> list[Titled]:
    """Every 'Nationality Role Firstname Surname' run of a paragraph."""
    if _ROLE_START.search(text) is None:
        return []  # no title can start anywhere (most paragraphs): no run of names to read
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
# A title's first word as it must appear (a run's word equal to it): a plain scan for the capitalised words
# opening a title costs an eighth of the name-run scan.
_ROLE_START = re.compile("|".join(re.escape(word) for word in sorted(_ROLES_BY_FIRST, key=len, reverse=True)))


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
        for m in _sentence_starts(text):
            mention = _named(text, m.start("run"), m.group("run"), p)
            if mention and not near(mention):
                put(mention)
        out.extend(found[k] for k in sorted(found))
    return out


def _sentence_starts(text: str) -> Iterator[re.Match]:
    """_SENTENCE_START.finditer(text), tried only where a match can begin: the text's start and its sentence
    marks (a scan for the marks costs a fraction of trying the pattern at every position)."""
    end = 0
    for k in itertools.chain((0,), (mark.start() for mark in _SENTENCE_MARK.finditer(text, 1))):
        if k < end:
            continue  # inside the previous match, where finditer does not look
        m = _SENTENCE_START.match(text, k)
        if m:
            end = m.end()
            yield m


_SENTENCE_MARK = re.compile(r"[.!?]")


def _named(text: str, start: int, who: str, paragraph: int) -> Optional[Mention]:
    """A Mention for a capitalised run, or None for pronouns, descriptors and non-names."""
    name = _name_of(who)
    if name is None:
        return None
    shift, key, display, acronym = name
    offset = start + shift
    preceded_by_the = text[max(0, offset - 4):offset].lower() == "the "
    return Mention(paragraph, offset, key, display, person=not (preceded_by_the or acronym))


@lru_cache(maxsize=1 << 14)
def _name_of(who: str) -> Optional[tuple[int, str, str, bool]]:
    """(where the name starts in who, key, display, an acronym) for a capitalised run, or None for pronouns,
    descriptors and non-names; remembered: the same subjects open the sentences of every version."""
    ws = who.split()
    kept = strip_leading(ws)
    if not kept or all(name_key(w) in ROLE_NOUNS for w in kept):
        return None
    if not kept[-1][:1].isupper():
        return None
    last = kept[-1]
    acronym = last.isupper() and len(last.rstrip(".")) <= 5
    return who.find(kept[0]) if kept != ws else 0, name_key(last), strip_possessive(last), acronym


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
