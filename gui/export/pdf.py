"""Write a report to a PDF or a printer: page geometry, running header, page numbers, atomic files."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Sequence

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter, QPen,
                           QTextDocument)

from copydesk.core import paths
from copydesk.core import report as rpt
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.review import ReviewState
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint
from copydesk.core.tasks import report as notify
from copydesk.gui.export import body as export_body
from copydesk.gui.export import brief as export_brief
from copydesk.gui.export import flow, pdfmeta, printpal
from copydesk.gui.export import legend as export_legend
from copydesk.gui.export import style as st
from copydesk.gui.export.printpal import PrintPalette

MARGIN_MM = (14, 12, 13, 12)  # top, right, bottom, left: the header and footer sit inside the top/bottom ones

# Share of the whole export done when each stage starts: building the documents (which lays them out)
# and painting the pages cost about the same; the core report before them is quick.
LAYOUT_START, PAGES_START = 0.02, 0.5


# A page object of the written file ("/Type /Pages", the page tree, does not match): QPdfWriter
# writes them uncompressed, one per page, so counting them tells whether every page reached the disk.
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")
_EOF_MARKER = b"%%EOF"


class ExportError(Exception):
    """The PDF could not be written; the message names the file and the reason."""


class OutputPathError(ExportError):
    """The output path cannot be used (decided before any work); read_only: only --force would help."""

    def __init__(self, message: str, read_only: bool = False) -> None:
        super().__init__(message)
        self.read_only = read_only


def _kind(mode: int) -> str:
    """What a non-regular, non-folder file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def resolve_output(path: str, force: bool = False) -> str:
    """The real file to write for path (a symlink's target); raise OutputPathError if it cannot be used.

    Refused: a folder, a device, FIFO or socket (an atomic write would replace the node with a plain
    file), a read-only file unless force, a missing or unwritable folder. Messages start with path.
    """
    # The atomic write renames a new file over the target: done on a symlink it would replace the link,
    # so the link is followed and its target is what gets replaced.
    target = os.path.realpath(os.path.abspath(path))
    try:
        info: Optional[os.stat_result] = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a symlink loop, a path through a file, no permission to look
        raise OutputPathError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputPathError(f"{path}: is a folder; give the PDF file to write, e.g. report.pdf")
        if not stat.S_ISREG(info.st_mode):
            raise OutputPathError(f"{path}: is {_kind(info.st_mode)}, not a file a PDF can be saved to; "
                                  f"choose a file name")
        # Write bits as well as access(): root may write anything, yet a file someone made read-only
        # is a file they meant to keep.
        if not force and (not info.st_mode & 0o222 or not os.access(target, os.W_OK)):
            raise OutputPathError(f"{path}: the file is read-only, so it was left as it is", read_only=True)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise OutputPathError(f"{path}: cannot write here (the folder {folder} does not exist)")
    # Trying is the only honest test (read-only mounts, ACLs, root): make and remove an empty file.
    try:
        fd, probe = tempfile.mkstemp(prefix=".copydesk-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputPathError(f"{path}: cannot write here (the folder {folder} is not writable: "
                              f"{exc.strerror or exc})") from exc
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:  # it was made a moment ago; if it cannot go, the export's own file still can
        pass
    return target


def verify_pdf(file: str, pages: int, path: str) -> None:
    """Raise ExportError (naming path) unless file is a complete PDF with pages page objects."""
    # QPdfWriter reports no write errors: a full disk leaves a short file that would replace a good one.
    with open(file, "rb") as f:
        data = f.read()
    if not data or not data.rstrip().endswith(_EOF_MARKER) or len(_PAGE_OBJECT.findall(data)) != pages:
        raise ExportError(f"{path}: the PDF could not be written completely (disk full?)")


def orientation(report: rpt.Report) -> QPageLayout.Orientation:
    """Landscape for side by side, portrait for stacked."""
    if report.layout == "side-by-side":
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


@dataclass
class Laid:
    """A report laid out: the pages, what to draw in the footer, and where each paragraph landed."""

    pages: list[flow.Page]
    legend: QTextDocument
    page_of: dict[ParaRef, int]  # 1-based


def _para_pages(pages: list[flow.Page]) -> dict[ParaRef, int]:
    """The 1-based page on which each printed paragraph starts."""
    starts: dict[int, tuple[list[tuple[ParaRef, float]], flow.Item]] = {}
    out: dict[ParaRef, int] = {}
    for n, page in enumerate(pages, start=1):
        for piece in page.pieces:
            item = piece.item
            if piece.is_header or not item.anchors:
                continue
            if id(item) not in starts:
                starts[id(item)] = (_block_tops(item), item)
            for ref, top in starts[id(item)][0]:
                if ref not in out and (piece.top <= top < piece.bottom or top < piece.top):
                    out[ref] = n
    return out


def _block_tops(item: flow.Item) -> list[tuple[ParaRef, float]]:
    """Each anchored paragraph of an item with the top of its first block (the one with a number)."""
    refs = list(item.anchors)
    tops: list[tuple[ParaRef, float]] = []
    layout = item.doc.documentLayout()
    block = item.doc.begin()
    # numbered blocks come in the order the item's paragraphs were written (column by column)
    while block.isValid() and refs:
        if block.blockFormat().property(st.PROP_NUMBER) is not None and block.blockFormat().hasProperty(st.PROP_CHANGED):
            tops.append((refs.pop(0), layout.blockBoundingRect(block).top()))
        block = block.next()
    return tops


def lay_out(report: rpt.Report, c: Comparison, width: float, height: float, pal: PrintPalette,
            step: export_body.Step = None) -> Laid:
    """Build every item and cut the pages; the brief is built again once the body's pages are known.

    step(share) is told the share built so far and may raise core.tasks.Cancelled to stop.
    """
    tick = step or (lambda share: None)
    tick(0.0)
    body_step = lambda share: tick(0.1 + 0.8 * share)  # noqa: E731 - the body is most of the work
    if report.layout == "side-by-side":
        body = export_body.side_by_side(report, c.articles, width, pal, body_step)
    else:
        body = export_body.stacked(report, c.articles, width, pal, body_step)
    notes = export_brief.notes_list(report, width)
    page_of: dict[ParaRef, int] = {}
    pages: list[flow.Page] = []
    for _ in range(3):  # the brief names body pages; its own length can change once they are filled in
        front = export_brief.brief(report, width, pal, page_of.get)
        pages = flow.paginate(front + body + notes, height)
        found = _para_pages(pages)
        if found == page_of:
            break
        page_of = found
    tick(1.0)
    return Laid(pages, export_legend.strip(pal, width, f"#{report.reference + 1}"), page_of)


def render(report: rpt.Report, c: Comparison, device: QPagedPaintDevice,
           scheme: object = None, progress: Optional[ProgressCallback] = None,
           cancel: Optional[CancelToken] = None, marks: Optional[list[pdfmeta.Bookmark]] = None) -> int:
    """Paint every page of report on device (a QPdfWriter or a QPrinter); return the page count.

    scheme: a print palette, its name or the app's palette.Scheme (see printpal.print_palette).
    progress(stage, fraction) hears "layout" then "pages" with the share of the whole export done;
    cancel stops the work between rows and between pages (core.tasks.Cancelled). marks, when given,
    receives the outline entries (page and position of the brief, findings, articles...).
    """
    def layout_step(share: float) -> None:
        checkpoint(cancel)
        notify(progress, "layout", LAYOUT_START + (PAGES_START - LAYOUT_START) * share)

    pal = printpal.print_palette(scheme)
    device.setPageOrientation(orientation(report))
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    full = device.pageLayout().fullRect(QPageLayout.Unit.Point)
    page_w, page_h = full.width() * st.REFERENCE_DPI / 72, full.height() * st.REFERENCE_DPI / 72
    top, right, bottom, left = (st.mm(v) for v in MARGIN_MM)
    width, height = page_w - left - right, page_h - top - bottom
    laid = lay_out(report, c, width, height, pal, layout_step)
    total = len(laid.pages)
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("the output could not be opened for writing")
    small = _font(8)
    try:
        scale = device.logicalDpiX() / st.REFERENCE_DPI
        for n, page in enumerate(laid.pages, start=1):
            checkpoint(cancel)
            if n > 1:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            _furniture(painter, report, n, total, page_w, page_h, laid.legend)
            for piece in page.pieces:
                flow.draw_piece(painter, piece, left, top, width, lambda p, pc, w: _decorate(p, pc, w, pal, small))
                if marks is not None and not piece.is_header and piece.top == 0:
                    marks += [pdfmeta.Bookmark(title, level, n - 1, (top + piece.y) * 72 / st.REFERENCE_DPI)
                              for title, level in piece.item.bookmarks]
            painter.restore()
            notify(progress, "pages", PAGES_START + (1 - PAGES_START) * n / total)
    finally:
        painter.end()
    return total


def _decorate(painter: QPainter, piece: flow.Piece, width: float, pal: PrintPalette, font: QFont) -> None:
    flow.change_bars(painter, piece, pal.bar)
    if piece.item.continued_labels:
        flow.continued_labels(painter, piece, font, st.MUTED)
    flow.more_below(painter, piece, width, font, st.MUTED)


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(st.SANS)
    font.setPixelSize(max(1, round(px)))  # pixels of the reference resolution; the painter is scaled
    font.setBold(bold)
    return font


def _furniture(painter: QPainter, report: rpt.Report, page: int, total: int, w: float, h: float,
               legend: QTextDocument) -> None:
    """Running header (folder, layout), footer (date, compact legend, Page n of N)."""
    left, right = st.mm(MARGIN_MM[3]), w - st.mm(MARGIN_MM[1])
    s = report.summary
    painter.setPen(QColor(st.MUTED))
    head_y = st.mm(MARGIN_MM[0]) - st.mm(5)
    painter.setFont(_font(10, bold=True))
    painter.drawText(QRectF(left, head_y - 14, (right - left) * 0.7, 14),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), f"Copydesk  ·  {s.folder_name}")
    painter.setFont(_font(10))
    layout = "Side by side" if report.layout == "side-by-side" else "Stacked"
    painter.drawText(QRectF(left, head_y - 14, right - left, 14),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                     f"{layout}  ·  {len(report.columns)} articles")
    painter.setPen(QPen(QColor(st.RULE), 0.6))
    painter.drawLine(QPointF(left, head_y + 3), QPointF(right, head_y + 3))
    foot_y = h - st.mm(MARGIN_MM[2]) + st.mm(3)
    painter.setPen(QColor(st.MUTED))
    painter.drawText(QRectF(left, foot_y, right - left, 14),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), f"Exported {s.date}")
    painter.drawText(QRectF(left, foot_y, right - left, 14),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), f"Page {page} of {total}")
    painter.save()  # the compact legend on a line of its own under the page number, centred
    painter.translate(left + (right - left - legend.textWidth()) / 2, foot_y + 13)
    legend.drawContents(painter)
    painter.restore()


PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
_LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR", "PA", "DO", "SV", "NI", "BZ"}


def page_size_for(name: str = "auto", environ: Optional[dict[str, str]] = None) -> str:
    """'a4' or 'letter': the name given, or for 'auto' the paper of the locale (LC_PAPER, LC_ALL, LANG)."""
    if name in PAGE_SIZES:
        return name
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_PAPER", "LC_MEASUREMENT", "LANG"):
        value = env.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in _LETTER_TERRITORIES else "a4"
    return "a4"


def export_pdf(c: Comparison, path: str, layout: str = "side-by-side", articles: Sequence[int] | None = None,
               review: Optional[ReviewState] = None, scheme: object = None,
               now: Optional[datetime] = None, progress: Optional[ProgressCallback] = None,
               cancel: Optional[CancelToken] = None, reference: Optional[int] = None,
               page_size: str = "auto") -> int:
    """Write the highlighted report of c to path atomically; return the page count.

    articles are 0-based indices (None = all); review is a core.review.ReviewState or None;
    reference the article the rows follow (core.layout), as in the app; scheme the print palette
    (a name, a printpal.PrintPalette or the app's palette.Scheme); page_size 'a4', 'letter' or 'auto'.
    Raises core.report.ReportError for a bad layout or article choice and ExportError when the
    file cannot be written or comes out incomplete (OutputPathError when path cannot be used at
    all, see resolve_output); in all cases no file (partial or temporary) is left behind and an
    existing file at path is untouched.
    Safe on a worker thread: every Qt object it uses is created there (scheme is plain data).
    progress and cancel work as in render(); a cancelled export raises core.tasks.Cancelled.
    """
    notify(progress, "report", 0.0)
    report = rpt.build_report(c, layout, articles, review, now, reference)
    return write_report(report, c, path, scheme, progress, cancel, page_size)


