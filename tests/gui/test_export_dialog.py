"""gui.export_dialog: the options dialog, the interactive export and printing through QPrinter."""

from __future__ import annotations

import os
import stat

import pypdf
import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from copydesk.core.comparison import CompareOptions, compare_folder
from copydesk.gui import palette
from copydesk.gui.export import dialog as export_dialog


def test_options_dialog_needs_two_articles_and_warns_beyond_six(qtbot, seeds_comparison):
    dialog = export_dialog.ExportOptionsDialog(seeds_comparison)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.layout_name() == "side-by-side" and dialog.articles() == (0, 1, 2, 3, 4)
    for box in dialog.boxes[1:]:
        box.setChecked(False)
    assert not ok.isEnabled() and "at least two" in dialog.hint.text()
    dialog.boxes[3].setChecked(True)
    assert ok.isEnabled() and dialog.articles() == (0, 3)
    dialog.stacked.setChecked(True)
    assert dialog.layout_name() == "stacked"


def test_interactive_export_writes_the_chosen_articles(qtbot, seeds_comparison, tmp_path, monkeypatch):
    target = tmp_path / "desk"  # no .pdf suffix: the dialog adds it

    def fake_exec(self):
        self.boxes[2].setChecked(False)
        self.stacked.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportOptionsDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    exporter = export_dialog.BackgroundExport.of(None)
    with qtbot.waitSignal(exporter.settled, timeout=20000):  # the PDF is written in the background
        export_dialog.export_pdf_interactive(None, seeds_comparison, None, palette.scheme("default"))
    reader = pypdf.PdfReader(str(tmp_path / "desk.pdf"))
    text = "".join("".join(p.extract_text().split()) for p in reader.pages)
    assert "ARTICLE2·2OF4" in text and "ARTICLE3·" not in text


def test_interactive_export_failure_shows_a_non_modal_warning(qtbot, seeds_comparison, tmp_path, monkeypatch):
    target = tmp_path / "missing" / "x.pdf"
    monkeypatch.setattr(export_dialog.ExportOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    exporter = export_dialog.BackgroundExport.of(None)
    with qtbot.waitSignal(exporter.settled, timeout=20000):
        export_dialog.export_pdf_interactive(None, seeds_comparison, None, palette.scheme("default"))
    box = exporter._box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    assert str(target) in box.text() and "cannot write here" in box.text()
    box.close()


def test_print_report_renders_on_a_printer(qtbot, seeds_comparison, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = export_dialog.print_report(printer, seeds_comparison, None, palette.scheme("default"))
    reader = pypdf.PdfReader(str(tmp_path / "printed.pdf"))
    assert len(reader.pages) == pages >= 3
    assert reader.pages[1].mediabox.width > reader.pages[1].mediabox.height
    assert "Page" in reader.pages[-1].extract_text()


def test_article_titles_with_ampersands_show_literally(qtbot, tmp_path):
    """'&' in a title or file name is text, not a keyboard mnemonic that would swallow it."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "r&d.txt").write_text("Q&A: storm & floods\n\nThe storm hit the coast on Monday.", encoding="utf-8")
    (folder / "b.txt").write_text("Storm & floods\n\nThe storm hit the coast on Tuesday.", encoding="utf-8")
    c = compare_folder(str(folder), CompareOptions(run_checks=False))
    dialog = export_dialog.ExportOptionsDialog(c)
    qtbot.addWidget(dialog)
    labels = {box.text() for box in dialog.boxes}
    assert labels == {"#1 Storm && floods  (b.txt)", "#2 Q&&A: storm && floods  (r&&d.txt)"}  # sorted by name
    for box in dialog.boxes:
        assert QKeySequence.mnemonic(box.text()).isEmpty()  # no Alt+letter: every '&' is shown
    assert not QKeySequence.mnemonic("1. Q&A: storm").isEmpty()  # what an unescaped label would do


def _interactive_export_to(qtbot, monkeypatch, c, path):
    monkeypatch.setattr(export_dialog.ExportOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "PDF files (*.pdf)"))
    exporter = export_dialog.BackgroundExport.of(None)
    started = []
    monkeypatch.setattr(exporter, "start", lambda request: started.append(request))
    with qtbot.waitSignal(exporter.settled, timeout=5000):  # told at once, without a background job
        result = export_dialog.export_pdf_interactive(None, c, None, palette.scheme("default"))
    assert result is exporter and not started and not exporter.busy
    box = exporter._box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    return box


def test_interactive_export_refuses_a_read_only_file_before_writing(qtbot, seeds_comparison, tmp_path, monkeypatch):
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"the previous report")
    target.chmod(0o444)
    box = _interactive_export_to(qtbot, monkeypatch, seeds_comparison, target)
    assert str(target) in box.text() and "read-only" in box.text() and "--force" not in box.text()
    assert target.read_bytes() == b"the previous report"
    box.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_interactive_export_refuses_a_special_file(qtbot, seeds_comparison, tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    box = _interactive_export_to(qtbot, monkeypatch, seeds_comparison, fifo)
    assert "named pipe" in box.text()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    box.close()


@pytest.mark.parametrize("app_scheme, expected", [("default", "default"), ("contrast", "high-contrast"),
                                                  ("mono", "greyscale")])
def test_the_print_palette_follows_the_screen_palette(qtbot, seeds_comparison, app_scheme, expected):
    dialog = export_dialog.ExportOptionsDialog(seeds_comparison, None, palette.scheme(app_scheme))
    qtbot.addWidget(dialog)
    assert dialog.palette_name() == expected and dialog.page_size() == "auto"


def test_interactive_export_uses_the_chosen_palette_and_page_size(qtbot, seeds_comparison, tmp_path, monkeypatch):
    def fake_exec(self):
        self.palette_combo.setCurrentIndex(self.palette_combo.findData("greyscale"))
        self.page_combo.setCurrentIndex(self.page_combo.findData("letter"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportOptionsDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "grey.pdf"), ""))
    exporter = export_dialog.BackgroundExport.of(None)
    with qtbot.waitSignal(exporter.settled, timeout=60000):
        export_dialog.export_pdf_interactive(None, seeds_comparison, None, palette.scheme("default"))
    reader = pypdf.PdfReader(str(tmp_path / "grey.pdf"))
    box = reader.pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [612, 792]  # US Letter in points
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages[:3])
    assert "grey tint, darker = fewer versions" in text and "blue tint" not in text  # the legend of the palette used


def test_default_file_name_names_the_story_in_safe_characters(seeds_comparison):
    plain = os.path.basename(export_dialog.default_pdf_name(seeds_comparison))
    assert plain == "seeds-comparison.pdf"  # a folder of one story: as before
    headline = 'Fire near Castellón: "4,000" flee / evacuated'
    name = os.path.basename(export_dialog.default_pdf_name(seeds_comparison, (2, headline)))
    assert name == "seeds - story 2 - Fire near Castellon 4 000 flee evacuated.pdf"
    assert os.path.basename(export_dialog.default_pdf_name(seeds_comparison, (3, "?!"))) == "seeds - story 3.pdf"
