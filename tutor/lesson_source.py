"""The code a lesson runs, as the Code view shows it: the lesson's module up to its `LESSON`
declaration (hints, quizzes and the reference solution stay out of it), then each course
module it takes code from (shared helpers such as a training loop), except modules that
declare `SHOW_IN_CODE_VIEW = False` (plumbing such as reading and installing data files),
which are named in one line instead. No Textual import."""

from __future__ import annotations

import inspect
import re
import sys
from types import ModuleType

from tutor.lesson import Lesson

_LESSON_DECLARATION = re.compile(r"^LESSON\s*=", re.M)


def _studied_part(source: str) -> str:
    """The module's source up to its `LESSON = Lesson(...)` declaration."""
    match = _LESSON_DECLARATION.search(source)
    return (source[: match.start()] if match else source).rstrip() + "\n"


def _helpers(module: ModuleType) -> list[str]:
    """The course modules (`lessons.…`) this module takes names from, in first-use order."""
    names: list[str] = []
    for value in vars(module).values():
        name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
        if (
            isinstance(name, str)
            and name.startswith("lessons.")
            and name != module.__name__
            and name not in names
            and name in sys.modules
        ):
            names.append(name)
    return names


def lesson_source(lesson: Lesson) -> str:
    module = sys.modules.get(lesson.train.__module__)
    if module is None:
        return "# The source of this lesson is not available."
    parts = []
    try:
        parts.append(_studied_part(inspect.getsource(module)))
    except (OSError, TypeError):
        pass
    for name in _helpers(module):
        helper = sys.modules[name]
        rule = f"# {'=' * 70}\n"
        if getattr(helper, "SHOW_IN_CODE_VIEW", True) is False:
            summary = (inspect.getdoc(helper) or "").split("\n")[0]
            parts.append(f"\n{rule}# {name} (used by this lesson, not shown: {summary})\n{rule}")
            continue
        try:
            source = inspect.getsource(helper)
        except (OSError, TypeError):
            continue
        parts.append(f"\n{rule}# {name} (used by this lesson)\n{rule}\n{source}")
    return "\n".join(parts) or "# The source of this lesson is not available."
