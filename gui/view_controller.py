"""What the window shows of the open comparison: panes or grid, selection, the current difference, zoom."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStackedWidget, QTextEdit

from copydesk.core.differences import Difference
from copydesk.core.findings.model import Occurrence
from copydesk.core.layout import columns_for, pane_selection
from copydesk.core.model import Comparison, ParaRef
from copydesk.core.navigation import InlineRange
from copydesk.core.review import since_label, verdict_label
from copydesk.gui.actions import key_text
from copydesk.gui.bars import MessageBar, StatusBar
from copydesk.gui.docks.article_dock import ArticleDock
from copydesk.gui.docks.article_model import rows_for
from copydesk.gui.docks.findings_dock import FindingsDock
from copydesk.gui.preferences_controller import PreferencesController
from copydesk.gui.review_controller import ReviewController
from copydesk.gui.session import ComparisonSession
from copydesk.gui.theme import reading_font
from copydesk.gui.views.aligned_view import AlignedView
from copydesk.gui.views.find_bar import FindBar
from copydesk.gui.views.legend import Legend
from copydesk.gui.views.overview import review_marks
from copydesk.gui.views.pane_render import RenderStyle
from copydesk.gui.views.panes import PaneArea


@dataclass(frozen=True)
class Views:
    """The widgets the comparison is shown in."""

    stack: QStackedWidget  # holds panes and aligned
    panes: PaneArea
    aligned: AlignedView
    legend: Legend
    find_bar: FindBar
    articles: ArticleDock
    findings: FindingsDock
    message_bar: MessageBar
    status: StatusBar


class ViewController(QObject):
    """Renders the session's comparison into the views and keeps them in step with review and selection."""

    rendered = Signal()  # a comparison has been laid out in the views
    checked = Signal()  # the editorial checks' results are shown too

    def __init__(self, session: ComparisonSession, review: ReviewController, preferences: PreferencesController,
                 views: Views, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.review, self.preferences, self.v = session, review, preferences, views
        self.zoom_steps = 0
        self._shown_paths: tuple[str, ...] | None = None  # versions side by side; None = the default choice
        self._fresh = False  # another folder was opened: its first render starts at the top
        self._painted: tuple = ()  # _picture of what render last painted

    # --- the comparison --------------------------------------------------------------------------
    def on_loaded(self, c: Comparison) -> None:
        """A comparison arrived (first load, edit on disk, exclusion, preferences): show it."""
        v = self.v
        skipped = [p for p in c.problems if p.skipped]
        notes = [p for p in c.problems if not p.skipped]
        if skipped:
            v.message_bar.show_problems("Some files could not be used:", skipped + notes)
        elif notes:
            v.message_bar.show_problems("Some files were read with a caveat:", notes, "info")
        else:
            v.message_bar.hide()
        self._refresh_article_list(c)
        self.render()
        reference = self.session.reference_index()
        self.review.set_comparison(c, reference, self.session.changes, self.session.differences_for(c, reference))
        v.findings.set_comparison(c, self.review.state)
        v.findings.show_checking(not c.checks_ran)
        if self._fresh:
            self.start_fresh(c)
        self.rendered.emit()

    def on_checked(self, c: Comparison) -> None:
        """The editorial checks landed (after the first paint): findings, likely original, changes, origins."""
        v = self.v
        self._refresh_article_list(c)
        self.review.use_checked(c)
        v.findings.set_comparison(c, self.review.state)
        if self._painted != self._picture(c):
            self.render()  # tooltips name where a shared paragraph came from (the checks' origins)
        # render keeps each pane's scroll and the current difference's frame: the editor may have moved
        # since the first paint, so nothing scrolls back to the current difference here. A big folder's
        # panes were painted with the ranking and origins already (gui/session.py ready): nothing to redo.
        self.show_review_marks()
        self.checked.emit()

    def start_fresh(self, c: Comparison) -> None:
        """The first render of another folder: every pane and the grid at the top, no current difference.

        Hook: a difference remembered for c.folder, made current by review.set_comparison, is where the
        panes start instead (showing it has scrolled them there).
        """
        self._fresh = False
        if self.review.current is None:
            self.v.panes.scroll_to_top()
            self.v.aligned.verticalScrollBar().setValue(0)

    def on_failed(self, message: str) -> None:
        """The folder could not be compared: say why and drop the stale comparison (excluded files stay listed)."""
        v = self.v
        v.message_bar.show_problems(message, [], "error")
        self.review.clear()
        v.articles.model.set_rows(rows_for(None, self.session.excluded, ""))
        v.panes.clear()
        v.aligned.clear_grid()
        v.findings.set_comparison(None)
        v.find_bar.refresh()
        v.status.set_review("Nothing to review", self.review.unreviewed_only)
        v.status.current.setText("No comparison")

    def render(self) -> None:
        """Lay out the current comparison in the active view (the other one is rebuilt when shown)."""
        c = self.session.comparison
        if c is None:
            return
        v, style, reference = self.v, self.render_style(), self.session.reference_index()
        shown = self.shown(c)
        self._painted = self._picture(c)
        v.legend.set_scheme(style.scheme, style.dark)
        v.panes.set_comparison(c, style, columns_for(c, reference, shown), self.reading_font())
        if self.grid_shown():
            v.aligned.show_comparison(c, style, reference, self.reading_font(), shown)
        self.show_review_marks()
        v.find_bar.refresh()
        if len(shown) < len(c.articles):
            v.status.showMessage(f"Showing {len(shown)} of {len(c.articles)} versions side by side: double-click "
                                 f"a version in the article list to show it", 15000)

    def _picture(self, c: Comparison) -> tuple:
        """What of c the panes paint that the checks can change: which versions, and their paragraphs' origins."""
        shown = self.shown(c)
        return shown, tuple(d.origins for d in c.deltas if d.article in shown)

    def shown(self, c: Comparison) -> tuple[int, ...]:
        """The articles shown side by side (panes and grid), in folder order; the reference always among them."""
        reference = self.session.reference_index()
        if self._shown_paths is None:
            return pane_selection(c, reference)
        wanted = set(self._shown_paths)
        chosen = {a for a, art in enumerate(c.articles) if art.path in wanted} | {reference}
        return tuple(sorted(chosen))

    def show_side_by_side(self, path: str, on: bool) -> None:
        """Add a version to the panes, or take it out (the reference always stays)."""
        c = self.session.comparison
        if c is None:
            return
        paths = [c.articles[a].path for a in self.shown(c)]
        if on and path not in paths:
            paths.append(path)
        elif not on and path in paths and len(paths) > 1:
            paths.remove(path)
        else:
            return
        self._shown_paths = tuple(paths)
        self._refresh_article_list(c)
        self.render()
        self.on_current_changed(self.review.current)

    def forget_folder(self) -> None:
        """Another folder: its own default choice of versions and zoom."""
        self._shown_paths = None

    def expect_fresh(self) -> None:
        """The next comparison is another folder's: show it from the top (start_fresh)."""
        self._fresh = True

    def restyle(self) -> None:
        """Preferences or the light/dark scheme changed how things look: render again, keep the current one."""
        self.render()
        self.on_current_changed(self.review.current)

    def render_style(self) -> RenderStyle:
        """Palette, dark mode and boilerplate visibility from the preferences."""
        prefs = self.preferences.prefs
        return RenderStyle(self.preferences.scheme(), self.preferences.dark, prefs.show_boilerplate)

    def reading_font(self) -> QFont:
        """The prose font at the current zoom."""
        prefs = self.preferences.prefs
        return reading_font(prefs.font_family, prefs.font_size + self.zoom_steps)

    def grid_shown(self) -> bool:
        """Whether the aligned-rows grid is the active view."""
        return self.v.stack.currentWidget() is self.v.aligned

    def text_views(self) -> list[QTextEdit]:
        """The text views find searches, in display order."""
        if self.grid_shown():
            return [self.v.aligned]
        return [p.text for p in self.v.panes.panes]

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
        self.v.panes.show_links(ref, linked)
        current = self.review.current
        self.v.aligned.show_groups({group} if group is not None else set(), {current.group} if current else set())
        self.review.anchor_at(ref)

    def on_current_changed(self, diff: Difference | None) -> None:
        """Frame the current difference everywhere and describe it in the status bar."""
        self.v.aligned.show_ranges([])
        if diff is None:
            self.v.panes.clear_markers()
            self.v.aligned.show_groups(set(), set())
        else:
            self.v.panes.show_current(diff.refs, [])
            self.v.aligned.show_groups(set(), {diff.group})
        self.describe_current()

    def on_inline_changed(self, rng: InlineRange | None) -> None:
        """F4: frame one changed run inside the current difference and bring it into view."""
        diff = self.review.current
        if diff is None or rng is None:
            return
        self.v.panes.show_current(diff.refs, [rng])
        if self.grid_shown():
            self.v.aligned.show_ranges([rng])
        self._scroll_pane_to(rng[0], rng[1], rng[2])

    def on_marks_changed(self) -> None:
        """Review marks changed or were reloaded: status bar, findings dock."""
        self.v.status.set_review(self.review.progress_text(), self.review.unreviewed_only)
        self.describe_current()
        self.v.findings.refresh_review(self.review.state)
        self.show_review_marks()

    def show_review_marks(self) -> None:
        """Each difference's mark where it is: badges in the panes, ticks on the strips, badges in the grid."""
        marks = review_marks(self.review.differences, self.review.state.get, self.render_style().scheme)
        for pane in self.v.panes.panes:
            pane.text.set_review_marks(marks.badges_of(pane.article))
            pane.strip.set_review_marks(marks.ticks.get(pane.article, []), pane.text.paragraph_fraction)
        self.v.aligned.set_review_marks(marks.rows)

    def describe_current(self) -> None:
        """The status bar's line about the current difference (its mark included)."""
        diff, n = self.review.current, len(self.review.differences)
        if diff is None:
            keys = f"{key_text('N')} or {key_text('Alt+Down')}"  # spelled as in the shortcut list
            self.v.status.current.setText(f"{n} differences — press {keys} to step through them" if n else
                                          "No differences between the included articles")
            return
        mark = self.review.state.get(diff.key)
        parts = [self.review.nav.position_text(), diff.label]
        if mark.reviewed:
            parts.append("✓ reviewed")
        if mark.verdict:
            parts.append(verdict_label(mark.verdict))
        if since := self.review.since(diff.key):
            parts.append(since_label(since))
        if mark.note:
            parts.append(f"note: {mark.note}")
        self.v.status.current.setText("  ·  ".join(parts))

    def show_occurrences(self, occurrences: Iterable[Occurrence] | None) -> None:
        """A finding was activated: select its first occurrence and frame every occurrence."""
        found = tuple(occurrences or ())
        if not found:
            return
        ranges = [(o.article, o.paragraph, o.start, o.end) for o in found]
        refs = tuple(dict.fromkeys((o.article, o.paragraph) for o in found))
        self.v.panes.show_current(refs, ranges)
        c = self.session.comparison
        if self.grid_shown() and c is not None:
            groups = {g for g in (c.group_of(r) for r in refs) if g is not None}
            self.v.aligned.show_groups(set(), groups)
            self.v.aligned.show_ranges(ranges)
        first = found[0]
        self._scroll_pane_to(first.article, first.paragraph, first.start)

    def _scroll_pane_to(self, article: int, paragraph: int, offset: int) -> None:
        pane = self.v.panes.pane_of(article)
        if pane is not None:
            pos = pane.text.rendered.position(pane.text.document(), paragraph, offset)
            if pos is not None:
                pane.text.scroll_to_position(pos)

    # --- view ------------------------------------------------------------------------------------
    def set_aligned_rows(self, on: bool) -> None:
        """Toggle the aligned-rows grid."""
        v = self.v
        v.stack.setCurrentWidget(v.aligned if on else v.panes)
        c = self.session.comparison
        if on and c is not None:
            v.aligned.show_comparison(c, self.render_style(), self.session.reference_index(), self.reading_font(),
                                      self.shown(c))
            current = self.review.current
            v.aligned.show_groups(set(), {current.group} if current else set())
            self.show_review_marks()
        v.find_bar.refresh()

    def zoom(self, step: int) -> None:
        """+1 / -1 point, 0 back to the preferred size."""
        size = self.preferences.prefs.font_size
        self.zoom_steps = 0 if step == 0 else max(6 - size, min(40, self.zoom_steps + step))
        current = self.review.current  # stays in view (else the row at the top does)
        self.v.panes.set_font(self.reading_font(), current.group if current else None)
        self.v.aligned.set_reading_font(self.reading_font(), current.group if current else None)

    def focus_pane(self, number: int) -> None:
        """Ctrl+1..9: keyboard focus to a pane."""
        self.v.panes.focus_pane(number)

    def focus_article(self, path: str) -> None:
        """Double-click in the article list: bring that article's pane into view (showing it if hidden)."""
        c = self.session.comparison
        paths = [a.path for a in c.articles] if c else []
        if path in paths and self.v.panes.pane_of(paths.index(path)) is None:
            self.show_side_by_side(path, True)
        if path in paths and (pane := self.v.panes.pane_of(paths.index(path))) is not None:
            self.v.panes.focus_pane(self.v.panes.panes.index(pane) + 1)

    def set_reference(self, path: str) -> None:
        """Make an included article the reference: first pane, row order of the grid, the PDF and review."""
        self.session.reference_path = path
        c = self.session.comparison
        if c is not None:
            self._refresh_article_list(c)
            self.render()
            self.review.set_comparison(c, self.session.reference_index())

    def _refresh_article_list(self, c: Comparison) -> None:
        reference = c.articles[self.session.reference_index()].path if c.articles else ""
        shown = self.shown(c)
        side = {c.articles[a].path for a in shown} if len(shown) < len(c.articles) else None
        self.v.articles.model.set_rows(rows_for(c, self.session.excluded, reference, side))
