"""One code exercise of a page: its title, task, the learner's file, status, and buttons
Edit, Check, Hint, Solution and $EDITOR; the last check's report (wrapped, never cut).

The panel only shows: the lesson screen runs the checks and records hints and the solution
shown (tutor/screens/lesson_exercises.py), and calls `show_result` / `show_checking` /
`show_state` / `show_solution`. Buttons post `ExercisePanel.Action`. The hints shown so far
come from the progress entry, so they are there again after a restart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.syntax import Syntax
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from tutor.exercises import Exercise, record
from tutor.formatting import plural

ACTIONS = ("edit", "check", "hint", "solution", "external")
LABELS = {"edit": "Edit", "check": "Check", "hint": "Hint", "solution": "Solution", "external": "$EDITOR"}


def status_line(state: dict) -> str:
    """ "not started", "not passing yet (3 checks)" or "passed ✓ (4 checks)"."""
    attempts = int(state.get("attempts", 0) or 0)
    checks = f" ({plural(attempts, 'check')})" if attempts else ""
    if state.get("passed"):
        return "passed ✓" + checks
    return "not passing yet" + checks if attempts else "not started"


class ReportView(Static):
    """A check's report (or a short line such as "Checking…"), its sentences wrapped to the
    width it gets, again after a resize; long values wrap too, so nothing is cut."""

    DEFAULT_CSS = "ReportView { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.result = None
        self.line = ""

    def show(self, result=None, line: str = "") -> None:
        """A CheckResult, or a line of text."""
        self.result, self.line = result, line
        self.set_class(result is not None and result.passed, "-passed")
        self.set_class(result is not None and not result.passed, "-failed")
        self.display = result is not None or bool(line)
        self._draw()

    @property
    def text(self) -> str:
        return self.result.text(width=max(30, self.content_size.width - 1)) if self.result else self.line

    def _draw(self) -> None:
        self.update(Text(self.text))

    def on_resize(self) -> None:
        if self.result is not None:
            self._draw()


class ExercisePanel(Vertical):
    """One exercise; `state` is its entry in the progress file (tutor.exercises.record)."""

    DEFAULT_CSS = """
    ExercisePanel { height: auto; }
    ExercisePanel .exercise-title { text-style: bold; }
    ExercisePanel .exercise-status.-passed { color: $text-success; }
    ExercisePanel .exercise-file { color: $text-muted; }
    ExercisePanel .exercise-actions { height: auto; }
    ExercisePanel .exercise-actions Button { width: auto; min-width: 0; padding: 0 1; margin-right: 1; }
    ExercisePanel .exercise-hints { height: auto; }
    ExercisePanel .exercise-solution-code { height: auto; display: none; }
    ReportView.-passed { color: $text-success; }
    ReportView.-failed { color: $text-error; }
    """

    class Action(Message):
        """A button: `action` is one of ACTIONS."""

        def __init__(self, panel: "ExercisePanel", action: str) -> None:
            super().__init__()
            self.panel, self.action = panel, action

    def __init__(self, exercise: Exercise, state: dict, path: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.exercise = exercise
        self.state = dict(state)
        self.path = path

    def compose(self) -> ComposeResult:
        ex = self.exercise
        yield Static(Text(f"Exercise: {ex.title}"), classes="exercise-title")
        yield Static(Text(ex.task), classes="exercise-task")
        yield Static(Text(f"Your file: {self.path}"), classes="exercise-file")
        yield Static("", classes="exercise-status")
        with Horizontal(classes="exercise-actions"):
            for action in ACTIONS:
                yield Button(LABELS[action], classes=f"exercise-{action}", compact=True)
        yield Static("", classes="exercise-hints")
        yield ReportView(classes="exercise-report")
        yield Static("", classes="exercise-solution-code")

    def on_mount(self) -> None:
        self.report.display = False
        self._show()

    @property
    def passed(self) -> bool:
        return bool(self.state.get("passed"))

    @property
    def hints_shown(self) -> int:
        return record.hints_shown(self.state, self.exercise)

    @property
    def solution_offered(self) -> bool:
        """After a pass, or after every hint was shown."""
        return record.solution_offered(self.state, self.exercise)

    def _show(self) -> None:
        status = self.query_one(".exercise-status", Static)
        status.update(Text(f"Status: {status_line(self.state)}"))
        status.set_class(self.passed, "-passed")
        hints = self.exercise.hints[: self.hints_shown]
        box = self.query_one(".exercise-hints", Static)
        box.update(
            Text("\n".join(f"Hint {i + 1} of {len(self.exercise.hints)}: {h}" for i, h in enumerate(hints)))
        )
        box.display = bool(hints)
        self.query_one(".exercise-hint", Button).display = self.hints_shown < len(self.exercise.hints)
        self.query_one(".exercise-solution", Button).display = self.solution_offered

    # ------------------------------------------------------------------ shown by the screen
    @property
    def report(self) -> ReportView:
        return self.query_one(".exercise-report", ReportView)

    def show_checking(self) -> None:
        self.report.show(line="Checking…")

    def show_result(self, result, state: dict) -> None:
        """A CheckResult (tutor.exercises.report) and the progress entry after recording it."""
        self.report.show(result)
        self.show_state(state)

    def show_state(self, state: dict) -> None:
        """The exercise's progress entry after a change (a check, a hint shown)."""
        self.state = dict(state) or self.state
        self._show()

    def show_solution(self) -> None:
        box = self.query_one(".exercise-solution-code", Static)
        box.update(Syntax(self.exercise.solution(), "python", word_wrap=True, theme="ansi_dark"))
        box.display = True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        for action in ACTIONS:
            if event.button.has_class(f"exercise-{action}"):
                self.post_message(self.Action(self, action))
