"""nonlinearity: stacked linear layers collapse into one line; an activation between them
bends it; many units over-fit (parrt notebook 2)."""

import torch
from torch import nn

from lessons.regression import cars_fit
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Plot, Series, Table, Text
from tutor.formatting import number

ACTIVATIONS = {"none": None, "relu": nn.ReLU, "sigmoid": nn.Sigmoid}


def make_model(activation, hidden, layers):
    """1 input → `layers` hidden layers of `hidden` units → 1 output."""
    blocks, width = [], 1
    for _ in range(layers):
        blocks.append(nn.Linear(width, hidden))
        if ACTIVATIONS[activation] is not None:
            blocks.append(ACTIVATIONS[activation]())
        width = hidden
    blocks.append(nn.Linear(width, 1))
    return nn.Sequential(*blocks)


def collapse(model):
    """Multiply out a stack of Linear layers (no activations): one weight and one bias."""
    weight, bias = torch.eye(1), torch.zeros(1)
    for layer in model:
        weight = layer.weight @ weight  # W₂·(W₁·x + b₁) + b₂ = (W₂W₁)·x + (W₂b₁ + b₂)
        bias = layer.weight @ bias + layer.bias
    return weight.item(), bias.item()


def slope_range(xs, curve):
    """The least and greatest slope of a curve sampled at xs (MPG per standard deviation)."""
    slopes = torch.diff(curve) / torch.diff(xs)
    return slopes.min().item(), slopes.max().item()


def slope_plot(xs, curve, line_slope):
    """The model's slope along the data, beside the straight line's constant slope: kinks too
    small to see in the fitted curve show here as jumps."""
    slopes = torch.diff(curve) / torch.diff(xs)
    mids = (xs[1:] + xs[:-1]) / 2
    jumps = int((torch.diff(slopes).abs() > 0.5).sum())
    return Plot(
        [
            Series("model's slope", mids, slopes),
            Series("best line's slope", [mids[0].item(), mids[-1].item()], [line_slope] * 2),
        ],
        xlabel="weight (standard deviations from the mean)",
        ylabel="MPG per SD",
        summary=f"The model's slope runs from {number(slopes.min().item())} to "
        f"{number(slopes.max().item())} and jumps by more than 0.5 at {jumps} of "
        f"{len(slopes) - 1} places; the best line's slope is {number(line_slope)} "
        f"everywhere.",
    )


def collapse_table(p, model):
    """The stack multiplied out: each hidden unit's share of the slope and of the intercept."""
    slope, intercept = collapse(model)
    rows = []
    if p.layers == 1:
        w1, b1, w2 = model[0].weight[:, 0], model[0].bias, model[-1].weight[0]
        rows = [
            [f"unit {i + 1}", w1[i], b1[i], w2[i], w2[i] * w1[i], w2[i] * b1[i]]
            for i in range(min(p.hidden, 12))
        ]
        rows.append(["output bias b₂", "", "", "", "", model[-1].bias[0]])
    rows.append(["all layers", "", "", "", slope, intercept])
    return Table(
        ["", "w₁", "b₁", "w₂", "slope part w₂·w₁", "intercept part w₂·b₁"],
        rows,
        highlight=[len(rows) - 1],
        summary=f"Multiplied out, the stack is one line: MPG = {number(slope)}·x "
        f"{'−' if intercept < 0 else '+'} {number(abs(intercept))}; the units' parts add up to it.",
    )


def bends_table(p, model, x):
    """Where each hidden unit bends the curve: w₁·x + b₁ = 0."""
    w1, b1, w2 = model[0].weight[:, 0], model[0].bias, model[-1].weight[0]
    bends = -b1 / w1
    units = min(p.hidden, 12)
    rows = [[f"unit {i + 1}", w1[i], b1[i], w2[i], bends[i]] for i in range(units)]
    inside = int(((bends > x.min()) & (bends < x.max())).sum())
    what = "kink" if p.activation == "relu" else "centre of its S-curve"
    shown = f" (the first {units} shown)" if units < p.hidden else ""
    return Table(
        ["", "w₁", "b₁", "w₂", f"{what} at x"],
        rows,
        summary=f"A unit's {what} is where w₁·x + b₁ = 0: {inside} of the {p.hidden} "
        f"units have it inside the data{shown}.",
    )


def layers_figure(p, model, x):
    """What the hidden layer learned: the collapsed line, or where each unit bends the curve."""
    if p.activation == "none":
        return collapse_table(p, model)
    if p.layers > 1:
        return Text(
            "With two or more hidden layers each bend is built from bends of the layer "
            "before, so no single unit owns one.",
            summary="No per-unit table for deep models.",
        )
    return bends_table(p, model, x)


