"""A shared machine: four learners start `tutor run xor` at the same moment.

Each learner has their own TUTOR_HOME; every run uses tutor's own thread choice (no
OMP_NUM_THREADS set), as on a lab server. The four together must take no longer than the
same four runs one after another × 1.2 (target): threads bounded by the CPUs the process may
use keep them from fighting over the cores. Also timed: the same four runs for one learner
(one TUTOR_HOME), which queue behind each other (training.lock) rather than doubling up.

    python -m benchmarks.concurrent_runs
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.child import ROOT
from benchmarks.stats import summary

RUNS, TARGET = 4, 1.2
COMMAND = ["-m", "tutor", "run", "xor", "--no-save", "--json"]


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    env["TUTOR_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _start(home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *COMMAND],
        cwd=ROOT,
        env=_env(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait(proc: subprocess.Popen) -> None:
    _, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"tutor run xor exited with {proc.returncode}: {err[-1000:]}")


def once(folder: Path) -> dict:
    homes = [folder / f"learner-{i}" for i in range(RUNS)]
    t = time.perf_counter()
    for home in homes:  # one after another
        _wait(_start(home))
    sequential = time.perf_counter() - t
    t = time.perf_counter()
    procs = [_start(home) for home in homes]  # four learners at once
    for proc in procs:
        _wait(proc)
    together = time.perf_counter() - t
    t = time.perf_counter()
    procs = [_start(homes[0]) for _ in homes]  # one learner, four at once
    for proc in procs:
        _wait(proc)
    one_learner = time.perf_counter() - t
    return {"sequential": sequential, "together": together, "one_learner": one_learner}


def measure(repeats: int = 2) -> dict:
    from tutor import cpus

    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="tutor-bench-") as folder:
            times.append(once(Path(folder)))
    seq = summary([t["sequential"] for t in times])
    tog = summary([t["together"] for t in times])
    one = summary([t["one_learner"] for t in times])
    return {
        "runs": RUNS,
        "cpus": cpus.available(),
        "threads": cpus.auto_threads(),
        "sequential": seq,
        "together": tog,
        "one_learner": one,
        "ratio": tog["median"] / seq["median"],
        "target": TARGET,
    }


def section(r: dict) -> list[str]:
    return [
        f"{r['runs']} × `tutor run xor` on {r['cpus']} usable CPUs ({r['threads']} torch thread(s) each)",
        f"  one after another     {r['sequential']['median']:.1f} s",
        f"  four learners at once {r['together']['median']:.1f} s  ratio {r['ratio']:.2f}  "
        f"(target ≤ {r['target']})",
        f"  one learner, four at once (queued by training.lock) {r['one_learner']['median']:.1f} s",
    ]


def summary_line(r: dict, ok) -> str:
    return (
        f"shared       {r['runs']} learners' runs at once {r['together']['median']:.1f} s vs "
        f"{r['sequential']['median']:.1f} s in turn: ratio {r['ratio']:.2f}  "
        f"(target ≤ {r['target']}) {ok(r['ratio'] <= r['target'])}"
    )


if __name__ == "__main__":
    print("\n".join(section(measure())))
    sys.exit(0)
