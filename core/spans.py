"""Word-level spans: which other articles carry each stretch of a paragraph's words."""

from __future__ import annotations

from core.dmp_codec import WordCodec, matched_positions
from core.model import ArticleStats, Span
from core.tokens import Token


def spans_for_paragraph(text_len: int, tokens: list[Token], carriers: list[set[int]]) -> tuple[Span, ...]:
    """Partition [0, text_len) into spans; carriers[k] is the set of other articles that carry tokens[k].

    Each span starts at a token whose carrier set differs from the previous token's; text before
    the first token joins the first span, so spans cover the paragraph exactly.
    """
    if not tokens:
        return (Span(0, text_len, ()),) if text_len else ()
    spans: list[Span] = []
    start = 0
    current = tuple(sorted(carriers[0]))
    for k in range(1, len(tokens)):
        key = tuple(sorted(carriers[k]))
        if key != current:
            spans.append(Span(start, tokens[k].start, current))
            start, current = tokens[k].start, key
    spans.append(Span(start, text_len, current))
    return tuple(spans)


def link_carriers(codec: WordCodec, tokens: dict[tuple[int, int], list[Token]],
                  pairs: list[tuple[tuple[int, int], tuple[int, int]]]) -> dict[tuple[int, int], list[set[int]]]:
    """For each paragraph in a linked pair, per token, the other articles whose linked paragraph keeps that word.

    Each link is diffed once, at word level, and credits both of its sides.
    """
    encoded: dict[tuple[int, int], str] = {}
    carriers: dict[tuple[int, int], list[set[int]]] = {}
    for ref in {r for pair in pairs for r in pair}:
        encoded[ref] = codec.encode([t.norm for t in tokens[ref]])
        carriers[ref] = [set() for _ in tokens[ref]]
    for x, y in pairs:
        in_x, in_y = matched_positions(encoded[x], encoded[y])
        cx, cy = carriers[x], carriers[y]
        for k, hit in enumerate(in_x):
            if hit:
                cx[k].add(y[0])
        for k, hit in enumerate(in_y):
            if hit:
                cy[k].add(x[0])
    return carriers


def article_stats(token_carriers: list[list[set[int]]], n_articles: int) -> ArticleStats:
    """Share of an article's story words shared with all other articles, with some, or with none."""
    total = shared_all = shared_some = 0
    for carriers in token_carriers:
        for carried in carriers:
            total += 1
            if n_articles > 1 and len(carried) >= n_articles - 1:
                shared_all += 1
            elif carried:
                shared_some += 1
    if not total:
        return ArticleStats(0, 0.0, 0.0, 0.0)
    return ArticleStats(total, round(shared_all / total, 4), round(shared_some / total, 4),
                        round((total - shared_all - shared_some) / total, 4))
