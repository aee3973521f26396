"""The progress file: what a learner has done, kept in one human-readable JSON file.

    {"schema": 1, "last_lesson": "xor", "settings": {"device": "auto", ...},
     "lessons": {"xor": {"status", "page", "params", "quiz", "hints_shown", "goal", "runs"}}}

Every change goes through `Progress.update`: under a file lock it re-reads the file (so two
open instances lose nothing), applies the change, and writes atomically (temp file in the
same directory, fsync, `os.replace`). A corrupt file, or one written by a newer tutor, is
kept aside under a new name and the learner is told where; a location that cannot be
written means progress is kept in memory only. None of this ever raises to the caller.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import tempfile
import threading
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

__all__ = ["SCHEMA", "MIGRATIONS", "Progress", "home_dir", "default_path", "migrate"]

SCHEMA = 1
MAX_RUNS = 50            # runs kept per lesson
RUNS_WITH_CURVES = 5     # the most recent runs keep their curves
CURVE_POINTS = 200       # points per saved curve
ERROR_LINES = 6          # lines of a failed run's traceback kept
LOCK_TIMEOUT = 3.0       # seconds to wait for another instance before going on without the lock

DEFAULT_SETTINGS = {"device": "auto", "theme": "textual-dark"}
LESSON_DEFAULTS: dict[str, Any] = {
    "status": "new", "page": 0, "params": {}, "quiz": {}, "hints_shown": 0, "goal": None,
    "runs": [],
}
# one quiz's entry: the last checked answer, how many answers were checked, and whether the
# learner asked to see the answer (files from before attempts were counted: one attempt)
QUIZ_DEFAULTS: dict[str, Any] = {"response": None, "correct": False, "attempts": 0, "revealed": False}

T = TypeVar("T")


def home_dir() -> Path:
    """Where tutor keeps its files: $TUTOR_HOME if set, else the platform's user data dir."""
    env = os.environ.get("TUTOR_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("tutor", appauthor=False)


def default_path() -> Path:
    return home_dir() / "progress.json"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _fresh() -> dict:
    return {"schema": SCHEMA, "last_lesson": None, "settings": {}, "lessons": {}}


# ---------------------------------------------------------------------------- reading

class _Unreadable(Exception):
    """The file exists but its content cannot be used (kind: "corrupt" or "newer")."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind, self.reason = kind, reason


# MIGRATIONS[n] turns a schema-n state into a schema-(n+1) state. Empty while SCHEMA is 1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(state: dict) -> dict:
    """Bring a state written with an older schema up to SCHEMA, one step at a time."""
    version = state["schema"]
    while version < SCHEMA:
        step = MIGRATIONS.get(version)
        if step is None:
            raise _Unreadable("corrupt", f"schema {version} is not one this version can read")
        state = step(state)
        version += 1
        state["schema"] = version
    return state


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


_LESSON_TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "status": ("text", lambda v: isinstance(v, str)),
    "page": ("a whole number", _is_int),
    "params": ("an object", lambda v: isinstance(v, dict)),
    "quiz": ("an object of objects",
             lambda v: isinstance(v, dict) and all(isinstance(q, dict) for q in v.values())),
    "hints_shown": ("a whole number", _is_int),
    "goal": ("an object or null", lambda v: v is None or isinstance(v, dict)),
    "runs": ("a list of objects",
             lambda v: isinstance(v, list) and all(isinstance(r, dict) for r in v)),
}


def _checked(state: Any) -> dict:
    """The state if its shape is right (migrated if older); raises _Unreadable if not."""
    if not isinstance(state, dict):
        raise _Unreadable("corrupt", "it does not hold a JSON object")
    schema = state.get("schema")
    if not _is_int(schema):
        raise _Unreadable("corrupt", "it has no schema number")
    if schema > SCHEMA:
        raise _Unreadable("newer", f"it uses schema {schema}; this version reads schema {SCHEMA}")
    if schema < SCHEMA:
        state = migrate(state)
    state.setdefault("last_lesson", None)
    state.setdefault("settings", {})
    state.setdefault("lessons", {})
    if state["last_lesson"] is not None and not isinstance(state["last_lesson"], str):
        raise _Unreadable("corrupt", "last_lesson is not text")
    if not isinstance(state["settings"], dict):
        raise _Unreadable("corrupt", "settings is not an object")
    if not isinstance(state["lessons"], dict):
        raise _Unreadable("corrupt", "lessons is not an object")
    for lesson_id, entry in state["lessons"].items():
        if not isinstance(entry, dict):
            raise _Unreadable("corrupt", f"the entry for lesson {lesson_id!r} is not an object")
        for key, (what, ok) in _LESSON_TYPES.items():
            if key in entry and not ok(entry[key]):
                raise _Unreadable("corrupt", f"{key} of lesson {lesson_id!r} is not {what}")
    return state


def _parse(text: str) -> dict:
    try:
        state = json.loads(text)
    except ValueError as exc:
        raise _Unreadable("corrupt", f"it is not valid JSON: {exc}") from None
    return _checked(state)


# ---------------------------------------------------------------------------- the file

class Progress:
    """The learner's progress, loaded at once from `path` (default: default_path()).

    `data` is the latest state (treat it as read-only; change it through the methods or
    `update`). `warnings` holds sentences for the learner; `saving` is False when the
    location cannot be written, in which case everything still works, in memory only.
    """

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.warnings: list[str] = []
        self.saving = True
        self._data: dict = _fresh()
        self._mutex = threading.RLock()
        self._lock_warned = False
        problem = self._check_location()
        if problem:
            self._stop_saving(problem)
        self._data = self._load(initial=True) or _fresh()

    @property
    def data(self) -> dict:
        return self._data

    # ------------------------------------------------------------------ location
    def _check_location(self) -> str | None:
        """Why the location cannot be written, or None. Creates nothing: the folder is made
        on the first save."""
        parent = self.path.parent
        existing = parent
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            return f"the folder {parent} cannot be created ({existing} is not a folder)"
        if not os.access(existing, os.W_OK | os.X_OK):
            what = "is not writable" if existing == parent else f"cannot be created in {existing}"
            return f"the folder {parent} {what}"
        if self.path.is_dir():
            return f"{self.path} is a folder, not a file"
        if self.path.exists() and not os.access(self.path, os.W_OK):
            return f"the file {self.path} is read-only"
        return None

    def _stop_saving(self, reason: str) -> None:
        if self.saving:
            self.saving = False
            self.warnings.append(f"Progress will not be saved: {reason}. "
                                 "Everything works, but nothing is kept after you quit.")

    # ------------------------------------------------------------------ reading
    def _load(self, initial: bool = False) -> dict | None:
        """The state on disk, or None if there is none to use. A corrupt or newer file is
        kept aside (or, when it cannot be moved, left alone and saving stopped)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError:
            text = None
        except OSError as exc:
            if initial:
                self._stop_saving(f"the file {self.path} cannot be read ({exc.strerror or exc})")
            return None
        try:
            if text is None:
                raise _Unreadable("corrupt", "it is not UTF-8 text")
            return _parse(text)
        except _Unreadable as bad:
            self._keep_aside(bad)
            return None

    def _keep_aside(self, bad: _Unreadable) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.{bad.kind}-{stamp}")
        i = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.{bad.kind}-{stamp}-{i}")
            i += 1
        what = ("could not be read" if bad.kind == "corrupt"
                else "was written by a newer version of tutor")
        try:
            if not self.saving:
                raise OSError("not saving")
            os.rename(self.path, aside)
        except OSError as exc:
            why = "" if not self.saving else f", since it could not be moved aside ({exc.strerror or exc})"
            self.warnings.append(f"The progress file {self.path} {what} ({bad.reason}); it is "
                                 f"left as it is{why}; this session starts fresh.")
            self._stop_saving("the existing progress file must not be overwritten")
            return
        after = " Update tutor to use it again." if bad.kind == "newer" else ""
        self.warnings.append(f"The progress file {self.path} {what} ({bad.reason}); it was kept "
                             f"as {aside} and a fresh one started.{after}")

    def reload(self) -> dict:
        """Re-read the file (e.g. after another instance wrote it); returns the new state."""
        with self._mutex:
            if self.saving and self.path.exists():
                with self._locked():
                    self._data = self._load() or self._data
            return self._data

    # ------------------------------------------------------------------ writing
    @contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except (Timeout, OSError) as exc:
            # a folder that cannot be made is reported by the write that follows
            if self.path.parent.is_dir() and not self._lock_warned:
                self._lock_warned = True
                why = ("another tutor seems to be busy with it" if isinstance(exc, Timeout)
                       else exc.strerror or str(exc))
                self.warnings.append(f"Could not lock {self.path} ({why}); saving without "
                                     "the lock.")
            yield
            return
        try:
            yield
        finally:
            with suppress(Exception):
                lock.release()

    def _write(self, state: dict) -> None:
        text = _dumps(state)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.",
                                   suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
        with suppress(OSError):       # make the rename itself durable where the OS allows
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def update(self, change: Callable[[dict], T]) -> T:
        """Apply `change(state)` to the latest state and save it; returns change's result.

        Under the lock the file is re-read first, so changes made by another open instance
        are kept. When not saving, the change applies to the in-memory state only."""
        with self._mutex:
            if not self.saving:
                state = copy.deepcopy(self._data)
                result = change(state)
                self._data = state
                return result
            with self._locked():
                state = self._load() or copy.deepcopy(self._data)
                result = change(state)
                try:
                    self._write(state)
                except OSError as exc:
                    self._stop_saving(f"writing {self.path} failed ({exc.strerror or exc})")
                self._data = state
                return result

    # ------------------------------------------------------------------ reading helpers
    def lesson(self, lesson_id: str) -> dict:
        """The lesson's entry with defaults filled in, its quiz entries too (a copy; nothing
        is written)."""
        entry = copy.deepcopy(LESSON_DEFAULTS)
        entry.update(copy.deepcopy(self._data["lessons"].get(lesson_id, {})))
        entry["quiz"] = {quiz_id: _quiz_entry(answer) for quiz_id, answer in entry["quiz"].items()}
        return entry

    def status(self, lesson_id: str) -> str:
        """"new", "started" or "done" (done: the goal was met at least once)."""
        entry = self._data["lessons"].get(lesson_id)
        if entry is None:
            return "new"
        goal = entry.get("goal")
        if isinstance(goal, dict) and goal.get("met"):
            return "done"
        return "started"

    def last_lesson(self) -> str | None:
        return self._data.get("last_lesson")

    def runs(self, lesson_id: str) -> list[dict]:
        """The lesson's saved runs, oldest first (copies)."""
        return copy.deepcopy(self._data["lessons"].get(lesson_id, {}).get("runs", []))

    def settings(self) -> dict:
        return {**DEFAULT_SETTINGS, **self._data.get("settings", {})}

    # ------------------------------------------------------------------ changes
    @staticmethod
    def _entry(state: dict, lesson_id: str) -> dict:
        """The lesson's entry in `state`, created (and marked started) if needed."""
        entry = state["lessons"].setdefault(lesson_id, {})
        for key, value in LESSON_DEFAULTS.items():
            entry.setdefault(key, copy.deepcopy(value))
        if entry["status"] == "new":
            entry["status"] = "started"
        return entry

    def open_lesson(self, lesson_id: str, page: int | None = None) -> None:
        def change(state: dict) -> None:
            entry = self._entry(state, lesson_id)
            state["last_lesson"] = lesson_id
            if page is not None:
                entry["page"] = int(page)
        self.update(change)

    def set_page(self, lesson_id: str, page: int) -> None:
        self.update(lambda state: self._entry(state, lesson_id).__setitem__("page", int(page)))

    def set_params(self, lesson_id: str, params: dict) -> None:
        """Remember the lesson's parameter values (JSON-able; matrices as lists of rows)."""
        values = json.loads(json.dumps(params))
        self.update(lambda state: self._entry(state, lesson_id).__setitem__("params", values))

    def record_quiz(self, lesson_id: str, quiz_id: str, response: Any, correct: bool,
                    revealed: bool = False) -> None:
        """Record a checked answer (one more attempt); or, with `revealed`, that the learner
        asked to see the answer (not an attempt; `response` and `correct` are then their last
        checked answer, if any). Once revealed, a quiz stays marked revealed."""
        def change(state: dict) -> None:
            quizzes = self._entry(state, lesson_id)["quiz"]
            old = _quiz_entry(quizzes.get(quiz_id))
            quizzes[quiz_id] = {
                "response": json.loads(json.dumps(response, default=str)), "correct": bool(correct),
                "attempts": old["attempts"] + (0 if revealed else 1),
                "revealed": old["revealed"] or bool(revealed), "at": _now()}
        self.update(change)

    def record_hint(self, lesson_id: str, hints_shown: int) -> None:
        """Remember how many hints were shown (the most ever shown is kept)."""
        def change(state: dict) -> None:
            entry = self._entry(state, lesson_id)
            entry["hints_shown"] = max(entry["hints_shown"], int(hints_shown))
        self.update(change)

    def record_run(self, result: Any) -> int:
        """Save a finished run (a tutor.runner.RunResult, or its to_json() dict); returns its
        number within the lesson. Keeps the last MAX_RUNS runs, curves on the most recent
        RUNS_WITH_CURVES and its figures on the newest only (drawn again after a restart);
        records the goal as met the first time a run meets it."""
        data = result.to_json(with_figures=True) if hasattr(result, "to_json") else dict(result)
        lesson_id = data["lesson"]
        run = _run_entry(data)

        def change(state: dict) -> int:
            entry = self._entry(state, lesson_id)
            runs = entry["runs"]
            run["n"] = max((r.get("n", 0) for r in runs if _is_int(r.get("n"))), default=0) + 1
            runs.append(run)
            del runs[:-MAX_RUNS]
            for old in runs[:-RUNS_WITH_CURVES]:
                old.pop("curves", None)
            for old in runs[:-1]:
                old.pop("figures", None)
            goal = entry.get("goal")
            if run["goal_met"] and not (isinstance(goal, dict) and goal.get("met")):
                entry["goal"] = {"met": True, "at": _now(), "run": run["n"]}
            if isinstance(entry.get("goal"), dict) and entry["goal"].get("met"):
                entry["status"] = "done"
            return run["n"]
        return self.update(change)

    def set_setting(self, key: str, value: Any) -> None:
        self.update(lambda state: state.setdefault("settings", {}).__setitem__(key, value))

    def reset(self, lesson_id: str | None = None) -> None:
        """Forget one lesson, or every lesson (settings are kept)."""
        def change(state: dict) -> None:
            if lesson_id is None:
                state["lessons"] = {}
                state["last_lesson"] = None
            else:
                state["lessons"].pop(lesson_id, None)
                if state.get("last_lesson") == lesson_id:
                    state["last_lesson"] = None
        self.update(change)


def _quiz_entry(answer: Any) -> dict:
    """A quiz entry with its defaults: missing or ill-typed fields take them; an answer saved
    before attempts were counted counts as one attempt."""
    answer = answer if isinstance(answer, dict) else {}
    entry = {**copy.deepcopy(QUIZ_DEFAULTS), **answer}
    attempts = answer.get("attempts")
    if not (_is_int(attempts) and attempts >= 0):
        entry["attempts"] = 1 if "response" in answer else 0
    entry["correct"] = entry["correct"] is True
    entry["revealed"] = entry["revealed"] is True
    return entry


_NUMBER_LIST = re.compile(r"\[\n\s*([-+0-9.eE]+(?:,\n\s*[-+0-9.eE]+)*)\n\s*\]")


def _dumps(state: dict) -> str:
    """Indented JSON, with lists of plain numbers (curve points, matrix rows) on one line."""
    text = json.dumps(state, indent=2, ensure_ascii=False, default=str)
    return _NUMBER_LIST.sub(lambda m: "[" + ", ".join(v.strip(",\n ") for v in m.group(1).split(",")) + "]",
                            text) + "\n"


def _rounded(value: Any, digits: int = 4) -> Any:
    """Floats to `digits` significant digits, all the way down (saved figures: a digit image
    or a heat-map is hundreds of numbers; what is drawn needs no more)."""
    if isinstance(value, float):
        return float(f"{value:.{digits}g}") if math.isfinite(value) else value
    if isinstance(value, (list, tuple)):
        return [_rounded(v, digits) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    return value


def _run_entry(data: dict) -> dict:
    """What the progress file keeps of a run's to_json()."""
    from tutor.figures import downsample

    run = {
        "n": 0, "started": data.get("started"), "params": data.get("params", {}),
        "device": data.get("device"), "seconds": data.get("seconds"),
        "status": data.get("status"), "metrics": data.get("metrics", {}),
        "goal_met": data.get("goal_met"), "goal_reason": data.get("goal_reason", ""),
        "message": data.get("message", ""),
        "curves": {name: [[x, y] for x, y in downsample([tuple(p) for p in points], CURVE_POINTS)]
                   for name, points in (data.get("curves") or {}).items()},
        "stats": data.get("stats") or {},        # per curve, over every point logged
    }
    if isinstance(data.get("figures"), dict) and data["figures"]:
        run["figures"] = _rounded(data["figures"])
    error = data.get("error")
    if error:
        lines = str(error).rstrip().splitlines()
        if len(lines) > ERROR_LINES:
            lines = ["…"] + lines[-ERROR_LINES:]
        run["error"] = "\n".join(lines)
    return json.loads(json.dumps(run, default=str))
