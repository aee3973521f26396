"""backprop: forward and backward by hand for aiaioo ex 710–750, against the course's printed
values ("Reference results" rows 56–60) and against autograd; the course's dW2 shortcut."""

import pytest
import torch

from lessons.classification import backprop
from tests.conftest import run_lesson

# The course's printed values (4 decimals where it printed 4).
REFERENCE = {
    "710": {
        "c": [[30, 0]],
        "L": 30,
        "W": [[-10, 10], [20, -20]],
        "b": [1, -1],
        "W after": [[1.1, 1.9], [1.8, 1.2]],
        "b after": [-0.01, 0.01],
    },
    "720": {
        "c": [[4, 14]],
        "L": 10.0000,
        "W": [[-7.9996, 7.9996], [1.9999, -1.9999]],
        "W after": [[1.08, 1.92], [1.98, 1.02]],
        "b after": [0.01, -0.01],
    },
    "730": {
        "L": 20.0000,
        "W": [[-8.9998, 8.9998], [11.0000, -11.0000]],
        "W after": [[1.09, 1.91], [1.89, 1.11]],
    },
    "740": {
        "a": [[29, 29]],
        "c": [[121, 63]],
        "L": 58,
        "W2": [[29, -29], [29, -29]],
        "W1": [[-10, -10], [20, 20]],
        "b2": [1, -1],
        "b1": [1, 1],
    },
    "750": {
        "a": [[29, 29], [3, 3]],
        "c": [[121, 63], [17, 11]],
        "L": 29.0012,
        "W2": [[14.4963, -14.4963], [14.4963, -14.4963]],
        "W1": [[-5.0099, -5.0099], [10.0025, 10.0025]],
        "b2": [0.4988, -0.4988],
        "b1": [0.4988, 0.4988],
    },
}


def by_hand(example, course_dW2=False):
    f, y, weights = backprop.example_tensors(example)
    steps, grads, loss = backprop.by_hand(f, y, weights, course_dW2)
    return {name: value for name, _, value in steps}, grads, loss, weights


def close(value, reference):
    """Equal to the course's printed value at the precision it printed (4 decimals)."""
    return torch.allclose(
        torch.as_tensor(value, dtype=torch.float64),
        torch.tensor(reference, dtype=torch.float64),
        atol=5e-5,
        rtol=0,
    )


@pytest.mark.parametrize("example", list(REFERENCE))
def test_values_by_hand_match_the_course(example):
    ref = REFERENCE[example]
    values, grads, loss, weights = by_hand(example)
    assert close(loss, ref["L"])
    for name in ("a", "c"):
        if name in ref:
            assert close(values[name], ref[name]), name
    for name in ("W", "b", "W1", "b1", "W2", "b2"):
        if name in ref:
            assert close(grads[name], ref[name]), name
    for name in ("W", "b"):
        if f"{name} after" in ref:
            assert close(weights[name] - 0.01 * grads[name], ref[f"{name} after"]), name


def test_710_softmax_and_second_step():
    # softmax [1.0000e+00, 9.3576e-14]; a second pass gives W [[1.2, 1.8], [1.6, 1.4]], b [−0.02, 0.02]
    values, *_ = by_hand("710")
    assert values["p"][0, 1].item() == pytest.approx(9.3576e-14, rel=1e-4)
    result = run_lesson("backprop", {"example": "710", "passes": 2})
    last = result.figures["steps"].rows[-1]
    assert last[0] == "after step 2"
    assert last[2] == "W = [[1.2, 1.8], [1.6, 1.4]]; b = [-0.02, 0.02]"


def test_730_bias_gradient_is_exact_in_float64():
    # The course printed dL/db = [2.2709e-05, …] in float32; the exact value is
    # softmax([4, 14])[0] / 2 = 1 / (2 (1 + e¹⁰)) = 2.2699e-05.
    _, grads, _, _ = by_hand("730")
    exact = 1 / (2 * (1 + torch.exp(torch.tensor(10.0, dtype=torch.float64))))
    assert grads["b"][0].item() == pytest.approx(exact.item(), rel=1e-12)


