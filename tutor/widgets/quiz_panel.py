"""The quizzes of the current page: pick an option or type a number, then check."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tutor.course import Quiz


class QuizPanel(Vertical):
    """One quiz with its answer control; posts Answered when the learner checks an answer."""

    class Answered(Message):
        def __init__(self, quiz: Quiz, response: Any, correct: bool) -> None:
            super().__init__()
            self.quiz, self.response, self.correct = quiz, response, correct

    def __init__(self, quiz: Quiz, previous: dict | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.quiz = quiz
        self.previous = previous

    def compose(self) -> ComposeResult:
        q = self.quiz
        yield Static(f"Quiz: {q.question}", classes="quiz-question", markup=False)
        if q.kind == "choice":
            with RadioSet(classes="quiz-options"):
                for i, option in enumerate(q.options):
                    yield RadioButton(Text(f"{i + 1}. {option}"))     # text, not markup
        else:
            yield Input(placeholder="your answer (a number)", classes="quiz-number", compact=True)
        with Horizontal(classes="quiz-actions"):
            yield Button("Check", classes="quiz-check", compact=True)
        feedback = ""
        if self.previous:
            feedback = ("✓ " if self.previous.get("correct") else "✗ ") + \
                f"Your last answer: {self._describe(self.previous.get('response'))}"
        yield Static(feedback, classes="quiz-feedback", markup=False)

    def _describe(self, response: Any) -> str:
        if self.quiz.kind == "choice" and isinstance(response, int) and 0 <= response < len(self.quiz.options):
            return f"{response + 1}. {self.quiz.options[response]}"
        return str(response)

    def _response(self) -> Any:
        if self.quiz.kind == "choice":
            return self.query_one(RadioSet).pressed_index
        return self.query_one(".quiz-number", Input).value

    @on(Button.Pressed, ".quiz-check")
    @on(Input.Submitted, ".quiz-number")
    def check(self, event: Message) -> None:
        event.stop()
        response = self._response()
        if self.quiz.kind == "choice" and response < 0:
            self.query_one(".quiz-feedback", Static).update("Pick an option first.")
            return
        correct, feedback = self.quiz.check(response)
        self.query_one(".quiz-feedback", Static).update(("✓ " if correct else "✗ ") + feedback)
        if self.quiz.kind == "number":
            try:
                response = float(response)
            except ValueError:
                return
        self.post_message(self.Answered(self.quiz, response, correct))
