"""Recognise paragraphs that are not the story (ads, plugs, captions, credits, teasers): marked, never deleted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from copydesk.core.tokens import fold


@dataclass(frozen=True)
class Rule:
    """A named pattern; `short_only` rules apply only to short paragraphs (<= max_words)."""

    reason: str
    pattern: re.Pattern
    max_words: int = 0  # 0: any length
    hints: tuple[str, ...] = ()  # the rule runs only when one of these substrings occurs (speed)
    plug_words: bool = False  # matches words a reporter may also write: waived for a sentence of reporting


def _r(reason: str, pattern: str, max_words: int = 0, hints: tuple[str, ...] = (), plug_words: bool = False) -> Rule:
    # built-in rules see folded (lowercase) text, so no IGNORECASE: it makes Unicode regexes slow
    return Rule(reason, re.compile(pattern), max_words, hints, plug_words)


# The one place the built-in rules live. Patterns run on the folded (lowercase, straight quote)
# paragraph text; max_words keeps loose patterns from catching real sentences. A plug_words rule finds
# its words anywhere in the line ('newsletter', 'subscribe', 'podcast', 'cookies'): a plug is a call to
# action or a standalone label, so the rule is waived for a sentence of reporting (is_reporting_sentence).
RULES: tuple[Rule, ...] = (
    _r("advertisement", r"^\W*(advertisement|advertising|sponsored( content)?|ad|story continues below( advertisement)?|continue reading( below)?)\W*$", 6),
    _r("comments notice", r"^(comments are (no longer available|closed)|\d+\s+comments?|view comments|show comments|leave a comment|join the conversation)\b", 12),
    _r("copyright line", r"(©|\(c\)\s*\d{4}|copyright\s*(©|\d{4})|all rights reserved)", 30, ("©", "(c)", "copyright", "rights")),
    _r("contributor credit", r"\b(contributed|contributed reporting) to this (report|story|article)\W*$", 30, ("contribut",)),
    _r("coverage plug", r"^follow (ap'?s|our|the) (full )?coverage\b", 25),
    _r("social plug", r"^(follow|like) (us|[\w.]+) on (twitter|facebook|instagram|youtube|linkedin|tiktok|x)\b", 12),
    _r("social plug", r"^(follow|like|find) us\b", 10),
    _r("continue prompt", r"^continue reading\b", 10),
    _r("cookie notice", r"\bcookies?\b.*\b(consent|accept|tracking|policy|settings|use)\b|\b(consent|accept)\b.*\bcookies?\b", 45, ("cookie",),
       plug_words=True),
    _r("copyright line", r"^(copyright|reprints?|permissions)\b", 6),
    _r("share prompt", r"^(click (here )?to )?(share|tweet|email|print|pin)( this| on| via| all| article| story| selection| permalink|:|$)", 12),
    _r("share prompt", r"\bsharing options\b", 30, ("sharing",)),
    _r("newsletter plug", r"\b(newsletters?|subscri\w*|unsubscribe|sign[ -]?(up|in)|log ?in|register now|inbox|e-?mail alerts?|text alerts?)\b", 25,
       ("newsletter", "subscri", "sign", "log", "register", "inbox", "alert"), plug_words=True),
    _r("podcast plug", r"\b(podcast|listen (now|here)|download (our|the) app)\b", 40, ("podcast", "listen", "download"),
       plug_words=True),
    _r("link teaser", r"^(related|read more|read also|see also|more|recommended|watch|trending|most (popular|read)|top stories|latest|must read|don'?t miss)( stories| news| now| videos| tags| on [\w.]+)?\s*(:|$|\|)", 16),
    _r("photo caption", r"(\bcredit:|\bphoto(graph)?:|\bimage:|\bphotos?:|\bpictured:|\bfile photo\b|\bgetty images\b|\b(pool )?via (ap|reuters|afp|getty)\b|/(ap|reuters|afp|getty images|epa|pool)\b|\b(ap|afp|reuters|epa) photo\b|\bsubmitted photo\b)", 45,
       ("credit", "photo", "image", "pictur", "getty", "via ", "/")),
    _r("legal link", r"^(terms (of use|of service|and conditions)|privacy( policy)?|cookies?( policy| settings)?|legal information.*|contact us|about us|accessibility|site ?map)\W*$", 8),
    _r("click prompt", r"^(click here|tap here|learn more|more info|sign in|subscribe)\b", 10),
)

# Built-in rules are for short lines; the longest any of them (or the URL and caps checks) looks at:
_LONGEST_RULE = max(45, *(rule.max_words for rule in RULES))
assert all(rule.max_words for rule in RULES), "every built-in rule needs a word limit"

_URL_JUNK = re.compile(r"(%[0-9a-f]{2}|\b\d?[0-9a-f]{24,}\b|\.com2f)", re.IGNORECASE)  # mangled link text
_URL = re.compile(r"(https?://|www\.)", re.IGNORECASE)  # a link: junk alone, story inside a sentence of reporting
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’$0-9-]+")


_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\|()")
"""Characters that make a user's line a regular expression; a line without any is a plain phrase."""


