"""nonlinearity: stacked linears collapse; ReLU / sigmoid bend; many units over-fit (parrt notebook 2)."""

import pytest
import torch

from lessons.regression.nonlinearity import collapse, make_model
from tests.conftest import run_lesson

LEAST_SQUARES_SLOPE = -6.495672  # standardised with torch.std (n − 1)
MEAN_MPG = 23.445918


def test_collapse_is_exactly_the_stacked_model():
    torch.manual_seed(3)
    for layers in (1, 3):
        model = make_model("none", 7, layers)
        slope, intercept = collapse(model)
        x = torch.linspace(-3, 3, 11).unsqueeze(1)
        with torch.no_grad():
            assert torch.allclose(model(x), slope * x + intercept, atol=1e-5)
    assert len(make_model("relu", 5, 2)) == 5  # Linear, ReLU, Linear, ReLU, Linear


@pytest.mark.parametrize("layers", [1, 3])
def test_two_linear_layers_fit_the_least_squares_line(layers):
    result = run_lesson("nonlinearity", {"layers": layers})
    m = result.metrics
    assert m["collapsed_slope"] == pytest.approx(LEAST_SQUARES_SLOPE, abs=1e-3)
    assert m["collapsed_intercept"] == pytest.approx(MEAN_MPG, abs=1e-3)
    assert round(m["mse"], 3) == 18.677
    assert m["min_slope"] == pytest.approx(m["max_slope"], abs=0.01)  # a straight line
    table = result.figures["layers"]
    assert table.rows[-1][-2:] == pytest.approx([m["collapsed_slope"], m["collapsed_intercept"]])
    if layers == 1:  # per-unit parts add up to the line
        units, bias = table.rows[:-2], table.rows[-2][5]
        assert len(units) == 5
        assert sum(r[4] for r in units) == pytest.approx(m["collapsed_slope"], abs=1e-4)
        assert sum(r[5] for r in units) + bias == pytest.approx(m["collapsed_intercept"], abs=1e-4)


def test_relu_1_5_1_course_run():
    m = run_lesson("nonlinearity", {"activation": "relu", "hidden": 5, "lr": 1.0, "epochs": 100}).metrics
    assert 17.0 < m["mse"] < 18.7  # course: 18.310


def test_sigmoid_1_1_1_course_run():
    m = run_lesson("nonlinearity", {"activation": "sigmoid", "hidden": 1, "lr": 0.1, "epochs": 1000}).metrics
    assert 17.6 < m["mse"] < 18.4  # course: 18.017


def test_relu_1000_units_overfits_with_a_jagged_curve():
    small = run_lesson("nonlinearity", {"activation": "relu", "hidden": 5}).metrics
    big = run_lesson("nonlinearity", {"activation": "relu", "hidden": 1000})
    m = big.metrics
    assert 16.2 < m["mse"] < 17.0  # course: 16.569
    assert m["mse"] < small["mse"]
    assert m["min_slope"] < -20 < small["min_slope"]  # steep drops: jagged
    assert "inside the data" in big.figures["layers"].summary
    # the page: the slope chart shows it, swinging from about -31 to +3, jumping at about 20 kinks
    slope = big.figures["slope"]
    model_slope, line_slope = slope.series
    assert min(model_slope.y) == pytest.approx(-31, abs=2) and max(model_slope.y) == pytest.approx(3, abs=1)
    assert list(line_slope.y) == pytest.approx([-6.5, -6.5], abs=0.05)
    jumps = int(slope.summary.split("more than 0.5 at ")[1].split()[0])
    assert 15 <= jumps <= 25


def test_1000_sigmoid_units_stay_smooth():
    result = run_lesson("nonlinearity", {"activation": "sigmoid", "hidden": 1000})
    m = result.metrics
    assert m["min_slope"] > -15 and m["max_slope"] < 0
    assert "jumps by more than 0.5 at 0 of" in result.figures["slope"].summary


def test_goal_needs_an_activation():
    assert not run_lesson("nonlinearity", {"hidden": 10}).goal_met
    assert run_lesson("nonlinearity", {"activation": "relu", "hidden": 10}).goal_met
