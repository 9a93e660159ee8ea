"""Where Copydesk keeps user data and settings, and crash-safe reads and writes of those files."""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, Optional

import platformdirs

from copydesk.core import jsontext

APP_NAME = "copydesk"
HOME_ENV = "COPYDESK_HOME"
CORRUPT_SUFFIX = ".corrupt"
LOCK_SUFFIX = ".lock"
TEMP_SUFFIX = ".tmp"
MAX_JSON_BYTES = 20 * 1024 * 1024
"""A settings or review file larger than this is refused as damaged (and kept aside), never read whole."""
LOCK_TIMEOUT = 5.0
"""Seconds to wait for another process's file_lock before giving up (a save takes milliseconds)."""
STALE_TEMP_AGE = 60.0
"""Seconds after which a temporary file of atomic_replace is a crash's leftover, not a write in progress."""

# atomic_replace's temporary names: "." + the target's name + "." + tempfile's random part + TEMP_SUFFIX.
_TEMP_NAME = re.compile(r"\..+\.[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX))
_MAX_COPIES = 10_000  # .corrupt-1 ... -10000: a bound on the search, not a quota anyone should reach
# O_NONBLOCK: a FIFO swapped in after the check must not block the open; the others are absent on Windows.
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

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
    error propagates. A crash (kill -9, power loss) can leave the temporary file behind: see
    remove_stale_temp_files.
    """
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=TEMP_SUFFIX, dir=folder)
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
    atomic_write_text(path, jsontext.dumps(data, indent=1, sort_keys=True) + "\n")


def remove_stale_temp_files(folder: str, max_age: float = STALE_TEMP_AGE) -> list[str]:
    """Delete atomic_replace's temporary files in folder older than max_age seconds (a crash's leftovers).

    Younger ones may belong to a write in progress in another window and are left alone, as are
    symbolic links and anything not named like such a file. Returns the paths removed; never raises.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    removed = []
    now = time.time()
    for name in names:
        if not _TEMP_NAME.fullmatch(name):
            continue
        path = os.path.join(folder, name)
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < max_age:
                continue
            os.unlink(path)
        except OSError as exc:
            log.warning("could not remove the leftover temporary file %s: %s", path, exc)
            continue
        removed.append(path)
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted save in %s", len(removed), folder)
    return removed


# --- locking ---------------------------------------------------------------------------------------

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        # LK_NBLCK fails alike for a held lock and an unsupported one; both wait out the timeout.
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def file_lock(path: str, timeout: Optional[float] = None) -> Iterator[bool]:
    """Hold an exclusive advisory lock on path + LOCK_SUFFIX for the block; yields whether it is held.

    Cooperating processes (two Copydesk windows) serialise a read-modify-write of path with it; the OS
    releases it when a holder dies. Where no lock can be had at all (the lock file cannot be created or
    is not a plain file, the file system refuses locks) the block runs unlocked and False is yielded,
    as it did before locking existed. Raises TimeoutError (an OSError) when another holder keeps the
    lock for more than timeout seconds (default LOCK_TIMEOUT). Not reentrant: do not nest two locks on
    one path.
    """
    lock_path = path + LOCK_SUFFIX
    fd: Optional[int] = None
    try:
        # O_NOFOLLOW: a planted symlink must not make us create or lock a file elsewhere.
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _READ_FLAGS, 0o600)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{lock_path} is not a regular file")
    except OSError as exc:
        if fd is not None:
            os.close(fd)
            fd = None
        # A missing folder means there is no file to guard yet (a first read): not worth a warning.
        log.log(logging.DEBUG if isinstance(exc, FileNotFoundError) else logging.WARNING,
                "using %s without a lock: %s", path, exc)
    if fd is None:
        yield False
        return
    try:
        held = _acquire(fd, lock_path, LOCK_TIMEOUT if timeout is None else timeout)
        try:
            yield held
        finally:
            if held:
                _release(fd, lock_path)
    finally:
        os.close(fd)


