"""Run: statuses, divergence, cancellation, live params, snapshots, history."""

import threading
import time

import pytest

from tutor.course import Chart, Goal, Lesson, Param
from tutor.figures import GrowingCurve, Table, downsample
from tutor.runner import Run


def lesson_with(train, params=(), goal=None):
    return Lesson(
        pages=("# p",),
        params=tuple(params),
        train=train,
        goal=goal,
        id="t",
        charts=(Chart.line("loss", ["loss"]),),
    )


def test_finished_run_reports_metrics_curves_and_goal():
    def train(p, run):
        for i in run.epochs(10):
            run.log(i, loss=1.0 / (i + 1))
        run.show("tbl", Table(["a"], [[1]], summary="one"))
        run.note("hello")
        return {"loss": 0.1}

    lesson = lesson_with(train, goal=Goal("low", require={"loss": ("<=", 0.2)}, hints=["a", "b"]))
    result = Run(lesson, {}).execute()
    assert result.status == "finished" and result.metrics == {"loss": 0.1}
    assert result.goal_met and len(result.curves["loss"]) == 10
    assert result.notes == ["hello"] and "tbl" in result.figures
    data = result.to_json()
    assert data["status"] == "finished" and data["curves"]["loss"][0] == [0.0, 1.0]


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_log_ends_run_as_diverged(bad):
    def train(p, run):
        for i in run.epochs(10):
            run.log(i, loss=1.0 if i < 3 else bad)
        return {"loss": 0.0}

    result = Run(lesson_with(train), {}).execute()
    assert result.status == "diverged" and "learning rate" in result.message
    assert result.goal_met is None and result.metrics["loss"] == 1.0  # last good value


def test_exception_is_failed_with_traceback():
    def train(p, run):
        raise ValueError("broken lesson")

    result = Run(lesson_with(train), {}).execute()
    assert result.status == "failed" and result.message == "ValueError: broken lesson"
    assert "Traceback" in result.error


def test_cancel_stops_within_a_step():
    def train(p, run):
        for i in run.epochs(10_000):
            time.sleep(0.005)
            run.log(i, loss=1.0)
        return {}

    run = Run(lesson_with(train), {})
    worker = threading.Thread(target=run.execute)
    worker.start()
    while run.progress()[0] < 5:
        time.sleep(0.01)
    at_cancel = run.progress()[0]
    run.cancel()
    worker.join(timeout=10)
    assert not worker.is_alive() and run.result.status == "cancelled"
    assert len(run.result.curves["loss"]) <= at_cancel + 1  # within one step


def test_live_params_change_during_a_run_and_others_refuse():
    seen = []

    def train(p, run):
        for i in run.epochs(200):
            seen.append(p.lr)
            time.sleep(0.002)
        return {}

    lesson = lesson_with(
        train,
        [Param.float("lr", 0.1, lo=0, hi=1, help="lr", live=True), Param.int("n", 1, lo=1, hi=2, help="n")],
    )
    run = Run(lesson, lesson.resolve())
    worker = threading.Thread(target=run.execute)
    worker.start()
    while run.progress()[0] < 20:
        time.sleep(0.005)
    run.set_param("lr", 0.5)
    with pytest.raises(ValueError, match="cannot be changed during a run"):
        run.set_param("n", 2)
    worker.join()
    assert seen[0] == 0.1 and seen[-1] == 0.5
    assert any("lr changed to 0.5" in n for n in run.result.notes)


def test_snapshot_is_downsampled_and_versioned():
    def train(p, run):
        for i in run.epochs(5000):
            run.log(i, loss=float(i))
        return {}

    run = Run(lesson_with(train), {})
    run.execute()
    snap = run.snapshot(max_points=100)
    assert len(snap.curves["loss"]) == 100 and snap.curves["loss"][-1] == (4999.0, 4999.0)
    assert snap.done == snap.total == 5000 and snap.version > 5000


def test_downsample_keeps_last_point_and_drops_non_finite():
    points = [(i, float(i)) for i in range(1000)] + [(1000, float("nan"))]
    out = downsample(points, 50)
    assert len(out) == 50 and out[-1] == (999, 999.0)
    assert downsample([(0, 1.0), (1, 2.0)], 50) == [(0, 1.0), (1, 2.0)]


