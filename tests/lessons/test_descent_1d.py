"""descent-1d: gradient descent on loss(w) = w² + 3 (aiaioo ex 510)."""

import math

import pytest

from tests.conftest import run_lesson


def test_first_step_matches_the_course():
    result = run_lesson("descent-1d")
    assert result.status == "finished"
    table = result.figures["steps"]
    assert table.columns == ["step", "w", "loss", "gradient", "next w"]
    step, w, loss, grad, next_w = table.rows[0]
    assert (step, w, loss, grad) == (0, 2.0, 7.0, 4.0)
    assert next_w == pytest.approx(1.96, abs=1e-6)  # float32
    assert table.rows[1][2] == pytest.approx(6.8416, abs=1e-5)


def test_weight_after_92_updates_is_the_closed_form():
    result = run_lesson("descent-1d")
    w = dict(result.curves["w"])
    assert w[92.0] == pytest.approx(2 * 0.98**92, rel=1e-5)  # ≈ 0.312
    assert round(w[92.0], 3) == 0.312
    assert result.metrics["final_w"] == pytest.approx(2 * 0.98**100, rel=1e-5)


@pytest.mark.parametrize("start, lr, steps", [(2.0, 0.3, 10), (-3.0, 0.7, 7), (1.0, 0.05, 30)])
def test_every_run_follows_w_k_equals_w0_times_factor_to_the_k(start, lr, steps):
    m = run_lesson("descent-1d", {"start": start, "lr": lr, "steps": steps}).metrics
    assert m["final_w"] == pytest.approx(start * (1 - 2 * lr) ** steps, rel=1e-4, abs=1e-7)


def test_table_shows_first_steps_then_every_kth_and_the_last():
    steps = [r[0] for r in run_lesson("descent-1d").figures["steps"].rows]
    assert steps[:5] == [0, 1, 2, 3, 4]
    assert steps[-1] == 99
    assert 10 in steps and 50 in steps and len(steps) <= 20


def test_lr_above_one_diverges_through_the_runner():
    result = run_lesson("descent-1d", {"lr": 1.5})
    assert result.status == "diverged"
    assert "loss" in result.message
    last = result.figures["steps"].rows[-1]  # the table is shown anyway
    assert math.isinf(last[2])
    assert last[0] < 99  # it stopped early


def test_slightly_above_one_grows_and_diverges_given_enough_steps():
    short = run_lesson("descent-1d", {"lr": 1.1, "steps": 100})
    assert short.status == "finished" and short.metrics["abs_w"] > 1e8
    assert run_lesson("descent-1d", {"lr": 1.1, "steps": 300}).status == "diverged"


def test_lr_one_oscillates_forever():
    result = run_lesson("descent-1d", {"lr": 1.0, "steps": 101})
    ws = [w for _, w in result.curves["w"]]
    assert set(ws) == {2.0, -2.0}
    assert {loss for _, loss in result.curves["loss"]} == {7.0}
    assert result.metrics["final_w"] == -2.0


def test_goal_needs_a_good_learning_rate_within_50_steps():
    assert run_lesson("descent-1d").goal_met is False
    assert run_lesson("descent-1d", {"lr": 0.05, "steps": 50}).goal_met is False  # 2·0.9⁵⁰ ≈ 0.0103
    assert run_lesson("descent-1d", {"lr": 0.06, "steps": 50}).goal_met is True
    assert run_lesson("descent-1d", {"lr": 0.5, "steps": 1}).goal_met is True
    too_many = run_lesson("descent-1d", {"lr": 0.01, "steps": 400})
    assert too_many.metrics["abs_w"] < 0.01 and too_many.goal_met is False
