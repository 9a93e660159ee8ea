"""One run's memo of per-paragraph work (tokens, boilerplate verdicts) shared by story grouping and comparison.

Grouping a folder into stories and comparing each story both tokenize and classify every paragraph; the
versions of a story also repeat paragraphs verbatim. Both functions are pure, so one memo per run (made by
core.multistory) lets each distinct paragraph text be tokenized and judged once. Callers must not mutate
the token lists they get (they are shared between paragraphs of equal text).
"""

from __future__ import annotations

from copydesk.core import boilerplate
from copydesk.core.tokens import Token, tokenize


class ParagraphMemo:
    """tokenize() and boilerplate.classify() results by paragraph text, for the length of one run."""

    def __init__(self) -> None:
        self._tokens: dict[str, list[Token]] = {}
        self._verdicts: dict[tuple[str, bool, tuple], str] = {}

    def tokens(self, text: str) -> list[Token]:
        """tokenize(text), computed once per distinct text (shared list: read only)."""
        toks = self._tokens.get(text)
        if toks is None:
            toks = self._tokens[text] = tokenize(text)
        return toks

    def classify(self, text: str, is_title: bool = False, extra: tuple[boilerplate.Rule, ...] = ()) -> str:
        """boilerplate.classify(text, is_title, extra), computed once per distinct arguments."""
        key = (text, is_title, extra)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = boilerplate.classify(text, is_title, extra)
        return verdict
