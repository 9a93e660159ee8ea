"""A stdout that cannot be written: one line on stderr and exit 3; a reader that leaves early: exit 0."""

from __future__ import annotations

import errno
import os
import pathlib
import subprocess
import sys

import pytest

from copydesk.gui import cli
from copydesk.gui.cli import main

REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
COMMAND = [sys.executable, "-m", "copydesk.gui.cli"]
needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


def _env(tmp_path: pathlib.Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["COPYDESK_HOME"] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run_into_dev_full(args: list[str], tmp_path: pathlib.Path) -> subprocess.CompletedProcess:
    with open("/dev/full", "wb") as full:
        return subprocess.run(COMMAND + args, cwd=REPO, env=_env(tmp_path), stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)


def _one_line_error(stderr: str, command: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"copydesk {command}: could not write the output: ")


@needs_dev_full
@pytest.mark.parametrize("json_flag", [["--json"], []], ids=["json", "summary"])
def test_align_into_a_full_stdout_exits_3(tmp_path, json_flag):
    done = _run_into_dev_full(["align", str(SEEDS), "--no-checks"] + json_flag, tmp_path)
    assert done.returncode == cli.OUTPUT_ERROR == 3
    _one_line_error(done.stderr, "align")
    assert "No space left on device" in done.stderr


@needs_dev_full
def test_export_message_into_a_full_stdout_exits_3_but_the_pdf_is_written(tmp_path):
    out = tmp_path / "seeds.pdf"
    done = _run_into_dev_full(["export", str(SEEDS), "-o", str(out), "--articles", "1-2"], tmp_path)
    assert done.returncode == 3
    _one_line_error(done.stderr, "export")
    assert out.read_bytes().rstrip().endswith(b"%%EOF")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell redirection")
def test_closed_stdout_exits_3(tmp_path):
    # `>&-`: file descriptor 1 is closed before Python starts, so sys.stdout is None
    done = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh"] + COMMAND + ["align", str(SEEDS), "--no-checks"],
                          cwd=REPO, env=_env(tmp_path), stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 3
    _one_line_error(done.stderr, "align")
    assert "standard output is closed" in done.stderr


@pytest.mark.parametrize("args", [["--json"], []], ids=["json", "summary"])
def test_reader_that_leaves_early_is_fine(tmp_path, args):
    """`copydesk align … | head`: the pipe closes before the output is written; exit 0, nothing on stderr."""
    proc = subprocess.Popen(COMMAND + ["align", str(SEEDS), "--no-checks"] + args, cwd=REPO, env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the comparison is done
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert stderr == b""


class _FailingStdout:
    """A stdout whose flush fails with exc (a full disk, a reader that left), text and binary layer alike."""

    encoding = "utf-8"

    def __init__(self, exc: OSError) -> None:
        self.exc = exc
        self.buffer = self

    def write(self, data: str | bytes) -> int:
        return len(data)

    def flush(self) -> None:
        raise self.exc


# capsys before monkeypatch: the patched stdout is undone first, then capsys restores the real one
@pytest.mark.parametrize("json_flag", [["--json"], []], ids=["json", "summary"])
def test_in_process_full_stdout_is_exit_3_with_one_line(capsys, monkeypatch, json_flag):
    monkeypatch.setattr(sys, "stdout", _FailingStdout(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    assert main(["align", str(SEEDS), "--no-checks"] + json_flag) == 3
    assert capsys.readouterr().err == f"copydesk align: could not write the output: {os.strerror(errno.ENOSPC)}\n"


def test_in_process_broken_pipe_is_exit_0(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", _FailingStdout(BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))))
    assert main(["align", str(SEEDS), "--no-checks"]) == 0
    assert capsys.readouterr().err == ""


def test_exit_codes_are_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    for code in (cli.SUCCESS, cli.FAILURE, cli.USAGE_ERROR, cli.OUTPUT_ERROR):
        assert f"| {code} |" in section
