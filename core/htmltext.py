"""Extract article text from HTML: block elements become paragraphs; scripts, styles, navigation dropped.

The markup is read by a small tokenizer of our own that follows the HTML5 tokenizer (tags, attributes,
comments, script and style content): one pass, never backing up, so any input takes time linear in its
length, and nothing raises. The standard library's HTMLParser, used before, gives the same tags and text
on well-formed pages (tests/core/test_loader_html.py compares the two), but rescans to the end of the page
from each unfinished tag (quadratic: 50,000 "<a b='" pin the CPU for minutes) and raises AssertionError on
"<![ if !IE ]>". A tree-building parser (lexbor via selectolax) is linear on those but quadratic on deep
nesting ("<div>" x 40,000 then "</p>" x 40,000 takes 11 s in one uninterruptible call), and the extractor
needs only the stream of tags, never the tree.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Optional, Protocol

from copydesk.core.budget import CHECK_EVERY, OverBudget, ReadBudget, unlimited

MAX_TAGS = 500_000
"""Tags one page may have before it is refused as too large to parse (a long news page has a few thousand)."""

_SKIP = {"script", "style", "nav", "aside", "form", "noscript", "template", "svg", "iframe", "button", "select",
         "head", "menu"}
# A page's header and footer are site furniture, but an article's own <header> holds its headline.
_SKIP_OUTSIDE_ARTICLE = {"header", "footer"}
_ARTICLE = {"article", "main"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section",
          "article", "figcaption", "figure", "td", "th", "tr", "dd", "dt", "ul", "ol", "table",
          "main", "address", "title", "hr"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}

# Elements whose content is not markup but text up to their end tag: the two HTMLParser treated so.
# (Browsers also read title, textarea, xmp and a few more that way; HTMLParser did not, and we keep its
# reading of normal pages.)
_RAW_TEXT = {"script", "style"}

_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\f\r />]*")
_SPACES = re.compile(r"[\t\n\f\r ]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_COMMENT_END = re.compile(r"--!?>")


class TagSink(Protocol):
    """What the tokenizer reports to: start and end tags (names lower-cased) and text (references decoded)."""

    def handle_starttag(self, tag: str) -> None:
        """A start tag."""

    def handle_endtag(self, tag: str) -> None:
        """An end tag."""

    def handle_data(self, data: str) -> None:
        """A run of text."""


class _Extractor:
    """Collects paragraphs from the tag and text events of a page (the handlers HTMLParser used to call)."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.title = ""
        self._buf: list[str] = []
        self._skip_depth = 0
        self._in_title = False
        self._title_buf: list[str] = []
        self._article_depth = 0
        self.has_headline = False
        self._skipped_furniture: list[bool] = []  # per open header/footer: was it skipped?

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.blocks.append(text)
        self._buf = []

    def _enter_skip(self, amount: int = 1) -> None:
        # Words on either side of a dropped element are still two words: "x<style>..</style>y" is "x y".
        if amount and not self._skip_depth:
            self._buf.append(" ")
        self._skip_depth += amount

    def _leave_skip(self, amount: int = 1) -> None:
        self._skip_depth = max(0, self._skip_depth - amount)
        if amount and not self._skip_depth:
            self._buf.append(" ")

    def handle_starttag(self, tag: str) -> None:
        """A start tag (name lower-cased)."""
        if tag == "title":
            self._in_title = True
            self._buf.append(" ")  # the title's words are not part of the text around it
            return
        if tag in _VOID:
            if tag == "br":
                self._flush()
            return
        if tag in _ARTICLE:
            self._article_depth += 1
        if tag == "h1" and not self._skip_depth:
            self.has_headline = True
        if tag in _SKIP_OUTSIDE_ARTICLE:
            skip = self._article_depth == 0
            self._skipped_furniture.append(skip)
            self._enter_skip(int(skip))
            if not skip and not self._skip_depth:
                self._flush()
        elif tag in _SKIP:
            self._enter_skip()
        elif tag in _BLOCK and not self._skip_depth:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        """An end tag (name lower-cased)."""
        if tag == "title":
            self._in_title = False
            self._buf.append(" ")
            return
        if tag in _ARTICLE:
            self._article_depth = max(0, self._article_depth - 1)
        if tag in _SKIP_OUTSIDE_ARTICLE:
            skipped = self._skipped_furniture.pop() if self._skipped_furniture else False
            if self._skip_depth:
                self._leave_skip(int(skipped))
            if not skipped and not self._skip_depth:
                self._flush()
        elif tag in _SKIP:
            if self._skip_depth:
                self._leave_skip()
        elif tag in _BLOCK and not self._skip_depth:
            self._flush()

    def handle_data(self, data: str) -> None:
        """Text, with character references already decoded."""
        if self._in_title:
            self._title_buf.append(data)
        elif not self._skip_depth:
            self._buf.append(data)

    def close(self) -> None:
        """The page has ended: keep the last paragraph and the title."""
        self._flush()
        self.title = " ".join("".join(self._title_buf).split())


