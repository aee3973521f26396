"""Exercise results in the progress file, under the lesson's entry:

    "exercises": {"<id>": {"attempts": 3, "wrong_tries": 1, "passed": true,
                           "first_passed": "<when>", "last_checked": "<when>"}}

attempts counts every check; wrong_tries the checks of an edited file that did not pass
(what paces the hints: the untouched starter failing is not a try).

Written through `Progress.update`, so it merges with whatever else is in the file.
"""

from __future__ import annotations

from datetime import datetime, timezone

__all__ = ["record", "state", "status", "passed_line"]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record(progress, lesson_id: str, exercise_id: str, passed: bool, edited: bool = True) -> dict:
    """Count an attempt (a check of the learner's file) and remember the first pass."""

    def change(data: dict) -> dict:
        entry = data["lessons"].setdefault(lesson_id, {})  # an entry: the lesson is started
        exercises = entry.setdefault("exercises", {})
        if not isinstance(exercises, dict):
            exercises = entry["exercises"] = {}
        mine = exercises.setdefault(exercise_id, {})
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


def passed_line(progress, exercises) -> str:
    """ "2 of 3 passed" for a lesson's exercises; "" when it has none."""
    exercises = list(exercises)
    if not exercises:
        return ""
    passed = sum(status(progress, ex.lesson, ex.id) == "passed" for ex in exercises)
    return f"{passed} of {len(exercises)} passed"
