"""Review marks per folder (reviewed, verdict, note), keyed by content and saved crash-safely."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

from core import paths

VERDICTS: tuple[tuple[str, str, str], ...] = (("ok", "OK", "1"), ("error", "Error", "2"),
                                               ("check", "Check with desk", "3"), ("legal", "Legal", "4"))
"""(verdict id, label, keyboard shortcut) in menu order."""

FORMAT_VERSION = 1
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
    """The JSON document saved for state (versioned for future migrations)."""
    return {"version": FORMAT_VERSION, "folder": _folder_id(state.folder),
            "marks": {k: dataclasses.asdict(m) for k, m in state.marks}}


def save_review(state: ReviewState) -> None:
    """Write state to review_file(state.folder) atomically: a crash leaves the old or the new file."""
    paths.atomic_write_json(review_file(state.folder), review_to_json(state))