def write_report(report: rpt.Report, c: Comparison, path: str, scheme: object = None,
                 progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                 page_size: str = "auto") -> int:
    """Render report into path (a symlink's target) via a checked temporary file, replaced atomically.

    The path is checked with resolve_output(force=True): refusing a read-only file is the caller's call.
    The file gets an outline (brief, findings, each article…), title, author, subject and language.
    """
    checkpoint(cancel)
    # force: whether a read-only file may be replaced was the caller's decision (resolve_output before
    # the work); this checks the rest again, as the disk may have changed meanwhile.
    target = resolve_output(path, force=True)
    s = report.summary
    try:
        # private=False: the temporary file is private, but a PDF is for sharing (mode as a plain write)
        with paths.atomic_replace(target, private=False) as tmp:
            writer = QPdfWriter(tmp)
            marks: list[pdfmeta.Bookmark] = []
            try:
                writer.setPageSize(QPageSize(PAGE_SIZES[page_size_for(page_size)]))
                writer.setTitle(f"Copydesk comparison — {s.folder_name}")
                writer.setCreator("Copydesk")
                writer.setAuthor("Copydesk")
                pages = render(report, c, writer, scheme, progress, cancel, marks)
                height = writer.pageLayout().fullRect(QPageLayout.Unit.Point).height()
            finally:
                # Deleting it flushes and closes the file, also before a failed export's file is
                # removed (Windows cannot delete an open file).
                del writer
            checkpoint(cancel)  # a cancel that came during the last page still leaves no file
            subject = (f"{len(report.columns)} versions of one story compared"
                       + (f"; likely original {s.likely_original}" if s.likely_original else "")
                       + f"; {len(s.findings)} findings")
            try:
                pdfmeta.add_metadata(tmp, marks, subject, height)
            except pdfmeta.MetadataError:  # an unexpected file layout: the report itself is still whole
                pass
            verify_pdf(tmp, pages, path)  # before it replaces the old file, which then stays intact
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    return pages
