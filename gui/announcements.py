"""Words for what changed on disk between two comparisons ("#4 Headline (003_x.txt) changed — re-compared")."""

from __future__ import annotations

from typing import Callable

from copydesk.core.changes import Changes
from copydesk.core.model import Article, Comparison

NAMED = 3  # articles named one by one; more are counted ("and 4 more")


def article_name(article: Article) -> str:
    """How an announcement names a version: as the lists and panes do, with the file that changed on disk."""
    return f"{article.label(50)} ({article.name})"


def announcement(changes: Changes, old: Comparison, new: Comparison,
                 name: Callable[[Article], str] = article_name) -> str:
    """One line for the message bar: what was changed, added, removed ('' when nothing was). Plain text."""
    before = {a.path: a for a in old.articles}
    after = {a.path: a for a in new.articles}
    parts = []
    if changes.changed:
        parts.append(f"{_names([after[p] for p in changes.changed], name)} changed — re-compared")
    if changes.added:
        parts.append(f"{_names([after[p] for p in changes.added], name)} added")
    if changes.removed:
        parts.append(f"{_names([before[p] for p in changes.removed], name)} removed")
    return "; ".join(parts)


def _names(articles: list[Article], name: Callable[[Article], str]) -> str:
    shown = [name(a) for a in articles[:NAMED]]
    if len(articles) > NAMED:
        return ", ".join(shown) + f" and {len(articles) - NAMED} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
