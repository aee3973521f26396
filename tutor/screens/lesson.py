"""A lesson: its pages, the parameter form, live charts, run status, goal and hints."""

from __future__ import annotations

import time
from typing import Any

from rich.syntax import Syntax
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Markdown, ProgressBar, Static
from textual.worker import Worker, WorkerState

from tutor.exercises import mine
from tutor.figures import figure_from_json
from tutor.formatting import metrics_line, plural, seconds
from tutor.lesson import Lesson
from tutor.lesson_source import lesson_source
from tutor.runner import Run, RunResult, default_threads
from tutor.screens import lesson_exercises
from tutor.screens.dialogs import WatchesSize
from tutor.screens.lesson_exercises import LessonExercises
from tutor.widgets.chart_deck import ChartDeck
from tutor.widgets.exercise_panel import ExercisePanel
from tutor.widgets.goal_panel import GoalPanel
from tutor.widgets.param_form import ParamForm
from tutor.widgets.quiz_panel import QuizPanel

WIDE = 150  # columns from which the reading and the lab sit side by side
POLL_SECONDS = 0.25  # how often the UI looks at a running run (redraws only on change)
CHART_SECONDS = 0.5  # charts are redrawn at most this often: each redraw takes the GIL
# from the training thread (benchmarks: 4 Hz cost ~12% on xor)


