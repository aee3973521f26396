"""batch-norm: normalising a layer's activations over the batch, before or after the ReLU;
three diabetes networks trained side by side, and why validation needs model.eval()
(parrt notebook 4)."""

import copy

import torch
from torch import nn

from lessons.generalisation import diabetes
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Multiples, Plot, Table
from tutor.formatting import number

NORMS = ("none", "before", "after")  # where the BatchNorm1d layer goes, if anywhere
LABELS = {"none": "no batch norm", "before": "BN before ReLU", "after": "BN after ReLU"}


COURSE_BASELINES = {"forest": (455.43, 3405.60), "10-10-10-1": (2925.281, 182)}  # parrt nb4


def course_network():
    """parrt notebook 4's network without batch norm: 10 → 10 → 10 → 1 with ReLUs."""
    return nn.Sequential(nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 1))


def baselines_table(p, data, fits, run):
    """The course's baselines beside this run's networks: its 10-10-10-1 network without
    batch norm (Adam at 0.3) on this split, and a 500-tree forest on this split and on the
    course's 354/88 split."""
    torch.manual_seed(p.seed)
    course = diabetes.Fit(course_network().to(run.device), data, lr=0.3, eval_mode=p.eval_mode)
    for _ in range(p.epochs):
        course.epoch()
    forest = diabetes.random_forest(500, seed=p.seed)
    forest_88 = diabetes.random_forest(500, seed=p.seed, held_out=88)
    rows = [[LABELS[n], "353/89", f.best_mse, f.best_epoch, "—"] for n, f in fits.items()]
    rows += [
        [
            "10-10-10-1, no batch norm, lr 0.3",
            "353/89",
            course.best_mse,
            course.best_epoch,
            f"{number(COURSE_BASELINES['10-10-10-1'][0])} at epoch {COURSE_BASELINES['10-10-10-1'][1]}",
        ],
        ["random forest, 500 trees", "353/89", forest[1], "—", "—"],
        [
            "random forest, 500 trees",
            "354/88",
            forest_88[1],
            "—",
            f"{number(COURSE_BASELINES['forest'][1])} (training {number(COURSE_BASELINES['forest'][0])})",
        ],
    ]
    best = min(range(len(rows)), key=lambda i: rows[i][2])
    summary = (
        f"best validation MSE: {rows[best][0]} ({number(rows[best][2])}); the course's 10-10-10-1 "
        f"network {number(course.best_mse)} at epoch {course.best_epoch}; the forest "
        f"{number(forest[1])} here and {number(forest_88[1])} on the course's 354/88 split"
    )
    return Table(
        ["model", "split", "best validation MSE", "at epoch", "the course"],
        rows,
        highlight=[best],
        summary=summary,
        title="Baselines: the course's network and a forest",
    ), {
        "course_net_best_val_mse": course.best_mse,
        "course_net_best_epoch": course.best_epoch,
        "forest_val_mse": forest[1],
        "forest_354_train_mse": forest_88[0],
        "forest_354_val_mse": forest_88[1],
    }


def make_model(norm, hidden):
    """10 features → `hidden` units → 1, with batch norm before or after the ReLU, or none."""
    if norm == "before":
        layers = [nn.Linear(10, hidden), nn.BatchNorm1d(hidden), nn.ReLU()]
    elif norm == "after":
        layers = [nn.Linear(10, hidden), nn.ReLU(), nn.BatchNorm1d(hidden)]
    else:
        layers = [nn.Linear(10, hidden), nn.ReLU()]
    return nn.Sequential(*layers, nn.Linear(hidden, 1))


