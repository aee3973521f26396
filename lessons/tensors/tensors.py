"""Lesson `tensors`: what a tensor is; making, indexing and reshaping one; NumPy interop."""

import inspect
import random

import numpy as np
import torch

from lessons.tensors import playground
from lessons.tensors.playground import (
    DTYPES,
    MAKERS,
    SHAPE_RULE,
    SIZES_RULE,
    making,
    parse_shape,
    parse_sizes,
    seeded,
    to_device,
)
from lessons.tensors.transcript import Ref, Step, replay
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from

# The operations, one idea each, on A (and B). The session shows each one's code
# with your values written in, and what it returned.


def whole(A):
    """A printed as it is: one pair of brackets per dimension."""
    return A


def first(A):
    """A[0] picks entry 0 along dimension 0: the result has one dimension fewer."""
    return A[0]


def column(A):
    """A[:, 1] keeps all of dimension 0 (the colon) and picks position 1 of dimension 1."""
    return A[:, 1]


def last(A):
    """A[-1] counts from the end: the last entry along dimension 0."""
    return A[-1]


def part_of_row(A):
    """A[0, 1:3] picks row 0, then keeps positions 1 and 2 (a slice stops before its end)."""
    return A[0, 1:3]


def reshape(A, shape):
    """reshape pours the same numbers, in the same order, into a new shape."""
    return A.reshape(*shape)


def view(A, shape):
    """view is reshape without a copy: the result shares A's memory."""
    return A.view(*shape)


def transpose_then_view(A, shape):
    """A transpose swaps two dimensions without moving any numbers in memory."""
    return A.transpose(0, 1).view(*shape)


def permute(A, dims):
    """permute moves whole dimensions: `to` names, for each new position, the old dimension
    that goes there."""
    return A.permute(*dims)


def squeeze(A):
    """squeeze removes every dimension of size 1."""
    return A.squeeze()


def unsqueeze(A, dim):
    """unsqueeze adds a dimension of size 1 at position `dim`."""
    return A.unsqueeze(dim)


def stack(A, B, dim):
    """stack puts A and B side by side along a new dimension `dim`."""
    return torch.stack([A, B], dim=dim)


def cat(A, B, dim):
    """cat joins A and B end to end along the existing dimension `dim`."""
    return torch.cat([A, B], dim=dim)


def item(A):
    """.item() turns a one-element tensor into a plain Python number."""
    return A.item()


def to_numpy(A):
    """A.numpy() shares memory with A: filling the array a also filled A (last line)."""
    a = A.numpy()
    a.fill(7)
    return A


def from_numpy(A):
    """NumPy's default dtype is float64, and from_numpy keeps it."""
    return torch.from_numpy(np.ones(A.shape))


OPERATIONS = {
    "show": whole,
    "index": first,
    "column": column,
    "last": last,
    "range": part_of_row,
    "reshape": reshape,
    "view": view,
    "transpose-view": transpose_then_view,
    "permute": permute,
    "squeeze": squeeze,
    "unsqueeze": unsqueeze,
    "stack": stack,
    "cat": cat,
    "item": item,
    "to-numpy": to_numpy,
    "from-numpy": from_numpy,
}


def session_steps(p, device):
    """The session for these params: make A (and B when the operation uses it), move them to
    the run's device, then the operation."""
    operation = OPERATIONS[p.operation]
    uses_b = "B" in inspect.signature(operation).parameters
    rng = random.Random(p.seed)  # values for make = "list"
    steps = [Step(seeded, {"seed": p.seed})] if p.make in ("randint", "rand") else []
    steps.append(making("A", p.make, parse_shape(p.shape_a, "shape_a"), p.dtype, rng))
    if uses_b:
        steps.append(making("B", p.make, parse_shape(p.shape_b, "shape_b"), p.dtype, rng))
    if device != "cpu":
        steps += [Step(to_device, {"tensor": Ref(t), "device": device}, t) for t in ("A", "B")[: 1 + uses_b]]
    to = parse_sizes(p.to, "to")
    available = {"A": Ref("A"), "B": Ref("B"), "shape": to, "dims": to, "dim": p.dim}
    steps.append(Step.picking(operation, available))
    return steps, playground.meaning(operation), uses_b