def test_live_curves_are_thinned_from_the_new_points_only():
    def train(p, run):
        for i in run.epochs(6000):
            run.log(i, loss=float(i % 7))
            if i in (99, 2999):
                seen.append(run.snapshot(max_points=120).curves["loss"])
        return {}

    seen = []
    run = Run(lesson_with(train), {})
    run.execute()
    early, middle = seen
    assert early == [(float(i), float(i % 7)) for i in range(100)]  # exact while short
    assert len(middle) == 120 and middle[-1] == (2999.0, 2999 % 7)
    late = run.snapshot(max_points=120).curves["loss"]
    assert len(late) == 120 and late[-1] == (5999.0, 5999 % 7)
    assert run._live["loss"].count == 6000 and len(run._live["loss"].buckets) <= 1024
    exact = downsample([(float(i), float(i % 7)) for i in range(6000)], 120)
    assert all(y == x % 7 for x, y in late)  # only points that were logged,
    assert [x for x, _ in late] == sorted(x for x, _ in late)  # in x order,
    assert sorted(y for _, y in late) == sorted(y for _, y in exact)  # the same envelope
    assert sum(y for _, y in late[:-1]) / 119 == pytest.approx(3.0, abs=0.05)


def test_a_growing_curve_merges_buckets_and_keeps_the_last_point():
    curve = GrowingCurve(cap=8)
    curve.add([(float(i), float(i)) for i in range(20)] + [(20.0, float("nan"))])
    assert curve.count == 21 and curve.size == 4 and len(curve.buckets) == 5
    assert curve.points(100) == [(float(i), float(i)) for i in (0, 3, 4, 7, 8, 11, 12, 15, 16, 19)]


def test_history_reaches_the_lesson():
    def train(p, run):
        return {"runs_before": len(run.history)}

    result = Run(
        lesson_with(train), {}, history=[{"params": {}, "metrics": {}, "status": "finished"}]
    ).execute()
    assert result.metrics == {"runs_before": 1}


def test_nested_loops_make_one_progress_for_the_whole_run():
    seen = []

    def train(p, run):
        for model in run.steps(4):
            for epoch in run.epochs(10):
                if model == 1 and epoch == 5:
                    snap = run.snapshot()
                    seen.append((snap.fraction, snap.loops, run.progress()[:2]))
        return {}

    Run(lesson_with(train), {}).execute()
    fraction, loops, outer = seen[0]
    assert loops == [(1, 4), (5, 10)]  # model 2 of 4 under way, epoch 5 of 10 done
    assert fraction == pytest.approx(0.25 + 0.25 * 0.5)
    assert outer == (1, 4)


def test_sequential_loops_each_count_from_zero():
    fractions = []

    def train(p, run):
        for _ in run.epochs(4):
            pass
        for i in run.epochs(2):
            fractions.append(run.snapshot().fraction)
        return {}

    Run(lesson_with(train), {}).execute()
    assert fractions == [0.0, 0.5]


def test_stop_lands_within_a_batch_even_without_run_check():
    import torch
    from torch import nn

    batches_done = []

    def train(p, run):
        model = nn.Linear(4, 1)
        for epoch in run.epochs(3):
            for batch in range(100_000):  # one very long epoch, no run.check()
                model(torch.zeros(2, 4))
                batches_done.append(batch)
                time.sleep(0.0005)
        return {}

    run = Run(lesson_with(train), {})
    worker = threading.Thread(target=run.execute)
    worker.start()
    while len(batches_done) < 20:
        time.sleep(0.005)
    at_stop = len(batches_done)
    run.cancel()
    worker.join(timeout=10)
    assert run.result.status == "cancelled"
    assert len(batches_done) <= at_stop + 2  # the next forward pass stopped it


def test_the_stop_hook_exists_only_between_a_stop_and_the_end_of_the_run():
    from torch.nn.modules import module

    hooks = []

    def train(p, run):
        hooks.append(len(module._global_forward_pre_hooks))
        run.cancel()
        hooks.append(len(module._global_forward_pre_hooks))
        run.check()
        return {}

    before = len(module._global_forward_pre_hooks)
    run = Run(lesson_with(train), {})
    assert run.execute().status == "cancelled"
    assert hooks == [before, before + 1] and len(module._global_forward_pre_hooks) == before
    run.cancel()  # after the end: nothing is added
    assert len(module._global_forward_pre_hooks) == before


def test_full_garbage_collections_wait_while_any_run_trains():
    import gc

    before = gc.get_threshold()
    seen = []

    def inner_train(p, run):
        seen.append(gc.get_threshold()[2])
        return {}

    def outer_train(p, run):  # two runs overlapping, as tests do
        seen.append(gc.get_threshold()[2])
        Run(lesson_with(inner_train), {}).execute()
        seen.append(gc.get_threshold()[2])
        return {}

    Run(lesson_with(outer_train), {}).execute()
    assert seen[0] > 10**6 and seen == [seen[0]] * 3
    assert gc.get_threshold() == before  # restored when the last run ends


def test_a_stop_before_the_run_starts_cancels_it_at_once():
    calls = []
    run = Run(lesson_with(lambda p, run: calls.append(1) or {}), {})
    run.cancel()
    assert run.execute().status == "cancelled"