@dataclass(frozen=True)
class UserPattern:
    """How one line of the user's boilerplate patterns is read."""

    line: str
    regex: bool  # False: matched as a literal phrase
    error: str = ""  # why a line with regex characters was not a valid regular expression ("" if it was)


def read_user_pattern(line: str) -> UserPattern:
    """A line with regex characters that compiles is a regular expression; anything else a literal phrase."""
    line = line.strip()
    if not _REGEX_SYNTAX.intersection(line):
        return UserPattern(line, regex=False)
    try:
        re.compile(line)
    except re.error as exc:  # "(AP)" or "Photo: [Reuters" were meant as text, not as a broken regex
        return UserPattern(line, regex=False, error=str(exc))
    return UserPattern(line, regex=True)


def _phrase(text: str) -> str:
    # any run of spaces in the phrase matches any run of white space in the paragraph
    return r"\s+".join(re.escape(word) for word in text.split())


def compile_user_patterns(patterns: Iterable[str]) -> tuple[Rule, ...]:
    """Turn the user's lines into rules, case-insensitive: regular expressions, or plain phrases (read_user_pattern)."""
    out = []
    for line in patterns:
        pattern = read_user_pattern(line)
        if not pattern.line:
            continue
        if pattern.regex:
            out.append(Rule("user pattern: " + pattern.line, re.compile(pattern.line, re.IGNORECASE)))
        else:
            out.append(Rule("user phrase: " + pattern.line, re.compile(_phrase(pattern.line), re.IGNORECASE)))
    return tuple(out)


def classify(text: str, is_title: bool = False, extra: tuple[Rule, ...] = ()) -> str:
    """The reason a paragraph is boilerplate by its own text, or '' when it looks like story text."""
    n_words = len(text.split())
    if n_words > _LONGEST_RULE and not extra:
        return ""  # no built-in rule reaches a paragraph this long: skip folding it (a hot path)
    folded = " ".join(fold(text).split())
    for rule in extra:
        if rule.pattern.search(text) or rule.pattern.search(folded):
            return rule.reason
    if is_datelined(text):
        return ""  # 'LONDON (Reuters) - ...': the wire lede, whatever words it holds
    prose: Optional[bool] = None  # is_reporting_sentence, computed once a plug_words rule needs it
    for rule in RULES:
        if rule.max_words and n_words > rule.max_words:
            continue
        if rule.hints and not any(map(folded.__contains__, rule.hints)):  # map: no Python loop per hint
            continue
        if rule.pattern.search(folded):
            if rule.plug_words:
                if prose is None:
                    prose = is_reporting_sentence(folded)
                if prose:
                    continue
            return rule.reason
    if n_words <= 40 and _has_link(text, folded):
        return "link or URL fragment"
    if not is_title and is_caps_teaser(text):
        return "all-caps teaser"
    return ""


def _has_link(text: str, folded: str) -> bool:
    """Mangled link text, or a link outside a sentence of reporting."""
    # The case-blind searches cost more than the rest of classify: most paragraphs hold none of the plain
    # strings every match needs ('%', '.com2f', a 24-letter word, 'http', 'www'), so look for those first.
    low = text.lower()
    if ("%" in low or ".com2f" in low or max(map(len, low.split()), default=0) >= 24) and _URL_JUNK.search(text):
        return True
    return ("http" in low or "www" in low) and bool(_URL.search(text)) and not is_reporting_sentence(folded)


_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*"  # LONDON, NEW YORK, LONDON/NEW YORK
    r"(?:,[^()\n]{1,40}?)?"  # , Ukraine, Feb 27
    r"(?:\s*\((?:AP|AFP|Reuters|UPI|dpa|DPA|EFE|ANSA|Xinhua|Bloomberg|CNN|[A-Z][\w.&' -]{0,30})\))?"  # (Reuters)
    r"\s*[-–—]+\s+\S")
