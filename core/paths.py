"""Where Copydesk keeps user data and settings, and crash-safe reads and writes of those files."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from typing import Any, Optional

import platformdirs

APP_NAME = "copydesk"
HOME_ENV = "COPYDESK_HOME"
CORRUPT_SUFFIX = ".corrupt"

log = logging.getLogger(__name__)


def _home() -> Optional[str]:
    home = os.environ.get(HOME_ENV, "").strip()
    return os.path.abspath(os.path.expanduser(home)) if home else None


def data_dir() -> str:
    """The per-user data directory (review marks, recent folders); $COPYDESK_HOME/data when set."""
    home = _home()
    return os.path.join(home, "data") if home else platformdirs.user_data_dir(APP_NAME, appauthor=False)


def config_dir() -> str:
    """The per-user settings directory (preferences); $COPYDESK_HOME/config when set."""
    home = _home()
    return os.path.join(home, "config") if home else platformdirs.user_config_dir(APP_NAME, appauthor=False)


def atomic_write_text(path: str, text: str) -> None:
    """Replace path with text (UTF-8) so that a crash at any moment leaves either the old or the new file.

    The text goes to a temporary file in the same directory (os.replace is only atomic within one
    file system), is flushed and fsynced, then renamed over path. On failure the temporary file is
    removed, the previous file is untouched and the error propagates.
    """
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: str) -> None:
    # Makes the rename itself durable on POSIX; directories cannot be opened this way on Windows.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_json(path: str, data: Any) -> None:
    """Write data as indented UTF-8 JSON with atomic_write_text."""
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def keep_aside(path: str) -> Optional[str]:
    """Move a damaged file to path + '.corrupt' (replacing an older one) so it is kept but not reused.

    Returns the new path, or None when the file could not be moved (it is then left in place).
    """
    target = path + CORRUPT_SUFFIX
    try:
        os.replace(path, target)
    except OSError as exc:
        log.warning("could not move damaged %s aside: %s", path, exc)
        return None
    return target


def read_json(path: str) -> Any:
    """The parsed JSON in path; None when it is missing or unreadable; a corrupt file is kept aside.

    Never raises: user files must not stop the app from starting.
    """
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("could not read %s: %s", path, exc)
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.warning("%s is damaged (%s); moved aside and ignored", path, exc)
        keep_aside(path)
        return None
