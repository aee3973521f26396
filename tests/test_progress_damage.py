"""Damaged progress files: nothing crashes, a bad field is dropped and named, the rest kept,
and the original is kept aside once."""

import json

import pytest

from tutor.progress import Progress

GOOD_RUN = {
    "n": 1,
    "started": "2025-01-01T00:00:00+00:00",
    "params": {"lr": 0.1},
    "device": "cpu",
    "seconds": 1.5,
    "status": "finished",
    "metrics": {"loss": 0.5},
    "goal_met": False,
    "goal_reason": "why",
    "message": "",
    "curves": {"train_loss": [[0, 1.0], [1, 0.5]]},
}


def write(path, state):
    path.write_text(json.dumps(state))


def asides(folder, kind):
    return sorted(p for p in folder.iterdir() if f".{kind}-" in p.name)


# ---------------------------------------------------------------------------- 4. nesting


def test_deeply_nested_file_is_kept_aside_not_a_crash(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text("[" * 100_000)
    p = Progress(path)
    assert p.saving and "nested too deeply" in p.warnings[0]
    assert len(asides(tmp_path, "corrupt")) == 1 and not path.exists()
    p.open_lesson("xor")
    assert Progress(path).last_lesson() == "xor"


def test_deeply_nested_runs_file_is_kept_aside(tmp_path):
    path = tmp_path / "progress.json"
    Progress(path).record_run(dict(GOOD_RUN, lesson="xor"))
    runs_file = tmp_path / "progress.json.runs" / "xor.json"
    runs_file.write_text("[" * 100_000)
    p = Progress(path)
    assert p.runs("xor") == [] and "could not be read" in p.warnings[-1]
    assert len(asides(runs_file.parent, "corrupt")) == 1
    assert p.record_run(dict(GOOD_RUN, lesson="xor")) == 1


def test_a_field_nested_deeper_than_any_reader_needs_is_dropped(tmp_path):
    path = tmp_path / "progress.json"
    deep = 1
    for _ in range(800):  # loads, but copying it would exhaust the stack
        deep = [deep]
    write(path, {"schema": 1, "lessons": {"xor": {"page": 2, "params": {"lr": 0.1, "W": deep}}}})
    p = Progress(path)
    assert p.lesson("xor")["params"] == {"lr": 0.1} and p.lesson("xor")["page"] == 2
    assert "lessons.xor.params" in p.warnings[0]
    p.set_page("xor", 3)
    assert Progress(path).lesson("xor")["page"] == 3


# ---------------------------------------------------------------------------- 5. surrogates


def test_lone_surrogates_are_mended_and_every_save_works(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(
        '{"schema": 1, "last_lesson": "x\\ud800", "lessons": {"xor": {"page": 1, '
        '"params": {"name": "a\\udcffb"}, "quiz": {"q": {"response": "\\ud800", '
        '"correct": true, "at": ""}}}}}'
    )
    p = Progress(path)
    assert p.last_lesson() == "x\ufffd" and p.lesson("xor")["params"]["name"] == "a\ufffdb"
    assert "last_lesson" in p.warnings[0] and "not valid Unicode" in p.warnings[0]
    path.read_bytes().decode("utf-8")  # repaired on disk: valid UTF-8
    # text from a command line (surrogateescape) reaches a run's params: the save still works
    n = p.record_run(dict(GOOD_RUN, lesson="xor", params={"name": "\udcff"}))
    p.set_params("xor", {"name": "b\udcff"})
    q = Progress(path)
    assert q.runs("xor")[n - 1]["params"]["name"] == "\ufffd"
    assert q.lesson("xor")["params"]["name"] == "b\ufffd" and q.lesson("xor")["page"] == 1


# ---------------------------------------------------------------------------- 6. wrong types


def damaged_state():
    run = dict(GOOD_RUN, seconds="fast", curves={"train_loss": 5, "val_loss": [[0, 1.0]]}, metrics=[1, 2])
    return {
        "schema": 1,
        "last_lesson": "xor",
        "settings": {"theme": ["nord"], "device": "cpu"},
        "lessons": {
            "xor": {
                "status": "started",
                "page": 2,
                "hints_shown": 7,
                "goal": {"met": True, "at": 5, "run": 1},
                "params": {"lr": 0.2},
                "runs": [run, dict(GOOD_RUN, n=2)],
            },
            "tensors": {
                "page": "two",
                "hints_shown": -1,
                "quiz": {"q1": {"response": 1, "correct": True, "at": "t"}, "q2": "yes"},
            },
        },
    }


def test_wrong_inner_types_are_dropped_and_named_and_the_rest_kept(tmp_path):
    path = tmp_path / "progress.json"
    write(path, damaged_state())
    original = path.read_bytes()
    p = Progress(path)
    (warning,) = p.warnings
    for field in (
        "settings.theme",
        "lessons.xor.runs[0].seconds",
        "lessons.xor.runs[0].curves.train_loss",
        "lessons.xor.runs[0].metrics",
        "lessons.xor.goal.at",
        "lessons.tensors.page",
        "lessons.tensors.hints_shown",
        "lessons.tensors.quiz.q2",
    ):
        assert field in warning, field
    # what was well-formed is all there
    assert p.settings() == {"device": "cpu", "theme": "textual-dark", "threads": "auto"}
    xor = p.lesson("xor")
    assert xor["page"] == 2 and xor["hints_shown"] == 7 and xor["params"] == {"lr": 0.2}
    assert xor["goal"] == {"met": True, "run": 1} and p.status("xor") == "done"  # only "at" goes
    assert p.last_lesson() == "xor"
    first, second = p.runs("xor")
    assert "seconds" not in first and "metrics" not in first
    assert first["curves"] == {"val_loss": [[0, 1.0]]} and first["params"] == {"lr": 0.1}
    assert second == dict(GOOD_RUN, n=2)
    tensors = p.lesson("tensors")
    assert tensors["page"] == 0 and tensors["quiz"] == {  # (lesson() fills a quiz's defaults)
        "q1": {"response": 1, "correct": True, "at": "t", "attempts": 1, "revealed": False}
    }
    # the original is kept aside, once; the file is repaired
    (aside,) = asides(tmp_path, "damaged")
    assert aside.read_bytes() == original and str(aside) in warning
    again = Progress(path)
    assert again.warnings == [] and len(asides(tmp_path, "damaged")) == 1
    assert again.data == p.data and again.runs("xor") == p.runs("xor")


def test_damaged_exercise_fields_are_dropped_one_by_one(tmp_path):
    from tutor.exercises import Exercise, record

    path = tmp_path / "progress.json"
    mse = {"attempts": 3, "wrong_tries": "two", "passed": False, "hints_shown": 2, "solution_shown": 5}
    relu = {"attempts": 2.5, "passed": "yes", "hints_shown": -1, "last_checked": "t", "first_passed": "t"}
    write(
        path,
        {
            "schema": 1,
            "lessons": {"losses": {"exercises": {"mse": mse, "relu": relu, "odd": [1], "new": {}}}},
        },
    )
    p = Progress(path)
    (warning,) = p.warnings
    for field in (
        "lessons.losses.exercises.mse.wrong_tries",
        "lessons.losses.exercises.mse.solution_shown",
        "lessons.losses.exercises.relu.attempts",
        "lessons.losses.exercises.relu.passed",
        "lessons.losses.exercises.relu.hints_shown",
        "lessons.losses.exercises.odd",
    ):
        assert field in warning, field
    assert record.state(p, "losses", "mse") == {"attempts": 3, "passed": False, "hints_shown": 2}
    assert record.state(p, "losses", "relu") == {"last_checked": "t", "first_passed": "t"}
    assert record.state(p, "losses", "odd") == {} and record.state(p, "losses", "new") == {}
    ex = Exercise("mse", "mse", page=0, task="t", hints=("a", "b", "c"), lesson="losses")
    assert record.hints_shown(record.show_hint(p, ex), ex) == 3  # counts on from what was kept
    assert Progress(path).warnings == [] and record.state(Progress(path), "losses", "mse")["hints_shown"] == 3


def test_lessons_that_are_not_an_object_are_dropped_and_settings_kept(tmp_path):
    path = tmp_path / "progress.json"
    write(path, {"schema": 1, "settings": {"theme": "nord"}, "lessons": []})
    p = Progress(path)
    assert "lessons: not an object" in p.warnings[0] and len(asides(tmp_path, "damaged")) == 1
    assert p.settings()["theme"] == "nord" and p.data["lessons"] == {}


def test_damaged_runs_file_is_repaired_once(tmp_path):
    path = tmp_path / "progress.json"
    Progress(path).record_run(dict(GOOD_RUN, lesson="xor"))
    runs_file = tmp_path / "progress.json.runs" / "xor.json"
    data = json.loads(runs_file.read_text())
    data["runs"].append(dict(GOOD_RUN, n=2, status=3, metrics={"loss": {"deep": [1]}}))
    data["runs"].append("not a run")
    runs_file.write_text(json.dumps(data))
    p = Progress(path)
    runs = p.runs("xor")
    assert [r["n"] for r in runs] == [1, 2] and "status" not in runs[1]
    assert any("runs[1].status" in w and "runs[2]" in w for w in p.warnings), p.warnings
    assert len(asides(runs_file.parent, "damaged")) == 1
    q = Progress(path)
    assert q.runs("xor") == runs and q.warnings == []
    assert len(asides(runs_file.parent, "damaged")) == 1


def test_read_only_damaged_file_is_used_without_the_bad_fields(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    write(path, damaged_state())
    monkeypatch.setattr(Progress, "_check_location", lambda self: "testing: read-only")
    p = Progress(path)
    assert not p.saving and any("damaged fields, ignored" in w for w in p.warnings)
    assert p.lesson("xor")["page"] == 2 and len(p.runs("xor")) == 2
    assert asides(tmp_path, "damaged") == [] and json.loads(path.read_text()) == damaged_state()


@pytest.mark.parametrize("value", [7, -1, "3"])
def test_hints_shown_beyond_the_lessons_hints_is_harmless(value):
    from tutor.course import Goal
    from tutor.widgets.goal_panel import GoalPanel

    panel = GoalPanel(Goal("g", hints=("one", "two")), hints_shown=value)
    assert panel.hints_shown == {7: 2, -1: 0, "3": 0}[value]


# ---------------------------------------------------------------------------- 7. special files


def _load_within(path, seconds=10):
    """Progress(path) in a thread, failing the test (not hanging) if it blocks."""
    import threading

    box = {}
    t = threading.Thread(target=lambda: box.setdefault("p", Progress(path)), daemon=True)
    t.start()
    t.join(seconds)
    assert "p" in box, f"loading {path} blocked"
    return box["p"]


def test_a_fifo_is_left_alone_and_nothing_blocks(tmp_path):
    import os
    import stat

    path = tmp_path / "progress.json"
    os.mkfifo(path)
    p = _load_within(path)
    assert not p.saving and "FIFO" in p.warnings[0] and "left alone" in p.warnings[0]
    p.open_lesson("xor")  # works, in memory
    assert p.last_lesson() == "xor" and stat.S_ISFIFO(os.stat(path).st_mode)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["progress.json"]


def test_a_device_is_never_renamed(tmp_path):
    import os
    import stat

    path = tmp_path / "null"
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    p = _load_within(path)
    assert not p.saving and "character device" in p.warnings[0]
    p.record_run(dict(GOOD_RUN, lesson="xor"))
    assert stat.S_ISCHR(os.stat(path).st_mode)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["null"]


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    target_dir = tmp_path / "synced"
    target_dir.mkdir()
    target = target_dir / "my-progress.json"
    Progress(target).open_lesson("xor", page=3)
    link = tmp_path / "home" / "progress.json"
    link.parent.mkdir()
    link.symlink_to(target)
    p = Progress(link)
    assert p.lesson("xor")["page"] == 3 and p.path == link
    p.set_page("xor", 4)
    p.record_run(dict(GOOD_RUN, lesson="xor"))
    assert link.is_symlink() and link.resolve() == target
    assert json.loads(target.read_text())["lessons"]["xor"]["page"] == 4
    assert (target_dir / "my-progress.json.runs" / "xor.json").exists()
    assert sorted(f.name for f in link.parent.iterdir()) == ["progress.json"]
    assert Progress(target).runs("xor")[0]["status"] == "finished"


# ---------------------------------------------------------------------------- 8. stale temp files


def test_temp_files_of_interrupted_saves_are_removed_at_start(tmp_path):
    import os
    import subprocess
    import sys
    import time

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    ).stdout.strip()
    runs = tmp_path / "progress.json.runs"
    runs.mkdir()
    files = {
        tmp_path / f".progress.json.{gone}.k3j2h1ab.tmp": False,  # its process is gone
        runs / f".xor.json.{gone}.zz9_abcd.tmp": False,
        tmp_path / ".progress.json.old_name.tmp": False,  # old style, a day old
        tmp_path / f".progress.json.{os.getpid()}.live1234.tmp": True,  # a save going on now
        tmp_path / ".progress.json.newstyle.tmp": True,  # old style, just written
        tmp_path / ".other.json.12.abc.tmp": True,  # not ours
    }
    for path in files:
        path.write_text("partial")
    interrupted = tmp_path / f".progress.json.{gone}.a1b2c3d4.tmp"  # today's: a folder
    interrupted.mkdir()
    (interrupted / "progress.json").write_text("partial")
    day_ago = time.time() - 86400
    os.utime(tmp_path / ".progress.json.old_name.tmp", (day_ago, day_ago))
    Progress(tmp_path / "progress.json")
    assert {path: path.exists() for path in files} == files and not interrupted.exists()
