"""What each version dropped from the reference, and which of its paragraphs moved: one function for every view.

The highlights say what a version carries; they cannot show what it left out. Here each aligned row is
word-diffed (core.dmp_codec, the one word diff) reference against version: the reference's words the
version dropped are placed at the point of the version's text where they were cut, and a paragraph
the version put out of the reference's order is marked as moved. The PDF prints both; the panes can
ask the same function later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from copydesk.core.chains import longest_chain
from copydesk.core.dmp_codec import encode_pair, word_diff
from copydesk.core.highlight import included_set
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.tokens import Token, tokenize

MIN_KEPT = 0.35
"""Below this share of the reference's words kept, a row is a rewording, not a cut: no words are struck."""


@dataclass(frozen=True)
class Deletion:
    """Words of the reference a version dropped, shown at code point `at` of the version's paragraph."""

    at: int
    text: str  # the dropped words as the reference writes them (inner punctuation kept)
    source: ParaRef  # the reference paragraph they come from


@dataclass(frozen=True)
class Move:
    """A paragraph placed out of the reference's order: where the reference has it, what it follows here."""

    reference_paragraph: int  # 0-based paragraph of the reference article it matches
    follows: Optional[int]  # 0-based paragraph of its own article printed just before it (None: first)


@dataclass(frozen=True)
class ParagraphEdits:
    """The deletions and the move of one paragraph of a version (empty for the reference itself)."""

    ref: ParaRef
    deletions: tuple[Deletion, ...] = ()
    move: Optional[Move] = None

    @property
    def dropped_words(self) -> int:
        """How many words of the reference this paragraph dropped."""
        return sum(len(d.text.split()) for d in self.deletions)


@dataclass(frozen=True)
class Edits:
    """Deletions and moves of every included version against one reference article."""

    reference: int
    paragraphs: tuple[ParagraphEdits, ...]  # only paragraphs with a deletion or a move, in (article, ¶) order
    _by_ref: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def of(self, ref: ParaRef) -> ParagraphEdits:
        """The edits of a paragraph (empty when it has none)."""
        if not self._by_ref and self.paragraphs:
            self._by_ref.update((p.ref, p) for p in self.paragraphs)
        return self._by_ref.get(ref) or ParagraphEdits(ref)


def paragraph_edits(c: Comparison, reference: int, included: Optional[Iterable[int]] = None) -> Edits:
    """Every included version's dropped words and moved paragraphs relative to the reference article.

    A row (alignment group) holding the reference and a version is diffed word by word, the row's
    reference paragraphs against the version's, each side read in paragraph order; a row that keeps
    less than MIN_KEPT of the reference's words is a rewording and gets no struck words. Moved: the
    version's paragraphs outside the longest run that keeps the reference's order.
    """
    inc = included_set(c, included)
    deletions: dict[ParaRef, list[Deletion]] = {}
    pairs: dict[int, list[tuple[int, int]]] = {}  # version -> (own paragraph, reference paragraph)
    tokens: dict[ParaRef, list[Token]] = {}

    def toks(ref: ParaRef) -> list[Token]:
        if ref not in tokens:
            tokens[ref] = tokenize(c.paragraph(ref).text)
        return tokens[ref]

    if reference in inc:
        for group in c.groups:
            mine = sorted(m for m in group.members if m[0] == reference and not c.paragraph(m).boilerplate)
            if not mine:
                continue
            for a in sorted(group.articles() & inc - {reference}):
                theirs = sorted(m for m in group.members if m[0] == a and not c.paragraph(m).boilerplate)
                if not theirs:
                    continue
                pairs.setdefault(a, []).extend((m[1], mine[0][1]) for m in theirs)
                for ref, found in _row_deletions(c, mine, theirs, toks).items():
                    deletions.setdefault(ref, []).extend(found)
    moves = {ref: move for a, own in pairs.items() for ref, move in _moves(c, a, own).items()}
    refs = sorted(set(deletions) | set(moves))
    return Edits(reference, tuple(ParagraphEdits(r, tuple(sorted(deletions.get(r, ()), key=lambda d: d.at)),
                                                 moves.get(r)) for r in refs))


def _row_deletions(c: Comparison, mine: list[ParaRef], theirs: list[ParaRef], toks) -> dict[ParaRef, list[Deletion]]:
    """The reference words of one row that the version's paragraphs of that row dropped, placed in them."""
    ref_words = [(r, t) for r in mine for t in toks(r)]
    ver_words = [(v, t) for v in theirs for t in toks(v)]
    if not ref_words or not ver_words:
        return {}
    a, b = encode_pair([t.norm for _, t in ref_words], [t.norm for _, t in ver_words])
    diff = word_diff(a, b)
    kept = sum(n for op, n in diff if op == 0)
    if kept < MIN_KEPT * len(ref_words):
        return {}
    out: dict[ParaRef, list[Deletion]] = {}
    i = j = 0
    for op, n in diff:
        if op == 0:
            i, j = i + n, j + n
        elif op > 0:
            j += n
        else:
            # after the version's previous word (so "nothing [can be] is ruled out"), else before its first
            where, at = (ver_words[j - 1][0], ver_words[j - 1][1].end) if j else (ver_words[0][0], ver_words[0][1].start)
            for source, first, last in _by_paragraph(ref_words[i:i + n]):
                text = c.paragraph(source).text[first.start:last.end]
                out.setdefault(where, []).append(Deletion(at, text, source))
            i += n
    return out


def _by_paragraph(words: list[tuple[ParaRef, Token]]) -> list[tuple[ParaRef, Token, Token]]:
    """A run of reference words cut into (paragraph, first token, last token) pieces, one per paragraph."""
    pieces: list[tuple[ParaRef, Token, Token]] = []
    for ref, tok in words:
        if pieces and pieces[-1][0] == ref:
            pieces[-1] = (ref, pieces[-1][1], tok)
        else:
            pieces.append((ref, tok, tok))
    return pieces


def _moves(c: Comparison, article: int, own: list[tuple[int, int]]) -> dict[ParaRef, Move]:
    """The version's paragraphs that break the reference's order: those off its longest ordered run."""
    ordered = sorted(set(own))
    # reference paragraphs never go back along the run; equal is fine: a split paragraph keeps the order
    position = {p: k for k, p in enumerate(ordered)}
    keep = {position[p] for p in longest_chain(ordered, strict_second=False, latest=True)}
    story = [p.index for p in c.articles[article].paragraphs if not p.boilerplate]
    out: dict[ParaRef, Move] = {}
    for k, (mine, theirs) in enumerate(ordered):
        if k in keep:
            continue
        before = [p for p in story if p < mine]
        out[(article, mine)] = Move(theirs, before[-1] if before else None)
    return out
