"""The course by part and lesson, each with its status, and a panel to choose a lesson from.

The cursor starts on the lesson in progress and, back from a lesson, rests on that lesson.
Everything shown comes from the catalogue and the progress file: no lesson module (and so
no torch) is imported here.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.exercises import for_lesson
from tutor.exercises.record import passed_line
from tutor.formatting import metrics_line, plural, seconds
from tutor.screens.dialogs import WatchesSize

STATUS_MARK = {"done": "✓ done", "started": "… started", "new": "  new"}
STATUS_STYLE = {"done": "bold", "started": "", "new": "dim"}
MARK_WIDTH = max(len(m) for m in STATUS_MARK.values())
RUN_WORDS = {"finished": "finished", "cancelled": "stopped", "diverged": "diverged", "failed": "failed"}


class LessonLine:
    """A line of the course list: the status, then the title, which wraps under itself
    (a hanging indent), not back under the status."""

    def __init__(self, status: str, title: str) -> None:
        self.status, self.title = status, title

    def __str__(self) -> str:
        return f"{STATUS_MARK[self.status]} {self.title}"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=MARK_WIDTH, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(STATUS_MARK[self.status], style=STATUS_STYLE[self.status]), self.title)
        yield grid


class HomeScreen(WatchesSize, Screen):
    DEFAULT_CSS = """
    HomeScreen #continue-line { height: auto; padding: 0 1; background: $boost; }
    HomeScreen #home-body { height: 1fr; }
    HomeScreen #course { width: 3fr; height: 1fr; border: round $primary 50%; }
    HomeScreen #lesson-info { width: 2fr; min-width: 30; height: 1fr; padding: 0 1;
                              border: round $primary 30%; }
    HomeScreen #info { width: 1fr; height: auto; }
    """

    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted lesson", id="open"),
        Binding("c", "continue", "Continue", tooltip="Resume the last lesson at its page", id="continue"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._visited: str | None = None  # the lesson shown above this screen, if any

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("", id="continue-line", markup=False)
        with Horizontal(id="home-body"):
            yield OptionList(id="course")
            with VerticalScroll(id="lesson-info"):
                yield Static("", id="info")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "tutor"
        self.sub_title = "deep learning with PyTorch, in your terminal"
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        self.refresh_course(self.app.progress.last_lesson())
        self.query_one("#course", OptionList).focus()

    def _screen_changed(self, screen: Screen) -> None:
        lesson = getattr(screen, "lesson", None)  # a lesson screen, or one of its dialogs
        if screen is not self and getattr(lesson, "id", None):
            self._visited = lesson.id

    def on_screen_resume(self) -> None:
        visited, self._visited = self._visited, None
        self.refresh_course(visited)

    # ------------------------------------------------------------------ the list
    def refresh_course(self, focus_on: str | None = None) -> None:
        """Rebuild the list with fresh statuses; the cursor goes to `focus_on` if given, else
        stays where it was (or, the first time, goes to the first lesson)."""
        course = self.query_one("#course", OptionList)
        highlighted = course.highlighted_option.id if course.highlighted_option else None
        progress = self.app.progress
        options: list[Option] = []
        done = total = 0
        for part in self.app.catalogue.parts:
            options.append(Option(Text(part.title, style="bold"), disabled=True))
            for ref in part.lessons:
                status = progress.status(ref.id)
                done += status == "done"
                total += 1
                options.append(Option(LessonLine(status, ref.title), id=ref.id))
        course.clear_options()
        course.add_options(options)
        ids = self.app.catalogue.ids()
        target = next((i for i in (focus_on, highlighted) if i in ids), ids[0] if ids else None)
        if target is not None:
            course.highlighted = course.get_option_index(target)
            self._show_info(target)
        else:  # no lessons: say why where they would be described
            self.query_one("#info", Static).update(Text("\n\n".join(self.app.catalogue.warnings)))
        last = progress.last_lesson()
        line = f"{done} of {total} lessons done. "
        if last in ids:
            page = int(progress.lesson(last).get("page") or 0) + 1
            line += f"c continues “{self.app.catalogue.get(last).title}” at page {page}. "
        line += "Enter opens the highlighted lesson." if ids else "No lessons installed."
        self.query_one("#continue-line", Static).update(line)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show_info(event.option.id)

    def _show_info(self, lesson_id: str) -> None:
        self.query_one("#info", Static).update(self.describe(lesson_id))
        self.query_one("#lesson-info", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------------ the detail panel
    def describe(self, lesson_id: str) -> Text:
        """What a learner needs to choose the lesson: what it teaches, its goal, where they
        are in it, and how their last run went."""
        ref = self.app.catalogue.get(lesson_id)
        progress = self.app.progress
        entry = progress.lesson(lesson_id)
        status = progress.status(lesson_id)
        text = Text()
        text.append(ref.title + "\n", style="bold")
        if ref.summary:
            text.append(ref.summary + "\n")
        if ref.goal:
            _field(text, "Goal", ref.goal)
        pages = ref.page_count()
        where = {"new": "not started", "started": "started", "done": "done ✓"}[status]
        if status != "new":
            where += f" · page {int(entry.get('page') or 0) + 1}" + (f" of {pages}" if pages else "")
        elif pages:
            where += f" · {plural(pages, 'page')}"
        _field(text, "Status", where)
        goal = entry.get("goal") or {}
        if goal.get("met"):
            _field(text, "Goal met", f"on run {goal.get('run')} ({str(goal.get('at', ''))[:10]})")
        quizzes = _quiz_line(entry.get("quiz") or {})
        if quizzes:
            _field(text, "Quizzes", quizzes)
        exercises = passed_line(progress, for_lesson(ref))
        if exercises:
            _field(text, "Exercises", exercises)
        runs = progress.runs(lesson_id)
        if runs:
            _field(text, "Last run", _run_line(runs[-1], len(runs)))
        if ref.source:
            _field(text, "From", ref.source)
        _field(text, "Id", f"{ref.id} (tutor run {ref.id})")
        return text

    # ------------------------------------------------------------------ actions
    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_lesson(event.option.id)

    def action_open(self) -> None:
        option = self.query_one("#course", OptionList).highlighted_option
        if option and option.id:
            self.app.open_lesson(option.id)

    def action_continue(self) -> None:
        last = self.app.progress.last_lesson()
        ids = self.app.catalogue.ids()
        if last and last in ids:
            self.app.open_lesson(last)
        elif ids:
            self.app.open_lesson(ids[0])


def _field(text: Text, label: str, value: str) -> None:
    text.append(f"\n{label}: ", style="bold")
    text.append(value)


def _quiz_line(quizzes: dict) -> str:
    """ "2 right, 1 to retry, 1 answer shown": the quizzes tried (entries as Progress.lesson
    gives them, defaults filled in). A quiz whose answer was shown counts as shown only."""
    shown = sum(1 for q in quizzes.values() if q["revealed"])
    right = sum(1 for q in quizzes.values() if q["correct"] and not q["revealed"])
    wrong = sum(1 for q in quizzes.values() if q["attempts"] and not (q["correct"] or q["revealed"]))
    parts = [f"{right} right"] if right else []
    parts += [f"{wrong} to retry"] if wrong else []
    parts += [f"{plural(shown, 'answer')} shown"] if shown else []
    return ", ".join(parts)


def _run_line(run: dict, count: int) -> str:
    """The last run: how it ended, whether it met the goal, and its first metrics."""
    words = f"#{run.get('n', count)} {RUN_WORDS.get(run.get('status'), run.get('status'))}"
    if isinstance(run.get("seconds"), (int, float)):
        words += f" in {seconds(run['seconds'])}"
    if run.get("goal_met") is True:
        words += ", goal met"
    elif run.get("goal_met") is False:
        words += ", goal not met"
    metrics = metrics_line(run.get("metrics") or {}, limit=4)
    if metrics:
        words += ": " + metrics
    if run.get("goal_met") is False and run.get("goal_reason"):
        words += f" ({run['goal_reason']})"
    return words + (f" · {count} runs in all" if count > 1 else "")
