"""The learner's files: `$TUTOR_HOME/exercises/<lesson>/<id>.py`, made from the starter the
first time an exercise is listed, opened or checked, and never overwritten after that;
`reset` puts the starter back and keeps the old file as `<id>.py.bak`."""

from __future__ import annotations

import os
from pathlib import Path

from tutor import locations
from tutor.exercises.model import Exercise

__all__ = ["path", "ensure", "reset", "untouched"]


def path(exercise: Exercise) -> Path:
    return locations.exercises_dir() / exercise.lesson / f"{exercise.id}.py"


def ensure(exercise: Exercise) -> Path:
    """The learner's file, created from the starter if it does not exist yet."""
    target = path(exercise)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(target, "x", encoding="utf-8") as f:  # "x": never overwrite
                f.write(exercise.starter())
        except FileExistsError:
            pass
    return target


def reset(exercise: Exercise) -> Path | None:
    """Put the starter back; returns where the old file was kept (or None if there was none)."""
    target = path(exercise)
    backup = None
    if target.exists():
        backup = target.with_name(target.name + ".bak")
        os.replace(target, backup)
    ensure(exercise)
    return backup


def untouched(exercise: Exercise) -> bool:
    """True while the learner's file is still the starter."""
    try:
        return path(exercise).read_text(encoding="utf-8") == exercise.starter()
    except OSError:
        return True
