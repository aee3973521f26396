"""The progress file: round trip, two instances, recovery, read-only places, bounds."""

import json
import os
import sys
import threading

import pytest

from tutor import progress as progress_module
from tutor.progress import SCHEMA, Progress
from tutor.runner import RunResult


def result(lesson="xor", n_points=10, goal_met=None, status="finished", error=None, **metrics):
    return RunResult(
        lesson=lesson,
        params={"lr": 0.1, "W": [[1.0, 0.0], [0.0, 1.0]]},
        device="cpu",
        status=status,
        metrics=metrics or {"loss": 0.5},
        seconds=1.25,
        started="2025-01-01T00:00:00+00:00",
        message="",
        error=error,
        goal_met=goal_met,
        goal_reason="why",
        curves={"loss": [(float(i), 1.0 / (i + 1)) for i in range(n_points)]},
    )


def test_progress_lives_under_tutor_home(tutor_home):
    assert Progress().path == tutor_home / "progress.json"


def test_loading_creates_nothing(tutor_home):
    p = Progress()
    assert p.saving and p.warnings == []
    assert not tutor_home.exists(), "reading must not create folders; the first save does"
    p.open_lesson("xor")
    assert (tutor_home / "progress.json").exists()


def test_round_trip(tmp_path):
    path = tmp_path / "p" / "progress.json"
    p = Progress(path)
    assert p.status("xor") == "new" and p.last_lesson() is None
    p.open_lesson("xor", page=2)
    p.set_page("xor", 3)
    p.set_params("xor", {"lr": 0.5, "W": ((1.0, 2.0), (3.0, 4.0))})
    p.record_quiz("xor", "why-hidden", 1, True)
    p.record_hint("xor", 2)
    p.record_hint("xor", 1)  # the maximum is kept
    p.set_setting("device", "cpu")
    n = p.record_run(result())

    q = Progress(path)
    assert q.warnings == [] and q.saving
    assert q.data == p.data
    entry = q.lesson("xor")
    assert q.last_lesson() == "xor" and q.status("xor") == "started"
    assert entry["page"] == 3
    assert entry["params"] == {"lr": 0.5, "W": [[1.0, 2.0], [3.0, 4.0]]}
    assert entry["quiz"]["why-hidden"]["response"] == 1 and entry["quiz"]["why-hidden"]["correct"]
    assert entry["quiz"]["why-hidden"]["at"]
    assert entry["hints_shown"] == 2
    assert entry["goal"] is None
    assert q.settings() == {"device": "cpu", "theme": "textual-dark", "threads": "auto"}
    (run,) = q.runs("xor")
    assert n == run["n"] == 1
    assert run["params"]["lr"] == 0.1 and run["metrics"] == {"loss": 0.5}
    assert run["status"] == "finished" and run["device"] == "cpu" and run["seconds"] == 1.25
    assert run["curves"]["loss"][0] == [0.0, 1.0]
    # human-readable: indented, and it is plain JSON of the same state
    text = path.read_text()
    assert text.startswith('{\n  "schema": 1') and json.loads(text) == q.data


def test_lesson_defaults_without_entry(tmp_path):
    p = Progress(tmp_path / "progress.json")
    entry = p.lesson("never-seen")
    assert entry == {"page": 0, "params": {}, "quiz": {}, "hints_shown": 0, "goal": None}
    entry["quiz"]["x"] = 1  # a copy: the state is untouched
    runs = p.runs("never-seen")
    runs.append("x")
    assert p.runs("never-seen") == [] and p.lesson("never-seen")["quiz"] == {}
    assert not (tmp_path / "progress.json").exists()
    assert p.settings() == {"device": "auto", "theme": "textual-dark", "threads": "auto"}


