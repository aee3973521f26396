"""One quiz of a page: the question, its options in full (or a number field), Check and Show answer.

A wrong answer says why it is wrong and leaves the quiz open for another try; a right one
shows the explanation; Show answer reveals the answer on request. The chosen option is
marked with a symbol as well as a colour (○ open, ◉ chosen, ✗ checked and wrong, ✓ right),
and the last checked answer is restored from the progress entry the panel is given.
"""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Click
from textual.message import Message
from textual.widgets import Button, Input, Static

from tutor.lesson import Quiz

OPEN, CHOSEN, WRONG, RIGHT, SHOWN = "○", "◉", "✗", "✓", "◆"
TRY_AGAIN = "Try again, or press Show answer."


class QuizOption(Horizontal, can_focus=True):
    """One option: its number and mark, then its full text, which wraps under itself."""

    BINDINGS = [
        Binding("space", "pick(False)", "Choose", show=False),
        Binding("enter", "pick(True)", "Check", show=False),
        Binding("down", "step(1)", show=False),
        Binding("up", "step(-1)", show=False),
    ]

    class Picked(Message):
        def __init__(self, index: int, check: bool) -> None:
            super().__init__()
            self.index, self.check = index, check

    def __init__(self, index: int, text: str) -> None:
        super().__init__(classes="quiz-option")
        self.index = index
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(f"{self.index + 1}. {OPEN}", classes="quiz-mark", markup=False)
        yield Static(Text(self.text), classes="quiz-option-text")

    def show_mark(self, mark: str) -> None:
        self.query_one(".quiz-mark", Static).update(f"{self.index + 1}. {mark}")
        self.set_class(mark == CHOSEN, "-chosen")
        self.set_class(mark == WRONG, "-wrong")
        self.set_class(mark == RIGHT, "-right")

    def action_pick(self, check: bool) -> None:
        self.post_message(self.Picked(self.index, check))

    def action_step(self, step: int) -> None:
        options = list(self.parent.query_children(QuizOption)) if self.parent else []
        i = self.index + step
        if 0 <= i < len(options):
            options[i].focus()
        elif step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def _on_click(self, event: Click) -> None:
        event.stop()
        self.focus()
        self.post_message(self.Picked(self.index, False))


