"""Space, Shift+Space, 1-4 and the note key: mark the focused finding, else the current difference."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from copydesk.gui.bars import NoteBar
from copydesk.gui.docks.differences_dock import DifferencesDock
from copydesk.gui.docks.findings_dock import FindingsDock
from copydesk.gui.review_controller import ReviewController


class MarkActions(QObject):
    """Turns the review keys into marks on the review controller."""

    def __init__(self, review: ReviewController, findings: FindingsDock, note_bar: NoteBar,
                 parent: QObject | None = None, differences: Optional[DifferencesDock] = None) -> None:
        super().__init__(parent)
        self.review, self.findings, self.note_bar, self.differences = review, findings, note_bar, differences
        note_bar.saved.connect(lambda key, note: self.review.mark(key, note=note))

    def target(self) -> tuple[str, str]:
        """(key, description) of what the keys act on: the focused finding, else the current difference.

        With the Differences list focused, its selected row becomes the current difference first: the
        keys act on what the editor sees selected there.
        """
        focus = QApplication.focusWidget()
        if focus is not None and self.findings.isAncestorOf(focus):
            finding = self.findings.current_finding()
            if finding is not None:
                return finding.key, f"Finding: {finding.message}"
        if focus is not None and self.differences is not None and self.differences.isAncestorOf(focus):
            selected = self.differences.selected_index()
            if selected is not None and selected != self.review.index:
                self.review.go_to(selected)
        diff = self.review.current
        if diff is None:  # nothing under review yet: the first key press brings up the first difference
            self.review.next()
            return "", ""
        return diff.key, f"Difference {(self.review.index or 0) + 1}"

    def mark_reviewed(self) -> None:
        """Space: mark the target reviewed; for a difference, then go on to the next unreviewed one.

        Never un-marks (Shift+Space does), so a quick 'Space, N' pass cannot undo earlier work.
        """
        key, _ = self.target()
        if not key:
            return
        if not self.review.state.get(key).reviewed:
            self.review.mark(key, reviewed=True)
        current = self.review.current
        if current is not None and current.key == key:  # a difference, not a finding
            self.review.advance()

    def mark_unreviewed(self) -> None:
        """Shift+Space: take the reviewed mark off the target (its verdict and note stay); no move."""
        key, _ = self.target()
        if key and self.review.state.get(key).reviewed:
            self.review.mark(key, reviewed=False)

    def set_verdict(self, verdict: str) -> None:
        """1-4: give the target a verdict ('' clears it); a verdict marks it reviewed (the editor looked), no move."""
        key, _ = self.target()
        if key:
            self.review.mark(key, verdict=verdict)

    def edit_note(self) -> None:
        """Enter / Ctrl+Shift+N: edit the target's note in the note bar."""
        key, title = self.target()
        if key:
            self.note_bar.open(key, title, self.review.state.get(key).note)
