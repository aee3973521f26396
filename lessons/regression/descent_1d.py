"""Gradient descent in one dimension: loss(w) = w² + 3 (aiaioo exercise 510)."""

import torch

from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Plot, Series, Table
from tutor.formatting import number, plural


def step_table(rows):
    """The first five steps, then about every tenth of the run, and always the last step."""
    every = max(1, len(rows) // 10)
    keep = [r for r in rows if r[0] < 5 or r[0] % every == 0 or r[0] == rows[-1][0]]
    final_w = rows[-1][4]
    summary = (
        f"after {plural(len(rows), 'step')} from w = {number(rows[0][1])} (loss {number(rows[0][2])}), "
        f"w = {number(final_w)} (loss {number(final_w**2 + 3)})"
    )
    return Table(
        ["step", "w", "loss", "gradient", "next w"],
        keep,
        summary=summary,
        highlight=[len(keep) - 1],
        title="Each step: next w = w − lr · gradient",
    )


def path_plot(rows, start):
    reach = max(abs(start), min(max(abs(r[1]) for r in rows), 1e6), 1.0)
    ws = [reach * (i / 50 - 1) for i in range(101)]
    visited = [w for w in [r[1] for r in rows] + [rows[-1][4]] if abs(w) <= reach][:200]
    final_w = rows[-1][4]
    summary = (
        f"the weights visited, on the parabola w² + 3: the last is w = {number(final_w)} "
        f"with loss {number(final_w**2 + 3)}; the minimum is loss 3 at w = 0"
    )
    return Plot(
        [
            Series("loss(w) = w² + 3", ws, [w * w + 3 for w in ws]),
            Series("weights visited", visited, [w * w + 3 for w in visited], style="points"),
        ],
        summary=summary,
        xlabel="w",
        ylabel="loss",
        title="Where the steps went",
    )


def train(p, run):
    w = torch.tensor(p.start)  # one weight, a float32 number like every weight in a network
    rows = []
    run.diverge_when(growth=None)  # this lesson lets the loss grow until it overflows to inf
    try:
        for step in run.steps(p.steps):
            loss = w**2 + 3  # the loss at the current weight
            grad = 2 * w  # its slope there: d(w² + 3)/dw = 2w
            next_w = w - p.lr * grad  # a step downhill, scaled by the learning rate
            rows.append([step, w.item(), loss.item(), grad.item(), next_w.item()])
            run.log(step, loss=loss.item(), w=w.item())  # inf or nan here stops the run: diverged
            w = next_w
    finally:  # show the steps even when the run diverges or is stopped
        if rows:
            run.show("steps", step_table(rows))
            run.show("path", path_plot(rows, p.start))
    loss = w**2 + 3
    return {"final_w": w.item(), "abs_w": abs(w.item()), "final_loss": loss.item()}


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.float("start", 2.0, lo=-10, hi=10, help="the weight w before the first step"),
        Param.float(
            "lr",
            0.01,
            lo=1e-4,
            hi=3,
            log=True,
            help="learning rate: how far each step moves, as a multiple of the gradient",
        ),
        Param.int("steps", 100, lo=1, hi=10000, help="number of gradient-descent updates"),
    ],
    train=train,
    charts=[
        Chart.line("descent", ["loss", "w"], x="step", title="Loss and weight per step"),
        Chart.figure("steps", title="Step table"),
        Chart.figure("path", title="The path on the loss curve"),
    ],
    goal=Goal(
        "From w = 2, get |w| below 0.01 in at most 50 steps",
        require={"abs_w": ("<", 0.01)},
        limits={"start": ("==", 2.0), "steps": ("<=", 50)},
        hints=[
            "With lr 0.01 each step removes only 2% of w. A larger learning rate takes "
            "bigger steps, but above 1 the steps overshoot and grow.",
            "Each step multiplies w by (1 − 2·lr). After 50 steps w = 2·(1 − 2·lr)⁵⁰, and "
            "that must be below 0.01 in size.",
            "w_k = w₀(1 − 2·lr)^k, so you need |1 − 2·lr| < 0.005^(1/50) ≈ 0.90: any lr "
            "between about 0.051 and 0.949 works. lr = 0.1 gives 2·0.8⁵⁰ ≈ 0.00003; "
            "lr = 0.5 lands on 0 in one step.",
        ],
    ),
    solution={"lr": 0.1, "steps": 50},
    quick={"steps": 20},
    quizzes=[
        Quiz.number(
            "first-step",
            page=1,
            question="From w = 2 with learning rate 0.01, what is w after one step?",
            answer=1.96,
            tol=1e-6,
            explain="The gradient is 2·2 = 4, so w becomes 2 − 0.01·4 = 1.96 "
            "(and the loss drops from 7 to 6.8416).",
            nudge="The gradient of w² + 3 is 2w; a step subtracts learning rate × gradient.",
        ),
        Quiz.number(
            "lr-one",
            page=2,
            question="From w = 2 with learning rate 1, what is w after three steps?",
            answer=-2.0,
            tol=1e-6,
            explain="Each step multiplies w by 1 − 2·1 = −1: 2, −2, 2, −2. The weight jumps "
            "across the valley forever and the loss stays at 7.",
            nudge="Work out one step from w = 2 with learning rate 1, then two more the same way.",
        ),
    ],
)
