"""TutorApp: the course, the lesson screens, settings and help."""

from __future__ import annotations

import asyncio
import gc
import sys
import traceback
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from tutor.catalogue import Catalogue, catalogue
from tutor.commands import LessonCommands
from tutor.lesson import Lesson
from tutor.progress import Progress
from tutor.runner import use_threads_setting
from tutor.screens.dialogs import MIN_SIZE, ErrorScreen, TooSmallScreen
from tutor.screens.home import HomeScreen

_FROZEN = False  # see TutorApp._warm_up
QUIT_WAIT = 5.0  # seconds quitting waits for a stopped run to end, to record it


class TutorApp(App):
    CSS_PATH = "tutor.tcss"
    TITLE = "tutor"
    COMMANDS = App.COMMANDS | {LessonCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", tooltip="Every key, and where progress is kept", id="help"),
        Binding(
            "o", "settings", "Settings", show=False, tooltip="Device, CPU threads and theme", id="settings"
        ),
        Binding(
            "q,ctrl+q", "quit", "Quit", key_display="q", tooltip="Quit (stops a run in progress)", id="quit"
        ),
    ]

    def __init__(
        self,
        progress: Progress | None = None,
        start: str | None = None,
        course: Catalogue | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.progress = progress or Progress()
        self.catalogue = course if course is not None else catalogue()
        self.start = start
        self._too_small: TooSmallScreen | None = None

    async def on_mount(self) -> None:
        self.progress.on_warning = lambda text: self.notify(
            text, title="Progress", severity="warning", timeout=20
        )
        use_threads_setting(self.progress.settings().get("threads"))
        theme = self.progress.settings().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        await self.push_screen(HomeScreen())
        for warning in self.progress.warnings + self.catalogue.warnings:
            self.notify(
                warning,
                title="Progress" if warning in self.progress.warnings else "Lessons",
                severity="warning",
                timeout=20,
            )
        if self.start:
            self.open_lesson(self.start)
        self.check_size()

    # ------------------------------------------------------------------ lessons
    def lesson_screen(self):
        from tutor.screens.lesson import LessonScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, LessonScreen):
                return screen
        return None

    def open_lesson(self, lesson_id: str) -> None:
        current = self.lesson_screen()
        if current is not None:
            if current.lesson.id == lesson_id:
                while self.screen is not current:
                    self.pop_screen()
                return
            if current.run_in_progress is not None:
                self.notify(
                    "A run is going in this lesson: stop it (s) before opening another.", severity="warning"
                )
                return
        self._load_lesson(lesson_id)

    @work(thread=True, exclusive=True, group="load-lesson", exit_on_error=False)
    def _load_lesson(self, lesson_id: str) -> Lesson:
        """Import the lesson's module (and torch, the first time) off the UI thread."""
        return self.catalogue.get(lesson_id).load()

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """torch imports torch._dynamo on the first optimizer.step() (seconds); do it while the
        learner reads the page, so the first run starts at once.

        Then, once, the objects alive by now (Textual's, torch's: ~300,000, nearly all kept for
        the whole session) are frozen out of garbage collection (gc.freeze), so each later
        full collection walks only what came after: 0.2 s with the GIL held becomes a few
        hundredths. The price: of what is frozen, anything that later becomes garbage in a
        reference cycle (at most this first lesson screen, once left) is not reclaimed."""
        try:
            import torch._dynamo  # noqa: F401
        except Exception:  # an optimisation only
            pass
        global _FROZEN
        if not _FROZEN:  # once per process, not per app (tests run many)
            _FROZEN = True
            gc.freeze()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load-lesson":
            return
        if event.state == WorkerState.SUCCESS:
            self._show_lesson(event.worker.result)
            self._warm_up()
        elif event.state == WorkerState.ERROR:
            self.show_error("This lesson could not be opened", event.worker.error)

    def _show_lesson(self, lesson: Lesson) -> None:
        """Replace whatever is above the course with the lesson (keeping the 'terminal too
        small' message on top while it applies)."""
        from tutor.screens.lesson import LessonScreen

        self.action_home()
        self._too_small = None
        self.push_screen(LessonScreen(lesson))
        self.check_size()

    def resolve_device(self) -> str:
        from tutor.devices import resolve

        return resolve(self.progress.settings().get("device", "auto"))

    # ------------------------------------------------------------------ errors and size
    def show_error(self, title: str, error: BaseException | str | None) -> None:
        if isinstance(error, BaseException):
            details = "".join(traceback.format_exception(error))
        else:
            details = error or ""
        self.push_screen(ErrorScreen(title, details))

    def check_size(self) -> None:
        """Show or hide the 'terminal too small' message (screens call this on resize)."""
        if not any(isinstance(s, HomeScreen) for s in self.screen_stack):
            return  # a resize can come before on_mount has pushed the course
        small = self.size.width < MIN_SIZE[0] or self.size.height < MIN_SIZE[1]
        if small and self._too_small is None:
            self._too_small = TooSmallScreen()
            self.push_screen(self._too_small)
        elif not small and self._too_small is not None:
            if self.screen is self._too_small:
                self.pop_screen()
            self._too_small = None

    # ------------------------------------------------------------------ actions
    def action_help(self) -> None:
        from tutor.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from tutor.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_home(self) -> None:
        """Back to the course: pop everything above it (the default screen and the course)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    async def action_quit(self) -> None:
        """Quit; a run in progress is stopped and recorded as cancelled, like Stop (waiting
        at most QUIT_WAIT seconds for its training thread to notice)."""
        lesson = self.lesson_screen()
        run = lesson.cancel_run() if lesson is not None else None
        if run is not None:
            result = await asyncio.to_thread(run.wait, QUIT_WAIT)
            if result is not None:
                self.progress.record_run(result)
        self.exit(0)


def run_app(start: str | None = None, progress: Progress | None = None) -> int:
    """Open the tutor (at lesson `start` if given). Returns the exit status."""
    app = TutorApp(progress=progress, start=start)
    result = app.run()
    app.progress.on_warning = None
    if not app.progress.flush():  # changes kept while another tutor held the lock
        print(f"tutor: {app.progress.warnings[-1]}", file=sys.stderr)
    return int(result or app.return_code or 0)  # a crash is 1, not 0
