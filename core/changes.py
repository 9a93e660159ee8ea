"""What changed between two comparisons of one folder: versions added, removed or edited, and their paragraphs.

The gui announces the files ("005_x.txt added"); core.review uses the paragraphs to carry review marks
over an edit (a reworded paragraph is the same paragraph) and to tell "new version added since review"
from "changed since review".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Collection

from copydesk.core.differences import content_fingerprint, paragraph_fingerprint
from copydesk.core.model import Article, Comparison

EDIT_SIMILARITY = 0.5
"""A paragraph counts as edited (rather than replaced) when at least this share (Dice) of its words is kept."""


@dataclass(frozen=True)
class Changes:
    """The difference between an old and a new comparison of one folder; false when no file changed."""

    added: tuple[str, ...] = ()  # paths of versions that appeared, in the new comparison's order
    removed: tuple[str, ...] = ()  # paths of versions that are gone (not those that became unreadable)
    changed: tuple[str, ...] = ()  # paths of versions whose text differs, in the new comparison's order
    edited: tuple[tuple[str, str], ...] = ()  # (old, new) paragraph_fingerprint of each reworded paragraph
    gone: frozenset[str] = frozenset()  # paragraph fingerprints of the old versions that their files lost
    from_added: frozenset[str] = frozenset()  # paragraph fingerprints of the added versions

    def __bool__(self) -> bool:
        """True when a file was added, removed or changed."""
        return bool(self.added or self.removed or self.changed)


def what_changed(old: Comparison, new: Comparison, ignore: Collection[str] = ()) -> Changes:
    """Which versions were added, removed or changed from old to new, and which paragraphs were edited.

    ignore: paths to leave out (e.g. articles the user excluded or included again: not a change on disk).
    A version that became unreadable is not "removed" (the problems bar says why), though its paragraphs
    are gone. Paragraphs are compared only in the versions that changed, so a large folder costs little.
    """
    left = {a.path: a for a in old.articles if a.path not in ignore}
    right = {a.path: a for a in new.articles if a.path not in ignore}
    unreadable = {p.path for p in new.problems if p.skipped}
    added = tuple(p for p in right if p not in left)
    lost = [p for p in left if p not in right]
    changed = tuple(p for p in right if p in left and right[p].text != left[p].text)
    edited: list[tuple[str, str]] = []
    gone = {f for p in lost for f in _fingerprints(left[p])}
    for path in changed:
        pairs, dropped = _edits(left[path], right[path])
        edited.extend(pairs)
        gone |= dropped
    return Changes(added=added, removed=tuple(p for p in lost if p not in unreadable), changed=changed,
                   edited=tuple(edited), gone=frozenset(gone),
                   from_added=frozenset(f for p in added for f in _fingerprints(right[p])))


def _fingerprints(article: Article) -> list[str]:
    return [paragraph_fingerprint(p.text) for p in article.paragraphs]


def _edits(before: Article, after: Article) -> tuple[list[tuple[str, str]], set[str]]:
    """(old, new) fingerprints of the paragraphs reworded in place, and the old fingerprints after lacks."""
    old = [content_fingerprint(p.text) for p in before.paragraphs]
    new = [content_fingerprint(p.text) for p in after.paragraphs]
    kept = set(new)
    pairs: list[tuple[str, str]] = []
    # Unchanged paragraphs anchor the edit; a reworded one sits in a "replace" run between anchors.
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "replace":
            continue
        scored = sorted(((-_dice(old[i], new[j]), i, j) for i in range(i1, i2) for j in range(j1, j2)))
        used_old: set[int] = set()
        used_new: set[int] = set()
        for score, i, j in scored:
            if -score < EDIT_SIMILARITY or i in used_old or j in used_new or old[i] in kept:
                continue
            used_old.add(i)
            used_new.add(j)
            pairs.append((paragraph_fingerprint(before.paragraphs[i].text),
                          paragraph_fingerprint(after.paragraphs[j].text)))
    dropped = {paragraph_fingerprint(p.text) for p, folded in zip(before.paragraphs, old) if folded not in kept}
    return pairs, dropped


def _dice(a: str, b: str) -> float:
    """Dice similarity of the words (with repeats) of two folded paragraphs."""
    left, right = Counter(a.split()), Counter(b.split())
    total = sum(left.values()) + sum(right.values())
    return 2 * sum((left & right).values()) / total if total else 0.0
