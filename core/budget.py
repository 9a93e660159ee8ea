"""How much work reading one article file may take: a deadline, a cancel token, and the error when it is spent."""

from __future__ import annotations

import time
from typing import Callable, Optional

from copydesk.core.tasks import CancelToken, checkpoint

DEFAULT_SECONDS = 10.0
"""Time one file may take to decode and parse; a normal 5 MB page takes well under a second."""

CHECK_EVERY = 512
"""Loop iterations between two looks at the clock and the cancel token (each look costs about 100 ns)."""


class OverBudget(Exception):
    """Reading one file went past its time or size budget; str(exc) is the reason shown to the user."""


class ReadBudget:
    """The time left for one file, and the caller's cancel token; parsers call check() as they go."""

    def __init__(self, seconds: Optional[float] = DEFAULT_SECONDS, cancel: Optional[CancelToken] = None,
                 clock: Optional[Callable[[], float]] = None) -> None:
        self.seconds = seconds
        self.cancel = cancel
        self._clock = clock or time.monotonic  # looked up per budget, so a test can stand in a clock
        self._deadline = None if seconds is None else self._clock() + seconds

    def check(self) -> None:
        """Raise Cancelled when the token is cancelled, OverBudget when the time is spent."""
        checkpoint(self.cancel)
        if self._deadline is not None and self._clock() > self._deadline:
            raise OverBudget(f"took too long to read (over {self.seconds:g} s)")


def unlimited() -> ReadBudget:
    """A budget that never runs out and cannot be cancelled (for direct calls of the parsers)."""
    return ReadBudget(None, None)
