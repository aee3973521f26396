"""What a lesson is: its parameters, charts, goal, quizzes and pages; and the catalogue.

This module imports neither Textual nor torch: the home screen and `tutor list` read the
catalogue without paying for either. A lesson's own module (which does import torch) is
imported only when the lesson is opened or run (`LessonRef.load`).
"""

from __future__ import annotations

import fnmatch
import functools
import importlib
import importlib.util
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from tutor.formatting import article, number, numbers_apart, plural, typed

__all__ = [
    "Param",
    "ParamError",
    "Params",
    "Chart",
    "Goal",
    "Quiz",
    "Lesson",
    "LessonRef",
    "Part",
    "Catalogue",
    "UnknownLesson",
    "catalogue",
    "pages_from",
    "shown",
]


class ParamError(ValueError):
    """A hyperparameter value that cannot be used; the message says what is allowed."""


SHOWN_CHARS = 60  # of a refused value, echoed back (a 10 kB paste must not fill a toast)


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """repr(value), cut to about `limit` characters, saying how long it was."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str) else len(text)
    return f"{text[: limit - 1]}… ({size:,} characters)"


# ---------------------------------------------------------------------------- params

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class Param:
    """One editable hyperparameter. Build with Param.int/float/choice/bool/text/matrix."""

    name: str
    kind: str
    default: Any
    lo: float | None = None
    hi: float | None = None
    choices: tuple = ()
    log: bool = False
    help: str = ""
    live: bool = False  # may be changed while a run is going (lesson re-reads it)
    shape: tuple[int | None, int | None] | None = None  # matrix: (rows, cols); None: any
    max_len: int = 200
    check: Callable[[Any], Any] | None = None  # text, grid: raises ValueError("why") for a bad value
    describe: str = ""  # text, grid: what is allowed, in words

    # -- constructors
    @classmethod
    def int(
        cls,
        name: str,
        default: int,
        lo: int | None = None,
        hi: int | None = None,
        help: str = "",
        live: bool = False,
    ) -> "Param":
        return cls(name, "int", default, lo, hi, help=help, live=live)

    @classmethod
    def float(
        cls,
        name: str,
        default: float,
        lo: float | None = None,
        hi: float | None = None,
        log: bool = False,
        help: str = "",
        live: bool = False,
    ) -> "Param":
        return cls(name, "float", float(default), lo, hi, log=log, help=help, live=live)

    @classmethod
    def choice(
        cls, name: str, default: str, choices: Sequence[str], help: str = "", live: bool = False
    ) -> "Param":
        return cls(name, "choice", default, choices=tuple(choices), help=help, live=live)

    @classmethod
    def bool(cls, name: str, default: bool, help: str = "", live: bool = False) -> "Param":
        return cls(name, "bool", bool(default), help=help, live=live)

    @classmethod
    def text(
        cls,
        name: str,
        default: str,
        help: str = "",
        max_len: int = 200,
        check: Callable[[str], Any] | None = None,
        describe: str = "",
    ) -> "Param":
        """Free text. `check(text)` may raise ValueError with the reason (e.g. a shape that
        does not parse), so bad text is refused in the form and on the command line before a
        run starts; `describe` says what is allowed ("a shape such as 2,3")."""
        return cls(name, "text", default, help=help, max_len=max_len, check=check, describe=describe)

    @classmethod
    def grid(
        cls,
        name: str,
        rows: int,
        cols: int,
        default: Sequence[str] | None = None,
        help: str = "",
        check: Callable[[tuple[str, ...]], Any] | None = None,
        describe: str = "",
    ) -> "Param":
        """A drawing: rows×cols cells, each ink ('#') or blank ('.'). The app draws it with the
        keyboard (or mouse); on the command line it is typed as rows joined by '/'. The value
        is a tuple of row strings; `Param.grid_array(value)` gives 0/1 lists of lists.
        `check(rows)` may raise ValueError("why") (e.g. an empty drawing), as for text."""
        value = tuple(default) if default else tuple("." * cols for _ in range(rows))
        return cls(name, "grid", value, shape=(rows, cols), help=help, check=check, describe=describe)

    @staticmethod
    def grid_array(value: Sequence[str]) -> list[list[int]]:
        return [[1 if c == "#" else 0 for c in row] for row in value]

    @classmethod
    def matrix(
        cls,
        name: str,
        default: Sequence[Sequence[float]],
        shape: tuple[int, int] | None = None,
        lo: float | None = None,
        hi: float | None = None,
        help: str = "",
    ) -> "Param":
        value = tuple(tuple(float(v) for v in row) for row in default)
        return cls(name, "matrix", value, lo, hi, shape=shape, help=help)

    # -- what is allowed
    def allowed(self) -> str:
        """A phrase describing the values this parameter accepts."""
        if self.kind in ("int", "float"):
            what = "an integer" if self.kind == "int" else "a number"
            if self.lo is not None and self.hi is not None:
                return f"{what} from {number(self.lo)} to {number(self.hi)}"
            if self.lo is not None:
                return f"{what} of at least {number(self.lo)}"
            if self.hi is not None:
                return f"{what} of at most {number(self.hi)}"
            return what
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "bool":
            return "true or false"
        if self.kind == "text":
            return self.describe or f"text of at most {plural(self.max_len, 'character')}"
        if self.kind == "grid":
            r, c = self.shape
            return (
                f"a drawing of {plural(r, 'row')} of {plural(c, 'cell')}, '#' for ink and '.' for "
                "blank, rows joined by '/'" + (f" ({self.describe})" if self.describe else "")
            )
        rows, cols = self.shape or (None, None)
        shape = (
            f"{rows}×{cols} "
            if rows and cols
            else f"{rows}-row "
            if rows
            else f"{cols}-column "
            if cols
            else ""
        )
        rng = ""
        if self.lo is not None and self.hi is not None:
            rng = f" with entries from {number(self.lo)} to {number(self.hi)}"
        example = "1 0" if rows == 1 else "1 0; 0 1"
        return f"{article(shape + 'matrix')}, rows separated by ';' (e.g. \"{example}\"){rng}"

    def _fail(self, raw: Any, why: str = "") -> ParamError:
        why = f" ({why if len(why) <= 2 * SHOWN_CHARS else why[: 2 * SHOWN_CHARS - 1] + '…'})" if why else ""
        return ParamError(
            f"{self.name}: {shown(raw)} is not allowed{why}; {self.name} must be {self.allowed()}"
        )

    def _check_range(self, raw: Any, x: float) -> None:
        if not math.isfinite(x):
            raise self._fail(raw, "not a finite number")
        if self.lo is not None and x < self.lo:
            raise self._fail(raw, "too small")
        if self.hi is not None and x > self.hi:
            raise self._fail(raw, "too large")

    def parse(self, raw: Any) -> Any:
        """Turn text (or an already typed value) into a checked value, or raise ParamError."""
        text = raw.strip() if isinstance(raw, str) else raw
        if self.kind == "int":
            try:
                if isinstance(text, bool):
                    raise ValueError
                if isinstance(text, float):
                    if not text.is_integer():
                        raise ValueError
                    value = int(text)
                else:
                    value = int(text)
            except (TypeError, ValueError, OverflowError):
                raise self._fail(raw, "not an integer") from None
            self._check_range(raw, value)
            return value
        if self.kind == "float":
            try:
                if isinstance(text, bool):
                    raise ValueError
                value = float(text)
            except (TypeError, ValueError, OverflowError):
                raise self._fail(raw, "not a number") from None
            self._check_range(raw, value)
            return value + 0.0  # -0.0 is 0.0 (numpy refuses a scale of -0.0)
        if self.kind == "choice":
            if text in self.choices:
                return text
            raise self._fail(raw)
        if self.kind == "bool":
            if isinstance(text, bool):
                return text
            if isinstance(text, str) and text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise self._fail(raw)
        if self.kind == "text":
            value = str(raw)
            if len(value) > self.max_len:
                raise self._fail(raw, "too long")
            return self._checked(raw, value)
        if self.kind == "grid":
            return self._checked(raw, self._parse_grid(raw))
        return self._parse_matrix(raw)

    def _checked(self, raw: Any, value: Any) -> Any:
        """value, once the param's own check (if any) has passed it."""
        if self.check is not None:
            try:
                self.check(value)
            except ParamError:
                raise
            except ValueError as exc:
                raise self._fail(raw, str(exc)) from None
        return value

    def _parse_grid(self, raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, (str, list, tuple)):
            raise self._fail(raw, "not a drawing")
        rows = re.split(r"[/\n]", raw.strip()) if isinstance(raw, str) else list(raw)
        ink, blank = set("#1xX"), set(".0 _")
        if not all(isinstance(r, str) for r in rows):
            raise self._fail(raw, "rows must be text")
        grid = tuple("".join("#" if ch in ink else "." if ch in blank else "?" for ch in r) for r in rows)
        if any("?" in r for r in grid):
            raise self._fail(raw, "cells must be '#' or '.'")
        if (len(grid), len(grid[0]) if grid else 0) != tuple(self.shape) or any(
            len(r) != self.shape[1] for r in grid
        ):
            raise self._fail(raw, f"it is not {self.shape[0]}×{self.shape[1]}")
        return grid

    def _parse_matrix(self, raw: Any) -> tuple[tuple[float, ...], ...]:
        if isinstance(raw, str):
            body = raw.strip().replace("[[", "").replace("]]", "")
            rows_text = [r for r in re.split(r"\]\s*,\s*\[|;|\n", body) if r.strip()]
            try:
                rows = [[float(v) for v in re.split(r"[,\s]+", r.strip(" []")) if v] for r in rows_text]
            except ValueError:
                raise self._fail(raw, "entries must be numbers") from None
        else:
            try:
                rows = [[float(v) for v in row] for row in raw]
            except (TypeError, ValueError, OverflowError):
                raise self._fail(raw, "entries must be numbers") from None
        if not rows or any(len(r) != len(rows[0]) for r in rows) or not rows[0]:
            raise self._fail(raw, "rows must all have the same number of entries")
        want_rows, want_cols = self.shape or (None, None)
        if (want_rows is not None and len(rows) != want_rows) or (
            want_cols is not None and len(rows[0]) != want_cols
        ):
            raise self._fail(raw, f"it is {len(rows)}×{len(rows[0])}")
        for row in rows:
            for v in row:
                self._check_range(raw, v)
        return tuple(tuple(v + 0.0 for v in r) for r in rows)

    def format(self, value: Any) -> str:
        """The text a learner would type to get this value."""
        if self.kind == "grid":
            return "/".join(value)
        return typed(value)

    def to_json(self, value: Any) -> Any:
        if self.kind == "matrix":
            return [list(r) for r in value]
        if self.kind == "grid":
            return list(value)
        return value


