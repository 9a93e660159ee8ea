"""File > Export PDF... and File > Print...: ask for layout, articles and target, then write the report.

The PDF is written off the GUI thread (gui.export_job); printing stays here because a QPrinter from the
print dialog belongs to the GUI thread.
"""

from __future__ import annotations

import os
import re
import textwrap
import unicodedata
from typing import Optional, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGroupBox, QLabel, QMessageBox, QRadioButton, QScrollArea, QVBoxLayout,
                               QWidget)

from copydesk.core import report as rpt
from copydesk.core.model import Comparison
from copydesk.core.review import ReviewState
from copydesk.gui.export import pdf as export_pdf
from copydesk.gui.export import printpal
from copydesk.gui import palette
from copydesk.gui.export.job import BackgroundExport, ExportRequest
from copydesk.gui.rich_text import menu_text


PAGE_SIZES = (("auto", "Automatic (by locale)"), ("a4", "A4"), ("letter", "US Letter"))
"""The page-size choices: the name export_pdf takes and the label shown."""


class ExportOptionsDialog(QDialog):
    """Choose the layout, the articles, the print palette and the page size of an export."""

    def __init__(self, c: Comparison, parent: Optional[QWidget] = None, scheme: object = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        layout = QVBoxLayout(self)
        box = QGroupBox("Layout")
        box_layout = QVBoxLayout(box)
        self.side_by_side = QRadioButton(f"Side by side: aligned columns, landscape "
                                         f"(up to {rpt.MAX_SIDE_BY_SIDE} articles)")
        self.stacked = QRadioButton("Stacked: each article in its own order, portrait")
        self.side_by_side.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.side_by_side, self.stacked):
            group.addButton(button)
            box_layout.addWidget(button)
            button.toggled.connect(self._update)
        layout.addWidget(box)

        articles = QGroupBox("Articles")
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        self.boxes: list[QCheckBox] = []
        for a, art in enumerate(c.articles):
            # menu_text: a button's text makes '&' a mnemonic; a title such as "Q&A" must show as written
            label = f"{art.number} {textwrap.shorten(art.title, 80, placeholder='…')}  ({art.name})"
            check = QCheckBox(menu_text(label))
            check.setChecked(True)
            check.toggled.connect(self._update)
            inner_layout.addWidget(check)
            self.boxes.append(check)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # show up to eight articles without scrolling; more scroll inside the box
        row = self.boxes[0].sizeHint().height() + inner_layout.spacing() if self.boxes else 24
        margins = inner_layout.contentsMargins()
        scroll.setMinimumHeight(min(len(self.boxes), 8) * row + margins.top() + margins.bottom() + 4)
        QVBoxLayout(articles).addWidget(scroll)
        layout.addWidget(articles)

        layout.addWidget(self._paper_box(scheme))

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(760, max(520, inner.sizeHint().width() + 60)))
        self._update()

    def _paper_box(self, scheme: object) -> QGroupBox:
        """Print palette (preset to the one matching the app's screen palette) and page size."""
        box = QGroupBox("Paper")
        form = QFormLayout(box)
        self.palette_combo = QComboBox()
        for name in printpal.PALETTES_ORDER:
            self.palette_combo.addItem(printpal.PALETTES[name].label, name)
        self.palette_combo.setCurrentIndex(self.palette_combo.findData(printpal.print_palette(scheme).name))
        self.palette_combo.setToolTip("How the marks print; greyscale and high contrast survive a black-and-white "
                                      "printer or photocopier")
        form.addRow("Palette:", self.palette_combo)
        self.page_combo = QComboBox()
        for name, label in PAGE_SIZES:
            self.page_combo.addItem(label, name)
        form.addRow("Page size:", self.page_combo)
        return box

    def palette_name(self) -> str:
        """The chosen print palette: 'default', 'high-contrast' or 'greyscale'."""
        return str(self.palette_combo.currentData())

    def page_size(self) -> str:
        """The chosen page size: 'auto', 'a4' or 'letter'."""
        return str(self.page_combo.currentData())

    def layout_name(self) -> str:
        """'side-by-side' or 'stacked'."""
        return "side-by-side" if self.side_by_side.isChecked() else "stacked"

    def articles(self) -> tuple[int, ...]:
        """The checked articles (0-based)."""
        return tuple(a for a, box in enumerate(self.boxes) if box.isChecked())

    def _update(self) -> None:
        chosen = len(self.articles())
        ok = chosen >= 2
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if not ok:
            self.hint.setText("Check at least two articles to compare.")
        elif self.layout_name() == "side-by-side" and chosen > rpt.MAX_SIDE_BY_SIDE:
            self.hint.setText(f"{chosen} articles do not fit side by side; they will be stacked. "
                              f"Check up to {rpt.MAX_SIDE_BY_SIDE} for aligned columns.")
        else:
            self.hint.setText("")