def curves_figure(fits):
    plots = []
    for norm, fit in fits.items():
        plots.append(
            Plot(
                [diabetes.curve("training", fit.train_mse), diabetes.curve("validation", fit.val_mse)],
                title=f"{LABELS[norm]}: best {number(fit.best_mse)} at {fit.best_epoch}",
                xlabel="epoch",
                logy=True,
                vlines=[(fit.best_epoch, "best")],
                summary=f"{LABELS[norm]}: lowest validation MSE {number(fit.best_mse)} at "
                f"epoch {fit.best_epoch}.",
            )
        )
    return Multiples(
        plots,
        cols=3,
        summary="; ".join(
            f"{LABELS[n]}: best {number(f.best_mse)} at epoch {f.best_epoch}, final training "
            f"{number(f.train_mse[-1])}, validation {number(f.val_mse[-1])}"
            for n, f in fits.items()
        ),
    )


def val_mse_in_batches(model, data, size, eval_mode):
    """Validation MSE measured again, `size` patients at a time, in eval or train mode (on a
    copy: train-mode passes would update its running averages)."""
    model = copy.deepcopy(model)
    model.train(not eval_mode)
    with torch.no_grad():
        preds = torch.cat([model(x) for x in data.x_val.split(size)])
    return nn.functional.mse_loss(preds, data.y_val).item()


def results_table(fits, remeasured, mode):
    rows = [
        [LABELS[norm], fit.best_mse, fit.best_epoch, remeasured[norm], fit.train_mse[-1], fit.val_mse[-1]]
        for norm, fit in fits.items()
    ]
    gap = max(abs(r[3] - r[1]) / r[1] for r in rows)
    verdict = (
        "the same: the score does not depend on the batch"
        if gap < 0.001
        else f"up to {gap:.0%} apart: in train mode the score depends on the batch"
    )
    return Table(
        [
            "network",
            "best validation MSE",
            "best epoch",
            f"re-measured 10 at a time ({mode} mode)",
            "final training MSE",
            "final validation MSE",
        ],
        rows,
        highlight=[min(range(len(rows)), key=lambda i: rows[i][1])],
        summary=f"Lowest: {LABELS[min(fits, key=lambda n: fits[n].best_mse)]}. Best "
        f"validation MSE measured on all 89 and re-measured 10 at a time: "
        f"{verdict}.",
    )


def modes_table(model, data):
    """One validation patient predicted in eval mode and in train mode, with different company."""
    model = copy.deepcopy(model)  # train-mode passes would change its running averages
    x = data.x_val
    with torch.no_grad():
        model.eval()
        rows = [["eval mode, alone", model(x[:1]).item()], ["eval mode, among all 89", model(x)[0].item()]]
        model.train()
        rows += [
            ["train mode, among all 89", model(x)[0].item()],
            ["train mode, among the first 10", model(x[:10])[0].item()],
        ]
        try:
            rows.append(["train mode, alone", model(x[:1]).item()])
        except ValueError as exc:  # a batch of one has no spread to normalise by
            rows.append(["train mode, alone", f"error: {exc}"])
    return Table(
        ["BN-before network", "prediction for patient 1"],
        rows,
        highlight=[4],
        summary=f"Patient 1 (actual {number(data.y_val[0].item())}): eval mode gives "
        f"{number(rows[0][1])} alone or in a batch; train mode gives {number(rows[2][1])} "
        f"or {number(rows[3][1])} depending on the batch, and fails alone.",
    )


