"""A process killed (kill -9) while saving marks: the file always parses, holds one saved state, and the
temporary files it leaves are removed at the next start."""

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from copydesk.core import paths
from copydesk.core.review import load_review, review_file

KEYS = 7
KILLS = 30
BUDGET = 20.0  # seconds: the loop stops early on a very slow machine rather than time out

# State n marks k0 .. k(n % KEYS) with note n and clears the other keys, so every saved file names its n.
SAVER = textwrap.dedent("""
    import sys
    from copydesk.core.review import load_review, save_review
    folder, n = sys.argv[1], int(sys.argv[2])
    state = load_review(folder)
    print("ready", flush=True)
    while True:
        for j in range(%d):
            if j <= n %% %d:
                state = state.with_mark(f"k{j}", reviewed=True, note=str(n))
            else:
                state = state.with_mark(f"k{j}", reviewed=False, note="")
        state = save_review(state)
        n += 1
""" % (KEYS, KEYS))


def _check_saved_state(path):
    """The file parses and is exactly one state the saver wrote; returns its n (None before the first save)."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        marks = json.load(f)["marks"]
    notes = {m["note"] for m in marks.values()}
    assert len(notes) == 1, notes
    n = int(notes.pop())
    assert set(marks) == {f"k{j}" for j in range(n % KEYS + 1)}
    assert all(m["reviewed"] for m in marks.values())
    return n


def _temp_files(folder):
    return [name for name in os.listdir(folder) if name.endswith(paths.TEMP_SUFFIX)]


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_kill_9_while_saving_never_damages_the_file_and_leftovers_go_at_the_next_start(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("COPYDESK_HOME", str(home))
    folder = str(tmp_path / "story")
    os.mkdir(folder)
    path = review_file(folder)
    env = dict(os.environ, COPYDESK_HOME=str(home))
    rng = random.Random(7)
    start, kills, last, leftovers = time.monotonic(), 0, None, set()
    while kills < KILLS and time.monotonic() - start < BUDGET:
        saver = subprocess.Popen([sys.executable, "-c", SAVER, folder, str(kills * 1_000_000)], env=env,
                                 stdout=subprocess.PIPE)
        assert saver.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.04))  # somewhere in the middle of some save
        os.kill(saver.pid, signal.SIGKILL)
        assert saver.wait(timeout=10) == -signal.SIGKILL
        saver.stdout.close()
        kills += 1
        n = _check_saved_state(path)
        assert n is None or n >= (last or 0)  # never an older state than one already seen
        last = n if n is not None else last
        leftovers.update(_temp_files(os.path.dirname(path)))
        assert not [name for name in os.listdir(os.path.dirname(path)) if ".corrupt" in name]
    print(f"{kills} kills, last state {last}, {len(leftovers)} temporary file(s) left by them")
    assert kills >= 10 and last is not None

    reviews = os.path.dirname(path)
    planted = os.path.join(reviews, "." + os.path.basename(path) + ".crash123.tmp")
    with open(planted, "w") as f:  # so the clean-up is exercised even if no kill landed mid-write
        f.write("half a file")
    for name in _temp_files(reviews):
        os.utime(os.path.join(reviews, name), (time.time() - 120, time.time() - 120))  # a start a while later
    state = load_review(folder)
    assert _temp_files(reviews) == [] and state.notice == ""
    assert {state.get(f"k{j}").note for j in range(last % KEYS + 1)} == {str(last)}
