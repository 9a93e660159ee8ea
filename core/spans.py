"""Word-level spans: which other articles carry each stretch of a paragraph's words, exactly or in other words.

Sentences of linked paragraphs are aligned first (core/sentences.py); each group of aligned sentences
is diffed once at word level. A word the other side keeps is shared with it; a word of an aligned
sentence the other side does not keep is reworded there, unless it belongs to a clause the other side
simply lacks; a sentence aligned to nothing in a version is new content for it, even inside a linked
paragraph, so the common words it happens to repeat are never credited.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import repeat
from operator import or_
from typing import Optional, Sequence

from copydesk.core.dmp_codec import CodecFull, WordCodec, encode_pair, word_diff
from copydesk.core.highlight import ALL, REWORDED, SOME, kind_for
from copydesk.core.model import ArticleStats, ParaRef, Span, make_span
from copydesk.core.sentence_groups import Encoder, Position, Run, Segment, Sent, components, diff_group, groups
from copydesk.core.sentence_groups import ParaSentences, paragraph_sentences, segments
from copydesk.core.sentences import MIN_CONTAINMENT, MIN_DICE, MIN_PART, SentenceLink, SentenceWords, align_sentences
from copydesk.core.sentences import similarity
from copydesk.core.span_masks import Sharing, keep_runs, locate, reworded_masks
from copydesk.core.spans_pivot import Credit, Leftover, pass_through_pivots
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report
from copydesk.core.tokens import Token

CHECK_EVERY = 64
"""Word diffs (of sentence groups) between two looks at the CancelToken, and links between progress reports."""

Masks = list[int]
"""Per token, a bit mask of the articles that carry it (bit a = article a)."""

@dataclass(frozen=True)
class Carried:
    """Per token of every linked paragraph: the articles that keep the word, and those that reword it."""

    exact: dict[ParaRef, Masks]
    reworded: dict[ParaRef, Masks]
    sentence_links: tuple[SentenceLink, ...]


def spans_for_paragraph(text_len: int, tokens: list[Token], masks: Masks,
                        reworded: Optional[Masks] = None) -> tuple[Span, ...]:
    """Partition [0, text_len) into spans of tokens carried (and reworded) by the same articles.

    Each span starts at a token whose masks differ from the previous token's; text before the first
    token joins the first span, so spans cover the paragraph exactly.
    """
    if not tokens:
        return (Span(0, text_len, 0),) if text_len else ()
    rew = reworded or [0] * len(tokens)
    spans: list[Span] = []
    start, current, current_r = 0, masks[0], rew[0]
    for tok, mask, r in zip(tokens, masks, rew):
        # masks are interned (core.spans.carry): the identity test settles most tokens without comparing big ints
        if (mask is current or mask == current) and (r is current_r or r == current_r):
            continue
        spans.append(make_span(start, tok.start, current, current_r))
        start, current, current_r = tok.start, mask, r
    spans.append(make_span(start, text_len, current, current_r))
    return tuple(spans)


def link_carriers(tokens: dict[ParaRef, list[Token]], pairs: list[tuple[ParaRef, ParaRef]],
                  pivots: frozenset = frozenset(), progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> dict[ParaRef, Masks]:
    """Per token of every linked paragraph, the mask of other articles that keep that word (see carry)."""
    return carry(tokens, pairs, pivots=pivots, progress=progress, cancel=cancel).exact


NEAR_COPY = 0.8
"""Share of content words two linked paragraphs must have in common to be credited from one diff (_near_copy)."""
NEAR_COPY_SENTENCE = 0.5
"""Share of the shorter sentence's words two sentences must keep to be the same sentence in _near_copy."""
MAX_SENTENCE_POSTINGS = 400
"""A word in more pivot sentences than this does not propose candidates for a member's left-over sentence."""


