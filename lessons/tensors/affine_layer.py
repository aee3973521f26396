"""Lesson `affine-layer`: a layer computes y = xW + b; seen as geometry, W rotates, scales,
shears or flips the plane, b moves it, and a ReLU folds it."""

import torch
from torch import nn

from lessons.tensors.geometry import describe
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Plot, Series, Table, Text
from tutor.formatting import number

# An "F" outline (it shows turns and mirror images) and a grid of points over the plane.
F_SHAPE = torch.tensor(
    [
        [0, 0],
        [0, 1.5],
        [1, 1.5],
        [1, 1.2],
        [0.3, 1.2],
        [0.3, 0.9],
        [0.8, 0.9],
        [0.8, 0.6],
        [0.3, 0.6],
        [0.3, 0],
        [0, 0],
    ]
)
TICKS = torch.arange(-5, 6) / 5  # -1, -0.8, …, 1 (with an exact 0)
GRID = torch.cartesian_prod(TICKS, TICKS)  # 121 points (x1, x2)

# The goal: the F a quarter turn anticlockwise, twice as big, 3 to the right.
TARGET = F_SHAPE @ torch.tensor([[0.0, 2.0], [-2.0, 0.0]]) + torch.tensor([3.0, 0.0])


def _vector(t):
    return "[" + ", ".join(number(v) for v in t.tolist()) + "]"


def worked_example(x, W, b, y):
    """One table row per output: the sum of products, the bias, the value."""
    rows = []
    for i, point in enumerate(x):
        for j in range(W.shape[1]):
            terms = " + ".join(
                f"{number(xk)}·{number(wk)}" for xk, wk in zip(point.tolist(), W[:, j].tolist())
            )
            name = f"y{j + 1}" if len(x) == 1 else f"row {i + 1}, y{j + 1}"
            rows.append([name, f"{terms} + {number(b[j].item())}", y[i, j].item()])
    return rows


def layer_as_nn_linear(x, W, b, forget_transpose):
    """The same layer with nn.Linear, which stores its weight as (outputs, inputs)."""
    layer = nn.Linear(W.shape[0], W.shape[1])
    with torch.no_grad():
        layer.weight.copy_(W if forget_transpose else W.T)  # the mistake: no transpose
        layer.bias.copy_(b)
        return layer(x)


def show_worked_example(run, x, W, b, y, out, p):
    """The table of sums, with nn.Linear's answer in the last row; True if nn.Linear agrees."""
    rows = worked_example(x, W, b, y)
    if p.relu:
        rows = [r + [v] for r, v in zip(rows, out.flatten().tolist())]
    weight = "W (mistake)" if p.forget_transpose else "W.T"
    try:
        y_linear = layer_as_nn_linear(x, W, b, p.forget_transpose)
        same = torch.allclose(y_linear, y)
        linear_says = f"{_vector(y_linear[0])}: {'the same' if same else 'NOT the same as xW + b'}"
    except RuntimeError as error:
        same, linear_says = False, f"failed: {error}"
    rows.append(
        [f"nn.Linear({W.shape[0]}, {W.shape[1]})", f"weight = {weight}, bias = b", linear_says]
        + ([""] if p.relu else [])
    )
    if not same:
        run.note(
            f"nn.Linear with weight = {weight}: {linear_says}. nn.Linear stores its weight as "
            "(outputs, inputs) and computes x @ weight.T + bias, so it needs W.T."
        )
    run.show(
        "example",
        Table(
            ["output", "x · column of W + b", "value"] + (["after ReLU"] if p.relu else []),
            rows,
            highlight=[] if same else [len(rows) - 1],
            summary=f"y = xW + b{' then ReLU' if p.relu else ''} = {_vector(out[0])}; "
            f"nn.Linear {linear_says}",
        ),
    )
    return same


def affine(x, W, b):
    """The layer: y = xW + b, for one row x or a batch of rows."""
    return x @ W + b


def show_plane(run, W, b, relu):
    """Move the grid and the F through the layer, draw before/after, and say what W did."""
    kind, words = describe(W)
    grid, shape = affine(GRID, W, b), affine(F_SHAPE, W, b)
    metrics = {"kind": kind, "det": torch.linalg.det(W).item()}
    if relu:
        metrics["folded"] = int((grid < 0).any(dim=1).sum())  # a negative coordinate
        to_origin = int((grid < 0).all(dim=1).sum())  # both negative
        grid, shape = torch.relu(grid), torch.relu(shape)
        words += (
            f"; ReLU folded {metrics['folded']} of {len(GRID)} grid points onto an axis "
            f"({to_origin} onto the origin)"
        )
    if b.abs().max() > 0:
        words += f"; b then moves everything by ({number(b[0].item())}, {number(b[1].item())})"
    metrics["target_error"] = (shape - TARGET).norm(dim=1).mean().item()
    run.show(
        "space",
        Plot(
            [
                Series("grid before", GRID[:, 0], GRID[:, 1], style="points", faint=True),
                Series("F before", F_SHAPE[:, 0], F_SHAPE[:, 1], faint=True),
                Series("grid after", grid[:, 0], grid[:, 1], style="points"),
                Series("F after", shape[:, 0], shape[:, 1]),
                Series("target F", TARGET[:, 0], TARGET[:, 1]),
            ],
            summary=f"W {words}. The F is {number(metrics['target_error'])} from the target on average.",
            xlabel="x1",
            ylabel="x2",
        ),
    )
    return metrics


