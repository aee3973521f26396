"""The tensor lessons' sessions are real functions: the Code view shows them, and the transcript
is their code with the learner's values written in and what they returned (issue #14 item 8)."""

import pytest
import torch

from lessons.tensors import tensor_ops, tensors
from lessons.tensors.transcript import Ref, Step, replay
from tests.conftest import finished_run
from tutor.course import catalogue
from tutor.lesson_source import lesson_source


def prompt(transcript: str) -> str:
    """The transcript's lines typed at a Python prompt: what that prompt would print."""
    import numpy as np

    names, out = {"torch": torch, "np": np}, []
    for line in transcript.splitlines():
        if not line.startswith(">>> "):
            continue
        code = line.removeprefix(">>> ")
        out.append(line)
        try:
            try:
                value = eval(compile(code, "<prompt>", "eval"), names)
            except SyntaxError:
                value = exec(compile(code, "<prompt>", "exec"), names)
        except Exception as error:
            out.append(f"{type(error).__name__}: {error}")
            break
        if value is not None and not isinstance(value, torch.Generator):
            out.append(repr(value))
    return "\n".join(out)


CASES = (
    [("tensors", {"operation": op}) for op in tensors.OPERATIONS]
    + [
        ("tensors", {"operation": "permute", "shape_a": "2,4,3", "to": "2,0,1", "make": "rand", "seed": 7}),
        ("tensors", {"operation": "stack", "make": "randint", "dim": -1}),
        ("tensors", {"operation": "reshape", "to": "4,2"}),  # an error
        ("tensors", {"make": "rand", "dtype": "int64"}),  # an error while making A
    ]
    + [("tensor-ops", {"operation": op, "shape_b": "2,3", "race_size": 2}) for op in tensor_ops.OPERATIONS]
)


@pytest.mark.parametrize("lesson_id, overrides", CASES)
def test_the_transcript_typed_at_a_prompt_prints_what_the_lesson_printed(lesson_id, overrides):
    shown = finished_run(lesson_id, overrides).figures["result"].text
    assert shown == prompt(shown)


def test_each_operation_line_is_its_functions_code_with_the_values_written_in():
    text = finished_run("tensors", {"operation": "permute", "shape_a": "2,4,3", "to": "2,0,1"})
    assert text.figures["result"].text.splitlines()[1] == ">>> A.permute(2, 0, 1)"
    step = Step(tensors.stack, {"A": Ref("A"), "B": Ref("B"), "dim": -1})
    assert step.lines() == ["torch.stack([A, B], dim=-1)"]
    step = Step(tensors.to_numpy, {"A": Ref("A")}, name="C")
    assert step.lines() == ["a = A.numpy()", "a.fill(7)", "C = A"]


def test_a_failing_line_ends_the_session_there_with_pytorchs_message():
    def two_lines(A):
        B = A.reshape(4, 2)
        return B.sum()

    session = replay(
        [Step(tensors.whole, {"A": torch.ones(2, 3)}, name="A"), Step(two_lines, {"A": Ref("A")})]
    )
    assert session.transcript[-2:] == [
        ">>> B = A.reshape(4, 2)",
        "RuntimeError: shape '[4, 2]' is invalid for input of size 6",
    ]
    assert session.failed_step == 1 and session.lines[session.failed_at] == "B = A.reshape(4, 2)"


@pytest.mark.parametrize(
    "lesson_id, functions",
    [
        (
            "tensors",
            [
                "def column(A):\n",
                "    return A[:, 1]\n",
                "def permute(A, dims):\n",
                "def zeros(shape, dtype):\n",
            ],
        ),
        ("tensor-ops", ["def matmul(A, B):\n", "    return A @ B\n", "def matmul_transposed(A, B):\n"]),
    ],
)
def test_the_code_view_shows_the_tensor_functions_not_a_prompt_emulator(lesson_id, functions):
    source = lesson_source(catalogue().get(lesson_id).load())
    for function in functions:
        assert function in source, function
    for emulator in ("compile(", "eval(", ".format("):
        assert emulator not in source, emulator
    assert "# lessons.tensors.transcript (used by this lesson, not shown:" in source


def test_off_the_cpu_to_numpy_stops_at_its_first_line():
    # "meta" stands in for a GPU here: tensors there have no memory NumPy can share
    from tutor.course import Params

    p = Params(catalogue().get("tensors").load().resolve({"operation": "to-numpy"}))
    steps, _, _ = tensors.session_steps(p, "meta")
    session = replay(steps)
    assert session.transcript[-3:-1] == [">>> A = A.to('meta')", ">>> a = A.numpy()"]
    assert session.transcript[-1].startswith("TypeError: can't convert meta device type tensor to numpy")
    assert session.failed_step == len(steps) - 1
