"""nn-and-optimizers: nn.Linear, a loss module and torch.optim in the five-step training loop,
with SGD, Adam and RMSprop side by side on a straight line (learnpytorch 01, parrt notebook 2)."""

import torch
from torch import nn

from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Plot, Series, Table
from tutor.formatting import number

OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "rmsprop": torch.optim.RMSprop}
LOSSES = {"l1": nn.L1Loss, "mse": nn.MSELoss}
LOOP = Table(
    ["step", "code", "what it does"],
    [
        [1, "y_pred = model(X_train)", "forward pass: predictions from the current weights"],
        [2, "loss = loss_fn(y_pred, y_train)", "one number: how wrong the predictions are"],
        [3, "optimizer.zero_grad()", "clear the gradients left by the last step"],
        [4, "loss.backward()", "autograd: ∂loss/∂parameter into each .grad"],
        [5, "optimizer.step()", "move every parameter using its gradient"],
    ],
    summary="The training loop in five steps, the same for every model and optimiser.",
)


def straight_line(weight=0.7, bias=0.3):
    """50 points on y = weight·x + bias for x = 0, 0.02, …, 0.98: the first 40 to train on,
    the last 10 (x ≥ 0.8) to test on."""
    X = torch.arange(0, 1, 0.02).unsqueeze(dim=1)
    y = weight * X + bias
    split = int(0.8 * len(X))
    return X[:split], y[:split], X[split:], y[split:]


def report(run, models, start, X_train, y_train, X_test, y_test):
    """Results table and predictions plot; returns the metrics."""
    metrics, rows = {}, [["start (all three)", start[0], start[1], "", ""], ["true line", 0.7, 0.3, "", ""]]
    for name, model in models.items():
        model.eval()
        with torch.inference_mode():
            train_mae = nn.functional.l1_loss(model(X_train), y_train).item()
            test_mae = nn.functional.l1_loss(model(X_test), y_test).item()
        weight, bias = model.weight.item(), model.bias.item()
        rows.append([name, weight, bias, train_mae, test_mae])
        metrics.update(
            {
                f"{name}_weight": weight,
                f"{name}_bias": bias,
                f"{name}_train_mae": train_mae,
                f"{name}_test_mae": test_mae,
            }
        )
    maes = {name: metrics[f"{name}_test_mae"] for name in models}
    best = min(maes, key=maes.get)
    run.show(
        "results",
        Table(
            ["model", "weight", "bias", "train MAE", "test MAE"],
            rows,
            highlight=[2 + list(models).index(best)],
            summary="; ".join(
                f"{n}: weight {metrics[f'{n}_weight']:.4f}, bias {metrics[f'{n}_bias']:.4f}, "
                f"test MAE {number(maes[n])}"
                for n in models
            )
            + f" (true 0.7, 0.3; best {best}).",
        ),
    )
    X_all = torch.cat([X_train, X_test])
    with torch.inference_mode():
        lines = [Series(name, X_all.flatten(), model(X_all).flatten()) for name, model in models.items()]
    run.show(
        "fit",
        Plot(
            [
                Series("train", X_train.flatten(), y_train.flatten(), style="points"),
                Series("test", X_test.flatten(), y_test.flatten(), style="points"),
            ]
            + lines,
            xlabel="x",
            ylabel="y",
            vlines=[(0.8, "test data from here")],
            summary="Train points for x < 0.8, test points from 0.8 on (the vertical line); "
            f"each optimiser's line; the worst misses the test points by "
            f"{number(max(maes.values()))} on average.",
        ),
    )
    metrics["worst_test_mae"] = max(maes.values())
    return metrics


