"""A lesson: its pages, the parameter form, live charts, run status, goal and hints."""

from __future__ import annotations

import inspect
import sys
import time
from typing import Any

from rich.syntax import Syntax
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (ContentSwitcher, Footer, Header, Markdown, ProgressBar,
                             Static, TabbedContent, TabPane)
from textual.worker import Worker, WorkerState

from tutor.screens.dialogs import WatchesSize

from tutor.charts import fmt, fmt_seconds
from tutor.course import Lesson
from tutor.runner import Run, RunResult, default_threads
from tutor.widgets.chart_view import ChartView
from tutor.widgets.goal_panel import GoalPanel
from tutor.widgets.param_form import ParamForm
from tutor.widgets.quiz_panel import QuizPanel

POLL_SECONDS = 0.25       # how often the UI looks at a running run (redraws only on change)
CHART_SECONDS = 0.5       # charts are redrawn at most this often: each redraw takes the GIL
                          # from the training thread (benchmarks: 4 Hz cost ~12% on xor)


def lesson_source(lesson: Lesson) -> str:
    """The real source the lesson runs: its own module, then each module of the `lessons`
    package it takes code from (shared helpers such as a training loop), so the Code view
    shows everything the run executes of the course's code."""
    module = sys.modules.get(lesson.train.__module__)
    if module is None:
        return "# The source of this lesson is not available."
    helpers = []
    for value in vars(module).values():
        name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
        if (isinstance(name, str) and name.startswith("lessons.") and name != module.__name__
                and name not in helpers and name in sys.modules):
            helpers.append(name)
    parts = []
    for name in [module.__name__] + helpers:
        try:
            source = inspect.getsource(sys.modules[name])
        except (OSError, TypeError):
            continue
        header = "" if name == module.__name__ else f"\n# {'=' * 70}\n# {name} (used by this lesson)\n# {'=' * 70}\n"
        parts.append(header + source)
    return "\n".join(parts) or "# The source of this lesson is not available."


