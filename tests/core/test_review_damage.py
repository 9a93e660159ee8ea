"""Damaged, foreign and hostile review files: kept aside safely, told to the user, never blocking the app."""

import json
import os
import threading

import pytest

from copydesk.core import paths
from copydesk.core.review import Mark, ReviewState, load_review, review_file, review_to_json, save_review
from blocking import in_time

GOOD = {"reviewed": True, "verdict": "ok", "note": "fine", "updated": "2024-02-27T10:00:00+00:00", "fingerprints": []}


pytestmark = pytest.mark.usefixtures("home")  # conftest: a COPYDESK_HOME of the test's own


@pytest.fixture
def path(folder):
    target = review_file(folder)
    os.makedirs(os.path.dirname(target))
    return target


def _write(path, payload: bytes) -> None:
    with open(path, "wb") as f:
        f.write(payload)




# --- 2. damaged files are kept as .corrupt-N, never over an earlier copy, never through a link ----------

def test_damaged_files_are_numbered_and_never_overwrite_an_earlier_copy(folder, path):
    _write(path + ".corrupt-1", b"an earlier copy")
    for n, payload in ((2, b"{broken"), (3, b"[1, 2]")):
        _write(path, payload)
        state = load_review(folder)
        assert state == ReviewState(folder)
        assert state.notice == f"Review marks could not be read; the file was kept as {path}.corrupt-{n}."
        assert open(f"{path}.corrupt-{n}", "rb").read() == payload
    assert open(path + ".corrupt-1", "rb").read() == b"an earlier copy"


def test_losing_three_marks_is_told_not_silent(folder, path):
    save_review(ReviewState(folder).with_mark("a", reviewed=True).with_mark("b", reviewed=True)
                .with_mark("c", reviewed=True))
    assert load_review(folder).progress(["a", "b", "c"]) == (3, 3)
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) // 2)  # a disk error, a sync tool gone wrong
    state = load_review(folder)
    assert state.progress(["a", "b", "c"]) == (0, 3)
    assert state.notice.startswith("Review marks could not be read; the file was kept as ")
    assert state.notice.endswith(".corrupt-1.")


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
@pytest.mark.parametrize("no_hard_links", [False, True])
@pytest.mark.parametrize("target_exists", [False, True])
def test_a_planted_corrupt_symlink_is_never_written_through(folder, path, tmp_path, monkeypatch, no_hard_links,
                                                            target_exists):
    outside = tmp_path / "outside" / "victim"
    outside.parent.mkdir()
    if target_exists:
        outside.write_bytes(b"precious")
    os.symlink(outside, path + ".corrupt-1")
    if no_hard_links:  # FAT, some shares: the fallbacks (rename, O_EXCL|O_NOFOLLOW copy) must be as safe

        def refuse(*args, **kwargs):
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", refuse)
        # Nothing may pass the free-name check either: the race it cannot close must still be safe.
        monkeypatch.setattr(os.path, "lexists", lambda p: False)
    _write(path, b"{broken")
    state = load_review(folder)
    assert os.path.islink(path + ".corrupt-1")  # left as it was
    assert outside.exists() == target_exists and (not target_exists or outside.read_bytes() == b"precious")
    kept = state.notice.rsplit(" ", 1)[1].rstrip(".")
    assert os.path.dirname(kept) == os.path.dirname(path) and open(kept, "rb").read() == b"{broken"
    # A partly damaged file is copied (it stays in use): the same guarantees.
    _write(path, json.dumps({"version": 2, "marks": {"good": GOOD, "bad": [1]}}).encode())
    state = load_review(folder)
    assert state.get("good").reviewed and "1 review mark could not be read" in state.notice
    assert outside.exists() == target_exists and (not target_exists or outside.read_bytes() == b"precious")
    kept = state.notice.rsplit(" ", 1)[1].rstrip(".")
    assert os.path.dirname(kept) == os.path.dirname(path) and b'"bad"' in open(kept, "rb").read()
    assert not os.path.islink(kept)


def test_a_damaged_file_that_cannot_be_kept_is_told(folder, path, monkeypatch):
    _write(path, b"{broken")
    monkeypatch.setattr(paths, "keep_aside", lambda *args, **kwargs: None)
    assert load_review(folder).notice == "Review marks could not be read, and the damaged file could not be kept aside."


# --- 3. a BOM, fields of a newer format, lone surrogates ---------------------------------------------------

def test_a_utf8_bom_is_accepted(folder, path):
    _write(path, b"\xef\xbb\xbf" + json.dumps({"version": 2, "marks": {"a": GOOD}}).encode("utf-8"))
    state = load_review(folder)
    assert state.get("a").note == "fine" and state.notice == ""
    assert not os.path.exists(path + ".corrupt-1")


