"""What a paragraph's highlight runs say in their tooltips, worked out ahead, off the GUI thread, for the panes
about to be shown (a 500-version folder's first paint spent most of its time here: core.highlight decodes each
span's carriers and the tooltips name them). Pure Python on strings: safe in a worker thread."""

from __future__ import annotations

import html
import threading

from copydesk.core import highlight
from copydesk.core.model import Comparison, ParaRef
from copydesk.gui import palette

Look = tuple[tuple[highlight.Run, str], ...]
"""A paragraph's runs, each with its tooltip ('' for plain text)."""

_lock = threading.Lock()
_warm: tuple[Comparison | None, dict[ParaRef, Look]] = (None, {})  # one comparison's looks (the latest warmed)
_names: tuple[Comparison | None, list[str]] = (None, [])  # one comparison's article names (the latest asked)


def article_names(c: Comparison) -> list[str]:
    """How each article is named in tooltips and grid headers: '#3 Headline' (core.model.Article.label)."""
    held, names = _names
    if held is not c:  # the panes, the grid and the docks all ask for the same comparison's names
        names = [a.label(70) for a in c.articles]
        _remember_names(c, names)
    return list(names)


def _remember_names(c: Comparison, names: list[str]) -> None:
    global _names
    with _lock:
        _names = (c, names)


def origin_of(c: Comparison, ref: ParaRef) -> ParaRef | None:
    """The paragraph a shared paragraph most likely came from (the checks' ArticleDelta.origins), if known."""
    delta = next((d for d in c.deltas if d.article == ref[0]), None)
    return next((o for own, o in delta.origins if own == ref), None) if delta is not None else None


def paragraph_look(c: Comparison, ref: ParaRef, names: list[str]) -> Look:
    """The paragraph's runs (core.highlight, all articles included) with their tooltips; warmed ones if held."""
    held, looks = _warm
    if held is c and ref in looks:
        return looks[ref]
    return _look(c, ref, names)


def warm(c: Comparison, articles: tuple[int, ...]) -> None:
    """Work out the looks of these articles' paragraphs now (a worker thread), for the paint that follows."""
    names = article_names(c)
    looks = {(a, p.index): _look(c, (a, p.index), names) for a in articles for p in c.articles[a].paragraphs}
    global _warm
    with _lock:
        _warm = (c, looks)  # only the latest: an older comparison is not kept alive by this


def _look(c: Comparison, ref: ParaRef, names: list[str]) -> Look:
    para = c.paragraph(ref)
    origin = origin_of(c, ref)
    source = f"<br><i>Likely taken from {html.escape(names[origin[0]])}</i>" if origin else ""
    others = len(c.articles) - 1
    out = []
    for run in highlight.paragraph_runs(c, ref):
        if run.kind == highlight.BOILERPLATE:
            tip = f"<b>Boilerplate</b><br>{html.escape(para.boilerplate_reason or 'page furniture')}"
        elif run.kind != highlight.PLAIN:
            tip = palette.run_tooltip(run, others, names) + (source if run.carriers else "")
        else:
            tip = ""
        out.append((run, tip))
    return tuple(out)
