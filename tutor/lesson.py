"""What a lesson is: its charts, goal, quizzes, pages, and the `Lesson` that holds them with
its parameters and its `train` function. No Textual, no torch."""

from __future__ import annotations

import fnmatch
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from tutor.formatting import number, numbers_apart
from tutor.params import Param, ParamError, Params, shown

__all__ = ["Chart", "Goal", "Quiz", "Lesson", "pages_from"]


# ---------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Chart:
    """A chart panel of a lesson.

    `line` charts draw metrics the run logs (`run.log(epoch, train_loss=...)`), live.
    `figure` charts draw what the run shows (`run.show(id, Heatmap(...))`): a heat-map,
    bars, a table, a plot or a text block (see tutor.figures).
    """

    id: str
    kind: str
    title: str = ""
    series: tuple[str, ...] = ()
    x: str = "epoch"
    logy: bool = False

    @classmethod
    def line(
        cls, id: str, series: Sequence[str], title: str = "", x: str = "epoch", logy: bool = False
    ) -> "Chart":
        return cls(id, "line", title or id, tuple(series), x, logy)

    @classmethod
    def figure(cls, id: str, title: str = "") -> "Chart":
        return cls(id, "figure", title or id)

    def pick(self, curves: dict[str, Any]) -> dict[str, Any]:
        """This chart's series from a run's curves. A series name may be a glob pattern
        ("val_*") for series the learner names at run time (e.g. one per weight decay)."""
        return {
            name: curves[name]
            for name in curves
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in self.series)
        }


# ---------------------------------------------------------------------------- goals

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "in": lambda a, b: a in b,
}


def _goal_values(*values: Any) -> list[str]:
    """Values in a goal's reason: numbers with digits enough that a value and the bound it
    misses never read alike (0.97996 beside 0.98), words quoted."""
    return [repr(v) if isinstance(v, str) else text for v, text in zip(values, numbers_apart(*values))]


@dataclass(frozen=True)
class Goal:
    """What completes a lesson, checked from a finished run.

    require: metric -> (op, value), e.g. {"test_accuracy": (">=", 0.95)}
    limits:  param  -> (op, value), e.g. {"hidden": ("<=", 4)}
    hints:   two or three hints, each more helpful than the last.
    """

    text: str
    require: dict[str, tuple[str, Any]] = field(default_factory=dict)
    limits: dict[str, tuple[str, Any]] = field(default_factory=dict)
    hints: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "hints", tuple(self.hints))
        for op, _ in list(self.require.values()) + list(self.limits.values()):
            if op not in _OPS:
                raise ValueError(f"unknown goal operator {op!r}")

    def check(self, metrics: dict[str, Any], params: dict[str, Any]) -> tuple[bool, str]:
        """(met, why): why names the first unmet condition, or summarises success."""
        for name, (op, want) in self.limits.items():
            have = params.get(name)
            if have is None or not _OPS[op](have, want):
                want_text, have_text = _goal_values(want, have)
                return False, f"needs {name} {op} {want_text} (this run used {have_text})"
        for name, (op, want) in self.require.items():
            have = metrics.get(name)
            if not isinstance(have, (int, float, str, bool)) or (
                isinstance(have, float) and not math.isfinite(have)
            ):
                return False, f"the run did not report {name}"
            if not _OPS[op](have, want):
                have_text, want_text = _goal_values(have, want)
                return False, f"{name} is {have_text}; the goal needs {op} {want_text}"
        done = ", ".join(f"{k} {_goal_values(metrics[k])[0]}" for k in self.require)
        return True, f"goal met: {done}" if done else "goal met"


# ---------------------------------------------------------------------------- quizzes


