"""Lesson `tensor-ops`: element-wise ops, broadcasting, the matrix product and its two rules,
and a timed race of Python loops against one vectorised call."""

import time

import torch

from lessons.tensors import playground
from lessons.tensors.playground import DTYPES, SHAPE_RULE, making, parse_shape, seeded, to_device
from lessons.tensors.rules import broadcast_diagram, matmul_diagram
from lessons.tensors.transcript import Ref, Step, replay
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Bars
from tutor.formatting import number

# The operations, one line of PyTorch each on A and B. The session shows each one's
# code and what it returned.


def add(A, B):
    """Element-wise: each entry of A plus the matching entry of B."""
    return A + B


def multiply(A, B):
    """Element-wise: each entry of A times the matching entry of B."""
    return A * B


def matmul(A, B):
    """Matrix product: each result entry is a row of A times a column of B, summed."""
    return A @ B


def matmul_transposed(A, B):
    """B.T swaps B's rows and columns, then the matrix product."""
    return A @ B.T


def dot(A, B):
    """Dot product of two vectors: multiply entry by entry, then sum."""
    return torch.dot(A, B)


def mean(A):
    """The average of all entries of A."""
    return A.mean()


def reshape_like(A, B):
    """A's numbers, in order, poured into B's shape."""
    return A.reshape(B.shape)


def transpose(A):
    """A.T swaps rows and columns: entry (i, j) moves to (j, i)."""
    return A.T


OPERATIONS = {
    "add": add,
    "multiply": multiply,
    "matmul": matmul,
    "matmul-transposed": matmul_transposed,
    "dot": dot,
    "mean": mean,
    "reshape": reshape_like,
    "transpose": transpose,
}


def explain(operation, a, b):
    """What an operation does, worked through for the shapes a and b."""
    text = playground.meaning(OPERATIONS[operation])
    if operation in ("add", "multiply"):
        return f"{text}\n{broadcast_diagram(a, b)}"
    if operation == "matmul":
        return f"{text}\n{matmul_diagram(a, b)}"
    if operation == "matmul-transposed":
        return f"{text}\n{matmul_diagram(a, b[::-1], right='B.T')}"
    return text


# The race: Chollet's naive loops, one number at a time, against one vectorised call.
def naive_relu(x):
    x = x.clone()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] = max(x[i, j], 0)
    return x


def naive_add(x, y):
    x = x.clone()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] += y[i, j]
    return x


def naive_matmul(x, y):
    z = torch.zeros(x.shape[0], y.shape[1])
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            for k in range(x.shape[1]):
                z[i, j] += x[i, k] * y[k, j]
    return z


RACES = ("relu", "add", "matmul")


def racers(race):
    """The two functions that race: Python loops, and one torch call."""
    return {
        "relu": (naive_relu, torch.relu),
        "add": (naive_add, torch.add),
        "matmul": (naive_matmul, torch.matmul),
    }[race]


def row_by_row(naive, check, race):
    """naive on one row of x at a time (and of y, for add: matmul needs all of y), with
    check() between rows: the same numbers, and a Stop lands within a row. (Stop ends a run
    at its next nn.Module call or run.epochs step; these loops make neither.)"""

    def each_row(x, y=None):
        rows = []
        for i in range(x.shape[0]):
            check()
            if y is None:
                rows.append(naive(x[i : i + 1]))
            else:
                rows.append(naive(x[i : i + 1], y[i : i + 1] if race == "add" else y))
        return torch.cat(rows)

    each_row.__name__ = naive.__name__
    return each_row


