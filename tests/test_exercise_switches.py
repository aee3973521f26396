"""Every exercise that can stand in for a piece of its lesson (`used_as`) really does: with
the reference solution in the lesson module's place, the lesson's quick run calls it and
finishes. (In-process, to be fast: the solution is our code. tests/test_exercise_mine.py runs
the learner's code the real way, in a child.)"""

from __future__ import annotations

import importlib
import inspect

import pytest

from tutor.course import catalogue
from tutor.exercises import every_exercise
from tutor.exercises.child import _load
from tutor.runner import Run

SWITCHES = [ex for ex in every_exercise(catalogue()) if ex.used_as]
RUN_WITH = {  # params that take the lesson through the switched piece
    "tensor-ops/naive_relu": {"race": "relu"},
    "tensor-ops/naive_add": {"race": "add"},
    "tensor-ops/naive_matrix_dot": {"race": "matmul"},
    "dataloaders/points_dataset": {"dataset": "tensors"},
}


def test_at_least_eight_lessons_can_run_the_learners_code():
    assert len({ex.lesson for ex in SWITCHES}) >= 8


@pytest.mark.parametrize("ex", SWITCHES, ids=[ex.key for ex in SWITCHES])
def test_the_lesson_runs_the_exercises_function(ex, monkeypatch):
    ref = catalogue().get(ex.lesson)
    lesson = ref.load()
    module = importlib.import_module(ref.module)
    solution = getattr(_load(str(ex.solution_path), f"solution_{ex.id}"), ex.function)
    own = getattr(module, ex.used_as)
    if inspect.isfunction(own):  # the lesson calls it positionally: the same number of arguments
        assert len(inspect.signature(solution).parameters) == len(inspect.signature(own).parameters)
    calls = []

    def counted(*args, **kwargs):
        calls.append(1)
        return solution(*args, **kwargs)

    monkeypatch.setattr(module, ex.used_as, counted)
    result = Run(lesson, lesson.resolve({**lesson.quick, **RUN_WITH.get(ex.key, {})})).execute()
    assert result.status == "finished", result.error or result.message
    assert calls, f"{ex.lesson}'s train never called {ex.used_as}"
