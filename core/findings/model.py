"""The values the editorial checks produce: findings, source scores and per-article deltas."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from copydesk.core.model import ParaRef

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Occurrence:
    """Where a finding shows: [start, end) code points of one paragraph's text."""

    article: int
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    """One editorial problem across the articles, worded for a desk editor."""

    kind: str
    severity: str
    message: str
    occurrences: tuple[Occurrence, ...]
    detail: str = ""
    basis: str = ""  # the content the finding is about (for the key); the message when empty

    @property
    def key(self) -> str:
        """Stable, content-based identity for review marks: survives re-alignment and reordering."""
        digest = hashlib.sha1(f"{self.kind}\n{self.basis or self.message}".encode("utf-8")).hexdigest()
        return f"{self.kind}:{digest[:16]}"

    def to_dict(self) -> dict[str, Any]:
        """Plain dict in the JSON contract's shape."""
        out = {"kind": self.kind, "severity": self.severity, "message": self.message,
               "occurrences": [{"article": o.article, "paragraph": o.paragraph, "start": o.start, "end": o.end}
                               for o in self.occurrences]}
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True)
class SourceScore:
    """How likely an article is the source the others derive from, in [0, 1]."""

    article: int
    score: float


@dataclass(frozen=True)
class ArticleDelta:
    """What an article adds that no other carries, and what it cuts from the likely original."""

    article: int
    added: tuple[ParaRef, ...]
    cut: tuple[ParaRef, ...]
    summary: str
    origins: tuple[tuple[ParaRef, ParaRef], ...] = ()  # (own shared paragraph, the paragraph it likely came from)


def severity_rank(severity: str) -> int:
    """0 for high, 1 for medium, 2 for low (sort key)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)