def carry(tokens: dict[ParaRef, list[Token]], pairs: list[tuple[ParaRef, ParaRef]],
          texts: Optional[dict[ParaRef, str]] = None, idf: Optional[dict[str, float]] = None,
          pivots: frozenset = frozenset(), progress: Optional[ProgressCallback] = None,
          cancel: Optional[CancelToken] = None) -> Carried:
    """Exact and reworded carriers of every token of every linked paragraph, and the aligned sentences.

    Sentences (texts; without them a paragraph is one sentence) are aligned per pair of articles across
    all the paragraphs their links join, weighted by idf (the aligner's word weights; without it all
    words weigh 1). Each group of aligned sentences is diffed once. With pivots (large folders, star
    links), a sentence the paragraphs it is linked to lack is aligned to the most similar hub sentence
    of the folder, and sentences aligned through a pivot credit each other (core.spans_pivot). Reports progress as
    stage "spans" and stops with Cancelled every CHECK_EVERY links.
    """
    report(progress, "spans", 0.0)
    checkpoint(cancel)
    state = _Carrier(tokens, pairs, texts, idf or {}, pivots, cancel)
    done = since = 0
    for left, right, component_pairs in components(pairs):
        if since >= CHECK_EVERY:
            report(progress, "spans", done / len(pairs))
            since = 0
        done += len(component_pairs)
        since += len(component_pairs)
        state.align_component(left, right, component_pairs)
    checkpoint(cancel)
    if pivots:
        rank = _centrality(pairs, pivots)
        hub_of = _hubs(pairs, rank)
        leftovers = state.align_leftovers(frozenset(hub_of.values()) | pivots)
        checkpoint(cancel)
        pass_through_pivots(state.links, leftovers, hub_of, rank, state.paras, state.credit, state.idf, state.default)
    return state.result()


def _centrality(pairs: list[tuple[ParaRef, ParaRef]], pivots: frozenset) -> dict[ParaRef, tuple]:
    """Large folders: a sort key per linked paragraph, lowest for the most central (most links, pivots first).

    Links are star shaped, around pivots and the paragraphs joined to them that later copies matched.
    """
    degree: dict[ParaRef, int] = defaultdict(int)
    for x, y in pairs:
        degree[x] += 1
        degree[y] += 1
    return {ref: (-n, ref not in pivots, ref) for ref, n in degree.items()}


def _hubs(pairs: list[tuple[ParaRef, ParaRef]], rank: dict[ParaRef, tuple]) -> dict[ParaRef, ParaRef]:
    """Each linked paragraph with its most central partner, when that is more central than itself."""
    out: dict[ParaRef, ParaRef] = {}
    for x, y in pairs:
        for member, hub in ((x, y), (y, x)):
            if rank[hub] < rank[member] and (member not in out or rank[hub] < rank[out[member]]):
                out[member] = hub
    return out


