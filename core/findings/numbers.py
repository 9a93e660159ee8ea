"""Numbers, amounts and dates that disagree between aligned paragraphs of different articles."""

from __future__ import annotations

import datetime
import functools
import itertools
import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable, NamedTuple

from copydesk.core.findings.model import Finding, Occurrence
from copydesk.core.findings.text import articles_label, by_first_letter
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.tokens import STOPWORDS, fold, normalize

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "hundred": 100, "dozen": 12}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
               "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
               "¥": "JPY", "yen": "JPY", "%": "%", "percent": "%", "per cent": "%"}
# Hedge classes: a bound ("over 20") says something an exact figure does not; "some 20" barely differs from 20.
_HEDGES = {"more than": "over", "over": "over", "at least": "over", "upwards of": "over", "just over": "over",
           "some": "about", "about": "about", "around": "about", "approximately": "about", "roughly": "about",
           "an estimated": "about", "nearly": "under", "almost": "under", "up to": "under", "fewer than": "under",
           "less than": "under", "under": "under", "close to": "under", "just under": "under"}


def _alternation(words) -> str:
    """Longest first, lower and sentence-initial case: a case-sensitive pattern scans twice as fast."""
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:])}
    return by_first_letter("|".join(sorted(forms, key=len, reverse=True)))


