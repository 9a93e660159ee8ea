"""Extract article text from HTML: block elements become paragraphs; scripts, styles, navigation dropped."""

from __future__ import annotations

from html.parser import HTMLParser

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


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
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
            self._skip_depth += skip
            if not skip and not self._skip_depth:
                self._flush()
        elif tag in _SKIP:
            self._skip_depth += 1
        elif tag in _BLOCK and not self._skip_depth:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
            return
        if tag in _ARTICLE:
            self._article_depth = max(0, self._article_depth - 1)
        if tag in _SKIP_OUTSIDE_ARTICLE:
            skipped = self._skipped_furniture.pop() if self._skipped_furniture else False
            self._skip_depth = max(0, self._skip_depth - skipped)
            if not skipped and not self._skip_depth:
                self._flush()
        elif tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK and not self._skip_depth:
            self._flush()

    def handle_data(self, data):
        if self._in_title:
            self._title_buf.append(data)
        elif not self._skip_depth:
            self._buf.append(data)

    def close(self):
        super().close()
        self._flush()
        self.title = " ".join("".join(self._title_buf).split())


def html_to_text(html: str) -> str:
    """Return the readable text of an HTML page, one paragraph per block, blank-line separated."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    blocks = parser.blocks
    # The <title> ("Headline | Site") stands in for the headline only when the body has no <h1>.
    if parser.title and not parser.has_headline:
        blocks = [parser.title] + blocks
    return "\n\n".join(blocks)