def best_time(fn, *args, repeat=1):
    """The fastest of `repeat` calls, in seconds, and the result."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def race(p, run):
    torch.manual_seed(p.seed)
    x, y = torch.randn(p.race_size, p.race_size), torch.randn(p.race_size, p.race_size)
    args = (x,) if p.race == "relu" else (x, y)
    naive, vectorised = racers(p.race)
    naive_s, slow = best_time(row_by_row(naive, run.check, p.race), *args)
    fast_s, fast = best_time(vectorised, *args, repeat=20)
    same = torch.allclose(slow, fast, atol=1e-4)
    speedup = naive_s / fast_s
    run.show(
        "race",
        Bars(
            [f"Python loops ({naive.__name__})", f"torch.{p.race}"],
            [naive_s, fast_s],
            unit="seconds",
            log=True,
            summary=f"on {p.race_size}×{p.race_size} tensors torch.{p.race} took "
            f"{number(fast_s * 1e6)} µs and the Python loops {number(naive_s)} s: "
            f"{number(speedup)}× faster; same result: {'yes' if same else 'no'}",
        ),
    )
    return {
        "naive_seconds": naive_s,
        "vectorised_seconds": fast_s,
        "speedup": speedup,
        "same_result": int(same),
    }


def session_steps(p, device):
    """The session for these params: make A and B, move them to the run's device, then the
    operation."""
    dtype_b = p.dtype if p.dtype_b == "same" else p.dtype_b
    steps = [Step(seeded, {"seed": p.seed})] if p.values == "randint" else []
    steps += [
        making("A", p.values, parse_shape(p.shape_a, "shape_a"), p.dtype),
        making("B", p.values, parse_shape(p.shape_b, "shape_b"), dtype_b),
    ]
    if device != "cpu":
        steps += [Step(to_device, {"tensor": Ref(t), "device": device}, t) for t in ("A", "B")]
    return steps + [Step.picking(OPERATIONS[p.operation], {"A": Ref("A"), "B": Ref("B")})]


def train(p, run):
    steps = session_steps(p, run.device)
    session = replay(steps)  # each step's code and what it returned, or the error
    meaning = explain(p.operation, parse_shape(p.shape_a, "shape_a"), parse_shape(p.shape_b, "shape_b"))
    playground.show(run, session, meaning)
    return {**playground.metrics(session), **race(p, run)}


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "values",
            "arange",
            ["arange", "randint", "ones"],
            help="how A and B are filled: 1, 2, 3, … (arange), random 0–9 (randint), or ones",
        ),
        Param.text(
            "shape_a",
            "3,2",
            max_len=20,
            check=lambda t: parse_shape(t, "shape_a"),
            describe=SHAPE_RULE,
            help="shape of A: sizes separated by commas, e.g. 3,2",
        ),
        Param.text(
            "shape_b",
            "3,2",
            max_len=20,
            check=lambda t: parse_shape(t, "shape_b"),
            describe=SHAPE_RULE,
            help="shape of B: sizes separated by commas, e.g. 2,4",
        ),
        Param.choice("operation", "matmul", list(OPERATIONS), help="what to compute from A and B"),
        Param.choice("dtype", "float32", DTYPES, help="dtype of A"),
        Param.choice("dtype_b", "same", ["same"] + DTYPES, help="dtype of B ('same' as A)"),
        Param.choice(
            "race", "matmul", list(RACES), help="the operation raced: Python loops vs one torch call"
        ),
        Param.int(
            "race_size",
            32,
            lo=2,
            hi=64,
            help="race tensors are n×n; the matmul loops take n³ steps (32: under 1 s, 64: about 5 s)",
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the random values"),
    ],
    train=train,
    charts=[
        Chart.figure("result", title="Python session"),
        Chart.figure("rule", title="The rule"),
        Chart.figure("shapes", title="Shape, dtype, device"),
        Chart.figure("race", title="Race: Python loops vs vectorised"),
    ],
    goal=Goal(
        "Keep A at shape (3, 2) and make the matrix product of A and B a (3, 4) matrix",
        require={"a_shape": ("==", "(3, 2)"), "result_shape": ("==", "(3, 4)")},
        limits={"operation": ("in", ("matmul", "matmul-transposed"))},
        hints=[
            "Rule 1: in A @ B the inner sizes must match: A's last size (2) and B's first.",
            "Rule 2: the result takes the outer sizes: A's rows (3) and B's columns. "
            "So B needs 2 rows and 4 columns.",
            "shape_b = 2,4 with operation matmul (or shape_b = 4,2 with matmul-transposed).",
        ],
    ),
    solution={"shape_b": "2,4", "operation": "matmul"},
    quick={"race_size": 4},
    quizzes=[
        Quiz.choice(
            "broadcast-fits",
            page=1,
            question="Which shape can be added to a (2, 3) tensor?",
            options=["(2,)", "(3,)", "(3, 2)", "(2, 3, 2)"],
            answer=1,
            explain="Lined up from the right, 3 matches 3 and the missing dimension is repeated; "
            "(2,) would meet 3 in the last position.",
            why={
                0: "Shapes are lined up from the right: the 2 would meet the 3 of (2, 3), and 2 ≠ 3.",
                2: "Lined up from the right, 2 meets 3 and 3 meets 2: neither pair is equal or 1.",
                3: "Lined up from the right, its last 2 meets the 3 of (2, 3).",
            },
        ),
        Quiz.number(
            "dot-value",
            page=2,
            question="What is torch.tensor([1, 2, 3]) @ torch.tensor([1, 2, 3])?",
            answer=14,
            explain="1·1 + 2·2 + 3·3 = 14; the element-wise * gives [1, 4, 9] instead.",
            nudge="@ on two vectors multiplies matching entries and adds the products up.",
        ),
        Quiz.choice(
            "matmul-shape",
            page=2,
            question="A is (5, 3) and B is (3, 2). What is the shape of A @ B?",
            options=["(5, 2)", "(3, 3)", "(2, 5)", "an error"],
            answer=0,
            explain="The inner 3s match and the result takes the outer sizes: (5, 2).",
            why={
                1: "The inner sizes, the 3s, are summed over and disappear.",
                2: "The result keeps the rows of A and the columns of B, in that order.",
                3: "The inner sizes are both 3, so the product is defined.",
            },
        ),
        Quiz.choice(
            "matmul-fix",
            page=3,
            question="A and B are both (3, 2). Which works?",
            options=["A @ B", "A @ B.T", "A.T @ B.T", "none of them"],
            answer=1,
            explain="B.T is (2, 3), so (3, 2) @ (2, 3) gives (3, 3). A.T @ B.T would be (2, 3) @ (2, 3).",
            why={
                0: "(3, 2) @ (3, 2): the inner sizes 2 and 3 differ.",
                2: "A.T and B.T are both (2, 3): the inner sizes 3 and 2 differ.",
                3: "Try transposing just one of the two: one line makes the inner sizes match.",
            },
        ),
    ],
)
