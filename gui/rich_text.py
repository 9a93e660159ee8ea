"""Article text is data: keep it literal wherever Qt would read rich text or split blocks."""

from __future__ import annotations

import html

# Qt starts a new block at '\n' and U+2029; a line separator keeps one paragraph one block, same length.
LINE_BREAKS = str.maketrans({"\n": "\u2028", "\u2029": "\u2028", "\r": " "})


def literal_tooltip(text: str) -> str:
    """A tooltip showing text exactly: escaped and wrapped, since Qt guesses 'rich text' from a leading tag."""
    return f"<p>{html.escape(text)}</p>" if text else ""


def menu_text(text: str) -> str:
    """Text for a menu item or button, with '&' doubled so it shows instead of becoming a mnemonic."""
    return text.replace("&", "&&")
