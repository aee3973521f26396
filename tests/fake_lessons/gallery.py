"""A lesson that shows one figure of every kind, from fixed numbers (no training), so the
screen snapshots of each chart kind are the same on every machine."""

import math

from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Bars, Heatmap, Images, Multiples, Plot, Series, Table, Text


def _digit(k: int) -> list[list[float]]:
    """A 28x28 ring (k even) or bar (k odd)."""
    return [
        [
            1.0
            if (k % 2 == 0 and 6 <= math.hypot(r - 13.5, c - 13.5) <= 10)
            or (k % 2 == 1 and 12 <= c <= 15 and 4 <= r <= 23)
            else 0.0
            for c in range(28)
        ]
        for r in range(28)
    ]


def train(p, run):
    for epoch in run.epochs(p.epochs):
        run.log(epoch, train_loss=2.0 * 0.9**epoch + 0.01 * (epoch % 2), val_loss=2.2 * 0.92**epoch + 0.05)
    decays = [0.0, 0.001, 0.01, 0.1]
    run.show(
        "multiples",
        Multiples(
            [
                Plot(
                    [
                        Series(
                            "val_loss", list(range(20)), [1 / (1 + e * (1 - 5 * wd)) + wd for e in range(20)]
                        )
                    ],
                    summary="",
                    title=f"weight_decay {wd:g}",
                )
                for wd in decays
            ],
            summary="one panel per weight decay; the largest decay ends highest",
        ),
    )
    run.show(
        "surface",
        Heatmap(
            [
                [(x - 1) ** 2 + (y + 0.5) ** 2 for x in [i / 5 - 2 for i in range(21)]]
                for y in [j / 5 - 2 for j in range(21)]
            ],
            [i / 5 - 2 for i in range(21)],
            [j / 5 - 2 for j in range(21)],
            summary="lowest at x = 1, y = -0.5",
            xlabel="x",
            ylabel="y",
            marks=[(1.0, -0.5, "minimum")],
        ),
    )
    run.show(
        "confusion",
        Heatmap(
            [[48, 1, 1], [2, 45, 3], [0, 4, 46]],
            [0, 1, 2],
            [0, 1, 2],
            summary="most errors: 2 taken for 1 (4 times)",
            row_labels=["0", "1", "2"],
            col_labels=["0", "1", "2"],
        ),
    )
    run.show(
        "steps",
        Table(
            ["step", "w", "loss"],
            [[i, round(0.5 * 0.7**i, 6), round(123456.789 * 0.1**i, 9)] for i in range(6)],
            summary="w halves every two steps",
            reveal=True,
        ),
    )
    run.show(
        "table",
        Table(
            ["setting", "train loss", "test loss", "note"],
            [
                ["lr 0.1", 0.012345678, 0.023456789, "a long note that has to wrap in a narrow panel"],
                ["lr 1e-05", 67109000000.0, 6.7109e30, "diverges"],
            ],
            summary="the smaller rate is slower but safe",
        ),
    )
    run.show(
        "digits",
        Images(
            [_digit(k) for k in range(8)], [f"#{k}" for k in range(8)], summary="eight shapes, rings and bars"
        ),
    )
    run.show("print", Text("tensor([[1., 2.],\n        [3., 4.]])", summary="a 2x2 tensor", style="code"))
    run.show(
        "timing", Bars(["cpu", "cuda"], [37.6, 2.1], summary="cuda about 18x faster", unit="s", log=True)
    )
    return {"val_loss": 2.2 * 0.92 ** (p.epochs - 1) + 0.05}


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.int("epochs", 40, lo=1, hi=1000, help="how many epochs the fixed curves run for"),
        Param.float("lr", 0.01, lo=1e-5, hi=1, log=True, help="not used: a field to look at"),
    ],
    charts=[
        Chart.line("loss", ["train_loss", "val_loss"], title="Loss per epoch"),
        Chart.line("logloss", ["train_loss", "val_loss"], title="Loss, log scale", logy=True),
        Chart.figure("multiples", title="Weight decays"),
        Chart.figure("surface", title="Surface"),
        Chart.figure("confusion", title="Confusion"),
        Chart.figure("steps", title="Steps"),
        Chart.figure("table", title="Table"),
        Chart.figure("digits", title="Digits"),
        Chart.figure("print", title="Print"),
        Chart.figure("timing", title="Timing"),
    ],
    goal=Goal(
        "Bring val_loss under 0.1",
        require={"val_loss": ("<=", 0.1)},
        hints=[
            "Train for longer: the curve is still falling at the end.",
            "Each epoch multiplies the distance to 0.05 by 0.92; about 40 epochs get it under 0.1.",
            "Set epochs to 60.",
        ],
    ),
    solution={"epochs": 60},
    quick={"epochs": 5},
    quizzes=[
        Quiz.choice(
            "shape",
            page=0,
            question="Which chart shows the curves on a log scale?",
            options=[
                "Loss per epoch, the first chart, whose y axis is linear",
                "Loss, log scale, the second chart, where equal ratios look equal",
                "Timing, whose bars are on a log scale too, but they are bars",
            ],
            answer=1,
            explain="The second chart has a log y axis.",
        )
    ],
    train=train,
)
