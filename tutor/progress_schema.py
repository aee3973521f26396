"""What a well-formed progress file holds, field by field, and how a damaged one is repaired.

`clean_state(state)` and `clean_runs(runs)` return a copy in which every field has the type its
readers expect; a damaged field is dropped (its readers then use their defaults) and named in
the returned list of problems ("lessons.xor.hints_shown: not a whole number of at least 0").
Everything well-formed is kept as it is. Text that is not valid Unicode (a lone surrogate) is
mended with U+FFFD, and values nested deeper than any reader needs are dropped, so a repaired
state can always be saved and copied.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

__all__ = ["clean_state", "clean_runs", "clean_run", "mend_text", "MAX_DEPTH", "STATUSES",
           "LESSON_STATUSES"]

MAX_DEPTH = 24                      # deeper JSON than any reader needs (figures are the deepest)
STATUSES = ("finished", "cancelled", "diverged", "failed")
LESSON_STATUSES = ("new", "started", "done")

_SURROGATE = re.compile("[\ud800-\udfff]")

Problems = list


def mend_text(text: str) -> str:
    """The text with any lone surrogate (not valid Unicode, cannot be written) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


# ---------------------------------------------------------------------------- value kinds

def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return (_is_int(v) or isinstance(v, float)) and math.isfinite(v)


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, bool)) or _is_int(v) or isinstance(v, float)


def _json(v: Any, depth: int = MAX_DEPTH) -> bool:
    """Plain JSON no deeper than `depth` (iterative: a deep value cannot exhaust the stack)."""
    stack = [(v, depth)]
    while stack:
        value, room = stack.pop()
        if _scalar(value):
            continue
        if room <= 0 or not isinstance(value, (list, dict)):
            return False
        items = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict) and not all(isinstance(k, str) for k in value):
            return False
        stack.extend((item, room - 1) for item in items)
    return True


def _mend(value: Any, path: str, problems: Problems) -> Any:
    """A copy of `value` (plain JSON, depth-checked) with lone surrogates mended, each mended
    string named once in problems."""
    if isinstance(value, str):
        mended = mend_text(value)
        if mended != value:
            problems.append(f"{path}: text that is not valid Unicode (mended)")
        return mended
    if isinstance(value, list):
        return [_mend(v, f"{path}[{i}]", problems) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            key = mend_text(k)
            if key != k:
                problems.append(f"{path}: a name that is not valid Unicode (mended)")
            out[key] = _mend(v, f"{path}.{key}", problems)
        return out
    return value


# ---------------------------------------------------------------------------- field checks

Check = Callable[[Any], bool]

_TEXT: tuple[Check, str] = (lambda v: isinstance(v, str), "not text")
_TEXT_OR_NULL: tuple[Check, str] = (lambda v: v is None or isinstance(v, str), "not text")
_COUNT: tuple[Check, str] = (lambda v: _is_int(v) and v >= 0, "not a whole number of at least 0")
_FLAG: tuple[Check, str] = (lambda v: isinstance(v, bool), "not true or false")
_FLAG_OR_NULL: tuple[Check, str] = (lambda v: v is None or isinstance(v, bool), "not true, false or null")


def _param_value(v: Any) -> bool:
    """A saved parameter: a scalar, a list of scalars (a drawing's rows) or of lists of
    scalars (a matrix's rows)."""
    if _scalar(v):
        return True
    return isinstance(v, list) and all(
        _scalar(x) or (isinstance(x, list) and all(_scalar(y) for y in x)) for x in v)


def _curve(v: Any) -> bool:
    return isinstance(v, list) and all(
        isinstance(p, list) and len(p) == 2 and _is_number(p[0]) and _is_number(p[1]) for p in v)


def _fields(entry: dict, spec: dict[str, tuple[Check, str]], path: str, problems: Problems) -> dict:
    """entry without the fields in `spec` that fail their check (each failure named)."""
    out = {}
    for key, value in entry.items():
        check = spec.get(key)
        if check is not None and not check[0](value):
            problems.append(f"{path}.{key}: {check[1]}")
            continue
        out[key] = value
    return out


def _mapping(value: Any, path: str, problems: Problems, ok: Check, why: str) -> dict | None:
    """A dict keeping only the items whose value passes `ok` (None if value is no dict)."""
    if not isinstance(value, dict):
        problems.append(f"{path}: not an object")
        return None
    out = {}
    for key, item in value.items():
        if ok(item):
            out[key] = item
        else:
            problems.append(f"{path}.{key}: {why}")
    return out


# ---------------------------------------------------------------------------- runs

_RUN_FIELDS: dict[str, tuple[Check, str]] = {
    "n": (lambda v: _is_int(v) and v >= 1, "not a whole number of at least 1"),
    "started": _TEXT_OR_NULL,
    "device": _TEXT_OR_NULL,
    "seconds": (lambda v: _is_number(v) and v >= 0, "not a number of seconds"),
    "status": (lambda v: v in STATUSES, f"not one of {', '.join(STATUSES)}"),
    "goal_met": _FLAG_OR_NULL,
    "goal_reason": _TEXT,
    "message": _TEXT,
    "error": _TEXT,
    "notes": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "not a list of text"),
}