def test_fields_of_a_newer_format_survive_the_next_save(folder, path):
    newer = {"version": 3, "folder": folder, "reviewer": {"name": "Ann", "desk": ["foreign"]},
             "marks": {"a": dict(GOOD, priority=2, tags=["quote"]), "b": dict(GOOD, colour="red")}}
    _write(path, json.dumps(newer).encode("utf-8"))
    state = load_review(folder)
    assert state.get("a") == Mark(**GOOD) and state.notice == ""
    state = save_review(state.with_mark("a", note="changed here").with_mark("c", reviewed=True))
    saved = json.loads(open(path, encoding="utf-8").read())
    assert saved["reviewer"] == {"name": "Ann", "desk": ["foreign"]} and saved["version"] == 2
    assert saved["marks"]["a"]["priority"] == 2 and saved["marks"]["a"]["tags"] == ["quote"]
    assert saved["marks"]["a"]["note"] == "changed here"
    assert saved["marks"]["b"]["colour"] == "red" and "colour" not in saved["marks"]["c"]
    # Another window that never read them keeps them too: they come from the file under the lock.
    save_review(ReviewState(folder).with_mark("d", reviewed=True))
    assert json.loads(open(path, encoding="utf-8").read())["reviewer"]["name"] == "Ann"


def test_a_mark_holding_only_newer_fields_is_kept(folder, path):
    _write(path, json.dumps({"version": 3, "marks": {"a": {"reviewed": False, "flag": "later"}}}).encode())
    state = save_review(load_review(folder).with_mark("b", reviewed=True))
    assert json.loads(open(path, encoding="utf-8").read())["marks"]["a"]["flag"] == "later"
    assert not state.get("a").reviewed


def test_a_lone_surrogate_in_a_note_does_not_break_saving(folder, path):
    state = ReviewState(folder).with_mark("a", note="broken \ud800 paste", verdict="ok")
    assert state.get("a").note == "broken \ufffd paste"
    state = save_review(state.with_mark("b", note="pair \ud83d\ude00 joined"))
    assert state.get("b").note == "pair \U0001F600 joined"
    save_review(state.with_mark("c", reviewed=True))  # and later saves still work
    assert load_review(folder).get("a").note == "broken \ufffd paste"
    json.dumps(review_to_json(state), ensure_ascii=False).encode("utf-8")  # what used to raise on every save


def test_a_lone_surrogate_escape_in_the_file_does_not_break_saving(folder, path):
    _write(path, b'{"version": 2, "extra": "\\udc80", "marks": {"k\\ud800": {"reviewed": true, "note": "\\ud800",'
                 b' "unknown": ["\\udfff"]}}}')
    state = load_review(folder)
    assert state.get("k\ufffd").note == "\ufffd"
    save_review(state.with_mark("b", reviewed=True))
    saved = json.loads(open(path, encoding="utf-8").read())
    assert saved["extra"] == "\ufffd" and saved["marks"]["k\ufffd"]["unknown"] == ["\ufffd"]


# --- 4. special files and huge files at the review path -----------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_is_refused_without_blocking_and_a_save_replaces_it(folder, path):
    os.mkfifo(path)
    state = in_time(lambda: load_review(folder))
    assert state == ReviewState(folder)
    assert state.notice == f"Review marks could not be read: {path} is not a regular file."
    in_time(lambda: save_review(state.with_mark("a", reviewed=True)))
    assert load_review(folder).get("a").reviewed


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="/dev/zero")
def test_a_symlink_to_dev_zero_is_refused_without_reading(folder, path):
    os.symlink("/dev/zero", path)
    state = in_time(lambda: load_review(folder))
    assert "is not a regular file" in state.notice and os.path.islink(path)


def test_a_directory_is_refused_and_left_alone(folder, path):
    os.mkdir(path)
    state = in_time(lambda: load_review(folder))
    assert "is not a regular file" in state.notice and os.path.isdir(path)
    with pytest.raises(OSError):  # told through save_failed in the window, never a crash
        save_review(state.with_mark("a", reviewed=True))


def test_a_huge_file_is_kept_aside_unread(folder, path, monkeypatch):
    with open(path, "wb") as f:
        f.truncate(paths.MAX_JSON_BYTES + 1)  # sparse: costs no disk
    read = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    state = in_time(lambda: load_review(folder))
    assert sum(read) == 0
    assert state.notice == f"Review marks could not be read; the file was kept as {path}.corrupt-1."
    assert os.path.getsize(path + ".corrupt-1") == paths.MAX_JSON_BYTES + 1 and not os.path.exists(path)