def test_a_lessons_own_except_exception_cannot_swallow_a_stop():
    def train(p, run):
        for i in run.epochs(1000):
            if i == 2:
                run.cancel()
                try:
                    run.check()
                except Exception:  # a lesson demonstrating an error
                    return {"swallowed": 1}
        return {}

    result = Run(lesson_with(train), {}).execute()
    assert result.status == "cancelled" and "swallowed" not in result.metrics


def test_breaking_out_of_an_inner_loop_keeps_the_outer_one():
    seen = []

    def train(p, run):
        for model in run.steps(4):
            for epoch in run.epochs(4):
                if epoch == model:  # early stopping, e.g. patience ran out
                    break
            seen.append(run.snapshot().loops)
        return {}

    Run(lesson_with(train), {}).execute()
    assert seen == [[(0, 4)], [(1, 4)], [(2, 4)], [(3, 4)]]


def test_a_loss_that_grows_a_million_fold_is_diverged_before_it_overflows():
    def train(p, run):
        for i in run.epochs(40):
            run.log(i, loss=2.0 * 10.0**i, accuracy=10.0**i)  # accuracy: not a loss name
        return {}

    result = Run(lesson_with(train), {}).execute()
    assert result.status == "diverged" and result.metrics["loss"] == 2e6  # the last allowed
    assert (
        result.message.startswith(
            "loss grew from 2 to 2e7 by step 7, more than 1,000,000 times its first value"
        )
        and "learning rate" in result.message
    )


def test_the_growth_rule_is_tuned_or_turned_off_by_the_lesson():
    def train(p, run):
        run.diverge_when(growth=p.growth, metrics=["val_*"])
        for i in run.epochs(10):
            run.log(i, val_mse=3.0**i, train_loss=10.0**i)
        return {}

    lesson = lesson_with(train, [Param.float("growth", 100.0, help="g")])
    tuned = Run(lesson, lesson.resolve({})).execute()
    assert tuned.status == "diverged" and "val_mse grew from 1 to 243 by step 5" in tuned.message
    off = Run(lesson, {"growth": None}).execute()
    assert off.status == "finished" and off.metrics == {}


def test_a_loss_that_starts_tiny_may_grow_to_a_million_not_a_million_fold():
    def train(p, run):
        for i, loss in enumerate([1e-9, 0.5, 3.0, 9e5, 2e6]):  # a noisy batch loss
            run.log(i, batch_loss=loss)
        return {}

    result = Run(lesson_with(train), {}).execute()
    assert result.status == "diverged" and result.metrics["batch_loss"] == 9e5
    assert "batch_loss grew from 1e-9 to 2e6 by step 4, more than 1,000,000:" in result.message


# ---------------------------------------------------------------------------- one run per learner


def test_a_second_run_of_the_same_learner_waits_for_the_first(tutor_home):
    """Another process (another window, `tutor run`) trains: this run waits for it, then runs."""
    import subprocess
    import sys

    tutor_home.mkdir(parents=True, exist_ok=True)
    other = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            "l = FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(1); "
            "print(time.time(), flush=True); l.release()",
            str(tutor_home / "training.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout.readline().strip() == "held"
    started = []
    result = Run(lesson_with(lambda p, run: started.append(time.time()) or {}), {}).execute()
    released = float(other.stdout.readline())
    other.wait()
    assert result.status == "finished" and started[0] >= released  # queued, not doubled
    assert "waiting for your other run" in result.notes[0] and "started after" in result.notes[1]
    assert result.seconds < 0.5  # the wait not counted


def test_a_run_inside_a_run_does_not_wait_for_itself(tutor_home):
    inner = []
    outer = Run(
        lesson_with(lambda p, run: inner.append(Run(lesson_with(lambda p, r: {}), {}).execute()) or {}), {}
    ).execute()
    assert outer.status == inner[0].status == "finished" and inner[0].notes == []


def test_waiting_for_another_process_can_be_stopped(tutor_home):
    import subprocess
    import sys

    tutor_home.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            "l = FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(30)",
            str(tutor_home / "training.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        ran = []
        run = Run(lesson_with(lambda p, run: ran.append(1) or {}), {})
        worker = threading.Thread(target=run.execute)
        worker.start()
        deadline = time.monotonic() + 30
        while not run.snapshot(curves=False).notes and time.monotonic() < deadline:
            time.sleep(0.02)  # waiting, with a note saying so
        run.cancel()
        worker.join(10)
        result = run.result
        assert result.status == "cancelled" and ran == [] and "waiting" in result.notes[0]
    finally:
        holder.kill()
        holder.wait()
    assert Run(lesson_with(lambda p, run: {}), {}).execute().status == "finished"  # free again
