"""Lesson `tensors`: what a tensor is; making, indexing and reshaping one; NumPy interop."""

import random

from lessons.tensors import playground
from lessons.tensors.playground import (
    DTYPES,
    MAKERS,
    SHAPE_RULE,
    SIZES_RULE,
    args_code,
    make_line,
    parse_shape,
    parse_sizes,
)
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from

# Each operation: the lines it runs once A (and B) exist, and what they do.
OPERATIONS = {
    "show": (["A"], "A printed as it is: one pair of brackets per dimension."),
    "index": (["A[0]"], "A[0] picks entry 0 along dimension 0: the result has one dimension fewer."),
    "column": (
        ["A[:, 1]"],
        "A[:, 1] keeps all of dimension 0 (the colon) and picks position 1 of dimension 1.",
    ),
    "last": (["A[-1]"], "A[-1] counts from the end: the last entry along dimension 0."),
    "range": (
        ["A[0, 1:3]"],
        "A[0, 1:3] picks row 0, then keeps positions 1 and 2 (a slice stops before its end).",
    ),
    "reshape": (["A.reshape({to})"], "reshape pours the same numbers, in the same order, into a new shape."),
    "view": (["A.view({to})"], "view is reshape without a copy: the result shares A's memory."),
    "transpose-view": (
        ["A.transpose(0, 1).view({to})"],
        "A transpose swaps two dimensions without moving any numbers in memory.",
    ),
    "permute": (
        ["A.permute({to})"],
        "permute moves whole dimensions: `to` names, for each new position, "
        "the old dimension that goes there.",
    ),
    "squeeze": (["A.squeeze()"], "squeeze removes every dimension of size 1."),
    "unsqueeze": (["A.unsqueeze({dim})"], "unsqueeze adds a dimension of size 1 at position `dim`."),
    "stack": (
        ["torch.stack([A, B], dim={dim})"],
        "stack puts A and B side by side along a new dimension `dim`.",
    ),
    "cat": (
        ["torch.cat([A, B], dim={dim})"],
        "cat joins A and B end to end along the existing dimension `dim`.",
    ),
    "item": (["A.item()"], ".item() turns a one-element tensor into a plain Python number."),
    "to-numpy": (
        ["a = A.numpy()", "a.fill(7)", "A"],
        "A.numpy() shares memory with A: filling the array a also filled A (last line).",
    ),
    "from-numpy": (
        ["torch.from_numpy(np.ones(A.shape))"],
        "NumPy's default dtype is float64, and from_numpy keeps it.",
    ),
}


def session_lines(p, device):
    """The Python session for these params: make A (and B when used), then the operation."""
    code, meaning = OPERATIONS[p.operation]
    uses_b = any("B" in line for line in code)
    rng = random.Random(p.seed)  # values for make = "list"
    lines = [f"torch.manual_seed({p.seed})"] if p.make in ("randint", "rand") else []
    lines.append(make_line("A", p.make, parse_shape(p.shape_a, "shape_a"), p.dtype, rng))
    if uses_b:
        lines.append(make_line("B", p.make, parse_shape(p.shape_b, "shape_b"), p.dtype, rng))
    if device != "cpu":
        lines += [f"{t} = {t}.to({device!r})" for t in ("A", "B")[: 1 + uses_b]]
    to = args_code(parse_sizes(p.to, "to")) if any("{to}" in line for line in code) else ""
    lines += [line.format(to=to, dim=p.dim) for line in code]
    return lines, meaning, uses_b


def train(p, run):
    lines, meaning, uses_b = session_lines(p, run.device)
    session = playground.replay(lines)  # like the Python prompt: print values, stop at an error
    op_start = len(lines) - len(OPERATIONS[p.operation][0])
    playground.show(run, session, meaning, uses_b, op_start)
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
            MAKERS,
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
