"""Word-level spans: which other articles carry each stretch of a paragraph's words."""

from __future__ import annotations

from typing import Callable, Optional

from copydesk.core.dmp_codec import CodecFull, WordCodec, encode_pair, equal_map
from copydesk.core.highlight import ALL, SOME, kind_for
from copydesk.core.model import ArticleStats, ParaRef, Span
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report
from copydesk.core.tokens import Token

CHECK_EVERY = 64
"""Links diffed between two looks at the CancelToken (and progress reports): a big folder has 100,000."""

Masks = list[int]
"""Per token, a bit mask of the articles that carry it (bit a = article a)."""


def spans_for_paragraph(text_len: int, tokens: list[Token], masks: Masks) -> tuple[Span, ...]:
    """Partition [0, text_len) into spans of tokens carried by the same articles.

    Each span starts at a token whose carrier mask differs from the previous token's; text before
    the first token joins the first span, so spans cover the paragraph exactly.
    """
    if not tokens:
        return (Span(0, text_len, 0),) if text_len else ()
    spans: list[Span] = []
    start, current = 0, masks[0]
    for k in range(1, len(tokens)):
        if masks[k] != current:
            spans.append(Span(start, tokens[k].start, current))
            start, current = tokens[k].start, masks[k]
    spans.append(Span(start, text_len, current))
    return tuple(spans)


def link_carriers(tokens: dict[ParaRef, list[Token]], pairs: list[tuple[ParaRef, ParaRef]],
                  pivots: frozenset = frozenset(), progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> dict[ParaRef, Masks]:
    """Per token of every linked paragraph, the mask of other articles whose linked paragraph keeps that word.

    Each link is diffed once at word level. With pivots (large folders, star links), a word kept
    by the pivot is credited with every article whose paragraph kept the same pivot word. Reports
    progress as stage "spans" and stops with Cancelled every CHECK_EVERY links.
    """
    report(progress, "spans", 0.0)
    refs = list(dict.fromkeys(ref for pair in pairs for ref in pair))
    encoded_pair = _pair_encoder(tokens, refs)
    masks = {ref: [0] * len(tokens[ref]) for ref in refs}
    spokes: list[tuple[ParaRef, ParaRef, list[int]]] = []  # (member, pivot, member pos -> pivot pos)
    for done, (x, y) in enumerate(pairs):
        if done % CHECK_EVERY == 0:
            checkpoint(cancel)
            report(progress, "spans", done / len(pairs))
        if y in pivots and x not in pivots:
            x, y = y, x
        x_to_y = equal_map(*encoded_pair(x, y))
        mx, my, bx, by = masks[x], masks[y], 1 << x[0], 1 << y[0]
        for k, m in enumerate(x_to_y):
            if m >= 0:
                mx[k] |= by
                my[m] |= bx
        if x in pivots:
            spokes.append((y, x, [-1] * len(tokens[y])))
            for k, m in enumerate(x_to_y):
                if m >= 0:
                    spokes[-1][2][m] = k
    checkpoint(cancel)
    # a member shares each pivot word with all the articles that kept it (the pivot's mask)
    for member, pivot, to_pivot in spokes:
        mm, mp = masks[member], masks[pivot]
        for k, m in enumerate(to_pivot):
            if m >= 0:
                mm[k] |= mp[m]
    for ref, mk in masks.items():
        own = ~(1 << ref[0])
        masks[ref] = [m & own for m in mk]
    return masks


def _pair_encoder(tokens: dict[ParaRef, list[Token]],
                  refs: list[ParaRef]) -> Callable[[ParaRef, ParaRef], tuple[str, str]]:
    """The two encoded texts to diff for a link, x's then y's.

    One codec for the folder encodes each paragraph once; a folder with more distinct words than a
    codec has codes gets codes per link instead.
    """
    codec = WordCodec()
    try:
        encoded = {ref: codec.encode([t.norm for t in tokens[ref]]) for ref in refs}
    except CodecFull:
        # codes need only be equal for equal words within one diff: each link gets codes of its own
        return lambda x, y: encode_pair([t.norm for t in tokens[x]], [t.norm for t in tokens[y]])
    return lambda x, y: (encoded[x], encoded[y])


def article_stats(token_masks: list[Masks], n_articles: int) -> ArticleStats:
    """Share of an article's story words shared with all other articles, with some, or with none."""
    total = shared_all = shared_some = 0
    for masks in token_masks:
        for mask in masks:
            total += 1
            kind = kind_for(mask.bit_count(), n_articles - 1)
            if kind == ALL:
                shared_all += 1
            elif kind == SOME:
                shared_some += 1
    if not total:
        return ArticleStats(0, 0.0, 0.0, 0.0)
    return ArticleStats(total, round(shared_all / total, 4), round(shared_some / total, 4),
                        round((total - shared_all - shared_some) / total, 4))