def _after(pattern: re.Pattern[str], html: str, pos: int) -> int:
    """Index just past what pattern matches at pos (pos itself when nothing does)."""
    m = pattern.match(html, pos)
    return m.end() if m else pos


def _tag_end(html: str, pos: int) -> tuple[int, bool]:
    """Index just past the '>' closing the tag whose attributes start at pos, and whether it ends in '/>'.

    Follows the HTML5 attribute states, so a '>' inside a quoted value does not end the tag; -1 when the
    page ends inside the tag (the tag is then dropped, as browsers do).
    """
    n = len(html)
    while True:
        pos = _after(_SPACES, html, pos)
        if pos >= n:
            return -1, False
        c = html[pos]
        if c == ">":
            return pos + 1, False
        if c == "/":
            if html.startswith("/>", pos):
                return pos + 2, True
            pos += 1  # a stray slash is ignored
            continue
        pos = _after(_ATTR_NAME, html, pos)
        pos = _after(_SPACES, html, pos)
        if pos < n and html[pos] == "=":
            pos = _after(_SPACES, html, pos + 1)
            if pos < n and html[pos] in "\"'":
                close = html.find(html[pos], pos + 1)
                if close < 0:
                    return -1, False
                pos = close + 1
            else:
                pos = _after(_UNQUOTED, html, pos)


def tokenize(html: str, out: TagSink, budget: Optional[ReadBudget] = None) -> None:
    """Feed the tags and text of html to out, in one forward pass (see the module docstring)."""
    budget = budget or unlimited()
    n = len(html)
    i = 0
    steps = 0
    tags = 0
    while i < n:
        steps += 1
        if steps % CHECK_EVERY == 0:
            budget.check()
        lt = html.find("<", i)
        if lt < 0:
            out.handle_data(unescape(html[i:]))
            return
        if lt > i:
            out.handle_data(unescape(html[i:lt]))
        nxt = html[lt + 1:lt + 2]
        if nxt.isascii() and nxt.isalpha():
            name_end = _after(_TAG_NAME, html, lt + 1)
            end, self_closing = _tag_end(html, name_end)
            if end < 0:
                return
            tags += 1
            if tags > MAX_TAGS:
                raise OverBudget(f"too large to parse (more than {MAX_TAGS:,} HTML tags)")
            tag = html[lt + 1:name_end].lower()
            out.handle_starttag(tag)
            if self_closing:
                out.handle_endtag(tag)  # what HTMLParser reported for <br/>, <p/>
                i = end
            elif tag in _RAW_TEXT:
                i = _raw_text(html, end, tag, out)
            else:
                i = end
        elif nxt == "/":
            after = html[lt + 2:lt + 3]
            if after.isascii() and after.isalpha():
                name_end = _after(_TAG_NAME, html, lt + 2)
                end, _ = _tag_end(html, name_end)
                if end < 0:
                    return
                tags += 1
                out.handle_endtag(html[lt + 2:name_end].lower())
                i = end
            elif after == ">":
                i = lt + 3  # "</>" is nothing
            elif not after:
                out.handle_data("</")
                return
            else:
                i = _skip_to(html, ">", lt + 2)  # "</ x>", "</3>": a bogus comment
        elif nxt == "!":
            if html.startswith("<!--", lt):
                if html.startswith(">", lt + 4) or html.startswith("->", lt + 4):
                    i = html.index(">", lt + 4) + 1  # "<!-->" and "<!--->" are empty comments
                else:
                    m = _COMMENT_END.search(html, lt + 4)
                    i = m.end() if m else n
            elif html.startswith("<![CDATA[", lt):
                i = _skip_to(html, "]]>", lt + 9)  # dropped whole, as HTMLParser did
            else:
                i = _skip_to(html, ">", lt + 2)  # doctype, "<![if !IE]>": a declaration or bogus comment
        elif nxt == "?":
            i = _skip_to(html, ">", lt + 2)  # a processing instruction ("<?xml ...?>")
        else:
            out.handle_data("<")  # "a < b", or a '<' at the very end
            i = lt + 1


def _skip_to(html: str, needle: str, start: int) -> int:
    end = html.find(needle, start)
    return len(html) if end < 0 else end + len(needle)


_RAW_TEXT_END = {tag: re.compile(r"</%s(?=[\t\n\f\r />]|\Z)" % tag, re.IGNORECASE) for tag in _RAW_TEXT}


def _raw_text(html: str, start: int, tag: str, out: TagSink) -> int:
    """Report the content of a script or style element as text, as written; return where its end tag starts."""
    m = _RAW_TEXT_END[tag].search(html, start)
    end = m.start() if m else len(html)
    if end > start:
        out.handle_data(html[start:end])
    return end


def html_to_text(html: str, budget: Optional[ReadBudget] = None) -> str:
    """Return the readable text of an HTML page, one paragraph per block, blank-line separated."""
    extractor = _Extractor()
    tokenize(html, extractor, budget)
    extractor.close()
    blocks = extractor.blocks
    # The <title> ("Headline | Site") stands in for the headline only when the body has no <h1>.
    if extractor.title and not extractor.has_headline:
        blocks = [extractor.title] + blocks
    return "\n\n".join(blocks)
