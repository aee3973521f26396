"""Exercise results in the progress file, under the lesson's entry:

    "exercises": {"<id>": {"attempts": 3, "wrong_tries": 1, "passed": true,
                           "first_passed": "<when>", "last_checked": "<when>",
                           "hints_shown": 2, "solution_shown": "<when>"}}

attempts counts every check; wrong_tries the checks of an edited file that did not pass (the
untouched starter failing is not a try). hints_shown is how many of the exercise's hints
the learner has seen, in the app (Hint) or on the command line (`tutor hint`, or `tutor
check` after a try that does not pass); solution_shown is when the reference solution was
first shown. The rule both follow: the solution is offered after a pass, or after every
hint was shown.

Written through `Progress.update`, so it merges with whatever else is in the file.
"""

from __future__ import annotations

from datetime import datetime, timezone

__all__ = [
    "record",
    "show_hint",
    "show_solution",
    "state",
    "status",
    "hints_shown",
    "solution_offered",
    "passed_line",
    "hints_used",
]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _mine(data: dict, lesson_id: str, exercise_id: str) -> dict:
    """The exercise's entry in `data`, created (and the lesson marked started) if needed."""
    entry = data["lessons"].setdefault(lesson_id, {})  # an entry: the lesson is started
    exercises = entry.setdefault("exercises", {})
    if not isinstance(exercises, dict):
        exercises = entry["exercises"] = {}
    return exercises.setdefault(exercise_id, {})


def record(progress, lesson_id: str, exercise_id: str, passed: bool, edited: bool = True) -> dict:
    """Count an attempt (a check of the learner's file) and remember the first pass."""

    def change(data: dict) -> dict:
        mine = _mine(data, lesson_id, exercise_id)
        mine["attempts"] = int(mine.get("attempts", 0)) + 1
        mine["last_checked"] = _now()
        if edited and not passed:
            mine["wrong_tries"] = int(mine.get("wrong_tries", 0)) + 1
        if passed and not mine.get("passed"):
            mine["passed"] = True
            mine["first_passed"] = mine["last_checked"]
        mine.setdefault("passed", False)
        return dict(mine)

    return progress.update(change)


def show_hint(progress, exercise) -> dict:
    """One more hint shown (never more than the exercise has); returns the entry after."""

    def change(data: dict) -> dict:
        mine = _mine(data, exercise.lesson, exercise.id)
        mine["hints_shown"] = min(hints_shown(mine, exercise) + 1, len(exercise.hints))
        return dict(mine)

    return progress.update(change)


def show_solution(progress, exercise) -> dict:
    """Remember that the reference solution was shown (the first time); returns the entry."""

    def change(data: dict) -> dict:
        mine = _mine(data, exercise.lesson, exercise.id)
        mine.setdefault("solution_shown", _now())
        return dict(mine)

    return progress.update(change)


def state(progress, lesson_id: str, exercise_id: str) -> dict:
    exercises = progress.lesson(lesson_id).get("exercises")
    mine = exercises.get(exercise_id) if isinstance(exercises, dict) else None
    return dict(mine) if isinstance(mine, dict) else {}


def status(progress, lesson_id: str, exercise_id: str) -> str:
    """ "passed" (at least once), "tried" (checked, never passed) or "new"."""
    mine = state(progress, lesson_id, exercise_id)
    if mine.get("passed"):
        return "passed"
    return "tried" if mine.get("attempts") else "new"


def hints_shown(mine: dict, exercise) -> int:
    """How many of the exercise's hints the learner has seen, by its entry `mine` (a count
    beyond its hints, e.g. after hints were removed, is its number of hints)."""
    n = mine.get("hints_shown", 0)
    return min(n, len(exercise.hints)) if isinstance(n, int) and n > 0 else 0


def solution_offered(mine: dict, exercise) -> bool:
    """After a pass, or after every hint was shown."""
    return bool(mine.get("passed")) or hints_shown(mine, exercise) >= len(exercise.hints)


def passed_line(progress, exercises) -> str:
    """ "2 of 3 passed" for a lesson's exercises; "" when it has none."""
    exercises = list(exercises)
    if not exercises:
        return ""
    passed = sum(status(progress, ex.lesson, ex.id) == "passed" for ex in exercises)
    return f"{passed} of {len(exercises)} passed"


def hints_used(progress, exercises) -> int:
    """How many hints the learner has seen over these exercises."""
    return sum(hints_shown(state(progress, ex.lesson, ex.id), ex) for ex in exercises)