class LessonScreen(LessonExercises, WatchesSize, Screen):
    """Two panes: Read (the page with its quizzes, or the code) and Lab (the form, the goal
    with its hints, the charts and the run's status). From WIDE columns they sit side by
    side; below, one fills the screen and `v` switches (n/p/c bring the reading, r the lab)."""

    BINDINGS = [
        Binding("r,ctrl+r", "run", "Run", tooltip="Train with the values in the form", id="run"),
        Binding("s,ctrl+t", "stop", "Stop", tooltip="Stop the run in progress", id="stop"),
        Binding("n", "page(1)", "Next", tooltip="Next page of the lesson", id="next-page"),
        Binding("p", "page(-1)", "Prev", show=False, tooltip="Previous page of the lesson", id="prev-page"),
        Binding(
            "v", "pane('lab')", "Lab", tooltip="Show the lab: the form, the charts, the goal", id="lab-pane"
        ),
        Binding(
            "v", "pane('read')", "Read", tooltip="Show the reading: the page and its quizzes", id="read-pane"
        ),
        Binding("h", "hint", "Hint", tooltip="Reveal the next hint for the goal", id="hint"),
        Binding("c", "code", "Code", tooltip="Show or hide the lesson's training code", id="code"),
        Binding(
            "g",
            "zoom('goal-box')",
            "Goal",
            show=False,
            tooltip="The goal and its hints on the whole screen",
            id="goal",
        ),
        Binding(
            "z",
            "zoom('charts')",
            "Zoom chart",
            show=False,
            tooltip="The chart on the whole screen (again: back)",
            id="zoom-chart",
        ),
        Binding("e", "edit", "Edit", show=False, tooltip="Edit the parameters", id="edit"),
        Binding("l", "runs", "Runs", show=False, tooltip="This lesson's past runs", id="runs"),
        Binding(
            "full_stop",
            "reveal",
            "Next step",
            show=False,
            tooltip="Reveal the next row of a step-through table",
            id="reveal",
        ),
        Binding("]", "chart(1)", "Next chart", show=False, id="next-chart"),
        Binding(
            "}",
            "panels(1)",
            "Next panels",
            show=False,
            tooltip="Small multiples: the next panels",
            id="next-panels",
        ),
        Binding(
            "{",
            "panels(-1)",
            "Previous panels",
            show=False,
            tooltip="Small multiples: the previous panels",
            id="prev-panels",
        ),
        Binding("[", "chart(-1)", "Prev chart", show=False, id="prev-chart"),
        Binding("pagedown,space", "scroll_reader('page_down')", "Page down", show=False, id="page-down"),
        Binding("pageup", "scroll_reader('page_up')", "Page up", show=False, id="page-up"),
        Binding("home", "scroll_reader('home')", "Top", show=False, id="top"),
        Binding("end", "scroll_reader('end')", "Bottom", show=False, id="bottom"),
        Binding("escape", "back", "Back", tooltip="Leave the field, or go back to the course", id="back"),
        *lesson_exercises.BINDINGS,
    ]

    def __init__(self, lesson: Lesson, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lesson = lesson
        self.run_in_progress: Run | None = None
        self._drawn_version = -1
        self._charts_drawn_at = 0.0
        self._previous: dict = {}  # the last run's curves, drawn grey
        self._poll_timer = None
        self._drawn_charts: set[str] = set()  # charts the run in progress has drawn
        self.last_result: RunResult | None = None
        self.pane = "read"  # the pane on show when they do not fit side by side

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
            with Vertical(id="read-pane"):
                with ContentSwitcher(initial="reader", id="left-switcher"):
                    with VerticalScroll(id="reader"):
                        yield Markdown("", id="page", open_links=False)
                        yield Vertical(id="exercises")
                        yield Vertical(id="quizzes")  # last: the end of the page shows them whole
                    with VerticalScroll(id="code-view"):
                        yield Static(
                            Syntax(
                                lesson_source(self.lesson),
                                "python",
                                line_numbers=True,
                                word_wrap=True,
                                theme="ansi_dark",
                            ),
                            id="code",
                        )
                    yield from self.compose_editor()
                yield Static("", id="page-nav")
            with Horizontal(id="lab-pane"):
                with Vertical(id="lab-left"):
                    yield from self.compose_use_mine()
                    yield ParamForm(self.lesson.params, values, id="form")
                    with VerticalScroll(id="goal-box"):
                        yield GoalPanel(
                            self.lesson.goal, int(entry.get("hints_shown") or 0), entry.get("goal"), id="goal"
                        )
                with Vertical(id="lab-right"):
                    yield ChartDeck(self.lesson.charts, id="charts")
                    with Vertical(id="run-box"):
                        yield ProgressBar(total=1000, show_eta=False, id="run-progress")
                        yield Static("Ready. Press r to run.", id="run-status", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # Widgets redrawn during a run, found once: a query walks the whole screen.
        self._deck = self.query_one(ChartDeck)
        self._chart_views = self._deck.views
        self._run_bar = self.query_one("#run-progress", ProgressBar)
        self._run_status = self.query_one("#run-status", Static)
        self._run_bar.visible = False
        self.title = self.lesson.title
        self._layout_for_size()
        self.progress.open_lesson(self.lesson.id, self.page)
        self.start_exercises()
        self.show_page(self.page)
        self._show_previous_run()

    def _show_previous_run(self) -> None:
        """After a restart: the last run's status, curves and figures, marked as the last run."""
        runs = self.progress.runs(self.lesson.id)
        if not runs:
            return
        last = runs[-1]
        self._status(
            f"Last run (#{last.get('n')}){_yours(last.get('code') or {})}: {last.get('status')} "
            f"in {seconds(last.get('seconds', 0))} · "
            + self._metrics_line(last.get("metrics", {}))
            + " · press r to run again"
        )
        previous = self._previous_curves()
        figures = last.get("figures") or {}
        for view in self._chart_views:
            chart = view.chart
            if chart.kind == "line":
                view.show_curves({}, previous)
            elif chart.id in figures:
                try:
                    figure = figure_from_json(figures[chart.id])
                except (TypeError, ValueError, KeyError):
                    continue  # a damaged saved figure: the chart stays empty
                view.show_figure(figure)
                view.mark_previous(f"last run (#{last.get('n')})")

    def _previous_curves(self) -> dict:
        for past in reversed(self.progress.runs(self.lesson.id)):
            if past.get("curves"):
                return {k: [tuple(p) for p in v] for k, v in past["curves"].items()}
        return {}

    def on_unmount(self) -> None:
        mine.discard_spare()  # a process started ahead for this lesson's next run

    def on_resize(self) -> None:
        self._layout_for_size()
        super().on_resize()

    def _layout_for_size(self) -> None:
        width, height = self.app.size
        wide = width >= WIDE
        self.set_class(height < 30, "-compact")
        # The header's title line: the part goes when title and part do not both fit.
        fits = len(self.lesson.title) + len(self.lesson.part) + 3 <= width - 16
        self.sub_title = self.lesson.part if fits else ""
        self.set_class(wide, "-wide")
        self.set_class(not wide and self.pane == "read", "-show-read")
        self.set_class(not wide and self.pane == "lab", "-show-lab")
        self.refresh_bindings()

    def show_pane(self, pane: str) -> None:
        """Bring the reading ("read") or the lab ("lab") on screen (both are, when wide)."""
        if pane != self.pane:
            self.pane = pane
            focused = self.focused
            self._layout_for_size()
            if (
                pane == "read"
                and focused is not None
                and self.query_one("#read-pane") not in focused.ancestors
            ):
                self.query_one("#reader").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`v` reads "Lab" while the reading is on show and "Read" while the lab is; when both
        are on screen it shows neither."""
        if action == "pane":
            return not self.has_class("-wide") and parameters[0] != self.pane
        return True

    def action_pane(self, pane: str) -> None:
        self.show_pane(pane)

    def action_zoom(self, target: str) -> None:
        """The goal (g) or the chart (z) on the whole screen; the same key (or esc) goes back."""
        widget = self.query_one(f"#{target}")
        if self.maximized is widget:
            self.minimize()
            return
        self.show_pane("lab")
        self.maximized = widget
        if target == "goal-box":
            widget.focus()

    def action_scroll_reader(self, how: str) -> None:
        """PageDown/PageUp/Home/End (and space) scroll the reading from anywhere but a field
        (in the lab, a focused form or goal scrolls itself)."""
        if self.pane != "read" and not self.has_class("-wide"):
            return
        switcher = self.query_one("#left-switcher", ContentSwitcher)
        if switcher.current == "editor":
            return
        view = self.query_one(f"#{switcher.current}", VerticalScroll)
        {
            "page_down": view.scroll_page_down,
            "page_up": view.scroll_page_up,
            "home": view.scroll_home,
            "end": view.scroll_end,
        }[how](animate=False)

    # ------------------------------------------------------------------ pages and quizzes
    def show_page(self, index: int) -> None:
        pages = self.lesson.pages
        self.page = max(0, min(index, len(pages) - 1))
        self.run_worker(self._fill_page(self.page), group="page", exclusive=True)
        self._update_nav()
        if self.progress.lesson(self.lesson.id).get("page") != self.page:  # a write only on change
            self.progress.set_page(self.lesson.id, self.page)

    def _update_nav(self) -> None:
        current = self.query_one("#left-switcher", ContentSwitcher).current
        if current == "code-view":
            nav = "The code this lesson runs · PgDn/PgUp scroll · c or esc: back to the page"
        elif current == "editor":
            nav = "ctrl+s: save and check · ctrl+e: $EDITOR · esc: save, back to the page"
        else:
            nav = f"Page {self.page + 1} of {len(self.lesson.pages)}"
            nav += " · n: next" if self.page + 1 < len(self.lesson.pages) else " · last page"
            nav += " · p: previous" if self.page else ""
            nav += " · x: exercise" if self._on_page() else ""
            nav += " · PgDn/PgUp scroll"
        self.query_one("#page-nav", Static).update(nav)

    async def _fill_page(self, page: int) -> None:
        """The page's text, then its code exercises and its quizzes below it, in one scrolling
        flow. They are mounted once the text is laid out, so the scroll height counts all;
        the quizzes last, so that once they are there the page is complete."""
        reader = self.query_one("#reader", VerticalScroll)
        await self.query_one("#page", Markdown).update(self.lesson.pages[page])
        quizzes, exercises = self.query_one("#quizzes", Vertical), self.query_one("#exercises", Vertical)
        await quizzes.remove_children()
        await exercises.remove_children()
        await exercises.mount_all(self.exercise_panels(page))
        answers = self.progress.lesson(self.lesson.id).get("quiz", {})
        await quizzes.mount_all(
            QuizPanel(q, answers.get(q.id), classes="quiz") for q in self.lesson.quizzes if q.page == page
        )
        reader.scroll_home(animate=False)
        reader.refresh(layout=True)

    def action_page(self, step: int) -> None:
        switcher = self.query_one("#left-switcher", ContentSwitcher)
        if switcher.current != "reader":
            self.action_code()
        self.show_pane("read")
        self.show_page(self.page + step)

    @on(Markdown.LinkClicked)
    def _link(self, event: Markdown.LinkClicked) -> None:
        self.notify(f"Link: {event.href}", title="Not opened (no browser here)", timeout=8)

    @on(QuizPanel.Answered)
    def _quiz_answered(self, event: QuizPanel.Answered) -> None:
        self.progress.record_quiz(
            self.lesson.id, event.quiz.id, event.response, event.correct, revealed=event.revealed
        )

    # ------------------------------------------------------------------ other actions
    def action_code(self) -> None:
        switcher = self.query_one("#left-switcher", ContentSwitcher)
        if switcher.current == "editor":
            self.leave_editor()
            return
        switcher.current = "code-view" if switcher.current == "reader" else "reader"
        self.show_pane("read")
        self.query_one(f"#{switcher.current}").focus()  # PageDown scrolls what is shown
        self._update_nav()

    def action_hint(self) -> None:
        goal = self.query_one(GoalPanel)
        if goal.reveal_hint():
            self.progress.record_hint(self.lesson.id, goal.hints_shown)
            self.show_pane("lab")
            box = self.query_one("#goal-box", VerticalScroll)
            self.call_after_refresh(box.scroll_end, animate=False)
        else:
            self.notify(
                "All hints are shown (g: the goal and hints on the whole screen)."
                if self.lesson.goal
                else "This lesson has no hints."
            )

    def action_edit(self) -> None:
        self.show_pane("lab")
        form = self.query_one(ParamForm)
        for widget in form.query("Input, Select, DrawingGrid"):
            widget.focus()
            return

    def action_chart(self, step: int) -> None:
        self.show_pane("lab")
        self._deck.step(step)

    def action_panels(self, step: int) -> None:
        self.show_pane("lab")
        self._deck.view().action_turn_page(step)

    def action_reveal(self) -> None:
        self.show_pane("lab")
        if not self._deck.view().reveal_next():
            self.notify("Nothing more to reveal in this chart.", timeout=2)

    def action_runs(self) -> None:
        from tutor.screens.runs import RunsScreen

        self.app.push_screen(RunsScreen(self.lesson))

    def action_back(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if focused is not None and any(
            isinstance(a, (ParamForm, QuizPanel, ExercisePanel)) for a in focused.ancestors
        ):
            self.query_one(
                "#reader" if self.pane == "read" or self.has_class("-wide") else "#goal-box"
            ).focus()
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

    def _metrics_line(self, metrics: dict) -> str:
        """The run's numbers for the status line: the ones the goal compares first."""
        first = list(self.lesson.goal.require) if self.lesson.goal else []
        return metrics_line(metrics, first)

    # ------------------------------------------------------------------ running
    @on(ParamForm.Edited)
    def _param_edited(self, event: ParamForm.Edited) -> None:
        run = self.run_in_progress
        if run is None or not event.valid:
            return
        if self.lesson.param(event.name).live:
            run.set_param(event.name, event.value)
            self.notify(
                f"{event.name} is now {self.lesson.param(event.name).format(event.value)} "
                "in the running run.",
                timeout=3,
            )
        else:
            self.notify(f"{event.name} will apply to the next run.", timeout=3)

    def action_run(self) -> None:
        if self.run_in_progress is not None:
            self.notify("A run is already going; press s to stop it first.")
            return
        form = self.query_one(ParamForm)
        errors = form.errors()
        if errors:
            self.notify(
                "\n".join(errors.values()), title="Fix the parameters first", severity="error", timeout=6
            )
            form.focus_first_error()
            return
        try:
            device = self.app.resolve_device()
        except ValueError as exc:
            self.notify(str(exc), title="Device unavailable", severity="error", timeout=8)
            return
        try:
            lesson, code = self.learner_code(self.lesson)
        except mine.Refused as exc:
            self.notify(str(exc), title="Your code cannot run yet", severity="warning", timeout=8)
            return
        params = form.values()
        self.progress.set_params(self.lesson.id, self.lesson.params_to_json(params))
        run = Run(
            lesson,
            params,
            device,
            threads=default_threads(),
            history=self.progress.runs(self.lesson.id),
            code=code,
        )
        self.run_in_progress = run
        self._drawn_version = -1
        self._drawn_charts = set()
        self._previous = self._previous_curves()  # fixed for the run: read once, not per redraw
        self.show_pane("lab")
        for view in self._chart_views:
            view.clear("Running…")
        self._run_bar.visible = True  # visibility, not display: no re-layout at run start
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
                    view.show_curves(snap.curves, self._previous, stats=snap.stats)
                    self._drawn_charts.add(view.chart.id)
            elif view.chart.id in snap.figures:
                view.show_figure(snap.figures[view.chart.id])
                self._drawn_charts.add(view.chart.id)
        if snap.total:
            self._run_bar.update(total=1000, progress=round(1000 * snap.fraction))
        counts = " · ".join(f"{done}/{total}" for done, total in snap.loops) or (
            f"{snap.done}/{snap.total}" if snap.total else ""
        )
        status = f"Running{_yours(run.code)} on {run.device}" + (f" · {counts}" if counts else "")
        if snap.eta is not None and snap.fraction < 1:  # the runner's, whole-run ETA
            status += f" · {seconds(snap.eta)} left"
        if snap.last:
            status += " · " + self._metrics_line(snap.last)
        if snap.notes:
            status += " · " + snap.notes[-1]
        self._status(status)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "training" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
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
        words = {"finished": "Finished", "cancelled": "Stopped", "diverged": "Diverged", "failed": "Failed"}[
            result.status
        ]
        status = f"{words}{_yours(result.code)} (run #{run_no}, {seconds(result.seconds)} on {result.device})"
        if result.metrics:
            status += " · " + self._metrics_line(result.metrics)
        for view in self._chart_views:  # a chart the run never reached says so
            if view.chart.id not in self._drawn_charts:
                view.clear(
                    "This run ended before it drew this chart."
                    if result.status != "finished"
                    else "This run drew nothing here."
                )
        if result.message:
            status += "\n" + result.message
        self._status(status)
        goal = self.query_one(GoalPanel)
        if result.status == "finished":
            goal.record(result.goal_met, result.goal_reason, run_no)
            if result.goal_met and not self._was_met_before(run_no):
                self.notify(
                    "Goal met! The lesson is done; n/p keep reading, esc goes back.",
                    title="Well done",
                    timeout=6,
                )
        if result.code:
            self.warm_use_mine()  # the next run's process, started ahead
            printed = [n for n in result.notes if n.startswith(mine.PRINTED)]
            if printed:
                self.notify(
                    f"{printed[0]}\n(l: this run's notes, all {plural(len(printed), 'line')})",
                    title="Your code printed",
                    timeout=8,
                )
        if result.status == "diverged":
            self.notify(result.message, title="The run diverged", severity="warning", timeout=10)
        elif result.status == "failed":
            self.app.show_error(f"The run failed: {result.message}", result.error)

    def _was_met_before(self, run_no: int) -> bool:
        met = self.progress.lesson(self.lesson.id).get("goal") or {}
        return bool(met.get("met")) and met.get("run") != run_no


def _yours(code: dict) -> str:
    """ " with your accuracy" when the run used the learner's code."""
    return f" with your {', '.join(code)}" if code else ""
