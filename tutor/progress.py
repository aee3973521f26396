"""The progress file: what a learner has done, kept in human-readable JSON files.

    progress.json         {"schema": 1, "last_lesson": "xor", "settings": {"device": "auto", ...},
                           "lessons": {"xor": {"page", "params", "quiz", "hints_shown", "goal",
                                               "exercises"}}}
    progress.json.runs/   one file per lesson: {"lesson": "xor", "runs": [...]} (the last 50 runs)

Runs live beside the main file, one file per lesson, so that a page turn or a run's save
costs the same after thousands of runs as after one. A schema-1 file that still holds its
runs inside (as tutor wrote it before) has them moved out on load.

Every change goes through `Progress.update`: under a file lock it re-reads the file (so two
open instances lose nothing), applies the change, and writes atomically (temp file in the
same folder, fsync, `os.replace`). Nothing is ever written without the lock: when another
tutor holds it for longer than `lock_timeout`, the change is kept in memory and saved by the
next change or by `flush()`, and the learner is told. A damaged file is repaired field by
field (a bad field is dropped and named; the original is kept aside once); a file that is not
JSON, or was written by a newer tutor, is kept aside whole. A FIFO, a device or a folder at
the path is never opened or moved: progress is then kept in memory only. A symbolic link is
followed: the file it points to is read and written (its runs and lock sit beside it). None
of this ever raises to the caller.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import copy
import json
import os
import re
import threading
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from tutor import locations
from tutor.progress_runs import (
    RunFiles,
    RunsChange,
    UnreadableRuns,
    add_run,
    copy_json,
    encode,
    merge_runs,
    run_entry,
)
from tutor.progress_schema import clean_state
from tutor.safe_files import NotRegular, not_regular, read_regular, remove_stale_temps, write_atomic

__all__ = ["SCHEMA", "MIGRATIONS", "Progress", "migrate"]

SCHEMA = 1
LOCK_TIMEOUT = 3.0  # seconds a change waits for another instance before it is kept in memory
LOCK_NOTICE = 3.0  # after this long waiting, `on_wait` is told (if set)
FLUSH_WAIT = 30.0  # seconds flush() waits for the lock by default
PROBLEMS_NAMED = 10  # damaged fields named in one message

DEFAULT_SETTINGS = {"device": "auto", "theme": "textual-dark", "threads": "auto"}
LESSON_DEFAULTS: dict[str, Any] = {
    "page": 0,
    "params": {},
    "quiz": {},
    "hints_shown": 0,
    "goal": None,
}
# one quiz's entry: the last checked answer, how many answers were checked, and whether the
# learner asked to see the answer (files from before attempts were counted: one attempt)
QUIZ_DEFAULTS: dict[str, Any] = {"response": None, "correct": False, "attempts": 0, "revealed": False}

T = TypeVar("T")
Change = Callable[[dict, RunsChange], Any]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")


def _fresh() -> dict:
    return {"schema": SCHEMA, "last_lesson": None, "settings": {}, "lessons": {}}


def _free_name(path: Path, kind: str) -> Path:
    """PATH.KIND-<time>, numbered if taken."""
    aside = path.with_name(f"{path.name}.{kind}-{_stamp()}")
    i = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.{kind}-{_stamp()}-{i}")
        i += 1
    return aside


def _damage_text(problems: list[str]) -> str:
    named = "; ".join(problems[:PROBLEMS_NAMED])
    more = len(problems) - PROBLEMS_NAMED
    return named + (f"; and {more} more" if more > 0 else "")


# ---------------------------------------------------------------------------- reading


class _Unreadable(Exception):
    """The file exists but its content cannot be used (kind: "corrupt" or "newer")."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind, self.reason = kind, reason


class _LockBusy(Exception):
    """Another instance held the lock for longer than we would wait."""


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


def _parse(raw: bytes) -> tuple[dict, list[str]]:
    """The state in a file's bytes, repaired field by field, and what was repaired; raises
    _Unreadable if there is no state to repair."""
    try:
        state = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Unreadable("corrupt", "it is not UTF-8 text") from None
    except RecursionError:
        raise _Unreadable("corrupt", "it is nested too deeply to be a progress file") from None
    except ValueError as exc:
        raise _Unreadable("corrupt", f"it is not valid JSON: {str(exc)[:200]}") from None
    if not isinstance(state, dict):
        raise _Unreadable("corrupt", "it does not hold a JSON object")
    schema = state.get("schema")
    if not _is_int(schema):
        raise _Unreadable("corrupt", "it has no schema number")
    if schema > SCHEMA:
        raise _Unreadable("newer", f"it uses schema {schema}; this version reads schema {SCHEMA}")
    if schema < SCHEMA:
        state = migrate(state)
    return clean_state(state)


