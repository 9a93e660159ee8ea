"""The main window's slots: each turns one user intent into one call on the session, review or views."""

from __future__ import annotations

import dataclasses
import os

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTextEdit

from copydesk.core.model import Comparison, ParaRef
from copydesk.core.review import verdict_label
from copydesk.gui.export import dialog as export_dialog
from copydesk.gui import palette
from copydesk.gui.docks.article_model import rows_for
from copydesk.gui.views.pane_render import RenderStyle
from copydesk.gui.rich_text import menu_text
from copydesk.gui.settings import Preferences, save_preferences
from copydesk.gui.theme import apply_theme, follow_system_scheme, reading_font

KIND_LABELS = {"unique": "Unique paragraph", "missing": "Missing paragraph", "wording": "Wording differs"}


class WindowSlots:
    """Mixed into MainWindow; relies on the widgets MainWindow composes."""

    # --- loading ---------------------------------------------------------------------------------
    def open_folder(self, folder: str) -> None:
        """Open a folder of article versions."""
        self.session.open(folder)

    def open_folder_dialog(self) -> None:
        """File > Open Folder: the platform's folder picker."""
        start = self.session.folder or os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(self, "Open a Folder of Article Versions", start)
        if folder:
            self.session.open(folder)

    def fill_recent_menu(self) -> None:
        """Rebuild File > Open Recent from the stored list."""
        menu = self.recent_menu
        menu.clear()
        items = self.session.recent.items()
        for folder in items:
            menu.addAction(menu_text(folder), lambda f=folder: self.session.open(f))
        if not items:
            menu.addAction("No recent folders").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear Menu", self.session.recent.clear).setEnabled(bool(items))

    def on_folder_changed(self, folder: str) -> None:
        """A new folder: title, forget the old one's notices."""
        self.setWindowTitle(f"{os.path.basename(folder) or folder} — Copydesk")
        self.message_bar.hide()

    def on_loaded(self, c: Comparison) -> None:
        """A comparison arrived (first load, edit on disk, exclusion, preferences): show it."""
        if c.problems:
            self.message_bar.show_problems("Some files could not be used:", c.problems)
        else:
            self.message_bar.hide()
        self.articles.model.set_rows(rows_for(c, self.session.excluded, self._reference_path(c)))
        self.render()
        self.review.set_comparison(c)
        self.findings.set_comparison(c, self.review.state)
        self.rendered.emit()

    def on_failed(self, message: str) -> None:
        """The folder could not be compared: say why and drop the stale comparison (excluded files stay listed)."""
        self.message_bar.show_problems(message, [], "error")
        self.review.clear()
        self.articles.model.set_rows(rows_for(None, self.session.excluded, ""))
        self.panes.clear()
        self.aligned.clear_grid()
        self.findings.set_comparison(None)
        self.find_bar.refresh()
        self.status.set_review("Nothing to review", self.review.unreviewed_only)
        self.status.current.setText("No comparison")

    def render(self) -> None:
        """Lay out the current comparison in the active view (the other one is rebuilt when shown)."""
        c = self.session.comparison
        if c is None:
            return
        style, reference = self.render_style(), self.session.reference_index()
        self.legend.set_scheme(style.scheme, style.dark)
        self.panes.set_comparison(c, style, reference, self.reading_font())
        if self.stack.currentWidget() is self.aligned:
            self.aligned.show_comparison(c, style, reference, self.reading_font())
        self.find_bar.refresh()

    def render_style(self) -> RenderStyle:
        """Palette, dark mode and boilerplate visibility from the preferences."""
        return RenderStyle(palette.scheme(self.prefs.palette), self.dark, self.prefs.show_boilerplate)

    def reading_font(self) -> QFont:
        """The prose font at the current zoom."""
        return reading_font(self.prefs.font_family, self.prefs.font_size + self.zoom_steps)

    def text_views(self) -> list[QTextEdit]:
        """The text views find searches, in display order."""
        if self.stack.currentWidget() is self.aligned:
            return [self.aligned]
        return [p.text for p in self.panes.panes]

    def _reference_path(self, c: Comparison) -> str:
        return c.articles[self.session.reference_index()].path if c.articles else ""

    # --- selection and the current difference ----------------------------------------------------
    def on_paragraph_selected(self, ref: ParaRef) -> None:
        """Mark the paragraphs linked to ref in every pane and line them up with it."""
        c = self.session.comparison
        if c is None:
            return
        linked: dict[int, set[int]] = {}
        group = c.group_of(ref)
        members = list(c.groups[group].members) if group is not None else []
        for a, p in members + [r for r, _score in c.links_of(ref)]:
            if (a, p) != ref:
                linked.setdefault(a, set()).add(p)
        self.panes.show_links(ref, linked)
        current = self.review.current
        self.aligned.show_groups({group} if group is not None else set(), {current.group} if current else set())
        self.review.anchor_at(ref)

    def on_current_changed(self, diff) -> None:
        """Frame the current difference everywhere and describe it in the status bar."""
        self.aligned.show_ranges([])
        if diff is None:
            self.panes.clear_markers()
            self.aligned.show_groups(set(), set())
        else:
            self.panes.show_current(diff.refs, [])
            self.aligned.show_groups(set(), {diff.group})
        self._describe_current()

    def on_inline_changed(self, rng) -> None:
        """F4: frame one changed run inside the current difference and bring it into view."""
        diff = self.review.current
        if diff is None or rng is None:
            return
        self.panes.show_current(diff.refs, [rng])
        if self.stack.currentWidget() is self.aligned:
            self.aligned.show_ranges([rng])
        pane = self.panes.pane_of(rng[0])
        if pane is not None:
            pos = pane.text.rendered.position(pane.text.document(), rng[1], rng[2])
            if pos is not None:
                pane.text.scroll_to_position(pos)

    def on_marks_changed(self) -> None:
        """Review marks changed or were reloaded: status bar, findings dock."""
        self.status.set_review(self.review.progress_text(), self.review.unreviewed_only)
        self._describe_current()
        self.findings.refresh_review(self.review.state)

    def _describe_current(self) -> None:
        diff, n = self.review.current, len(self.review.differences)
        if diff is None:
            self.status.current.setText(f"{n} differences — press N or Alt+↓ to step through them" if n else
                                        "No differences between the included articles")
            return
        mark = self.review.state.get(diff.key)
        parts = [f"Difference {self.review.index + 1} of {n}", diff.label]
        if mark.reviewed:
            parts.append("✓ reviewed")
        if mark.verdict:
            parts.append(verdict_label(mark.verdict))
        if mark.note:
            parts.append(f"note: {mark.note}")
        self.status.current.setText("  ·  ".join(parts))

    def show_occurrences(self, occurrences) -> None:
        """A finding was activated: select its first occurrence and frame every occurrence."""
        occurrences = tuple(occurrences or ())
        if not occurrences:
            return
        ranges = [(o.article, o.paragraph, o.start, o.end) for o in occurrences]
        refs = tuple(dict.fromkeys((o.article, o.paragraph) for o in occurrences))
        self.panes.show_current(refs, ranges)
        if self.stack.currentWidget() is self.aligned:
            c = self.session.comparison
            groups = {c.group_of(r) for r in refs} - {None} if c is not None else set()
            self.aligned.show_groups(set(), groups)
            self.aligned.show_ranges(ranges)
        first = occurrences[0]
        pane = self.panes.pane_of(first.article)
        if pane is not None:
            pos = pane.text.rendered.position(pane.text.document(), first.paragraph, first.start)
            if pos is not None:
                pane.text.scroll_to_position(pos)

    # --- review marks ----------------------------------------------------------------------------
    def review_target(self) -> tuple[str, str]:
        """(key, description) of what Space/1-4/note act on: the focused finding, else the current difference."""
        focus = QApplication.focusWidget()
        if focus is not None and self.findings.isAncestorOf(focus):
            finding = self.findings.current_finding()
            if finding is not None:
                return finding.key, f"Finding: {finding.message}"
        diff = self.review.current
        if diff is None:  # nothing under review yet: the first key press brings up the first difference
            self.review.next()
            return "", ""
        return diff.key, f"Difference {self.review.index + 1}"

    def toggle_reviewed(self) -> None:
        """Space: mark the target reviewed, or not."""
        key, _ = self.review_target()
        if key:
            self.review.mark(key, reviewed=not self.review.state.get(key).reviewed)

    def set_verdict(self, verdict: str) -> None:
        """1-4: give the target a verdict (0 clears it)."""
        key, _ = self.review_target()
        if key:
            self.review.mark(key, verdict=verdict)

    def edit_note(self) -> None:
        """Enter / Ctrl+Shift+N: edit the target's note in the note bar."""
        key, title = self.review_target()
        if key:
            self.note_bar.open(key, title, self.review.state.get(key).note)

    # --- view ------------------------------------------------------------------------------------
    def set_aligned_rows(self, on: bool) -> None:
        """Toggle the aligned-rows grid."""
        self.stack.setCurrentWidget(self.aligned if on else self.panes)
        c = self.session.comparison
        if on and c is not None:
            self.aligned.show_comparison(c, self.render_style(), self.session.reference_index(), self.reading_font())
            current = self.review.current
            self.aligned.show_groups(set(), {current.group} if current else set())
        self.find_bar.refresh()

    def set_show_boilerplate(self, on: bool) -> None:
        """Show or hide boilerplate paragraphs (a preference)."""
        if self.prefs.show_boilerplate != on:
            self.prefs.show_boilerplate = on
            save_preferences(self.prefs)
            self.render()
            self.on_current_changed(self.review.current)

    def zoom(self, step: int) -> None:
        """+1 / -1 point, 0 back to the preferred size."""
        self.zoom_steps = 0 if step == 0 else max(6 - self.prefs.font_size, min(40, self.zoom_steps + step))
        self.panes.set_font(self.reading_font())
        self.aligned.document().setDefaultFont(self.reading_font())

    def focus_pane(self, number: int) -> None:
        """Ctrl+1..9: keyboard focus to a pane."""
        self.panes.focus_pane(number)

    def focus_article(self, path: str) -> None:
        """Double-click in the article list: bring that article's pane into view."""
        c = self.session.comparison
        paths = [a.path for a in c.articles] if c else []
        if path in paths and (pane := self.panes.pane_of(paths.index(path))) is not None:
            self.panes.focus_pane(self.panes.panes.index(pane) + 1)

    def set_reference(self, path: str) -> None:
        """Make an included article the reference (first pane, row order of the grid)."""
        self.session.reference_path = path
        c = self.session.comparison
        if c is not None:
            self.articles.model.set_rows(rows_for(c, self.session.excluded, self._reference_path(c)))
            self.render()
            self.on_current_changed(self.review.current)

    # --- dialogs ---------------------------------------------------------------------------------
    def open_preferences(self) -> None:
        """File > Preferences: apply what changed."""
        from copydesk.gui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            self.apply_preferences(dialog.preferences())

    def apply_preferences(self, new: Preferences) -> None:
        """Save new preferences; re-compare only when comparison options changed."""
        old = dataclasses.replace(self.prefs)
        for f in dataclasses.fields(Preferences):
            setattr(self.prefs, f.name, getattr(new, f.name))
        save_preferences(self.prefs)
        if new.theme != old.theme:
            self.dark = apply_theme(QApplication.instance(), new.theme)
            self.refresh_icons()
        self.actions_by_id["show_boilerplate"].setChecked(new.show_boilerplate)
        if (new.boilerplate_patterns, new.min_link_score) != (old.boilerplate_patterns, old.min_link_score):
            self.session.reload()
        else:
            self.render()
            self.on_current_changed(self.review.current)

    def on_color_scheme_changed(self, _scheme=None) -> None:
        """The platform switched light/dark: follow it while the preference is 'system'."""
        dark = follow_system_scheme(QApplication.instance(), self.prefs.theme, self.dark)
        if dark is not None:
            self.dark = dark
            self.refresh_icons()
            self.render()
            self.on_current_changed(self.review.current)

    def show_shortcuts(self) -> None:
        """F1 / ?: the shortcut overview."""
        from copydesk.gui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog.show_for(self)

    def show_about(self) -> None:
        """Help > About."""
        QMessageBox.about(self, "About Copydesk", "<b>Copydesk</b><br>Compare many versions of one news story: "
                          "aligned paragraphs, shared and unique wording, review and PDF export.")

    def export_pdf(self) -> None:
        """File > Export PDF (helper module gui.export_dialog)."""
        self._call_export("export_pdf_interactive")

    def print_comparison(self) -> None:
        """File > Print."""
        self._call_export("print_comparison")

    def _call_export(self, name: str) -> None:
        c = self.session.comparison
        if c is None:
            self.message_bar.show_problems("Open a folder first: there is nothing to export yet.", [], "warning")
            return
        fn = getattr(export_dialog, name)
        QTimer.singleShot(0, lambda: fn(self, c, self.review.state))
