"""The editor's corrections to a folder's stories, and the story last shown, saved next to its review marks.

group_stories (core.stories) finds the stories; an editor may disagree: "move this article to that
story", "split it out". Those corrections (core.stories.StoryOverride, applied in order) and the story
the window showed last are kept per folder in data_dir()/reviews/<same digest as the marks>.stories.json,
written atomically under a lock that re-reads the file first (two windows on one folder keep each
other's corrections). A damaged file is kept aside as `….corrupt-N`, reported in `notice` and ignored:
the folder then opens with the grouping as found. Loading never raises.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from copydesk.core import paths
from copydesk.core.review import review_file
from copydesk.core.stories import StoryOverride

__all__ = ["StorySettings", "story_settings_file", "load_story_settings", "add_override", "save_chosen_story",
           "settings_to_json"]

FORMAT_VERSION = 1
_KNOWN = frozenset({"version", "folder", "overrides", "chosen"})

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StorySettings:
    """A folder's story corrections (in the order given) and the story shown last (its id and paths)."""

    overrides: tuple[StoryOverride, ...] = ()
    chosen: str = ""  # core.stories.Story.id of the story shown last ("" for none)
    chosen_paths: tuple[str, ...] = ()  # its articles then: found again by overlap when its id changed
    notice: str = dataclasses.field(default="", compare=False)  # what went wrong reading the file, for the user
    extra: tuple[tuple[str, Any], ...] = dataclasses.field(default=(), compare=False)  # a newer format's fields


def story_settings_file(folder: str) -> str:
    """The file of folder's story corrections: beside its review marks, <digest>.stories.json."""
    marks = review_file(folder)
    return marks[:-len(".json")] + ".stories.json"


def load_story_settings(folder: str) -> StorySettings:
    """folder's saved corrections and chosen story; empty when none or unreadable (notice says why). Never raises."""
    try:
        path = story_settings_file(folder)
    except (OSError, ValueError) as exc:  # a path the OS rejects: the grouping as found
        log.warning("no story settings file for %r: %s", folder, exc)
        return StorySettings()
    return _read(path)


def add_override(folder: str, override: StoryOverride) -> StorySettings:
    """Save one more correction (replacing earlier ones for the same article); returns what is saved now.

    Raises OSError when the file cannot be written (the correction is then not remembered).
    """
    def change(s: StorySettings) -> StorySettings:
        kept = tuple(o for o in s.overrides if o.path != override.path)
        return dataclasses.replace(s, overrides=kept + (override,))
    return _update(folder, change)


def save_chosen_story(folder: str, story_id: str, story_paths: Sequence[str]) -> StorySettings:
    """Remember the story shown (reopening the folder shows it again); raises OSError when it cannot be written."""
    return _update(folder, lambda s: dataclasses.replace(s, chosen=story_id, chosen_paths=tuple(story_paths)))


def settings_to_json(folder: str, s: StorySettings) -> dict:
    """The JSON document saved for s (fields of a newer format that were read are written back)."""
    overrides = [{"path": o.path, "with": o.with_path} for o in s.overrides]
    out = {**dict(s.extra), "version": FORMAT_VERSION, "folder": os.path.abspath(folder), "overrides": overrides}
    if s.chosen:
        out["chosen"] = {"id": s.chosen, "paths": list(s.chosen_paths)}
    return out


def _update(folder: str, change) -> StorySettings:
    path = story_settings_file(folder)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with paths.file_lock(path):
        disk = _read(path, saving=True)  # another window's corrections are kept
        new = change(dataclasses.replace(disk, notice=""))
        paths.atomic_write_json(path, settings_to_json(folder, new))
    return new


def _read(path: str, saving: bool = False) -> StorySettings:
    result = paths.read_json_result(path, numbered=True)
    if result.status == "missing":
        return StorySettings()
    if saving and result.status == "unreadable":  # a save must not replace corrections it never saw
        raise OSError(f"the saved story corrections could not be read ({result.problem})")
    if result.status in ("refused", "unreadable"):
        return StorySettings(notice=f"Story corrections could not be read: {result.problem}.")
    if result.status == "damaged":
        return StorySettings(notice=_kept("Story corrections could not be read", result.kept_as))
    parsed = _parse(result.data)
    if parsed is None:
        kept = paths.keep_aside(path, numbered=True, identity=result.identity)
        return StorySettings(notice=_kept("Story corrections could not be read", kept))
    settings, bad = parsed
    if bad:
        log.warning("%s: %d damaged correction(s) skipped", path, bad)
        words = f"{bad} story correction{'' if bad == 1 else 's'} could not be read and {'was' if bad == 1 else 'were'}"
        return dataclasses.replace(settings, notice=f"{words} ignored.")
    return settings


def _kept(what: str, kept: Optional[str]) -> str:
    return f"{what}; the file was kept as {kept}." if kept else f"{what}, and the damaged file could not be kept aside."


def _parse(data: Any) -> Optional[tuple[StorySettings, int]]:
    """(settings, number of damaged corrections) of a parsed file; None if it is not a story settings file."""
    if not isinstance(data, dict) or not isinstance(data.get("overrides", []), list):
        return None
    overrides, bad = [], 0
    for raw in data.get("overrides", []):
        path = raw.get("path") if isinstance(raw, dict) else None
        with_path = raw.get("with") if isinstance(raw, dict) else None
        if not isinstance(path, str) or not path or not (with_path is None or isinstance(with_path, str)):
            bad += 1
            continue
        overrides.append(StoryOverride(path, with_path or None))
    chosen: str = ""
    chosen_paths: tuple[str, ...] = ()
    raw_chosen = data.get("chosen")
    if isinstance(raw_chosen, dict) and isinstance(raw_chosen.get("id"), str):
        listed = raw_chosen.get("paths")
        chosen = raw_chosen["id"]
        if isinstance(listed, list):
            chosen_paths = tuple(p for p in listed if isinstance(p, str))
    extra = tuple((k, v) for k, v in data.items() if k not in _KNOWN)
    return StorySettings(tuple(overrides), chosen, chosen_paths, extra=extra), bad
