"""User directories, atomic writes and tolerant JSON reads."""

import json
import os

import platformdirs
import pytest

from copydesk.core import paths


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


def test_keep_aside_replaces_older_copy_and_reports_failure(tmp_path):
    target = tmp_path / "f"
    (tmp_path / "f.corrupt").write_text("older")
    target.write_text("newer")
    assert paths.keep_aside(str(target)) == str(tmp_path / "f.corrupt")
    assert (tmp_path / "f.corrupt").read_text() == "newer"
    assert paths.keep_aside(str(target)) is None  # already gone: reported, not raised
