"""Preferences: appearance (theme, palette, reading font) and comparison (boilerplate patterns, link threshold)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFontComboBox,
                               QFormLayout, QLabel, QPlainTextEdit, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from copydesk.core.boilerplate import read_user_pattern
from copydesk.gui import palette
from copydesk.gui.settings import FONT_SIZES, Preferences

THEME_LABELS = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


PATTERN_PLACEHOLDER = ("One pattern per line. A phrase matches anywhere, ignoring case:\n"
                       "Sign up for our newsletter\nFollow us on Telegram\n"
                       "A regular expression, e.g. paragraphs that start with Photo:\n^Photo:")
PATTERN_HELP = ("Paragraphs that match a line are marked as boilerplate (dimmed or hidden, never deleted). "
                "A line is read as a plain phrase unless it uses the symbols  . ^ $ * + ? ( ) [ ] { } | \\  "
                "and is a valid regular expression; write \\( or \\. to match such a symbol in an expression.")


def pattern_notes(lines: list[str]) -> list[str]:
    """How each non-empty line will be read (1-based line numbers), saying why a regex-like line is taken as text."""
    notes = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        pattern = read_user_pattern(line)
        if pattern.regex:
            notes.append(f"Line {n}: regular expression")
        elif pattern.error:
            notes.append(f"Line {n}: not a valid regular expression ({pattern.error}), matched as plain text")
        else:
            notes.append(f"Line {n}: phrase")
    return notes


class PreferencesDialog(QDialog):
    """Edits a copy of the preferences; preferences() returns the result when accepted."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(520)
        self._prefs = prefs
        tabs = QTabWidget()
        tabs.addTab(self._appearance(), "Appearance")
        tabs.addTab(self._comparison(), "Comparison")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.buttons)
        self._validate()

    def _appearance(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.theme = QComboBox()
        for value, label in THEME_LABELS:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, [v for v, _ in THEME_LABELS].index(self._prefs.theme)
                                       if self._prefs.theme in dict(THEME_LABELS) else 0))
        self.palette_combo = QComboBox()
        for sch in palette.SCHEMES.values():
            self.palette_combo.addItem(sch.label, sch.name)
        self.palette_combo.setCurrentIndex(max(0, self.palette_combo.findData(self._prefs.palette)))
        self.font_family = QFontComboBox()
        self.font_family.setEditable(False)
        if self._prefs.font_family:
            self.font_family.setCurrentFont(QFont(self._prefs.font_family))
        self.use_default_font = QCheckBox("Use the default reading font")
        self.use_default_font.setChecked(not self._prefs.font_family)
        self.use_default_font.toggled.connect(lambda on: self.font_family.setEnabled(not on))
        self.font_family.setEnabled(bool(self._prefs.font_family))
        self.font_size = QSpinBox(minimum=FONT_SIZES[0], maximum=FONT_SIZES[1], suffix=" pt")
        self.font_size.setValue(self._prefs.font_size)
        self.show_boilerplate = QCheckBox("Show boilerplate (dimmed)")
        self.show_boilerplate.setChecked(self._prefs.show_boilerplate)
        form.addRow("Theme:", self.theme)
        form.addRow("Highlight colours:", self.palette_combo)
        hint = QLabel("Unique words are also underlined, words shared by some have a dotted underline, "
                      "so no information depends on colour alone.", wordWrap=True)
        hint.setEnabled(False)
        form.addRow("", hint)
        form.addRow("Reading font:", self.use_default_font)
        form.addRow("", self.font_family)
        form.addRow("Size:", self.font_size)
        form.addRow("", self.show_boilerplate)
        return page

    def _comparison(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.patterns = QPlainTextEdit("\n".join(self._prefs.boilerplate_patterns))
        self.patterns.setPlaceholderText(PATTERN_PLACEHOLDER)
        self.patterns.setToolTip(PATTERN_HELP)
        self.patterns.setTabChangesFocus(True)
        self.pattern_help = QLabel(PATTERN_HELP, wordWrap=True)
        self.pattern_help.setTextFormat(Qt.TextFormat.PlainText)
        self.pattern_help.setEnabled(False)  # greyed like the other hints
        self.pattern_status = QLabel(wordWrap=True)
        self.pattern_status.setObjectName("PatternStatus")
        self.pattern_status.setTextFormat(Qt.TextFormat.PlainText)  # notes quote the user's patterns
        self.patterns.textChanged.connect(self._validate)
        self.min_score = QDoubleSpinBox(minimum=0.05, maximum=0.95, singleStep=0.05, decimals=2)
        self.min_score.setValue(self._prefs.min_link_score)
        form.addRow("Boilerplate patterns:", self.patterns)
        form.addRow("", self.pattern_help)
        form.addRow("", self.pattern_status)
        form.addRow("Link paragraphs at similarity ≥", self.min_score)
        note = QLabel("Lower links more loosely reworded paragraphs; higher links only close matches.",
                      wordWrap=True)
        note.setEnabled(False)
        form.addRow("", note)
        return page

    def _lines(self) -> list[str]:
        return [line for line in self.patterns.toPlainText().splitlines() if line.strip()]

    def _validate(self) -> None:
        # Every line is usable now (a broken expression is matched as text), so notes inform and never block OK.
        lines = self.patterns.toPlainText().splitlines()  # numbered as the field shows them, blank ones included
        self.pattern_status.setText("  ·  ".join(pattern_notes(lines)))

    def preferences(self) -> Preferences:
        """The edited preferences."""
        return dataclasses.replace(
            self._prefs, theme=self.theme.currentData(), palette=self.palette_combo.currentData(),
            font_family="" if self.use_default_font.isChecked() else self.font_family.currentFont().family(),
            font_size=self.font_size.value(), show_boilerplate=self.show_boilerplate.isChecked(),
            boilerplate_patterns=tuple(self._lines()), min_link_score=round(self.min_score.value(), 2))
