"""Review marks per folder (reviewed, verdict, note), keyed by content and saved crash-safely.

A mark is saved under the key of what it is about (core.differences.Difference.key, Finding.key).
A difference's key changes when an article joins or leaves its row, so a difference's mark also
keeps the fingerprints of the paragraphs it was made on, and ReviewState.follow moves it to the
difference that now holds most of those paragraphs.

Two windows may hold the same folder's marks. A state remembers which keys it changed since it was
read (ReviewState.touched); save_review re-reads the file under a lock and writes those keys only, so
the other window's marks are kept (per key, the last save wins), and returns the merged state.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Collection, Iterable, Optional, Sequence

from copydesk.core import paths
from copydesk.core.carry import FOLLOW_SIMILARITY as FOLLOW_SIMILARITY  # re-exported: navigation, older callers
from copydesk.core.carry import Matcher, carried_fingerprints, since_flag, stronger_flag
from copydesk.core.carry import content_similarity as content_similarity
from copydesk.core.changes import Changes

VERDICTS: tuple[tuple[str, str, str], ...] = (("ok", "OK", "1"), ("error", "Error", "2"),
                                               ("check", "Check with desk", "3"), ("legal", "Legal", "4"))
"""(verdict id, label, keyboard shortcut) in menu order."""

FORMAT_VERSION = 2  # 2 added each mark's "fingerprints"; version 1 files load as marks without them
_VERDICT_IDS = frozenset(v for v, _, _ in VERDICTS)
_MARK_FIELDS = ("reviewed", "verdict", "note", "updated", "fingerprints", "since")  # Mark's fields saved by name
SINCE_LABELS = {"added": "new version added since review", "changed": "changed since review"}
"""Mark.since values and how the window words them; "changed" outranks "added" (it asks for a re-read)."""
_TOP_FIELDS = frozenset({"version", "folder", "marks"})
_POSITION = "position"  # top-level field: {"key": difference key, "fingerprints": [...]} where review stood
_STORY_POSITIONS = "story_positions"  # top-level field: {story id: position} in a folder of several stories
_STORY_POSITION_PREFIX = _STORY_POSITIONS + "/"  # extra_touched names one story's position as prefix + id

log = logging.getLogger(__name__)


def verdict_label(verdict: str) -> str:
    """The label of a verdict id ('' for none; an unknown id from a newer version is shown as is)."""
    return next((label for v, label, _ in VERDICTS if v == verdict), verdict)


def since_label(since: str) -> str:
    """How the window words a mark's since flag ('' for none; an unknown one from a newer version as is)."""
    return SINCE_LABELS.get(since, since)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _clean_text(text: str) -> str:
    """text with lone surrogates replaced by U+FFFD (split pairs joined), so that it encodes as UTF-8."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        # A lone surrogate (from a widget or a "\ud800" escape in JSON) would fail every later save.
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


@dataclass(frozen=True)
class Mark:
    """The editor's mark on one difference or finding."""

    reviewed: bool = False
    verdict: str = ""  # "" or a VERDICTS id
    note: str = ""
    updated: str = ""  # ISO time of the last change
    fingerprints: tuple[str, ...] = ()  # of the paragraphs the mark is about (sorted, distinct); see follow
    since: str = ""  # "added" | "changed" (SINCE_LABELS) after a file changed, until looked at again; saved if set
    # Fields of a newer format, (name, JSON value), written back as they were read; not compared.
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # Normalised here so that marks from any source (JSON lists, refs order) compare equal, and
        # cleaned so that text from anywhere can be saved.
        for name in ("verdict", "note", "updated", "since"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, _clean_text(value))
        object.__setattr__(self, "fingerprints", tuple(sorted({_clean_text(f) for f in self.fingerprints})))

    @property
    def is_empty(self) -> bool:
        """True when the mark says nothing (such marks are not stored); fields of a newer format count."""
        return not (self.reviewed or self.verdict or self.note or self.extra)