_NUM = r"\d+(?:[.,]\d+)*|" + _alternation(_NUMBER_WORDS)
_HEDGE = _alternation(_HEDGES)
_NUMBER_RE = re.compile(
    rf"(?<![\w.,])(?:(?P<hedge>{_HEDGE})\s+)?(?P<cur>US\$|[$€£¥])?\s?(?P<a>{_NUM})"
    rf"(?:\s*(?P<sep>or|to|and|–|-)\s*(?P<b>{_NUM})(?![\w]))?(?:\s*(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    rf"(?:\s*(?P<cur2>euros?|dollars?|pounds?|yen|percent|per cent|%))?(?![\w])")
_CONVERSION = re.compile(r"\s*\(\s*(?:about|around|some|approximately|roughly)?\s*(?:US\$|[$€£¥])")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
           "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|"
          r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_DATE_RE = re.compile(rf"\b(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![’']s\b)\b|"
                      rf"{_MONTH}\s+(?P<day>\d{{1,2}})\b|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')})")
_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
# \b(19[5-9]\d|20\d\d)\b, with the look-back after the first digit: a pattern that opens with a choice of
# characters lets the regex engine skip to the next 1 or 2 instead of trying every position (a digit is a
# word character, so "\b" before it is "no word character before it")
_YEAR_RE = re.compile(r"(1(?<!\w.)9[5-9]\d|2(?<!\w.)0\d\d)\b")
MAX_LINKS = 12  # each paragraph is compared with its best-linked partners only: linear in folder size
CONTEXT = 4     # words either side that say what a number counts


class Mention(NamedTuple):
    """A number or date in a paragraph, with the words around it that say what it is.

    A throwaway record (thousands per folder, none in the results): a tuple is the cheapest to make. Two
    are never compared: the facts are found by identity.
    """

    ref: ParaRef
    start: int
    end: int
    text: str
    kind: str           # "number" | "date"
    value: tuple        # number: (low, high, unit); date: ("weekday", n) or ("date", month, day)
    hedge: str          # "", "over", "about", "under"
    head: str           # the word right after (what is counted)
    context: frozenset[str]
    phrase: str         # the mention and the words it counts, as written


def paragraph_mentions(ref: ParaRef, text: str) -> list[Mention]:
    """Every number (not a conversion in brackets, not a year) and date of one paragraph."""
    out = []
    has_digit = _DIGIT.search(text) is not None
    dates = list(_DATE_RE.finditer(text)) if _may_hold_date(text, has_digit) else []
    numbers = _NUMBER_RE.finditer(text) if has_digit or _may_hold_number_word(text) else ()
    for m in numbers:
        if text[max(0, m.start() - 1):m.start()] == "(" or _is_conversion_of_previous(text, m.start()):
            continue
        if any(d.start() <= m.start() < d.end() for d in dates):
            continue
        value = _amount(m)
        if value is None:
            continue
        if value[2] == "" and 1950 <= value[0] <= 2099 and value[0] == value[1]:
            continue  # a year: dates are checked on their own, and years rarely clash in rewrites
        if value[2] == "" and not m.group("scale") and re.fullmatch(r"\d{5,}", m.group("a")):
            continue  # an unformatted long number is a code or an identifier, not a quantity
        head, context, phrase = _context(text, m.start(), m.end())
        out.append(Mention(ref, m.start(), m.end(), m.group().strip(), "number", value,
                           _HEDGES.get((m.group("hedge") or "").lower(), ""), head, context, phrase))
    for m in dates:
        if m.group("weekday"):
            value = ("weekday", _WEEKDAYS.index(m.group("weekday").lower()))
        else:
            month = (m.group("month") or m.group("month2")).lower().rstrip(".")
            value = ("date", _MONTHS.get(month[:4] if month.startswith("sept") else month[:3], 0),
                     int(m.group("day") or m.group("day2")))
        head, context, _ = _context(text, m.start(), m.end())
        out.append(Mention(ref, m.start(), m.end(), m.group(), "date", value, "", head, context, m.group()))
    return out


_DIGIT = re.compile(r"\d")
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LOWER_NUMBER_WORDS = tuple(_NUMBER_WORDS)


# The two scans below try a long alternation at every position of every paragraph, and most paragraphs
# hold neither a number nor a date: plain substring tests, necessary for any match, skip them cheaply.
def _may_hold_date(text: str, has_digit: bool) -> bool:
    """False when _DATE_RE cannot match: a weekday says '...day'; a month date has a digit and a month."""
    return "day" in text or (has_digit and any(map(text.__contains__, _MONTH_STEMS)))


def _may_hold_number_word(text: str) -> bool:
    """False when _NUM cannot match a number word (digits aside): its words are in lower or initial case."""
    return any(map(text.lower().__contains__, _LOWER_NUMBER_WORDS))


def _is_conversion_of_previous(text: str, start: int) -> bool:
    """'€50 billion ($54 billion)': the bracketed amount restates the one before it in another unit."""
    before = text[max(0, start - 4):start]
    return "(" in before and bool(_CONVERSION.match(text[before.rfind("(") + start - len(before):]))


def _amount(m: re.Match) -> tuple | None:
    low = _value(m.group("a"))
    high = _value(m.group("b")) if m.group("b") else low
    if low is None or high is None:
        return None
    if m.group("b") and m.group("sep").lower() == "and":
        high = low  # "two and a half", "3 and 4": not a range we can read
    scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
    unit = _CURRENCIES.get((m.group("cur") or m.group("cur2") or "").lower(), "")
    return (low * scale, high * scale, unit)


def _value(token: str) -> float | None:
    token = token.lower()
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return float(token.replace(",", ""))
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _context(text: str, start: int, end: int) -> tuple[str, frozenset[str], str]:
    """The first content word after [start, end), the content words within CONTEXT words either side, and the
    mention with its next two words as written."""
    before = _WORD_RE.findall(text, max(0, start - 12 * CONTEXT), start)[-CONTEXT:]
    after = list(itertools.islice(_WORD_RE.finditer(text, end, end + 12 * CONTEXT), CONTEXT))
    after_content = [n for n in (_content_norm(m.group()) for m in after) if n]
    head = after_content[0] if after_content else ""
    phrase = text[start:after[min(1, len(after) - 1)].end()] if after else text[start:end]
    context = {_content_norm(w) for w in before} | set(after_content)
    context.discard("")
    return head, frozenset(context), phrase


@lru_cache(maxsize=1 << 16)  # pure; the versions of a story repeat the same few thousand words around numbers
def _content_norm(word: str) -> str:
    """The matching key of a content word, '' for a stopword."""
    folded = fold(word)
    if folded in STOPWORDS:
        return ""
    norm = normalize(word)
    return "" if norm in STOPWORDS else norm


def number_findings(c: Comparison) -> list[Finding]:
    """One finding per fact (a number or date matched across aligned paragraphs) the articles state differently."""
    mentions: dict[ParaRef, list[Mention]] = {}
    for art in c.articles:
        for p in art.paragraphs:
            ref = (art.index, p.index)
            if not p.boilerplate and not p.is_title and c.links_of(ref):  # unaligned: nothing to compare with
                mentions[ref] = paragraph_mentions(ref, p.text)
    # the folder's years, read only if a weekday meets a date: a scan of every article's whole text
    years = functools.cache(lambda: {int(y) for art in c.articles for y in _YEAR_RE.findall(art.text)})
    # Union-find over the mentions by id: no two mentions are equal (each has its own place), and hashing
    # an 11-field mention on every lookup was most of the cost.
    by_id = {id(m): m for own in mentions.values() for m in own}
    parent: dict[int, int] = {}

    def find(m: int) -> int:
        while parent.setdefault(m, m) != m:
            m = parent[m]
        return m

    for ref, own in mentions.items():
        if not own:
            continue
        partners = sorted(c.links_of(ref), key=lambda x: (-x[1], x[0]))[:MAX_LINKS]
        for other, _ in partners:
            if other[0] == ref[0] or other not in mentions:
                continue
            for a, b in _pairs(own, mentions[other]):
                parent[find(id(a))] = find(id(b))
    facts: dict[int, list[Mention]] = defaultdict(list)
    for m in parent:
        facts[find(m)].append(by_id[m])
    out = []
    for members in facts.values():
        finding = _fact_finding(c, sorted(members, key=lambda m: (m.ref, m.start)), years)
        if finding:
            out.append(finding)
    return out


def _pairs(own: list[Mention], theirs: list[Mention]):
    """Mentions of two aligned paragraphs that speak of the same thing (same kind, shared surrounding words)."""
    used = set()
    for a in own:
        best, best_score = None, 0
        for b in theirs:
            if b.kind != a.kind or id(b) in used or not _comparable(a, b):
                continue
            shared = a.context & b.context
            same_head = bool(a.head) and a.head == b.head
            # the counted word alone is too weak ("10-year" vs "two years after"): it needs a neighbour too
            score = len(shared - {a.head}) + (2 if same_head else 0)
            if score >= (3 if same_head else 2) and score > best_score:
                best, best_score = b, score
        if best is not None:
            used.add(id(best))
            yield a, best


def _comparable(a: Mention, b: Mention) -> bool:
    if a.kind == "date":
        return True
    return not (a.value[2] and b.value[2] and a.value[2] != b.value[2])  # € vs $: a conversion, not a clash


def _fact_finding(c: Comparison, members: list[Mention], years: Callable[[], set[int]]) -> Finding | None:
    by_reading: dict[tuple, list[Mention]] = defaultdict(list)
    for m in members:
        by_reading[(m.value[:2] if m.kind == "number" else m.value, m.hedge)].append(m)
    if len(by_reading) < 2 or len({m.ref[0] for m in members}) < 2:
        return None
    kind = members[0].kind
    severity = _date_severity(by_reading, years) if kind == "date" else _number_severity(by_reading)
    if severity is None:
        return None
    variants = sorted(by_reading.values(), key=lambda ms: (-len(ms), ms[0].ref))
    parts = [f"“{_phrase(ms[0])}” in {articles_label(c, {m.ref[0] for m in ms})}" for ms in variants]
    what = "Dates differ" if kind == "date" else ("Figures differ" if severity == "high" else "Hedging differs")
    if kind == "date" and severity == "low":
        what = "Check the day"
    occurrences = tuple(Occurrence(m.ref[0], m.ref[1], m.start, m.end) for m in members)
    basis = kind + "\n" + " | ".join(sorted(_phrase(ms[0]).lower() for ms in variants))
    return Finding(kind, severity, f"{what}: " + " vs ".join(parts), occurrences, "", basis)


def _number_severity(by_reading: dict) -> str | None:
    values = {v for v, _ in by_reading}
    hedges = {h for _, h in by_reading}
    if len(values) > 1:
        if len(by_reading) >= 4 and all(len({m.ref[0] for m in ms}) == 1 for ms in by_reading.values()):
            return None  # every article a different figure: a label that changes (desk 12, item 7), not a fact
        lows = sorted(v[0] for v in values)
        # "three or four" vs "three to four" is one reading; different figures are a real clash
        return "high" if lows[0] != lows[-1] or len({v[1] for v in values}) > 1 else None
    if hedges & {"over", "under"}:
        return "medium"
    return "low" if len(hedges) > 1 else None


def _date_severity(by_reading: dict, years: Callable[[], set[int]]) -> str | None:
    """The severity of differing dates; years() gives the years the folder mentions."""
    weekdays = {v[1] for v, _ in by_reading if v[0] == "weekday"}
    dates = {v[1:] for v, _ in by_reading if v[0] == "date"}
    if len(weekdays) > 1 or len(dates) > 1:
        return "high"
    if weekdays and dates:
        (weekday,), ((month, day),) = weekdays, dates
        fits = [y for y in years() if _weekday(y, month, day) == weekday]
        if fits:
            return None
        return "medium" if years() else "low"
    return None


def _weekday(year: int, month: int, day: int) -> int:
    try:
        return datetime.date(year, month, day).weekday()
    except ValueError:
        return -1


def _phrase(m: Mention) -> str:
    """The mention with the word it counts, as an editor would search for it."""
    return " ".join(m.phrase.split())
