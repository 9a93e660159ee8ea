"""Recognise paragraphs that are not the story (ads, plugs, captions, credits, teasers): marked, never deleted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from copydesk.core.tokens import fold


@dataclass(frozen=True)
class Rule:
    """A named pattern; `short_only` rules apply only to short paragraphs (<= max_words)."""

    reason: str
    pattern: re.Pattern
    max_words: int = 0  # 0: any length
    hints: tuple[str, ...] = ()  # the rule runs only when one of these substrings occurs (speed)


def _r(reason: str, pattern: str, max_words: int = 0, hints: tuple[str, ...] = ()) -> Rule:
    # built-in rules see folded (lowercase) text, so no IGNORECASE: it makes Unicode regexes slow
    return Rule(reason, re.compile(pattern), max_words, hints)


# The one place the built-in rules live. Patterns run on the folded (lowercase, straight quote)
# paragraph text; max_words keeps loose patterns from catching real sentences.
RULES: tuple[Rule, ...] = (
    _r("advertisement", r"^\W*(advertisement|advertising|sponsored( content)?|ad|story continues below( advertisement)?|continue reading( below)?)\W*$", 6),
    _r("comments notice", r"^(comments are (no longer available|closed)|\d+\s+comments?|view comments|show comments|leave a comment|join the conversation)\b", 12),
    _r("copyright line", r"(©|\(c\)\s*\d{4}|copyright\s*(©|\d{4})|all rights reserved)", 30, ("©", "(c)", "copyright", "rights")),
    _r("contributor credit", r"\b(contributed|contributed reporting) to this (report|story|article)\W*$", 30, ("contribut",)),
    _r("coverage plug", r"^follow (ap'?s|our|the) (full )?coverage\b", 25),
    _r("social plug", r"^(follow|like) (us|[\w.]+) on (twitter|facebook|instagram|youtube|linkedin|tiktok|x)\b", 12),
    _r("social plug", r"^(follow|like|find) us\b", 10),
    _r("continue prompt", r"^continue reading\b", 10),
    _r("cookie notice", r"\bcookies?\b.*\b(consent|accept|tracking|policy|settings|use)\b|\b(consent|accept)\b.*\bcookies?\b", 45, ("cookie",)),
    _r("copyright line", r"^(copyright|reprints?|permissions)\b", 6),
    _r("share prompt", r"^(click (here )?to )?(share|tweet|email|print|pin)( this| on| via| all| article| story| selection| permalink|:|$)", 12),
    _r("share prompt", r"\bsharing options\b", 30, ("sharing",)),
    _r("newsletter plug", r"\b(newsletters?|subscri\w*|unsubscribe|sign[ -]?(up|in)|log ?in|register now|inbox|e-?mail alerts?|text alerts?)\b", 25,
       ("newsletter", "subscri", "sign", "log", "register", "inbox", "alert")),
    _r("podcast plug", r"\b(podcast|listen (now|here)|download (our|the) app)\b", 40, ("podcast", "listen", "download")),
    _r("link teaser", r"^(related|read more|read also|see also|more|recommended|watch|trending|most (popular|read)|top stories|latest|must read|don'?t miss)( stories| news| now| videos| tags| on [\w.]+)?\s*(:|$|\|)", 16),
    _r("photo caption", r"(\bcredit:|\bphoto(graph)?:|\bimage:|\bphotos?:|\bpictured:|\bfile photo\b|\bgetty images\b|\b(pool )?via (ap|reuters|afp|getty)\b|/(ap|reuters|afp|getty images|epa|pool)\b|\b(ap|afp|reuters|epa) photo\b|\bsubmitted photo\b)", 45,
       ("credit", "photo", "image", "pictur", "getty", "via ", "/")),
    _r("legal link", r"^(terms (of use|of service|and conditions)|privacy( policy)?|cookies?( policy| settings)?|legal information.*|contact us|about us|accessibility|site ?map)\W*$", 8),
    _r("click prompt", r"^(click here|tap here|learn more|more info|sign in|subscribe)\b", 10),
)

# Built-in rules are for short lines; the longest any of them (or the URL and caps checks) looks at:
_LONGEST_RULE = max(45, *(rule.max_words for rule in RULES))
assert all(rule.max_words for rule in RULES), "every built-in rule needs a word limit"

_URL_JUNK = re.compile(r"(%[0-9a-f]{2}|\b\d?[0-9a-f]{24,}\b|\.com2f|https?://|www\.)", re.IGNORECASE)
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
    for rule in RULES:
        if rule.max_words and n_words > rule.max_words:
            continue
        if rule.hints and not any(h in folded for h in rule.hints):
            continue
        if rule.pattern.search(folded):
            return rule.reason
    if _URL_JUNK.search(text) and n_words <= 40:
        return "link or URL fragment"
    if not is_title and is_caps_teaser(text):
        return "all-caps teaser"
    return ""


def is_caps_teaser(text: str) -> bool:
    """A headline-like line in capitals (a related-story link), not a sentence."""
    words = text.split()
    if len(words) < 4 or len(words) > 25:
        return False
    caps = sum(1 for w in words if _CAPS_WORD.fullmatch(w.strip(".,:;!?\"“”()")))
    return caps >= 0.8 * len(words)


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


_ENDS_SENTENCE = re.compile(r"[.!?…]['\"”’»)]*\s*$")


def is_clutter(text: str, max_words: int = 6) -> bool:
    """A short line that is not a sentence: a menu item or label when nothing else carries it."""
    words = text.split()
    return len(words) <= max_words and not _ENDS_SENTENCE.search(text)
