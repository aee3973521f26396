"""gradient-descent: numpy gradient descent on raw vs standardised weights (parrt notebook 1)."""

import pytest

from tests.conftest import run_lesson
from tests.lessons.pages import page, settings


@pytest.fixture(scope="module")
def default():
    result = run_lesson("gradient-descent")
    assert result.status == "finished", result.error
    return result


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_raw_weights_stall_at_the_course_plateau_for_any_start_m(seed):
    m = run_lesson("gradient-descent", {"seed": seed}).metrics
    assert m["raw_mse"] == pytest.approx(28.1222, abs=5e-4)
    assert m["raw_mae"] == pytest.approx(4.0267, abs=1e-4)
    assert m["raw_m"] == pytest.approx(-0.00416, abs=1e-5)
    assert m["raw_b"] == pytest.approx(35.0, abs=1e-3)  # b never moves


def test_raw_plateau_is_reached_by_epoch_60(default):
    raw = dict(default.curves["raw_mse"])
    assert raw[1.0] > 1e6  # starts in the millions
    assert raw[60.0] == pytest.approx(28.1222, abs=1e-3)


def test_standardised_weights_reach_least_squares_in_about_ten_epochs(default):
    std = dict(default.curves["std_mse"])
    assert round(std[10.0], 3) == 18.677
    m = default.metrics
    assert m["std_m"] == pytest.approx(-6.487, abs=1e-3)
    assert m["std_b"] == pytest.approx(23.446, abs=1e-3)
    assert round(m["std_mae"], 2) == 3.28
    assert m["std_mse_gap"] < 1e-6


def test_valley_raw_is_long_and_standardised_is_round(default):
    m = default.metrics
    assert m["raw_stretch"] > 10_000
    assert m["std_stretch"] == pytest.approx(1.0, abs=1e-9)
    assert "valley" in default.figures["raw_map"].summary
    assert "round bowl" in default.figures["std_map"].summary
    labels = [mark[2] for mark in default.figures["std_map"].marks]
    assert labels == ["start", "end", "least squares"]


def test_start_b_5_fails_on_raw_but_not_on_standardised():
    m = run_lesson("gradient-descent", {"b0": 5}).metrics
    assert m["raw_b"] == pytest.approx(5.0, abs=1e-3)
    assert m["raw_mse"] > 40
    assert m["std_mse_gap"] < 1e-6


@pytest.mark.parametrize("setting, name, epoch", [("lr_raw", "raw_mse", 8), ("lr_std", "std_mse", 24)])
def test_the_page_s_too_large_learning_rates_stop_as_diverged(setting, name, epoch):
    text = page("gradient-descent", "Try this")
    value = settings(text)[setting]
    over = run_lesson("gradient-descent", {setting: value})
    mse = [v for _, v in over.curves[name]]
    assert all(b > a for a, b in zip(mse[1:], mse[2:])), name  # each step overshoots further
    assert over.status == "diverged" and over.message.startswith(f"{name} grew from")
    assert f"by step {epoch}, more than 1,000,000 times its first value" in over.message
    assert f"by epoch {epoch}" in text


def test_just_above_the_safe_limit_the_loss_grows_slowly_and_finishes():
    assert "`lr_std = 0.0052`" in page("gradient-descent", "Try this")
    slow = run_lesson("gradient-descent", {"lr_std": 0.0052})
    mse = [v for _, v in slow.curves["std_mse"]]
    assert slow.status == "finished" and round(mse[-1] / mse[0], -2) == 1600
    assert run_lesson("gradient-descent", {"lr_raw": 1e-8}).status == "diverged"


def test_goal_needs_a_tuned_learning_rate():
    slow = run_lesson("gradient-descent", {"b0": 5, "epochs": 3})
    assert slow.status == "finished" and not slow.goal_met
    tuned = run_lesson("gradient-descent", {"b0": 5, "epochs": 3, "lr_std": 0.0025})
    assert tuned.goal_met


@pytest.mark.parametrize("b0", [-20, 0, 4.9])
def test_goal_starts_at_b_5_exactly(b0):
    # the shortcut: any start below 5 used to count
    other = run_lesson("gradient-descent", {"b0": b0, "epochs": 3, "lr_std": 0.00255})
    assert other.metrics["std_mse_gap"] <= 0.001 and not other.goal_met