@dataclass(frozen=True)
class ReviewState:
    """All marks of one folder; immutable, every change returns a new state.

    Only folder and marks take part in ==. touched: the keys this state changed since it was loaded
    or saved (save_review writes only those); None, for a state built directly from marks, means all
    of its keys. extra: top-level fields of a newer format, kept for the next save. notice: what went
    wrong reading the file, in words for the user ("" if nothing); changes do not carry it over.
    extra_touched: the extra fields this state changed (the position): the next save writes them.
    """

    folder: str
    marks: tuple[tuple[str, Mark], ...] = ()  # sorted by key
    touched: Optional[frozenset[str]] = field(default=None, compare=False)
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    notice: str = field(default="", compare=False)
    extra_touched: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def changed(self) -> frozenset[str]:
        """The keys save_review will write: touched, or every key of a state built directly."""
        return self.touched if self.touched is not None else frozenset(k for k, _ in self.marks)

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
        changes.setdefault("since", "")  # marked again: looked at again
        key = _clean_text(key)
        mark = dataclasses.replace(self.get(key), **changes)
        index = dict(self._index())
        if mark.is_empty:
            index.pop(key, None)
        else:
            index[key] = mark
        return self._changed_to(index, {key})

    def position(self, story: str = "") -> Optional[tuple[str, tuple[str, ...]]]:
        """Where review last stood in this folder (in story, of a folder of several): (difference key, its
        paragraph fingerprints), or None."""
        raw = dict(self.extra).get(_POSITION)
        if story:  # each story of a mixed folder has its own (core.stories.Story.id); the folder's stays as it was
            by_story = dict(self.extra).get(_STORY_POSITIONS)
            raw = by_story.get(story) if isinstance(by_story, dict) else None
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str) or not raw["key"]:
            return None  # none saved, or written by something else: start from nowhere
        fingerprints = raw.get("fingerprints")
        if not isinstance(fingerprints, list) or not all(isinstance(f, str) for f in fingerprints):
            return raw["key"], ()  # found by key alone
        return raw["key"], tuple(fingerprints)

    def with_position(self, key: str, fingerprints: Sequence[str], story: str = "") -> "ReviewState":
        """A state remembering the current difference (of story, in a folder of several; saved with the marks;
        this window's wins at its next save, story by story)."""
        extra = dict(self.extra)
        where = {"key": _clean_text(key), "fingerprints": [_clean_text(f) for f in fingerprints]}
        if not story:
            extra[_POSITION] = where
            return dataclasses.replace(self, extra=tuple(extra.items()), notice="",
                                       extra_touched=self.extra_touched | {_POSITION})
        by_story = extra.get(_STORY_POSITIONS)
        extra[_STORY_POSITIONS] = {**(by_story if isinstance(by_story, dict) else {}), _clean_text(story): where}
        return dataclasses.replace(self, extra=tuple(extra.items()), notice="",
                                   extra_touched=self.extra_touched | {_STORY_POSITION_PREFIX + _clean_text(story)})

    def follow(self, items: Iterable[tuple[str, Sequence[str]]], changes: Optional[Changes] = None,
               keep: Collection[str] = frozenset()) -> "ReviewState":
        """A state whose marks follow their paragraphs to items: (key, paragraph fingerprints) in reading order.

        An item whose key has a mark keeps it (a mark saved without fingerprints gets the item's).
        A mark with fingerprints whose key is not among the items moves to the unmarked item that
        holds most of its paragraphs (at least FOLLOW_SIMILARITY of them; see core.carry.Matcher): the best
        pairs are matched first, ties go to the item most like the mark (Jaccard), then to the earlier
        item, then to the smaller old key, and each mark and item is matched at most once. A mark whose
        items all went to other marks (the new version merged its row with another) is merged into the
        best of them: notes joined, a second verdict named in the note; its parts also stay under their
        old keys, as they come back when the version that merged them leaves. So a mark survives
        versions joining or leaving its row (a unique paragraph becoming a row of six), re-alignment
        moving paragraphs between rows, and a rewrite of one paragraph of a row of three or more.

        changes (core.changes.what_changed between the comparisons, when files changed on disk): a
        paragraph edited in place counts as the same paragraph, paragraphs the files lost do not count
        against a match, and a mark that moves gets Mark.since: "added" when only paragraphs of added
        versions joined it, "changed" when it reads differently (a paragraph edited, others joined,
        rows merged). Without changes nothing is flagged (a reference change, an exclusion, a restart).
        A rewrite of a difference's only paragraph beyond EDIT_SIMILARITY leaves the mark behind. Marks
        that match nothing stay under their key: their content may come back (an excluded article
        included again). keep: keys that are some other difference's now (those of a folder's other stories,
        core.stories): their marks stay where they are. Returns self if nothing changes.
        """
        targets = [(key, frozenset(fps)) for key, fps in items]
        index = self._index()
        result = dict(index)
        for key, fps in targets:
            mark = index.get(key)
            if mark is not None and fps and not mark.fingerprints:
                result[key] = dataclasses.replace(mark, fingerprints=tuple(fps))
        wanted = {key for key, _ in targets}
        orphans = {k: m for k, m in index.items() if k not in wanted and k not in keep and m.fingerprints}
        match = Matcher(targets, changes, free=lambda key: key not in index)
        ranked = sorted((rank, position, old) for old, mark in orphans.items()
                        for position, rank in match.ranks(mark.fingerprints))
        carried: dict[int, list[str]] = {}  # item position -> old keys carried there, the best first
        for _, position, old in ranked:
            if position not in carried and all(old not in olds for olds in carried.values()):
                carried[position] = [old]
        handled = {old for olds in carried.values() for old in olds}
        for _, position, old in ranked:  # left over: every item holding its paragraphs went to another mark
            if old not in handled:
                handled.add(old)
                # Unless what it is about there is the first mark's already (a merged mark whose rows split again).
                if not match.covered(index[old].fingerprints, index[carried[position][0]].fingerprints, position):
                    carried[position].append(old)
        for position, olds in carried.items():
            new, fps = targets[position]
            had = [index[old].fingerprints for old in olds]
            since = stronger_flag(index[olds[0]].since, since_flag(had, fps, changes))
            result[new] = dataclasses.replace(_combined([index[old] for old in olds]), since=since,
                                              fingerprints=carried_fingerprints(had, fps, changes))
            if len(olds) == 1:  # moved, not copied
                result.pop(olds[0])
        for old, mark in orphans.items():  # a mark kept aside follows its paragraphs' edits, to be found later
            if old in result and (moved := match.edited_fingerprints(mark.fingerprints)) != mark.fingerprints:
                result[old] = dataclasses.replace(mark, fingerprints=moved)
        if result == index:
            return self
        return self._changed_to(result, {k for k in index.keys() | result.keys() if index.get(k) != result.get(k)})

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

    def _changed_to(self, index: dict[str, Mark], keys: Iterable[str]) -> "ReviewState":
        return ReviewState(self.folder, tuple(sorted(index.items())), touched=self.changed | frozenset(keys),
                           extra=self.extra, extra_touched=self.extra_touched)

    def _index(self) -> dict[str, Mark]:
        cache = self.__dict__.get("_by_key")
        if cache is None:
            cache = dict(self.marks)
            object.__setattr__(self, "_by_key", cache)
        return cache


