"""`copydesk export FOLDER -o OUT.pdf`: compare a folder and write the highlighted PDF, without a window."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from typing import TYPE_CHECKING

from copydesk.gui.cli import FAILURE, SUCCESS, USAGE_ERROR, error, write_stdout

if TYPE_CHECKING:  # Qt and the core are imported lazily, when the command runs
    from PySide6.QtCore import QCoreApplication

    from copydesk.core.review import ReviewState


def _fail(message: str, code: int) -> int:
    error(f"copydesk export: {message}")
    return code


def ensure_gui_application() -> QCoreApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display to draw on)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                             or os.environ.get("WAYLAND_DISPLAY"))
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["copydesk"])
    return app


def _load_review(folder: str) -> ReviewState:
    from copydesk.core.review import load_review

    return load_review(folder)


def run_export(args: argparse.Namespace) -> int:
    """Run the export sub-command; args has folder, output, layout, articles ('1-3,5'), recursive, force,
    palette (default, high-contrast, greyscale), page_size (auto, a4, letter) and story (1-based or None).

    Raises copydesk.gui.cli.OutputError when the closing message cannot be printed (the caller's exit 3).
    """
    from copydesk.core.comparison import CompareOptions
    from copydesk.core.corpus import FolderError
    from copydesk.core.model import readable
    from copydesk.core.multistory import StoryChoiceError, choose_story, compare_folder_stories
    from copydesk.core.report import MAX_SIDE_BY_SIDE, ReportError, parse_articles
    from copydesk.gui.export.pdf import ExportError, OutputPathError, export_pdf, resolve_output

    spec = (getattr(args, "articles", "") or "").strip()
    try:
        if spec:
            parse_articles(spec)  # a typo is a usage error before any work is done
    except ReportError as exc:
        return _fail(str(exc), USAGE_ERROR)
    if not os.path.isdir(args.folder):
        return _fail(f"{args.folder}: no such folder", USAGE_ERROR)
    story = getattr(args, "story", None)
    if story is not None and story < 1:
        return _fail(f"--story {story}: stories are numbered from 1, as `copydesk align` lists them", USAGE_ERROR)
    try:
        # before the comparison, which can take a while: a path that cannot be written fails at once
        resolve_output(args.output, bool(getattr(args, "force", False)))
    except OutputPathError as exc:
        hint = "; pass --force to replace it anyway" if exc.read_only else ""
        return _fail(f"{exc}{hint}", USAGE_ERROR)
    started = time.perf_counter()
    options = CompareOptions(recursive=bool(getattr(args, "recursive", False)))
    try:
        # a folder of several stories is compared story by story (checks only on the one exported)
        found = compare_folder_stories(args.folder, dataclasses.replace(options, run_checks=False))
        comparison = choose_story(found, story, options)
    except FolderError as exc:
        return _fail(str(exc), FAILURE)
    except StoryChoiceError as exc:  # several stories and none chosen, or one that is not there
        return _fail(readable(str(exc)), USAGE_ERROR)
    try:
        articles = parse_articles(spec, len(comparison.articles)) if spec else None
    except ReportError as exc:
        return _fail(str(exc), USAGE_ERROR)
    ensure_gui_application()
    shown = len(articles or comparison.articles)
    if args.layout == "side-by-side" and shown > MAX_SIDE_BY_SIDE:
        error(f"copydesk export: {shown} articles are too many to read side by side; printing them stacked "
              f"(choose up to {MAX_SIDE_BY_SIDE} with --articles, e.g. --articles 1-{MAX_SIDE_BY_SIDE})")
    try:
        # The path the user gave, so messages name it; write_report follows a symlink the same way.
        pages = export_pdf(comparison, args.output, args.layout, articles, _load_review(args.folder),
                           scheme=getattr(args, "palette", "default"), page_size=getattr(args, "page_size", "auto"))
    except ReportError as exc:
        return _fail(str(exc), USAGE_ERROR)
    except ExportError as exc:  # an OutputPathError here means the disk changed during the comparison
        return _fail(str(exc), FAILURE)
    write_stdout(f"Wrote {args.output}: {pages} pages, {len(articles or comparison.articles)} articles "
                 f"({time.perf_counter() - started:.2f} s)\n")
    return SUCCESS