def safe_file_part(text: str, limit: int = 40) -> str:
    """text as a piece of a file name: ASCII letters, digits, spaces and hyphens, cut at a word, never empty."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^A-Za-z0-9 -]+", " ", plain).split()
    out = ""
    for word in words:
        if len(out) + len(word) + (1 if out else 0) > limit:
            break
        out = f"{out} {word}" if out else word
    return out or (words[0][:limit] if words else "")


def default_pdf_name(c: Comparison, story: Optional[tuple[int, str]] = None) -> str:
    """A file name for the export next to the folder: '<folder>-comparison.pdf', or for one story of
    several '<folder> - story 2 - <short headline>.pdf' so that exporting two stories keeps both."""
    folder = os.path.abspath(c.folder)
    base = os.path.basename(folder) or "copydesk"
    if story is None:
        return os.path.join(os.path.dirname(folder), f"{base}-comparison.pdf")
    number, title = story
    headline = safe_file_part(title)
    name = f"{base} - story {number}" + (f" - {headline}" if headline else "")
    return os.path.join(os.path.dirname(folder), f"{name}.pdf")


def _show_status(parent: Optional[QWidget], message: str) -> None:
    status = getattr(parent, "statusBar", None)
    if callable(status):
        status().showMessage(message, 8000)


def export_pdf_interactive(parent: Optional[QWidget], c: Comparison, review: Optional[ReviewState],
                           scheme: palette.Scheme, reference: Optional[int] = None,
                           story: Optional[tuple[int, str]] = None) -> Optional[BackgroundExport]:
    """Ask for layout, articles, palette, page size and file, then write the highlighted PDF in the background.

    scheme is the palette in force (it presets the print palette); reference the article the app's rows
    follow (the PDF's too); story (number from 1, headline) when c is one story of a folder of several.

    Returns the exporter running the job (its settled signal tells the end), or None when nothing was
    asked for. A file that cannot be written (export_pdf.resolve_output) is refused before any work,
    with the warning a failed export gives; the exporter is returned then too, already settled.
    """
    exporter = BackgroundExport.of(parent)
    if exporter.busy:
        _show_status(parent, "A PDF export is still running: wait for it or press Cancel in the status bar")
        return None
    dialog = ExportOptionsDialog(c, parent, scheme)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path, _ = QFileDialog.getSaveFileName(parent, "Export PDF", default_pdf_name(c, story), "PDF files (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        # The file dialog already asked before replacing a file, but not about read-only files, devices
        # or folders that cannot be written: refuse those now rather than after the whole render.
        export_pdf.resolve_output(path, force=False)
    except export_pdf.OutputPathError as exc:
        # The same non-modal warning (message bar, else message box) as an export that failed; it also
        # emits settled, so whoever waits for this export hears how it ended.
        exporter.fail(path, str(exc))
        return exporter
    chosen = dialog.articles()
    exporter.start(ExportRequest(c, path, dialog.layout_name(), None if len(chosen) == len(c.articles) else chosen,
                                 review, scheme, reference, dialog.palette_name(), dialog.page_size()))
    return exporter


def print_report(printer: QPrinter, c: Comparison, review: Optional[ReviewState], scheme: palette.Scheme,
                 layout: str = "side-by-side", articles: Sequence[int] | None = None,
                 reference: Optional[int] = None) -> int:
    """Render the report on a configured printer; return the page count."""
    printer.setFullPage(True)  # the report draws its own margins, header and footer
    report = rpt.build_report(c, layout, articles, review, reference=reference)
    return export_pdf.render(report, c, printer, scheme)


def print_comparison(parent: Optional[QWidget], c: Comparison, review: Optional[ReviewState],
                     scheme: palette.Scheme, reference: Optional[int] = None) -> None:
    """Print the side-by-side report (stacked beyond six articles) through the system print dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"Copydesk — {os.path.basename(os.path.abspath(c.folder))}")
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pages = print_report(printer, c, review, scheme, reference=reference)
    except export_pdf.ExportError as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Print", f"Printing failed.\n\n{exc}")
        return
    QGuiApplication.restoreOverrideCursor()
    _show_status(parent, f"Sent {pages} pages to {printer.printerName() or 'the printer'}")
