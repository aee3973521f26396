"""The history of runs of one lesson, from the progress file."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tutor.formatting import number, seconds, typed
from tutor.lesson import Lesson
from tutor.screens.dialogs import WatchesSize


class RunsScreen(WatchesSize, Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="runs-back")]

    def __init__(self, lesson: Lesson, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(
            f"Runs of “{self.lesson.title}”, newest first. Params differing from the defaults are listed.",
            id="runs-intro",
            markup=False,
        )
        yield DataTable(id="runs-table", zebra_stripes=True, cursor_type="row")
        yield Static("", id="run-notes", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "Runs"
        table = self.query_one(DataTable)
        runs = self._runs = list(reversed(self.app.progress.runs(self.lesson.id)))
        metric_names: list[str] = []
        for r in runs:
            for k, v in r.get("metrics", {}).items():
                if k not in metric_names and isinstance(v, (int, float)) and not isinstance(v, bool):
                    metric_names.append(k)
        metric_names = metric_names[:4]
        table.add_columns("#", "when", "status", "goal", "time", "device", *metric_names, "changed params")
        defaults = self.lesson.params_to_json(self.lesson.defaults())
        for r in runs:
            changed = ", ".join(
                f"{k}={typed(v)}" for k, v in r.get("params", {}).items() if defaults.get(k) != v
            )
            if r.get("code"):  # the run used the learner's code (tutor.exercises.mine)
                changed = f"your {', '.join(r['code'])}; {changed or 'defaults'}"
            goal = {True: "✓ met", False: "✗", None: "–"}[r.get("goal_met")]
            metrics = r.get("metrics", {})
            table.add_row(
                str(r.get("n")),
                str(r.get("started", ""))[:16].replace("T", " "),
                r.get("status", ""),
                goal,
                seconds(r.get("seconds", 0)),
                r.get("device", ""),
                *[number(metrics[m]) if m in metrics else "" for m in metric_names],
                changed or "defaults",
            )
        if not runs:
            self.query_one("#runs-intro", Static).update("No runs yet: press esc, then r to run.")
        self._show_notes(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_notes(event.cursor_row)

    def _show_notes(self, row: int) -> None:
        """What the highlighted run said: its message and its notes (what the data was, a
        live change, what the learner's own code printed)."""
        run = self._runs[row] if 0 <= row < len(self._runs) else {}
        lines = [run.get("message") or "", *(run.get("notes") or [])]
        text = "\n".join(line for line in lines if line)
        panel = self.query_one("#run-notes", Static)
        panel.update(f"Run #{run.get('n')}:\n{text}" if text else "")
        panel.display = bool(text)
