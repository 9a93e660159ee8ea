"""The `copydesk` command: align (no Qt imported, stays fast), export, gui."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
from typing import TYPE_CHECKING, Iterator

from copydesk.core.model import readable

if TYPE_CHECKING:  # the core is imported lazily, when a command runs
    from copydesk.core.model import Comparison
    from copydesk.core.multistory import FolderStories

# Exit statuses, documented in README.md ("Command line").
SUCCESS = 0
FAILURE = 1  # fewer than two readable articles; the PDF could not be written
USAGE_ERROR = 2  # bad arguments, missing folder, an output path that cannot be used
OUTPUT_ERROR = 3  # standard output could not be written (full, closed or failing)

# File names that are not valid UTF-8 come as lone surrogates (surrogateescape), which no console encodes.


class OutputError(Exception):
    """Standard output could not be written; the message says why in a few words."""


WRITE_CHUNK = 1 << 20
"""Characters encoded and written at a time (write_stdout)."""


def write_stdout(text: str, *, utf8: bool = False, end: str = "") -> None:
    """Write text to stdout and flush now; raise OutputError when that fails (BrokenPipeError passes).

    utf8=True writes UTF-8 whatever the console's encoding (JSON); otherwise the console's encoding,
    with characters it lacks replaced rather than failing. end is written after text (no concatenated copy).
    """
    out = sys.stdout
    if out is None:  # Python starts with sys.stdout None when file descriptor 1 is closed
        raise OutputError("standard output is closed")
    buffer = getattr(out, "buffer", None) if utf8 else None
    try:
        out.flush()  # whatever print() left in the text layer goes first
        if buffer is not None:
            # in pieces: a big folder's JSON is hundreds of MB, and one encode() would hold a second copy
            for k in range(0, len(text), WRITE_CHUNK):
                buffer.write(text[k:k + WRITE_CHUNK].encode("utf-8"))
            buffer.write(end.encode("utf-8"))
            buffer.flush()
        else:
            # The text layer keeps the console's newline convention; characters its encoding lacks
            # become '?' instead of an error halfway through the summary.
            encoding = getattr(out, "encoding", None) or "utf-8"
            for k in range(0, len(text), WRITE_CHUNK):
                out.write(text[k:k + WRITE_CHUNK].encode(encoding, "replace").decode(encoding))
            out.write(end.encode(encoding, "replace").decode(encoding))
            out.flush()  # now, not at exit, where a failure would be a traceback and status 120
    except (BrokenPipeError, UnicodeError):  # a reader that left (the caller's exit 0); a bug in text
        raise
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        raise OutputError(getattr(exc, "strerror", None) or str(exc)) from exc


def error(message: str) -> None:
    """Print one line on stderr; a stderr that cannot be written is ignored (the exit status still tells)."""
    if sys.stderr is None:  # fd 2 closed at start; print(file=None) would write to stdout instead
        return
    try:
        print(message, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    # Output is abandoned: point file descriptor 1 at devnull so the interpreter's final flush of what
    # is still buffered neither fails again nor prints "Exception ignored" and exits with 120.
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no stdout, or not a real file (tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="copydesk", description="Compare many versions of one news story.")
    sub = parser.add_subparsers(dest="command")

    p_align = sub.add_parser("align", help="compare a folder and print a summary or JSON")
    p_align.add_argument("folder")
    p_align.add_argument("--json", action="store_true", help="print the full comparison as JSON")
    p_align.add_argument("--recursive", action="store_true", help="include sub-folders")
    p_align.add_argument("--no-checks", action="store_true", help="skip the editorial checks")
    p_align.add_argument("--story", type=int, metavar="N",
                         help="print only story N (numbered from 1) of a folder of several, as a folder of one")

    p_export = sub.add_parser("export", help="export a highlighted PDF")
    p_export.add_argument("folder")
    p_export.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p_export.add_argument("--layout", choices=["side-by-side", "stacked"], default="side-by-side")
    p_export.add_argument("--articles", default="",
                          help="article numbers (1-based) and ranges, comma-separated, e.g. 1-3,5")
    p_export.add_argument("--recursive", action="store_true")
    p_export.add_argument("--force", action="store_true", help="replace the output even if it is read-only")
    p_export.add_argument("--palette", choices=["default", "high-contrast", "greyscale"], default="default",
                          help="how the highlights print (all three stay apart in greyscale)")
    p_export.add_argument("--page-size", choices=["auto", "a4", "letter"], default="auto",
                          help="paper size; auto: US Letter where the locale uses it, else A4")
    p_export.add_argument("--story", type=int, metavar="N",
                          help="the story to export from a folder of several, numbered from 1 as `copydesk align` "
                               "lists them; without it such a folder is refused (exit 2) with the list of its "
                               "stories, so that no story is printed by mistake; a folder of one story needs none")

    p_gui = sub.add_parser("gui", help="open the desktop app")
    p_gui.add_argument("folder", nargs="?")
    p_gui.add_argument("--screenshot", metavar="PATH", help="save a PNG of the window once rendered, then exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `copydesk` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in ("align", "export", "gui", "-h", "--help") and not argv[0].startswith("-")):
        argv = ["gui"] + argv  # `copydesk` and `copydesk FOLDER` open the app
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else USAGE_ERROR
    if args.command in ("align", "export"):
        try:
            if args.command == "align":
                with _gc_paused():
                    return _align(args)
            from copydesk.gui.export.cli import run_export  # Qt is imported only here

            return run_export(args)
        except BrokenPipeError:  # `copydesk align … | head`: the reader left, which is fine
            _silence_stdout()
            return SUCCESS
        except OutputError as exc:  # `> /dev/full`, a closed stdout: say so in one line, no traceback
            _silence_stdout()
            error(f"copydesk {args.command}: could not write the output: {exc}")
            return OUTPUT_ERROR
    from copydesk.gui.app import run_app

    return run_app(args.folder, screenshot=args.screenshot)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off while a one-shot command runs.

    The comparison allocates millions of small acyclic objects (tokens, masks, spans); each allocation
    burst triggers collections that walk all of them again (about 12% of the CPU at 500 versions), and
    they free nothing: reference counting does, so peak memory is the same.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _align(args: argparse.Namespace) -> int:
    from copydesk.core.comparison import CompareOptions
    from copydesk.core.corpus import FolderError
    from copydesk.core.export_json import comparison_to_json, stories_to_json
    from copydesk.core.multistory import StoryChoiceError, choose_story, compare_folder_stories

    if not os.path.isdir(args.folder):
        error(f"copydesk: {readable(args.folder)}: no such folder")
        return USAGE_ERROR
    story = getattr(args, "story", None)
    if story is not None and story < 1:
        error(f"copydesk: --story {story}: stories are numbered from 1")
        return USAGE_ERROR
    options = CompareOptions(recursive=args.recursive, run_checks=not args.no_checks)
    try:
        # a folder of several stories is compared story by story; one story prints exactly as before
        found = compare_folder_stories(args.folder, options if story is None else
                                       CompareOptions(recursive=args.recursive, run_checks=False))
        chosen = choose_story(found, story, options) if story is not None else None  # checks on that one only
    except FolderError as exc:
        error(f"copydesk: {readable(str(exc))}")
        return FAILURE
    except StoryChoiceError as exc:
        error(f"copydesk: {readable(str(exc))}")
        return USAGE_ERROR
    if chosen is not None:
        write_stdout(comparison_to_json(chosen) if args.json else summary(chosen), utf8=args.json, end="\n")
        return SUCCESS
    if not found.single:
        if args.json:
            write_stdout(stories_to_json(found), utf8=True, end="\n")
        else:
            write_stdout(stories_summary(found), end="\n")
        return SUCCESS
    comparison = found.stories[0].comparison
    if args.json:
        # UTF-8 whatever the console's code page: a cp1252 stdout must not cut the JSON in half
        write_stdout(comparison_to_json(comparison), utf8=True, end="\n")
        return SUCCESS
    write_stdout(summary(comparison), end="\n")
    return SUCCESS


def summary(c: Comparison) -> str:
    """A short human summary of a comparison."""
    # _shown: names from the disk may hold undecodable bytes; the JSON keeps them exactly, people see U+FFFD
    lines = [f"{len(c.articles)} articles, {len(c.links)} links, {len(c.groups)} rows "
             f"({c.timings_ms.get('total', 0):.1f} ms)"]
    for a, art in enumerate(c.articles):
        st = c.stats[a]
        boiler = sum(p.boilerplate for p in art.paragraphs)
        lines.append(f"  [{a + 1}] {readable(art.path)} ({art.encoding}) — {readable(art.title[:60])}")
        lines.append(f"      {len(art.paragraphs)} paragraphs ({boiler} boilerplate), {st.words} words: "
                     f"{st.shared_all:.0%} shared by all, {st.shared_some:.0%} by some, {st.reworded:.0%} reworded, "
                     f"{st.unique:.0%} unique")
    for p in c.problems:
        lines.append(f"  {'skipped' if p.skipped else 'note on'} {readable(p.path)}: {readable(p.reason)}")
    if c.findings:
        lines.append(f"  {len(c.findings)} editorial findings")
    return "\n".join(lines)


def stories_summary(found: FolderStories) -> str:
    """A short human summary of a folder of several stories: each story, then its articles."""
    n = sum(len(s.paths) for s in found.stories)
    lines = [f"{n} articles in {len(found.stories)} stories ({found.timings_ms.get('total', 0):.1f} ms)"]
    for k, s in enumerate(found.stories, 1):
        c = s.comparison
        title = s.title if len(s.title) <= 70 else (s.title[:70].rsplit(" ", 1)[0] or s.title[:70]) + "…"
        lines.append(f"Story {k}: {readable(title)} — {len(c.articles)} "
                     f"version{'s' if len(c.articles) != 1 else ''}, {len(c.links)} links, "
                     f"{s.mean_unique:.0%} unique on average")
        for a, art in enumerate(c.articles):
            st = c.stats[a]
            lines.append(f"  [{a + 1}] {readable(art.path)} — {st.words} words: {st.shared_all:.0%} shared by all, "
                         f"{st.shared_some:.0%} by some, {st.reworded:.0%} reworded, {st.unique:.0%} unique")
        if c.findings:
            lines.append(f"  {len(c.findings)} editorial findings")
    for p in found.problems:
        lines.append(f"{'skipped' if p.skipped else 'note on'} {readable(p.path)}: {readable(p.reason)}")
    return "\n".join(lines)


if __name__ == "__main__":
    # `python -m copydesk.gui.cli` runs this file as __main__; going through the package module keeps
    # one OutputError class, the one gui.export.cli raises.
    from copydesk.gui.cli import main as package_main

    sys.exit(package_main())