def train(p, run):
    data = diabetes.load(run.device)
    fits = {}
    for norm in NORMS:
        torch.manual_seed(p.seed)  # the same starting weights for every model
        model = make_model(norm, p.hidden).to(run.device)
        fits[norm] = diabetes.Fit(model, data, lr=p.lr, eval_mode=p.eval_mode)

    for epoch in run.epochs(p.epochs):
        val = {f"val_{norm}": fit.epoch()[1] for norm, fit in fits.items()}
        run.log(epoch, **val)

    best = {norm: fit.best_model() for norm, fit in fits.items()}
    remeasured = {norm: val_mse_in_batches(model, data, 10, p.eval_mode) for norm, model in best.items()}
    run.show("curves", curves_figure(fits))
    run.show("results", results_table(fits, remeasured, "eval" if p.eval_mode else "train"))
    run.show("modes", modes_table(best["before"], data))
    if p.baselines:
        table, baseline_metrics = baselines_table(p, data, fits, run)
        run.show("baselines", table)
    metrics = {
        "bn_best_val_mse": min(fits["before"].best_mse, fits["after"].best_mse),
        "bn_gain": fits["none"].best_mse - fits["before"].best_mse,
    }  # > 0: BN helped
    for norm, fit in fits.items():
        metrics.update(
            {
                f"best_val_mse_{norm}": fit.best_mse,
                f"best_epoch_{norm}": fit.best_epoch,
                f"remeasured_val_mse_{norm}": remeasured[norm],
                f"final_train_mse_{norm}": fit.train_mse[-1],
                f"final_val_mse_{norm}": fit.val_mse[-1],
            }
        )
    if p.baselines:
        metrics.update(baseline_metrics)
    return metrics


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.bool(
            "eval_mode",
            True,
            help="call model.eval() before measuring validation MSE (false: the mistake "
            "of measuring in training mode)",
        ),
        Param.int("hidden", 300, lo=2, hi=1000, help="units in the hidden layer of all three networks"),
        Param.float("lr", 0.02, lo=1e-4, hi=1.0, log=True, help="learning rate of Adam"),
        Param.int("epochs", 1000, lo=1, hi=10000, help="training steps, each over all 353 training patients"),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the starting weights (shared by all three)"),
        Param.bool(
            "baselines",
            True,
            help="also train the course's 10-10-10-1 network (lr 0.3) and 500-tree forests "
            "for comparison (a few seconds more)",
        ),
    ],
    train=train,
    charts=[
        Chart.line("val", [f"val_{n}" for n in NORMS], title="Validation MSE", logy=True),
        Chart.figure("curves", title="Training and validation MSE, side by side"),
        Chart.figure("results", title="Best epoch of each network"),
        Chart.figure("modes", title="Train mode or eval mode?"),
        Chart.figure("baselines", title="Baselines"),
    ],
    goal=Goal(
        "Make batch norm pay: measured in eval mode, batch norm before the ReLU beats the "
        "same network without it by at least 75 in best validation MSE",
        require={"bn_gain": (">=", 75)},
        limits={"eval_mode": ("==", True)},
        hints=[
            "Compare the first two rows of the results table, not the networks with "
            "other settings: only the batch norm differs between them. With 300 hidden "
            "units they are within about 50 of each other.",
            "Batch norm changes how each hidden unit's input is scaled, and how much "
            "that matters depends on how many units there are. Try much smaller hidden "
            "layers and watch the gap between the two rows.",
            "hidden 30: 2,875 with batch norm before the ReLU against 3,075 without.",
        ],
    ),
    solution={"hidden": 30},
    quick={"epochs": 20, "baselines": False},
    quizzes=[
        Quiz.choice(
            "batch-stats",
            page=1,
            question="In training mode, BatchNorm1d normalises each unit with the mean "
            "and standard deviation of…",
            options=["all the training data, computed once", "the current batch", "the unit's weights"],
            answer=1,
            explain="Batch statistics: that is what the name means, and why a batch of "
            "one cannot be normalised in training mode.",
            why={
                0: "Statistics of all the data are what eval mode approximates with "
                "running averages; in training mode the statistics change from step to "
                "step.",
                2: "Batch norm normalises a unit's outputs, its activations, not its weights.",
            },
        ),
        Quiz.choice(
            "eval-why",
            page=3,
            question="Why call model.eval() before measuring validation MSE?",
            options=[
                "It makes the forward pass faster",
                "So batch norm uses its running averages: each patient's prediction "
                "then no longer depends on the others in the batch",
                "It stops the optimiser from updating the weights",
            ],
            answer=1,
            explain="eval() switches batch norm (and dropout) to their inference "
            "behaviour. It does not turn off gradients; torch.no_grad() does "
            "that.",
            why={
                0: "eval() changes how some layers behave, not how fast they run.",
                2: "The optimiser updates weights only when you call step(); eval() "
                "neither stops it nor turns off gradients.",
            },
        ),
    ],
)