def test_two_instances_lose_nothing(tmp_path):
    path = tmp_path / "progress.json"
    a, b = Progress(path), Progress(path)
    a.open_lesson("xor", page=1)
    b.record_quiz("tensors", "q1", "2", False)
    a.record_run(result("xor"))
    b.record_run(result("xor"))  # b has not seen a's run but must not drop it
    b.set_setting("theme", "textual-light")
    a.record_hint("tensors", 1)

    fresh = Progress(path)
    assert fresh.last_lesson() == "xor"
    assert fresh.lesson("xor")["page"] == 1
    assert [r["n"] for r in fresh.runs("xor")] == [1, 2]
    assert fresh.lesson("tensors")["quiz"]["q1"]["correct"] is False
    assert fresh.lesson("tensors")["hints_shown"] == 1
    assert fresh.settings()["theme"] == "textual-light"
    assert a.data == fresh.data  # the last writer sees the merged state
    assert b.data != fresh.data  # b saw the file as of its own last write


def test_concurrent_threads_lose_nothing(tmp_path):
    path = tmp_path / "progress.json"
    instances = [Progress(path) for _ in range(4)]

    def work(i, p):
        for k in range(5):
            p.record_quiz("xor", f"q{i}-{k}", k, True)

    threads = [threading.Thread(target=work, args=(i, p)) for i, p in enumerate(instances)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(Progress(path).lesson("xor")["quiz"]) == 20


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "does not hold a JSON object"),
        ('{"lessons": {}}', "no schema"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_corrupt_file_kept_aside(tmp_path, content, reason):
    path = tmp_path / "progress.json"
    raw = content if isinstance(content, bytes) else content.encode()
    path.write_bytes(raw)
    p = Progress(path)
    assert p.saving
    asides = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(asides) == 1 and asides[0].read_bytes() == raw
    assert len(p.warnings) == 1
    assert str(asides[0]) in p.warnings[0] and reason in p.warnings[0]
    assert p.data["lessons"] == {} and not path.exists()
    p.open_lesson("xor")  # a fresh file starts
    assert json.loads(path.read_text())["last_lesson"] == "xor"
    assert asides[0].read_bytes() == raw  # the old one is untouched


def test_newer_schema_kept_aside(tmp_path):
    path = tmp_path / "progress.json"
    newer = {"schema": SCHEMA + 1, "lessons": {"xor": {"shiny": True}}}
    path.write_text(json.dumps(newer))
    p = Progress(path)
    asides = list(tmp_path.glob("progress.json.newer-*"))
    assert len(asides) == 1 and json.loads(asides[0].read_text()) == newer
    assert "newer version" in p.warnings[0] and str(asides[0]) in p.warnings[0]
    assert p.status("xor") == "new"
    p.open_lesson("xor")
    assert json.loads(asides[0].read_text()) == newer


def test_file_corrupted_while_open_is_kept_aside_and_memory_kept(tmp_path):
    path = tmp_path / "progress.json"
    p = Progress(path)
    p.open_lesson("xor", page=4)
    path.write_text("oops")
    p.record_hint("xor", 1)
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1
    assert Progress(path).lesson("xor")["page"] == 4  # rebuilt from what this instance knew


def test_older_schema_goes_through_migrations(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"schema": 0, "done": ["xor"]}))

    def zero_to_one(state):
        return {
            "schema": 0,
            "last_lesson": None,
            "settings": {},
            "lessons": {i: {"goal": {"met": True, "at": "", "run": 0}} for i in state["done"]},
        }

    monkeypatch.setitem(progress_module.MIGRATIONS, 0, zero_to_one)
    p = Progress(path)
    assert p.warnings == [] and p.data["schema"] == SCHEMA and p.status("xor") == "done"


def test_older_schema_without_migration_is_kept_aside(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"schema": 0}))
    p = Progress(path)
    assert "schema 0" in p.warnings[0]
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1


def _writable_even_when_read_only(directory):
    probe = directory / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


def test_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    p = Progress(blocker / "sub" / "progress.json")
    assert p.saving is False
    assert len(p.warnings) == 1 and "will not be saved" in p.warnings[0]
    p.open_lesson("xor", page=2)  # still works, in memory
    p.record_run(result(goal_met=True))
    assert p.status("xor") == "done" and p.lesson("xor")["page"] == 2
    assert p.runs("xor")[0]["n"] == 1
    assert blocker.read_text() == "not a folder"


