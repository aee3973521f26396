"""What an exercise is, and where a lesson's exercises are found.

A lesson whose module is `lessons.<part>.<name>` declares its exercises in the package
`lessons.<part>.<name>_exercises`: its `__init__.py` holds `EXERCISES = [Exercise(...), ...]`
(no torch import), and beside it `starter/<id>.py`, `solution/<id>.py` and one `checks.py`
holding `check_<id>(c)` for each exercise. See docs/authoring.md, "Writing an exercise".

This module imports neither Textual nor torch: listing exercises costs no more than listing
lessons.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["Exercise", "UnknownExercise", "for_lesson", "every_exercise", "find"]


class UnknownExercise(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Exercise:
    """A piece of PyTorch the learner writes, checked in a child process.

    id:        names the files (`starter/<id>.py`, `solution/<id>.py`, `check_<id>` in
               checks.py) and the exercise on the command line (`tutor check LESSON/ID`).
    page:      the lesson page (0-based) the exercise belongs to.
    title:     one line, e.g. "mse without nn.MSELoss".
    task:      what to write, a short paragraph (also in the starter's docstring).
    function:  the name the learner's file must define (default: id).
    hints:     one or more hints, each more helpful than the last.
    used_as:   the name in the lesson module the learner's `function` stands in for when the
               lesson runs with the learner's code (tutor.exercises.mine; e.g.
               "softmax_by_hand"); "" if none.
    time_limit: seconds a check may take before it is stopped.
    """

    id: str
    title: str
    page: int
    task: str
    function: str = ""
    hints: tuple[str, ...] = ()
    used_as: str = ""
    time_limit: float = 10.0
    lesson: str = ""  # filled in from the catalogue
    folder: Path | None = field(default=None, compare=False)  # the <name>_exercises folder

    def __post_init__(self) -> None:
        object.__setattr__(self, "hints", tuple(self.hints))
        if not self.function:
            object.__setattr__(self, "function", self.id)

    @property
    def key(self) -> str:
        """LESSON/ID, as typed on the command line."""
        return f"{self.lesson}/{self.id}"

    @property
    def starter_path(self) -> Path:
        return self._folder() / "starter" / f"{self.id}.py"

    @property
    def solution_path(self) -> Path:
        return self._folder() / "solution" / f"{self.id}.py"

    @property
    def checks_path(self) -> Path:
        return self._folder() / "checks.py"

    @property
    def check_name(self) -> str:
        return f"check_{self.id}"

    def starter(self) -> str:
        return self.starter_path.read_text(encoding="utf-8")

    def solution(self) -> str:
        return self.solution_path.read_text(encoding="utf-8")

    def _folder(self) -> Path:
        if self.folder is None:
            raise ValueError(f"exercise {self.id!r} has no folder: load it with for_lesson()")
        return self.folder


def exercises_module(lesson_module: str) -> str:
    return f"{lesson_module}_exercises"


def for_lesson(ref) -> tuple[Exercise, ...]:
    """The exercises of a catalogue entry (a tutor.catalogue.LessonRef), in order; () if none."""
    name = exercises_module(ref.module)
    try:
        if importlib.util.find_spec(name) is None:
            return ()
    except ModuleNotFoundError:
        return ()
    module = importlib.import_module(name)
    folder = Path(module.__file__).parent
    found = tuple(replace(ex, lesson=ref.id, folder=folder) for ex in module.EXERCISES)
    ids = [ex.id for ex in found]
    if len(set(ids)) != len(ids):
        raise ValueError(f"two exercises of lesson {ref.id!r} share an id")
    return found


def every_exercise(cat, lesson_id: str | None = None) -> list[Exercise]:
    """Every exercise of the course in course order, or those of one lesson."""
    refs = [cat.get(lesson_id)] if lesson_id else list(cat)
    return [ex for ref in refs for ex in for_lesson(ref)]


def find(cat, key: str) -> list[Exercise]:
    """`LESSON` (all its exercises) or `LESSON/ID` (one). Raises UnknownLesson or
    UnknownExercise with a message naming what exists."""
    lesson_id, _, ex_id = key.partition("/")
    exercises = every_exercise(cat, lesson_id)
    if not ex_id:
        if not exercises:
            raise UnknownExercise(
                f"lesson {lesson_id!r} has no exercises yet; lessons with "
                f"exercises: {', '.join(_lessons_with_exercises(cat))}"
            )
        return exercises
    for ex in exercises:
        if ex.id == ex_id:
            return [ex]
    have = ", ".join(ex.id for ex in exercises) or "none"
    raise UnknownExercise(f"lesson {lesson_id!r} has no exercise {ex_id!r}; its exercises: {have}")


def _lessons_with_exercises(cat) -> list[str]:
    return [ref.id for ref in cat if for_lesson(ref)]
