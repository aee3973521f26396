"""tensor-ops: element-wise ops, broadcasting, the matrix product's two rules, the shape error
and its fix, and a measured race of Python loops against torch (learnpytorch 00, Chollet §2.3)."""

import pytest
import torch

from lessons.tensors import tensor_ops
from tests.conftest import finished_run, run_lesson
from tutor.course import catalogue

SMALL_RACE = {"race_size": 4}


def run(**overrides):
    return finished_run("tensor-ops", {**SMALL_RACE, **overrides})


def text(result):
    return result.figures["result"].text


def test_default_is_learnpytorch_shape_error():
    # learnpytorch 00: matmul of two (3, 2) tensors
    result = run_lesson("tensor-ops")
    figure = result.figures["result"]
    assert figure.style == "error"
    assert "RuntimeError: mat1 and mat2 shapes cannot be multiplied (3x2 and 3x2)" in figure.text
    assert result.metrics["ok"] == 0 and result.metrics["result_shape"] == "error"
    rule = result.figures["rule"].text
    assert "inner sizes must match" in rule and "A's last size is 2 and B's second-to-last size is 3" in rule
    assert not result.goal_met


def test_fix_with_transpose():
    # A = B = [[1, 2], [3, 4], [5, 6]]; A @ B.T worked out by hand
    result = run(operation="matmul-transposed", dtype="int64")
    assert ">>> A @ B.T" in text(result)
    assert repr(torch.tensor([[5, 11, 17], [11, 25, 39], [17, 39, 61]])) in text(result)
    assert result.metrics["result_shape"] == "(3, 3)"
    assert "rule 2: the result takes the outer sizes: (3, 3)." in result.figures["rule"].text


def test_elementwise_vs_matmul_of_1_2_3():
    # learnpytorch 00: [1, 2, 3] * [1, 2, 3] = tensor([1, 4, 9]); [1, 2, 3] @ [1, 2, 3] = tensor(14)
    same = {"shape_a": "3", "shape_b": "3", "dtype": "int64"}
    assert text(run(operation="multiply", **same)).endswith("tensor([1, 4, 9])")
    matmul = run(operation="matmul", **same)
    assert text(matmul).endswith("tensor(14)") and matmul.metrics["result_shape"] == "()"


def test_broadcasting_adds_a_row_vector_to_every_row():
    result = run(operation="add", shape_a="2,3", shape_b="3")
    assert text(result).endswith("tensor([[2., 4., 6.],\n        [5., 7., 9.]])")
    assert "B has no such dimension, so B is repeated 2 times" in result.figures["rule"].text


@pytest.mark.parametrize(
    "overrides, phrase",
    [
        (
            {"operation": "add", "shape_a": "2,3", "shape_b": "2"},
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1",
        ),
        ({"shape_b": "2,4", "dtype_b": "int64"}, "expected m1 and m2 to have the same dtype"),
        ({"operation": "mean", "dtype": "int64"}, "mean(): could not infer output dtype"),
        ({"operation": "dot"}, "1D tensors expected, but got 2D and 2D tensors"),
        ({"operation": "reshape", "shape_b": "4,2"}, "shape '[4, 2]' is invalid for input of size 6"),
        ({"shape_a": "3", "shape_b": "2"}, "inconsistent tensor size"),
    ],
)
def test_exact_pytorch_errors(overrides, phrase):
    result = run(**overrides)
    assert result.figures["result"].style == "error" and phrase in text(result)
    assert not result.figures["rule"].text.startswith("Read the last line")  # a rule was named


def test_reshape_and_transpose_differ():
    reshaped = text(run(operation="reshape", shape_b="2,3"))
    transposed = text(run(operation="transpose"))
    assert reshaped.endswith("tensor([[1., 2., 3.],\n        [4., 5., 6.]])")
    assert transposed.endswith("tensor([[1., 3., 5.],\n        [2., 4., 6.]])")


def test_goal_both_rules():
    lesson = catalogue().get("tensor-ops").load()
    assert run(**lesson.solution).goal_met
    assert run(shape_b="4,2", operation="matmul-transposed").goal_met
    assert not run(shape_b="2,3").goal_met  # works, but (3, 3)
    assert not run(shape_a="2,3", shape_b="3,4").goal_met  # A must stay (3, 2)


@pytest.mark.parametrize(
    "naive, fast, n_args",
    [
        (tensor_ops.naive_relu, torch.relu, 1),
        (tensor_ops.naive_add, torch.add, 2),
        (tensor_ops.naive_matmul, torch.matmul, 2),
    ],
)
def test_naive_loops_compute_the_same(naive, fast, n_args):
    torch.manual_seed(0)
    args = [torch.randn(5, 5) for _ in range(n_args)]
    assert torch.allclose(naive(*args), fast(*args), atol=1e-5)


def test_default_race_is_measured_and_vectorised_wins():
    result = run_lesson("tensor-ops")
    m, bars = result.metrics, result.figures["race"]
    assert bars.labels == ["Python loops (naive_matmul)", "torch.matmul"]
    assert bars.values == [m["naive_seconds"], m["vectorised_seconds"]]
    assert m["same_result"] == 1 and m["speedup"] >= 10
    assert f"{m['speedup']:,.0f}× faster" in bars.summary


def test_race_time_grows_with_size():
    small = run(race="matmul", race_size=6).metrics["naive_seconds"]
    large = run(race="matmul", race_size=24).metrics["naive_seconds"]  # 64 times the steps
    assert large > 5 * small


def test_quiz_answers_agree_with_torch():
    quizzes = {q.id: q for q in catalogue().get("tensor-ops").load().quizzes}
    a = torch.tensor([1, 2, 3])
    assert quizzes["dot-value"].answer == (a @ a).item()
    q = quizzes["matmul-shape"]
    assert q.options[q.answer] == str(tuple((torch.zeros(5, 3) @ torch.zeros(3, 2)).shape))
    q = quizzes["broadcast-fits"]
    fits = []
    for option in q.options:
        try:
            torch.zeros(2, 3) + torch.zeros(eval(option))
            fits.append(option)
        except RuntimeError:
            pass
    assert fits == [q.options[q.answer]]


def test_the_dtype_errors_the_page_names_come_from_its_settings():
    from tests.lessons.pages import page, settings

    text = page("tensor-ops", "When shapes don't fit").split("one dtype on both sides")[1]
    product, _, mean = text.partition("And `mean()`")
    assert "expected m1 and m2 to have the same dtype" in run(**settings(product)).metrics["error"]
    assert "mean(): could not infer output dtype" in run(**settings(mean)).metrics["error"]
    # with the default matmul the shape error comes first, as the page says
    assert "shapes cannot be multiplied" in run(dtype_b="int64").metrics["error"]