class Params:
    """The values a run uses, read as attributes: `p.lr`, `p.hidden`.

    Parameters declared `live=True` may be changed by the app while the run goes on
    (`set`), so a lesson that re-reads `p.lr` each step picks up the new value.
    """

    def __init__(self, values: dict[str, Any]):
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no parameter named {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("parameters are read-only in lesson code; use Params.set from the app")

    def set(self, name: str, value: Any) -> None:
        self._values[name] = value

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def __repr__(self) -> str:
        return f"Params({self._values!r})"


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


@dataclass(frozen=True)
class LessonRef:
    """A catalogue entry: enough to list and describe the lesson without importing its code.

    summary: what the lesson teaches, in a sentence; source: the course material it rebuilds;
    goal: the goal's text (the contract tests check it matches the lesson's `Goal`).
    """

    id: str
    title: str
    module: str
    part: str = ""
    summary: str = ""
    source: str = ""
    goal: str = ""

    def page_count(self) -> int | None:
        """The number of pages, read from the Markdown file beside the lesson's module without
        importing it (nor torch); None if there is no such file."""
        return _page_count(self.module)

    def load(self) -> Lesson:
        module = importlib.import_module(self.module)
        lesson: Lesson = module.LESSON
        return replace(lesson, id=self.id, title=self.title, part=self.part)


@functools.cache
def _page_count(module: str) -> int | None:
    try:
        spec = importlib.util.find_spec(module)  # imports the parent packages only
        return len(pages_from(spec.origin)) if spec and spec.origin else None
    except (ImportError, ValueError, OSError):
        return None


@dataclass(frozen=True)
class Part:
    title: str
    lessons: tuple[LessonRef, ...]

    def __init__(self, title: str, lessons: Iterable[LessonRef]):
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "lessons", tuple(replace(r, part=title) for r in lessons))


