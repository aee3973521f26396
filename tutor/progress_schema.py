"""What a well-formed progress file holds, field by field, and how a damaged one is repaired.

`clean_state(state)` and `clean_runs(runs, path, problems)` return a copy in which every field
has the type its readers expect. A damaged field is dropped (its readers then use their
defaults) and named in the list of problems ("lessons.xor.hints_shown: not a whole number of
at least 0"); everything well-formed beside it is kept as it is. The smallest units dropped
whole are single values: a parameter's value (a matrix with one bad entry is no matrix), a
metric, a curve's point, a setting, a quiz answer's response. Text that is not valid Unicode
(a lone surrogate) is mended with U+FFFD, and values nested deeper than any reader needs are
dropped, so a repaired state can always be saved and copied.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

__all__ = ["clean_state", "clean_runs", "mend_text", "MAX_DEPTH", "STATUSES"]

MAX_DEPTH = 24  # deeper JSON than any reader needs (figures are the deepest)
STATUSES = ("finished", "cancelled", "diverged", "failed")

_SURROGATE = re.compile("[\ud800-\udfff]")
_DROP = object()  # what a cleaner returns for a value that must go

Problems = list
Cleaner = Callable[[Any, str, Problems], Any]


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
        if isinstance(value, dict):
            if not all(isinstance(k, str) for k in value):
                return False
            stack.extend((item, room - 1) for item in value.values())
        else:
            stack.extend((item, room - 1) for item in value)
    return True


def _param_value(v: Any) -> bool:
    """A saved parameter: a scalar, a list of scalars (a drawing's rows) or of lists of
    scalars (a matrix's rows)."""
    if _scalar(v):
        return True
    return isinstance(v, list) and all(
        _scalar(x) or (isinstance(x, list) and all(_scalar(y) for y in x)) for x in v
    )


def _point(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and _is_number(v[0]) and _is_number(v[1])


def _figure(v: Any) -> bool:  # drawn leniently by its reader: only the shape is checked
    return isinstance(v, dict) and isinstance(v.get("type"), str) and _json(v)


# ---------------------------------------------------------------------------- cleaners


def leaf(ok: Callable[[Any], bool], why: str) -> Cleaner:
    """A single value: kept if ok, else dropped and named."""

    def clean(value: Any, path: str, problems: Problems) -> Any:
        if ok(value):
            return value
        problems.append(f"{path}: {why}")
        return _DROP

    return clean


def record(fields: dict[str, Cleaner], other: Cleaner | None = None, null: bool = False) -> Cleaner:
    """An object whose known fields are cleaned one by one; other fields are kept if plain
    JSON (or cleaned by `other`). null: None is a valid value too."""

    def clean(value: Any, path: str, problems: Problems) -> Any:
        if value is None and null:
            return None
        if not isinstance(value, dict):
            problems.append(f"{path}: not an object")
            return _DROP
        out = {}
        for key, item in value.items():
            cleaner = fields.get(key) or other or _plain
            kept = cleaner(item, f"{path}.{key}", problems)
            if kept is not _DROP:
                out[key] = kept
        return out

    return clean


def mapping(item: Cleaner) -> Cleaner:
    """An object of named items, each cleaned by `item`."""
    return record({}, other=item)


def sequence(item: Cleaner) -> Cleaner:
    """A list whose items are each cleaned by `item` (a bad one dropped)."""

    def clean(value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, list):
            problems.append(f"{path}: not a list")
            return _DROP
        cleaned = (item(v, f"{path}[{i}]", problems) for i, v in enumerate(value))
        return [v for v in cleaned if v is not _DROP]

    return clean


_plain = leaf(_json, "nested too deeply")

TEXT = leaf(lambda v: isinstance(v, str), "not text")
TEXT_OR_NULL = leaf(lambda v: v is None or isinstance(v, str), "not text")
COUNT = leaf(lambda v: _is_int(v) and v >= 0, "not a whole number of at least 0")
FLAG = leaf(lambda v: isinstance(v, bool), "not true or false")
FLAG_OR_NULL = leaf(lambda v: v is None or isinstance(v, bool), "not true, false or null")
RUN_NUMBER = leaf(lambda v: _is_int(v) and v >= 1, "not a whole number of at least 1")
PARAMS = mapping(leaf(_param_value, "not a parameter value"))

RUN = record(
    {
        "n": RUN_NUMBER,
        "started": TEXT_OR_NULL,
        "device": TEXT_OR_NULL,
        "seconds": leaf(lambda v: _is_number(v) and v >= 0, "not a number of seconds"),
        "status": leaf(lambda v: v in STATUSES, f"not one of {', '.join(STATUSES)}"),
        "goal_met": FLAG_OR_NULL,
        "goal_reason": TEXT,
        "message": TEXT,
        "error": TEXT,
        "notes": leaf(
            lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "not a list of text"
        ),
        "params": PARAMS,
        "metrics": mapping(leaf(lambda v: _json(v, 2), "not a metric value")),
        "curves": mapping(sequence(leaf(_point, "not an [x, y] pair of numbers"))),
        "figures": mapping(leaf(_figure, "not a figure")),
        "code": mapping(TEXT),
    }
)
RUNS = sequence(RUN)

LESSON = record(
    {
        "page": COUNT,
        "hints_shown": COUNT,
        "goal": record(
            {
                "met": FLAG,
                "at": TEXT,
                "run": leaf(lambda v: v is None or (_is_int(v) and v >= 0), "not a run number"),
            },
            null=True,
        ),
        "params": PARAMS,
        "quiz": mapping(
            record({"response": leaf(lambda v: _json(v, 3), "not an answer"), "correct": FLAG, "at": TEXT})
        ),
        "exercises": mapping(  # see tutor.exercises.record
            record(
                {
                    "attempts": COUNT,
                    "wrong_tries": COUNT,
                    "passed": FLAG,
                    "first_passed": TEXT,
                    "last_checked": TEXT,
                    "hints_shown": COUNT,
                    "solution_shown": TEXT,
                }
            )
        ),
        "runs": RUNS,  # schema 1 kept runs here; the caller moves them out
    }
)

SETTINGS = record(
    {
        "device": TEXT,
        "theme": TEXT,
        "threads": leaf(
            lambda v: v == "auto" or (_is_int(v) and v >= 1), "not auto or a whole number of at least 1"
        ),
    },
    other=leaf(_scalar, "not a single value"),
)

STATE = record(
    {
        "schema": leaf(_is_int, "not a schema number"),
        "last_lesson": TEXT_OR_NULL,
        "settings": SETTINGS,
        "lessons": mapping(LESSON),
    }
)


# ---------------------------------------------------------------------------- mending


def _mend(value: Any, path: str, problems: Problems) -> Any:
    """A copy of `value` (plain JSON, depth already bounded) with lone surrogates mended,
    each mended string named once in problems."""
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


def clean_runs(runs: Any, path: str, problems: Problems) -> list[dict]:
    """A lesson's saved runs, each cleaned; a run is dropped whole only if it is no object."""
    cleaned = RUNS(runs, path, problems)
    return [] if cleaned is _DROP else _mend(cleaned, path, problems)


def clean_state(state: dict) -> tuple[dict, Problems]:
    """The state (a dict with a valid schema number) with every damaged field dropped, and
    the list of what was wrong."""
    problems: Problems = []
    cleaned = _mend(STATE(state, "", problems), "", problems)
    problems = [p.removeprefix(".") for p in problems]
    out = {"schema": state["schema"], "last_lesson": None, "settings": {}, "lessons": {}}
    out.update(cleaned)
    return out, problems
