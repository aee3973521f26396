"""The tutor's side of the warm worker: start it, send checks, cancel, close.

    with Worker() as worker:
        result = worker.check(exercise, path)      # a CheckResult

The worker process (tutor.exercises.zygote) is started on first use, in its own session, and
kept warm; if it dies or stops answering it is replaced on the next check, and the check that
was running reports what happened. `cancel()` (from any thread) kills the running check
within a fraction of a second. Learner code never runs in this process.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tutor.exercises.model import Exercise
from tutor.exercises.report import CheckResult

__all__ = ["Worker", "MEMORY_GB", "STARTUP_TIMEOUT", "child_env"]

MEMORY_GB = 2.0  # what a check may allocate on top of the worker's own memory
STARTUP_TIMEOUT = 60.0  # seconds to import torch on a slow, busy machine
GRACE = 5.0  # seconds past a check's time limit before the worker itself is suspect


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child Python that must import what this process imports (the
    same tutor, lessons and test packs: this process's sys.path)."""
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([p for p in sys.path if p] + [os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
        **extra,
    )


class Worker:
    def __init__(self, memory_gb: float = MEMORY_GB, time_limit: float | None = None):
        self.memory_gb = memory_gb
        self.time_limit = time_limit  # seconds per check; None: the exercise's own
        self._proc: subprocess.Popen | None = None
        self._buffer = b""
        self._lock = threading.Lock()  # one check at a time
        self._write_lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Start the worker and wait until it has imported torch (idempotent)."""
        if self._proc is not None and self._proc.poll() is None:
            return
        env = child_env(OMP_NUM_THREADS="1")
        self._buffer = b""
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tutor.exercises.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
        line = self._read_line(time.monotonic() + STARTUP_TIMEOUT)
        if line is None or not json.loads(line).get("ready"):
            self.close()
            raise RuntimeError("the exercise checker could not start (python -m tutor.exercises.zygote)")

    def close(self) -> None:
        """End the worker and any check it runs (it holds no state worth a clean exit)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for step in (proc.stdin.close, lambda: os.killpg(proc.pid, signal.SIGKILL)):
            try:
                step()
            except OSError:
                pass
        proc.wait()
        proc.stdout.close()

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    # ------------------------------------------------------------------ checks
    def check(self, exercise: Exercise, path: Path | str) -> CheckResult:
        """Check the learner's file at `path` against the exercise."""
        limit = self.time_limit or exercise.time_limit
        request = {
            "file": str(Path(path).resolve()),
            "solution": str(exercise.solution_path),
            "checks": str(exercise.checks_path),
            "check": exercise.check_name,
            "function": exercise.function,
            "time_limit": limit,
            "memory_gb": self.memory_gb,
        }
        with self._lock:
            self.start()
            try:
                self._send(request)
            except OSError:  # the worker had died: start a fresh one
                self.close()
                self.start()
                self._send(request)
            line = self._read_line(time.monotonic() + limit + GRACE)
            if line is None:  # the worker died or hung: replace it next time
                self.close()
                data = {
                    "passed": False,
                    "cases": [
                        {
                            "name": "running your code",
                            "ok": False,
                            "message": "the checker stopped unexpectedly; try again",
                        }
                    ],
                }
            else:
                data = json.loads(line)
        return CheckResult.from_json(exercise, data)

    def cancel(self) -> None:
        """Stop the running check, if any (it reports "stopped on request"). Any thread."""
        proc = self._proc
        if proc is not None:
            try:
                self._send({"cancel": True}, proc)
            except OSError:  # it has gone already: nothing runs
                pass

    # ------------------------------------------------------------------ pipe
    def _send(self, obj: dict, proc: subprocess.Popen | None = None) -> None:
        proc = proc or self._proc
        with self._write_lock:
            try:
                proc.stdin.write((json.dumps(obj) + "\n").encode())
                proc.stdin.flush()
            except ValueError:  # closed meanwhile by close()
                raise OSError("the checker was closed") from None

    def _read_line(self, deadline: float) -> bytes | None:
        fd = self._proc.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                ready, _, _ = select.select([fd], [], [], left)
                chunk = os.read(fd, 65536) if ready else None
            except (OSError, ValueError):  # closed meanwhile by close()
                return None
            if chunk == b"":
                return None
            self._buffer += chunk or b""
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line