def train(p, run):
    X_train, y_train, X_test, y_test = (t.to(run.device) for t in straight_line())
    loss_fn = LOSSES[p.loss]()
    run.show("loop", LOOP)

    models, optimizers = {}, {}
    for name, Optimizer in OPTIMIZERS.items():
        torch.manual_seed(p.seed)  # the same starting line for all three
        models[name] = nn.Linear(in_features=1, out_features=1).to(run.device)
        optimizers[name] = Optimizer(models[name].parameters(), lr=p.lr)
    start = (models["sgd"].weight.item(), models["sgd"].bias.item())

    for epoch in run.epochs(p.epochs):
        for name, model in models.items():
            model.train()
            y_pred = model(X_train)  # 1. forward pass
            loss = loss_fn(y_pred, y_train)  # 2. loss
            optimizers[name].zero_grad()  # 3. zero the gradients
            loss.backward()  # 4. backward pass
            optimizers[name].step()  # 5. update the parameters

            model.eval()  # testing: no gradients needed
            with torch.inference_mode():
                test_loss = loss_fn(model(X_test), y_test)
            run.log(epoch, **{f"{name}_train": loss.item(), f"{name}_test": test_loss.item()})

    metrics = report(run, models, start, X_train, y_train, X_test, y_test)
    return {"start_weight": start[0], "start_bias": start[1], **metrics}


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice("loss", "l1", list(LOSSES), help="loss module: l1 = nn.L1Loss (MAE), mse = nn.MSELoss"),
        Param.float(
            "lr", 0.01, lo=1e-5, hi=1.0, log=True, help="learning rate, the same for all three optimisers"
        ),
        Param.int("epochs", 1000, lo=1, hi=10000, help="training steps, each over all 40 training points"),
        Param.int(
            "seed", 42, lo=0, hi=2**31 - 1, help="seeds the starting weight and bias (shared by all three)"
        ),
    ],
    train=train,
    charts=[
        Chart.line("train", ["sgd_train", "adam_train", "rmsprop_train"], title="Training loss", logy=True),
        Chart.line("test", ["sgd_test", "adam_test", "rmsprop_test"], title="Test loss", logy=True),
        Chart.figure("results", title="Learned weight and bias"),
        Chart.figure("fit", title="Data and predictions"),
        Chart.figure("loop", title="The five steps"),
    ],
    goal=Goal(
        "Train all three optimisers to a test MAE of at most 0.005",
        require={"worst_test_mae": ("<=", 0.005)},
        hints=[
            "Look at the loss curves: which optimiser is stuck, and does its loss "
            "go down smoothly or bounce?",
            "Near the answer each optimiser keeps taking steps of roughly the "
            "learning rate's size, so it bounces around the true line. Smaller "
            "steps land closer, but need more epochs.",
            "lr 0.001 with 3000 epochs brings all three within 0.001.",
        ],
    ),
    solution={"lr": 0.001, "epochs": 3000},
    quick={"epochs": 50},
    quizzes=[
        Quiz.choice(
            "loop-order",
            page=1,
            question="Which order is right for one training step?",
            options=[
                "forward, backward, loss, step, zero_grad",
                "forward, loss, zero_grad, backward, step",
                "zero_grad, step, forward, loss, backward",
                "loss, forward, step, backward, zero_grad",
            ],
            answer=1,
            explain="Predict, score, clear old gradients, compute new ones, update. "
            "zero_grad may also come first; it must come before backward.",
            why={
                0: "backward needs a loss to differentiate, so the loss must be computed before it.",
                2: "step uses the gradients that backward computes, so it cannot come before backward.",
                3: "The loss compares predictions with targets, so the forward pass must come first.",
            },
        ),
        Quiz.choice(
            "why-test",
            page=2,
            question="Why keep 10 points out of training?",
            options=[
                "To train faster",
                "To see how the model does on data it has never seen",
                "Because nn.Linear accepts at most 40 points",
            ],
            answer=1,
            explain="A low training loss can hide a model that only fits its own data; "
            "the test set is the honest check.",
            why={
                0: "Ten fewer points make no real difference to the speed; the held-out "
                "points are there for something else.",
                2: "nn.Linear takes batches of any size.",
            },
        ),
    ],
)
