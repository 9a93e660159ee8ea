"""The `copydesk` command: align (no Qt imported, stays fast), export, gui."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the core is imported lazily, when a command runs
    from copydesk.core.model import Comparison

USAGE_ERROR = 2


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="copydesk", description="Compare many versions of one news story.")
    sub = parser.add_subparsers(dest="command")

    p_align = sub.add_parser("align", help="compare a folder and print a summary or JSON")
    p_align.add_argument("folder")
    p_align.add_argument("--json", action="store_true", help="print the full comparison as JSON")
    p_align.add_argument("--recursive", action="store_true", help="include sub-folders")
    p_align.add_argument("--no-checks", action="store_true", help="skip the editorial checks")

    p_export = sub.add_parser("export", help="export a highlighted PDF")
    p_export.add_argument("folder")
    p_export.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p_export.add_argument("--layout", choices=["side-by-side", "stacked"], default="side-by-side")
    p_export.add_argument("--articles", default="", help="comma-separated article numbers (1-based), e.g. 1,3,4")
    p_export.add_argument("--recursive", action="store_true")

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
    if args.command == "align":
        try:
            return _align(args)
        except BrokenPipeError:  # `copydesk align … | head`: the reader left, which is fine
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    if args.command == "export":
        from copydesk.gui.export.cli import run_export  # Qt is imported only here

        return run_export(args)
    from copydesk.gui.app import run_app

    return run_app(args.folder, screenshot=args.screenshot)


def _align(args: argparse.Namespace) -> int:
    from copydesk.core.comparison import CompareOptions, compare_folder
    from copydesk.core.corpus import FolderError
    from copydesk.core.export_json import comparison_to_dict

    if not os.path.isdir(args.folder):
        print(f"copydesk: {args.folder}: no such folder", file=sys.stderr)
        return USAGE_ERROR
    try:
        comparison = compare_folder(args.folder, CompareOptions(recursive=args.recursive,
                                                               run_checks=not args.no_checks))
    except FolderError as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return 1
    if args.json:
        # UTF-8 whatever the console's code page: a cp1252 stdout must not cut the JSON in half
        data = json.dumps(comparison_to_dict(comparison), ensure_ascii=False) + "\n"
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    print(summary(comparison))
    return 0


def summary(c: Comparison) -> str:
    """A short human summary of a comparison."""
    lines = [f"{len(c.articles)} articles, {len(c.links)} links, {len(c.groups)} rows "
             f"({c.timings_ms.get('total', 0):.1f} ms)"]
    for a, art in enumerate(c.articles):
        st = c.stats[a]
        boiler = sum(p.boilerplate for p in art.paragraphs)
        lines.append(f"  [{a + 1}] {art.path} ({art.encoding}) — {art.title[:60]}")
        lines.append(f"      {len(art.paragraphs)} paragraphs ({boiler} boilerplate), {st.words} words: "
                     f"{st.shared_all:.0%} shared by all, {st.shared_some:.0%} by some, {st.unique:.0%} unique")
    for p in c.problems:
        lines.append(f"  skipped {p.path}: {p.reason}")
    if c.findings:
        lines.append(f"  {len(c.findings)} editorial findings")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
