"""Seconds to export the seeds as a PDF (side by side and stacked), after start-up and comparison."""

from __future__ import annotations

import os
import pathlib
import sys
import tempfile
import time

SEEDS = pathlib.Path(__file__).resolve().parents[2] / "seeds"


def main() -> dict:
    """Export the seeds in both layouts; print and return the seconds each took."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    from copydesk.core.comparison import compare_folder
    from copydesk.gui.export.pdf import export_pdf

    started = time.perf_counter()
    comparison = compare_folder(str(SEEDS))
    compared = time.perf_counter() - started
    results = {"compare_s": compared}
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("side-by-side", "stacked"):
            t0 = time.perf_counter()
            pages = export_pdf(comparison, os.path.join(tmp, f"{layout}.pdf"), layout)
            results[f"export_{layout}_s"] = time.perf_counter() - t0
            print(f"export seeds {layout}: {results[f'export_{layout}_s']:.3f} s ({pages} pages)")
    results["total_s"] = time.perf_counter() - started
    print(f"compare + both exports: {results['total_s']:.3f} s (compare {compared:.3f} s)")
    return results


if __name__ == "__main__":
    main()
