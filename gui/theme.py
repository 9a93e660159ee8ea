"""Light/dark appearance: follow the system colour scheme or force one; palette plus stylesheet."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from copydesk.gui.locations import resources_dir

_READING_FONTS = ("Charter", "Source Serif 4", "Source Serif Pro", "Georgia", "Literata", "Noto Serif",
                  "PT Serif", "P052", "Palatino Linotype", "Palatino", "DejaVu Serif")
_UI_FONTS = ("Inter", "Segoe UI", "SF Pro Text", "Cantarell", "Noto Sans", "Nimbus Sans", "DejaVu Sans")

_COLOURS = {  # role -> (light, dark)
    QPalette.ColorRole.Window: ("#F3F3F1", "#1F2023"),
    QPalette.ColorRole.WindowText: ("#1D1D1F", "#E4E4E6"),
    QPalette.ColorRole.Base: ("#FFFFFF", "#26272B"),
    QPalette.ColorRole.AlternateBase: ("#F7F7F5", "#2B2C30"),
    QPalette.ColorRole.Text: ("#1D1D1F", "#E4E4E6"),
    QPalette.ColorRole.Button: ("#F7F7F5", "#2E2F34"),
    QPalette.ColorRole.ButtonText: ("#1D1D1F", "#E4E4E6"),
    QPalette.ColorRole.Highlight: ("#2F6FB3", "#4C8DD6"),
    QPalette.ColorRole.HighlightedText: ("#FFFFFF", "#FFFFFF"),
    QPalette.ColorRole.ToolTipBase: ("#FFFFFF", "#33343A"),
    QPalette.ColorRole.ToolTipText: ("#1D1D1F", "#E4E4E6"),
    QPalette.ColorRole.PlaceholderText: ("#8A8A8E", "#8A8A90"),
    QPalette.ColorRole.Mid: ("#D6D6D2", "#3B3C42"),
    QPalette.ColorRole.Midlight: ("#E6E6E2", "#34353A"),
    QPalette.ColorRole.Dark: ("#B8B8B4", "#151618"),
    QPalette.ColorRole.Link: ("#2F6FB3", "#7FB2EE"),
}


def first_family(candidates: tuple[str, ...]) -> str:
    """The first installed font family of candidates ('' when none is); foundry suffixes are ignored."""
    installed = {f.split(" [")[0].lower(): f.split(" [")[0] for f in QFontDatabase.families()}
    return next((installed[c.lower()] for c in candidates if c.lower() in installed), "")


def icon(name: str, dark: bool) -> QIcon:
    """A line icon from resources/icons, stroked in the theme's text colour."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("#4A4A4F", "#D0D0D4" if dark else "#45454A")
    result = QIcon()
    for size in (16, 24, 32, 48):
        pix = QPixmap()
        pix.loadFromData(svg.replace('width="24" height="24"', f'width="{size}" height="{size}"').encode(), "SVG")
        result.addPixmap(pix)
    return result


def reading_font(family: str, size: int) -> QFont:
    """The prose font: the user's choice or a comfortable serif."""
    font = QFont(family or first_family(_READING_FONTS) or QFont().family())
    font.setPointSizeF(max(6, size))
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


def system_is_dark(app: QApplication) -> bool:
    """Whether the platform asks for a dark scheme."""
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply 'system', 'light' or 'dark' to the whole application; returns True when dark."""
    hints = app.styleHints()
    if theme == "system":
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        dark = system_is_dark(app)
    else:
        dark = theme == "dark"
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    app.setStyle("Fusion")
    pal = QPalette()
    for role, pair in _COLOURS.items():
        pal.setColor(role, QColor(pair[1] if dark else pair[0]))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9A9A9E" if not dark else "#6E6F75"))
    app.setPalette(pal)
    ui = first_family(_UI_FONTS)
    if ui and os.environ.get("COPYDESK_KEEP_UI_FONT") is None:
        font = QFont(ui)
        font.setPointSizeF(max(9.0, app.font().pointSizeF()))
        app.setFont(font)
    sheet = resources_dir() / ("dark.qss" if dark else "light.qss")
    app.setStyleSheet(sheet.read_text(encoding="utf-8") if sheet.is_file() else "")
    return dark


def follow_system_scheme(app: QApplication, theme: str, dark: bool) -> bool | None:
    """After the platform switched light/dark: re-apply and return the new dark flag, or None when unaffected."""
    if theme != "system" or system_is_dark(app) == dark:
        return None
    return apply_theme(app, "system")
