"""One honest progress figure for a whole folder load, from the core's per-stage progress callbacks.

The core reports each stage from 0 to 1 on its own ("load", "stories", "segment", "align", "spans", and for a
folder of several stories "compare" over all of them); the window then prepares the first paint ("prepare").
Shown raw, the bar jumps back to 0 and sits at 100% under a stage that is over while work goes on. Here each
stage owns a share of one bar, and neither the bar nor its label ever goes back.
"""

from __future__ import annotations

# stage -> (start, end) of its share of the whole load, and what the window says meanwhile
STAGES: dict[str, tuple[float, float, str]] = {
    "load": (0.00, 0.10, "Reading files…"),
    "stories": (0.10, 0.15, "Grouping stories…"),
    "segment": (0.15, 0.20, "Splitting paragraphs…"),
    "align": (0.20, 0.50, "Aligning paragraphs…"),
    "spans": (0.50, 0.85, "Comparing words…"),
    "compare": (0.15, 0.85, "Comparing versions…"),  # a folder of several stories: all of them, as one fraction
    "prepare": (0.85, 1.00, "Preparing the view…"),  # gui.session.prepared, off the GUI thread
}


class LoadProgress:
    """Maps (stage, fraction) reports to one monotonic (label, overall fraction) for the whole load."""

    def __init__(self) -> None:
        self.label, self.value = "", 0.0

    def reset(self, label: str = "") -> None:
        """A new load starts at 0."""
        self.label, self.value = label, 0.0

    def advance(self, stage: str, fraction: float) -> bool:
        """Take a report; True when the bar moved on (a report behind what is shown changes nothing)."""
        start, end, label = STAGES.get(stage, (self.value, self.value, stage.capitalize() + "…"))
        # "compare" at 1.0 means the comparison is done: the next thing is the view, so say that
        done_comparing = stage == "compare" and fraction >= 1.0
        if done_comparing:
            start, end, label = STAGES["prepare"][0], STAGES["prepare"][0], STAGES["prepare"][2]
        value = start + (end - start) * max(0.0, min(1.0, fraction))
        if value < self.value or (value == self.value and label == self.label):
            return False
        self.label, self.value = label, value
        return True
