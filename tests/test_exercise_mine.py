"""A lesson run with the learner's own code (tutor.exercises.mine): the learner's function
really trains, in a child process; whatever it does ends only that run, with a sentence."""

from __future__ import annotations

import json
import threading
import time

import pytest

from tutor.course import catalogue
from tutor.exercises import files, for_lesson, mine, record
from tutor.progress import Progress
from tutor.runner import Run

LESSON = "train-a-classifier"  # accuracy(scores, y) stands in for the lesson's accuracy


def _setup(source: str):
    ref = catalogue().get(LESSON)
    lesson, exercises = ref.load(), for_lesson(ref)
    ex = next(e for e in exercises if e.used_as == "accuracy")
    path = files.path(ex)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    chosen = mine.choose(exercises)
    return lesson, chosen


def _run(source: str, overrides=None) -> Run:
    lesson, chosen = _setup(source)
    params = lesson.resolve({**lesson.quick, **(overrides or {})})
    return Run(mine.with_learner_code(lesson, chosen), params, "cpu", code=mine.code(chosen))


def test_the_learners_function_trains_and_its_prints_are_notes():
    result = _run("def accuracy(scores, y):\n    print('MARKER-42')\n    return 0.123\n").execute()
    assert result.status == "finished", result.error or result.message
    assert result.metrics["test_accuracy"] == pytest.approx(0.123)  # theirs, not the lesson's
    assert "your code printed: MARKER-42" in result.notes
    assert sum(n.startswith("your code printed: ") for n in result.notes) <= mine.PRINT_LINES
    assert result.code == {"accuracy": "mine"}
    assert result.curves  # the child's logged values were replayed into this run
    assert result.to_json()["code"] == {"accuracy": "mine"}


def test_a_solution_meets_the_goal():
    solution = next(e for e in for_lesson(catalogue().get(LESSON)) if e.used_as == "accuracy").solution()
    lesson, chosen = _setup(solution)
    result = Run(
        mine.with_learner_code(lesson, chosen), lesson.resolve(lesson.solution), "cpu", code=mine.code(chosen)
    ).execute()
    assert result.status == "finished", result.error or result.message
    assert result.goal_met, result.goal_reason


def test_stop_ends_an_endless_loop_within_a_second():
    run = _run("def accuracy(scores, y):\n    print('LOOPING', flush=True)\n    while True:\n        pass\n")
    threading.Thread(target=run.execute, daemon=True).start()
    deadline = time.monotonic() + 60
    while "your code printed: LOOPING" not in run.snapshot(curves=False).notes:
        assert time.monotonic() < deadline, "the learner's loop never started"
        time.sleep(0.05)
    stopped = time.monotonic()
    run.cancel()
    result = run.wait(5)
    assert result is not None and time.monotonic() - stopped < 1.5
    assert result.status == "cancelled"


@pytest.mark.parametrize(
    "source, message",
    [
        ("import sys\ndef accuracy(scores, y):\n    sys.exit(3)\n", "sys.exit(3)"),
        ("import os\ndef accuracy(scores, y):\n    os._exit(4)\n", "exit code 4"),
        ("raise ValueError('at import')\ndef accuracy(scores, y):\n    return 1.0\n", "when loaded"),
        ("import ctypes\ndef accuracy(scores, y):\n    ctypes.string_at(0)\n", "segmentation fault"),
        (
            "import torch\ndef accuracy(scores, y):\n    return torch.ones(20 * 2**30, dtype=torch.uint8)\n",
            "GB of memory",
        ),
        ("def accuracy(scores, y):\n    return 1 / 0\n", "your accuracy raised ZeroDivisionError"),
    ],
    ids=["sys.exit", "os._exit", "import", "segfault", "20GB", "raise"],
)
def test_a_failing_learner_file_fails_the_run_with_a_sentence(source, message):
    progress = Progress()
    record.record(progress, LESSON, "accuracy", passed=True)
    result = _run(source).execute()
    assert result.status == "failed"
    assert message in result.message
    if "raise" in message:
        assert "line 2, in accuracy" in result.error  # their traceback, cut to their file
    assert progress.record_run(result) >= 1
    again = Progress()
    assert record.status(again, LESSON, "accuracy") == "passed"  # progress intact
    assert again.runs(LESSON)[-1]["code"] == {"accuracy": "mine"}


def test_an_untouched_starter_is_refused():
    ref = catalogue().get(LESSON)
    exercises = for_lesson(ref)
    files.ensure(next(e for e in exercises if e.used_as))
    with pytest.raises(mine.Refused, match="still the starter"):
        mine.choose(exercises)
    with pytest.raises(mine.Refused, match="no exercise 'nope'"):
        mine.choose(exercises, "nope")


def test_cli_run_mine(capsys):
    from tutor.cli import main

    _setup("def accuracy(scores, y):\n    print('CLI-MARKER')\n    return 0.25\n")
    assert main(["run", LESSON, "--mine", "--json", "--no-save"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == {"accuracy": "mine"}
    assert "your code printed: CLI-MARKER" in data["notes"]
    assert "your accuracy has not passed its check yet" in data["notes"]
    assert data["metrics"]["test_accuracy"] == 0.25
    assert main(["run", LESSON, "--mine", "accuracy"]) == 0  # saved: `tutor progress` names it
    capsys.readouterr()
    assert main(["progress"]) == 0
    assert "finished; your accuracy; test_accuracy 0.25" in capsys.readouterr().out


def test_cli_refuses_the_starter(capsys):
    from tutor.cli import main

    files.ensure(next(e for e in for_lesson(catalogue().get(LESSON)) if e.used_as))
    assert main(["run", LESSON, "--mine", "--no-save"]) == 2
    assert "still the starter" in capsys.readouterr().err


def test_a_nan_from_the_learners_code_diverges_the_run_here():
    result = _run("def accuracy(scores, y):\n    return float('nan')\n").execute()
    assert result.status == "diverged"
    assert "became nan" in result.message


def test_a_run_takes_the_process_started_ahead():
    mine.prestart()
    spare = mine._spare[0].pid
    try:
        result = _run(
            "import os\ndef accuracy(scores, y):\n    print('PID', os.getpid())\n    return 0.5\n"
        ).execute()
    finally:
        mine.discard_spare()
    assert result.status == "finished", result.error or result.message
    assert f"your code printed: PID {spare}" in result.notes
    assert mine._spare is None