class QuizPanel(Vertical):
    """One quiz with its answer control; posts Answered when the learner checks an answer or
    asks to see it (`revealed`). Keys 1–9 choose an option while the quiz has focus."""

    DEFAULT_CSS = """
    QuizPanel { height: auto; }
    QuizPanel .quiz-question { text-style: bold; }
    QuizPanel .quiz-options { height: auto; width: 1fr; }
    QuizPanel .quiz-actions { height: auto; }
    QuizPanel .quiz-feedback { height: auto; }
    QuizPanel .quiz-number { width: 30; }
    QuizPanel .quiz-option { height: auto; width: 1fr; }
    QuizPanel .quiz-option:hover { background: $boost; }
    QuizPanel .quiz-option:focus { background: $accent 20%; }
    QuizPanel .quiz-mark { width: 5; height: 1; color: $text-muted; }
    QuizPanel .quiz-option-text { width: 1fr; height: auto; }
    QuizPanel .quiz-option.-chosen .quiz-mark { color: $text-accent; text-style: bold; }
    QuizPanel .quiz-option.-wrong .quiz-mark { color: $text-error; text-style: bold; }
    QuizPanel .quiz-option.-right .quiz-mark { color: $text-success; text-style: bold; }
    QuizPanel .quiz-option.-right .quiz-option-text { color: $text-success; }
    QuizPanel .quiz-actions Button { width: auto; min-width: 0; padding: 0 1; }
    QuizPanel .quiz-reveal { margin-left: 2; }
    QuizPanel .quiz-feedback.-right { color: $text-success; }
    QuizPanel .quiz-feedback.-wrong { color: $text-error; }
    """

    BINDINGS = [Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)]

    class Answered(Message):
        def __init__(self, quiz: Quiz, response: Any, correct: bool, revealed: bool = False) -> None:
            super().__init__()
            self.quiz, self.response, self.correct, self.revealed = quiz, response, correct, revealed

    def __init__(self, quiz: Quiz, previous: dict | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.quiz = quiz
        previous = previous or {}
        self.revealed = previous.get("revealed") is True
        response = previous.get("response")
        if quiz.kind == "choice" and not (isinstance(response, int) and 0 <= response < len(quiz.options)):
            response = None
        self.last = response  # the last checked answer, if any
        self.last_correct = response is not None and previous.get("correct") is True
        self.selected: int | None = response if quiz.kind == "choice" else None

    @property
    def settled(self) -> bool:
        return self.revealed or self.last_correct

    # ------------------------------------------------------------------ building
    def compose(self) -> ComposeResult:
        q = self.quiz
        yield Static(Text(f"Quiz: {q.question}"), classes="quiz-question")
        if q.kind == "choice":
            with Vertical(classes="quiz-options"):
                for i, option in enumerate(q.options):
                    yield QuizOption(i, option)
        else:
            value = "" if self.last is None else _number_text(self.last)
            yield Input(value, placeholder="your answer (a number)", classes="quiz-number", compact=True)
        with Horizontal(classes="quiz-actions"):
            yield Button("Check", classes="quiz-check", compact=True)
            yield Button("Show answer", classes="quiz-reveal", compact=True)
        yield Static("", classes="quiz-feedback")

    def on_mount(self) -> None:
        self._show()

    def _show(self, feedback: str | None = None) -> None:
        """Marks, feedback (the state's, unless given) and the Show answer button."""
        for option in self.query(QuizOption):
            option.show_mark(self._mark(option.index))
        text = self._feedback() if feedback is None else feedback
        box = self.query_one(".quiz-feedback", Static)
        box.update(Text(text))
        box.display = bool(text)
        box.set_class(text.startswith(RIGHT), "-right")
        box.set_class(text.startswith(WRONG), "-wrong")
        self.query_one(".quiz-reveal", Button).display = not self.settled

    def _mark(self, index: int) -> str:
        if index == self.quiz.answer and self.settled:
            return RIGHT
        if index == self.selected and index != self.last:
            return CHOSEN
        if index == self.last and not self.last_correct:
            return WRONG
        return OPEN

    def _feedback(self) -> str:
        if self.last is not None and self.last_correct:
            return f"{RIGHT} {self.quiz.check(self.last)[1]}"
        if self.revealed:
            return f"{SHOWN} {self.quiz.reveal()}"
        if self.last is not None:
            return f"{WRONG} {self.quiz.check(self.last)[1]} {TRY_AGAIN}"
        return ""

    # ------------------------------------------------------------------ answering
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "pick":
            return self.quiz.kind == "choice" and parameters[0] < len(self.quiz.options)
        return True

    def action_pick(self, index: int) -> None:
        self.query(QuizOption)[index].focus()
        self._choose(index)

    def _choose(self, index: int) -> None:
        self.selected = index
        self._show(feedback="" if index != self.last else None)

    @on(QuizOption.Picked)
    def _picked(self, event: QuizOption.Picked) -> None:
        event.stop()
        self._choose(event.index)
        if event.check:
            self.check()

    @on(Button.Pressed, ".quiz-check")
    @on(Input.Submitted, ".quiz-number")
    def _check_pressed(self, event: Message) -> None:
        event.stop()
        self.check()

    def check(self) -> None:
        """Check the chosen option or the typed number; record it unless it is no answer."""
        if self.quiz.kind == "choice":
            response: Any = self.selected
            if response is None:
                self._show(feedback="Pick an option first: click it, or press its number.")
                return
        else:
            text = self.query_one(".quiz-number", Input).value
            try:
                response = float(text)
                if not math.isfinite(response):
                    raise ValueError
            except ValueError:
                self._show(feedback=self.quiz.check(text)[1])  # what to type instead
                return
        correct, _ = self.quiz.check(response)
        self.last, self.last_correct = response, correct
        self._show()
        self.post_message(self.Answered(self.quiz, response, correct))

    @on(Button.Pressed, ".quiz-reveal")
    def reveal(self, event: Message | None = None) -> None:
        """Show the answer and the explanation (recorded as revealed, not as correct)."""
        if event is not None:
            event.stop()
        if self.settled:
            return
        self.revealed = True
        self._show()
        self.post_message(self.Answered(self.quiz, self.last, self.last_correct, revealed=True))


def _number_text(value: Any) -> str:
    """A saved number as the learner would have typed it (4, not 4.0)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(number)) if number.is_integer() else str(number)
