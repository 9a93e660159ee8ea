"""User directories, atomic writes and tolerant JSON reads."""

import json
import os

import platformdirs
import pytest

from copydesk.core import paths
from blocking import in_time


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_copydesk_home_overrides_both_dirs(home):
    assert paths.data_dir() == str(home / "data")
    assert paths.config_dir() == str(home / "config")


def test_without_copydesk_home_platformdirs_decide(monkeypatch):
    monkeypatch.delenv("COPYDESK_HOME", raising=False)
    assert paths.data_dir() == platformdirs.user_data_dir("copydesk", appauthor=False)
    assert paths.config_dir() == platformdirs.user_config_dir("copydesk", appauthor=False)


def test_blank_copydesk_home_is_ignored(monkeypatch):
    monkeypatch.setenv("COPYDESK_HOME", "  ")
    assert paths.data_dir() == platformdirs.user_data_dir("copydesk", appauthor=False)


def test_relative_copydesk_home_becomes_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COPYDESK_HOME", "rel")
    assert paths.data_dir() == str(tmp_path / "rel" / "data")


def test_atomic_write_creates_folders_and_keeps_text_exact(tmp_path):
    target = tmp_path / "a" / "b" / "f.json"
    text = "Zelenskyy’s “quote” — line\r\nnext\n"
    paths.atomic_write_text(str(target), text)
    assert target.read_bytes() == text.encode("utf-8")
    paths.atomic_write_text(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert os.listdir(target.parent) == ["f.json"]  # no temporary file left behind


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_failed_write_leaves_previous_file_intact(tmp_path, monkeypatch, broken):
    target = tmp_path / "state.json"
    paths.atomic_write_text(str(target), "old contents")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patch, pytest.raises(OSError, match="disk full"):
        patch.setattr(os, broken, fail)
        paths.atomic_write_text(str(target), "new contents")
    assert target.read_text(encoding="utf-8") == "old contents"
    assert os.listdir(tmp_path) == ["state.json"]


def test_atomic_replace_error_in_block_removes_temp_and_keeps_old_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="renderer failed"):
        with paths.atomic_replace(str(target)) as tmp:
            assert os.path.dirname(tmp) == str(tmp_path) and os.path.isfile(tmp)
            with open(tmp, "wb") as f:
                f.write(b"half")
            raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_atomic_replace_missing_folder_raises_and_creates_nothing(tmp_path):
    with pytest.raises(OSError):
        with paths.atomic_replace(str(tmp_path / "missing" / "x.pdf")):
            pass  # pragma: no cover - never entered
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_atomic_replace_private_mode_is_owner_only(tmp_path):
    target = tmp_path / "state.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    with paths.atomic_replace(str(target)) as tmp:
        with open(tmp, "w") as f:
            f.write("new")
    assert target.read_text() == "new"
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["state.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_atomic_replace_shared_mode_follows_old_file_else_umask(tmp_path):
    old = tmp_path / "old.pdf"
    old.write_text("old")
    os.chmod(old, 0o640)
    with paths.atomic_replace(str(old), private=False) as tmp:
        with open(tmp, "w") as f:
            f.write("new")
    assert old.read_text() == "new" and os.stat(old).st_mode & 0o777 == 0o640

    fresh = tmp_path / "fresh.pdf"
    previous = os.umask(0o027)
    try:
        with paths.atomic_replace(str(fresh), private=False) as tmp:
            with open(tmp, "w") as f:
                f.write("new")
    finally:
        os.umask(previous)
    assert fresh.read_text() == "new" and os.stat(fresh).st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["fresh.pdf", "old.pdf"]


def test_atomic_write_json_round_trips(tmp_path):
    target = tmp_path / "x.json"
    data = {"b": [1, 2.5, None], "a": "é“”", "c": {"d": True}}
    paths.atomic_write_json(str(target), data)
    assert json.loads(target.read_text(encoding="utf-8")) == data


def test_read_json_missing_is_none(tmp_path):
    assert paths.read_json(str(tmp_path / "nope.json")) is None


@pytest.mark.parametrize("payload", [b"{not json", b"\xff\xfe\x00garbage", b""])
def test_read_json_corrupt_is_none_and_kept_aside(tmp_path, payload):
    target = tmp_path / "bad.json"
    target.write_bytes(payload)
    assert paths.read_json(str(target)) is None
    assert not target.exists()
    assert (tmp_path / "bad.json.corrupt").read_bytes() == payload


def test_read_json_unreadable_path_is_none(tmp_path):
    folder = tmp_path / "dir.json"
    folder.mkdir()  # reading a directory fails with an OSError that is not "missing"
    assert paths.read_json(str(folder)) is None
    assert folder.is_dir()


def test_read_json_valid(tmp_path):
    target = tmp_path / "ok.json"
    target.write_text('{"version": 1, "x": [1]}', encoding="utf-8")
    assert paths.read_json(str(target)) == {"version": 1, "x": [1]}


def test_keep_aside_unnumbered_replaces_older_copy_and_reports_failure(tmp_path):
    target = tmp_path / "f"
    (tmp_path / "f.corrupt").write_text("older")
    target.write_text("newer")
    assert paths.keep_aside(str(target)) == str(tmp_path / "f.corrupt")
    assert (tmp_path / "f.corrupt").read_text() == "newer"
    assert paths.keep_aside(str(target)) is None  # already gone: reported, not raised


# --- read_json refuses what could block or exhaust memory (preferences, recent folders, reviews) ------------



def test_read_json_accepts_a_utf8_bom(tmp_path):
    target = tmp_path / "prefs.json"
    target.write_bytes(b"\xef\xbb\xbf" + b'{"font_size": 14}')
    assert paths.read_json(str(target)) == {"font_size": 14}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_read_json_refuses_a_fifo_without_blocking(tmp_path):
    target = tmp_path / "prefs.json"
    os.mkfifo(target)
    result = in_time(lambda: paths.read_json_result(str(target)))
    assert result.status == "refused" and result.data is None and "not a regular file" in result.problem
    assert in_time(lambda: paths.read_json(str(target))) is None
    assert target.is_fifo()  # left alone: nothing in it to keep


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="/dev/zero")
def test_read_json_refuses_a_link_to_a_device(tmp_path):
    target = tmp_path / "recent.json"
    os.symlink("/dev/zero", target)
    assert in_time(lambda: paths.read_json_result(str(target))).status == "refused"


