import time

import torch
from torch import nn

from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Heatmap, Table


def train(p, run):
    torch.manual_seed(p.seed)
    x = torch.linspace(-1, 1, 64).unsqueeze(1)
    y = 3 * x + 0.5
    model = nn.Linear(1, 1)
    opt = torch.optim.SGD(model.parameters(), lr=p.lr)
    for epoch in run.epochs(p.epochs):
        for group in opt.param_groups:
            group["lr"] = p.lr  # live: re-read each step
        if p.fail and epoch == 2:
            raise RuntimeError("boom: the lesson code raised")
        loss = nn.functional.mse_loss(model(x), y)
        if p.diverge and epoch == 3:
            loss = loss * float("nan")
        opt.zero_grad()
        loss.backward()
        opt.step()
        run.log(epoch, train_loss=loss.item())
        if p.delay:
            time.sleep(p.delay)
    run.show("table", Table(["w", "b"], [[model.weight.item(), model.bias.item()]], summary="fitted"))
    run.show(
        "steps", Table(["step", "value"], [[1, 10], [2, 20], [3, 30]], summary="three steps", reveal=True)
    )
    run.show("map", Heatmap([[0, 1], [1, 0]], [0, 1], [0, 1], summary="a map"))
    ink = sum(map(sum, Param.grid_array(p.sketch)))
    return {"train_loss": loss.item(), "ink": ink}


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.int("epochs", 20, lo=1, hi=100000, help="passes"),
        Param.float("lr", 0.1, lo=1e-4, hi=10, log=True, help="step size", live=True),
        Param.float("delay", 0.0, lo=0, hi=1, help="seconds to sleep per epoch"),
        Param.bool("fail", False, help="raise an error"),
        Param.bool("diverge", False, help="log a NaN"),
        Param.choice("kind", "a", ["a", "b"], help="a choice"),
        Param.int("seed", 0, lo=0, hi=100, help="seed"),
        Param.grid("sketch", 4, 5, help="a drawing"),
    ],
    charts=[
        Chart.line("loss", ["train_loss"], title="Loss", logy=True),
        Chart.figure("table", title="Weights"),
        Chart.figure("map", title="Map"),
        Chart.figure("steps", title="Steps"),
    ],
    goal=Goal("loss below 0.01", require={"train_loss": ("<=", 0.01)}, hints=["more epochs", "epochs 200"]),
    solution={"epochs": 200},
    quick={"epochs": 3},
    quizzes=[
        Quiz.number(
            "sum", page=1, question="2 + 2?", answer=4, tol=0, explain="It is 4.", nudge="Count on from 2."
        ),
        Quiz.choice(
            "slope",
            page=2,
            question="Where does the fitted slope end, and why?",
            options=[
                "Near 0.5, because gradient descent on the mean squared error "
                "always pulls every weight towards the average of the targets",
                "Near 3, because the data were made as y = 3x + 0.5 and gradient "
                "descent on the mean squared error walks the weight there, one "
                "small step at a time, from wherever it started",
                "At 0",
            ],
            answer=1,
            explain="The data were made with slope 3 and intercept 0.5.",
            why={
                0: "0.5 is where the intercept ends, not the slope.",
                2: "The weights start random and move every epoch.",
            },
        ),
    ],
    train=train,
)