def _combined(marks: Sequence[Mark]) -> Mark:
    """One mark for rows that merged: the most serious verdict, and every note (with its verdict where that differs)."""
    first = marks[0]
    if len(marks) == 1:
        return first
    verdict = max((m.verdict for m in marks), key=_severity)
    notes: list[str] = []
    for m in marks:
        label = verdict_label(m.verdict) if m.verdict != verdict else ""
        for note in m.note.split(" / ") if m.note else [""]:  # a note merged before is merged part by part
            said = ": ".join(part for part in (label, note) if part)
            if said and said not in notes:
                notes.append(said)
    return dataclasses.replace(first, reviewed=any(m.reviewed for m in marks), verdict=verdict,
                               note=" / ".join(notes), updated=max(m.updated for m in marks))


def _severity(verdict: str) -> int:
    """How much a verdict asks of the desk: none < OK < check < error < legal; one of a newer version counts most."""
    order = ("", "ok", "check", "error", "legal")
    return order.index(verdict) if verdict in order else len(order)


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
    # surrogateescape: a folder name that is not valid UTF-8 still names one file, the same every time
    digest = hashlib.sha1(_folder_id(folder).encode("utf-8", "surrogateescape")).hexdigest()
    return os.path.join(paths.data_dir(), "reviews", digest + ".json")