class LessonScreen(WatchesSize, Screen):
    BINDINGS = [
        Binding("r,ctrl+r", "run", "Run", tooltip="Train with the values in the form", id="run"),
        Binding("s,ctrl+t", "stop", "Stop", tooltip="Stop the run in progress", id="stop"),
        Binding("n", "page(1)", "Next", tooltip="Next page of the lesson", id="next-page"),
        Binding("p", "page(-1)", "Prev", tooltip="Previous page of the lesson", id="prev-page"),
        Binding("h", "hint", "Hint", tooltip="Reveal the next hint for the goal", id="hint"),
        Binding("c", "code", "Code", tooltip="Show or hide the lesson's training code", id="code"),
        Binding("e", "edit", "Edit", show=False, tooltip="Edit the parameters", id="edit"),
        Binding("l", "runs", "Runs", show=False, tooltip="This lesson's past runs", id="runs"),
        Binding("full_stop", "reveal", "Next step", show=False,
                tooltip="Reveal the next row of a step-through table", id="reveal"),
        Binding("]", "chart(1)", "Next chart", show=False, id="next-chart"),
        Binding("[", "chart(-1)", "Prev chart", show=False, id="prev-chart"),
        Binding("escape", "back", "Back", tooltip="Leave the field, or go back to the course", id="back"),
    ]

    def __init__(self, lesson: Lesson, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lesson = lesson
        self.run_in_progress: Run | None = None
        self._drawn_version = -1
        self._charts_drawn_at = 0.0
        self._previous: dict = {}                   # the last run's curves, drawn grey
        self._poll_timer = None
        self.last_result: RunResult | None = None

    # ------------------------------------------------------------------ building
    @property
    def progress(self):
        return self.app.progress

    def compose(self) -> ComposeResult:
        entry = self.progress.lesson(self.lesson.id)
        self.page = min(max(0, int(entry.get("page") or 0)), len(self.lesson.pages) - 1)
        values = self.lesson.resolve(base=entry.get("params") or {})
        yield Header(show_clock=False)
        with Horizontal(id="lesson-body"):
            with Vertical(id="left"):
                with ContentSwitcher(initial="reader", id="left-switcher"):
                    with VerticalScroll(id="reader"):
                        yield Markdown("", id="page", open_links=False)
                        yield Vertical(id="quizzes")
                    with VerticalScroll(id="code-view"):
                        yield Static(Syntax(lesson_source(self.lesson), "python", line_numbers=True,
                                            word_wrap=False, theme="ansi_dark"), id="code")
                yield Static("", id="page-nav")
                yield ParamForm(self.lesson.params, values, id="form")
            with Vertical(id="right"):
                with TabbedContent(id="charts"):
                    for chart in self.lesson.charts:
                        with TabPane(chart.title, id=f"tab-{chart.id}"):
                            yield ChartView(chart, id=f"chart-{chart.id}")
                with Vertical(id="run-box"):
                    yield ProgressBar(total=1000, show_eta=False, id="run-progress")
                    yield Static("Ready. Press r to run.", id="run-status", markup=False)
                yield GoalPanel(self.lesson.goal, int(entry.get("hints_shown") or 0),
                                entry.get("goal"), id="goal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # Widgets redrawn during a run, found once: a query walks the whole screen.
        self._chart_views = list(self.query(ChartView))
        self._run_bar = self.query_one("#run-progress", ProgressBar)
        self._run_status = self.query_one("#run-status", Static)
        self._run_bar.visible = False
        self.title = self.lesson.title
        self.sub_title = self.lesson.part
        self.progress.open_lesson(self.lesson.id, self.page)
        self.show_page(self.page)
        self._show_previous_run()

    def _show_previous_run(self) -> None:
        runs = self.progress.runs(self.lesson.id)
        if runs:
            last = runs[-1]
            self._status(
                f"Last run (#{last.get('n')}): {last.get('status')} in {last.get('seconds', 0):.1f} s · "
                + _metrics_line(last.get("metrics", {})) + " · press r to run again")
            previous = self._previous_curves()
            for view in self._chart_views:
                if view.chart.kind == "line":
                    view.show_curves({}, previous)

    def _previous_curves(self) -> dict:
        for past in reversed(self.progress.runs(self.lesson.id)):
            if past.get("curves"):
                return {k: [tuple(p) for p in v] for k, v in past["curves"].items()}
        return {}

    def on_resize(self) -> None:
        self.set_class(self.app.size.height < 30, "-compact")
        super().on_resize()

    # ------------------------------------------------------------------ pages and quizzes
    def show_page(self, index: int) -> None:
        pages = self.lesson.pages
        self.page = max(0, min(index, len(pages) - 1))
        self.query_one("#page", Markdown).update(pages[self.page])
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        quizzes = self.query_one("#quizzes", Vertical)
        quizzes.remove_children()
        answers = self.progress.lesson(self.lesson.id).get("quiz", {})
        quizzes.mount_all(QuizPanel(q, answers.get(q.id), classes="quiz")
                          for q in self.lesson.quizzes if q.page == self.page)
        nav = f"Page {self.page + 1} of {len(pages)}"
        nav += " · n: next" if self.page + 1 < len(pages) else " · last page"
        nav += " · p: previous" if self.page else ""
        self.query_one("#page-nav", Static).update(nav)
        if self.progress.lesson(self.lesson.id).get("page") != self.page:   # a write only on change
            self.progress.set_page(self.lesson.id, self.page)

    def action_page(self, step: int) -> None:
        self.query_one("#left-switcher", ContentSwitcher).current = "reader"
        self.show_page(self.page + step)

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        self.notify(f"Link: {event.href}", title="Not opened (no browser here)", timeout=8)

    @on(QuizPanel.Answered)
    def _quiz_answered(self, event: QuizPanel.Answered) -> None:
        self.progress.record_quiz(self.lesson.id, event.quiz.id, event.response, event.correct)

    # ------------------------------------------------------------------ other actions
    def action_code(self) -> None:
        switcher = self.query_one("#left-switcher", ContentSwitcher)
        switcher.current = "code-view" if switcher.current == "reader" else "reader"

    def action_hint(self) -> None:
        goal = self.query_one(GoalPanel)
        if goal.reveal_hint():
            self.progress.record_hint(self.lesson.id, goal.hints_shown)
        else:
            self.notify("All hints are shown." if self.lesson.goal else "This lesson has no hints.")

    def action_edit(self) -> None:
        form = self.query_one(ParamForm)
        for widget in form.query("Input, Select, DrawingGrid"):
            widget.focus()
            return

    def action_chart(self, step: int) -> None:
        tabs = self.query_one("#charts", TabbedContent)
        ids = [f"tab-{c.id}" for c in self.lesson.charts]
        if ids:
            i = ids.index(tabs.active) if tabs.active in ids else 0
            tabs.active = ids[(i + step) % len(ids)]

    def action_reveal(self) -> None:
        tabs = self.query_one("#charts", TabbedContent)
        active = tabs.active.removeprefix("tab-")
        views = [v for v in self.query(ChartView) if v.chart.id == active]
        if not views or not views[0].reveal_next():
            self.notify("Nothing more to reveal in this chart.", timeout=2)

    def action_runs(self) -> None:
        from tutor.screens.runs import RunsScreen

        self.app.push_screen(RunsScreen(self.lesson))

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and any(isinstance(a, (ParamForm, QuizPanel)) for a in focused.ancestors):
            self.query_one("#reader").focus()
            return
        if self.query_one("#left-switcher", ContentSwitcher).current != "reader":
            self.action_code()
            return
        self._save_params()
        self.app.pop_screen()

    def _save_params(self) -> None:
        form = self.query_one(ParamForm)
        if not form.errors():
            self.progress.set_params(self.lesson.id, self.lesson.params_to_json(form.values()))

    # ------------------------------------------------------------------ running
    @on(ParamForm.Edited)
    def _param_edited(self, event: ParamForm.Edited) -> None:
        run = self.run_in_progress
        if run is None or not event.valid:
            return
        if self.lesson.param(event.name).live:
            run.set_param(event.name, event.value)
            self.notify(f"{event.name} is now {self.lesson.param(event.name).format(event.value)} "
                        "in the running run.", timeout=3)
        else:
            self.notify(f"{event.name} will apply to the next run.", timeout=3)

    def action_run(self) -> None:
        if self.run_in_progress is not None:
            self.notify("A run is already going; press s to stop it first.")
            return
        form = self.query_one(ParamForm)
        errors = form.errors()
        if errors:
            self.notify("\n".join(errors.values()), title="Fix the parameters first",
                        severity="error", timeout=6)
            form.focus_first_error()
            return
        try:
            device = self.app.resolve_device()
        except ValueError as exc:
            self.notify(str(exc), title="Device unavailable", severity="error", timeout=8)
            return
        params = form.values()
        self.progress.set_params(self.lesson.id, self.lesson.params_to_json(params))
        run = Run(self.lesson, params, device, threads=default_threads(),
                  history=self.progress.runs(self.lesson.id))
        self.run_in_progress = run
        self._drawn_version = -1
        self._previous = self._previous_curves()    # fixed for the run: read once, not per redraw
        for view in self._chart_views:
            view.clear("Running…")
        self._run_bar.visible = True       # visibility, not display: no re-layout at run start
        self._run_bar.update(total=1000, progress=0)  # not indeterminate: that animates at 60 fps
        self._status(f"Starting on {device}…")
        self._poll_timer = self.set_interval(POLL_SECONDS, self._poll)
        # Start training after this frame is drawn, so the start-of-run drawing does not
        # compete with the first steps for the interpreter (the training loop holds the GIL).
        self.call_after_refresh(self._train, run)

    @work(thread=True, exclusive=True, group="training", exit_on_error=False, description="Training")
    def _train(self, run: Run) -> RunResult:
        return run.execute()

    def action_stop(self) -> None:
        if self.run_in_progress is None:
            self.notify("No run is going.", timeout=2)
            return
        self.run_in_progress.cancel()
        self._status("Stopping…")

    def _status(self, text: str) -> None:
        """The run status lines: a fixed height, updated without re-laying out the screen."""
        self._run_status.update(text, layout=False)

    def cancel_run(self) -> Run | None:
        """Used when quitting: stop the run without waiting for it. The run is returned,
        detached from this screen: recording its result is the caller's (the app's) job."""
        run, self.run_in_progress = self.run_in_progress, None
        if run is not None:
            run.cancel()
        return run

    def _poll(self) -> None:
        run = self.run_in_progress
        if run is not None and run.version != self._drawn_version:
            now = time.monotonic()
            charts = now - self._charts_drawn_at >= CHART_SECONDS
            self._draw(run, charts)
            if charts:
                self._charts_drawn_at = now

    def _draw(self, run: Run, charts: bool = True) -> None:
        """Status and progress always; the charts too when `charts` (they cost the most)."""
        width = max((v.size.width for v in self._chart_views), default=80)
        snap = run.snapshot(max_points=max(40, 2 * width), curves=charts)
        self._drawn_version = snap.version
        for view in self._chart_views if charts else ():
            if view.chart.kind == "line":
                if view.chart.pick(snap.curves):
                    view.show_curves(snap.curves, self._previous)
            elif view.chart.id in snap.figures:
                view.show_figure(snap.figures[view.chart.id])
        if snap.total:
            self._run_bar.update(total=1000, progress=round(1000 * snap.fraction))
        counts = " · ".join(f"{done}/{total}" for done, total in snap.loops) or (
            f"{snap.done}/{snap.total}" if snap.total else "")
        status = f"Running on {run.device}" + (f" · {counts}" if counts else "")
        if snap.eta is not None and snap.fraction < 1:       # the runner's, whole-run ETA
            status += f" · {fmt_seconds(snap.eta)} left"
        if snap.last:
            status += " · " + _metrics_line(snap.last)
        if snap.notes:
            status += " · " + snap.notes[-1]
        self._status(status)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "training" or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        run = self.run_in_progress
        self.run_in_progress = None
        if self._poll_timer is not None:
            self._poll_timer.stop()
        if event.state == WorkerState.SUCCESS and run is not None:
            self._finished(run, event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.app.show_error("The run could not start", event.worker.error)

    def _finished(self, run: Run, result: RunResult) -> None:
        self._draw(run)
        self.last_result = result
        run_no = self.progress.record_run(result)
        if result.status == "finished":
            self._run_bar.update(progress=self._run_bar.total)
        words = {"finished": "Finished", "cancelled": "Stopped", "diverged": "Diverged",
                 "failed": "Failed"}[result.status]
        status = f"{words} (run #{run_no}, {result.seconds:.1f} s on {result.device})"
        if result.metrics:
            status += " · " + _metrics_line(result.metrics)
        if result.message:
            status += "\n" + result.message
        self._status(status)
        goal = self.query_one(GoalPanel)
        if result.status == "finished":
            goal.record(result.goal_met, result.goal_reason, run_no)
            if result.goal_met and not self._was_met_before(run_no):
                self.notify("Goal met! The lesson is done; n/p keep reading, esc goes back.",
                            title="Well done", timeout=6)
        if result.status == "diverged":
            self.notify(result.message, title="The run diverged", severity="warning", timeout=10)
        elif result.status == "failed":
            self.app.show_error(f"The run failed: {result.message}", result.error)

    def _was_met_before(self, run_no: int) -> bool:
        met = self.progress.lesson(self.lesson.id).get("goal") or {}
        return bool(met.get("met")) and met.get("run") != run_no


def _metrics_line(metrics: dict, limit: int = 4) -> str:
    items = [(k, v) for k, v in metrics.items() if isinstance(v, (int, float, str)) and not isinstance(v, bool)]
    return ", ".join(f"{k} {fmt(v)}" for k, v in items[:limit])