def train(p, run):
    steps, meaning, _ = session_steps(p, run.device)
    session = replay(steps)  # each step's code and what it returned, or the error
    playground.show(run, session, meaning)
    if p.make == "empty":
        run.note("torch.empty reserves memory without filling it: its values are whatever was there.")
    if p.make == "list":
        run.note(f"The numbers in the list were drawn at random with seed {p.seed}.")
    return playground.metrics(session)


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "make",
            "list",
            list(MAKERS),
            help="how A (and B) are created: from a list, randint, arange, zeros, ones, rand or empty",
        ),
        Param.text(
            "shape_a",
            "2,3",
            max_len=20,
            check=lambda t: parse_shape(t, "shape_a"),
            describe=SHAPE_RULE,
            help="shape of A: sizes separated by commas, e.g. 2,3; empty for a scalar",
        ),
        Param.choice("dtype", "float32", DTYPES, help="the kind of number stored in every cell"),
        Param.choice(
            "operation", "show", list(OPERATIONS), help="what to do with A (stack and cat also use B)"
        ),
        Param.text(
            "to",
            "3,2",
            max_len=30,
            check=lambda t: parse_sizes(t, "to"),
            describe=SIZES_RULE,
            help="new shape for reshape/view, or the order of dimensions for permute",
        ),
        Param.int("dim", 0, lo=-4, hi=4, help="the dimension for unsqueeze, stack and cat"),
        Param.text(
            "shape_b",
            "2,3",
            max_len=20,
            check=lambda t: parse_shape(t, "shape_b"),
            describe=SHAPE_RULE,
            help="shape of B, used by stack and cat",
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the random values"),
    ],
    train=train,
    charts=[
        Chart.figure("result", title="Python session"),
        Chart.figure("rule", title="What happened"),
        Chart.figure("shapes", title="Shape, dtype, device"),
    ],
    goal=Goal(
        "Channels first: turn an image tensor of shape (2, 4, 3) into (3, 2, 4) with permute",
        require={"a_shape": ("==", "(2, 4, 3)"), "result_shape": ("==", "(3, 2, 4)")},
        limits={"operation": ("==", "permute")},
        hints=[
            "reshape could give the shape (3, 2, 4) too, but it refills the same sequence "
            "of numbers and mixes pixels up; permute moves whole dimensions.",
            "Set shape_a to 2,4,3 and operation to permute. In `to`, write for each new "
            "position which old dimension goes there: colour is old dimension 2.",
            "to = 2,0,1: colour (old 2) first, then height (old 0), then width (old 1).",
        ],
    ),
    solution={"shape_a": "2,4,3", "operation": "permute", "to": "2,0,1"},
    quick={"operation": "reshape"},
    quizzes=[
        Quiz.choice(
            "shape-of-list",
            page=0,
            question="What is the shape of torch.tensor([[1, 2, 3], [4, 5, 6]])?",
            options=["(3, 2)", "(2, 3)", "(6,)", "(1, 2, 3)"],
            answer=1,
            explain="The outer list holds 2 lists of 3 numbers each: shape (2, 3).",
            why={
                0: "The first size counts the elements of the outer list: how many lists does it hold?",
                2: "The nesting is kept: a list of lists gives two dimensions, not one.",
                3: "There are two levels of brackets, so there are two dimensions.",
            },
        ),
        Quiz.number(
            "ndim-of-image",
            page=0,
            question="How many dimensions (ndim) does a tensor of shape (2, 4, 3) have?",
            answer=3,
            explain="ndim is the length of the shape: 3.",
            nudge="ndim counts the sizes in the shape, not the numbers in the tensor.",
        ),
        Quiz.choice(
            "default-dtype",
            page=1,
            question="What dtype does torch.rand(2, 3) have?",
            options=["float64", "float32", "int64", "bool"],
            answer=1,
            explain="float32 is PyTorch's default for fractions (NumPy's is float64).",
            why={
                0: "float64 is NumPy's default; PyTorch picks a smaller float unless told otherwise.",
                2: "torch.rand draws fractions between 0 and 1, which integers cannot hold.",
                3: "torch.rand draws random fractions, not true/false values.",
            },
        ),
        Quiz.choice(
            "column-shape",
            page=3,
            question="A has shape (3, 4). What is the shape of A[:, 1]?",
            options=["(3,)", "(4,)", "(3, 1)", "(1, 4)"],
            answer=0,
            explain="The colon keeps the 3 rows; the integer 1 picks one column and removes that dimension.",
            why={
                1: "The colon keeps the first dimension, the rows; the integer picks from the columns.",
                2: "Indexing with a plain integer removes that dimension; A[:, 1:2] would keep it as size 1.",
                3: "The colon keeps all the rows, and the integer picks from the columns, not the rows.",
            },
        ),
        Quiz.choice(
            "squeeze-shape",
            page=4,
            question="What is the shape of torch.zeros(4, 1, 3).squeeze()?",
            options=["(4, 1, 3)", "(4, 3)", "(12,)", "(1, 4, 3)"],
            answer=1,
            explain="squeeze drops the dimension of size 1.",
            why={
                0: "squeeze() changes the shape whenever there is a dimension of size 1 to remove.",
                2: "squeeze() only drops dimensions of size 1; flattening is reshape's job.",
                3: "squeeze() removes dimensions of size 1; adding one is unsqueeze's job.",
            },
        ),
        Quiz.number(
            "stack-numel",
            page=4,
            question="A and B both have shape (2, 3). How many numbers does torch.stack([A, B]) hold?",
            answer=12,
            explain="stack gives shape (2, 2, 3): 2 × 2 × 3 = 12 numbers.",
            nudge="stack adds a new first dimension of size 2: write out the new shape and "
            "multiply its sizes.",
        ),
        Quiz.choice(
            "numpy-shares",
            page=5,
            question="a = A.numpy(); a[0] = 100. What happens to A?",
            options=["Nothing: a is a copy", "A[0] becomes 100 too", "An error"],
            answer=1,
            explain="On the CPU, .numpy() shares memory with the tensor.",
            why={
                0: "Think about what .numpy() does with the memory on the CPU: it is "
                "built to be cheap even for a huge tensor.",
                2: "Writing into a NumPy array is allowed; the question is whether A sees the change.",
            },
        ),
    ],
)