@dataclass(frozen=True)
class Quiz:
    """A question on a page: multiple choice (answer = index) or a number with a tolerance.

    A wrong answer is answered with why it is wrong, never with the answer, so the learner can
    try again: `why` holds, for each wrong option of a choice quiz, why that option is wrong;
    `nudge` says, for a number quiz, where to look again. `explain` (which may give the answer
    away) is shown once the answer is right or revealed (`reveal`).
    """

    id: str
    page: int
    question: str
    kind: str
    options: tuple[str, ...] = ()
    answer: Any = None
    tol: float = 0.0
    explain: str = ""
    why: tuple[str, ...] = ()  # choice: aligned with options; "" for the answer
    nudge: str = ""  # number: a hint after a wrong number

    @classmethod
    def choice(
        cls,
        id: str,
        page: int,
        question: str,
        options: Sequence[str],
        answer: int,
        explain: str = "",
        why: dict[int, str] | None = None,
    ) -> "Quiz":
        """`why`: {option index: why that option is wrong}, for the wrong options only."""
        options = tuple(options)
        if not 0 <= answer < len(options):
            raise ValueError("answer must index one of the options")
        why = dict(why or {})
        stray = [i for i in why if i == answer or not (isinstance(i, int) and 0 <= i < len(options))]
        if stray:
            raise ValueError(
                f"why explains wrong options by index; {stray} is not one "
                f"(the answer is {answer}, options 0–{len(options) - 1})"
            )
        texts = tuple(why.get(i, "") for i in range(len(options)))
        return cls(id, page, question, "choice", options, answer, 0.0, explain, texts)

    @classmethod
    def number(
        cls,
        id: str,
        page: int,
        question: str,
        answer: float,
        tol: float = 1e-9,
        explain: str = "",
        nudge: str = "",
    ) -> "Quiz":
        return cls(id, page, question, "number", (), float(answer), float(tol), explain, nudge=nudge)

    def check(self, response: Any) -> tuple[bool, str]:
        """(correct, feedback). `response` is an option index or a number (text accepted).
        Wrong: why that option is wrong, or how far off the number is plus the nudge; right:
        the explanation."""
        if self.kind == "choice":
            try:
                index = int(response)
            except (TypeError, ValueError):
                index = -1
            if not 0 <= index < len(self.options):
                return False, f"Pick one of the options 1–{len(self.options)}."
            if index == self.answer:
                return True, f"Correct. {self.explain}".strip()
            return False, f"Not quite. {self.why[index] if self.why else ''}".strip()
        try:
            value = float(str(response).strip())
        except ValueError:
            return False, "Type a number."
        if not math.isfinite(value):
            return False, "Type a number."
        if abs(value - self.answer) <= self.tol:
            return True, f"Correct. {self.explain}".strip()
        return False, f"Not quite: {number(value)} is {self._how_far(value)}. {self.nudge}".strip()

    def _how_far(self, value: float) -> str:
        """How a wrong number misses, in words that do not give the answer away."""
        a = self.answer
        if a and abs(value + a) <= self.tol:
            return "the right size with the wrong sign"
        if a and value and (value > 0) == (a > 0):
            ratio = value / a
            for k in (2, 10, 100, 1000):
                if abs(ratio - k) <= 0.01 * k:
                    return "twice what it should be" if k == 2 else f"{k} times what it should be"
                if abs(1 / ratio - k) <= 0.01 * k:
                    return "half what it should be" if k == 2 else f"1/{k} of what it should be"
        near = "a little " if a and abs(value - a) <= 0.05 * abs(a) else ""
        return f"{near}too high" if value > a else f"{near}too low"

    def reveal(self) -> str:
        """The right answer and the explanation, for a learner who asks to see them."""
        if self.kind == "choice":
            right = f"{self.answer + 1}. {self.options[self.answer].rstrip('.')}"
        else:
            right = number(self.answer)
        return f"The answer: {right}. {self.explain}".strip()


# ---------------------------------------------------------------------------- lessons

PAGE_BREAK = re.compile(r"\n[ \t]*\n---+[ \t]*\n")


def pages_from(module_file: str) -> tuple[str, ...]:
    """The pages of the Markdown file beside a lesson module, split at `---` rule lines."""
    path = Path(module_file).with_suffix(".md")
    text = path.read_text(encoding="utf-8")
    return tuple(p.strip() for p in PAGE_BREAK.split("\n" + text + "\n") if p.strip())


@dataclass(frozen=True)
class Lesson:
    """A lesson: data plus one ordinary `train(p, run)` function.

    id, title and part come from the catalogue entry (`LessonRef`) when the lesson is loaded.
    `solution`: param values of the reference solution (reaches the goal; tests prove it).
    `quick`: param values for a fast smoke run (tests; finishes in a second or two).
    """

    pages: tuple[str, ...]
    params: tuple[Param, ...]
    train: Callable[[Params, Any], dict | None]
    charts: tuple[Chart, ...] = ()
    goal: Goal | None = None
    solution: dict[str, Any] = field(default_factory=dict)
    quick: dict[str, Any] = field(default_factory=dict)
    quizzes: tuple[Quiz, ...] = ()
    id: str = ""
    title: str = ""
    part: str = ""

    def __post_init__(self) -> None:
        for name in ("pages", "params", "charts", "quizzes"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise ParamError(
            f"unknown parameter {shown(name)} for lesson {self.id}; "
            f"its parameters are: {', '.join(p.name for p in self.params) or 'none'}"
        )

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def resolve(
        self, overrides: dict[str, Any] | None = None, base: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Defaults, then `base` (e.g. last saved params, silently dropping stale ones), then
        `overrides` (checked strictly: unknown names and bad values raise ParamError)."""
        values = self.defaults()
        for name, raw in (base or {}).items():
            try:
                values[name] = self.param(name).parse(raw)
            except ParamError:
                pass
        for name, raw in (overrides or {}).items():
            values[name] = self.param(name).parse(raw)
        return values

    def params_to_json(self, values: dict[str, Any]) -> dict[str, Any]:
        return {p.name: p.to_json(values[p.name]) for p in self.params if p.name in values}

    def chart(self, id: str) -> Chart | None:
        return next((c for c in self.charts if c.id == id), None)