class _Carrier:
    """The working state of carry: sentences of the linked paragraphs, carriers, aligned sentences, spokes."""

    def __init__(self, tokens: dict[ParaRef, list[Token]], pairs: list[tuple[ParaRef, ParaRef]],
                 texts: Optional[dict[ParaRef, str]], idf: dict[str, float], pivots: frozenset,
                 cancel: Optional[CancelToken]) -> None:
        self.tokens, self.idf, self.pivots = tokens, idf, pivots
        self.default = max(idf.values(), default=1.0)
        self.refs = list(dict.fromkeys(ref for pair in pairs for ref in pair))
        self.paras = {ref: paragraph_sentences(tokens[ref], texts.get(ref, "") if texts is not None else None, idf,
                                               self.default) for ref in self.refs}
        self.encoded = _encoder(tokens, self.paras)
        self.credit = Credit({ref: [0] * len(tokens[ref]) for ref in self.refs},
                             {ref: [0] * len(para.ranges) for ref, para in self.paras.items()})
        self.links: list[SentenceLink] = []
        self.self_links = any(x[0] == y[0] for x, y in pairs)
        self.cancel = cancel
        self.diffs = 0  # word diffs so far: cancel is honoured every CHECK_EVERY of them
        self._keys: dict[ParaRef, str] = {}
        self._diffs: dict[tuple[str, str], list[tuple[int, int]]] = {}

    def align_component(self, left: list[ParaRef], right: list[ParaRef],
                        component_pairs: list[tuple[ParaRef, ParaRef]]) -> None:
        """Align the sentences of linked paragraphs of two articles, then diff and credit each group.

        Which side is diffed against which is decided by their words, not by the articles' numbers, so
        renaming files never changes a tie (the word diff and the aligner break ties by position).
        """
        paras = self.paras
        if self._words(right) < self._words(left):
            left, right = right, left
            component_pairs = [(y, x) for x, y in component_pairs]
        if len(left) == 1 and len(right) == 1:
            x, y = left[0], right[0]
            if len(paras[x].ranges) == 1 and len(paras[y].ranges) == 1:
                # two one-sentence paragraphs (most links): the aligner pairs them whatever their words, and
                # their diff is the one _near_copy would take, so it has nothing to decide
                self._link((x, 0), (y, 0))
                self.group([(x, 0)], [(y, 0)])
                return
            if self._near_copy(x, y):
                return
        lsent = [(ref, s) for ref in left for s in range(len(paras[ref].ranges))]
        rsent = [(ref, s) for ref in right for s in range(len(paras[ref].ranges))]
        first_l, first_r = _firsts(lsent), _firsts(rsent)
        forced = [(range(first_l[x], first_l[x] + len(paras[x].ranges)),
                   range(first_r[y], first_r[y] + len(paras[y].ranges))) for x, y in component_pairs]
        aligned = align_sentences([paras[r].words[k] for r, k in lsent], [paras[r].words[k] for r, k in rsent],
                                  self.idf, self.default, forced)
        for i, j in aligned:
            self._link(lsent[i], rsent[j])
        for gl, gr in groups(aligned):
            self.group([lsent[i] for i in gl], [rsent[j] for j in gr])

    def _words(self, refs: list[ParaRef]) -> list[str]:
        """The words of some paragraphs, as one string per paragraph (cached: a pivot is in many components)."""
        keys = self._keys
        for ref in refs:
            if ref not in keys:
                keys[ref] = " ".join(self.paras[ref].norms)
        return [keys[ref] for ref in refs]

    def _near_copy(self, x: ParaRef, y: ParaRef) -> bool:
        """Credit two linked paragraphs that keep most of each other's words from one diff of the whole; False if not.

        Wire copies and light edits are most links of a big folder: their word diff alone shows which
        sentences carry which (those sharing kept words), so the sentence aligner is skipped, unless some
        sentence keeps no word at all (it may be a paraphrase the aligner would pair).
        """
        px, py = self.paras[x], self.paras[y]
        wx, wy = self._para_words(x), self._para_words(y)
        if not wx or not wy or len(wx & wy) < NEAR_COPY * max(len(wx), len(wy)):
            return False
        xs, ys = [(x, 0, len(self.tokens[x]))], [(y, 0, len(self.tokens[y]))]
        self._count_diff()
        runs, added_x, added_y = diff_group(xs, ys, self.paras, self.encoded, self._diff)
        kept: Counter[tuple[int, int]] = Counter()  # (x sentence, y sentence) -> words kept between them
        for i, j, n in runs:
            kept.update(zip(px.sentence_of[i:i + n], py.sentence_of[j:j + n]))
        # a sentence pair keeping half the words of the shorter sentence is one sentence; a few common words
        # kept between two different sentences are not, and then the sentence aligner decides
        pairs = {(si, sj) for (si, sj), n in kept.items()
                 if n >= NEAR_COPY_SENTENCE * min(_size(px, si), _size(py, sj))}
        hit_x, hit_y = {si for si, _ in pairs}, {sj for _, sj in pairs}
        if any(w.words and si not in hit_x for si, w in enumerate(px.words)) or \
                any(w.words and sj not in hit_y for sj, w in enumerate(py.words)):
            return False
        for si, sj in sorted(pairs):
            self._link((x, si), (y, sj))
        self._credit(xs, ys, runs, added_x, added_y, [(x, si) for si in range(len(px.ranges))],
                     [(y, sj) for sj in range(len(py.ranges))], set(), set())
        return True

    def _para_words(self, ref: ParaRef) -> frozenset[str]:
        """The content words of a paragraph."""
        return self.paras[ref].all_words

    def _diff(self, a: str, b: str) -> list[tuple[int, int]]:
        """word_diff of two encoded texts, once per pair of texts (one version in ten repeats a sentence pair)."""
        key = (a, b)
        ops = self._diffs.get(key)
        if ops is None:
            ops = self._diffs[key] = word_diff(a, b)
        return ops

    def _count_diff(self) -> None:
        self.diffs += 1
        if self.diffs % CHECK_EVERY == 0:
            checkpoint(self.cancel)

    def _link(self, x: Sent, y: Sent) -> None:
        a, b = (x[0][0], x[0][1], x[1]), (y[0][0], y[0][1], y[1])
        # tuple.__new__ skips the NamedTuple's Python-level __new__ (a link per aligned sentence pair)
        self.links.append(tuple.__new__(SentenceLink, min(a, b) + max(a, b)))

    def group(self, xsents: list[Sent], ysents: list[Sent], retry: bool = True) -> None:
        """Diff one group of aligned sentences and credit both sides (and keep what a pivot passes on).

        Several sentences on one side are diffed as one text (a split or merged sentence). One of them
        that keeps no word at all that way repeats what another already said (a quote given twice): it is
        diffed again on its own.
        """
        if len(xsents) == 1 and len(ysents) == 1:
            self._pair(xsents[0], ysents[0])
            return
        paras = self.paras
        xs, ys = segments(xsents, paras), segments(ysents, paras)
        self._count_diff()
        runs, added_x, added_y = diff_group(xs, ys, paras, self.encoded, self._diff)
        again_x, skip_x = self._unkept(xsents, xs, runs, 0) if retry and len(xsents) > 1 else (set(), set())
        again_y, skip_y = self._unkept(ysents, ys, runs, 1) if retry and len(ysents) > 1 else (set(), set())
        self._credit(xs, ys, runs, added_x, added_y, xsents, ysents, skip_x, skip_y)
        for sent in (s for s in xsents if s in again_x):
            self.group([sent], ysents, retry=False)
        for sent in (s for s in ysents if s in again_y):
            self.group(xsents, [sent], retry=False)

    def _pair(self, x: Sent, y: Sent) -> None:
        """group() of one sentence on each side (nine groups in ten): the same diff and credit, in fewer steps."""
        (rx, sx), (ry, sy) = x, y
        lo_x, hi_x = self.paras[rx].ranges[sx]
        lo_y, hi_y = self.paras[ry].ranges[sy]
        self._count_diff()
        runs, added_x, added_y = diff_group([(rx, lo_x, hi_x)], [(ry, lo_y, hi_y)], self.paras, self.encoded,
                                            self._diff)
        bx, by = 1 << rx[0], 1 << ry[0]
        credit = self.credit
        masks_x, masks_y = credit.exact[rx], credit.exact[ry]
        for i, j, n in runs:
            i += lo_x
            j += lo_y
            masks_x[i:i + n] = map(or_, masks_x[i:i + n], repeat(by))
            masks_y[j:j + n] = map(or_, masks_y[j:j + n], repeat(bx))
        credit.sentences[rx][sx] |= by
        credit.sentences[ry][sy] |= bx
        for ref, lo, added, bit in ((rx, lo_x, added_x, by), (ry, lo_y, added_y, bx)):
            for stretch in added:
                for k in stretch:
                    credit.add_clause(ref, lo + k, bit)

    def _credit(self, xs: list[Segment], ys: list[Segment], runs: list[Run],
                added_x: list[range], added_y: list[range], xsents: list[Sent], ysents: list[Sent],
                skip_x: set[Position], skip_y: set[Position]) -> None:
        """Kept words are shared with the other article; both groups' sentences carry the other's content.

        Added clauses are marked as lacking in the other article, but for the tokens in skip_x/y: their
        sentences are diffed again on their own, so this diff marks nothing there.
        """
        bx, by = 1 << xsents[0][0][0], 1 << ysents[0][0][0]
        credit = self.credit
        for side, at, sents, added, bit, skip in ((xs, 0, xsents, added_x, by, skip_x),
                                                  (ys, 1, ysents, added_y, bx, skip_y)):
            keep_runs(credit.exact, side, runs, at, bit)
            for ref, s in sents:
                credit.sentences[ref][s] |= bit
            for stretch in added:
                for k in stretch:
                    ref, pos = locate(side, k)
                    if (ref, pos) not in skip:
                        credit.add_clause(ref, pos, bit)

    def _unkept(self, sents: list[Sent], side: list[Segment], runs: list[Run],
                at: int) -> tuple[set[Sent], set[Position]]:
        """The sentences of a side of several that keep no word of the other side, and their tokens.

        at: which end of the runs is this side's (0 x, 1 y). Sentences and tokens are both (paragraph, index)
        pairs, so they are kept apart: sentence 3 is not token 3.
        """
        sentences: set[Sent] = set()
        tokens: set[Position] = set()
        offset = 0
        for (ref, s), (_ref, lo, hi) in zip(sents, side):
            end = offset + hi - lo
            if self.paras[ref].words[s].words and not any(run[at] < end and run[at] + run[2] > offset
                                                          for run in runs):
                sentences.add((ref, s))
                tokens.update([(ref, k) for k in range(lo, hi)])
            offset = end
        return sentences, tokens

    def align_leftovers(self, hubs: frozenset) -> list[Leftover]:
        """Align each sentence of a linked paragraph that no sentence it is linked to carries to the best hub sentence.

        All-pairs alignment would have linked such a sentence (half of a merged paragraph, say) to its
        counterparts directly; hubs are the pivots and the paragraphs others are linked through. Returns
        the sentences still aligned to nothing.
        """
        paras, pivots = self.paras, self.pivots
        aligned = {(l.a, l.p, l.i) for l in self.links} | {(l.b, l.q, l.j) for l in self.links}
        heads: list[Sent] = [(ref, s) for ref in sorted(hubs) if ref in paras for s in range(len(paras[ref].ranges))]
        postings: dict[str, list[int]] = defaultdict(list)
        for n, (ref, s) in enumerate(heads):
            for w in paras[ref].words[s].words:
                postings[w].append(n)
        left: list[Leftover] = []
        for ref in self.refs:
            if ref in pivots:
                continue
            for s in range(len(paras[ref].ranges)):
                if (ref[0], ref[1], s) in aligned:
                    continue
                words = paras[ref].words[s]
                best = self._best_head(words, ref[0], heads, postings)
                if best is None:
                    left.append((ref, s, words))
                else:
                    self._link((ref, s), heads[best])
                    self.group([(ref, s)], [heads[best]])
        return left

    def _best_head(self, words: SentenceWords, article: int, heads: list[Sent],
                   postings: dict[str, list[int]]) -> Optional[int]:
        """The pivot sentence (of another article) most similar to words, if similar enough to align."""
        cands = {n for w in words.words if len(postings.get(w, ())) <= MAX_SENTENCE_POSTINGS
                 for n in postings.get(w, ())}
        best, best_score = None, 0.0
        for n in sorted(cands):
            ref, s = heads[n]
            if ref[0] == article:
                continue
            dice, cx, cy = similarity(words, self.paras[ref].words[s], self.idf, self.default)
            if (dice >= MIN_DICE or dice >= MIN_PART and max(cx, cy) >= MIN_CONTAINMENT) and dice > best_score:
                best, best_score = n, dice
        return best

    def result(self) -> Carried:
        """Per token: the other articles keeping it, and those carrying its sentence but not it; sentence links.

        Equal masks are one object (interned) while that pays (Sharing): a real folder's tokens share a few
        thousand distinct masks, so memory stays that of the distinct ones and spans_for_paragraph compares
        by identity first. Reworded masks are always interned (a few per sentence).
        """
        exact: dict[ParaRef, Masks] = {}
        reworded: dict[ParaRef, Masks] = {}
        interned: dict[int, int] = {0: 0}
        keep = interned.setdefault
        sharing = Sharing()
        for ref in self.refs:
            bit = 1 << ref[0]
            ex = self.credit.exact[ref]
            if self.self_links:  # a paragraph linked within its own article credited it (pivots never do)
                ex = [m ^ bit if m & bit else m for m in ex]
            if sharing.pays(len(interned), len(ex)):
                ex = list(map(keep, ex, ex))
            exact[ref] = ex
            self.credit.exact[ref] = []  # done with: a big folder's peak memory is here
            reworded[ref] = reworded_masks(self.paras[ref].ranges, self.credit.sentences[ref], ex,
                                           self.credit.added.get(ref, {}), bit, keep)
        return Carried(exact, reworded, tuple(sorted(set(self.links))))


