"""affine-layer: y = xW + b worked out, nn.Linear's transposed weight (mistake switch), and the
geometric view: W rotates/scales/shears/flips, b moves, ReLU folds (aiaioo ex 210, Chollet §2.3.5)."""

import pytest
import torch

from lessons.tensors.geometry import describe
from tests.conftest import finished_run
from tutor.course import catalogue
from tutor.figures import Plot, Text


def run(**overrides):
    return finished_run("affine-layer", overrides)


def test_aiaioo_210_reference():
    # [1, 2]·[[3, 7], [4, 1]] + [0.5, 0.3] = [11.5, 9.3] (det; float32)
    result = run()
    assert result.metrics["y1"] == 11.5
    assert result.metrics["y2"] == pytest.approx(9.3, abs=1e-6)
    table = result.figures["example"]
    assert table.rows[0][:2] == ["y1", "1·3 + 2·4 + 0.5"]
    assert table.rows[1][:2] == ["y2", "1·7 + 2·1 + 0.3"]
    assert "y = xW + b = [11.5, 9.3]" in table.summary


def test_aiaioo_210_exercise():
    # [1, 2, 3]·[[3, 7], [4, 1], [1, 2]] + [0.5, 0.3]: 3 + 8 + 3 + 0.5 = 14.5 and 7 + 2 + 6 + 0.3 = 15.3.
    # (reference/seed-courses.md §2.2 and the brief say [15.5, 15.3]; the first entry is an
    # arithmetic slip there: W's first column is 3, 4, 1.)
    result = run(x="1 2 3", W="3 7; 4 1; 1 2")
    assert result.metrics["y1"] == 14.5
    assert result.metrics["y2"] == pytest.approx(15.3, abs=1e-6)
    assert isinstance(result.figures["space"], Text)  # no picture for a 3×2 W


def test_nn_linear_agrees_when_given_w_transposed():
    for overrides in ({}, {"x": "1 2 3", "W": "3 7; 4 1; 1 2"}, {"x": "1 2; -3 4"}):
        result = run(**overrides)
        assert result.metrics["linear_matches"] == 1
        assert result.figures["example"].rows[-1][2].endswith(": the same")


def test_mistake_forget_transpose():
    result = run(forget_transpose=True)
    assert result.metrics["linear_matches"] == 0
    assert result.figures["example"].rows[-1][2] == "[17.5, 6.3]: NOT the same as xW + b"
    assert any("needs W.T" in note for note in result.notes)
    # with a 3×2 W the copy into a (2, 3) weight fails outright
    result = run(forget_transpose=True, x="1 2 3", W="3 7; 4 1; 1 2")
    assert (
        "failed: The size of tensor a (3) must match the size of tensor b (2)"
        in result.figures["example"].rows[-1][2]
    )


def test_shape_error_is_shown():
    result = run(x="1 2 3")
    figure = result.figures["example"]
    assert figure.style == "error"
    assert "mat1 and mat2 shapes cannot be multiplied (1x3 and 2x2)" in figure.text
    assert result.metrics == {"ok": 0}


@pytest.mark.parametrize(
    "W, kind, words",
    [
        ("1 0; 0 1", "identity", "leaves every point where it is"),
        ("0 1; -1 0", "rotation", "rotates by 90° anticlockwise"),
        ("0 -1; 1 0", "rotation", "rotates by 90° clockwise"),
        ("2 0; 0 0.5", "scaling", "scales x by 2 and y by 0.5"),
        ("1 0; 1 1", "shear", "shears: x moves by 1·y"),
        ("-1 0; 0 1", "reflection", "x -> -x"),
        ("0 1; 1 0", "reflection", "reflects across the line at 45°"),
        ("1 2; 2 4", "collapse", "onto a line"),
        ("3 7; 4 1", "general", "flips the plane over"),
    ],
)
def test_geometry_named_from_w(W, kind, words):
    result = run(W=W, b="0 0")
    assert result.metrics["kind"] == kind
    assert words in result.figures["space"].summary


def test_rotation_moves_points_as_described():
    # (1, 0) lands on W's first row: a quarter turn anticlockwise takes it to (0, 1)
    W = torch.tensor([[0.0, 1.0], [-1.0, 0.0]])
    assert torch.equal(torch.tensor([[1.0, 0.0]]) @ W, torch.tensor([[0.0, 1.0]]))
    assert describe(W) == ("rotation", "rotates by 90° anticlockwise")


def test_translation_by_b():
    result = run(W="1 0; 0 1", b="2 -1")
    plot = result.figures["space"]
    before, after = (next(s for s in plot.series if s.name == n) for n in ("F before", "F after"))
    assert all(xa == pytest.approx(xb + 2) for xa, xb in zip(after.x, before.x))
    assert all(ya == pytest.approx(yb - 1) for ya, yb in zip(after.y, before.y))
    assert "b then moves everything by (2, -1)" in plot.summary


def test_relu_folds_points_with_a_negative_coordinate():
    # the grid is 11 × 11 points from -1 to 1; 6 × 6 of them have no negative coordinate
    result = run(W="1 0; 0 1", b="0 0", relu=True)
    assert result.metrics["folded"] == 121 - 36
    assert (
        "ReLU folded 85 of 121 grid points onto an axis (25 onto the origin)"
        in result.figures["space"].summary
    )
    grid = next(s for s in result.figures["space"].series if s.name == "grid after")
    assert min(grid.x) == 0 and min(grid.y) == 0
    assert "folded" not in run(W="1 0; 0 1", b="0 0").metrics


def test_goal_target():
    lesson = catalogue().get("affine-layer").load()
    assert not run().goal_met
    solved = run(**lesson.solution)
    assert solved.goal_met and solved.metrics["target_error"] == 0
    assert not run(W="0 -2; 2 0", b="3 0").goal_met  # clockwise: wrong way round
    assert isinstance(solved.figures["space"], Plot)


def test_quiz_answers_agree_with_torch():
    quizzes = {q.id: q for q in catalogue().get("affine-layer").load().quizzes}
    b = torch.tensor([0.5, 0.3])
    y = torch.tensor([2.0, 0.0]) @ torch.tensor([[3.0, 7.0], [4.0, 1.0]]) + b
    assert quizzes["first-output"].check(y[0].item())[0]
    y = torch.tensor([1.0, 2.0, 3.0]) @ torch.tensor([[3.0, 7.0], [4.0, 1.0], [1.0, 2.0]]) + b
    assert quizzes["exercise"].check(y[0].item())[0]
    q = quizzes["weight-shape"]
    assert q.options[q.answer] == str(tuple(torch.nn.Linear(784, 512).weight.shape))
