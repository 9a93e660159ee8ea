"""Start the desktop app: QApplication, theme, the window, the first folder; optional screenshot mode."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from copydesk.gui.locations import seeds_folder

if TYPE_CHECKING:  # the window module is imported once the QApplication exists
    from copydesk.gui.main_window import MainWindow

SCREENSHOT_SIZE = (1600, 1000)
SCREENSHOT_TIMEOUT_MS = 60_000
EXIT_GRACE_MS = 3000
"""After the window closed, how long cancelled background work may take to stop before the process ends anyway."""


def initial_folder(folder: str | None) -> str | None:
    """The folder to open: the argument, else the last one opened, else the seeds."""
    if folder:
        return folder
    from copydesk.gui.settings import last_folder

    last = last_folder()
    if last and os.path.isdir(last):
        return last
    seeds = str(seeds_folder())
    return seeds if os.path.isdir(seeds) else None


def _application() -> QApplication:
    existing = QApplication.instance()  # typed QCoreApplication; in this process it is always a QApplication
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Copydesk")
    app.setOrganizationName("copydesk")
    app.setDesktopFileName("copydesk")
    return app


def run_app(folder: str | None, screenshot: str | None = None) -> int:
    """Open the window on folder (see initial_folder); with screenshot, save a PNG once rendered and exit."""
    if folder and not os.path.isdir(folder):
        print(f"copydesk: {folder}: no such folder", file=sys.stderr)
        return 2
    app = _application()
    from copydesk.gui.key_filter import install_typing_guard
    from copydesk.gui.main_window import MainWindow
    from copydesk.gui.settings import load_preferences
    from copydesk.gui.theme import apply_theme

    prefs = load_preferences()
    dark = apply_theme(app, prefs.theme)
    install_typing_guard(app)
    window = MainWindow(prefs, dark)
    result = {"code": 0}
    if screenshot:
        window.resize(*SCREENSHOT_SIZE)
        _arm_screenshot(app, window, screenshot, result)
    window.show()
    target = initial_folder(folder)
    if target:
        QTimer.singleShot(0, lambda: window.open_folder(target))  # the window paints before any work starts
    elif screenshot:
        QTimer.singleShot(200, lambda: _save(app, window, screenshot, result))
    code = app.exec()
    code = result["code"] if screenshot else code
    if not _end_background_work(window):
        # A job that ignores its cancel token must not keep a closed app alive: end the process now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _end_background_work(window: MainWindow) -> bool:
    """Cancel every background job of the window and wait briefly; False when one is still running."""
    from copydesk.gui.tasks import TaskRunner

    window.session.watcher.stop()
    runners = window.findChildren(TaskRunner)  # loading and exporting each have their own
    for runner in runners:
        runner.cancel()
    return all(runner.wait_for_done(EXIT_GRACE_MS) for runner in runners)


def _arm_screenshot(app: QApplication, window: MainWindow, path: str, result: dict[str, int]) -> None:
    def rendered() -> None:
        c = window.session.comparison
        if c is not None and c.checks_ran:  # the whole picture, findings included
            QTimer.singleShot(400, lambda: _save(app, window, path, result))  # let layouts and strips settle

    def failed(_message: str) -> None:
        QTimer.singleShot(200, lambda: _save(app, window, path, result, code=1))

    window.rendered.connect(rendered)
    window.checked.connect(rendered)
    window.session.failed.connect(failed)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: _save(app, window, path, result, code=1))


def _save(app: QApplication, window: MainWindow, path: str, result: dict[str, int], code: int = 0) -> None:
    if result.get("saved"):
        return
    result["saved"] = True
    ok = window.grab().save(path, "PNG")
    result["code"] = code if ok else 1
    if not ok:
        print(f"copydesk: could not write {path}", file=sys.stderr)
    window.close()
    app.quit()