_RUN_MAPPINGS: tuple[tuple[str, Check, str], ...] = (
    ("params", _param_value, "not a parameter value"),
    ("metrics", lambda v: _json(v, 2), "not a metric value"),
    ("curves", _curve, "not a list of [x, y] number pairs"),
    # figures are drawn leniently: a bad figure is dropped, not fatal
    ("figures", lambda v: isinstance(v, dict) and isinstance(v.get("type"), str), "not a figure"),
)


def clean_run(run: Any, path: str, problems: Problems) -> dict | None:
    """A saved run with damaged fields dropped; None if it is not an object at all."""
    if not isinstance(run, dict):
        problems.append(f"{path}: not an object (dropped)")
        return None
    run = _mend(run, path, problems) if _json(run) else _shallow(run, path, problems)
    out = _fields(run, _RUN_FIELDS, path, problems)
    for key, ok, why in _RUN_MAPPINGS:
        if key in out:
            value = _mapping(out.pop(key), f"{path}.{key}", problems, ok, why)
            if value is not None:
                out[key] = value
    return out


def _shallow(value: dict, path: str, problems: Problems) -> dict:
    """An object whose fields are checked one by one: fields too deep (or not JSON) dropped."""
    out = {}
    for key, item in value.items():
        if isinstance(key, str) and _json(item, MAX_DEPTH - 2):
            out[key] = item
        else:
            problems.append(f"{path}.{key}: nested too deeply (dropped)")
    return _mend(out, path, problems)


def clean_runs(runs: Any, path: str, problems: Problems) -> list[dict]:
    """A lesson's saved runs, each cleaned; a damaged run is dropped whole only if it is not
    an object."""
    if not isinstance(runs, list):
        problems.append(f"{path}: not a list")
        return []
    cleaned = (clean_run(r, f"{path}[{i}]", problems) for i, r in enumerate(runs))
    return [r for r in cleaned if r is not None]


# ---------------------------------------------------------------------------- lessons

def _quiz_answer(v: Any) -> bool:
    return (isinstance(v, dict) and isinstance(v.get("correct", False), bool)
            and isinstance(v.get("at", ""), str) and _json(v.get("response"), 3))


def _goal(v: Any) -> bool:
    return v is None or (isinstance(v, dict) and isinstance(v.get("met", False), bool)
                         and isinstance(v.get("at", ""), str)
                         and (v.get("run") is None or _is_int(v.get("run"))))


_LESSON_FIELDS: dict[str, tuple[Check, str]] = {
    "status": (lambda v: v in LESSON_STATUSES, f"not one of {', '.join(LESSON_STATUSES)}"),
    "page": _COUNT,
    "hints_shown": _COUNT,
    "goal": (_goal, "not a goal record (met, at, run)"),
}


def _clean_lesson(entry: Any, path: str, problems: Problems) -> dict | None:
    if not isinstance(entry, dict):
        problems.append(f"{path}: not an object (dropped)")
        return None
    entry = _shallow(entry, path, problems)
    out = _fields(entry, _LESSON_FIELDS, path, problems)
    if "params" in out:
        params = _mapping(out.pop("params"), f"{path}.params", problems, _param_value,
                          "not a parameter value")
        if params is not None:
            out["params"] = params
    if "quiz" in out:
        quiz = _mapping(out.pop("quiz"), f"{path}.quiz", problems, _quiz_answer, "not a quiz answer")
        if quiz is not None:
            out["quiz"] = quiz
    if "runs" in out:                # schema 1 kept runs here; the caller moves them out
        out["runs"] = clean_runs(out["runs"], f"{path}.runs", problems)
    return out


_SETTINGS: dict[str, tuple[Check, str]] = {
    "device": _TEXT,
    "theme": _TEXT,
    "threads": (lambda v: v == "auto" or (_is_int(v) and v >= 1), "not auto or a whole number of at least 1"),
}


def clean_state(state: dict) -> tuple[dict, Problems]:
    """The state (a dict with a valid schema number) with every damaged field dropped or
    defaulted, and the list of what was wrong."""
    problems: Problems = []
    out: dict[str, Any] = {"schema": state["schema"], "last_lesson": None, "settings": {},
                           "lessons": {}}
    for key, value in state.items():
        if key in out:
            continue
        if _json(value):                  # unknown top-level fields (a newer minor version) kept
            out[key] = _mend(value, key, problems)
        else:
            problems.append(f"{key}: nested too deeply (dropped)")
    last = state.get("last_lesson")
    if last is None or isinstance(last, str):
        out["last_lesson"] = None if last is None else _mend(last, "last_lesson", problems)
    else:
        problems.append("last_lesson: not text")
    settings = state.get("settings", {})
    if isinstance(settings, dict):
        settings = _shallow(settings, "settings", problems)
        settings = _fields(settings, _SETTINGS, "settings", problems)
        for key, value in settings.items():
            if _scalar(value):
                out["settings"][key] = value
            else:
                problems.append(f"settings.{key}: not a single value")
    else:
        problems.append("settings: not an object")
    lessons = state.get("lessons", {})
    if isinstance(lessons, dict):
        for lesson_id, entry in lessons.items():
            lid = mend_text(lesson_id)
            if lid != lesson_id:
                problems.append(f"lessons: a lesson name that is not valid Unicode (mended)")
            cleaned = _clean_lesson(entry, f"lessons.{lid}", problems)
            if cleaned is not None:
                out["lessons"][lid] = cleaned
    else:
        problems.append("lessons: not an object")
    return out, problems
