"""validation: hold out 20% of the diabetes patients, compare a network with a random forest,
watch it over-fit, and keep the best epoch (parrt notebook 3)."""

import torch
from torch import nn

from lessons.generalisation import diabetes
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Plot, Series, Table
from tutor.formatting import number, plural


def make_model(hidden):
    """10 features → `hidden` ReLU units → 1 prediction."""
    return nn.Sequential(nn.Linear(10, hidden), nn.ReLU(), nn.Linear(hidden, 1))


def early_epochs_plot(fit, forest_val):
    """The first epochs, where validation MSE bottoms out, beside the forest's score."""
    shown = min(len(fit.val_mse), max(200, 4 * (fit.best_epoch + 1)))
    last = len(fit.val_mse) - 1
    if fit.best_epoch == last:
        summary = (
            f"Validation MSE is still falling at the last epoch, {last} "
            f"({number(fit.best_mse)}; the forest scores {number(forest_val)}): train longer "
            f"to see where it turns."
        )
    else:
        summary = (
            f"Validation MSE is lowest at epoch {fit.best_epoch} ({number(fit.best_mse)}; the "
            f"forest scores {number(forest_val)}), then rises to {number(fit.val_mse[last])} by "
            f"epoch {last} while training MSE falls to {number(fit.train_mse[last])}."
        )
    return Plot(
        [
            diabetes.curve("training MSE", fit.train_mse[:shown]),
            diabetes.curve("validation MSE", fit.val_mse[:shown]),
            Series("random forest (validation)", [0, shown - 1], [forest_val, forest_val]),
        ],
        xlabel="epoch",
        ylabel="MSE",
        logy=True,
        vlines=[(fit.best_epoch, "best")],
        title=f"The first {plural(shown, 'epoch')}",
        summary=summary,
    )


def r_squared(mse, y):
    """R² = 1 − MSE / (the MSE of always predicting this set's mean): 1 is perfect, 0 is no
    better than the mean."""
    return 1 - mse / y.var(unbiased=False).item()


def train(p, run):
    data = diabetes.load(run.device)
    run.note(f"diabetes: {len(data.x_train)} patients to train on, {len(data.x_val)} held out")
    forest_train, forest_val = diabetes.random_forest(p.trees, seed=p.seed)

    torch.manual_seed(p.seed)
    fit = diabetes.Fit(make_model(p.hidden).to(run.device), data, lr=p.lr)
    for epoch in run.epochs(p.epochs):
        train_mse, val_mse = fit.epoch()  # one Adam step, then measure validation
        run.log(epoch, train_mse=train_mse, val_mse=val_mse)
        if p.patience and fit.epochs_since_best() >= p.patience:
            run.note(f"stopped at epoch {epoch}: no new best for {plural(p.patience, 'epoch')}")
            break

    last_epoch = len(fit.val_mse) - 1
    last = diabetes.evaluate(fit.model, data)  # (train MSE, validation MSE)
    best = diabetes.evaluate(fit.best_model(), data)
    kept = best if p.keep == "best" else last
    rows = [
        [name, train_mse, val_mse, r_squared(train_mse, data.y_train), r_squared(val_mse, data.y_val)]
        for name, (train_mse, val_mse) in [
            ("random forest", (forest_train, forest_val)),
            (f"network at epoch {fit.best_epoch} (best)", best),
            (f"network at epoch {last_epoch} (last)", last),
        ]
    ]
    verdict = "better" if kept[1] < forest_val else "worse"
    run.show(
        "compare",
        Table(
            ["model", "training MSE", "validation MSE", "training R²", "validation R²"],
            rows,
            highlight=[1 if p.keep == "best" else 2],
            summary=f"The run keeps the {p.keep} network: validation MSE {number(kept[1])} against "
            f"the forest's {number(forest_val)} ({verdict}); validation R² "
            f"{number(r_squared(kept[1], data.y_val))} against {number(rows[0][4])}.",
        ),
    )
    run.show("early", early_epochs_plot(fit, forest_val))
    return {
        "kept_val_mse": kept[1],
        "best_val_mse": best[1],
        "best_epoch": fit.best_epoch,
        "final_val_mse": last[1],
        "final_train_mse": last[0],
        "epochs_run": last_epoch + 1,
        "forest_val_mse": forest_val,
        "forest_train_mse": forest_train,
        "forest_train_r2": rows[0][3],
        "forest_val_r2": rows[0][4],
        "best_train_r2": rows[1][3],
        "best_val_r2": rows[1][4],
        "beats_forest_by": forest_val - kept[1],
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "keep",
            "last",
            ["last", "best"],
            help="which network the run hands back: the last epoch's, or the one with "
            "the lowest validation MSE",
        ),
        Param.int(
            "patience",
            0,
            lo=0,
            hi=5000,
            help="stop after this many epochs without a new best validation MSE (0: never)",
        ),
        Param.int("epochs", 4000, lo=1, hi=20000, help="training steps, each over all 353 training patients"),
        Param.float("lr", 0.02, lo=1e-4, hi=1.0, log=True, help="learning rate of Adam"),
        Param.int("hidden", 150, lo=1, hi=1000, help="ReLU units in the hidden layer"),
        Param.int("trees", 500, lo=10, hi=2000, help="trees in the random-forest baseline"),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the network's starting weights and the forest"),
    ],
    train=train,
    charts=[
        Chart.line("mse", ["train_mse", "val_mse"], title="Training and validation MSE", logy=True),
        Chart.figure("early", title="Where validation MSE is lowest"),
        Chart.figure("compare", title="Network against random forest"),
    ],
    goal=Goal(
        "Beat the random forest: the network the run keeps has a lower validation MSE",
        require={"beats_forest_by": (">", 0)},
        hints=[
            "Look at the validation curve: it is lowest early on, then climbs while "
            "the training MSE keeps falling. The last epoch's network is over-fitted.",
            "Either stop training near the lowest point, or let the run remember the "
            "network from the best epoch.",
            "Set keep to best (or epochs to about 120).",
        ],
    ),
    solution={"keep": "best"},
    quick={"epochs": 20, "trees": 20},
    quizzes=[
        Quiz.choice(
            "which-stats",
            page=1,
            question="You standardise the features before training. Whose mean and "
            "standard deviation do you use for the validation rows?",
            options=["The validation rows' own", "All 442 rows'", "The training rows'"],
            answer=2,
            explain="The validation rows stand in for future patients, whose data you "
            "do not have when you fit the model: shift and scale them exactly "
            "as the training rows were.",
            why={
                0: "Then the two sets are shifted and scaled differently, and a single "
                "new patient has no statistics of its own.",
                1: "All 442 rows include the validation rows, so their statistics leak "
                "into training and the validation score is no longer a fair test.",
            },
        ),
        Quiz.choice(
            "honest-score",
            page=2,
            question="The forest scores training MSE 450 and validation MSE 3,700. "
            "Which number estimates its error on new patients?",
            options=["450", "3,700", "Their average"],
            answer=1,
            explain="The forest has seen the training patients; only the held-out ones "
            "tell how it does on patients it has not seen.",
            why={
                0: "450 is measured on patients the forest was trained on: it has partly memorised them.",
                2: "An average still mixes in a number measured on patients the forest "
                "already knows, so it is too optimistic.",
            },
        ),
    ],
)
