"""The runs of the progress file: one JSON file per lesson beside the main file.

    progress.json.runs/xor.json     {"lesson": "xor", "runs": [ one run per line ]}

A lesson keeps its last MAX_RUNS runs; the most recent RUNS_WITH_CURVES keep their curves
(downsampled to CURVE_POINTS points), the newest its figures. Each file is read once and then
only again when it changes on disk, and written whole and atomically under the progress lock
(tutor.progress), so a run's save costs the same however many lessons and runs there are.

This module imports neither Textual nor torch.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
from contextlib import suppress
from pathlib import Path
from typing import Any, Callable

from tutor.progress_schema import clean_runs, mend_text
from tutor.safe_files import read_regular, write_atomic

__all__ = [
    "MAX_RUNS",
    "RUNS_WITH_CURVES",
    "CURVE_POINTS",
    "ERROR_LINES",
    "RunFiles",
    "RunsChange",
    "UnreadableRuns",
    "add_run",
    "copy_json",
    "encode",
    "merge_runs",
    "run_entry",
]

MAX_RUNS = 50  # runs kept per lesson
RUNS_WITH_CURVES = 5  # the most recent runs keep their curves
CURVE_POINTS = 200  # points per saved curve
ERROR_LINES = 6  # lines of a failed run's traceback kept
NOTES = 30  # notes kept per run (the learner's code prints at most 20 lines into them)


class UnreadableRuns(Exception):
    """A runs file that is not one at all (the message says why)."""


def copy_json(data: Any) -> Any:
    """A deep copy of plain JSON data (ten times faster than copy.deepcopy)."""
    return pickle.loads(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))


def encode(text: str) -> bytes:
    return mend_text(text).encode("utf-8")


def _dumps_runs(lesson_id: str, runs: list[dict]) -> bytes:
    """A runs file: one run per line (compact, so it is quick to write however many runs)."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in runs)
    return encode(f'{{"lesson": {json.dumps(lesson_id, ensure_ascii=False)}, "runs": [\n{lines}\n]}}\n')


class RunFiles:
    """One JSON file of runs per lesson in `folder`, each read once until it changes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._cache: dict[str, tuple[tuple, list[dict], list[str]]] = {}

    def file(self, lesson_id: str) -> Path:
        if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}", lesson_id) and not lesson_id.endswith(".json"):
            return self.folder / f"{lesson_id}.json"
        digest = hashlib.sha256(lesson_id.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        return self.folder / f"lesson-{digest}.json"

    def read(self, lesson_id: str) -> tuple[list[dict], list[str]]:
        """(runs, problems) as on disk (shared: callers copy, never change them). Raises UnreadableRuns for a
        file that is not a runs file at all, OSError if it cannot be read."""
        path = self.file(lesson_id)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return [], []
        key = (info.st_mtime_ns, info.st_size, info.st_ino)
        cached = self._cache.get(lesson_id)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        raw = read_regular(path)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise UnreadableRuns("it is not valid JSON") from None
        if not isinstance(data, dict):
            raise UnreadableRuns("it does not hold a JSON object")
        problems: list[str] = []
        runs = clean_runs(data.get("runs"), f"lessons.{lesson_id}.runs", problems)
        self._cache[lesson_id] = (key, runs, problems)
        return runs, problems

    def write(self, lesson_id: str, runs: list[dict]) -> None:
        path = self.file(lesson_id)
        if not runs:
            self.remove(lesson_id)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._cache.pop(lesson_id, None)
        write_atomic(path, _dumps_runs(lesson_id, runs))
        with suppress(OSError):  # what we wrote need not be read back
            info = os.stat(path)
            self._cache[lesson_id] = ((info.st_mtime_ns, info.st_size, info.st_ino), runs, [])

    def remove(self, lesson_id: str) -> None:
        self._cache.pop(lesson_id, None)
        with suppress(FileNotFoundError):
            os.unlink(self.file(lesson_id))

    def remove_all(self) -> None:
        self._cache.clear()
        with suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                    with suppress(OSError):
                        os.unlink(entry.path)


class RunsChange:
    """The runs seen by one change: read on first use, written only if the change succeeds."""

    def __init__(self, read: Callable[[str], list[dict]]):
        self._read = read
        self.lists: dict[str, list[dict]] = {}
        self.dirty: set[str] = set()
        self.cleared = False

    def get(self, lesson_id: str) -> list[dict]:
        if lesson_id not in self.lists:
            self.lists[lesson_id] = [] if self.cleared else self._read(lesson_id)
        return self.lists[lesson_id]

    def put(self, lesson_id: str, runs: list[dict]) -> None:
        self.lists[lesson_id] = runs
        self.dirty.add(lesson_id)

    def clear(self, lesson_id: str | None = None) -> None:
        if lesson_id is None:
            self.lists, self.dirty, self.cleared = {}, set(), True
        else:
            self.put(lesson_id, [])


def merge_runs(saved: list[dict], extra: list[dict]) -> list[dict]:
    """saved plus the runs of `extra` whose number is not among them (runs moved out of a
    schema-1 file: if a crash came between writing them and rewriting the main file, they
    are there already)."""
    numbers = {r.get("n") for r in saved}
    return (saved + [r for r in extra if r.get("n") is None or r.get("n") not in numbers])[-MAX_RUNS:]


def run_entry(data: dict) -> dict:
    """What the progress file keeps of a run's to_json()."""
    from tutor.figures import downsample

    run = {
        "n": 0,
        "started": data.get("started"),
        "params": data.get("params", {}),
        "device": data.get("device"),
        "seconds": data.get("seconds"),
        "status": data.get("status"),
        "metrics": data.get("metrics", {}),
        "goal_met": data.get("goal_met"),
        "goal_reason": data.get("goal_reason", ""),
        "message": data.get("message", ""),
        "curves": {
            name: [[x, y] for x, y in downsample([tuple(p) for p in points], CURVE_POINTS)]
            for name, points in (data.get("curves") or {}).items()
        },
        "stats": data.get("stats") or {},  # per curve, over every point logged
    }
    if data.get("code"):
        run["code"] = dict(data["code"])  # whose code ran: exercise id -> "mine"
    notes = [str(note) for note in data.get("notes") or []]
    if notes:  # what the run said: its data, live changes, what the learner's code printed
        run["notes"] = notes[:NOTES] + ([f"… and {len(notes) - NOTES} more"] if len(notes) > NOTES else [])
    error = data.get("error")
    if error:
        lines = str(error).rstrip().splitlines()
        if len(lines) > ERROR_LINES:
            lines = ["…"] + lines[-ERROR_LINES:]
        run["error"] = "\n".join(lines)
    if isinstance(data.get("figures"), dict) and data["figures"]:
        run["figures"] = _rounded(data["figures"])
    return json.loads(json.dumps(run, default=str))


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


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def add_run(runs: list[dict], run: dict) -> int:
    """Append a copy of `run` (a run_entry) to a lesson's runs, numbered after the last;
    keep the last MAX_RUNS, curves on the most recent RUNS_WITH_CURVES and figures on the
    newest. Returns its number."""
    numbered = copy_json(run)
    numbered["n"] = max((r["n"] for r in runs if _is_int(r.get("n"))), default=0) + 1
    runs.append(numbered)
    del runs[:-MAX_RUNS]
    for old in runs[:-RUNS_WITH_CURVES]:
        old.pop("curves", None)
    for old in runs[:-1]:
        old.pop("figures", None)
    return numbered["n"]