def test_read_json_result_of_a_directory_is_refused(tmp_path):
    folder = tmp_path / "dir.json"
    folder.mkdir()
    assert paths.read_json_result(str(folder)).status == "refused" and folder.is_dir()


def test_read_json_keeps_a_too_large_file_aside_without_reading_it(tmp_path):
    target = tmp_path / "prefs.json"
    target.write_bytes(b"[" + b"1," * 100 + b"1]")
    result = paths.read_json_result(str(target), limit=50)
    assert result.status == "damaged" and "larger than 50 bytes" in result.problem
    assert result.kept_as == str(tmp_path / "prefs.json.corrupt") and not target.exists()
    target.write_bytes(b"[1]")
    assert paths.read_json_result(str(target), limit=50, numbered=True).data == [1]


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="Linux /proc")
def test_read_json_caps_what_it_reads_when_the_size_lies(tmp_path):
    # /proc files are regular files of size 0 with content: only the read itself can stop at the cap.
    target = tmp_path / "prefs.json"
    os.symlink("/proc/self/maps", target)
    assert os.stat(target).st_size == 0
    result = paths.read_json_result(str(target), limit=64, numbered=True)
    assert result.status == "damaged" and "larger than 64 bytes" in result.problem
    assert os.path.islink(result.kept_as)  # the link was moved; nothing was written through it


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="Linux /proc")
def test_read_json_caps_reads_without_hard_links_too(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    target = tmp_path / "prefs.json"
    os.symlink("/proc/self/maps", target)
    result = paths.read_json_result(str(target), limit=64, numbered=True)
    assert result.status == "damaged" and os.path.islink(result.kept_as) and not target.exists()


# --- numbered copies of damaged files ------------------------------------------------------------------------

def test_keep_aside_numbered_never_replaces_a_copy(tmp_path):
    target = tmp_path / "f"
    (tmp_path / "f.corrupt-1").write_text("older")
    target.write_text("newer")
    assert paths.keep_aside(str(target), numbered=True) == str(tmp_path / "f.corrupt-2")
    assert (tmp_path / "f.corrupt-1").read_text() == "older" and (tmp_path / "f.corrupt-2").read_text() == "newer"
    assert paths.keep_aside(str(target), numbered=True) is None  # gone: reported, not raised


@pytest.mark.parametrize("hard_links", [True, False])
def test_keep_copy_leaves_the_file_in_use_and_survives_its_replacement(tmp_path, monkeypatch, hard_links):
    if not hard_links:
        monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError(95, "Not supported")))
    target = tmp_path / "f.json"
    target.write_text("damaged")
    copy = paths.keep_copy(str(target))
    assert copy == str(tmp_path / "f.json.corrupt-1") and target.read_text() == "damaged"
    paths.atomic_write_text(str(target), "repaired")
    assert open(copy).read() == "damaged"


