"""The course by part and lesson, each with its status; continue where you left off."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.screens.dialogs import WatchesSize

STATUS_MARK = {"done": "✓ done", "started": "… started", "new": "  new"}


class HomeScreen(WatchesSize, Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted lesson", id="open"),
        Binding("c", "continue", "Continue", tooltip="Resume the last lesson at its page", id="continue"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("", id="continue-line", markup=False)
        with Horizontal(id="home-body"):
            yield OptionList(id="course")
            with Vertical(id="lesson-info"):
                yield Static("", id="info", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "tutor"
        self.sub_title = "deep learning with PyTorch, in your terminal"
        self.refresh_course()
        self.query_one("#course", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_course()

    def refresh_course(self) -> None:
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
                options.append(Option(f" {STATUS_MARK[status]:<10} {ref.title}", id=ref.id))
        course.clear_options()
        course.add_options(options)
        last = progress.last_lesson()
        target = highlighted or last or self.app.catalogue.ids()[0]
        try:
            course.highlighted = course.get_option_index(target)
        except Exception:
            course.highlighted = 1
        line = f"{done} of {total} lessons done. "
        if last and last in self.app.catalogue.ids():
            ref = self.app.catalogue.get(last)
            page = int(progress.lesson(last).get("page") or 0) + 1
            line += f"Continue with “{ref.title}”, page {page}: press c. "
        line += "Enter opens the highlighted lesson; ? shows every key."
        self.query_one("#continue-line", Static).update(line)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.query_one("#info", Static).update(self._describe(event.option.id))

    def _describe(self, lesson_id: str) -> str:
        ref = self.app.catalogue.get(lesson_id)
        entry = self.app.progress.lesson(lesson_id)
        runs = self.app.progress.runs(lesson_id)
        lines = [ref.title, f"Part: {ref.part}", f"Id: {ref.id}  (tutor run {ref.id})",
                 f"Status: {self.app.progress.status(lesson_id)}"]
        goal = entry.get("goal") or {}
        if goal.get("met"):
            lines.append(f"Goal met on run {goal.get('run')} ({goal.get('at', '')[:10]})")
        if runs:
            last = runs[-1]
            lines.append(f"Runs: {len(runs)}; last: {last.get('status')}, {last.get('seconds', 0):.1f} s")
        if entry.get("page"):
            lines.append(f"Reading page {int(entry['page']) + 1}")
        return "\n".join(lines)

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
        if last and last in self.app.catalogue.ids():
            self.app.open_lesson(last)
        else:
            self.app.open_lesson(self.app.catalogue.ids()[0])
