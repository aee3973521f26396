"""tensors: build a tensor, apply an operation, see the result or PyTorch's exact error
(aiaioo ex 110, learnpytorch 00, Chollet §2.2)."""

import pytest
import torch

from lessons.tensors import playground
from lessons.tensors.rules import RULES, explain_error
from tests.conftest import finished_run, run_lesson
from tutor.course import ParamError, catalogue


def run(**overrides):
    return finished_run("tensors", overrides)


def session_text(result):
    return result.figures["result"].text


def assert_error(result, phrase):
    """The run shows PyTorch's own message, styled as an error, and names the rule broken."""
    figure = result.figures["result"]
    assert figure.style == "error"
    assert phrase in figure.text and phrase in figure.summary
    assert result.metrics["ok"] == 0 and phrase in result.metrics["error"]
    rule = result.figures["rule"].text
    assert rule.startswith(explain_error(phrase)) and not rule.startswith("Read the last line")


def test_default_shows_a_2x3_tensor_written_as_nested_lists():
    result = run()
    text = session_text(result)
    assert ">>> A = torch.tensor([[" in text and "dtype=torch.float32)" in text
    assert result.metrics == {
        "ok": 1,
        "a_shape": "(2, 3)",
        "b_shape": "none",
        "result_shape": "(2, 3)",
        "result_dtype": "torch.float32",
    }
    table = result.figures["shapes"]
    assert table.columns == ["tensor", "shape", "ndim", "dtype", "device", "numel"]
    assert table.rows[0] == ["A", "(2, 3)", 2, "torch.float32", "cpu", 6]


def test_the_printout_is_the_real_value():
    # The literal list the session shows, rebuilt here, gives the tensor it printed.
    text = session_text(run(seed=3))
    line = next(ln for ln in text.splitlines() if ln.startswith(">>> A = "))
    A = eval(line.removeprefix(">>> A = "), {"torch": torch})
    assert repr(A) in text


def test_manual_seed_42_gives_learnpytorch_first_row():
    # learnpytorch 00: torch.manual_seed(42); torch.rand(3, 4) starts 0.8823, 0.9150, 0.3829, 0.9593
    text = session_text(run(make="rand", seed=42, shape_a="3,4"))
    assert ">>> torch.manual_seed(42)" in text
    assert "tensor([[0.8823, 0.9150, 0.3829, 0.9593]," in text
    assert session_text(run(make="rand", seed=42, shape_a="3,4")) == text  # repeats exactly


@pytest.mark.parametrize(
    "make, shape, first",
    [
        ("zeros", "2,2", "tensor([[0., 0.],"),
        ("ones", "3", "tensor([1., 1., 1.])"),
        ("arange", "2,3", "tensor([[1., 2., 3.],"),
        ("arange", "", "tensor(1.)"),
    ],
)
def test_creation(make, shape, first):
    assert first in session_text(run(make=make, shape_a=shape))


@pytest.mark.parametrize(
    "operation, shape, to, dim, want",
    [
        ("index", "2,3", "3,2", 0, "(3,)"),
        ("column", "2,3", "3,2", 0, "(2,)"),
        ("last", "4,2", "3,2", 0, "(2,)"),
        ("range", "2,4", "3,2", 0, "(2,)"),
        ("reshape", "2,3", "3,2", 0, "(3, 2)"),
        ("reshape", "2,3", "-1", 0, "(6,)"),
        ("view", "2,3", "6,1", 0, "(6, 1)"),
        ("permute", "2,4,3", "2,0,1", 0, "(3, 2, 4)"),
        ("squeeze", "4,1,3", "3,2", 0, "(4, 3)"),
        ("unsqueeze", "2,3", "3,2", 1, "(2, 1, 3)"),
        ("stack", "2,3", "3,2", 0, "(2, 2, 3)"),
        ("cat", "2,3", "3,2", 1, "(2, 6)"),
    ],
)
def test_shapes_of_results(operation, shape, to, dim, want):
    result = run(operation=operation, shape_a=shape, shape_b=shape, to=to, dim=dim)
    assert result.metrics["result_shape"] == want
    assert result.figures["shapes"].rows[-1][:2] == ["result", want]


def test_item_of_a_scalar_is_a_python_number():
    result = run(operation="item", shape_a="", make="arange")
    assert result.metrics["result_dtype"] == "float" and "\n1.0" in session_text(result)


