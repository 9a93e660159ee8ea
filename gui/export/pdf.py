"""Write a report to a PDF or a printer: page geometry, running header, page numbers, atomic files."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from datetime import datetime
from typing import Optional, Sequence

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QFont, QPageLayout, QPageSize,
                           QPagedPaintDevice, QPainter, QPdfWriter, QPen, QTextDocument)

from copydesk.core import paths
from copydesk.core import report as rpt
from copydesk.core.model import Comparison
from copydesk.core.review import ReviewState
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint
from copydesk.core.tasks import report as notify
from copydesk.gui.export import body as export_body
from copydesk.gui.export import summary as export_summary
from copydesk.gui import palette
from copydesk.gui.export import style as st

MARGIN_MM = (16, 14, 14, 14)  # top, right, bottom, left: the header and footer sit inside the top/bottom ones

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


def build_documents(report: rpt.Report, c: Comparison, page_w: float, page_h: float,
                    scheme: palette.Scheme, step: export_body.Step = None) -> list[QTextDocument]:
    """Summary, body and notes list, each starting on a new page, laid out for the body area.

    step(share) is told the share built so far and may raise core.tasks.Cancelled to stop.
    """
    tick = step or (lambda share: None)
    top, right, bottom, left = (st.mm(v) for v in MARGIN_MM)
    w, h = page_w - left - right, page_h - top - bottom
    tick(0.0)
    summary = export_summary.summary(report, w, h, scheme)
    tick(0.1)
    body_step = lambda share: tick(0.1 + 0.85 * share)  # noqa: E731 - the body is most of the work
    if report.layout == "side-by-side":
        body = export_body.side_by_side(report, c.articles, w, h, scheme, body_step)
    else:
        body = export_body.stacked(report, c.articles, c.stats, w, h, scheme, body_step)
    tick(0.95)
    notes = export_summary.notes_list(report, w, h)
    tick(1.0)
    return [summary, body, notes]


def render(report: rpt.Report, c: Comparison, device: QPagedPaintDevice,
           scheme: Optional[palette.Scheme] = None, progress: Optional[ProgressCallback] = None,
           cancel: Optional[CancelToken] = None) -> int:
    """Paint every page of report on device (a QPdfWriter or a QPrinter); return the page count.

    progress(stage, fraction) hears "layout" then "pages" with the share of the whole export done;
    cancel stops the work between rows and between pages (core.tasks.Cancelled).
    """
    def layout_step(share: float) -> None:
        checkpoint(cancel)
        notify(progress, "layout", LAYOUT_START + (PAGES_START - LAYOUT_START) * share)

    device.setPageOrientation(orientation(report))
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    full = device.pageLayout().fullRect(QPageLayout.Unit.Point)
    page_w, page_h = full.width() * st.REFERENCE_DPI / 72, full.height() * st.REFERENCE_DPI / 72
    docs = build_documents(report, c, page_w, page_h, scheme or palette.scheme("default"), layout_step)
    total = sum(d.pageCount() for d in docs)
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("the output could not be opened for writing")
    try:
        scale = device.logicalDpiX() / st.REFERENCE_DPI
        page = 0
        for doc in docs:
            for i in range(doc.pageCount()):
                checkpoint(cancel)
                if page:
                    device.newPage()
                page += 1
                painter.save()
                painter.scale(scale, scale)
                _furniture(painter, report, page, total, page_w, page_h)
                _draw_page(painter, doc, i)
                painter.restore()
                notify(progress, "pages", PAGES_START + (1 - PAGES_START) * page / total)
    finally:
        painter.end()
    return total


def _draw_page(painter: QPainter, doc: QTextDocument, index: int) -> None:
    top, left = st.mm(MARGIN_MM[0]), st.mm(MARGIN_MM[3])
    size = doc.pageSize()
    painter.save()
    painter.translate(left, top - index * size.height())
    ctx = QAbstractTextDocumentLayout.PaintContext()
    # Inset by half a pixel: lines touching the page edge belong to the neighbouring page, and drawing
    # them clipped would still put their (invisible) text into this page of the PDF.
    ctx.clip = QRectF(0, index * size.height() + 0.5, size.width(), size.height() - 1)
    painter.setClipRect(ctx.clip)
    doc.documentLayout().draw(painter, ctx)
    painter.restore()


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(st.SANS)
    font.setPixelSize(max(1, round(px)))  # pixels of the reference resolution; the painter is scaled
    font.setBold(bold)
    return font


def _furniture(painter: QPainter, report: rpt.Report, page: int, total: int, w: float, h: float) -> None:
    """Running header (folder name, layout) and footer (export date, Page n of N)."""
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
    foot_y = h - st.mm(MARGIN_MM[2]) + st.mm(5)
    painter.setPen(QColor(st.MUTED))
    painter.drawText(QRectF(left, foot_y, right - left, 14),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), f"Exported {s.date}")
    painter.drawText(QRectF(left, foot_y, right - left, 14),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), f"Page {page} of {total}")


def export_pdf(c: Comparison, path: str, layout: str = "side-by-side", articles: Sequence[int] | None = None,
               review: Optional[ReviewState] = None, scheme: Optional[palette.Scheme] = None,
               now: Optional[datetime] = None, progress: Optional[ProgressCallback] = None,
               cancel: Optional[CancelToken] = None, reference: Optional[int] = None) -> int:
    """Write the highlighted report of c to path atomically; return the page count.

    articles are 0-based indices (None = all); review is a core.review.ReviewState or None;
    reference the article the rows follow (core.layout), as in the app.
    Raises core.report.ReportError for a bad layout or article choice and ExportError when the
    file cannot be written or comes out incomplete (OutputPathError when path cannot be used at
    all, see resolve_output); in all cases no file (partial or temporary) is left behind and an
    existing file at path is untouched.
    Safe on a worker thread: every Qt object it uses is created there (scheme is plain data).
    progress and cancel work as in render(); a cancelled export raises core.tasks.Cancelled.
    """
    notify(progress, "report", 0.0)
    report = rpt.build_report(c, layout, articles, review, now, reference)
    return write_report(report, c, path, scheme, progress, cancel)


def write_report(report: rpt.Report, c: Comparison, path: str, scheme: Optional[palette.Scheme] = None,
                 progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None) -> int:
    """Render report into path (a symlink's target) via a checked temporary file, replaced atomically.

    The path is checked with resolve_output(force=True): refusing a read-only file is the caller's call.
    """
    checkpoint(cancel)
    # force: whether a read-only file may be replaced was the caller's decision (resolve_output before
    # the work); this checks the rest again, as the disk may have changed meanwhile.
    target = resolve_output(path, force=True)
    try:
        # private=False: the temporary file is private, but a PDF is for sharing (mode as a plain write)
        with paths.atomic_replace(target, private=False) as tmp:
            writer = QPdfWriter(tmp)
            try:
                writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
                writer.setTitle(f"Copydesk comparison — {report.summary.folder_name}")
                writer.setCreator("Copydesk")
                pages = render(report, c, writer, scheme, progress, cancel)
            finally:
                # Deleting it flushes and closes the file, also before a failed export's file is
                # removed (Windows cannot delete an open file).
                del writer
            checkpoint(cancel)  # a cancel that came during the last page still leaves no file
            verify_pdf(tmp, pages, path)  # before it replaces the old file, which then stays intact
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    return pages
