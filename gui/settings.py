"""User preferences (config dir) and recently opened folders (data dir), both as versioned JSON."""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from typing import Any, Optional

from copydesk.core import paths

PREFERENCES_VERSION = 1
RECENT_VERSION = 1
MAX_RECENT = 10
THEMES = ("system", "light", "dark")
FONT_SIZES = (6, 72)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preferences:
    """What the user can set once for every folder: a value, replaced as a whole when anything changes."""

    theme: str = "system"  # "system" | "light" | "dark"
    palette: str = "default"  # colour-blind-safe default; others optional
    font_family: str = ""  # "" = a good serif/sans default picked by the app
    font_size: int = 12
    boilerplate_patterns: tuple[str, ...] = ()
    min_link_score: float = 0.30
    show_boilerplate: bool = True

    def __post_init__(self) -> None:
        # any sequence of patterns (a list from JSON or a dialog) is kept as a tuple: the value stays immutable
        object.__setattr__(self, "boilerplate_patterns", tuple(self.boilerplate_patterns))

    def compare_options_differ(self, other: "Preferences") -> bool:
        """Whether other changes what the comparison computes (not only how it looks)."""
        return (self.boilerplate_patterns, self.min_link_score) != (other.boilerplate_patterns, other.min_link_score)


def preferences_file() -> str:
    """Where the preferences are stored."""
    return os.path.join(paths.config_dir(), "preferences.json")


_TYPES: dict[type, tuple[type, ...]] = {bool: (bool,), int: (int,), float: (int, float), str: (str,),
                                        tuple: (list, tuple)}
_RANGES = {
    "theme": lambda v: v in THEMES,
    "font_size": lambda v: FONT_SIZES[0] <= v <= FONT_SIZES[1],
    "min_link_score": lambda v: 0.0 <= v <= 1.0,  # also rejects NaN
    "boilerplate_patterns": lambda v: all(isinstance(x, str) for x in v),
}


def _valid(name: str, value: Any, default: Any) -> bool:
    kind = type(default)
    if isinstance(value, bool) != (kind is bool):  # JSON true is not a font size
        return False
    check = _RANGES.get(name)
    return isinstance(value, _TYPES[kind]) and (check is None or bool(check(value)))


def preferences_from_json(data: Any) -> Preferences:
    """Preferences from a parsed file: unknown keys ignored, missing or invalid ones left at default."""
    defaults = Preferences()
    if not isinstance(data, dict):
        return defaults
    data = _migrate_preferences(data)
    chosen: dict[str, Any] = {}
    for f in dataclasses.fields(Preferences):
        default = getattr(defaults, f.name)
        if f.name in data and _valid(f.name, data[f.name], default):
            value = data[f.name]
            chosen[f.name] = float(value) if isinstance(default, float) else value
    return dataclasses.replace(defaults, **chosen)


def _migrate_preferences(data: dict) -> dict:
    # Version 1 is the first format; later versions add their upgrade steps here, oldest first.
    return data


def load_preferences() -> Preferences:
    """The saved preferences, or defaults; a damaged file is kept aside. Never raises."""
    return preferences_from_json(paths.read_json_result(preferences_file(), numbered=True).data)


def save_preferences(p: Preferences) -> None:
    """Write the preferences atomically."""
    data = dataclasses.asdict(p)
    data["version"] = PREFERENCES_VERSION
    paths.atomic_write_json(preferences_file(), data)


def _same_folder(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


class RecentFolders:
    """The folders opened last, most recent first, at most MAX_RECENT."""

    def __init__(self, path: Optional[str] = None) -> None:
        self.path = path or os.path.join(paths.data_dir(), "recent.json")

    def _stored(self) -> list[str]:
        data = paths.read_json_result(self.path, numbered=True).data
        folders = data.get("folders") if isinstance(data, dict) else None
        if not isinstance(folders, list):
            return []
        return [f for f in folders if isinstance(f, str) and f][:MAX_RECENT]

    def _write(self, folders: list[str]) -> None:
        try:
            paths.atomic_write_json(self.path, {"version": RECENT_VERSION, "folders": folders[:MAX_RECENT]})
        except OSError as exc:  # a convenience list must never stop a folder from opening
            log.warning("could not save recent folders to %s: %s", self.path, exc)

    def items(self) -> list[str]:
        """The remembered folders that still exist, most recent first."""
        # Missing ones stay stored: a network share or USB drive may come back.
        return [f for f in self._stored() if os.path.isdir(f)]

    def add(self, folder: str) -> None:
        """Put folder first (moving it if already listed) and save."""
        folder = os.path.abspath(folder)
        self._write([folder] + [f for f in self._stored() if not _same_folder(f, folder)])

    def clear(self) -> None:
        """Forget every folder."""
        self._write([])


def last_folder() -> Optional[str]:
    """The most recently opened folder that still exists, or None."""
    items = RecentFolders().items()
    return items[0] if items else None