@pytest.mark.parametrize(
    "overrides, phrase",
    [
        ({"operation": "reshape", "to": "4,2"}, "shape '[4, 2]' is invalid for input of size 6"),
        (
            {"operation": "transpose-view", "to": "6"},
            "view size is not compatible with input tensor's size and stride",
        ),
        (
            {"operation": "permute", "to": "1,0,2"},
            "does not match the length of the desired ordering of dimensions",
        ),
        ({"operation": "stack", "shape_b": "3,2"}, "stack expects each tensor to be equal size"),
        ({"operation": "cat", "shape_b": "3", "dim": 0}, "Tensors must have same number of dimensions"),
        ({"operation": "unsqueeze", "dim": 4}, "Dimension out of range"),
        ({"operation": "item"}, "a Tensor with 6 elements cannot be converted to Scalar"),
        ({"operation": "index", "shape_a": ""}, "invalid index of a 0-dim tensor"),
        ({"operation": "column", "shape_a": "3"}, "too many indices for tensor of dimension 1"),
        ({"make": "rand", "dtype": "int64"}, "not implemented for 'Long'"),
    ],
)
def test_exact_pytorch_errors(overrides, phrase):
    assert_error(run(**overrides), phrase)


def test_error_in_creation_names_the_line_that_failed():
    result = run(make="arange", dtype="bool")
    assert result.figures["result"].summary.startswith("A = torch.arange(1, 7, dtype=torch.bool)")
    assert result.metrics["a_shape"] == "none"


def test_numpy_shares_memory():
    text = session_text(run(operation="to-numpy", make="arange"))
    assert text.endswith(">>> A\ntensor([[7., 7., 7.],\n        [7., 7., 7.]])")


def test_from_numpy_keeps_float64():
    assert run(operation="from-numpy").metrics["result_dtype"] == "torch.float64"


def test_goal_needs_permute_not_reshape():
    lesson = catalogue().get("tensors").load()
    reshaped = run(shape_a="2,4,3", operation="reshape", to="3,2,4")
    assert reshaped.metrics["result_shape"] == "(3, 2, 4)" and not reshaped.goal_met
    transposed = run(shape_a="2,4,3", operation="permute", to="2,1,0")  # (3, 4, 2): wrong order
    assert not transposed.goal_met
    assert run(**lesson.solution).goal_met


def test_bad_shape_text_is_refused_with_what_is_allowed():
    # refused while resolving params: before any run, in the form and on the command line
    with pytest.raises(ParamError) as caught:
        run_lesson("tensors", {"shape_a": "2,x"})
    assert "shape_a: '2,x' is not allowed" in str(caught.value)
    assert "sizes separated by commas" in str(caught.value)


@pytest.mark.parametrize("text, shape", [("2,3", (2, 3)), ("(3,)", (3,)), ("", ()), ("2 x 3", (2, 3))])
def test_parse_shape(text, shape):
    assert playground.parse_shape(text, "s") == shape


def test_every_rule_phrase_is_distinct():
    phrases = [p for p, _ in RULES]
    assert len(set(phrases)) == len(phrases)


def test_quiz_answers_agree_with_torch():
    quizzes = {q.id: q for q in catalogue().get("tensors").load().quizzes}

    def shape(t):
        return str(tuple(t.shape))

    def answer(id):
        return quizzes[id].options[quizzes[id].answer]

    assert answer("shape-of-list") == shape(torch.tensor([[1, 2, 3], [4, 5, 6]]))
    assert quizzes["ndim-of-image"].answer == torch.zeros(2, 4, 3).ndim
    assert answer("default-dtype") == str(torch.rand(2, 3).dtype).removeprefix("torch.")
    assert answer("column-shape") == shape(torch.zeros(3, 4)[:, 1])
    assert answer("squeeze-shape") == shape(torch.zeros(4, 1, 3).squeeze())
    assert quizzes["stack-numel"].answer == torch.stack([torch.zeros(2, 3)] * 2).numel()


def test_session_moves_tensors_to_the_run_device():
    from lessons.tensors import tensors
    from tutor.course import Params

    lesson = catalogue().get("tensors").load()
    p = Params(lesson.resolve({"operation": "stack"}))
    steps, _, uses_b = tensors.session_steps(p, "cuda")
    lines = [line for step in steps for line in step.lines()]
    assert uses_b and lines[-3:] == ["A = A.to('cuda')", "B = B.to('cuda')", "torch.stack([A, B], dim=0)"]
    steps, _, _ = tensors.session_steps(p, "cpu")
    lines = [line for step in steps for line in step.lines()]
    assert not any(".to(" in line for line in lines)


def test_every_break_it_setting_on_the_last_page_raises_and_transpose_view_works_as_said():
    from tests.lessons.pages import bullets, page, settings

    text = page("tensors", "Your turn").split("break things on purpose")[1]
    items = bullets(text)
    assert len(items) == 5
    for item in items:
        claim, _, aside = item.partition("(With")
        assert run(**settings(claim)).metrics["ok"] == 0, item
    # the aside: `to = 3,2` is the transposed shape itself, which view reads in place
    assert "(With `to = 3,2` it works" in text
    assert run(operation="transpose-view", to="3,2").metrics["result_shape"] == "(3, 2)"