def train(p, run):
    x, W, b = torch.tensor(p.x), torch.tensor(p.W), torch.tensor(p.b).flatten()
    if len(b) not in (1, W.shape[1]):  # x @ W + b might still broadcast: into a wrong shape
        run.show(
            "example",
            Text(
                f"b has {len(b)} entries but W has {W.shape[1]} output columns: a "
                "layer has one bias per output (or one shared by all).",
                style="error",
                summary=f"b has {len(b)} entries for {W.shape[1]} outputs",
            ),
        )
        return {"ok": 0}
    try:
        y = affine(x, W, b)  # the layer
    except RuntimeError as error:
        run.show(
            "example",
            Text(
                f"x @ W + b failed:\nRuntimeError: {error}",
                style="error",
                summary=f"x is {tuple(x.shape)}, W is {tuple(W.shape)}, b has {len(b)} entries: {error}",
            ),
        )
        return {"ok": 0}
    b = b.expand(W.shape[1])  # a single bias is shared by all outputs (broadcasting)
    out = torch.relu(y) if p.relu else y
    same = show_worked_example(run, x, W, b, y, out, p)
    metrics = {
        "ok": 1,
        "linear_matches": int(same),
        **{f"y{j + 1}": v for j, v in enumerate(out[0].tolist())},
    }
    if W.shape != (2, 2):
        run.show(
            "space",
            Text(
                f"W is {W.shape[0]}×{W.shape[1]}: it maps {W.shape[0]}-D points to "
                f"{W.shape[1]}-D ones. The picture needs a 2×2 W.",
                summary="no picture: W is not 2×2",
            ),
        )
        return metrics
    return {**metrics, **show_plane(run, W, b, p.relu)}


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.matrix(
            "x", [[1, 2]], lo=-100, hi=100, help="the input: one row per example, one column per feature"
        ),
        Param.matrix(
            "W", [[3, 7], [4, 1]], lo=-100, hi=100, help="weights: one row per input, one column per output"
        ),
        Param.matrix("b", [[0.5, 0.3]], lo=-100, hi=100, help="bias: one entry per output"),
        Param.bool("relu", False, help="apply ReLU after the layer: negative outputs become 0"),
        Param.bool(
            "forget_transpose",
            False,
            help="mistake: copy W into nn.Linear as it is (nn.Linear wants W.T: outputs × inputs)",
        ),
    ],
    train=train,
    charts=[
        Chart.figure("example", title="The layer, worked out"),
        Chart.figure("space", title="What W and b do to the plane"),
    ],
    goal=Goal(
        "Move the F onto the target: a quarter turn anticlockwise, twice as big, 3 to the right",
        require={"target_error": ("<=", 0.05)},
        hints=[
            "Row 1 of W is where the point (1, 0) lands, row 2 where (0, 1) lands; b then "
            "shifts every point by the same amount.",
            "A quarter turn anticlockwise sends (1, 0) to (0, 1) and (0, 1) to (-1, 0); "
            "twice as big doubles those. Moving 3 to the right is b = 3 0.",
            "W = 0 2; -2 0 and b = 3 0.",
        ],
    ),
    solution={"W": "0 2; -2 0", "b": "3 0"},
    quick={},
    quizzes=[
        Quiz.number(
            "first-output",
            page=0,
            question="x = [2, 0], W = [[3, 7], [4, 1]], b = [0.5, 0.3]. What is y1?",
            answer=6.5,
            tol=1e-6,
            explain="y1 = 2·3 + 0·4 + 0.5 = 6.5.",
            nudge="y1 is x times W's first column, entry by entry and added up, plus b1.",
        ),
        Quiz.number(
            "exercise",
            page=1,
            question="x = [1, 2, 3], W = [[3, 7], [4, 1], [1, 2]], b = [0.5, 0.3]. What is y1?",
            answer=14.5,
            tol=1e-6,
            explain="1·3 + 2·4 + 3·1 + 0.5 = 14.5 (and y2 = 7 + 2 + 6 + 0.3 = 15.3).",
            nudge="y1 is x times W's first column, entry by entry and added up, plus b1.",
        ),
        Quiz.choice(
            "weight-shape",
            page=1,
            question="What is the shape of nn.Linear(784, 512).weight?",
            options=["(784, 512)", "(512, 784)", "(512,)", "(784,)"],
            answer=1,
            explain="nn.Linear stores (outputs, inputs) and computes x @ weight.T + bias.",
            why={
                0: "That is the shape of W in y = xW; nn.Linear stores its weight the "
                "other way round and multiplies by its transpose.",
                2: "(512,) is the shape of the bias, one number per output.",
                3: "The weight holds a number for every input–output pair, so it has two dimensions.",
            },
        ),
        Quiz.choice(
            "rotation",
            page=2,
            question="In y = xW, what does W = [[0, 1], [-1, 0]] do?",
            options=[
                "turns a quarter anticlockwise",
                "turns a quarter clockwise",
                "mirrors across the x axis",
                "shears",
            ],
            answer=0,
            explain="(1, 0) lands on row 1, (0, 1); (0, 1) lands on row 2, (-1, 0): "
            "a quarter turn anticlockwise.",
            why={
                1: "Follow (1, 0): in y = xW it lands on W's first row. Draw both points "
                "and see which way it turned.",
                2: "A mirror across the x axis leaves (1, 0) where it is; work out where "
                "(1, 0) lands with this W.",
                3: "A shear keeps one axis in place; with this W both (1, 0) and (0, 1) move.",
            },
        ),
    ],
)
