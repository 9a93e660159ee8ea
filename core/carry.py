"""How a review mark (or the current difference) is carried to the differences of a new comparison.

A difference is named by the fingerprints of its paragraphs (core.differences). When versions are
added, removed or edited its key changes; these rules find where it went and say what happened to it
("added" or "changed" since review). core.review.ReviewState.follow moves the marks with them and the
review controller keeps the current difference with them, so both land on the same difference.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional, Sequence

from copydesk.core.changes import Changes

FOLLOW_SIMILARITY = 0.5
"""A mark moves to an item that holds at least this share of its paragraphs (of those still present)."""

FLAGS = ("", "added", "changed")
"""Mark.since values, weakest first: "changed" asks the editor to read again, "added" to look at a new version."""


def content_similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard similarity of two sets of paragraph fingerprints (0 when both are empty)."""
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left or right else 0.0


class Matcher:
    """Ranks the items (key, paragraph fingerprints) that a mark on some paragraphs could move to.

    The share of the mark's paragraphs an item holds, of those still anywhere (paragraphs that changes
    says the files lost, and that no item holds, do not count; an edited paragraph counts as its new
    wording), must be at least FOLLOW_SIMILARITY; better pairs rank first: (-share, -Jaccard). The share
    is measured on the mark's side, not on both (Jaccard), so a row that new versions join, or that
    loses versions, still holds its mark however many articles it now involves. A row split in several
    (the version that held it together left) is not lost: when the items together hold FOLLOW_SIMILARITY
    of the paragraphs but none alone does, the one holding most may take the mark.
    """

    def __init__(self, targets: Sequence[tuple[str, frozenset[str]]], changes: Optional[Changes],
                 free: Callable[[str], bool] = lambda key: True) -> None:
        self.targets = targets
        self.edited = dict(changes.edited) if changes is not None else {}
        self.holders: dict[str, list[int]] = {}  # fingerprint -> free items holding it: only those can match
        for position, (key, fps) in enumerate(targets):
            if free(key):
                for f in fps:
                    self.holders.setdefault(f, []).append(position)
        self.present = frozenset(f for _, fps in targets for f in fps)
        self.gone = frozenset(changes.gone - self.present) if changes is not None else frozenset()

    def edited_fingerprints(self, had: Sequence[str]) -> tuple[str, ...]:
        """had with each edited paragraph under its new wording (sorted as Mark keeps them)."""
        return tuple(sorted({self.edited.get(f, f) for f in had}))

    def covered(self, had: Iterable[str], first: Iterable[str], position: int) -> bool:
        """Whether the paragraphs of had that the item at position holds are all among those of first."""
        fps = self.targets[position][1]
        return {self.edited.get(f, f) for f in had} & fps <= {self.edited.get(f, f) for f in first}

    def ranks(self, had: Iterable[str]) -> list[tuple[int, tuple[float, float]]]:
        """(item position, rank) of every item the paragraphs had could move to; a smaller rank is better."""
        mine = frozenset(self.edited.get(f, f) for f in had)
        still = len(mine - self.gone)
        if not still:
            return []
        found = []
        for position in sorted({p for f in mine for p in self.holders.get(f, ())}):
            fps = self.targets[position][1]
            found.append((position, (-len(mine & fps) / still, -content_similarity(mine, fps))))
        best = min((rank for _, rank in found), default=(0.0, 0.0))
        split = len(mine & self.present) >= FOLLOW_SIMILARITY * still
        return [(p, rank) for p, rank in found if -rank[0] >= FOLLOW_SIMILARITY or (split and rank == best)]


def carried_fingerprints(had: Sequence[Sequence[str]], fps: frozenset[str],
                         changes: Optional[Changes]) -> tuple[str, ...]:
    """What marks on paragraphs had are about once carried to an item with paragraphs fps.

    With changes: their own paragraphs still there (edited ones under their new wording) and those of
    added versions, not those of another row that the item merged in, so that the mark finds its own
    row again when the rows split. Without (a restart, a reference change): the item's paragraphs.
    """
    if changes is None:
        return tuple(fps)
    edited = dict(changes.edited)
    own = {edited.get(f, f) for fingerprints in had for f in fingerprints} & fps
    return tuple(own | (fps & changes.from_added)) or tuple(fps)


def successor_index(key: str, fingerprints: Sequence[str], items: Sequence[tuple[str, Sequence[str]]],
                    changes: Optional[Changes] = None) -> Optional[int]:
    """Position among items (key, fingerprints) of what a difference became: same key, else where its mark goes."""
    for position, (item_key, _) in enumerate(items):
        if item_key == key:
            return position
    ranks = Matcher([(k, frozenset(fps)) for k, fps in items], changes).ranks(fingerprints)
    return min(ranks, key=lambda pair: (pair[1], pair[0]))[0] if ranks else None


def since_flag(had: Sequence[Sequence[str]], fps: frozenset[str], changes: Optional[Changes]) -> str:
    """The flag of the marks on paragraphs had (one fingerprint list each) carried to an item with paragraphs fps.

    Nothing without changes on disk; "changed" for rows that merged, a paragraph edited, or paragraphs
    of versions that were already there joining; "added" when only the added versions joined.
    """
    if not changes:
        return ""
    if len(had) > 1:
        return "changed"
    old = frozenset(had[0]) if had else frozenset()
    edited = dict(changes.edited)
    mine = frozenset(edited.get(f, f) for f in old)
    if (mine - old) & fps:
        return "changed"
    joined = fps - mine
    if joined - changes.from_added:
        return "changed"
    return "added" if joined or fps & changes.from_added else ""


def stronger_flag(a: str, b: str) -> str:
    """The flag that asks more of the editor (see FLAGS); one from a newer version is kept."""
    return max(a, b, key=lambda s: FLAGS.index(s) if s in FLAGS else len(FLAGS))
