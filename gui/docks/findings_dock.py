"""The Findings dock: editorial findings sorted by severity, the likely original, what each version adds or cuts."""

from __future__ import annotations

import html
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QDockWidget, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from copydesk.core.findings import Finding
from copydesk.core.findings.model import severity_rank
from copydesk.core.findings.source import likely_original
from copydesk.core.model import Comparison
from copydesk.core.review import ReviewState, verdict_label
from copydesk.gui.rich_text import literal_tooltip

# Okabe-Ito colours (colour-blind safe); the severity is also written out, never shown by colour alone.
SEVERITY_COLOURS = {"high": "#D55E00", "medium": "#E69F00", "low": "#56B4E9"}
COLUMNS = ("Severity", "Kind", "Finding", "Mark")
_FINDING_ROLE = Qt.ItemDataRole.UserRole


def _dot(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def finding_tooltip(f: Finding) -> str:
    """Rich-text tooltip: the message and the detail (word diffs), article text escaped."""
    body = f"<p><b>{html.escape(f.message)}</b></p>"
    if f.detail:
        body += f"<p style='white-space:pre-wrap'>{html.escape(f.detail)}</p>"
    return body


def mark_text(review: Optional[ReviewState], key: str) -> str:
    """What the Mark column shows for a finding: its verdict, or a tick once reviewed."""
    if review is None:
        return ""
    mark = review.get(key)
    if mark.verdict:
        return verdict_label(mark.verdict)
    return "✓" if mark.reviewed else ""


class FindingsDock(QDockWidget):
    """A dock listing the comparison's findings, most severe first; Enter or double-click shows where they are."""

    occurrences_activated = Signal(object)  # a tuple of core.findings.Occurrence

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__("Findings", parent)
        self.setObjectName("FindingsDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Editorial findings")
        header = self.tree.header()
        header.setStretchLastSection(False)  # the message column takes the room, not the Mark column
        for col in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.Stretch if col == 2 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(col, mode)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self._icons = {s: _dot(c) for s, c in SEVERITY_COLOURS.items()}
        self._review: Optional[ReviewState] = None
        self.set_comparison(None, None)

    def set_comparison(self, c: Optional[Comparison], review: Optional[ReviewState] = None) -> None:
        """Show c's findings (sorted by severity) and source ranking; None clears the dock."""
        self._review = review
        self.tree.clear()
        findings = sorted(c.findings, key=lambda f: severity_rank(f.severity)) if c is not None else []
        for f in findings:
            self.tree.addTopLevelItem(self._item(f))
        self.setWindowTitle(f"Findings ({len(findings)})" if c is not None else "Findings")
        errors = c.check_errors if c is not None else ()
        if errors:  # a check that failed is said, never silently missing from the list
            item = QTreeWidgetItem(["Error", "check", f"{len(errors)} check(s) could not run; their findings are "
                                    f"missing: " + "; ".join(errors)[:300], ""])
            item.setToolTip(2, literal_tooltip("\n".join(errors)))
            item.setIcon(0, self._icons["high"])
            self.tree.addTopLevelItem(item)
        self.summary.setText(self._summary_html(c))
        self.summary.setToolTip(self._deltas_html(c))
        items = self._top_items()
        if items:
            self.tree.setCurrentItem(items[0])

    def show_checking(self, on: bool) -> None:
        """The checks are running in the background: say so where their findings will appear."""
        if on:
            self.setWindowTitle("Findings (checking…)")
            self.summary.setText("Checking quotes, numbers and names…")

    def refresh_review(self, review: Optional[ReviewState]) -> None:
        """Update the Mark column after the window changed review marks."""
        self._review = review
        for item in self._top_items():
            item.setText(3, mark_text(review, item.data(0, _FINDING_ROLE).key))

    def current_finding(self) -> Optional[Finding]:
        """The selected finding, or None."""
        item = self.tree.currentItem()
        return item.data(0, _FINDING_ROLE) if item is not None else None

    def findings(self) -> list[Finding]:
        """The findings in display order."""
        return [item.data(0, _FINDING_ROLE) for item in self._top_items()]

    def _top_items(self) -> list[QTreeWidgetItem]:
        """The rows that hold a finding (a row saying a check failed holds none)."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None and item.data(0, _FINDING_ROLE) is not None]

    def _item(self, f: Finding) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f.severity.capitalize(), f.kind, f.message, mark_text(self._review, f.key)])
        item.setData(0, _FINDING_ROLE, f)
        if f.severity in self._icons:
            item.setIcon(0, self._icons[f.severity])
        tip = finding_tooltip(f)
        for col in range(len(COLUMNS)):
            item.setToolTip(col, tip)
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        finding = item.data(0, _FINDING_ROLE)
        if finding is not None and finding.occurrences:
            self.occurrences_activated.emit(tuple(finding.occurrences))

    @staticmethod
    def _summary_html(c: Optional[Comparison]) -> str:
        if c is None:
            return ""
        counts = {s: sum(f.severity == s for f in c.findings) for s in SEVERITY_COLOURS}
        tally = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no findings"
        best = likely_original(c)
        if best is None:
            return f"No likely original: the versions share too little · {html.escape(tally)}"
        name = html.escape(c.articles[best.article].label(50))
        return f"Likely original: <b>{name}</b> (score {best.score:.2f}) · {html.escape(tally)}"

    @staticmethod
    def _deltas_html(c: Optional[Comparison]) -> str:
        if c is None or not c.deltas:
            return ""
        scores = {s.article: s.score for s in c.source_ranking}
        rows = "".join(f"<li><b>{html.escape(c.articles[d.article].label(50))}</b> "
                       f"({scores.get(d.article, 0.0):.2f}): {html.escape(d.summary)}</li>" for d in c.deltas)
        return f"<ul>{rows}</ul>"
