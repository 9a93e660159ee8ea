"""Review marks per folder (reviewed, verdict, note), keyed by content and saved crash-safely.

A mark is saved under the key of what it is about (core.differences.Difference.key, Finding.key).
A difference's key changes when an article joins or leaves its row, so a difference's mark also
keeps the fingerprints of the paragraphs it was made on, and ReviewState.follow moves it to the
difference that now holds most of those paragraphs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Optional, Sequence

from copydesk.core import paths

VERDICTS: tuple[tuple[str, str, str], ...] = (("ok", "OK", "1"), ("error", "Error", "2"),
                                               ("check", "Check with desk", "3"), ("legal", "Legal", "4"))
"""(verdict id, label, keyboard shortcut) in menu order."""

FORMAT_VERSION = 2  # 2 added each mark's "fingerprints"; version 1 files load as marks without them
FOLLOW_SIMILARITY = 0.5
"""A mark moves to a new key when at least this share (Jaccard) of the paragraphs is the same."""
_VERDICT_IDS = frozenset(v for v, _, _ in VERDICTS)

log = logging.getLogger(__name__)


def verdict_label(verdict: str) -> str:
    """The label of a verdict id ('' for none; an unknown id from a newer version is shown as is)."""
    return next((label for v, label, _ in VERDICTS if v == verdict), verdict)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Mark:
    """The editor's mark on one difference or finding."""

    reviewed: bool = False
    verdict: str = ""  # "" or a VERDICTS id
    note: str = ""
    updated: str = ""  # ISO time of the last change
    fingerprints: tuple[str, ...] = ()  # of the paragraphs the mark is about (sorted, distinct); see follow

    def __post_init__(self) -> None:
        # Normalised here so that marks from any source (JSON lists, refs order) compare equal.
        object.__setattr__(self, "fingerprints", tuple(sorted(set(self.fingerprints))))

    @property
    def is_empty(self) -> bool:
        """True when the mark says nothing (such marks are not stored)."""
        return not (self.reviewed or self.verdict or self.note)


@dataclass(frozen=True)
class ReviewState:
    """All marks of one folder; immutable, every change returns a new state."""

    folder: str
    marks: tuple[tuple[str, Mark], ...] = ()  # sorted by key

    def get(self, key: str) -> Mark:
        """The mark for key, or an empty Mark()."""
        return self._index().get(key, Mark())

    def with_mark(self, key: str, **changes: Any) -> "ReviewState":
        """A new state with key's mark changed (fields of Mark); 'updated' is set to now.

        Giving a verdict also marks the item reviewed unless 'reviewed' is given too. A mark
        that ends up empty is removed. Raises ValueError for an unknown verdict and TypeError
        for an unknown field.
        """
        verdict = changes.get("verdict")
        if verdict is not None and verdict != "" and verdict not in _VERDICT_IDS:
            raise ValueError(f"unknown verdict {verdict!r}; expected one of {sorted(_VERDICT_IDS)}")
        if verdict and "reviewed" not in changes:
            changes["reviewed"] = True
        changes.setdefault("updated", now_iso())
        mark = dataclasses.replace(self.get(key), **changes)
        index = dict(self._index())
        if mark.is_empty:
            index.pop(key, None)
        else:
            index[key] = mark
        return ReviewState(self.folder, tuple(sorted(index.items())))

    def follow(self, items: Iterable[tuple[str, Sequence[str]]]) -> "ReviewState":
        """A state whose marks follow their paragraphs to items: (key, paragraph fingerprints) in reading order.

        An item whose key has a mark keeps it (a mark saved without fingerprints gets the item's).
        A mark with fingerprints whose key is not among the items moves to the unmarked item whose
        fingerprints are most like its own (Jaccard >= FOLLOW_SIMILARITY); the most similar pairs
        are matched first, ties go to the earlier item, then to the smaller old key, and each mark
        and item is matched at most once. So a mark survives an article joining or leaving its row,
        a re-alignment that moves a few paragraphs between rows, and a rewrite of one paragraph of a
        row of three or more; a rewrite of a difference's only paragraph leaves the mark behind, as
        the editor has not seen the new words. Marks that match nothing stay under their key: their
        content may come back (an excluded article included again). Returns self if nothing changes.
        """
        targets = [(key, frozenset(fps)) for key, fps in items]
        index = self._index()
        result = dict(index)
        for key, fps in targets:
            mark = index.get(key)
            if mark is not None and fps and not mark.fingerprints:
                result[key] = dataclasses.replace(mark, fingerprints=tuple(fps))
        wanted = {key for key, _ in targets}
        orphans = [(k, frozenset(m.fingerprints)) for k, m in index.items() if k not in wanted and m.fingerprints]
        pairs = sorted((-score, position, old)
                       for position, (new, fps) in enumerate(targets) if new not in index
                       for old, had in orphans if (score := content_similarity(fps, had)) >= FOLLOW_SIMILARITY)
        moved: set[str] = set()
        for _, position, old in pairs:
            new, fps = targets[position]
            if old in moved or new in result:
                continue
            moved.add(old)
            result[new] = dataclasses.replace(result.pop(old), fingerprints=tuple(fps))
        if result == index:
            return self
        return ReviewState(self.folder, tuple(sorted(result.items())))

    def progress(self, keys: Iterable[str]) -> tuple[int, int]:
        """(reviewed, total) over the distinct keys given, e.g. (14, 37) for '14 of 37 reviewed'."""
        wanted = set(keys)
        index = self._index()
        return sum(1 for k in wanted if k in index and index[k].reviewed), len(wanted)

    def verdict_counts(self, keys: Iterable[str]) -> dict[str, int]:
        """How many of the distinct keys carry each verdict id (ids with no item are left out)."""
        counts: dict[str, int] = {}
        for k in set(keys):
            verdict = self.get(k).verdict
            if verdict:
                counts[verdict] = counts.get(verdict, 0) + 1
        return counts

    def _index(self) -> dict[str, Mark]:
        cache = self.__dict__.get("_by_key")
        if cache is None:
            cache = dict(self.marks)
            object.__setattr__(self, "_by_key", cache)
        return cache


