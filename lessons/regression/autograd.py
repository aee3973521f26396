"""autograd: the same line fit with PyTorch computing the gradients, checked against the
hand-derived ones (parrt notebook 1, Chollet 2.4.4)."""

import torch

from lessons.regression import cars_fit
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Plot, Series, Table
from tutor.formatting import number

FEATURES = {"weight": "weight", "displacement": "engine size", "horsepower": "horsepower"}


def line_text(m, b):
    """m·x ± b with both numbers as a learner reads them."""
    return f"{number(m)}·x {'−' if b < 0 else '+'} {number(abs(b))}"


def hand_gradients(x, y, m, b):
    """∂/∂m and ∂/∂b of mean((m·x + b − y)²), worked out with the chain rule."""
    error = m * x + b - y
    return 2 * torch.mean(error * x), 2 * torch.mean(error)


def gradient_table(rows, gap, forgot):
    shown = [r for r in rows if r[0] < 8 or r[0] == rows[-1][0]]
    if forgot:
        summary = (
            f"Without zero_(), .grad holds the sum of every gradient so far, not this "
            f"epoch's: it differs from the hand-derived gradient by up to {number(gap)}."
        )
    else:
        summary = (
            f"Hand-derived and autograd gradients agree at every epoch (largest difference {number(gap)})."
        )
    differ = [i for i, r in enumerate(shown) if abs(r[2] - r[3]) + abs(r[4] - r[5]) > 1e-6]
    return Table(
        ["epoch", "MSE", "dm by hand", "m.grad", "db by hand", "b.grad"],
        shown,
        highlight=differ,
        summary=summary,
    )


def train(p, run):
    feature, mpg = cars_fit.cars_xy(p.feature)
    x = torch.tensor(feature)  # float64, as numpy gave it
    y = torch.tensor(mpg)
    x = (x - x.mean()) / x.std()  # torch.std divides by n − 1

    torch.manual_seed(p.seed)
    m = torch.randn(1, dtype=torch.float64, requires_grad=True)  # track gradients for m, b
    b = torch.randn(1, dtype=torch.float64, requires_grad=True)
    rows, gap = [], 0.0
    for epoch in run.epochs(p.epochs):
        loss = torch.mean((m * x + b - y) ** 2)  # forward: builds a graph back to m and b
        loss.backward()  # adds ∂loss/∂m to m.grad, ∂loss/∂b to b.grad
        with torch.no_grad():  # the update itself is not part of the model
            hand_m, hand_b = hand_gradients(x, y, m, b)
            gap = max(gap, abs(m.grad - hand_m).item(), abs(b.grad - hand_b).item())
            rows.append([epoch, loss.item(), hand_m.item(), m.grad.item(), hand_b.item(), b.grad.item()])
            m -= p.lr * m.grad
            b -= p.lr * b.grad
            if not p.forget_zero_grad:
                m.grad.zero_()  # else the next backward() adds to it
                b.grad.zero_()
        run.log(epoch, mse=loss.item())

    with torch.no_grad():
        error = m * x + b - y
    mse = torch.mean(error**2).item()
    ls_m, ls_b = cars_fit.least_squares(x.numpy(), mpg)
    run.show("gradients", gradient_table(rows, gap, p.forget_zero_grad))
    ends = torch.tensor([x.min().item(), x.max().item()])
    run.show(
        "fit",
        Plot(
            [
                Series("cars", x, y, style="points"),
                Series(f"autograd fit (MSE {number(mse)})", ends, m.item() * ends + b.item()),
                Series("least squares", ends, ls_m * ends + ls_b),
            ],
            xlabel=f"{FEATURES[p.feature]} (standard deviations from the mean)",
            ylabel="MPG",
            summary=f"Learned MPG = {line_text(m.item(), b.item())}; least squares "
            f"{line_text(ls_m, ls_b)} (MSE {number(cars_fit.mse(ls_m, ls_b, x.numpy(), mpg))}).",
        ),
    )
    return {
        "mse": mse,
        "mae": torch.mean(error.abs()).item(),
        "slope": m.item(),
        "intercept": b.item(),
        "ls_slope": ls_m,
        "mse_gap": mse - cars_fit.mse(ls_m, ls_b, x.numpy(), mpg),
        "grad_gap": gap,
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice("feature", "weight", list(FEATURES), help="the car measurement that predicts MPG"),
        Param.float("lr", 0.3, lo=1e-4, hi=2.0, log=True, help="learning rate on the mean squared error"),
        Param.int("epochs", 10, lo=1, hi=1000, help="gradient steps, each over all 392 cars"),
        Param.bool(
            "forget_zero_grad", False, help="mistake: never reset m.grad and b.grad, so gradients pile up"
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the random start m, b ~ N(0, 1)"),
    ],
    train=train,
    charts=[
        Chart.line("loss", ["mse"], title="MSE per epoch", logy=True),
        Chart.figure("gradients", title="Gradients: by hand vs autograd"),
        Chart.figure("fit", title="Cars and the fitted line"),
    ],
    goal=Goal(
        "Redo the fit for engine size (displacement): within 0.001 of its least-squares "
        "MSE in at most 5 epochs",
        require={"mse_gap": ("<=", 0.001)},
        limits={"feature": ("==", "displacement"), "epochs": ("<=", 5)},
        hints=[
            "Switch feature to displacement and epochs to 5. What is left to change?",
            "Each step multiplies the distance to the best line by about "
            "(1 − 2·lr): the 2 comes from the square in the loss. Shrink that factor.",
            "lr = 0.5 makes the factor about 0; anything from about 0.4 to 0.6 reaches the goal.",
        ],
    ),
    solution={"feature": "displacement", "epochs": 5, "lr": 0.5},
    quick={"epochs": 3},
    quizzes=[
        Quiz.choice(
            "what-backward",
            page=1,
            question="After loss.backward(), where is ∂loss/∂m?",
            options=[
                "In loss.grad",
                "In m.grad",
                "It is returned by backward()",
                "In m itself, already updated",
            ],
            answer=1,
            explain="backward() stores each gradient in the .grad of the tensor that "
            "was created with requires_grad=True; it updates nothing.",
            why={
                0: "loss is what gets differentiated; the gradients belong to the tensors "
                "it was computed from.",
                2: "backward() returns None: it stores the gradients somewhere instead.",
                3: "backward() only computes gradients; changing m is the job of your "
                "update step (or an optimiser's step()).",
            },
        ),
        Quiz.choice(
            "pile-up",
            page=3,
            question="Without zero_(), what does m.grad hold during epoch 2 (the third pass)?",
            options=[
                "The gradient of epoch 2",
                "Zero",
                "The sum of the gradients of epochs 0, 1 and 2",
                "The gradient of epoch 1",
            ],
            answer=2,
            explain="backward() adds to .grad; only zero_() (or optimizer.zero_grad()) clears it.",
            why={
                0: "That is what it would hold with zero_(); ask what backward() does "
                "with what is already in .grad.",
                1: "Nothing clears .grad unless you call zero_(): the gradients of "
                "earlier passes do not vanish.",
                3: "Epoch 2's backward() has run too; ask whether it replaces what is in "
                ".grad or adds to it.",
            },
        ),
    ],
)
