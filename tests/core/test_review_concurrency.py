"""Two windows (two ReviewStates, two processes) marking one folder: saves merge, no mark is lost."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from copydesk.core import paths
from copydesk.core.review import Mark, ReviewState, load_review, reload_review, review_file, save_review


pytestmark = pytest.mark.usefixtures("home")  # conftest: a COPYDESK_HOME of the test's own


def _mark(state, key, **changes):
    """What the window does on a key press: change one mark and save at once, keeping the merged state."""
    return save_review(state.with_mark(key, **changes))


def test_two_windows_marking_one_folder_keep_all_five_marks(folder):
    first = load_review(folder)  # window 1, opened earlier
    second = load_review(folder)
    for key in ("d1", "d2", "d3"):
        second = _mark(second, key, reviewed=True)
    for key in ("d4", "d5"):
        first = _mark(first, key, verdict="ok")
    saved = load_review(folder)
    assert saved.progress(f"d{i}" for i in range(1, 6)) == (5, 5)
    assert first == saved  # window 1 picked up window 2's marks with its own save
    assert reload_review(second) == saved  # and window 2 gets window 1's by reloading


def test_interleaved_marks_on_one_key_keep_the_latest(folder):
    first, second = load_review(folder), load_review(folder)
    first = _mark(first, "k", verdict="ok", note="first")
    second = _mark(second, "k", verdict="error", note="second")  # second never saw the first's mark
    assert load_review(folder).get("k").verdict == "error"
    first = _mark(first, "k", verdict="legal", note="first again")
    assert (load_review(folder).get("k").verdict, load_review(folder).get("k").note) == ("legal", "first again")
    second = _mark(second, "k", reviewed=False, verdict="", note="")  # cleared: the mark goes
    assert load_review(folder).get("k") == Mark() and "k" not in dict(load_review(folder).marks)


def test_a_key_this_window_never_touched_is_kept_from_disk(folder):
    save_review(ReviewState(folder).with_mark("shared", note="original").with_mark("gone", reviewed=True))
    first, second = load_review(folder), load_review(folder)
    second = _mark(second, "shared", note="changed in window 2")
    second = _mark(second, "gone", reviewed=False)
    first = _mark(first, "mine", reviewed=True)  # first still holds the old "shared" and "gone"
    saved = load_review(folder)
    assert saved.get("shared").note == "changed in window 2" and saved.get("gone") == Mark()
    assert saved.get("mine").reviewed and first == saved


def test_reload_keeps_unsaved_changes_and_the_next_save_writes_them(folder, monkeypatch):
    window = load_review(folder)
    save_review(ReviewState(folder).with_mark("other", verdict="check"))
    unsaved = window.with_mark("mine", note="not saved yet")
    reloaded = reload_review(unsaved)
    assert reloaded.get("other").verdict == "check" and reloaded.get("mine").note == "not saved yet"
    assert reloaded.touched == {"mine"}
    assert load_review(folder).get("mine") == Mark()
    assert save_review(reloaded).touched == frozenset()
    assert load_review(folder).get("mine").note == "not saved yet"


def test_a_failed_save_keeps_the_changes_for_the_next_one(folder, monkeypatch):
    state = load_review(folder).with_mark("a", reviewed=True)

    def full(*args):
        raise OSError("No space left on device")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(paths, "atomic_write_text", full)
        save_review(state)
    state = save_review(state.with_mark("b", reviewed=True))
    assert load_review(folder).progress(["a", "b"]) == (2, 2)


def test_a_state_built_from_marks_saves_all_of_them(folder):
    # Callers that build a state directly (not through with_mark) still save what they hold.
    save_review(ReviewState(folder).with_mark("on disk", reviewed=True))
    built = ReviewState(folder, (("x", Mark(reviewed=True)), ("y", Mark(note="n"))))
    assert built.changed == {"x", "y"}
    save_review(built)
    assert load_review(folder).progress(["x", "y", "on disk"]) == (2, 3)


WORKER = textwrap.dedent("""
    import sys
    from copydesk.core.review import load_review, save_review
    folder, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    state = load_review(folder)
    for i in range(count):
        state = save_review(state.with_mark(f"{name}-{i}", reviewed=True, note=name))
""")


def test_two_processes_saving_at_once_lose_no_mark(folder, home):
    env = dict(os.environ, COPYDESK_HOME=str(home))
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, folder, name, "40"], env=env)
               for name in ("left", "right")]
    assert [w.wait(timeout=60) for w in workers] == [0, 0]
    saved = load_review(folder)
    assert len(saved.marks) == 80 and saved.notice == ""


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_save_waits_for_the_lock_then_gives_up_unsaved(folder, monkeypatch):
    path = review_file(folder)
    save_review(ReviewState(folder).with_mark("a", reviewed=True))
    monkeypatch.setattr(paths, "LOCK_TIMEOUT", 0.2)
    with paths.file_lock(path) as held:  # another window in the middle of its save
        assert held
        with pytest.raises(TimeoutError):
            save_review(load_review(folder).with_mark("b", reviewed=True))
        assert load_review(folder).get("a").reviewed  # reading does not need the lock
    assert not load_review(folder).get("b").reviewed


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_planted_lock_symlink_is_not_followed(folder, tmp_path):
    path = review_file(folder)
    os.makedirs(os.path.dirname(path))
    outside = tmp_path / "outside.txt"
    os.symlink(outside, path + paths.LOCK_SUFFIX)
    save_review(ReviewState(folder).with_mark("a", reviewed=True))  # saved unlocked rather than not at all
    assert not outside.exists() and load_review(folder).get("a").reviewed


def test_save_does_not_overwrite_marks_it_cannot_read(folder, monkeypatch):
    save_review(ReviewState(folder).with_mark("a", verdict="ok"))
    path = review_file(folder)
    before = open(path, "rb").read()

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(paths, "_read_regular", denied)
        state = load_review(folder)
        assert state.notice == "Review marks could not be read: Permission denied."
        with pytest.raises(OSError, match="not overwritten"):
            save_review(state.with_mark("b", reviewed=True))
    assert open(path, "rb").read() == before
    assert json.loads(before)["marks"]["a"]["verdict"] == "ok"
