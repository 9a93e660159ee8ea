"""Keep the main window on its screen: the first-run size and a restored geometry fit the available area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = QSize(1500, 940)
"""The first-run window size on a screen that has room for it."""


def available_geometry(at: QPoint | None = None) -> QRect:
    """The area windows may use (panels and docks left out) on the screen at a point, else the primary screen."""
    screen = QGuiApplication.screenAt(at) if at is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(QPoint(0, 0), DEFAULT_SIZE)


def fit_rect(rect: QRect, area: QRect) -> QRect:
    """rect made no larger than area and moved inside it (as little as needed)."""
    size = rect.size().boundedTo(area.size())
    x = max(area.left(), min(rect.left(), area.left() + area.width() - size.width()))
    y = max(area.top(), min(rect.top(), area.top() + area.height() - size.height()))
    return QRect(QPoint(x, y), size)


def place_window(window: QWidget, restored: bool) -> None:
    """First run: the default size, shrunk to the screen and centred on it; restored: clamped to its screen."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return  # the platform sizes those to the screen itself
    if restored:
        wanted = window.geometry()
        area = available_geometry(wanted.center())
    else:
        area = available_geometry()
        wanted = QRect(QPoint(0, 0), DEFAULT_SIZE.boundedTo(area.size()))
        wanted.moveCenter(area.center())
    fitted = fit_rect(wanted, area)
    window.resize(fitted.size())
    window.move(fitted.topLeft())
    window.installEventFilter(_FrameFit(window, area))


class _FrameFit(QObject):
    """Once the window shows, its frame (title bar, borders) is known: shrink it so the frame fits too."""

    def __init__(self, window: QWidget, area: QRect) -> None:
        super().__init__(window)
        self._window, self._area, self._placed = window, area, window.size()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """On the first show only; a window resized meanwhile (e.g. for a screenshot) is left as it was sized."""
        if watched is self._window and event.type() == QEvent.Type.Show:
            self._window.removeEventFilter(self)
            if self._window.size() == self._placed:  # (showing may have moved it by the frame's border)
                frame = self._window.frameGeometry()
                fitted = fit_rect(frame, self._area)
                if fitted != frame:
                    self._window.resize(self._placed - (frame.size() - fitted.size()))
                    self._window.move(fitted.topLeft())
            self.deleteLater()
        return False
