"""A lesson's run with the learner's own code: "use my code".

    exercises = mine.choose(lesson_exercises, "softmax")     # or None: all written ones
    lesson = mine.with_learner_code(lesson, exercises)        # train runs in a child
    run = Run(lesson, params, device, code=mine.code(exercises))

The tutor keeps an ordinary `Run` (results, goal check, saving and polling stay as they are);
only the lesson's `train` is replaced by `RemoteTrain`, which starts
`python -m tutor.exercises.mine_child` (a fresh interpreter: the app has threads, so it never
forks itself, and the check worker's fork-per-check protocol stays as it is; while the app's
switch is on, the next run's child is started ahead, `prestart`, so a run does not wait for
torch to import) and replays the child's events into the run: log (so divergence is judged
here), show, note, progress, and the returned metrics. The child's end says how it went; a
child that dies says nothing, and its exit status is turned into a sentence (the check
worker's SIGNALS). Stop kills the child's process group within POLL seconds, whatever it is
doing. Learner code never runs here.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
from dataclasses import replace
from typing import Any, Sequence

from tutor.exercises import files, record
from tutor.exercises.model import Exercise
from tutor.exercises.worker import child_env
from tutor.exercises.zygote import _kill_group, _Lines, killed_by
from tutor.runner import Cancelled, Diverged, RunFailed

__all__ = [
    "RemoteTrain",
    "with_learner_code",
    "for_run",
    "choose",
    "code",
    "Refused",
    "MEMORY_GB",
    "switchable",
    "prestart",
    "discard_spare",
]

MEMORY_GB = 4.0  # what a run with the learner's code may allocate on top of torch itself
POLL = 0.1  # seconds between looks at Stop while the child trains
PRINT_LINES = 20  # the learner's printed lines kept as notes; then one line says how many more
PRINT_WIDTH = 200  # characters of one printed line
PRINTED = "your code printed: "  # how a note of the learner's printed output begins


class Refused(ValueError):
    """The run cannot use the learner's code (a starter file, no such exercise...)."""


def switchable(exercises: Sequence[Exercise]) -> list[Exercise]:
    """The exercises whose function can stand in for one of the lesson's (used_as)."""
    return [ex for ex in exercises if ex.used_as]


def choose(exercises: Sequence[Exercise], wanted: str | None = None) -> list[Exercise]:
    """The exercises a run uses: `wanted` is "EX[,EX]", or None for every switchable exercise
    the learner has written (its file exists and is no longer the starter). Raises Refused
    with a sentence for the learner when one asked for cannot stand in or is still the
    untouched starter, or when none is written yet."""
    can = switchable(exercises)
    lesson = exercises[0].lesson if exercises else "this lesson"
    if not can:
        raise Refused(f"no exercise of {lesson} can stand in for the lesson's own code")
    if not wanted:
        chosen = [ex for ex in can if files.path(ex).exists() and not files.untouched(ex)]
        if chosen:
            return chosen
        if len(can) == 1:
            raise _starter(can[0])
        raise Refused(
            f"your {', '.join(ex.id for ex in can)} are still the starters: write one first "
            f"(tutor exercises {lesson} says where they are)"
        )
    by_id = {ex.id: ex for ex in can}
    chosen = []
    for name in (w.strip() for w in wanted.split(",") if w.strip()):
        if name not in by_id:
            raise Refused(
                f"{lesson} has no exercise {name!r} that can stand in for the lesson's code; "
                f"those that can: {', '.join(by_id)}"
            )
        if files.untouched(by_id[name]):
            raise _starter(by_id[name])
        chosen.append(by_id[name])
    return chosen


def _starter(ex: Exercise) -> Refused:
    return Refused(
        f"your {ex.id} is still the starter ({files.path(ex)}): write it first, "
        f"then check it with: tutor check {ex.key}"
    )


def code(exercises: Sequence[Exercise]) -> dict[str, str]:
    """What a run records of whose code ran."""
    return {ex.id: "mine" for ex in exercises}