def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "progress.json").write_text(json.dumps({"schema": 1, "last_lesson": "xor"}))
    folder.chmod(0o500)
    try:
        if _writable_even_when_read_only(folder):
            pytest.skip("running as a user that chmod cannot stop (root)")
        p = Progress(folder / "progress.json")
        assert p.saving is False and "will not be saved" in p.warnings[0]
        assert p.last_lesson() == "xor"  # what is there is still read
        p.open_lesson("tensors")
        assert p.last_lesson() == "tensors"
    finally:
        folder.chmod(0o700)
    assert json.loads((folder / "progress.json").read_text())["last_lesson"] == "xor"


def test_write_failure_stops_saving_without_raising(tmp_path, monkeypatch):
    p = Progress(tmp_path / "progress.json")

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress_module.os, "fsync", no_space)
    p.open_lesson("xor")
    assert p.saving is False and "No space left" in p.warnings[-1]
    assert p.last_lesson() == "xor"
    assert [f.name for f in tmp_path.iterdir() if f.name.endswith(".tmp")] == []


def test_atomic_write_leaves_no_temp_files(tmp_path):
    p = Progress(tmp_path / "progress.json")
    for i in range(5):
        p.set_page("xor", i)
    names = sorted(f.name for f in tmp_path.iterdir())
    assert names in (["progress.json"], ["progress.json", "progress.json.lock"])


def test_lock_held_too_long_keeps_changes_until_it_is_free(tmp_path, monkeypatch):
    """Nothing is written without the lock: the changes wait in memory, are seen at once by
    this instance, and are saved by the next change (or flush) once the lock is free."""
    from filelock import FileLock

    path = tmp_path / "progress.json"
    monkeypatch.setattr(progress_module, "LOCK_TIMEOUT", 0.1)
    p = Progress(path)
    p.open_lesson("xor")
    before = path.read_bytes()
    held, done = threading.Event(), threading.Event()

    def hold():  # another "instance" holds the lock
        with FileLock(str(path) + ".lock"):
            held.set()
            done.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    try:
        held.wait(5)
        p.set_page("xor", 1)
        p.set_page("xor", 2)
        assert p.record_run(result()) == 1
        assert path.read_bytes() == before and p.unsaved == 3  # nothing written
        assert p.lesson("xor")["page"] == 2 and len(p.runs("xor")) == 1
        assert p.flush(wait=0.2) is False and "could not be saved" in p.warnings[-1]
    finally:
        done.set()
        t.join()
    assert sum("Another tutor has held" in w for w in p.warnings) == 1  # told once
    p.record_hint("xor", 1)  # the next change saves what waited too
    q = Progress(path)
    assert p.unsaved == 0 and q.lesson("xor")["page"] == 2 and q.lesson("xor")["hints_shown"] == 1
    assert [r["n"] for r in q.runs("xor")] == [1]


def test_no_run_is_lost_while_another_instance_holds_the_lock(tmp_path, monkeypatch):
    """b is saving (it has read the file and holds the lock) when a records a run: a must not
    write without the lock (b would then overwrite it); a's run is saved after b's."""
    path = tmp_path / "progress.json"
    monkeypatch.setattr(progress_module, "LOCK_TIMEOUT", 0.2)
    a, b = Progress(path), Progress(path)
    inside, go = threading.Event(), threading.Event()

    def slow_save(state):  # b's change: it waits while holding the lock
        inside.set()
        go.wait(5)
        state["lessons"].setdefault("xor", {})["page"] = 7

    t = threading.Thread(target=lambda: (b.update(slow_save), b.record_run(result())))
    t.start()
    inside.wait(5)
    a.record_run(result())
    go.set()
    t.join()
    assert a.flush()
    fresh = Progress(path)
    assert sorted(r["n"] for r in fresh.runs("xor")) == [1, 2]
    assert fresh.lesson("xor")["page"] == 7


