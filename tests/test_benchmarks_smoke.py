"""The benchmark code runs, in a tiny configuration, so it cannot rot (python -m benchmarks).

Figures are not checked here (the machine is shared); what is checked: the plain script still
trains what the xor lesson trains, the app sessions still drive the real LessonScreen, the
start-up hook still sees the home screen, and the report prints from real measurements."""

import numpy as np

from benchmarks import app_xor, plain_xor, redraw_cost, report, suite
from benchmarks.__main__ import parse
from benchmarks.lesson_times import run_lesson
from tests.conftest import run_lesson as run_in_tutor

EPOCHS = 20


def test_plain_script_trains_what_the_lesson_trains():
    from lessons import datasets

    for seed in (0, 3):
        X, y = plain_xor.toy_xor(1000, seed)
        X2, y2 = datasets.toy("xor", 1000, seed=seed)
        assert np.array_equal(X, X2) and np.array_equal(y, y2)
    params = suite.xor_params(EPOCHS)  # the lesson's defaults, as the suite passes them
    assert params["epochs"] == EPOCHS
    plain = plain_xor.train_xor(**params)
    lesson = run_in_tutor("xor", {"epochs": EPOCHS})
    assert lesson.status == "finished" and plain["seconds"] > 0
    assert plain["test_accuracy"] == lesson.metrics["test_accuracy"]
    assert plain["train_loss"] == lesson.metrics["train_loss"]


async def test_app_sessions_and_report(tmp_path):
    training = await app_xor.training_session(tmp_path / "a", runs=2, epochs=EPOCHS)
    assert [r["status"] for r in training["runs"]] == ["finished", "finished"]
    assert all(r["seconds"] > 0 and r["ui_thread_cpu"] >= 0 for r in training["runs"])
    lag = await app_xor.lag_session(
        tmp_path / "b", runs=1, epochs=EPOCHS, idle_seconds=0.2, keys=2, settle=0.1, key_runs=1
    )
    assert lag["lag_ms"]["idle"] and lag["lag_ms"]["first run"]
    assert lag["first_key_ms"] > 0 and len(lag["keys_idle_ms"]) == 2
    assert all(r["status"] == "finished" for r in lag["runs"])

    headless = run_lesson("xor", runs=2, threads=1, overrides={"epochs": EPOCHS})
    plain = {"runs": [plain_xor.train_xor(**suite.xor_params(EPOCHS)) for _ in range(2)], "threads": 1}
    cli = {"runs": [{"seconds": 0.1, "metrics": headless["runs"][0]["metrics"]}]}
    records = [("app", training), ("headless", headless), ("cli", cli), ("plain", plain)]
    results = {
        "training": suite.aggregate_training(records, suite.xor_params(EPOCHS), 1, 2),
        "lag": suite.aggregate_lag([lag], 1),
    }
    assert results["training"]["same_result"]
    quick = run_lesson("xor", quick=True)
    results["lessons"] = suite.aggregate_lessons(
        [
            suite.lesson_row("xor", quick["part"], quick, 1.0),
            suite.lesson_row("broken", "Images", error="ChildFailed: boom\ntraceback"),
        ],
        1,
        True,
    )
    assert results["lessons"]["failed"] == ["broken"]
    startup = {w: [suite.startup_once(w, 1)] for w in ("tutor", "bare")}
    assert startup["tutor"][0]["screen"] == "HomeScreen"
    assert not startup["tutor"][0]["torch_imported"]
    results["startup"] = suite.aggregate_startup(startup)

    text = "\n".join(
        report.startup_section(results["startup"])
        + report.training_section(results["training"])
        + report.lag_section(results["lag"])
        + report.lessons_section(results["lessons"])
        + report.summary_block(results)
    )
    for word in ("startup", "training", "headless", "ui lag", "lessons", "ratio", "p95", "xor"):
        assert word in text


def test_redraw_variants_run():
    result = redraw_cost.measure(1, 1, runs=1, epochs=EPOCHS, variants=("no-layout+poll-0.5s",))
    row = result["variants"]["no-layout+poll-0.5s"]
    assert row["seconds"]["n"] == 1 and row["layouts"] >= 0
    assert "no-layout+poll-0.5s" in "\n".join(redraw_cost.section(result))


def test_command_line_options():
    args = parse(["--quick", "--only", "startup,lag", "--json", "x.json"])
    assert args.repeats == 2 and args.only == ["startup", "lag"] and args.json == "x.json"
    assert parse([]).repeats == 5 and parse([]).only == list(
        ("startup", "training", "lag", "lessons", "progress", "shared")
    )


def test_progress_io_measures_a_small_history(monkeypatch):
    from benchmarks import progress_io

    monkeypatch.setattr(progress_io, "LESSONS", 2)
    monkeypatch.setattr(progress_io, "RUNS", 6)
    r = progress_io.measure(repeats=1)
    assert r["page_turn_ms"]["n"] == r["run_save_ms"]["n"] == 10 and r["old_file_bytes"] > 0
    assert "page turn" in "\n".join(progress_io.section(r))
    assert "progress" in "\n".join(report.summary_block({"progress": r}))


def test_concurrent_runs_measures(monkeypatch):
    from benchmarks import concurrent_runs

    monkeypatch.setattr(concurrent_runs, "RUNS", 2)
    monkeypatch.setattr(concurrent_runs, "COMMAND", ["-m", "tutor", "list"])
    r = concurrent_runs.measure(repeats=1)
    assert r["sequential"]["median"] > 0 and r["together"]["median"] > 0 and r["ratio"] > 0
    assert "at once" in "\n".join(concurrent_runs.section(r))
    assert "shared" in "\n".join(report.summary_block({"shared": r}))


def test_mine_runs_measures_a_quick_lesson():
    from benchmarks import mine_runs

    r = mine_runs.measure(1, 1, "train-a-classifier", {"iterations": 20})
    assert r["thread"]["n"] == r["mine"]["n"] == 1 and r["ratio"] > 0
    assert r["start_mine"]["median"] > 0 and r["exercises"] == ["accuracy"]
    assert "child" in "\n".join(mine_runs.section(r))
    assert "my code" in "\n".join(report.summary_block({"mine": r}))
