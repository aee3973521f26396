"""Learner code runs only in a child of the checker: whatever it does (loop forever, exit,
crash the interpreter, allocate far too much) ends that check with a clear message, and
nothing else: not the checker, not `tutor check`, not the progress file."""

import contextlib
import json
import os
import threading
import time

import pytest

from tutor import cli, cli_exercises
from tutor.course import catalogue
from tutor.exercises import files, find
from tutor.exercises.worker import Worker
from tutor.progress import Progress

BAD = {  # learner file -> what the report must say
    "loop": (
        "import torch\n\ndef naive_relu(*args):\n    while True:\n        pass\n",
        "timed out after 1.5 s",
    ),
    "sys_exit": ("import sys\n\ndef naive_relu(*args):\n    sys.exit(3)\n", "your code called sys.exit(3)"),
    "os_exit": (
        "import os\n\ndef naive_relu(*args):\n    os._exit(1)\n",
        "your code ended the process (exit code 1, e.g. os._exit(1))",
    ),
    "raise_on_import": (
        "raise ValueError('not today')\n",
        "your file raised ValueError when loaded: not today",
    ),
    "huge_allocation": (
        "import torch\n\ndef naive_relu(*args):\n    return torch.zeros(5_000_000_000)\n",
        "your code used more than 2 GB of memory",
    ),
    "segfault": (
        "import ctypes\n\ndef naive_relu(*args):\n    ctypes.string_at(0)\n",
        "your code crashed Python (a segmentation fault)",
    ),
    "endless_printing": (
        "def naive_relu(*args):\n    while True:\n        print('x' * 10_000)\n",
        "your code wrote a file (or printed) more than 256 MB",
    ),
}


def relu_exercise():
    return find(catalogue(), "tensor-ops/naive_relu")[0]


@pytest.fixture
def quick_worker(exercise_worker, monkeypatch):
    monkeypatch.setattr(exercise_worker, "time_limit", 1.5)
    return exercise_worker


@pytest.mark.parametrize("name", list(BAD))
def test_misbehaving_code_ends_only_its_check(name, quick_worker, tmp_path):
    source, says = BAD[name]
    path = tmp_path / "naive_relu.py"
    path.write_text(source)
    pid = quick_worker.pid
    start = time.monotonic()
    result = quick_worker.check(relu_exercise(), path)
    assert not result.passed and says in result.failure.message, result.text()
    assert time.monotonic() - start < 3.5
    assert quick_worker.pid == pid  # the checker itself lives on
    assert quick_worker.check(relu_exercise(), relu_exercise().solution_path).passed


def _children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return f.read().split()
    except OSError:
        return []


def test_cancel_stops_an_endless_loop_within_a_second(exercise_worker, tmp_path):
    path = tmp_path / "naive_relu.py"
    path.write_text(BAD["loop"][0])
    box = {}
    thread = threading.Thread(
        target=lambda: box.setdefault("r", exercise_worker.check(relu_exercise(), path))
    )
    thread.start()
    time.sleep(0.5)
    cancelled = time.monotonic()
    exercise_worker.cancel()
    thread.join(5)
    assert time.monotonic() - cancelled < 1.0
    assert "stopped on request" in box["r"].failure.message
    if os.path.exists(f"/proc/{exercise_worker.pid}"):
        assert _children(exercise_worker.pid) == []  # the child is gone, not orphaned


def test_a_dead_checker_is_replaced(exercise_worker):
    exercise_worker.start()
    old = exercise_worker.pid
    os.kill(old, 9)
    exercise_worker._proc.wait()
    result = exercise_worker.check(relu_exercise(), relu_exercise().solution_path)
    assert result.passed, result.text()
    assert exercise_worker.pid != old


def test_the_spawn_fallback_has_the_same_limits(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_EXERCISES_SPAWN", "1")
    path = tmp_path / "naive_relu.py"
    path.write_text(BAD["segfault"][0])
    with Worker() as worker:
        result = worker.check(relu_exercise(), path)
    assert "segmentation fault" in result.failure.message, result.text()


def test_tutor_check_survives_every_kind_and_keeps_the_progress_file(
    quick_worker, monkeypatch, capsys, tutor_home
):
    monkeypatch.setattr(cli_exercises, "make_worker", lambda: contextlib.nullcontext(quick_worker))
    progress = Progress()
    progress.record_quiz("tensor-ops", "broadcast", 2, True)
    progress.set_params("tensor-ops", {"size": 3})
    progress.record_hint("xor", 2)
    before = json.loads(progress.path.read_text())
    cat = catalogue()
    bad = dict(zip(find(cat, "tensor-ops"), ["loop", "sys_exit", "os_exit", "segfault", "huge_allocation"]))
    for ex, name in bad.items():
        path = files.path(ex)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BAD[name][0].replace("naive_relu", ex.function))

    assert cli.main(["check", "tensor-ops"]) == 1
    out = capsys.readouterr().out
    for name in bad.values():
        assert BAD[name][1] in out, out
    assert "0 of 5 passed." in out

    after = json.loads(progress.path.read_text())
    entry = after["lessons"]["tensor-ops"]
    assert entry["quiz"] == before["lessons"]["tensor-ops"]["quiz"]
    assert entry["params"] == {"size": 3}
    assert after["lessons"]["xor"] == before["lessons"]["xor"]
    assert {k: v["attempts"] for k, v in entry["exercises"].items()} == {ex.id: 1 for ex in bad}
    assert not any(v["passed"] for v in entry["exercises"].values())


def test_a_check_does_not_outlive_its_checker(tmp_path):
    path = tmp_path / "naive_relu.py"
    path.write_text(BAD["loop"][0])
    worker = Worker(time_limit=30)
    worker.start()
    zygote = worker.pid
    thread = threading.Thread(target=lambda: worker.check(relu_exercise(), path))
    thread.start()
    for _ in range(100):
        children = _children(zygote)
        if children:
            break
        time.sleep(0.05)
    assert children
    worker.close()  # e.g. the tutor quits mid-check
    thread.join(5)
    time.sleep(0.3)
    assert (
        not os.path.exists(f"/proc/{children[0]}")
        or open(f"/proc/{children[0]}/stat").read().split()[2] == "Z"
    )


def _processes_running(marker):
    found = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    found.append(pid)
        except OSError:
            continue
    return found


def test_processes_the_learner_starts_end_with_the_check(exercise_worker, tmp_path):
    marker = f"time.sleep(61.{os.getpid()})"
    path = tmp_path / "naive_relu.py"
    path.write_text(
        "import subprocess, sys, time\n\ndef naive_relu(*args):\n"
        f"    subprocess.Popen([sys.executable, '-c', 'import time; {marker}'])\n"
        "    time.sleep(0.3)\n    raise ValueError('and gone')\n"
    )
    result = exercise_worker.check(relu_exercise(), path)
    assert "your code raised ValueError: and gone" in result.failure.message
    time.sleep(0.2)
    assert _processes_running(marker) == []
