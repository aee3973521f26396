"""Run one measurement in a fresh Python process and read back what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository root (benchmarks/ is in it)


def child_env(threads: int, home: str) -> dict:
    """The environment of every child: torch's thread count fixed before torch is imported,
    and a private TUTOR_HOME so no learner's progress is read or written."""
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = str(threads)
    env["MKL_NUM_THREADS"] = str(threads)
    env["TUTOR_HOME"] = home
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("TEXTUAL", None)  # no devtools
    return env


class ChildFailed(RuntimeError):
    pass


def run_child(argv: list[str], threads: int, timeout: float = 300.0) -> tuple[dict, float, float]:
    """Run `python ARGV... --out FILE` in a fresh process.

    Returns (the JSON the child wrote to FILE, time.time() just before the process was
    started, wall seconds until it exited)."""
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, *argv, "--out", str(out)]
        started = time.time()
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            env=child_env(threads, str(Path(tmp) / "home")),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=timeout,
        )
        wall = time.time() - started
        if proc.returncode != 0 or not out.exists():
            tail = (proc.stderr or proc.stdout or "")[-2000:]
            raise ChildFailed(f"{' '.join(argv)} exited with {proc.returncode}:\n{tail}")
        return json.loads(out.read_text()), started, wall


def run_command(argv: list[str], threads: int, timeout: float = 300.0) -> str:
    """Run `python ARGV...` in a fresh process; its stdout (it must exit 0)."""
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as tmp:
        proc = subprocess.run(
            [sys.executable, *argv],
            cwd=ROOT,
            env=child_env(threads, str(Path(tmp) / "home")),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=timeout,
        )
        if proc.returncode != 0:
            raise ChildFailed(
                f"{' '.join(argv)} exited with {proc.returncode}:\n"
                f"{(proc.stderr or proc.stdout or '')[-2000:]}"
            )
        return proc.stdout
