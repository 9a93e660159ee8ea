"""Space, 1-4 and the note key: mark the focused finding, else the current difference."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from copydesk.gui.bars import NoteBar
from copydesk.gui.docks.findings_dock import FindingsDock
from copydesk.gui.review_controller import ReviewController


class MarkActions(QObject):
    """Turns the review keys into marks on the review controller."""

    def __init__(self, review: ReviewController, findings: FindingsDock, note_bar: NoteBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review, self.findings, self.note_bar = review, findings, note_bar
        note_bar.saved.connect(lambda key, note: self.review.mark(key, note=note))

    def target(self) -> tuple[str, str]:
        """(key, description) of what the keys act on: the focused finding, else the current difference."""
        focus = QApplication.focusWidget()
        if focus is not None and self.findings.isAncestorOf(focus):
            finding = self.findings.current_finding()
            if finding is not None:
                return finding.key, f"Finding: {finding.message}"
        diff = self.review.current
        if diff is None:  # nothing under review yet: the first key press brings up the first difference
            self.review.next()
            return "", ""
        return diff.key, f"Difference {(self.review.index or 0) + 1}"

    def toggle_reviewed(self) -> None:
        """Space: mark the target reviewed, or not."""
        key, _ = self.target()
        if key:
            self.review.mark(key, reviewed=not self.review.state.get(key).reviewed)

    def set_verdict(self, verdict: str) -> None:
        """1-4: give the target a verdict ('' clears it)."""
        key, _ = self.target()
        if key:
            self.review.mark(key, verdict=verdict)

    def edit_note(self) -> None:
        """Enter / Ctrl+Shift+N: edit the target's note in the note bar."""
        key, title = self.target()
        if key:
            self.note_bar.open(key, title, self.review.state.get(key).note)
