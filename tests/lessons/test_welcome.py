"""welcome: a hand rule against a line learned by gradient descent on the cars data."""

import numpy as np
import pytest

from lessons import datasets
from tests.conftest import run_lesson


def rule_mse(a, b):
    weight, mpg = datasets.cars("weight", "mpg").T
    return float(np.mean((a + b * weight / 1000 - mpg) ** 2))


def test_learned_line_is_the_least_squares_line():
    result = run_lesson("welcome")
    assert result.status == "finished"
    m = result.metrics
    # reference: OLS weight → mpg: m = −0.00764734 per lb, b = 46.2165, MSE 18.6766 (det)
    assert m["learned_a"] == pytest.approx(46.2165, abs=1e-3)
    assert m["learned_b"] == pytest.approx(-7.64734, abs=1e-4)
    assert m["learned_mse"] == pytest.approx(18.6766, abs=1e-3)


@pytest.mark.parametrize("a, b", [(40.0, -5.0), (45.0, -7.0), (30.0, 2.5)])
def test_rule_error_is_computed_from_the_rule(a, b):
    m = run_lesson("welcome", {"a": a, "b": b}).metrics
    assert m["rule_mse"] == pytest.approx(rule_mse(a, b), rel=1e-9)
    assert m["rule_vs_learned"] == pytest.approx(m["rule_mse"] / m["learned_mse"])


def test_the_learned_error_falls_step_by_step():
    result = run_lesson("welcome", {"steps": 50})
    curve = [y for _, y in result.curves["learned_mse"]]
    assert curve[0] > 500  # a flat line at 0 mpg misses by ~24 mpg
    assert all(later <= earlier for earlier, later in zip(curve, curve[1:]))
    assert curve[-1] < 19


def test_goal_default_is_mediocre_and_solution_meets_it():
    default = run_lesson("welcome")
    assert default.goal_met is False and default.metrics["rule_vs_learned"] > 1.3
    assert run_lesson("welcome", {"a": 45, "b": -7}).goal_met is True
    short = run_lesson("welcome", {"a": 45, "b": -7, "steps": 5})
    assert short.goal_met is False and "steps" in short.goal_reason


def test_plot_shows_points_and_both_lines_quickly():
    result = run_lesson("welcome")
    plot = result.figures["fit"]
    styles = [s.style for s in plot.series]
    assert styles == ["points", "line", "line"]
    assert len(plot.series[0].x) == 392
    assert "rule 26.5," in plot.summary and "18.68" in plot.summary
    assert result.seconds < 2