def _size(para: ParaSentences, s: int) -> int:
    """Words in sentence s of a paragraph."""
    lo, hi = para.ranges[s]
    return hi - lo


def _firsts(sents: list[Sent]) -> dict[ParaRef, int]:
    """Where each paragraph's first sentence sits in a side's list of sentences."""
    out: dict[ParaRef, int] = {}
    for k, (ref, _s) in enumerate(sents):
        out.setdefault(ref, k)
    return out


def _encoder(tokens: dict[ParaRef, list[Token]], paras: dict[ParaRef, ParaSentences]) -> Encoder:
    """The two encoded texts to diff for two groups of tokens.

    One codec for the folder encodes each paragraph once; a folder with more distinct words than a
    codec has codes gets codes per diff instead.
    """
    codec = WordCodec()
    try:
        encoded = {ref: codec.encode(para.norms) for ref, para in paras.items()}
    except CodecFull:
        # codes need only be equal for equal words within one diff: each diff gets codes of its own
        return lambda xs, ys: encode_pair([t.norm for r, lo, hi in xs for t in tokens[r][lo:hi]],
                                          [t.norm for r, lo, hi in ys for t in tokens[r][lo:hi]])

    def join(side: list[Segment]) -> str:
        if len(side) == 1:
            ref, lo, hi = side[0]
            return encoded[ref][lo:hi]  # one sentence or paragraph (the commonest)
        return "".join([encoded[ref][lo:hi] for ref, lo, hi in side])

    return lambda xs, ys: (join(xs), join(ys))


def article_stats(token_masks: Sequence[Masks], n_articles: int,
                  reworded_masks: Optional[Sequence[Masks]] = None) -> ArticleStats:
    """Shares of an article's story words kept by all other articles, by some, reworded by some, or by none.

    Counting only (int.bit_count): with hundreds of versions no mask is ever decoded here; the kind of
    each word is core.highlight's (kind_for).
    """
    others = n_articles - 1
    total = shared_all = shared_some = rewritten = 0
    rewords = reworded_masks if reworded_masks is not None else [None] * len(token_masks)
    for masks, rews in zip(token_masks, rewords):
        total += len(masks)
        for k, mask in enumerate(masks):
            kind = kind_for(mask.bit_count(), others, 1 if rews is not None and rews[k] else 0)
            if kind == ALL:
                shared_all += 1
            elif kind == SOME:
                shared_some += 1
            elif kind == REWORDED:
                rewritten += 1
    if not total:
        return ArticleStats(0, 0.0, 0.0, 0.0)
    unique = total - shared_all - shared_some - rewritten
    return ArticleStats(total, round(shared_all / total, 4), round(shared_some / total, 4),
                        round(unique / total, 4), round(rewritten / total, 4))