def test_concurrent_processes_lose_no_run(tmp_path):
    """Four processes record runs at once with slow saves and a short lock wait: every run is
    kept, each with its own number."""
    import subprocess

    path = tmp_path / "progress.json"
    code = """
import sys, time
from tutor import progress, safe_files
progress.LOCK_TIMEOUT = 0.05
slow = safe_files.write_atomic
progress.write_atomic = lambda path, data: (time.sleep(0.02), slow(path, data))
p = progress.Progress(sys.argv[1])
for i in range(8):
    p.record_run({"lesson": "xor", "status": "finished", "metrics": {"who": int(sys.argv[2])}})
assert p.flush(wait=60), p.warnings
"""
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), str(i)]) for i in range(4)]
    assert [proc.wait(timeout=120) for proc in procs] == [0, 0, 0, 0]
    runs = Progress(path).runs("xor")
    assert sorted(r["n"] for r in runs) == list(range(1, 33))
    assert sorted(r["metrics"]["who"] for r in runs) == sorted(list(range(4)) * 8)


def test_runs_are_bounded_and_curves_kept_on_recent(tmp_path):
    path = tmp_path / "progress.json"
    p = Progress(path)
    numbers = [p.record_run(result(n_points=1000)) for _ in range(55)]
    assert numbers == list(range(1, 56))
    runs = Progress(path).runs("xor")
    assert len(runs) == 50 and [r["n"] for r in runs] == list(range(6, 56))
    with_curves = [r["n"] for r in runs if r.get("curves")]
    assert with_curves == list(range(51, 56))
    assert all(len(points) <= 200 for r in runs[-5:] for points in r["curves"].values())
    assert runs[-1]["curves"]["loss"][-1] == [999.0, 1.0 / 1000]  # last point kept exactly


def test_long_error_traceback_is_trimmed(tmp_path):
    p = Progress(tmp_path / "progress.json")
    tb = "\n".join(f"line {i}" for i in range(40)) + "\nValueError: boom"
    p.record_run(result(status="failed", error=tb))
    error = p.runs("xor")[0]["error"]
    assert error.endswith("ValueError: boom") and "line 0" not in error
    assert len(error.splitlines()) <= 8


def test_goal_met_is_kept(tmp_path):
    path = tmp_path / "progress.json"
    p = Progress(path)
    p.record_run(result(goal_met=False))
    assert p.status("xor") == "started" and p.lesson("xor")["goal"] is None
    p.record_run(result(goal_met=True))
    goal = p.lesson("xor")["goal"]
    assert goal["met"] is True and goal["run"] == 2 and goal["at"]
    p.record_run(result(goal_met=True))  # the first time is what counts
    p.record_run(result(goal_met=False))  # a later failure never un-meets it
    p.record_run(result(status="failed", error="boom"))
    q = Progress(path)
    assert q.status("xor") == "done" and q.lesson("xor")["goal"] == goal
    assert "status" not in q.data["lessons"]["xor"]  # derived from the goal, not stored


def test_reset(tmp_path):
    path = tmp_path / "progress.json"
    p = Progress(path)
    p.open_lesson("xor")
    p.open_lesson("tensors")
    p.set_setting("theme", "textual-light")
    p.reset("tensors")
    assert p.status("tensors") == "new" and p.status("xor") == "started"
    assert p.last_lesson() is None
    p.open_lesson("tensors")
    p.reset()
    q = Progress(path)
    assert q.data["lessons"] == {} and q.last_lesson() is None
    assert q.settings()["theme"] == "textual-light"  # settings are not progress
    assert q.record_run(result()) == 1  # numbering starts again


def test_update_returns_and_failed_change_writes_nothing(tmp_path):
    path = tmp_path / "progress.json"
    p = Progress(path)
    assert p.update(lambda s: s["lessons"].setdefault("x", {}) is not None) is True
    before = path.read_text()

    def broken(state):
        state["lessons"]["x"]["page"] = 9
        raise RuntimeError("bug in a caller")

    with pytest.raises(RuntimeError):
        p.update(broken)
    assert path.read_text() == before and p.lesson("x")["page"] == 0