def not_passed_notes(progress, exercises: Sequence[Exercise]) -> list[str]:
    return [
        f"your {ex.id} has not passed its check yet"
        for ex in exercises
        if record.status(progress, ex.lesson, ex.id) != "passed"
    ]


def for_run(lesson, exercises: Sequence[Exercise], progress):
    """(lesson, code) for a run of the app or the CLI: the lesson with the learner's functions
    swapped in (a note for each not passed yet), and what the result records of it."""
    notes = not_passed_notes(progress, exercises)
    return with_learner_code(lesson, exercises, notes=notes), code(exercises)


def with_learner_code(lesson, exercises: Sequence[Exercise], memory_gb: float = MEMORY_GB, notes=()):
    """The lesson with its train run in a child process, the learner's functions swapped in."""
    return replace(
        lesson, train=RemoteTrain(lesson.train.__module__, list(exercises), memory_gb, list(notes))
    )


class RemoteTrain:
    """A lesson's `train(p, run)` that runs in a child with the learner's code."""

    def __init__(self, module: str, exercises: list[Exercise], memory_gb: float, notes: list[str]):
        self.module, self.exercises, self.memory_gb, self.notes = module, exercises, memory_gb, notes

    def __call__(self, p, run) -> dict[str, Any]:
        for text in self.notes:
            run.note(text)
        request = {
            "module": self.module,
            "params": run.lesson.params_to_json(p.as_dict()),
            "device": run.device,
            "threads": run.threads,
            "history": run.history,
            "memory_gb": self.memory_gb if run.device == "cpu" else 0,  # an address-space cap breaks CUDA
            "swaps": [
                {
                    "file": str(files.path(ex).resolve()),
                    "function": ex.function,
                    "used_as": ex.used_as,
                    "exercise": ex.id,
                }
                for ex in self.exercises
            ],
        }
        proc, r = _take()
        try:
            return _Session(proc, r, run).follow(request)
        finally:
            _close((proc, r))  # the group: also whatever the learner's code started


def _spawn() -> tuple[subprocess.Popen, int]:
    """A child that imports torch, then waits for its request on stdin; and the read end of
    its events pipe."""
    r, w = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tutor.exercises.mine_child", str(w)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            pass_fds=(w,),
            start_new_session=True,
            env=child_env(PYTHONUNBUFFERED="1"),
        )
    except BaseException:
        os.close(r)
        raise
    finally:
        os.close(w)
    return proc, r


_spare: tuple[subprocess.Popen, int] | None = None  # a child started ahead (prestart)
_spare_lock = threading.Lock()


def prestart() -> None:
    """Start the next run's child now, so that run does not wait for a fresh interpreter to
    import torch (1-2 s; more on a busy machine). The app calls it when the switch is turned
    on and after each run, from its main thread: the child dies with the thread that started
    it (PR_SET_PDEATHSIG on Linux), and when this process closes its stdin."""
    global _spare
    with _spare_lock:
        if _spare is not None and _spare[0].poll() is None:
            return
        _close(_spare)
        _spare = _spawn()


def discard_spare() -> None:
    """End the child started ahead, if any (the switch was turned off, the lesson closed)."""
    global _spare
    with _spare_lock:
        spare, _spare = _spare, None
    _close(spare)


def _take() -> tuple[subprocess.Popen, int]:
    global _spare
    with _spare_lock:
        spare, _spare = _spare, None
    if spare is not None and spare[0].poll() is None:
        return spare
    _close(spare)
    return _spawn()


def _close(child: tuple[subprocess.Popen, int] | None) -> None:
    if child is None:
        return
    proc, r = child
    _kill_group(proc.pid)
    proc.wait()
    for stream in (proc.stdin, proc.stdout):
        try:
            stream.close()
        except OSError:
            pass
    os.close(r)


