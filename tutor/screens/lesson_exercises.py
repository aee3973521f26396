"""The lesson screen's code exercises: a panel per exercise at the end of its page, the
editor pane (a TextArea in the Read pane, Python coloured when tree-sitter is installed, plain
text with a note when not: ctrl+s saves and checks, esc saves and goes back),
$VISUAL/$EDITOR (ctrl+e), and watching the learner's files (a changed file is checked again).

Checks run in the warm checker process (tutor.exercises.worker) from a thread worker, so
the learner's code never runs in the app's process and a slow or endless check leaves the
interface responsive. `LessonExercises` is mixed into `LessonScreen`; its message handlers
go by name (on_...), since `@on` is only collected from Textual classes, not from a mixin.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.message import Message
from textual.widgets import ContentSwitcher, Static, TextArea

from tutor.exercises import Exercise, files, for_lesson, mine, record
from tutor.exercises.report import CheckResult
from tutor.widgets.exercise_panel import ExercisePanel, ReportView

WATCH_SECONDS = 1.0  # how often the learner's files are looked at (one stat each)
NO_COLOURS = "plain text: install textual[syntax] for Python colours"

BINDINGS = [
    Binding(
        "x", "exercise", "Exercise", show=False, tooltip="Edit the code exercise on this page", id="exercise"
    ),
    Binding(
        "ctrl+s",
        "save_exercise",
        "Save and check",
        show=False,
        tooltip="Save the exercise you are editing and check it",
        id="save-exercise",
    ),
    Binding(
        "m",
        "use_mine",
        "My code",
        show=False,  # the Lab pane's switch line names the key; the footer is full at 80 columns
        tooltip="Run the lesson with your own code from its exercises (on/off)",
        id="use-mine",
    ),
    Binding(
        "ctrl+e",
        "external_editor",
        "$EDITOR",
        show=False,
        tooltip="Open the exercise in $VISUAL or $EDITOR, then check it",
        id="external-editor",
    ),
]


class ExerciseChecked(Message):
    """Posted from the check's thread when the checker has answered."""

    def __init__(self, exercise: Exercise, result) -> None:
        super().__init__()
        self.exercise, self.result = exercise, result


class CodeEditor(TextArea):
    """The code editor; `esc` leaves it (TextArea would move the focus on)."""

    class Leave(Message):
        pass

    async def _on_key(self, event: Key) -> None:
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.post_message(self.Leave())
            return
        await super()._on_key(event)


def python_language() -> str | None:
    """ "python" when tree-sitter and its Python grammar load (the textual[syntax] extra);
    None without them: the editor then shows plain text (TextArea would raise for a language
    it cannot load)."""
    try:
        from textual._tree_sitter import get_language

        return "python" if get_language("python") is not None else None
    except Exception:  # a private module of Textual's, or a grammar that will not load
        return None


def checker(app):
    """The app's warm checker (tutor.exercises.worker.Worker), started on first use and kept
    for the session; tests may set `app.exercise_checker` to a shared one."""
    worker = getattr(app, "exercise_checker", None)
    if worker is None:
        from tutor.exercises.worker import Worker

        worker = app.exercise_checker = Worker()
    return worker


