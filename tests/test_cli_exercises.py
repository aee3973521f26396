"""`tutor exercises`, `check`, `watch`, `hint`, `solution` and `reset LESSON/ID`: output, files, exit
codes. The checks run in the session's warm checker (tests/conftest.py), except one real
`python -m tutor check`."""

import contextlib
import json
import os
import subprocess
import sys
import threading
import time

import pytest

from tutor import cli_exercises
from tutor.cli import main
from tutor.course import catalogue
from tutor.exercises import files, find

MSE = "gradient-descent/mse"


@pytest.fixture(autouse=True)
def shared_worker(exercise_worker, monkeypatch):
    monkeypatch.setattr(cli_exercises, "make_worker", lambda: contextlib.nullcontext(exercise_worker))


def exercise(key):
    return find(catalogue(), key)[0]


def write(key, text):
    path = files.ensure(exercise(key))
    path.write_text(text, encoding="utf-8")
    return path


def test_exercises_lists_them_and_makes_the_files_once(capsys, tutor_home):
    assert main(["exercises", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 12
    assert {"lesson", "id", "title", "status", "file"} <= set(rows[0])
    mse = next(r for r in rows if f"{r['lesson']}/{r['id']}" == MSE)
    assert mse["status"] == "new"
    assert mse["file"] == str(tutor_home / "exercises" / "gradient-descent" / "mse.py")
    assert open(mse["file"]).read() == exercise(MSE).starter()
    write(MSE, "# my work\n")
    assert main(["exercises", "gradient-descent"]) == 0  # never overwritten
    assert open(mse["file"]).read() == "# my work\n"
    out = capsys.readouterr().out
    assert out.startswith("gradient-descent\n  mse ") and "0 of 1 passed" in out and "softmax" not in out


def test_check_exit_codes_and_status(capsys):
    assert main(["check", MSE]) == 1  # the starter
    assert "not written yet" in capsys.readouterr().out
    write(MSE, exercise(MSE).solution())
    assert main(["check", MSE]) == 0
    assert "PASSED" in capsys.readouterr().out
    assert main(["exercises", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    mse = next(r for r in rows if r["id"] == "mse")
    assert (mse["status"], mse["attempts"]) == ("passed", 2)
    for bad in (["check", "nope"], ["check", "losses/nope"]):
        assert main(bad) == 2
    assert "its exercises: softmax, fix_softmax_ce" in capsys.readouterr().err


def test_check_a_lesson_without_exercises(capsys, monkeypatch):
    from tests.fake_lessons import PARTS
    from tutor import catalogue

    # every real lesson has some
    monkeypatch.setattr(catalogue, "catalogue", lambda: catalogue.Catalogue(PARTS))
    assert main(["check", "demo"]) == 2
    assert "lesson 'demo' has no exercises yet" in capsys.readouterr().err


def test_check_json(capsys):
    write("losses/softmax", exercise("losses/softmax").solution())
    assert main(["check", "losses", "--json"]) == 1  # fix_softmax_ce is the starter
    results = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["passed"]) for r in results] == [("softmax", True), ("fix_softmax_ce", False)]
    assert results[1]["cases"][-1]["message"].startswith("line 16 uses `softmax`")
    assert results[1]["file"].endswith(os.path.join("losses", "fix_softmax_ce.py"))


def test_a_hint_after_each_try_that_does_not_pass(capsys):
    def said():
        return " ".join(capsys.readouterr().out.split())  # the report wraps long lines

    hints = exercise(MSE).hints
    main(["check", MSE])  # the untouched starter: no try yet
    assert "hint" not in said()
    write(MSE, "def mse(y_pred, y):\n    return ((y_pred - y) ** 2).sum()\n")
    main(["check", MSE])
    assert f"hint 1 of 2: {hints[0]}" in said()
    main(["check", MSE])
    assert f"hint 2 of 2: {hints[1]}" in said()
    main(["check", MSE])
    assert f"hint 2 of 2: {hints[1]}" in said()  # the last one stays


def test_solution_after_a_pass_or_forced(capsys):
    assert main(["solution", MSE]) == 1
    assert "has not passed yet" in capsys.readouterr().err
    assert main(["solution", MSE, "--force"]) == 0
    printed = capsys.readouterr().out
    assert printed == exercise(MSE).solution()
    write(MSE, printed)  # the checker accepts it
    assert main(["check", MSE]) == 0
    assert main(["solution", MSE]) == 0
    assert main(["solution", "gradient-descent"]) == 2  # one exercise, please


def test_hints_shown_are_kept_and_open_the_solution(capsys):
    def said():
        return " ".join(capsys.readouterr().out.split())  # the report wraps long lines

    def mse_row():
        assert main(["exercises", "--json"]) == 0
        return next(r for r in json.loads(capsys.readouterr().out) if f"{r['lesson']}/{r['id']}" == MSE)

    hints = exercise(MSE).hints
    assert main(["solution", MSE]) == 1
    assert "you have seen 0 of 2 hints; 'tutor hint gradient-descent/mse'" in capsys.readouterr().err
    assert main(["hint", MSE]) == 0
    assert f"hint 1 of 2: {hints[0]}" in said()
    assert (mse_row()["hints_shown"], mse_row()["hints"]) == (1, 2)
    write(MSE, "def mse(y_pred, y):\n    return ((y_pred - y) ** 2).sum()\n")
    assert main(["check", MSE]) == 1  # a try that does not pass: the next hint, the same count
    assert f"hint 2 of 2: {hints[1]}" in said()
    assert mse_row()["hints_shown"] == 2 and mse_row()["solution_shown"] is None
    assert main(["hint", MSE]) == 0  # none left: the last one again
    assert f"hint 2 of 2: {hints[1]}" in (out := said()) and "tutor solution gradient-descent/mse" in out
    assert main(["solution", MSE]) == 0  # every hint seen: offered without --force
    assert capsys.readouterr().out == exercise(MSE).solution()
    assert mse_row()["solution_shown"]
    assert main(["progress"]) == 0
    assert "exercises: 0 of 1 passed, 2 hints used" in capsys.readouterr().out
    assert main(["progress", "--json"]) == 0
    lesson = next(r for r in json.loads(capsys.readouterr().out)["lessons"] if r["id"] == "gradient-descent")
    assert [(e["id"], e["hints_shown"], e["hints"]) for e in lesson["exercises"]] == [("mse", 2, 2)]
    assert main(["hint", "gradient-descent"]) == 2  # one exercise, please


def test_reset_an_exercise_keeps_the_old_file(capsys):
    path = write(MSE, "# my attempt\n")
    assert main(["reset", MSE]) == 2  # stdin is not a terminal: ask first
    assert path.read_text() == "# my attempt\n"
    assert main(["reset", MSE, "--yes"]) == 0
    assert path.read_text() == exercise(MSE).starter()
    assert path.with_name("mse.py.bak").read_text() == "# my attempt\n"
    assert main(["reset", "gradient-descent/nope", "--yes"]) == 2


def test_watch_checks_again_on_save_until_all_pass(capsys):
    write(MSE, "def mse(y_pred, y):\n    return y_pred\n")

    def save_the_fix():
        time.sleep(0.6)
        write(MSE, exercise(MSE).solution())

    saver = threading.Thread(target=save_the_fix)
    saver.start()
    box = {}
    watcher = threading.Thread(
        target=lambda: box.setdefault("rc", main(["watch", "gradient-descent", "--interval", "0.05"]))
    )
    watcher.start()
    watcher.join(20)
    saver.join()
    assert box.get("rc") == 0
    out = capsys.readouterr().out
    assert (
        "not yet" in out
        and "mse changed; checking" in out
        and "It passes." in out
        and "Watching 1 exercise file in" in out
    )


def test_python_m_tutor_check_for_real(tutor_home):
    write(MSE, exercise(MSE).solution())
    env = dict(os.environ, TUTOR_HOME=str(tutor_home))
    done = subprocess.run(
        [sys.executable, "-m", "tutor", "check", MSE], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "gradient-descent/mse: PASSED" in done.stdout
