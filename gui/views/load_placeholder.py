"""What the pane area shows while the first comparison of a folder runs: a calm line and the same progress
as the status bar, never an empty grey area."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class LoadPlaceholder(QWidget):
    """'Comparing 500 versions…', the stage under way and a bar, centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoadPlaceholder")
        self.title = QLabel("Comparing…")
        self.title.setObjectName("LoadPlaceholderTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a folder name is data
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.title.setFont(font)
        self.stage = QLabel("")
        self.stage.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stage.setTextFormat(Qt.TextFormat.PlainText)
        self.stage.setEnabled(False)  # the palette's quieter text colour
        self.bar = QProgressBar(maximum=1000, textVisible=False)
        self.bar.setFixedSize(320, 8)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(6)
        layout.addWidget(self.stage)
        layout.addSpacing(10)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def start(self, versions: int) -> None:
        """A load begins: how many versions (0: not known yet), bar at 0."""
        self.title.setText(f"Comparing {versions} versions…" if versions > 1 else "Comparing the versions…")
        self.stage.setText("Reading files…")
        self.bar.setValue(0)

    def set_progress(self, stage: str, fraction: float) -> None:
        """The whole load's stage and fraction (as the status bar shows them)."""
        self.stage.setText(stage)
        self.bar.setValue(int(fraction * 1000))


def versions_in(folder: str | None) -> int:
    """How many article files a folder holds at its top level (what the placeholder announces; 0 if unknown)."""
    from copydesk.core.corpus import EXTENSIONS

    try:
        return sum(1 for e in os.scandir(folder or "")
                   if not e.name.startswith(".") and e.name.lower().endswith(EXTENSIONS) and e.is_file())
    except OSError:
        return 0