def test_keep_aside_leaves_a_file_replaced_since_it_was_read(tmp_path):
    target = tmp_path / "f.json"
    target.write_text("damaged")
    st = os.stat(target)
    paths.atomic_write_text(str(target), "{}")  # another window saved a good file meanwhile
    assert paths.keep_aside(str(target), numbered=True, identity=(st.st_dev, st.st_ino)) is None
    assert target.read_text() == "{}" and os.listdir(tmp_path) == ["f.json"]


# --- the advisory lock ----------------------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_file_lock_excludes_a_second_holder_until_released(tmp_path):
    target = str(tmp_path / "f.json")
    with paths.file_lock(target) as held:
        assert held and os.path.isfile(target + paths.LOCK_SUFFIX)
        with pytest.raises(TimeoutError):
            with paths.file_lock(target, timeout=0.05):
                pass  # pragma: no cover - never entered
    with paths.file_lock(target, timeout=0.05) as held:
        assert held


def test_file_lock_without_a_folder_runs_unlocked(tmp_path):
    with paths.file_lock(str(tmp_path / "missing" / "f.json")) as held:
        assert held is False
    assert not (tmp_path / "missing").exists()


# --- temporary files left by a crash ---------------------------------------------------------------------------

def test_remove_stale_temp_files_only_removes_old_leftovers(tmp_path):
    old = tmp_path / ".abc.json.k3j_x9q2.tmp"
    fresh = tmp_path / ".abc.json.zz81mm0a.tmp"  # another window's save in progress
    other = tmp_path / "notes.tmp"
    for f in (old, fresh, other):
        f.write_text("x")
    link = tmp_path / ".link.json.aaaaaaaa.tmp"
    os.symlink(other, link)
    long_ago = os.stat(old).st_mtime - 3600
    for f in (old, other):
        os.utime(f, (long_ago, long_ago))
    os.utime(link, (long_ago, long_ago), follow_symlinks=False)
    assert paths.remove_stale_temp_files(str(tmp_path)) == [str(old)]
    assert sorted(os.listdir(tmp_path)) == sorted([fresh.name, other.name, link.name])
    assert paths.remove_stale_temp_files(str(tmp_path / "missing")) == []


def test_atomic_replace_temp_names_are_recognised_as_leftovers(tmp_path):
    target = tmp_path / "state.json"
    with pytest.raises(RuntimeError):
        with paths.atomic_replace(str(target)) as tmp:
            name = os.path.basename(tmp)
            raise RuntimeError("look only")
    (tmp_path / name).write_text("left by a crash")
    os.utime(tmp_path / name, (0, 0))
    assert paths.remove_stale_temp_files(str(tmp_path)) == [str(tmp_path / name)]
