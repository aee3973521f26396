"""regularization: weight decay (an L2 penalty) and early stopping on the diabetes network;
one run trains a model per decay and shows them side by side (parrt notebook 3)."""

import re

import torch
from torch import nn

from lessons.generalisation import diabetes
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Multiples, Plot, Table
from tutor.formatting import number, plural

MAX_DECAYS = 6
OPTIMIZERS = {"Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW}


def parse_decays(text):
    """ "0, 0.3, 0.6, 100" → [0.0, 0.3, 0.6, 100.0]; a ValueError says what is wrong."""
    words = [w for w in re.split(r"[,;\s]+", text.strip()) if w]
    if not words:
        raise ValueError("give at least one weight decay")
    if len(words) > MAX_DECAYS:
        raise ValueError(f"at most {MAX_DECAYS} weight decays")
    decays = []
    for word in words:
        try:
            decay = float(word)
        except ValueError:
            raise ValueError(f"{word!r} is not a number") from None
        if not 0 <= decay <= 1000:
            raise ValueError(f"{word} is outside 0 to 1000")
        decays.append(decay)
    return decays


def make_model(hidden, dropout=0.0, where="hidden"):
    """10 → hidden ReLU units → 1, with dropout (probability `dropout`) on the inputs or on
    the hidden units. Dropout is active in train mode only."""
    layers = [nn.Linear(10, hidden), nn.ReLU(), nn.Linear(hidden, 1)]
    if dropout:
        layers.insert(0 if where == "input" else 2, nn.Dropout(dropout))
    return nn.Sequential(*layers)


def curves_figure(fits):
    """One panel per weight decay: training and validation MSE per epoch, best epoch marked."""
    plots = []
    for decay, fit in fits:
        plots.append(
            Plot(
                [diabetes.curve("training", fit.train_mse), diabetes.curve("validation", fit.val_mse)],
                title=f"wd {decay:g}: validation {number(fit.val_mse[-1])}",
                xlabel="epoch",
                logy=True,
                vlines=[(fit.best_epoch, "best")],
                summary=f"wd {decay:g}: lowest validation MSE {number(fit.best_mse)} "
                f"at epoch {fit.best_epoch}.",
            )
        )
    finals = "; ".join(
        f"wd {d:g}: training {number(f.train_mse[-1])}, validation {number(f.val_mse[-1])}" for d, f in fits
    )
    return Multiples(plots, summary=f"After {plural(len(fits[0][1].val_mse), 'epoch')}: {finals}.")


def mean_prediction(model, data):
    """The average prediction over the validation patients (their average target is 147)."""
    model.eval()
    with torch.no_grad():
        return model(data.x_val).mean().item()


def decay_table(fits, data):
    rows = [
        [
            decay,
            fit.train_mse[-1],
            fit.val_mse[-1],
            mean_prediction(fit.model, data),
            fit.best_mse,
            fit.best_epoch,
        ]
        for decay, fit in fits
    ]
    lowest = min(range(len(rows)), key=lambda i: rows[i][2])
    biased = max(range(len(rows)), key=lambda i: rows[i][1])
    target = data.y_val.mean().item()
    return Table(
        [
            "weight decay",
            "final training MSE",
            "final validation MSE",
            "mean prediction",
            "best validation MSE",
            "best epoch",
        ],
        rows,
        highlight=[lowest],
        summary=f"Lowest final validation MSE: wd {rows[lowest][0]:g} "
        f"({number(rows[lowest][2])}). Highest training MSE, the most biased "
        f"model: wd {rows[biased][0]:g} ({number(rows[biased][1])}; it predicts "
        f"{number(rows[biased][3])} on average where the patients average "
        f"{number(target)}).",
    )


def train(p, run):
    data = diabetes.load(run.device)
    fits = []
    for decay in parse_decays(p.decays):
        torch.manual_seed(p.seed)  # every model starts from the same weights
        model = make_model(p.hidden, p.dropout, p.dropout_at).to(run.device)
        fits.append(
            (decay, diabetes.Fit(model, data, lr=p.lr, weight_decay=decay, optimizer=OPTIMIZERS[p.optimizer]))
        )

    for epoch in run.epochs(p.epochs):
        for decay, fit in fits:  # one Adam step for each model
            fit.epoch()
        if epoch % 50 == 49 or epoch == p.epochs - 1:
            run.show("curves", curves_figure(fits))

    run.show("table", decay_table(fits, data))
    metrics = {}
    for decay, fit in fits:
        metrics[f"final_train_mse_wd{decay:g}"] = fit.train_mse[-1]
        metrics[f"final_val_mse_wd{decay:g}"] = fit.val_mse[-1]
        metrics[f"best_val_mse_wd{decay:g}"] = fit.best_mse
    decay, fit = min(fits, key=lambda df: df[1].val_mse[-1])
    metrics.update(lowest_final_val_mse=fit.val_mse[-1], decay_of_lowest=decay)
    return metrics


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.text(
            "decays",
            "0, 0.3, 0.6, 100",
            max_len=80,
            check=parse_decays,
            describe=f"1 to {MAX_DECAYS} numbers from 0 to 1000, separated by commas",
            help="weight decays to compare: one model is trained for each",
        ),
        Param.float("lr", 0.05, lo=1e-4, hi=1.0, log=True, help="learning rate of Adam"),
        Param.int("epochs", 1000, lo=1, hi=10000, help="training steps, each over all 353 training patients"),
        Param.int("hidden", 150, lo=1, hi=1000, help="ReLU units in the hidden layer"),
        Param.choice(
            "optimizer",
            "Adam",
            list(OPTIMIZERS),
            help="Adam adds decay·w to the gradient (L2); AdamW shrinks the weights "
            "directly after each step (decoupled)",
        ),
        Param.float(
            "dropout",
            0.0,
            lo=0.0,
            hi=0.9,
            help="probability of zeroing each unit in every training step (0: no dropout)",
        ),
        Param.choice(
            "dropout_at",
            "hidden",
            ["hidden", "input"],
            help="where the dropout goes: on the 150 hidden units, or on the 10 inputs",
        ),
        Param.int(
            "seed", 0, lo=0, hi=2**31 - 1, help="seeds the starting weights (the same for every decay)"
        ),
    ],
    train=train,
    charts=[
        Chart.figure("curves", title="Training and validation MSE per weight decay"),
        Chart.figure("table", title="Final and best validation MSE"),
    ],
    goal=Goal(
        "Curb over-fitting with weight decay alone: a final validation MSE below 3,200",
        require={"lowest_final_val_mse": ("<", 3200)},
        limits={"dropout": ("==", 0.0)},
        hints=[
            "Decay 0 over-fits (training MSE low, validation high); decay 100 cannot "
            "fit at all (both high). The answer lies between.",
            "Try decays above 0.6: the final validation MSE keeps improving for a while "
            "as the decay grows, before the bias takes over.",
            "decays 0, 1.5, 10, 100: decay 10 ends near 3,100.",
        ],
    ),
    solution={"decays": "0, 1.5, 10, 100"},
    quick={"epochs": 20, "decays": "0, 100"},
    quizzes=[
        Quiz.choice(
            "huge-decay",
            page=2,
            question="With weight decay 100, training and validation MSE both stay "
            "above 5,000. What is wrong with that model?",
            options=[
                "It over-fits: it has memorised the training patients",
                "It under-fits: the penalty keeps it too simple to follow the data",
                "The learning rate is too high",
            ],
            answer=1,
            explain="Both errors are high and close together: the model is biased, not "
            "noisy. Over-fitting shows as a low training and a high validation "
            "error.",
            why={
                0: "Over-fitting shows as a low training error beside a high validation "
                "error; here the training error is high too.",
                2: "A too-high learning rate makes the loss jump about or diverge, not "
                "settle high; what changed here is the penalty.",
            },
        ),
        Quiz.choice(
            "adam-l2",
            page=3,
            question="torch.optim.Adam(params, weight_decay=wd) adds wd·w to each "
            "weight's gradient. What does that do to the loss being minimised?",
            options=[
                "Adds (wd/2)·Σw² to it, an L2 penalty",
                "Nothing: it only changes the learning rate",
                "Adds wd·Σ|w| to it, an L1 penalty",
            ],
            answer=0,
            explain="The gradient of (wd/2)·w² is wd·w, so adding wd·w to the gradient "
            "is gradient descent on the loss plus an L2 penalty.",
            why={
                1: "Adding wd·w changes each step's direction, not only its size, so the "
                "minimum moves: ask which penalty has wd·w as its gradient.",
                2: "The gradient of |w| is its sign, ±1, not w; ask which penalty has wd·w as its gradient.",
            },
        ),
    ],
)
