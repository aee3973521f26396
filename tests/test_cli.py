"""The command line (DESIGN.md "The CLI contract"), every exit path.

Most tests call `main([...])` against a tiny fake lesson pack, so they are fast and do not
depend on the real lessons. A few run `python -m tutor` for real exit codes (the pack is
then found through its `tutor.lessons` entry point) and one interrupts a run with SIGINT.
"""

import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import types

import pytest

from tutor import catalogue
from tutor.cli import main
from tutor.progress import Progress

FAKE_PACK = textwrap.dedent('''
    """A fake lesson pack for the CLI tests."""
    import time

    from tutor.course import Chart, Goal, Lesson, LessonRef, Param, Part
    from tutor.figures import Text


    def train(p, run):
        loss = 1.0
        for step in run.steps(p.steps):
            time.sleep(p.delay)
            loss = float("nan") if p.diverge and step >= 2 else 1.0 / (step + 1)
            run.log(step, loss=loss)
        if p.fail:
            raise ValueError("the fake lesson failed on purpose")
        run.show("summary", Text(f"{p.steps} steps", summary=f"counted to {p.steps}"))
        run.note("fake data")
        return {"loss": loss, "earlier_runs": len(run.history)}


    LESSON = Lesson(
        pages=("# Counting\\n\\nOne page.",),
        params=[
            Param.int("steps", 5, lo=1, hi=100000, help="how many steps"),
            Param.float("delay", 0.0, lo=0.0, hi=1.0, help="seconds to sleep per step"),
            Param.bool("fail", False, help="raise an error at the end"),
            Param.bool("diverge", False, help="log NaN from step 2"),
        ],
        train=train,
        charts=[Chart.line("loss", ["loss"]), Chart.figure("summary")],
        goal=Goal("Get the loss down to 0.05", require={"loss": ("<=", 0.05)},
                  hints=("More steps.", "20 steps.")),
        solution={"steps": 20},
        quick={"steps": 2},
    )

    PARTS = [Part("Fake part", [
        LessonRef("fake-count", "Counting steps", "fakepack"),
        LessonRef("fake-other", "Another lesson", "fakepack"),
        LessonRef("fake-broken", "A lesson whose module is missing", "fakepack_missing"),
    ])]
''')


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    """The fake pack on sys.path, installed as a `tutor.lessons` entry point for subprocesses,
    and the catalogue (in this process) holding only it."""
    root = tmp_path / "pack"
    root.mkdir()
    (root / "fakepack.py").write_text(FAKE_PACK)
    info = root / "fakepack-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakepack\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[tutor.lessons]\nfake = fakepack:PARTS\n")
    monkeypatch.delitem(sys.modules, "fakepack", raising=False)
    monkeypatch.syspath_prepend(str(root))
    import fakepack

    monkeypatch.setattr(catalogue, "catalogue", lambda: catalogue.Catalogue(fakepack.PARTS))
    return root