_NUMBER_LIST = re.compile(r"\[\n\s*([-+0-9.eE]+(?:,\n\s*[-+0-9.eE]+)*)\n\s*\]")


def _dumps(state: dict) -> bytes:
    """Indented JSON, with lists of plain numbers (curve points, matrix rows) on one line;
    UTF-8 (text that is not valid Unicode, e.g. from a command line, is mended)."""
    text = json.dumps(state, indent=2, ensure_ascii=False, default=str)
    text = (
        _NUMBER_LIST.sub(
            lambda m: "[" + ", ".join(v.strip(",\n ") for v in m.group(1).split(",")) + "]", text
        )
        + "\n"
    )
    return encode(text)


# ---------------------------------------------------------------------------- the file


class Progress:
    """The learner's progress, loaded at once from `path` (default: locations.progress_file()).

    `data` is the latest state without the runs (treat it as read-only; change it through
    the methods or `update`); `runs(id)` gives a lesson's runs. `warnings` holds sentences for
    the learner, and `on_warning(text)`, if set, is called with each new one; `saving` is
    False when the location cannot be written, in which case everything still works, in
    memory only. `unsaved` counts changes kept in memory while another tutor held the lock.
    """

    def __init__(self, path: Path | str | None = None, lock_timeout: float | None = None):
        self.path = Path(path).expanduser() if path is not None else locations.progress_file()
        # a symbolic link is followed: its target is read and written, its runs and lock beside it
        self.file = Path(os.path.realpath(self.path))
        self.runs_folder = locations.runs_dir(self.file)
        self.lock_timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self.on_wait: Callable[[str], None] | None = None
        self.on_warning: Callable[[str], None] | None = None
        self.warnings: list[str] = []
        self.saving = True
        self._data: dict = _fresh()
        self._mutex = threading.RLock()
        self._pending: list[Change] = []
        self._busy_warned = False
        self._files = RunFiles(self.runs_folder)
        self._memory_runs: dict[str, list[dict]] = {}  # runs not (yet) on disk, by lesson
        self._memory_cleared = False  # all runs forgotten, not yet on disk
        self._reported: set[tuple] = set()  # damaged run files already reported
        problem = self._check_location()
        if problem:
            self._stop_saving(problem)
        else:
            remove_stale_temps(self.file.parent, self.file.name)
            remove_stale_temps(self.runs_folder)
        loaded = self._read_state(initial=True)
        if loaded is None:
            return
        state, problems = loaded
        inner = self._has_inner_runs(state)
        self._absorb_inner_runs(state)
        self._data = state
        if (problems or inner) and self.saving:
            self._transact(lambda state, runs: None)  # repair / move the runs out, on disk
        elif problems:
            self._warn(
                f"The progress file {self.path} has damaged fields, ignored: {_damage_text(problems)}."
            )

    @property
    def data(self) -> dict:
        return self._data

    @property
    def unsaved(self) -> int:
        return len(self._pending)

    def _warn(self, text: str) -> None:
        self.warnings.append(text)
        if self.on_warning is not None:
            with suppress(Exception):
                self.on_warning(text)

    # ------------------------------------------------------------------ location
    def _check_location(self) -> str | None:
        """Why the location cannot be written, or None. Creates nothing: the folder is made
        on the first save."""
        parent = self.file.parent
        existing = parent
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            return f"the folder {parent} cannot be created ({existing} is not a folder)"
        if not os.access(existing, os.W_OK | os.X_OK):
            what = "is not writable" if existing == parent else f"cannot be created in {existing}"
            return f"the folder {parent} {what}"
        odd = not_regular(self.file)
        if odd:
            return f"{odd}, so it is left alone"
        if self.file.exists() and not os.access(self.file, os.W_OK):
            return f"the file {self.path} is read-only"
        return None

    def _stop_saving(self, reason: str) -> None:
        if self.saving:
            self.saving = False
            self._warn(
                f"Progress will not be saved: {reason}. Everything works, but nothing is kept after you quit."
            )

    # ------------------------------------------------------------------ reading
    def _read_state(self, initial: bool = False) -> tuple[dict, list[str]] | None:
        """The state on disk and what was repaired in it, or None if there is none to use. A
        file that cannot be used at all is kept aside (or, when it cannot be moved, left
        alone and saving stopped)."""
        try:
            raw = read_regular(self.file)
        except FileNotFoundError:
            return None
        except NotRegular as exc:
            self._stop_saving(f"{exc}, so it is left alone")
            return None
        except OSError as exc:
            if initial:
                self._stop_saving(f"the file {self.path} cannot be read ({exc.strerror or exc})")
            return None
        try:
            return _parse(raw)
        except _Unreadable as bad:
            self._keep_aside(bad)
            return None

    def _keep_aside(self, bad: _Unreadable) -> None:
        aside = _free_name(self.file, bad.kind)
        what = "could not be read" if bad.kind == "corrupt" else "was written by a newer version of tutor"
        try:
            if not self.saving:
                raise OSError("not saving")
            os.rename(self.file, aside)
        except OSError as exc:
            why = "" if not self.saving else f", since it could not be moved aside ({exc.strerror or exc})"
            self._warn(
                f"The progress file {self.path} {what} ({bad.reason}); it is "
                f"left as it is{why}; this session starts fresh."
            )
            self._stop_saving("the existing progress file must not be overwritten")
            return
        after = " Update tutor to use it again." if bad.kind == "newer" else ""
        self._warn(
            f"The progress file {self.path} {what} ({bad.reason}); it was kept "
            f"as {aside} and a fresh one started.{after}"
        )

    def _copy_aside(self, path: Path, problems: list[str], what: str) -> None:
        """Keep the damaged original of `path` (about to be rewritten repaired) and say so."""
        aside = _free_name(path, "damaged")
        try:
            write_atomic(aside, read_regular(path))
            kept = f"the original was kept as {aside}"
        except OSError as exc:
            kept = f"the original could not be kept ({exc.strerror or exc})"
        self._warn(f"{what} had damaged fields, dropped: {_damage_text(problems)}; {kept}.")

    # ------------------------------------------------------------------ runs on disk
    @staticmethod
    def _has_inner_runs(state: dict) -> bool:
        return any("runs" in entry for entry in state["lessons"].values())

    def _absorb_inner_runs(self, state: dict) -> None:
        """Schema-1 runs inside the main file, kept in memory (when they cannot be moved out)."""
        for lesson_id, entry in state["lessons"].items():
            inner = entry.pop("runs", None)
            if inner:
                self._memory_runs[lesson_id] = merge_runs(self._disk_runs(lesson_id), inner)

    def _disk_runs(self, lesson_id: str, repair: bool = False, deep: bool = True) -> list[dict]:
        """A copy of the lesson's runs (deep: else each run is a shallow copy, enough for a
        change that only adds runs and drops their fields) on disk ([] when there are none or
        they cannot be used).
        A file that is not a runs file is kept aside; damaged runs are reported once (repair:
        the original is copied aside, and the caller rewrites it)."""
        try:
            runs, problems = self._files.read(lesson_id)
        except UnreadableRuns as bad:
            path = self._files.file(lesson_id)
            aside = _free_name(path, "corrupt")
            try:
                if not self.saving:
                    raise OSError("progress is not being saved")
                os.rename(path, aside)
                kept = f"it was kept as {aside}"
            except OSError as exc:
                kept = f"it is left as it is ({exc.strerror or exc})"
            self._warn(f"The runs of {lesson_id} in {path} could not be read ({bad}); {kept}.")
            return []
        except OSError as exc:
            key = ("unreadable", lesson_id)
            if key not in self._reported:
                self._reported.add(key)
                self._warn(f"The runs of {lesson_id} could not be read ({exc.strerror or exc}).")
            return []
        if problems:
            key = (lesson_id, tuple(problems))
            if repair:
                self._copy_aside(self._files.file(lesson_id), problems, f"The runs of {lesson_id}")
                self._reported.add(key)
            elif key not in self._reported:
                self._reported.add(key)
                if self.saving and not self._pending:
                    self._transact(lambda state, runs: runs.put(lesson_id, runs.get(lesson_id)))
                    return self._disk_runs(lesson_id, deep=deep)
                self._warn(f"The runs of {lesson_id} have damaged fields, ignored: {_damage_text(problems)}.")
        return copy_json(runs) if deep else [dict(r) for r in runs]

    def _memory_read(self, lesson_id: str) -> list[dict]:
        if lesson_id in self._memory_runs:
            return copy_json(self._memory_runs[lesson_id])
        if self._memory_cleared:
            return []
        return self._disk_runs(lesson_id)

    # ------------------------------------------------------------------ writing
    @contextmanager
    def _locked(self, wait: float | None = None) -> Iterator[None]:
        """Hold the file lock; raises _LockBusy after `wait` seconds (default lock_timeout),
        OSError if the lock cannot be used at all."""
        from filelock import FileLock, Timeout

        wait = self.lock_timeout if wait is None else wait
        self.file.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.file) + ".lock")
        try:
            lock.acquire(timeout=min(wait, LOCK_NOTICE))
        except Timeout:
            if wait <= LOCK_NOTICE:
                raise _LockBusy() from None
            if self.on_wait is not None:
                with suppress(Exception):
                    self.on_wait(f"waiting for another tutor to finish saving {self.path} …")
            try:
                lock.acquire(timeout=wait - LOCK_NOTICE)
            except Timeout:
                raise _LockBusy() from None
        try:
            yield
        finally:
            with suppress(Exception):
                lock.release()

    def _transact(self, change: Change) -> Any:
        """Apply change(state, runs) to the latest state and save it (see update)."""
        with self._mutex:
            if self.saving:
                try:
                    with self._locked():
                        return self._apply_on_disk(change)
                except _LockBusy:
                    self._pending.append(change)
                    if not self._busy_warned:
                        self._busy_warned = True
                        self._warn(
                            f"Another tutor has held {self.path} locked for over "
                            f"{self.lock_timeout:g} s; your changes are kept and will be "
                            "saved as soon as it is free."
                        )
                except OSError as exc:
                    self._stop_saving(
                        f"the lock file {self.file}.lock cannot be used ({exc.strerror or exc})"
                    )
            return self._apply_in_memory(change)

    def _apply_on_disk(self, change: Change) -> Any:
        """(under the lock) re-read, replay kept changes, apply `change`, write."""
        loaded = self._read_state()
        if loaded is None:
            state, before = copy_json(self._data), None
        else:
            state, problems = loaded
            before = None if problems else copy_json(state)
            if problems:
                self._copy_aside(self.file, problems, f"The progress file {self.path}")
        runs = RunsChange(lambda lesson_id: self._disk_runs(lesson_id, repair=True, deep=False))
        for lesson_id, entry in state["lessons"].items():  # schema-1 runs move out
            inner = entry.pop("runs", None)
            if inner:
                runs.put(lesson_id, merge_runs(runs.get(lesson_id), inner))
        for earlier in self._pending:
            earlier(state, runs)
        result = change(state, runs)
        try:
            if runs.cleared:
                self._files.remove_all()
            for lesson_id in runs.dirty:  # runs first: a crash in between leaves a run
                self._files.write(lesson_id, runs.lists[lesson_id])  # without its goal, never
            if state != before:  # a goal without its run
                write_atomic(self.file, _dumps(state))
        except OSError as exc:
            self._stop_saving(f"writing {self.path} failed ({exc.strerror or exc})")
            self._remember(runs)
        else:
            self._memory_runs, self._memory_cleared = {}, False
        self._pending.clear()
        self._busy_warned = False
        self._data = state
        return result

    def _apply_in_memory(self, change: Change) -> Any:
        state = copy_json(self._data)
        runs = RunsChange(self._memory_read)
        result = change(state, runs)
        self._remember(runs)
        self._data = state
        return result

    def _remember(self, runs: RunsChange) -> None:
        if runs.cleared:
            self._memory_runs, self._memory_cleared = {}, True
        for lesson_id in runs.dirty:
            self._memory_runs[lesson_id] = runs.lists[lesson_id]

    def update(self, change: Callable[[dict], T]) -> T:
        """Apply `change(state)` to the latest state and save it; returns change's result.

        Under the lock the file is re-read first, so changes made by another open instance
        are kept. When not saving, the change applies to the in-memory state only; when
        another instance holds the lock too long, it is also kept to be saved later."""
        return self._transact(lambda state, runs: change(state))

    def flush(self, wait: float = FLUSH_WAIT) -> bool:
        """Save the changes kept in memory while another tutor held the lock, waiting up to
        `wait` seconds for it. True when nothing is left unsaved (also when not saving: the
        learner was told then)."""
        with self._mutex:
            if not self._pending or not self.saving:
                return True
            try:
                with self._locked(wait):
                    self._apply_on_disk(lambda state, runs: None)
                return True
            except _LockBusy:
                self._warn(
                    f"{len(self._pending)} change(s) to your progress could not be saved: "
                    f"another tutor kept {self.path} locked for over {wait:g} s."
                )
            except OSError as exc:
                self._stop_saving(f"the lock file {self.file}.lock cannot be used ({exc.strerror or exc})")
            return False

    # ------------------------------------------------------------------ reading helpers
    def lesson(self, lesson_id: str) -> dict:
        """The lesson's entry with defaults filled in, its quiz entries too (a copy; nothing
        is written). Its runs are `runs(lesson_id)`."""
        entry = copy.deepcopy(LESSON_DEFAULTS)
        entry.update(copy_json(self._data["lessons"].get(lesson_id, {})))
        entry["quiz"] = {quiz_id: _quiz_entry(answer) for quiz_id, answer in entry["quiz"].items()}
        return entry

    def status(self, lesson_id: str) -> str:
        """ "new", "started" or "done" (done: the goal was met at least once)."""
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
        with self._mutex:
            return self._memory_read(lesson_id)

    def settings(self) -> dict:
        return {**DEFAULT_SETTINGS, **self._data.get("settings", {})}

    # ------------------------------------------------------------------ changes
    @staticmethod
    def _entry(state: dict, lesson_id: str) -> dict:
        """The lesson's entry in `state`, created if needed (an entry is what makes a lesson
        "started"; see `status`)."""
        entry = state["lessons"].setdefault(lesson_id, {})
        for key, value in LESSON_DEFAULTS.items():
            entry.setdefault(key, copy.deepcopy(value))
        entry.pop("status", None)  # older files stored it; `status` derives it now
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

    def record_quiz(
        self, lesson_id: str, quiz_id: str, response: Any, correct: bool, revealed: bool = False
    ) -> None:
        """Record a checked answer (one more attempt); or, with `revealed`, that the learner
        asked to see the answer (not an attempt; `response` and `correct` are then their last
        checked answer, if any). Once revealed, a quiz stays marked revealed."""

        def change(state: dict) -> None:
            quizzes = self._entry(state, lesson_id)["quiz"]
            old = _quiz_entry(quizzes.get(quiz_id))
            quizzes[quiz_id] = {
                "response": json.loads(json.dumps(response, default=str)),
                "correct": bool(correct),
                "attempts": old["attempts"] + (0 if revealed else 1),
                "revealed": old["revealed"] or bool(revealed),
                "at": _now(),
            }

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
        records the goal as met the first time a run meets it. (While another tutor holds the
        lock, the number is the one the run would get now; see `unsaved`.)"""
        data = result.to_json(with_figures=True) if hasattr(result, "to_json") else dict(result)
        lesson_id = data["lesson"]
        run = run_entry(data)

        def change(state: dict, saved: RunsChange) -> int:
            entry = self._entry(state, lesson_id)
            runs = saved.get(lesson_id)
            n = add_run(runs, run)
            saved.put(lesson_id, runs)
            goal = entry.get("goal")
            if run["goal_met"] and not (isinstance(goal, dict) and goal.get("met")):
                entry["goal"] = {"met": True, "at": _now(), "run": n}
            return n

        return self._transact(change)

    def set_setting(self, key: str, value: Any) -> None:
        self.update(lambda state: state.setdefault("settings", {}).__setitem__(key, value))

    def reset(self, lesson_id: str | None = None) -> None:
        """Forget one lesson, or every lesson (settings are kept)."""

        def change(state: dict, runs: RunsChange) -> None:
            if lesson_id is None:
                state["lessons"] = {}
                state["last_lesson"] = None
                runs.clear()
            else:
                state["lessons"].pop(lesson_id, None)
                runs.clear(lesson_id)
                if state.get("last_lesson") == lesson_id:
                    state["last_lesson"] = None

        self._transact(change)


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
