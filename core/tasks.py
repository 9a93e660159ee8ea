"""Cancellation and progress reporting for long core operations (no Qt)."""

from __future__ import annotations

import threading
from typing import Callable, Optional

ProgressCallback = Callable[[str, float], None]
"""Called as progress(stage, fraction) with fraction in [0, 1]."""


class Cancelled(Exception):
    """Raised inside core work when its CancelToken has been cancelled."""


class CancelToken:
    """A thread-safe flag the caller sets to stop long work at the next checkpoint."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once cancel() has been called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancel() has been called."""
        if self._event.is_set():
            raise Cancelled()


def report(progress: Optional[ProgressCallback], stage: str, fraction: float) -> None:
    """Call progress when one was given; keeps call sites free of None checks."""
    if progress is not None:
        progress(stage, max(0.0, min(1.0, fraction)))


def checkpoint(cancel: Optional[CancelToken]) -> None:
    """Raise Cancelled when the optional token has been cancelled."""
    if cancel is not None:
        cancel.check()