@pytest.fixture
def no_tty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def run_main(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def saved(tutor_home):
    return Progress(tutor_home / "progress.json")


# ---------------------------------------------------------------------------- basics


def test_version_and_help(capsys):
    code, out, _ = run_main(capsys, "--version")
    assert code == 0 and out.strip().startswith("tutor ")
    code, out, _ = run_main(capsys, "--help")
    assert code == 0 and "run" in out and "progress" in out and "reset" in out
    code, out, _ = run_main(capsys, "run", "--help")
    assert code == 0 and "--set" in out and "--solution" in out


def test_help_after_a_lesson_id_is_the_whole_help(capsys):
    _, whole, _ = run_main(capsys, "--help")
    code, out, _ = run_main(capsys, "xor", "--help")
    assert code == 0 and out == whole
    assert not re.search(r"^\s+open\b", whole, re.M)  # `tutor ID` is said, not a command "open"


def test_list_text_and_json(pack_dir, capsys, tutor_home):
    Progress().record_run({"lesson": "fake-count", "status": "finished", "goal_met": True})
    Progress().open_lesson("fake-other")
    code, out, err = run_main(capsys, "list")
    assert code == 0 and err == ""
    assert "Fake part" in out and "Counting steps" in out
    assert [line.split()[:2] for line in out.splitlines()[1:3]] == [
        ["fake-count", "done"],
        ["fake-other", "started"],
    ]
    code, out, _ = run_main(capsys, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == ["fake-count", "fake-other", "fake-broken"]
    assert rows[0] == {"id": "fake-count", "title": "Counting steps", "part": "Fake part", "status": "done"}
    assert [r["status"] for r in rows] == ["done", "started", "new"]


# ---------------------------------------------------------------------------- run


def test_run_json_is_saved(pack_dir, capsys, tutor_home):
    code, out, err = run_main(capsys, "run", "fake-count", "--set", "steps=4", "--json", "--device", "cpu")
    assert code == 0
    data = json.loads(out)
    for key in ("lesson", "params", "device", "metrics", "goal_met", "seconds", "status"):
        assert key in data
    assert data["lesson"] == "fake-count" and data["status"] == "finished"
    assert data["params"] == {"steps": 4, "delay": 0.0, "fail": False, "diverge": False}
    assert data["device"] == "cpu" and data["metrics"]["loss"] == pytest.approx(0.25)
    assert data["goal_met"] is False and data["run"] == 1
    assert data["figure_summaries"] == {"summary": "counted to 4"}
    assert "fake-count" in err  # progress lines went to stderr
    (run,) = saved(tutor_home).runs("fake-count")
    assert run["params"]["steps"] == 4 and run["status"] == "finished"
    # the next run sees the earlier one as its history
    code, out, _ = run_main(capsys, "run", "fake-count", "--json")
    assert json.loads(out)["metrics"]["earlier_runs"] == 1 and json.loads(out)["run"] == 2


def test_run_waits_for_another_tutors_save_and_says_so(pack_dir, capsys, tutor_home, monkeypatch):
    """Nothing is saved without the lock: `tutor run` waits (saying why) for another tutor
    that holds it, then saves."""
    import threading

    from filelock import FileLock

    from tutor import progress as progress_module

    monkeypatch.setattr(progress_module, "LOCK_NOTICE", 0.1)
    saving = threading.Event()
    record_run = Progress.record_run
    monkeypatch.setattr(Progress, "record_run", lambda self, r: (saving.set(), record_run(self, r))[1])
    tutor_home.mkdir(parents=True)
    held = threading.Event()

    def hold():  # until the run has waited a while to save
        with FileLock(str(tutor_home / "progress.json.lock")):
            held.set()
            saving.wait(60)
            time.sleep(0.5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        code, out, err = run_main(capsys, "run", "fake-count")
    finally:
        saving.set()
        holder.join()
    assert code == 0 and "waiting for another tutor" in err and "saved as run 1" in out
    assert len(saved(tutor_home).runs("fake-count")) == 1


def test_run_no_save(pack_dir, capsys, tutor_home):
    code, out, _ = run_main(capsys, "run", "fake-count", "--no-save")
    assert code == 0 and "not saved (--no-save)" in out
    assert not (tutor_home / "progress.json").exists()


def test_run_human_summary(pack_dir, capsys):
    code, out, err = run_main(capsys, "run", "fake-count", "--set", "steps=25")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("fake-count: finished in ") and lines[0].endswith(" on cpu")
    assert "steps=25" in out and "loss 0.04" in out
    assert "goal:    met" in out
    assert "summary: counted to 25" in out and "note:    fake data" in out
    assert lines[-1] == "saved as run 1"


def test_run_solution_then_set(pack_dir, capsys, tutor_home):
    code, out, _ = run_main(capsys, "run", "fake-count", "--solution", "--json")
    data = json.loads(out)
    assert code == 0 and data["params"]["steps"] == 20 and data["goal_met"] is True
    assert saved(tutor_home).status("fake-count") == "done"
    code, out, _ = run_main(capsys, "run", "fake-count", "--solution", "--set", "steps=10", "--json")
    data = json.loads(out)
    assert data["params"]["steps"] == 10 and data["goal_met"] is False
    assert saved(tutor_home).status("fake-count") == "done"  # never un-met


def test_run_progress_line_on_a_terminal(pack_dir, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    code = main(["run", "fake-count", "--set", "steps=5", "--set", "delay=0.1", "--no-save"])
    assert code == 0
    text = term.getvalue()
    assert "\r" in text and "\x1b[K" in text and "step " in text and "%" in text
    assert "\n" not in text.replace("\r\x1b[K", "")  # one line rewritten in place


def test_run_failed(pack_dir, capsys, tutor_home):
    code, out, err = run_main(capsys, "run", "fake-count", "--set", "fail=true")
    assert code == 1
    assert out.startswith("fake-count: failed")
    assert "Traceback" in err
    assert err.rstrip().splitlines()[-1] == (
        "tutor: the run failed: ValueError: the fake lesson failed on purpose"
    )
    (run,) = saved(tutor_home).runs("fake-count")
    assert run["status"] == "failed" and "ValueError" in run["error"]


def test_run_diverged_exits_zero(pack_dir, capsys):
    code, out, _ = run_main(capsys, "run", "fake-count", "--set", "diverge=yes", "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "diverged" and "learning rate" in data["message"]


def test_run_lesson_that_cannot_load(pack_dir, capsys):
    code, _, err = run_main(capsys, "run", "fake-broken")
    assert code == 1 and "could not be loaded" in err and "fakepack_missing" in err


@pytest.mark.parametrize(
    "argv, expect",
    [
        (["run", "nope"], "lessons are: fake-count, fake-other, fake-broken"),
        (["run", "fake-count", "--set", "speed=3"], "its parameters are: steps, delay, fail, diverge"),
        (["run", "fake-count", "--set", "steps=0"], "steps must be an integer from 1 to 100,000"),
        (["run", "fake-count", "--set", "steps=many"], "not an integer"),
        (["run", "fake-count", "--set", "fail=maybe"], "fail must be true or false"),
        (["run", "fake-count", "--set", "steps"], "--set needs NAME=VALUE"),
        (["run", "fake-count", "--device", "tpu"], "choose from"),
        (["run"], "required: ID"),
        (["run", "fake-count", "--frobnicate"], "unrecognized arguments"),
        (["nope"], "unknown lesson 'nope'"),
        (["reset", "nope", "--yes"], "unknown lesson 'nope'"),
    ],
)
def test_bad_input_exits_2_with_one_line(pack_dir, capsys, tutor_home, argv, expect):
    code, out, err = run_main(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert expect in err
    assert not (tutor_home / "progress.json").exists()


def _available(name):
    from tutor.devices import probe

    return any(s.name == name and s.available for s in probe())


@pytest.mark.parametrize("device", ["cuda", "mps"])
def test_unavailable_device(pack_dir, capsys, device):
    if _available(device):
        pytest.skip(f"{device} is available here")
    code, out, err = run_main(capsys, "run", "fake-count", "--device", device)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert f"device {device!r} is not available" in err and "available: auto, cpu" in err


def test_saved_device_setting_that_no_longer_fits_falls_back(pack_dir, capsys, tutor_home):
    if _available("mps"):
        pytest.skip("mps is available here")
    Progress().set_setting("device", "mps")
    code, out, err = run_main(capsys, "run", "fake-count", "--json")
    assert code == 0 and "using auto" in err
    assert json.loads(out)["device"] in ("cpu", "cuda")


# ---------------------------------------------------------------------------- progress, reset


def test_progress_text_and_json(pack_dir, capsys, tutor_home):
    code, out, _ = run_main(capsys, "progress")
    assert code == 0 and "0 of 3 lessons done" in out and "Nothing started yet" in out
    run_main(capsys, "run", "fake-count", "--set", "steps=2")
    run_main(capsys, "run", "fake-count", "--solution")
    p = Progress()
    p.record_quiz("fake-other", "q", 1, True)
    p.open_lesson("retired-lesson")
    code, out, _ = run_main(capsys, "progress")
    assert code == 0
    assert "1 of 3 lessons done" in out
    assert "goal met" in out and "with run 2" in out
    assert "run 1: finished; loss 0.5, earlier_runs 0; goal not met" in out
    assert "quizzes: 1 of 1 answered right" in out
    assert "(no longer in the course)" in out
    code, out, _ = run_main(capsys, "progress", "--json")
    data = json.loads(out)
    assert data["done"] == 1 and data["total"] == 3 and data["saving"] is True
    assert data["file"] == str(tutor_home / "progress.json")
    rows = {r["id"]: r for r in data["lessons"]}
    assert rows["fake-count"]["status"] == "done" and rows["fake-count"]["goal"]["run"] == 2
    assert [r["n"] for r in rows["fake-count"]["last_runs"]] == [1, 2]
    assert all("curves" not in r for r in rows["fake-count"]["last_runs"])
    assert rows["fake-other"]["quiz"] == {"answered": 1, "correct": 1}
    assert rows["retired-lesson"]["in_course"] is False


def test_reset_with_yes(pack_dir, capsys, tutor_home):
    p = Progress()
    p.open_lesson("fake-count")
    p.open_lesson("fake-other")
    code, out, _ = run_main(capsys, "reset", "fake-count", "--yes")
    assert code == 0 and "Forgot progress for lesson fake-count" in out
    assert saved(tutor_home).status("fake-count") == "new"
    assert saved(tutor_home).status("fake-other") == "started"
    code, out, _ = run_main(capsys, "reset", "--yes")
    assert code == 0 and saved(tutor_home).data["lessons"] == {}


def test_reset_refused_without_a_terminal(pack_dir, capsys, tutor_home, no_tty):
    Progress().open_lesson("fake-count")
    code, out, err = run_main(capsys, "reset")
    assert code == 2 and "--yes" in err and len(err.strip().splitlines()) == 1
    assert saved(tutor_home).status("fake-count") == "started"


@pytest.mark.parametrize(
    "answer, code, status", [("y\n", 0, "new"), ("\n", 1, "started"), ("", 1, "started")]
)
def test_reset_asks_on_a_terminal(pack_dir, capsys, tutor_home, monkeypatch, answer, code, status):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    Progress().open_lesson("fake-count")
    got, out, _ = run_main(capsys, "reset", "fake-count")
    assert got == code
    assert "Forget progress for lesson fake-count? [y/N]" in out
    assert saved(tutor_home).status("fake-count") == status


# ---------------------------------------------------------------------------- the app


@pytest.fixture
def fake_app(monkeypatch):
    calls = []

    def run_app(start=None, progress=None):
        calls.append((start, progress))
        return 0

    module = types.ModuleType("tutor.app")
    module.run_app = run_app
    monkeypatch.setitem(sys.modules, "tutor.app", module)
    return calls


def test_app_launch_without_and_with_id(pack_dir, capsys, fake_app, tutor_home):
    assert main([]) == 0
    assert main(["fake-other"]) == 0
    (start0, progress0), (start1, progress1) = fake_app
    assert start0 is None and start1 == "fake-other"
    assert isinstance(progress0, Progress) and progress0.path == tutor_home / "progress.json"


def test_app_launch_unknown_id_does_not_start(pack_dir, capsys, fake_app):
    assert main(["nope"]) == 2 and fake_app == []


def test_app_exit_code_is_passed_on(pack_dir, monkeypatch):
    module = types.ModuleType("tutor.app")
    module.run_app = lambda start=None, progress=None: 3
    monkeypatch.setitem(sys.modules, "tutor.app", module)
    assert main([]) == 3


@pytest.mark.parametrize("before", [True, False])
def test_progress_file_option_before_or_after(pack_dir, capsys, fake_app, tmp_path, tutor_home, before):
    other = tmp_path / "elsewhere" / "mine.json"
    opt = ["--progress-file", str(other)]
    argv = opt + ["run", "fake-count"] if before else ["run", "fake-count"] + opt
    assert main(argv) == 0
    assert len(Progress(other).runs("fake-count")) == 1
    assert not (tutor_home / "progress.json").exists()
    argv = opt + ["fake-count"] if before else ["fake-count"] + opt
    assert main(argv) == 0
    assert fake_app[-1][0] == "fake-count" and fake_app[-1][1].path == other


# ---------------------------------------------------------------------------- warnings


def test_corrupt_progress_file_warned_once(pack_dir, capsys, tutor_home):
    tutor_home.mkdir()
    (tutor_home / "progress.json").write_text("{broken")
    code, out, err = run_main(capsys, "run", "fake-count")
    assert code == 0
    assert err.count("could not be read") == 1 and "progress.json.corrupt-" in err
    assert len(list(tutor_home.glob("progress.json.corrupt-*"))) == 1
    assert out.rstrip().endswith("saved as run 1")


def test_progress_of_a_damaged_file(pack_dir, capsys, tutor_home):
    from tests.test_progress_damage import damaged_state

    state = damaged_state()
    state["lessons"]["fake-count"] = state["lessons"].pop("xor")
    tutor_home.mkdir(parents=True)
    (tutor_home / "progress.json").write_text(json.dumps(state))
    code, out, err = run_main(capsys, "progress")
    assert code == 0 and "run 1: finished" in out and "lessons.fake-count.runs[0].metrics" in err
    code, out, err = run_main(capsys, "progress", "--json")
    assert code == 0 and json.loads(out)["lessons"][0]["runs"] == 2 and err == ""


def test_a_fifo_as_progress_file_is_refused_with_a_message(pack_dir, capsys, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = run_main(capsys, "run", "fake-count", "--progress-file", str(fifo))
    assert code == 0 and "is a FIFO (named pipe), not a regular file" in err
    assert "not saved (progress is not being saved)" in out


def test_not_saving_still_runs(pack_dir, capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, out, err = run_main(capsys, "--progress-file", str(blocker / "p.json"), "run", "fake-count")
    assert code == 0
    assert err.count("will not be saved") == 1
    assert "not saved (progress is not being saved)" in out


# ---------------------------------------------------------------------------- real processes


def tutor_process(pack_dir, *args, **kwargs):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(pack_dir), os.getcwd()]), "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        **kwargs,
    )


def test_process_exit_codes(pack_dir, tutor_home):
    p = tutor_process(pack_dir, "--version")
    assert p.returncode == 0 and p.stdout.startswith("tutor ")
    p = tutor_process(pack_dir, "run", "fake-count", "--set", "steps=3", "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["metrics"]["loss"] == pytest.approx(1 / 3)
    assert len(Progress(tutor_home / "progress.json").runs("fake-count")) == 1
    p = tutor_process(pack_dir, "run", "fake-count", "--set", "steps=-1")
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1
    p = tutor_process(pack_dir, "run", "fake-count", "--set", "fail=on")
    assert p.returncode == 1 and "failed on purpose" in p.stderr
    p = tutor_process(pack_dir, "reset")
    assert p.returncode == 2 and "--yes" in p.stderr


def test_process_list_includes_lesson_packs(pack_dir):
    p = tutor_process(pack_dir, "list", "--json")
    assert p.returncode == 0
    ids = [r["id"] for r in json.loads(p.stdout)]
    assert "fake-count" in ids and len(ids) > 3  # the course, then the pack


def test_ctrl_c_cancels_and_saves(pack_dir, tutor_home):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(pack_dir), os.getcwd()]), "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tutor",
            "run",
            "fake-count",
            "--set",
            "steps=100000",
            "--set",
            "delay=0.01",
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        line = proc.stderr.readline()  # the first progress line: it is running
        assert "fake-count" in line and "step" in line, line
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    data = json.loads(out)
    assert data["status"] == "cancelled" and data["metrics"]["loss"] < 1.0
    (run,) = Progress(tutor_home / "progress.json").runs("fake-count")
    assert run["status"] == "cancelled"


def test_run_threads_option(capsys, monkeypatch):
    import torch

    from tutor.cli import main

    assert main(["run", "descent-1d", "--threads", "0", "--no-save"]) == 2
    assert "at least 1" in capsys.readouterr().err
    seen = []
    monkeypatch.setattr(torch, "set_num_threads", lambda n: seen.append(n))
    assert main(["run", "descent-1d", "--threads", "1", "--no-save", "--json"]) == 0
    assert seen == [1]


# ---------------------------------------------------------------------------- long input

LONG = "9" * 10_000


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "fake-count", "--set", f"steps={LONG}"],
        ["run", "fake-count", "--set", f"steps=x{LONG}"],
        ["run", "fake-count", "--set", f"{LONG}=1"],
        ["run", "fake-count", "--set", LONG],
        ["run", f"fake-{LONG}"],
        ["run", "fake-count", "--device", LONG],
        ["run", "fake-count", "--threads", f"-{LONG}"],
    ],
)
def test_refusals_cut_a_long_value(pack_dir, capsys, argv):
    code, out, err = run_main(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and len(err) < 600, err[:300]
    assert "characters)" in err  # says how long the value was


def test_param_refusal_in_the_form_is_short():
    from tutor.course import Param, ParamError

    for param, raw in [
        (Param.int("n", 1, lo=0, hi=9), LONG),
        (
            Param.text(
                "t",
                "a",
                max_len=20000,
                check=lambda v: (_ for _ in ()).throw(ValueError(f"unknown word {v!r}")),
            ),
            LONG,
        ),
        (Param.matrix("m", [[1.0]]), LONG + " x"),
    ]:
        with pytest.raises(ParamError) as caught:
            param.parse(raw)
        assert len(str(caught.value)) < 400, str(caught.value)[:300]