class LessonExercises:
    """Mixed into LessonScreen (which has `lesson`, `page`, `progress`, `show_pane`,
    `_update_nav`)."""

    exercises: tuple[Exercise, ...] = ()
    editing: Exercise | None = None
    use_mine = False  # the next run uses the learner's code (m)

    def compose_editor(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Static("", id="editor-title", markup=False)
            yield CodeEditor.code_editor(
                "", language=python_language(), soft_wrap=True, theme="css", id="code-editor"
            )  # "css": follows the app theme
            with VerticalScroll(id="editor-results"):
                yield ReportView(id="editor-report")

    def start_exercises(self) -> None:
        """On mount: find this lesson's exercises and watch their files."""
        ref = self.app.catalogue.get(self.lesson.id)
        self.exercises = for_lesson(ref)
        for ex in self.exercises:  # the files the panels name exist (as `tutor exercises` makes them)
            files.ensure(ex)
        self._stamps = {ex.id: _stamp(ex) for ex in self.exercises}
        self._checking: set[str] = set()
        self._loaded_text = ""
        if self.exercises:
            self.set_interval(WATCH_SECONDS, self._watch)
        self.query_one("#use-mine", Static).display = bool(mine.switchable(self.exercises))
        self.show_use_mine()

    # ------------------------------------------------------------------ "use my code"
    def compose_use_mine(self) -> ComposeResult:
        yield Static("", id="use-mine", markup=False)

    def show_use_mine(self) -> None:
        """The switch's line: on or off, and each exercise it would use with its state."""
        exercises = mine.switchable(self.exercises)
        if not exercises:
            return
        written, starters = [], []
        for ex in exercises:
            if files.untouched(ex):
                starters.append(ex.id)
            elif record.status(self.progress, ex.lesson, ex.id) == "passed":
                written.append(f"{ex.id} ✓")
            else:
                written.append(f"{ex.id} (not passed)")
        parts = [", ".join(written)] if written else []
        if starters:
            parts.append("not written yet: " + ", ".join(starters))
        # marks as the quizzes' (○ ◉): "[ ]" would read as the chart bar's "[ ] switch" keys
        state = "◉ m: use my code (on)" if self.use_mine else "○ m: use my code (off)"
        self.query_one("#use-mine", Static).update(f"{state}: {'; '.join(parts)}")

    def action_use_mine(self) -> None:
        if not mine.switchable(self.exercises):
            self.notify("No exercise of this lesson can stand in for its code.", timeout=3)
            return
        self.use_mine = not self.use_mine
        self.warm_use_mine()
        self.show_use_mine()
        self.show_pane("lab")
        self.notify(
            "The next run uses your code." if self.use_mine else "The next run uses the lesson's code.",
            timeout=3,
        )

    def warm_use_mine(self) -> None:
        """While the switch is on, the next run's process is started ahead (torch imported)."""
        if self.use_mine:
            mine.prestart()
        else:
            mine.discard_spare()

    def on_click(self, event) -> None:
        if getattr(event.widget, "id", None) == "use-mine":
            self.action_use_mine()

    def learner_code(self, lesson):
        """(lesson, code) for the next run: with the learner's functions swapped in when the
        switch is on. Raises mine.Refused (say it, do not run) when none is written yet."""
        if not self.use_mine:
            return lesson, {}
        return mine.for_run(lesson, mine.choose(self.exercises), self.progress)

    def exercise_panels(self, page: int) -> list[ExercisePanel]:
        return [
            ExercisePanel(
                ex, record.state(self.progress, ex.lesson, ex.id), files.path(ex), classes="exercise"
            )
            for ex in self.exercises
            if ex.page == page
        ]

    def _panel(self, exercise: Exercise) -> ExercisePanel | None:
        for panel in self.query(ExercisePanel):
            if panel.exercise.id == exercise.id:
                return panel
        return None

    def _on_page(self) -> Exercise | None:
        return next((ex for ex in self.exercises if ex.page == self.page), None)

    # ------------------------------------------------------------------ actions
    def on_exercise_panel_action(self, event: ExercisePanel.Action) -> None:
        event.stop()
        ex = event.panel.exercise
        {
            "edit": self.open_editor,
            "check": self.check_exercise,
            "external": self.open_external,
            "hint": self.show_hint,
            "solution": self.show_solution,
        }[event.action](ex)

    def show_hint(self, exercise: Exercise) -> None:
        """The next hint, kept in the progress file (shown again after a restart)."""
        panel = self._panel(exercise)
        if panel is not None:
            panel.show_state(record.show_hint(self.progress, exercise))

    def show_solution(self, exercise: Exercise) -> None:
        """The reference solution, when offered (after a pass or every hint); remembered."""
        panel = self._panel(exercise)
        if panel is not None and panel.solution_offered:
            panel.show_state(record.show_solution(self.progress, exercise))
            panel.show_solution()

    def action_exercise(self) -> None:
        """x: the exercise on this page in the editor."""
        ex = self._on_page()
        if ex is None:
            pages = sorted({e.page + 1 for e in self.exercises})
            self.notify(
                f"No code exercise on this page; see page {', '.join(map(str, pages))}."
                if pages
                else "This lesson has no code exercises.",
                timeout=4,
            )
            return
        self.open_editor(ex)

    def action_save_exercise(self) -> None:
        if self.editing is None:
            self.notify("Nothing to save: x opens the exercise on this page.", timeout=3)
            return
        self._save_editor()
        self.check_exercise(self.editing)

    def action_external_editor(self) -> None:
        ex = self.editing or self._on_page()
        if ex is None:
            self.notify("No code exercise on this page.", timeout=3)
            return
        self.open_external(ex)

    # ------------------------------------------------------------------ the editor pane
    def open_editor(self, exercise: Exercise) -> None:
        if self.editing is not None and self.editing.id != exercise.id:
            self._save_editor()
        path = self._ensure(exercise)
        editor = self.query_one("#code-editor", CodeEditor)
        if self.editing is None or self.editing.id != exercise.id:
            self._loaded_text = path.read_text(encoding="utf-8")
            editor.load_text(self._loaded_text)
            panel = self._panel(exercise)
            self._show_report(panel.report.result if panel else None)
        self.editing = exercise
        plain = "" if editor.language else f" ({NO_COLOURS})"
        self.query_one("#editor-title", Static).update(f"Your file: {path}{plain}")
        self.query_one("#left-switcher", ContentSwitcher).current = "editor"
        self.show_pane("read")
        editor.focus()
        self._update_nav()

    def leave_editor(self) -> None:
        """Back to the page; what was typed is saved first (never lost)."""
        self._save_editor()
        self.editing = None
        self.query_one("#left-switcher", ContentSwitcher).current = "reader"
        self.query_one("#reader").focus()
        self._update_nav()

    def on_code_editor_leave(self, event: CodeEditor.Leave) -> None:
        event.stop()
        self.leave_editor()

    def _save_editor(self) -> None:
        """Write the editor's text to the learner's file if it differs from what was loaded."""
        ex = self.editing
        if ex is None:
            return
        text = self.query_one("#code-editor", CodeEditor).text
        path = files.path(ex)
        if text != self._loaded_text or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self._loaded_text = text
            self._stamps[ex.id] = _stamp(ex)  # our own save: checked by the caller

    def _reload_editor(self, exercise: Exercise) -> None:
        """The file changed on disk: show it in the editor unless the learner typed since."""
        editor = self.query_one("#code-editor", CodeEditor)
        if self.editing is not None and self.editing.id == exercise.id and editor.text == self._loaded_text:
            self._loaded_text = files.path(exercise).read_text(encoding="utf-8")
            editor.load_text(self._loaded_text)

    def _show_report(self, result=None, line: str = "") -> None:
        self.query_one("#editor-report", ReportView).show(result, line)
        self.query_one("#editor-results").display = result is not None or bool(line)

    # ------------------------------------------------------------------ $VISUAL / $EDITOR
    def open_external(self, exercise: Exercise) -> None:
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify(
                "Set $VISUAL or $EDITOR to your editor (e.g. export EDITOR=nano), or "
                "press Edit to use the editor here.",
                title="No editor set",
                timeout=8,
            )
            return
        if self.editing is not None and self.editing.id == exercise.id:
            self._save_editor()
        path = self._ensure(exercise)
        args = shlex.split(command) + [str(path)]
        try:
            try:
                with self.app.suspend():
                    code = subprocess.run(args).returncode
            except SuspendNotSupported:  # no terminal to hand over (headless)
                code = subprocess.run(args, stdin=subprocess.DEVNULL).returncode
        except OSError as exc:
            self.notify(f"{command}: {exc}", title="The editor could not start", severity="error")
            return
        if code:
            self.notify(f"{command} exited with status {code}.", severity="warning", timeout=4)
        self._reload_editor(exercise)
        self._stamps[exercise.id] = _stamp(exercise)
        self.check_exercise(exercise)

    # ------------------------------------------------------------------ checking
    def _ensure(self, exercise: Exercise):
        """The learner's file, made from the starter if new (not a change to check again)."""
        path = files.ensure(exercise)
        if self._stamps.get(exercise.id) is None:
            self._stamps[exercise.id] = _stamp(exercise)
        return path

    def check_exercise(self, exercise: Exercise) -> None:
        if self.editing is not None and self.editing.id == exercise.id:
            self._save_editor()
            self._show_report(line="Checking…")
        self._ensure(exercise)
        panel = self._panel(exercise)
        if panel is not None:
            panel.show_checking()
        self._checking.add(exercise.id)
        self._check(exercise)

    @work(thread=True, group="exercise-check", exit_on_error=False, description="Checking")
    def _check(self, exercise: Exercise) -> None:
        try:
            result = checker(self.app).check(exercise, files.ensure(exercise))
        except Exception as exc:  # the checker could not start: say so, never hang
            result = CheckResult(exercise, False, error=f"{type(exc).__name__}: {exc}")
        self.post_message(ExerciseChecked(exercise, result))

    def on_exercise_checked(self, event: ExerciseChecked) -> None:
        ex, result = event.exercise, event.result
        self._checking.discard(ex.id)
        state = record.state(self.progress, ex.lesson, ex.id)
        if not result.error:
            state = record.record(
                self.progress, ex.lesson, ex.id, result.passed, edited=not files.untouched(ex)
            )
        panel = self._panel(ex)
        self.show_use_mine()
        if panel is not None:
            panel.show_result(result, state)
        if self.editing is not None and self.editing.id == ex.id:
            self._show_report(result)
        elif panel is None:
            self.notify(
                f"{ex.title}: {result.message}",
                timeout=5,
                severity="information" if result.passed else "warning",
            )

    def _watch(self) -> None:
        """Every WATCH_SECONDS: check again each exercise whose file changed on disk."""
        for ex in self.exercises:
            stamp = _stamp(ex)
            if stamp == self._stamps.get(ex.id) or ex.id in self._checking:
                continue
            before, self._stamps[ex.id] = self._stamps.get(ex.id), stamp
            if stamp is None or (before is None and files.untouched(ex)):
                continue  # gone, or just made from the starter: nothing to check
            self._reload_editor(ex)
            self.check_exercise(ex)


def _stamp(exercise: Exercise) -> int | None:
    try:
        return files.path(exercise).stat().st_mtime_ns
    except OSError:
        return None
