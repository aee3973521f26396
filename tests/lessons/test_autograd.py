"""autograd: the same fit with requires_grad / backward / no_grad / zero_ (parrt notebook 1)."""

import pytest

from tests.conftest import run_lesson


@pytest.fixture(scope="module")
def default():
    result = run_lesson("autograd")
    assert result.status == "finished", result.error
    return result


def test_hand_and_autograd_gradients_are_equal(default):
    assert default.metrics["grad_gap"] < 1e-6
    table = default.figures["gradients"]
    assert table.columns == ["epoch", "MSE", "dm by hand", "m.grad", "db by hand", "b.grad"]
    for _, _, hand_m, auto_m, hand_b, auto_b in table.rows:
        assert auto_m == pytest.approx(hand_m, rel=1e-6, abs=1e-9)
        assert auto_b == pytest.approx(hand_b, rel=1e-6, abs=1e-9)
    assert table.highlight == []


def test_ten_epochs_at_lr_0_3_reach_the_course_result(default):
    m = default.metrics
    assert round(m["mse"], 3) == 18.677
    assert round(m["mae"], 2) == 3.28
    assert m["slope"] == pytest.approx(-6.50, abs=0.01)
    assert m["intercept"] == pytest.approx(23.44, abs=0.01)
    assert m["ls_slope"] == pytest.approx(-6.495672, abs=1e-6)  # torch.std is unbiased


def test_slope_tends_to_the_unbiased_std_answer():
    m = run_lesson("autograd", {"epochs": 40}).metrics
    assert m["slope"] == pytest.approx(-6.495672, abs=1e-6)
    assert m["mse_gap"] < 1e-9


def test_forgetting_zero_grad_makes_gradients_pile_up_and_training_swing():
    result = run_lesson("autograd", {"forget_zero_grad": True})
    m = result.metrics
    assert m["grad_gap"] > 1
    assert m["mse"] > 50  # never settles at 18.68
    mse = [v for _, v in result.curves["mse"]]
    assert any(b > a for a, b in zip(mse, mse[1:]))  # the loss goes back up
    table = result.figures["gradients"]
    assert table.highlight and "sum" in table.summary
    first = table.rows[0]
    assert first[3] == pytest.approx(first[2])  # epoch 0: nothing piled up yet


def test_engine_size_exercise():
    m = run_lesson("autograd", {"feature": "displacement", "epochs": 40}).metrics
    assert m["ls_slope"] == pytest.approx(-6.2840, abs=1e-4)
    assert m["mse"] == pytest.approx(21.3745, abs=1e-4)


def test_goal_needs_a_faster_learning_rate():
    slow = run_lesson("autograd", {"feature": "displacement", "epochs": 5})
    assert not slow.goal_met
    assert run_lesson("autograd", {"feature": "displacement", "epochs": 5, "lr": 0.5}).goal_met
