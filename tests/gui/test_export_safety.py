"""Export never reports a lie and never harms what -o names: verified PDFs, output-path rules, atomic writes."""

from __future__ import annotations

import os
import pathlib
import stat

import pypdf
import pytest

from copydesk.core import comparison as core_comparison
from copydesk.core import multistory as core_multistory
from copydesk.core.comparison import CompareOptions, compare_folder
from copydesk.gui.cli import main
from copydesk.gui.export import pdf as export_pdf

INCOMPLETE = "the PDF could not be written completely (disk full?)"
OLD = b"%PDF-1.4 the previous report, which must survive a failed export\n%%EOF\n"


def _folder(tmp_path: pathlib.Path) -> pathlib.Path:
    """Two short versions of a story: quick to compare and to render (a few pages)."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Storm hits coast\n\nThe storm hit the coast on Monday.\n\n"
                                  "Residents stayed indoors.", encoding="utf-8")
    (folder / "b.txt").write_text("Storm hits coast\n\nThe storm hit the coast on Tuesday.\n\n"
                                  "Residents were told to stay indoors.", encoding="utf-8")
    return folder


@pytest.fixture
def story(tmp_path):
    return _folder(tmp_path)


@pytest.fixture
def out_dir(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    return target


@pytest.fixture
def no_compare(monkeypatch):
    """Fail the test if the comparison runs: the output path must be judged before that work."""
    def compared(*args, **kwargs):
        raise AssertionError("the folder was compared although the output path is unusable")

    monkeypatch.setattr(core_comparison, "compare_folder", compared)
    monkeypatch.setattr(core_multistory, "compare_folder_stories", compared)  # what `export` runs (story by story)


# -- 1. the written file is verified before it replaces the old one -------------------------------------

def _truncate_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _empty(data: bytes) -> bytes:
    return b""


def _lose_a_page(data: bytes) -> bytes:
    # Same length, %%EOF still there: only the page count read back tells the page is gone.
    return data.replace(b"/Type /Page\n", b"/Type /Gone\n", 1)


def _damage_after_render(monkeypatch, folder: pathlib.Path, damage) -> None:
    """Simulate a write error: once QPdfWriter has finished the temporary file, damage its bytes."""
    real_render = export_pdf.render

    def render_then_damage(*args, **kwargs):
        pages = real_render(*args, **kwargs)
        temporaries = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert len(temporaries) == 1, temporaries  # the atomic write's own temporary file
        temporaries[0].write_bytes(damage(temporaries[0].read_bytes()))
        return pages

    monkeypatch.setattr(export_pdf, "render", render_then_damage)


@pytest.mark.parametrize("damage", [_truncate_half, _empty, _lose_a_page])
def test_incomplete_pdf_is_an_export_error_and_keeps_the_old_file(story, out_dir, monkeypatch, qapp, damage):
    c = compare_folder(str(story), CompareOptions(run_checks=False))
    out = out_dir / "report.pdf"
    out.write_bytes(OLD)
    _damage_after_render(monkeypatch, out_dir, damage)
    with pytest.raises(export_pdf.ExportError) as caught:
        export_pdf.export_pdf(c, str(out))
    assert str(caught.value) == f"{out}: {INCOMPLETE}"
    assert out.read_bytes() == OLD
    assert os.listdir(out_dir) == ["report.pdf"]  # no temporary file left behind


@pytest.mark.parametrize("damage", [_truncate_half, _lose_a_page])
def test_cli_export_with_a_write_error_exits_1_and_keeps_the_old_pdf(story, out_dir, monkeypatch, capsys, qapp,
                                                                     damage):
    out = out_dir / "report.pdf"
    out.write_bytes(OLD)
    _damage_after_render(monkeypatch, out_dir, damage)
    assert main(["export", str(story), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"copydesk export: {out}: {INCOMPLETE}"
    assert "Wrote" not in captured.out
    assert out.read_bytes() == OLD
    assert os.listdir(out_dir) == ["report.pdf"]


def test_trailing_whitespace_after_eof_is_still_complete(story, out_dir, monkeypatch, qapp):
    c = compare_folder(str(story), CompareOptions(run_checks=False))
    out = out_dir / "report.pdf"
    _damage_after_render(monkeypatch, out_dir, lambda data: data + b"\r\n  \n")
    pages = export_pdf.export_pdf(c, str(out))
    assert len(pypdf.PdfReader(str(out)).pages) == pages


def test_verify_pdf_counts_pages_not_the_page_tree(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R]>>\n2 0 obj <</Type/Page>>\n%%EOF")
    export_pdf.verify_pdf(str(pdf), 1, "x.pdf")
    with pytest.raises(export_pdf.ExportError, match=r"^x\.pdf: the PDF could not be written completely"):
        export_pdf.verify_pdf(str(pdf), 2, "x.pdf")


# -- 2. output-path rules, decided before the comparison -------------------------------------------------

def test_symlink_output_writes_the_target_and_the_link_stays(story, out_dir, qapp):
    real = out_dir / "real.pdf"
    real.write_bytes(OLD)
    link = out_dir / "link.pdf"
    link.symlink_to("real.pdf")
    assert main(["export", str(story), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == "real.pdf"
    assert real.read_bytes() != OLD and len(pypdf.PdfReader(str(real)).pages) >= 2
    assert sorted(os.listdir(out_dir)) == ["link.pdf", "real.pdf"]


def test_dangling_symlink_output_creates_its_target(story, out_dir, qapp):
    link = out_dir / "link.pdf"
    link.symlink_to("new.pdf")
    assert main(["export", str(story), "-o", str(link)]) == 0
    assert link.is_symlink() and (out_dir / "new.pdf").is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_output_is_refused_before_comparing(story, out_dir, capsys, no_compare):
    fifo = out_dir / "pipe.pdf"
    os.mkfifo(fifo)
    assert main(["export", str(story), "-o", str(fifo)]) == 2
    assert "named pipe" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_device_output_is_refused_and_stays_a_device(story, capsys, no_compare):
    # no_compare also guarantees nothing is ever written to the device, even if the check regressed
    assert main(["export", str(story), "-o", "/dev/full"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "copydesk export: /dev/full: is a device, not a file a PDF can be saved to; choose a file name"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_symlink_to_a_device_is_refused(story, out_dir, capsys, no_compare):
    link = out_dir / "full.pdf"
    link.symlink_to("/dev/full")
    assert main(["export", str(story), "-o", str(link)]) == 2
    assert "is a device" in capsys.readouterr().err
    assert link.is_symlink()


def test_folder_output_is_refused_before_comparing(story, out_dir, capsys, no_compare):
    assert main(["export", str(story), "-o", str(out_dir)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_read_only_pdf_is_refused_unless_force(story, out_dir, capsys, monkeypatch, qapp):
    out = out_dir / "report.pdf"
    out.write_bytes(OLD)
    out.chmod(0o444)
    with monkeypatch.context() as patched:
        patched.setattr(core_comparison, "compare_folder",
                        lambda *a, **k: pytest.fail("compared although the output is read-only"))
        patched.setattr(core_multistory, "compare_folder_stories",
                        lambda *a, **k: pytest.fail("compared although the output is read-only"))
        assert main(["export", str(story), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "read-only" in err and "--force" in err and err.count("\n") == 1
    assert out.read_bytes() == OLD
    assert main(["export", str(story), "-o", str(out), "--force"]) == 0
    assert len(pypdf.PdfReader(str(out)).pages) >= 2
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o444  # replaced, and still as protected as before
    assert os.listdir(out_dir) == ["report.pdf"]


def test_missing_output_folder_is_a_usage_error_before_comparing(story, tmp_path, capsys, no_compare):
    assert main(["export", str(story), "-o", str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc, a folder nobody can write")
def test_unwritable_output_folder_is_a_usage_error_before_comparing(story, capsys, no_compare):
    # /proc refuses new files even to root, which chmod cannot arrange (see test_export_cli for chmod)
    assert main(["export", str(story), "-o", "/proc/copydesk-test.pdf"]) == 2
    assert "cannot write here" in capsys.readouterr().err
    assert not os.path.exists("/proc/copydesk-test.pdf")


def test_resolve_output(tmp_path):
    (tmp_path / "real.pdf").write_bytes(OLD)
    (tmp_path / "link.pdf").symlink_to("real.pdf")
    assert export_pdf.resolve_output(str(tmp_path / "link.pdf")) == str((tmp_path / "real.pdf").resolve())
    assert export_pdf.resolve_output(str(tmp_path / "new.pdf")) == str(tmp_path.resolve() / "new.pdf")
    (tmp_path / "real.pdf").chmod(0o400)
    with pytest.raises(export_pdf.OutputPathError) as caught:
        export_pdf.resolve_output(str(tmp_path / "link.pdf"))
    assert caught.value.read_only and str(caught.value).startswith(f"{tmp_path / 'link.pdf'}: ")
    assert export_pdf.resolve_output(str(tmp_path / "link.pdf"), force=True).endswith("real.pdf")
    (tmp_path / "loop.pdf").symlink_to("loop.pdf")
    with pytest.raises(export_pdf.OutputPathError, match="cannot write here"):
        export_pdf.resolve_output(str(tmp_path / "loop.pdf"))
    assert sorted(os.listdir(tmp_path)) == ["link.pdf", "loop.pdf", "real.pdf"]  # the probe left nothing


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_write_report_itself_never_replaces_a_special_file(story, out_dir, qapp):
    """The check runs again at write time (the interactive export and races): the FIFO survives."""
    c = compare_folder(str(story), CompareOptions(run_checks=False))
    fifo = out_dir / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(export_pdf.OutputPathError, match="named pipe"):
        export_pdf.export_pdf(c, str(fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.listdir(out_dir) == ["pipe.pdf"]
