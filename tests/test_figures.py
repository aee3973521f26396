"""Thinning keeps an envelope, and summaries are exact over every point logged."""

import math

import pytest

from tests.conftest import finished_run
from tutor.figures import CurveStats, GrowingCurve, downsample
from tutor.formatting import number
from tutor.progress import Progress
from tutor.rendering import curve_summary
from tutor.runner import Run


def bouncing(n=5000):
    """A falling curve that flips between two values each step, with one deep spike."""
    pts = [(float(i), 1 / (i + 1) + (0.01 if i % 2 else 0.0)) for i in range(n)]
    spike = n * 2 // 3
    pts[spike] = (float(spike), -5.0)
    return pts


def test_downsample_keeps_each_buckets_min_and_max_in_x_order():
    pts = bouncing()
    out = downsample(pts, 120)
    assert len(out) <= 120 and out[0] == pts[0] and out[-1] == pts[-1]
    assert set(out) <= set(pts)  # points that were logged
    assert [x for x, _ in out] == sorted(x for x, _ in out)
    assert (3333.0, -5.0) in out  # the spike survives
    tail = [y for x, y in out if x > 4000]  # so does the bounce
    assert max(tail) - min(tail) > 0.0099


def test_downsample_of_a_short_curve_is_the_curve():
    assert downsample([(0, 1.0), (1, float("nan")), (2, 3.0)], 10) == [(0, 1.0), (2, 3.0)]


@pytest.mark.parametrize("cap", [8, 64, 1024])
def test_growing_curve_is_an_envelope_fed_in_pieces(cap):
    pts = bouncing(3000)
    curve = GrowingCurve(cap=cap)
    for start in range(0, len(pts), 77):
        curve.add(pts[start : start + 77])
    out = curve.points(100)
    assert len(out) <= 100 and out[-1] == pts[-1] and set(out) <= set(pts)
    assert (2000.0, -5.0) in out  # the spike
    tail = [y for x, y in out if x > 2500]  # and the bounce
    assert max(tail) - min(tail) > 0.0099
    assert [x for x, _ in out] == sorted(x for x, _ in out)
    assert curve.stats == CurveStats().add(pts)


def test_stats_are_exact_and_survive_json():
    pts = bouncing()
    st = CurveStats().add(pts)
    assert st.count == 5000 and st.last == pts[-1] and st.lowest == (3333.0, -5.0)
    assert st.highest == (0.0, 1.0)
    assert CurveStats(**st.to_json()) == st


def test_summary_uses_every_point_not_the_thinned_ones():
    pts = [(float(i), 10.0 + math.sin(i)) for i in range(3000)]
    pts[1234] = (1234.0, 3.25)
    thinned = {"loss": downsample(pts, 60)}
    stats = {"loss": CurveStats().add(pts)}
    assert "(lowest 3.25 at 1,234)" in curve_summary(thinned, stats=stats)
    assert "(lowest 3.25 at 1,234)" in curve_summary(thinned)  # the envelope keeps it too


def lesson_logging(points):
    from tutor.course import Chart, Lesson

    def train(p, run):
        for x, y in points:
            run.log(x, loss=y)
        return {}

    return Lesson(pages=("# p",), params=(), train=train, id="t", charts=(Chart.line("loss", ["loss"]),))


def test_snapshot_result_and_saved_run_carry_exact_stats(tmp_path):
    pts = bouncing()
    run = Run(lesson_logging(pts), {})
    result = run.execute()
    exact = CurveStats().add(pts)
    snap = run.snapshot(max_points=40)
    assert snap.stats["loss"] == exact and result.stats["loss"] == exact
    assert result.to_json()["stats"]["loss"]["lowest"] == (3333.0, -5.0)
    progress = Progress(tmp_path / "p.json")
    progress.record_run(result)
    entry = progress.runs("t")[-1]
    saved = [tuple(p) for p in entry["curves"]["loss"]]
    assert (3333.0, -5.0) in saved and saved[-1] == pts[-1]  # saved thinning is an envelope
    assert CurveStats(**entry["stats"]["loss"]) == exact  # and the stats are kept


def test_sgd_bounce_survives_thinning():
    """nn-and-optimizers: SGD's training loss flips between 0.0013 and 0.0103 each epoch at
    the end; a mean of each bucket showed ~0.006, a value it never had."""
    result = finished_run("nn-and-optimizers")  # 1,000 epochs: thinned to 300
    saved = result.curves["sgd_train"]
    assert len(saved) < 1000
    tail = {round(y, 7) for x, y in saved if x >= 900}
    assert tail == {0.0012645, 0.0102565}
    run_summary = curve_summary({"sgd_train": saved}, stats=result.stats)
    assert run_summary.startswith("sgd_train 0.01026 at epoch 999")


def test_validation_minimum_is_exact_in_the_summary():
    result = finished_run("validation", {"epochs": 400, "trees": 20})
    best, best_mse = result.metrics["best_epoch"], result.metrics["best_val_mse"]
    st = result.stats["val_mse"]
    assert st.lowest == (best, pytest.approx(best_mse)) and st.count == 400
    assert (float(best), st.lowest[1]) in result.curves["val_mse"]
    summary = curve_summary({"val_mse": result.curves["val_mse"]}, stats=result.stats)
    assert f"(lowest {number(st.lowest[1])} at {number(best)})" in summary