def _acquire(fd: int, lock_path: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if _try_lock(fd):
                return True
        except OSError as exc:  # e.g. ENOLCK on a network share: no locking here, carry on as before
            log.warning("%s cannot be locked (%s); going on without a lock", lock_path, exc)
            return False
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{lock_path} is held by another process")
        time.sleep(0.01)


def _release(fd: int, lock_path: str) -> None:
    try:
        _unlock(fd)
    except OSError as exc:  # closing the descriptor releases it anyway
        log.warning("could not unlock %s: %s", lock_path, exc)


# --- keeping damaged files --------------------------------------------------------------------------

def keep_aside(path: str, *, numbered: bool = False, identity: Optional[tuple[int, int]] = None) -> Optional[str]:
    """Move a damaged file out of the way so it is kept but not reused; returns where, or None on failure.

    numbered=False: to path + '.corrupt', replacing an older copy (the preferences' behaviour).
    numbered=True: to the first free path + '.corrupt-1', '-2', ..., never replacing anything, and never
    writing through a symbolic link planted under such a name (a hard link or rename moves a directory
    entry; neither follows a link at the new name). identity, the (st_dev, st_ino) that was read, makes
    it leave alone a file another process has put at path since. On failure the file is left in place.
    """
    if not numbered:
        target = path + CORRUPT_SUFFIX
        try:
            os.replace(path, target)
        except OSError as exc:
            log.warning("could not move damaged %s aside: %s", path, exc)
            return None
        return target
    return _keep_numbered(path, identity, move=True)


def keep_copy(path: str, identity: Optional[tuple[int, int]] = None) -> Optional[str]:
    """Keep a copy of a partly damaged file at the first free path + '.corrupt-N', leaving path in place.

    The copy is a hard link where the file system allows it (the next atomic save replaces path with a
    new file, so the link keeps the old bytes), else a byte copy into a file created with O_EXCL and
    O_NOFOLLOW. Same guarantees as keep_aside(numbered=True); returns the copy's path or None.
    """
    return _keep_numbered(path, identity, move=False)


def _keep_numbered(path: str, identity: Optional[tuple[int, int]], move: bool) -> Optional[str]:
    for n in range(1, _MAX_COPIES + 1):
        target = f"{path}{CORRUPT_SUFFIX}-{n}"
        if os.path.lexists(target):
            continue
        try:
            _link_or_copy(path, target, identity, move)
        except FileExistsError:  # taken since the check (another window): try the next number
            continue
        except (OSError, _Replaced) as exc:
            log.warning("could not keep damaged %s as %s: %s", path, target, exc)
            return None
        return target
    log.warning("could not keep damaged %s: %d copies exist already", path, _MAX_COPIES)
    return None


class _Replaced(Exception):
    """The file at the path is no longer the one that was read (another process saved meanwhile)."""


def _link_or_copy(path: str, target: str, identity: Optional[tuple[int, int]], move: bool) -> None:
    try:
        try:
            os.link(path, target, follow_symlinks=False)
        except NotImplementedError:  # platforms without linkat; link() never follows at the new name
            os.link(path, target)
    except FileExistsError:
        raise
    except OSError as exc:  # no hard links here (FAT, some network shares)
        log.info("no hard link for %s (%s); %s instead", path, exc, "renaming" if move else "copying")
        if move:
            _check_identity(path, identity)
            # Reserve the name with an empty file of our own (O_EXCL fails on any existing name, a link
            # included), then rename over it: never over an earlier copy, never through a link, and no
            # byte copy of a huge file.
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
            try:
                os.replace(path, target)
            except BaseException:
                os.unlink(target)
                raise
        else:
            _copy_exclusive(path, target, identity)
        return
    try:
        _check_identity(target, identity)
        if move:
            _check_identity(path, identity)
            os.unlink(path)
    except BaseException:
        try:
            os.unlink(target)
        except OSError:
            pass
        raise


def _check_identity(path: str, identity: Optional[tuple[int, int]]) -> None:
    if identity is None:
        return
    st = os.stat(path)
    if (st.st_dev, st.st_ino) != identity:
        raise _Replaced(f"{path} was replaced while it was being kept aside")


def _copy_exclusive(path: str, target: str, identity: Optional[tuple[int, int]]) -> None:
    src = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(src)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"{path} is not a regular file")
        if identity is not None and (st.st_dev, st.st_ino) != identity:
            raise _Replaced(f"{path} was replaced while it was being kept aside")
        # O_EXCL fails on any existing name, a symlink included, so nothing outside is ever written.
        dst = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o600)
        try:
            while chunk := os.read(src, 1 << 20):
                os.write(dst, chunk)
        except BaseException:
            os.close(dst)
            os.unlink(target)
            raise
        os.close(dst)
    finally:
        os.close(src)