class _Session:
    """One child's run: its events replayed into the parent's run."""

    def __init__(self, proc: subprocess.Popen, events_fd: int, run):
        self.proc, self.run = proc, run
        self.events, self.printed = _Lines(events_fd), _Lines(proc.stdout.fileno())
        self.lines_printed = 0
        self.end: dict | None = None
        self.diverged: Diverged | None = None  # judged here; the child's last figures still come
        self.sent = run.params.as_dict()

    def follow(self, request: dict) -> dict[str, Any]:
        self._send(request)
        open_fds = [self.events.fd, self.printed.fd]
        while self.events.fd in open_fds and self.end is None:  # until it ends or dies
            if self.run.cancelled:
                raise Cancelled()
            self._send_changes()
            ready, _, _ = select.select(open_fds, [], [], POLL)
            for fd in ready:
                stream = self.events if fd == self.events.fd else self.printed
                lines = _read(stream)
                if stream.closed:
                    open_fds.remove(fd)
                for line in lines:
                    if stream is self.events:
                        self._event(line)
                    else:
                        self._printed(line)
        for line in _read_all(self.printed):  # what it printed just before the end
            self._printed(line)
        if self.diverged is not None:
            raise self.diverged
        if self.end is None:
            raise RunFailed(_ended(self._status()))
        end = self.end
        if end["end"] == "finished":
            return dict(end.get("metrics") or {})
        if end["end"] == "diverged":
            raise Diverged(*end["diverged"])
        raise RunFailed(end.get("message") or "the run failed", end.get("details"))

    def _status(self) -> int | None:
        try:
            return self.proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            return None

    def _send(self, obj: dict) -> None:
        try:
            self.proc.stdin.write((json.dumps(obj, default=str) + "\n").encode())
            self.proc.stdin.flush()
        except (OSError, ValueError):  # it has ended: its exit status will say why
            pass

    def _send_changes(self) -> None:
        """Live parameters the learner changed in the form since the last look."""
        now = self.run.params.as_dict()
        for name, value in now.items():
            if self.sent.get(name) != value:
                self._send({"set": [name, self.run.lesson.param(name).to_json(value)]})
        self.sent = now

    def _event(self, line: bytes) -> None:
        from tutor.figures import figure_from_json

        event = json.loads(line)
        run = self.run
        if "log" in event:
            if self.diverged is None:
                step, values = event["log"]
                try:
                    run.log(step, **values)
                except Diverged as exc:  # the child stops at the same value: let it show what it shows
                    self.diverged = exc
        elif "show" in event:
            chart_id, figure = event["show"]
            run.show(chart_id, figure_from_json(figure))
        elif "note" in event:
            run.note(event["note"])
        elif "progress" in event:
            run.mirror_progress(*event["progress"])
        elif "diverge_when" in event:
            growth, patterns = event["diverge_when"]
            run.diverge_when(growth, patterns)
        elif "end" in event:
            self.end = event

    def _printed(self, line: bytes) -> None:
        self.lines_printed += 1
        if self.lines_printed <= PRINT_LINES:
            text = line.decode("utf-8", "replace").rstrip()
            if len(text) > PRINT_WIDTH:
                text = text[:PRINT_WIDTH] + "…"
            self.run.note(PRINTED + text)
        elif self.lines_printed == PRINT_LINES + 1:
            self.run.note(f"your code printed more; only the first {PRINT_LINES} lines are kept")


def _read(stream: _Lines) -> list[bytes]:
    """The complete lines one read brings (at the end, also an unfinished last line)."""
    lines = stream.ready()
    if stream.closed and stream.buffer.strip():
        lines.append(stream.buffer)
        stream.buffer = b""
    return lines


def _read_all(stream: _Lines) -> list[bytes]:
    """Whatever is already there to read, without waiting."""
    lines: list[bytes] = []
    while not stream.closed and select.select([stream.fd], [], [], 0)[0]:
        lines += _read(stream)
    return lines


def _ended(status: int | None) -> str:
    """Why the child ended without saying so, in the learner's terms."""
    if status is None:
        return "the run's process stopped answering"
    if status < 0:
        return killed_by(-status, "the run's process")
    return (
        f"your code ended the run's process (exit code {status}, e.g. os._exit({status})); "
        "return a value instead"
    )