class UnknownLesson(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


class Catalogue:
    """The course: parts in order, each with its lessons in order."""

    def __init__(self, parts: Iterable[Part], warnings: Iterable[str] = ()):
        self.parts = tuple(parts)
        self.warnings = list(warnings)  # e.g. a lesson pack that failed to load
        self._by_id: dict[str, LessonRef] = {}
        for part in self.parts:
            for ref in part.lessons:
                if ref.id in self._by_id:
                    raise ValueError(f"two lessons share the id {ref.id!r}")
                self._by_id[ref.id] = ref

    def __iter__(self):
        for part in self.parts:
            yield from part.lessons

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, lesson_id: str) -> LessonRef:
        try:
            return self._by_id[lesson_id]
        except KeyError:
            raise UnknownLesson(
                f"unknown lesson {shown(lesson_id)}; lessons are: {', '.join(self._by_id)}"
            ) from None

    def after(self, lesson_id: str) -> LessonRef | None:
        ids = self.ids()
        i = ids.index(lesson_id)
        return self._by_id[ids[i + 1]] if i + 1 < len(ids) else None


def catalogue() -> Catalogue:
    """The built-in course followed by any lesson packs installed under the entry-point
    group `tutor.lessons` (each entry point names a list of Part)."""
    from importlib.metadata import entry_points

    from lessons import COURSE

    parts, warnings = list(COURSE), []
    for ep in entry_points(group="tutor.lessons"):
        try:
            parts.extend(ep.load())
        except Exception as exc:  # a broken pack must not take the course down
            warnings.append(f"lesson pack {ep.name!r} could not be loaded: {exc}")
    return Catalogue(parts, warnings)
