"""The lesson's goal, whether it is met, and hints revealed one at a time."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from tutor.lesson import Goal


class GoalPanel(Static):
    def __init__(
        self, goal: Goal | None, hints_shown: int = 0, met: dict | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.goal = goal
        # a saved count is only a count: never more hints than this lesson has
        count = hints_shown if isinstance(hints_shown, int) and not isinstance(hints_shown, bool) else 0
        self.hints_shown = max(0, min(count, len(goal.hints) if goal else 0))
        self.met = met  # {"met": True, "at": ..., "run": n} once met
        self.last_reason = ""

    def on_mount(self) -> None:
        self.refresh_text()

    def reveal_hint(self) -> bool:
        """Show one more hint; False when all are shown."""
        if not self.goal or self.hints_shown >= len(self.goal.hints):
            return False
        self.hints_shown += 1
        self.refresh_text()
        return True

    def record(self, met: bool | None, reason: str, run_no: int | None) -> None:
        self.last_reason = reason
        if met and not self.met:
            self.met = {"met": True, "run": run_no}
        self.refresh_text()

    def refresh_text(self) -> None:
        if self.goal is None:
            self.update("This lesson has no goal to check.")
            return
        text = Text()
        text.append("Goal: ", style="bold")
        text.append(self.goal.text)
        if self.met:
            run = self.met.get("run")
            text.append(f"\n✓ Met{f' on run {run}' if run else ''}. ", style="bold green")
        else:
            text.append("\n○ Not met yet. ", style="bold")
        if self.last_reason:
            text.append(f"Last run: {self.last_reason}.")
        for i in range(self.hints_shown):
            text.append(f"\nHint {i + 1}/{len(self.goal.hints)}: ", style="bold")
            text.append(self.goal.hints[i])
        if self.hints_shown < len(self.goal.hints):
            text.append(f"\n(h: hint {self.hints_shown + 1} of {len(self.goal.hints)})", style="dim")
        self.update(text)
