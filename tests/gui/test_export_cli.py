"""`copydesk export`: exit codes, messages and files, as a desk script would see them."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pypdf
import pytest

from copydesk.gui.cli import main
REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def test_export_writes_a_pdf(tmp_path, capsys, qapp):
    out = tmp_path / "seeds.pdf"
    assert main(["export", str(SEEDS), "-o", str(out)]) == 0
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) >= 3 and reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    assert "Wrote" in capsys.readouterr().out
    assert os.listdir(tmp_path) == ["seeds.pdf"]


def test_export_stacked_subset(tmp_path, qapp):
    out = tmp_path / "two.pdf"
    assert main(["export", str(SEEDS), "-o", str(out), "--layout", "stacked", "--articles", "3,1"]) == 0
    reader = pypdf.PdfReader(str(out))
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height
    text = "".join("".join(p.extract_text().split()) for p in reader.pages)
    assert "ARTICLE3·1OF2" in text and "ARTICLE1·2OF2" in text and "ARTICLE2·" not in text


@pytest.mark.parametrize("spec, message", [("0", "start at 1"), ("1,9", "no article 9"),
                                           ("x", "not an article number"), ("2", "at least two"),
                                           ("1,,2", "empty item"), ("1,2,", "empty item"),
                                           ("3-1", "runs backwards; write 1-3"), ("1-", "not an article number"),
                                           ("1-9", "no article 9"), ("1-2-3", "not an article number")])
def test_bad_articles_are_a_usage_error(tmp_path, capsys, spec, message, qapp):
    out = tmp_path / "x.pdf"
    assert main(["export", str(SEEDS), "-o", str(out), "--articles", spec]) == 2
    assert message in capsys.readouterr().err
    assert not os.listdir(tmp_path)


def test_article_ranges(tmp_path, qapp):
    out = tmp_path / "range.pdf"
    assert main(["export", str(SEEDS), "-o", str(out), "--layout", "stacked", "--articles", "4-5, 1"]) == 0
    text = "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(str(out)).pages)
    assert "ARTICLE4·1OF3" in text and "ARTICLE5·2OF3" in text and "ARTICLE1·3OF3" in text
    assert "ARTICLE2·" not in text


def test_folder_without_two_articles(tmp_path, capsys, qapp):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "only.txt").write_text("Just one article here.\n\nWith two paragraphs.", encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert main(["export", str(folder), "-o", str(out)]) == 1
    assert "at least two" in capsys.readouterr().err
    assert not out.exists()


def test_missing_folder_and_unwritable_output(tmp_path, capsys, qapp):
    assert main(["export", str(tmp_path / "nope"), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["export", str(SEEDS), "-o", str(tmp_path / "missing" / "x.pdf")]) == 2  # before comparing
    assert "cannot write here" in capsys.readouterr().err
    assert main(["export", str(SEEDS), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert not os.listdir(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root can write into read-only folders")
def test_read_only_folder(tmp_path, capsys, qapp):
    target = tmp_path / "ro"
    target.mkdir()
    target.chmod(0o500)
    try:
        assert main(["export", str(SEEDS), "-o", str(target / "x.pdf")]) == 2  # refused before comparing
        assert "not writable" in capsys.readouterr().err
        assert not os.listdir(target)
    finally:
        target.chmod(0o700)


def test_console_script_runs_headless(tmp_path):
    """The real command in a fresh process without a display picks the offscreen platform itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["COPYDESK_HOME"] = str(tmp_path / "home")
    out = tmp_path / "seeds.pdf"
    done = subprocess.run([sys.executable, "-m", "copydesk.gui.cli", "export", str(SEEDS), "-o", str(out),
                           "--articles", "1,2,4"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(pypdf.PdfReader(str(out)).pages) >= 3