def load_review(folder: str) -> ReviewState:
    """folder's saved marks; empty when none. Never raises.

    A damaged file is kept aside as <file>.corrupt-N and the state's notice says so; a file with some
    damaged marks loads the rest (and is rewritten without them, its copy kept the same way). Leftover
    temporary files of a crashed save are removed first.
    """
    try:
        path = review_file(folder)
    except (OSError, ValueError) as exc:  # e.g. a path the OS rejects: start unmarked rather than fail
        log.warning("no review file for %r: %s", folder, exc)
        return ReviewState(folder, touched=frozenset())
    for where in {os.path.dirname(path), paths.data_dir()}:
        paths.remove_stale_temp_files(where)
    return _read_locked(path, folder, rewrite=True)


def reload_review(state: ReviewState) -> ReviewState:
    """state with what is saved for its folder now (another window's marks) and its own unsaved changes on top.

    The result keeps state's touched keys (still to be saved) and carries the read's notice. Never raises.
    """
    try:
        path = review_file(state.folder)
    except (OSError, ValueError) as exc:
        log.warning("no review file for %r: %s", state.folder, exc)
        return state
    disk = _read_locked(path, state.folder, rewrite=True)
    return _merged(disk, state, state.touched, state.extra_touched)


def save_review(state: ReviewState) -> ReviewState:
    """Save state's changes and return the merged state now on disk (nothing left to save).

    Under a lock on the file, the saved marks are re-read and only state.changed keys are written
    over them (a mark removed in state is removed), so marks another window saved meanwhile are kept
    and appear in the result. The write is atomic: a crash leaves the old or the new file. Raises
    OSError (TimeoutError when another process holds the lock too long); state is then still unsaved.
    """
    path = review_file(state.folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with paths.file_lock(path):
        disk = _read(path, state.folder, rewrite=False, saving=True)
        merged = _merged(disk, state, frozenset(), frozenset())
        _write(path, merged)
    return merged


def _read_locked(path: str, folder: str, rewrite: bool) -> ReviewState:
    try:
        with paths.file_lock(path):
            return _read(path, folder, rewrite)
    except TimeoutError as exc:  # a read is safe without the lock (writes are atomic); only slower to heal
        log.warning("%s; reading without it", exc)
        return _read(path, folder, rewrite=False)


def _merged(disk: ReviewState, state: ReviewState, touched: Optional[frozenset[str]],
            extra_touched: frozenset[str]) -> ReviewState:
    """disk with state's changed keys and extra fields written over it (last writer wins per key)."""
    index = dict(disk.marks)
    mine = state._index()
    for key in state.changed:
        if key in mine:
            index[key] = mine[key]
        else:
            index.pop(key, None)
    extra = dict(state.extra)
    extra.update(disk.extra)  # this version never changes them: what is on disk is the newest
    mine_extra = dict(state.extra)  # except what this window changed itself (the position): its own wins
    extra.update({name: mine_extra[name] for name in state.extra_touched if name in mine_extra})
    extra.update(_story_positions(extra.get(_STORY_POSITIONS), mine_extra.get(_STORY_POSITIONS), state.extra_touched))
    return ReviewState(state.folder, tuple(sorted(index.items())), touched=touched, extra=tuple(extra.items()),
                       notice=disk.notice, extra_touched=extra_touched)


def _story_positions(disk: Any, mine: Any, touched: frozenset[str]) -> dict[str, Any]:
    """{_STORY_POSITIONS: disk's positions with the stories this window moved in written over} ({} if none moved)."""
    stories = {name[len(_STORY_POSITION_PREFIX):] for name in touched if name.startswith(_STORY_POSITION_PREFIX)}
    if not stories or not isinstance(mine, dict):
        return {}
    merged = dict(disk) if isinstance(disk, dict) else {}  # another window's stories are kept
    merged.update({story: mine[story] for story in stories if story in mine})
    return {_STORY_POSITIONS: merged}


def _read(path: str, folder: str, rewrite: bool, saving: bool = False) -> ReviewState:
    """The marks in path (the caller holds the lock); damage is kept aside and told in the notice.

    saving: raise OSError rather than return no marks for a file that exists but cannot be read now
    (e.g. permissions), as the save would replace marks it never saw.
    """
    result = paths.read_json_result(path, numbered=True)
    empty = ReviewState(folder, touched=frozenset())
    if result.status == "missing":
        return empty
    if saving and result.status == "unreadable":
        raise OSError(f"the saved marks could not be read ({result.problem}); they were not overwritten")
    if saving and result.status == "refused":  # told at load; the save replaces it (a FIFO holds no marks)
        return empty
    if result.status in ("refused", "unreadable"):
        return dataclasses.replace(empty, notice=f"Review marks could not be read: {result.problem}.")
    if result.status == "damaged":
        return dataclasses.replace(empty, notice=_kept_notice("Review marks could not be read", result.kept_as))
    parsed = _parse(result.data)
    if parsed is None:
        log.warning("%s is not a review file; moved aside and ignored", path)
        kept = paths.keep_aside(path, numbered=True, identity=result.identity)
        return dataclasses.replace(empty, notice=_kept_notice("Review marks could not be read", kept))
    marks, extra, bad = parsed
    state = ReviewState(folder, tuple(sorted(marks.items())), touched=frozenset(), extra=extra)
    if not bad:
        return state
    # Keep what could be read, and the original file for a human to look at.
    log.warning("%s: %d damaged mark(s) skipped", path, bad)
    kept = paths.keep_copy(path, identity=result.identity)
    if kept and rewrite:  # so that the next start does not keep another copy of the same damage
        try:
            _write(path, state)
        except OSError as exc:
            log.warning("could not rewrite %s without its damaged marks: %s", path, exc)
    words = f"{bad} review mark{'' if bad == 1 else 's'} could not be read"
    return dataclasses.replace(state, notice=_kept_notice(words, kept))


def _kept_notice(what: str, kept: Optional[str]) -> str:
    if kept:
        return f"{what}; the file was kept as {kept}."
    return f"{what}, and the damaged file could not be kept aside."


def _parse(data: Any) -> Optional[tuple[dict[str, Mark], tuple[tuple[str, Any], ...], int]]:
    """(valid marks, unknown top-level fields, number of damaged marks) of a parsed file; None if not a review file."""
    if not isinstance(data, dict) or not isinstance(data.get("marks"), dict):
        return None
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
            marks[_clean_text(key)] = mark
    extra = tuple((k, v) for k, v in data.items() if k not in _TOP_FIELDS)
    return marks, extra, bad


def _mark_from_json(raw: Any) -> Optional[Mark]:
    if not isinstance(raw, dict):
        return None
    values = {f.name: raw.get(f.name, f.default) for f in dataclasses.fields(Mark) if f.name in _MARK_FIELDS}
    if not isinstance(values["reviewed"], bool):
        return None
    if not all(isinstance(values[name], str) for name in ("verdict", "note", "updated")):
        return None
    fingerprints = values["fingerprints"]
    if not isinstance(fingerprints, (list, tuple)) or not all(isinstance(f, str) for f in fingerprints):
        return None
    known: tuple[str, ...] = _MARK_FIELDS
    if not isinstance(values["since"], str):  # not ours to read: kept as it was, not a damaged mark
        values["since"], known = "", tuple(f for f in _MARK_FIELDS if f != "since")
    extra = tuple((k, v) for k, v in raw.items() if k not in known)
    return Mark(**values, extra=extra)


def review_to_json(state: ReviewState) -> dict:
    """The JSON document saved for state: {"version": 2, "folder", "marks": {key: mark fields}} (see FORMAT_VERSION).

    Fields of a newer format that were read (top-level and per mark) are written back unchanged.
    """
    marks = {k: {**dict(m.extra), "reviewed": m.reviewed, "verdict": m.verdict, "note": m.note,
                 "updated": m.updated, "fingerprints": list(m.fingerprints), **({"since": m.since} if m.since else {})}
             for k, m in state.marks}
    return {**dict(state.extra), "version": FORMAT_VERSION, "folder": _folder_id(state.folder), "marks": marks}


def _write(path: str, state: ReviewState) -> None:
    text = json.dumps(review_to_json(state), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    # Unknown fields are written as read; a "\ud800" escape among them must not fail the save.
    paths.atomic_write_text(path, _clean_text(text))
