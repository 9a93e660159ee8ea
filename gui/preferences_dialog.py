"""Preferences: appearance (theme, palette, reading font) and comparison (boilerplate patterns, link threshold)."""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFontComboBox,
                               QFormLayout, QLabel, QPlainTextEdit, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from copydesk.gui import palette
from copydesk.gui.settings import FONT_SIZES, Preferences

THEME_LABELS = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


def pattern_errors(lines: list[str]) -> list[str]:
    """One message per line that is not a valid regular expression (1-based line numbers)."""
    errors = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            re.compile(line)
        except re.error as exc:
            errors.append(f"Line {n}: {exc}")
    return errors


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
        self.patterns.setPlaceholderText("One regular expression per line, e.g.\n^Follow us on\n^Photo: ")
        self.patterns.setTabChangesFocus(True)
        self.pattern_status = QLabel(wordWrap=True)
        self.pattern_status.setObjectName("PatternStatus")
        self.pattern_status.setTextFormat(Qt.TextFormat.PlainText)  # errors quote the user's patterns
        self.patterns.textChanged.connect(self._validate)
        self.min_score = QDoubleSpinBox(minimum=0.05, maximum=0.95, singleStep=0.05, decimals=2)
        self.min_score.setValue(self._prefs.min_link_score)
        form.addRow("Boilerplate patterns:", self.patterns)
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
        errors = pattern_errors(self._lines())
        self.pattern_status.setText("\n".join(errors) if errors else "")
        self.pattern_status.setStyleSheet("color: #C0392B;" if errors else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not errors)

    def preferences(self) -> Preferences:
        """The edited preferences."""
        return dataclasses.replace(
            self._prefs, theme=self.theme.currentData(), palette=self.palette_combo.currentData(),
            font_family="" if self.use_default_font.isChecked() else self.font_family.currentFont().family(),
            font_size=self.font_size.value(), show_boilerplate=self.show_boilerplate.isChecked(),
            boilerplate_patterns=tuple(self._lines()), min_link_score=round(self.min_score.value(), 2))
