"""Where Copydesk keeps user data and settings, and crash-safe reads and writes of those files."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def atomic_replace(path: str, *, private: bool = True) -> Iterator[str]:
    """Yield a temporary path next to path; on a normal exit it replaces path, so a crash at any moment
    leaves either the old or the new file.

    The temporary file is created (empty) in the same folder, as os.replace is only atomic within one
    file system; the folder must exist. On a normal exit the file is fsynced, given its mode, renamed
    over path and the folder is fsynced. private=True keeps the temporary file's owner-only mode (user
    data); private=False gives the mode a plain write would: the old file's, else 0o666 less the umask.
    On any exception (in the block or here) the temporary file is removed, path is untouched and the
    error propagates.
    """
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        _fsync_file(tmp)
        if not private:
            os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def atomic_write_text(path: str, text: str) -> None:
    """Replace path with text (UTF-8) so that a crash at any moment leaves either the old or the new file.

    Creates the missing folders, then writes through atomic_replace (private mode): on failure the
    previous file is untouched, no temporary file is left and the error propagates.
    """
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with atomic_replace(path) as tmp, open(tmp, "wb") as f:
        f.write(text.encode("utf-8"))


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes only a writable handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_file_mode(target: str) -> int:
    """The mode the file would have if written plainly: the old file's, else 0o666 less the umask."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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