def test_750_softmax_of_the_second_point():
    values, *_ = by_hand("750")
    assert close(values["p"][1], [9.9753e-01, 2.4726e-03])


@pytest.mark.parametrize("example", list(backprop.EXAMPLES))
def test_by_hand_equals_autograd(example):
    result = run_lesson("backprop", {"example": example})
    assert result.status == "finished", result.error
    assert result.metrics["max_abs_difference_manual_vs_autograd"] < 1e-9
    check = result.figures["check"]
    assert all(r[1] == r[2] for r in check.rows) and check.highlight == []


def test_step_through_table_shows_the_values():
    result = run_lesson("backprop", {"example": "750"})
    table = result.figures["steps"]
    assert table.reveal
    rows = {r[0]: r[2] for r in table.rows}
    assert rows["c"] == "[[121, 63], [17, 11]]"
    assert rows["L"] == "29.0012"
    assert rows["dL/dW2"] == rows["W2.grad"] == "[[14.4963, -14.4963], [14.4963, -14.4963]]"
    assert rows["dL/dW1"] == rows["W1.grad"] == "[[-5.00989, -5.00989], [10.0025, 10.0025]]"
    assert [r[0] for r in table.rows][:2] == ["f", "y"]
    assert result.goal_met is False  # running 750 is not enough: see the goal tests below


def test_course_dW2_shortcut_is_harmless_when_a_is_positive_and_wrong_otherwise():
    # 740 / 750: every a > 0, so a = relu(a) and the course's dW2 is right
    for example in ("740", "750"):
        _, right, _, _ = by_hand(example)
        _, course, _, _ = by_hand(example, course_dW2=True)
        assert torch.equal(right["W2"], course["W2"])
    # relu-cut: the second point has a = −13 in unit 2, so aᵀ·dL/dc ≠ hᵀ·dL/dc
    result = run_lesson("backprop", {"example": "relu-cut", "course_dW2": True})
    assert result.metrics["max_abs_difference_manual_vs_autograd"] > 0.1
    check = result.figures["check"]
    assert [check.rows[i][0] for i in check.highlight] == ["dL/dW2"]
    assert "dL/dW2 by hand does NOT equal autograd's" in check.summary
    values, *_ = by_hand("relu-cut")
    assert values["a"][1, 1].item() == -13 and values["h"][1, 1].item() == 0


READ_DA = "0.5 0.5; -0.00123631 -0.00123631"  # the dL/da row of 750, as the table prints it


def test_goal_needs_750():
    assert run_lesson("backprop", {"example": "740", "your_dL_da": READ_DA}).goal_met is False
    assert run_lesson(
        "backprop", {"example": "750", "course_dW2": True, "your_dL_da": READ_DA}
    ).goal_met  # harmless in 750


@pytest.mark.parametrize("typed", [None, "0.5 0.5; 0 0", "-5.0099 -5.0099; 10.0025 10.0025"])
def test_goal_needs_the_dL_da_row_read_from_the_step_table(typed):
    # shortcuts: running 750 without stepping through, a guess, dL/dW1 (also in the check tab)
    result = run_lesson("backprop", {"example": "750", **({"your_dL_da": typed} if typed else {})})
    assert result.status == "finished" and result.goal_met is False
    assert result.metrics["your_dL_da_error"] > 1e-6


def test_dL_da_row_is_what_the_goal_checks():
    result = run_lesson("backprop", {"example": "750", "your_dL_da": READ_DA})
    rows = {r[0]: r[2] for r in result.figures["steps"].rows}
    assert rows["dL/da"] == "[[0.5, 0.5], [-0.00123631, -0.00123631]]"
    assert "dL/da" not in [r[0] for r in result.figures["check"].rows]  # only in the step table
    assert result.metrics["your_dL_da_error"] < 1e-8 and result.goal_met
