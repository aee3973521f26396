"""Exercise checks: how long from saving a file to seeing its check result.

    python -m benchmarks.exercise_check [--repeats N] [--json PATH]

  cold   `python -m tutor check gradient-descent/mse`: a fresh process, which starts the
         checker (torch imported and warmed up once) and checks one file
  warm   Worker.check on a started checker: a forked child per check (mse; train_step,
         which trains 200 steps; the endless loop killed at a 1 s limit is not timed here)
  watch  `tutor watch gradient-descent` running; a wrong answer, then the solution, saved N
         times: from the write to the result line on its stdout (includes the 0.3 s poll)

Target: save → result ≤ 1.5 s with a warm checker, on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WRONG = "def mse(y_pred, y):\n    return ((y_pred - y) ** 2).sum()\n"


def _exercise(key: str):
    from tutor.course import catalogue
    from tutor.exercises import find

    return find(catalogue(), key)[0]


def cold(home: Path) -> float:
    ex = _exercise("gradient-descent/mse")
    target = home / "exercises" / ex.lesson / f"{ex.id}.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(ex.solution())
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tutor", "check", ex.key],
        capture_output=True,
        env=dict(os.environ, TUTOR_HOME=str(home)),
        check=True,
    )
    return time.perf_counter() - start


def warm(repeats: int) -> dict:
    from tutor.exercises.worker import Worker

    out = {}
    with Worker() as worker:
        start = time.perf_counter()
        worker.start()
        out["checker start (s)"] = [time.perf_counter() - start]
        for key in ("gradient-descent/mse", "nn-and-optimizers/train_step"):
            ex = _exercise(key)
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                assert worker.check(ex, ex.solution_path).passed
                times.append(time.perf_counter() - start)
            out[f"check {key} (s)"] = times
    return out


def watch(home: Path, repeats: int) -> list[float]:
    ex = _exercise("gradient-descent/mse")
    target = home / "exercises" / ex.lesson / f"{ex.id}.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(WRONG)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor", "watch", ex.lesson],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, TUTOR_HOME=str(home)),
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put((time.perf_counter(), line)) for line in proc.stdout], daemon=True
    ).start()

    def result_after(t0: float) -> float:
        while True:
            t, line = lines.get(timeout=60)
            if t >= t0 and line.startswith(f"{ex.key}:"):
                return t - t0

    result_after(0.0)  # the first check, at start
    times = []
    for i in range(repeats):
        last = i == repeats - 1
        time.sleep(0.5)
        text = ex.solution() if last else WRONG + f"# try {i}\n"
        t0 = time.perf_counter()
        target.write_text(text)
        times.append(result_after(t0))
    proc.wait(timeout=30)
    return times


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        figures["cold tutor check (s)"] = [cold(Path(tmp) / "cold")]
        figures.update(warm(args.repeats))
        figures["watch: save → result (s)"] = watch(Path(tmp) / "watch", args.repeats)
    for name, values in figures.items():
        print(
            f"{name:<44} median {statistics.median(values):6.3f}  max {max(values):6.3f}  (n={len(values)})"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