# --- reading ---------------------------------------------------------------------------------------

ReadStatus = Literal["ok", "missing", "refused", "unreadable", "damaged"]


@dataclass(frozen=True)
class JsonRead:
    """What read_json_result found at a path."""

    status: ReadStatus
    data: Any = None  # the parsed JSON when status is "ok", else None
    problem: str = ""  # why it was not read, in words ("" when ok or missing)
    kept_as: str = ""  # where a damaged file was kept ("" when it was not, or could not be, moved)
    identity: Optional[tuple[int, int]] = None  # (st_dev, st_ino) of the file read


class _Refused(Exception):
    """Not a regular file (a FIFO, a device, a directory): never opened for reading."""


class _TooLarge(Exception):
    def __init__(self, message: str, identity: Optional[tuple[int, int]]) -> None:
        super().__init__(message)
        self.identity = identity


def _read_regular(path: str, limit: int) -> tuple[bytes, tuple[int, int]]:
    """The bytes of the regular file at path (symlinks followed), at most limit of them."""
    st = os.stat(path)  # checked before opening: opening a FIFO blocks, reading /dev/zero never ends
    if not stat.S_ISREG(st.st_mode):
        raise _Refused(f"{path} is not a regular file")
    if st.st_size > limit:
        raise _TooLarge(f"{path} is larger than {limit} bytes", (st.st_dev, st.st_ino))
    fd = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(fd)  # again on what was opened: the path may have been swapped since the check
        identity = (st.st_dev, st.st_ino)
        if not stat.S_ISREG(st.st_mode):
            raise _Refused(f"{path} is not a regular file")
        chunks, total = [], 0
        while total <= limit:  # st_size can lie (/proc files, a file still growing): cap what is read
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _TooLarge(f"{path} is larger than {limit} bytes", identity)
        return b"".join(chunks), identity
    finally:
        os.close(fd)


def read_json_result(path: str, *, numbered: bool = False, limit: int = MAX_JSON_BYTES) -> JsonRead:
    """Read and parse the JSON file at path, saying what happened; never raises.

    A UTF-8 byte order mark is accepted. Only a regular file (or a symlink to one) is opened: anything
    else is "refused" and left in place. A file that does not decode or parse, or is larger than limit
    bytes (never read whole), is "damaged" and kept aside with keep_aside(numbered=numbered).
    """
    try:
        raw, identity = _read_regular(path, limit)
    except (FileNotFoundError, NotADirectoryError):
        return JsonRead("missing")
    except _Refused as exc:
        log.warning("%s; ignored", exc)
        return JsonRead("refused", problem=str(exc))
    except _TooLarge as exc:
        log.warning("%s is damaged (%s); moved aside and ignored", path, exc)
        return JsonRead("damaged", problem=str(exc), kept_as=keep_aside(path, numbered=numbered,
                                                                        identity=exc.identity) or "")
    except OSError as exc:
        log.warning("could not read %s: %s", path, exc)
        return JsonRead("unreadable", problem=exc.strerror or str(exc))
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # utf-8-sig: Notepad starts its UTF-8 files with a BOM
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.warning("%s is damaged (%s); moved aside and ignored", path, exc)
        return JsonRead("damaged", problem=str(exc),
                        kept_as=keep_aside(path, numbered=numbered, identity=identity) or "")
    return JsonRead("ok", data=data, identity=identity)


def read_json(path: str) -> Any:
    """The parsed JSON in path; None when it is missing or unreadable; a corrupt file is kept aside.

    Never raises: user files must not stop the app from starting. See read_json_result for what is
    refused (special files, files over MAX_JSON_BYTES) and where a damaged file goes.
    """
    return read_json_result(path).data
