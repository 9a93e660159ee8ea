"""File > Export PDF and File > Print for the window: the open comparison, its marks, palette and reference."""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from copydesk.core.model import Comparison
from copydesk.core.review import ReviewState
from copydesk.gui import palette
from copydesk.gui.bars import MessageBar
from copydesk.gui.export import dialog as export_dialog
from copydesk.gui.preferences_controller import PreferencesController
from copydesk.gui.review_controller import ReviewController
from copydesk.gui.session import ComparisonSession


class ExportController(QObject):
    """Starts exports and prints of what the window shows."""

    def __init__(self, window: QWidget, session: ComparisonSession, review: ReviewController,
                 preferences: PreferencesController, message_bar: MessageBar) -> None:
        super().__init__(window)
        self.window, self.session, self.review = window, session, review
        self.preferences, self.message_bar = preferences, message_bar

    def export_pdf(self) -> None:
        """Ask for options and a file name, then write the PDF in the background."""
        story = self.shown_story()

        def start(window: QWidget, c: Comparison, state: ReviewState, scheme: palette.Scheme,
                  reference: Optional[int]) -> object:
            return export_dialog.export_pdf_interactive(window, c, state, scheme, reference, story=story)

        self._later(start)

    def shown_story(self) -> Optional[tuple[int, str]]:
        """(number from 1, headline) of the story shown when the folder holds several, else None."""
        stories = self.session.stories
        if not stories.several:
            return None
        return stories.current + 1, stories.stories[stories.current].title

    def print_comparison(self) -> None:
        """Print through the system print dialog."""
        self._later(export_dialog.print_comparison)

    def _later(self, start: Callable[[QWidget, Comparison, ReviewState, palette.Scheme, Optional[int]], object]) -> None:
        c = self.session.comparison
        if c is None:
            self.message_bar.show_problems("Open a folder first: there is nothing to export yet.", [], "warning")
            return
        window, state, scheme, reference = self.window, self.review.state, self.preferences.scheme(), \
            self.session.reference_index()
        # after the key or menu event has finished: the dialogs are modal
        QTimer.singleShot(0, lambda: start(window, c, state, scheme, reference))