def content_similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard similarity of two sets of paragraph fingerprints (0 when both are empty)."""
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left or right else 0.0


def progress_words(state: Optional[ReviewState], differences: Iterable[str], findings: Iterable[str]) -> str:
    """'3 of 38 differences and 1 of 8 findings reviewed' (a kind with nothing to review is left out)."""
    parts = []
    for keys, noun in ((differences, "difference"), (findings, "finding")):
        done, total = state.progress(keys) if state is not None else (0, len(set(keys)))
        if total:
            parts.append(f"{done} of {total} {noun}{'' if total == 1 else 's'}")
    return " and ".join(parts) + " reviewed" if parts else "Nothing to review"


def _folder_id(folder: str) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(folder)))


def review_file(folder: str) -> str:
    """The file holding folder's marks: data_dir()/reviews/<sha1 of the absolute folder path>.json."""
    digest = hashlib.sha1(_folder_id(folder).encode("utf-8")).hexdigest()
    return os.path.join(paths.data_dir(), "reviews", digest + ".json")


def load_review(folder: str) -> ReviewState:
    """folder's saved marks; empty when none; a corrupt file is kept aside as .corrupt. Never raises."""
    try:
        path = review_file(folder)
    except (OSError, ValueError) as exc:  # e.g. a path the OS rejects: start unmarked rather than fail
        log.warning("no review file for %r: %s", folder, exc)
        return ReviewState(folder)
    data = paths.read_json(path)
    if data is None:
        return ReviewState(folder)
    marks, damaged = _parse_marks(data)
    if damaged:
        # Keep what could be read, and the original file for a human to look at.
        log.warning("%s: %s; unreadable marks skipped", path, damaged)
        _copy_aside(path)
    return ReviewState(folder, tuple(sorted(marks.items())))


def _parse_marks(data: Any) -> tuple[dict[str, Mark], str]:
    """The valid marks in a parsed review file, and a description of what was wrong ('' if nothing)."""
    if not isinstance(data, dict) or not isinstance(data.get("marks"), dict):
        return {}, "not a review file"
    if isinstance(data.get("version"), int) and data["version"] > FORMAT_VERSION:
        log.info("review file version %s is newer than %s; reading the fields this version knows",
                 data["version"], FORMAT_VERSION)
    marks: dict[str, Mark] = {}
    bad = 0
    for key, raw in data["marks"].items():
        mark = _mark_from_json(raw)
        if mark is None:
            bad += 1
        elif not mark.is_empty:
            marks[key] = mark
    return marks, (f"{bad} damaged mark(s)" if bad else "")


def _mark_from_json(raw: Any) -> Optional[Mark]:
    if not isinstance(raw, dict):
        return None
    values = {f.name: raw.get(f.name, f.default) for f in dataclasses.fields(Mark)}
    if not isinstance(values["reviewed"], bool):
        return None
    if not all(isinstance(values[name], str) for name in ("verdict", "note", "updated")):
        return None
    fingerprints = values["fingerprints"]
    if not isinstance(fingerprints, (list, tuple)) or not all(isinstance(f, str) for f in fingerprints):
        return None
    return Mark(**values)


def _copy_aside(path: str) -> None:
    try:
        with open(path, "rb") as f:
            data = f.read()
        with open(path + paths.CORRUPT_SUFFIX, "wb") as f:
            f.write(data)
    except OSError as exc:
        log.warning("could not keep a copy of %s: %s", path, exc)


def review_to_json(state: ReviewState) -> dict:
    """The JSON document saved for state: {"version": 2, "folder", "marks": {key: mark fields}} (see FORMAT_VERSION)."""
    return {"version": FORMAT_VERSION, "folder": _folder_id(state.folder),
            "marks": {k: dataclasses.asdict(m) for k, m in state.marks}}


def save_review(state: ReviewState) -> None:
    """Write state to review_file(state.folder) atomically: a crash leaves the old or the new file."""
    paths.atomic_write_json(review_file(state.folder), review_to_json(state))