_MIN_LEDE_WORDS = 6


def is_datelined(text: str) -> bool:
    """A wire lede opening with a dateline ('LONDON (Reuters) - The Bank ...'): story, not furniture."""
    text = text.strip()
    return len(text.split()) >= _MIN_LEDE_WORDS and bool(_DATELINE.match(text)) and bool(_ENDS_SENTENCE.search(text))


# First words of a call to action: a plug tells the reader what to do ('Sign up', 'Get our newsletter');
# a sentence of reporting does not open with a bare verb.
_CALL_TO_ACTION = frozenset("""
sign signup sign-up subscribe register log login join get click tap follow stay please don't dont never
enter download listen read watch want become manage try start receive check keep discover support share learn
visit see go give help unlock find bookmark
""".split())
# The reader or the publisher addressed outside quoted speech: 'your inbox', 'our newsletter'.
_ADDRESS = re.compile(r"\b(you|your|yours|you're|you'll|our|we|us)\b")
_QUOTED_SPEECH = re.compile(r'"[^"]*"')
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'(]*([a-z'-]+)")
_MIN_REPORTING_WORDS = 8


def is_reporting_sentence(folded: str) -> bool:
    """A sentence of reporting: long enough, ended, neither a call to action nor addressed to the reader.

    'The council said in its weekly newsletter that ...' is the story; 'Sign up for our newsletter',
    'Get the latest in your inbox.' and 'Newsletters' are plugs. `folded` is the folded, lowercase text.
    """
    if len(folded.split()) < _MIN_REPORTING_WORDS or not _ENDS_SENTENCE.search(folded):
        return False
    narration = _QUOTED_SPEECH.sub(" ", folded)  # a quoted 'we' or 'you' is the speaker's, not the outlet's
    if _ADDRESS.search(narration):
        return False
    return not any(m.group(1) in _CALL_TO_ACTION for m in _SENTENCE_START.finditer(narration))


def is_caps_teaser(text: str) -> bool:
    """A headline-like line in capitals (a related-story link), not a sentence."""
    words = text.split()
    if len(words) < 4 or len(words) > 25:
        return False
    # at least 80% of the words in capitals: stop at the first word too many that is not (most lines)
    allowed = 0.2 * len(words)
    lower = 0
    for w in words:
        if not _CAPS_WORD.fullmatch(w.strip(".,:;!?\"“”()")):
            lower += 1
            if lower > allowed:
                return False
    return True


def repeated_across(paragraph_keys: list[list[str]], texts: list[list[str]]) -> set[tuple[int, int]]:
    """(article, paragraph) of short non-sentence lines that recur verbatim: page furniture, not story.

    paragraph_keys hold each paragraph's normalised words; texts the paragraphs themselves.
    """
    seen: dict[str, list[tuple[int, int]]] = {}
    for a, keys in enumerate(paragraph_keys):
        for p, key in enumerate(keys):
            if key and p > 0 and is_clutter(texts[a][p], max_words=8):
                seen.setdefault(key, []).append((a, p))
    out = set()
    for refs in seen.values():
        if len(refs) >= 2:
            out.update(refs)
    return out


def heads_section(line: list[str], section: set[str]) -> bool:
    """A crosshead names what the story goes on to say: most of its content words recur in its section.

    line: the short line's content words (normalised, stopwords out); section: the content words of the
    story paragraphs that follow it. Page furniture ('Most Viewed', 'More from Jason Cipriani', '445 shares')
    is about the site, not the story, so its words do not recur there. One word is too little evidence.
    """
    words = set(line)
    return len(words) >= 2 and 2 * len(words & section) >= len(words)


_ENDS_SENTENCE = re.compile(r"[.!?…]['\"”’»)]*\s*$")
_OPENS_QUOTE = re.compile(r"^\W*[\"“„«‘]")


def is_clutter(text: str, max_words: int = 6) -> bool:
    """A short line that is not a sentence: a menu item or label when nothing else carries it.

    A line opening with a quotation mark is speech ('“It was insane,” she said'), a sentence even unpunctuated.
    """
    words = text.split()
    return len(words) <= max_words and not _ENDS_SENTENCE.search(text) and not _OPENS_QUOTE.match(text)
