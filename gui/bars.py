"""Small strips around the panes: the problems message bar, the note editor, the status bar."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QSizePolicy,
                               QStatusBar, QToolButton, QWidget)

from copydesk.core.model import Problem, readable
from copydesk.gui.elided import ElidedLabel
from copydesk.gui.load_stages import LoadProgress

PROGRESS_DELAY_MS = 500  # quick loads never flash a progress bar

_BREAK_AFTER = re.compile(r"([/\\_.,;:-])(?=\S)")
_LONG_RUN = re.compile(r"[^\s\u200b]{24}(?=[^\s\u200b])")


def breakable(text: str) -> str:
    """text with zero-width break chances after path separators and inside long runs, so it wraps.

    A wrapped label is as wide as its longest word: a long file name or path would widen the window.
    """
    return _LONG_RUN.sub(lambda m: m.group(0) + "\u200b", _BREAK_AFTER.sub("\\1\u200b", text))


class MessageBar(QFrame):
    """A dismissible, non-blocking notice above the panes (files that could not be read, load errors)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.label = QLabel(wordWrap=True)
        self.label.setObjectName("MessageText")
        # Ignored width: the bar takes the window's width and wraps in it, whatever the text says
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(autoRaise=True)
        close.setText("✕")
        close.setObjectName("MessageClose")
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._sections: list[tuple[str, str]] = []  # (html, level) of each notice shown
        self.hide()

    _LEVELS = ("info", "warning", "error")

    def show_problems(self, headline: str, problems: tuple[Problem, ...] | list[Problem], level: str = "warning") -> None:
        """Show a headline and one line per file and reason (all escaped: file names are data)."""
        self._sections = []
        self.add_problems(headline, problems, level)

    def add_problems(self, headline: str, problems: tuple[Problem, ...] | list[Problem] = (),
                     level: str = "warning") -> None:
        """Add a notice below what the bar already says (or show it alone when the bar was dismissed)."""
        if self.isHidden():  # dismissed (or never shown): start afresh
            self._sections = []
        lines = "".join(f"<br>• <b>{_escaped(p.path)}</b>: {_escaped(p.reason)}" for p in problems)
        self._sections.append((f"{_escaped(headline)}{lines}", level))
        self.label.setText("<br>".join(text for text, _level in self._sections))
        worst = max((lvl for _text, lvl in self._sections), key=lambda lvl: self._LEVELS.index(lvl)
                    if lvl in self._LEVELS else 1)
        self.setProperty("level", worst)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def text(self) -> str:
        """The plain text shown (for tests)."""
        return self.label.text().replace("\u200b", "")


def _escaped(text: str) -> str:
    return html.escape(breakable(readable(text)))


class NoteBar(QFrame):
    """An inline one-line editor for the current item's note: Enter saves, Escape cancels."""

    saved = Signal(str, str)  # key, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoteBar")
        self.label = ElidedLabel(self, "NoteLabel", max_hint=420)  # plain text: finding messages quote articles
        self.edit = QLineEdit(placeholderText="Note for the desk… (Enter to save, Esc to cancel)")
        self.edit.setClearButtonEnabled(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        self.edit.returnPressed.connect(self._save)
        self._key = ""
        self.hide()

    def open(self, key: str, title: str, note: str) -> None:
        """Edit the note of key."""
        self._key = key
        self.label.setText(title)
        self.edit.setText(note)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """Escape closes without saving."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
        else:
            super().keyPressEvent(event)

    def _save(self) -> None:
        self.hide()
        self.saved.emit(self._key, self.edit.text().strip())


class ProgressStrip(QWidget):
    """A stage label, a progress bar and a Cancel button that appear only once work lasts PROGRESS_DELAY_MS."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None, cancel_tip: str = "") -> None:
        super().__init__(parent)
        self.stage = ElidedLabel(self, "StatusStage", max_hint=220)
        self.bar = QProgressBar(maximum=1000, textVisible=False)
        self.bar.setMinimumWidth(40)  # shrinks in a narrow window rather than widening it
        self.bar.setMaximumWidth(160)
        self.bar.setFixedHeight(10)
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("StatusCancel")
        self.cancel.setToolTip(cancel_tip)
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.stage, self.bar, self.cancel):
            layout.addWidget(w)
        self._delay = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self.show)
        self.hide()

    def busy(self, on: bool, stage: str = "") -> None:
        """Work started (shown after PROGRESS_DELAY_MS, with stage as its label) or ended (hidden)."""
        if on:
            self.bar.setValue(0)
            self.stage.setText(stage)
            self._delay.start()
        else:
            self._delay.stop()
            self.hide()

    def set_progress(self, stage: str, fraction: float) -> None:
        """Update the label and the bar (fraction in [0, 1])."""
        self.stage.setText(stage)
        self.bar.setValue(int(fraction * 1000))


class StatusBar(QStatusBar):
    """Current difference on the left; review progress, and a delayed progress bar with Cancel, on the right."""

    cancel_requested = Signal()
    load_progress = Signal(str, float)  # the whole load's stage label and fraction, as the bar shows them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Ignored: the current difference (notes, lists of versions) takes only the room left over
        self.current = ElidedLabel(self, "StatusCurrent", policy=QSizePolicy.Policy.Ignored)
        self.review = ElidedLabel(self, "StatusReview", max_hint=460)
        self.loading = ProgressStrip(self, "Stop comparing")
        self.stage, self.bar, self.cancel = self.loading.stage, self.loading.bar, self.loading.cancel
        self.loading.cancel_requested.connect(self.cancel_requested)
        self._load = LoadProgress()  # the whole load as one bar (core reports each stage from 0 to 1)
        # at the end of a pass: "All 38 reviewed" or "4 left — press N to wrap" (elided: never widens the window)
        self.end = ElidedLabel(self, max_hint=320)
        self.end.setObjectName("StatusEnd")
        self.end.setTextFormat(Qt.TextFormat.PlainText)
        self.end.setStyleSheet("font-weight: 600; padding: 0 6px;")
        self.end.hide()
        self.addWidget(self.current, 1)
        self.addPermanentWidget(self.end)
        self.addPermanentWidget(self.loading)
        self.addPermanentWidget(self.review)

    def set_end_notice(self, text: str) -> None:
        """What the end of a review pass says ('' hides it)."""
        self.end.setText(text)
        self.end.setVisible(bool(text))

    def busy(self, on: bool) -> None:
        """Work started (progress shows after PROGRESS_DELAY_MS) or ended (progress hides)."""
        if on:
            self._load.reset("Comparing…")
        self.loading.busy(on, "Comparing…")

    def progress_visible(self) -> bool:
        """True once the progress bar is shown."""
        return self.bar.isVisible()

    def set_progress(self, stage: str, fraction: float) -> None:
        """A core progress report: the whole load's stage label and bar move on, never back (load_stages)."""
        if self._load.advance(stage, fraction):
            self.loading.set_progress(self._load.label, self._load.value)
            self.load_progress.emit(self._load.label, self._load.value)

    def set_review(self, progress: str, filtered: bool) -> None:
        """'14 of 37 differences and 2 of 8 findings reviewed' (and the filter state)."""
        self.review.setText(progress + ("  ·  unreviewed only" if filtered else ""))
