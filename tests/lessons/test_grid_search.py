"""grid-search: brute-force search of (m, b) for MPG from weight (parrt notebook 1)."""

import numpy as np
import pytest

from lessons.regression import cars_fit
from tests.conftest import run_lesson


@pytest.fixture(scope="module")
def default():
    result = run_lesson("grid-search")
    assert result.status == "finished", result.error
    return result


def test_best_point_of_the_course_grid(default):
    m = default.metrics
    assert m["best_m"] == pytest.approx(-0.0075, abs=1e-12)
    assert m["best_b"] == pytest.approx(45.75, abs=1e-12)
    assert m["best_mse"] == pytest.approx(18.6930, abs=5e-5)
    assert round(m["best_mse"], 2) == 18.69
    assert m["grid_points"] == 25


def test_least_squares_line(default):
    m = default.metrics
    assert m["ls_m"] == pytest.approx(-0.00764734, abs=5e-9)
    assert m["ls_b"] == pytest.approx(46.2165, abs=1e-4)
    assert m["ls_mse"] == pytest.approx(18.6766, abs=1e-4)
    assert m["mse_gap"] == pytest.approx(m["best_mse"] - m["ls_mse"])


def test_table_rows_match_the_course_printout(default):
    table = default.figures["grid"]
    assert table.columns == ["m", "b", "MSE"] and len(table.rows) == 25
    mse = {(float(r[0]), r[1]): r[2] for r in table.rows}
    assert round(mse[(-0.005, 42.0)], 1) == 37.2  # printed `-0.005,42.000 => MSE 37.2`
    assert round(mse[(-0.00625, 42.0)], 1) == 20.1
    assert round(mse[(-0.01, 42.0)], 1) == 148.6
    best = table.rows[table.highlight[0]]
    assert best[2] == min(r[2] for r in table.rows)


def test_map_marks_the_best_grid_point_and_least_squares(default):
    heat = default.figures["surface"]
    labels = {label: (x, y) for x, y, label in heat.marks}
    assert labels["best grid point"] == pytest.approx((-0.0075, 45.75))
    assert labels["least squares"] == pytest.approx((-0.00764734, 46.2165), abs=1e-4)
    assert len(heat.points) == 25 and heat.log
    assert "valley" in heat.summary
    # every mark lies inside the drawn region
    for x, y in labels.values():
        assert heat.xs[0] <= x <= heat.xs[-1] and heat.ys[0] <= y <= heat.ys[-1]


def test_surface_helper_agrees_with_the_loop():
    x, y = cars_fit.cars_xy("weight")
    ms, bs = np.linspace(-0.02, 0.01, 7), np.linspace(0, 60, 5)
    z = cars_fit.mse_surface(x, y, ms, bs)
    for i, b in enumerate(bs):
        for j, m in enumerate(ms):
            assert z[i][j] == pytest.approx(np.mean((m * x + b - y) ** 2), rel=1e-10)


def test_a_big_coarse_grid_does_worse_than_the_small_one(default):
    big = run_lesson(
        "grid-search", {"m_from": -0.1, "m_to": 0.1, "m_steps": 50, "b_from": 20, "b_to": 60, "b_steps": 50}
    ).metrics
    assert big["grid_points"] == 2500
    assert big["mse_gap"] > 10 * default.metrics["mse_gap"]
    assert len(run_lesson("grid-search", {"m_steps": 50, "b_steps": 50}).figures["grid"].rows) == 20


def test_goal_needs_a_better_grid_not_just_more_points(default):
    assert not default.goal_met
    zoomed = run_lesson("grid-search", {"m_from": -0.0079, "m_to": -0.0074, "b_from": 45.5, "b_to": 47.0})
    assert zoomed.goal_met and zoomed.metrics["mse_gap"] < 0.002
    dense = run_lesson("grid-search", {"m_steps": 10, "b_steps": 10})
    assert not dense.goal_met  # 100 points is over the limit