def test_no_textual_or_torch_import():
    import subprocess

    code = "import sys, tutor.progress; print(any(m in sys.modules for m in ('textual', 'torch')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}, check=True
    ).stdout
    assert out.strip() == "False"


# ---------------------------------------------------------------------------- runs in their own files


def test_runs_live_beside_the_main_file_and_a_page_turn_does_not_touch_them(tmp_path):
    """The cost of a save does not grow with the history: runs go to one file per lesson,
    and the main file holds no runs."""
    path = tmp_path / "progress.json"
    p = Progress(path)
    p.record_run(result("xor"))
    p.record_run(result("tensors"))
    size = path.stat().st_size
    runs_file = tmp_path / "progress.json.runs" / "xor.json"
    for _ in range(20):
        p.record_run(result("xor", n_points=300))
    assert path.stat().st_size == size  # the main file does not grow
    assert "runs" not in json.loads(path.read_text())["lessons"]["xor"]
    stamp, text = runs_file.stat().st_mtime_ns, runs_file.read_text()
    p.set_page("xor", 3)
    p.record_quiz("xor", "q", 1, True)
    assert runs_file.stat().st_mtime_ns == stamp and runs_file.read_text() == text
    saved = json.loads(text)
    assert saved["lesson"] == "xor" and [r["n"] for r in saved["runs"]] == list(range(1, 22))
    assert [r["n"] for r in Progress(path).runs("xor")] == list(range(1, 22))
    p.reset("xor")
    assert not runs_file.exists() and len(Progress(path).runs("tensors")) == 1
    p.reset()
    assert Progress(path).runs("tensors") == []


def test_schema1_file_with_runs_inside_is_moved_out_on_load(tmp_path):
    path = tmp_path / "progress.json"
    old_runs = [
        {
            "n": n,
            "status": "finished",
            "params": {"lr": 0.1},
            "metrics": {"loss": 1 / n},
            "seconds": 1.0,
            "goal_met": n == 3,
            "curves": {"loss": [[0, 1.0], [1, 0.5]]},
        }
        for n in (1, 2, 3)
    ]
    path.write_text(
        json.dumps(
            {
                "schema": 1,
                "last_lesson": "xor",
                "settings": {},
                "lessons": {
                    "xor": {
                        "status": "done",
                        "page": 2,
                        "runs": old_runs,
                        "goal": {"met": True, "at": "x", "run": 3},
                    }
                },
            }
        )
    )
    p = Progress(path)
    assert p.warnings == [] and p.runs("xor") == old_runs
    assert "runs" not in json.loads(path.read_text())["lessons"]["xor"]
    assert json.loads((tmp_path / "progress.json.runs" / "xor.json").read_text())["runs"] == old_runs
    assert p.lesson("xor")["page"] == 2 and p.status("xor") == "done"
    assert p.record_run(result()) == 4
    assert [r["n"] for r in Progress(path).runs("xor")] == [1, 2, 3, 4]
    assert "status" not in json.loads(path.read_text())["lessons"]["xor"]  # the old field goes


def test_newest_run_keeps_its_figures(tmp_path):
    p = Progress(tmp_path / "progress.json")
    figure = {"type": "Text", "text": "hello"}
    for _ in range(2):
        p.record_run({**result().to_json(), "figures": {"out": figure}})
    first, second = Progress(tmp_path / "progress.json").runs("xor")
    assert "figures" not in first and second["figures"] == {"out": figure}


def test_checking_an_exercise_starts_the_lesson_without_storing_a_status(tmp_path):
    from tutor.exercises.record import record

    p = Progress(tmp_path / "progress.json")
    record(p, "xor", "mse", passed=False)
    assert p.status("xor") == "started" and "status" not in p.data["lessons"]["xor"]