def train(p, run):
    weight, mpg = cars_fit.cars_xy("weight")
    x = torch.tensor(weight, dtype=torch.float32).unsqueeze(1)  # shape (392, 1)
    y = torch.tensor(mpg, dtype=torch.float32).unsqueeze(1)
    x = (x - x.mean()) / x.std()
    line_slope, line_b = cars_fit.least_squares(x.flatten().numpy(), mpg)  # the best straight line
    line_mse = cars_fit.mse(line_slope, line_b, x.flatten().numpy(), mpg)
    x, y = x.to(run.device), y.to(run.device)

    torch.manual_seed(p.seed)
    model = make_model(p.activation, p.hidden, p.layers).to(run.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=p.lr)
    for epoch in run.epochs(p.epochs):
        loss = nn.functional.mse_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        run.log(epoch, train_mse=loss.item())

    with torch.no_grad():
        mse = nn.functional.mse_loss(model(x), y).item()
        mae = nn.functional.l1_loss(model(x), y).item()
        dense = torch.linspace(x.min().item(), x.max().item(), 400, device=run.device).unsqueeze(1)
        curve = model(dense).flatten()
        min_slope, max_slope = slope_range(dense.flatten(), curve)
        run.show("slope", slope_plot(dense.flatten().cpu(), curve.cpu(), line_slope))
        model.cpu()  # the tables read weights on the CPU
        run.show("layers", layers_figure(p, model, x.cpu()))
    run.show(
        "fit",
        Plot(
            [
                Series("cars", x.flatten(), y.flatten(), style="points"),
                Series(f"model (MSE {number(mse)})", dense.flatten(), curve),
            ],
            xlabel="weight (standard deviations from the mean)",
            ylabel="MPG",
            summary=f"{p.activation} with {p.layers}×{p.hidden} hidden units: MSE {number(mse)} "
            f"(best straight line {number(line_mse)}). The curve's slope runs from "
            f"{number(min_slope)} to {number(max_slope)} MPG per standard deviation (the line's: "
            f"{number(line_slope)} everywhere); a wide range means a jagged curve.",
        ),
    )
    metrics = {"mse": mse, "mae": mae, "min_slope": min_slope, "max_slope": max_slope}
    if p.activation == "none":
        slope, intercept = collapse(model)
        metrics.update(collapsed_slope=slope, collapsed_intercept=intercept)
    return metrics


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "activation",
            "none",
            list(ACTIVATIONS),
            help="what sits between the layers: nothing, ReLU or sigmoid",
        ),
        Param.int("hidden", 5, lo=1, hi=1000, help="units in each hidden layer"),
        Param.int("layers", 1, lo=1, hi=4, help="number of hidden layers"),
        Param.float("lr", 0.1, lo=1e-4, hi=5.0, log=True, help="learning rate of Adam"),
        Param.int("epochs", 1000, lo=1, hi=10000, help="training steps, each over all 392 cars"),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the starting weights"),
    ],
    train=train,
    charts=[
        Chart.line("loss", ["train_mse"], title="Training MSE", logy=True),
        Chart.figure("fit", title="Cars and the fitted curve"),
        Chart.figure("slope", title="Slope of the curve"),
        Chart.figure("layers", title="Inside the hidden layer"),
    ],
    goal=Goal(
        "Bend the line: training MSE below 17.5 with one hidden layer of at most 10 units",
        require={"mse": ("<", 17.5)},
        limits={"hidden": ("<=", 10), "layers": ("==", 1)},
        hints=[
            "With activation none, more units or layers cannot help: the layers "
            "multiply out to one straight line (see the table).",
            "Put a ReLU or a sigmoid between the layers, so the curve can bend.",
            "activation relu with 10 hidden units (lr 0.1, 1000 epochs) gets about 17.2.",
        ],
    ),
    solution={"activation": "relu", "hidden": 10},
    quick={"epochs": 30},
    quizzes=[
        Quiz.number(
            "collapse",
            page=1,
            question="Layer 1 computes h = 2x + 1, layer 2 computes y = 3h − 4. "
            "Multiplied out, y = a·x + c. What is c?",
            answer=-1,
            tol=1e-9,
            explain="y = 3(2x + 1) − 4 = 6x − 1: a = 6, c = 3·1 − 4 = −1.",
            nudge="Put h = 2x + 1 into y = 3h − 4 and multiply out.",
        ),
        Quiz.choice(
            "many-units",
            page=4,
            question="1000 ReLU units reach a lower training MSE than 5. What is the catch?",
            options=[
                "None: lower is always better",
                "The curve chases individual cars (over-fitting), so it will predict new cars worse",
                "ReLU cannot represent curves",
            ],
            answer=1,
            explain="A low training loss measures fit to these 392 cars only; the "
            "jagged curve is fitting their noise.",
            why={
                0: "Training MSE is measured on the cars the model learned from, so it "
                "says little about cars it has not seen.",
                2: "Many ReLU units add up to a bent line with many joints, which can "
                "follow a curve closely.",
            },
        ),
    ],
)
