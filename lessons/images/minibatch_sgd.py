"""minibatch-sgd: batch vs mini-batch gradient descent, shuffling with a permutation every
epoch, and the batch-size sweep 8/64/128/256 (parrt notebook 8)."""

import math
import re
import time

import torch
from torch import nn

from lessons import mnist
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Multiples, Plot, Series, Table
from tutor.formatting import number, plural, seconds

# Validation accuracy of the best model per batch size, read from the course's figure
# (784-50-10, Adam 0.001, 50 epochs, 8,000 training images).
COURSE_ACCURACY = {8: 0.966, 64: 0.961, 128: 0.955, 256: 0.953}
SIZES_RULE = "one to six batch sizes from 1 to 60000, separated by commas, e.g. 8,64,128,256"


def parse_batch_sizes(text):
    parts = [s for s in re.split(r"[,\s]+", text.strip()) if s]
    if not parts or not all(s.isdigit() for s in parts):
        raise ValueError("write whole numbers separated by commas")
    sizes = [int(s) for s in parts]
    if len(sizes) > 6 or len(set(sizes)) != len(sizes):
        raise ValueError("give one to six different sizes")
    if not all(1 <= s <= 60000 for s in sizes):
        raise ValueError("each size must be from 1 to 60000")
    return sizes


def as_vectors(images, device):
    return (torch.tensor(images).reshape(len(images), 784).float() / 255).to(device)


def epoch_order(n, with_replacement, device):
    if with_replacement:  # the course's mistake
        return torch.randint(0, n, (n,), device=device)  # n draws: some rows twice, some never
    return torch.randperm(n, device=device)  # every row exactly once


def train_one_epoch(model, optimizer, X, y, batch_size, order):
    batch_losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        loss = nn.functional.cross_entropy(model(X[rows]), y[rows])
        optimizer.zero_grad()
        loss.backward()  # the gradient of this batch only
        optimizer.step()  # one update per batch
        batch_losses.append(loss.item())
    return batch_losses


def evaluate(model, X, y):
    with torch.no_grad():
        scores = model(X)
        return nn.functional.cross_entropy(scores, y).item(), (scores.argmax(1) == y).float().mean().item()


def train(p, run):
    data = mnist.load(seed=p.seed)
    run.note(data.source)
    n = min(p.train_size, len(data.train_labels))
    X_train, y_train = (
        as_vectors(data.train_images[:n], run.device),
        torch.tensor(data.train_labels[:n]).to(run.device),
    )
    X_val, y_val = as_vectors(data.test_images, run.device), torch.tensor(data.test_labels).to(run.device)
    results, plots, step = [], [], 0
    sizes = parse_batch_sizes(p.batch_sizes)
    for i in run.steps(len(sizes)):  # one progress bar and ETA for every size
        size = sizes[i]
        updates = plural(math.ceil(n / size), "update")
        run.note(f"batch size {size}: {updates} per epoch, {plural(p.epochs, 'epoch')}")
        torch.manual_seed(p.seed)  # the same starting weights for every size
        model = nn.Sequential(nn.Linear(784, p.hidden), nn.ReLU(), nn.Linear(p.hidden, 10)).to(run.device)
        optimizer = torch.optim.Adam(model.parameters(), lr=p.lr)
        history, elapsed = [], 0.0
        for epoch in run.epochs(p.epochs):
            order = epoch_order(n, p.with_replacement, run.device)
            start = time.perf_counter()
            batch_losses = train_one_epoch(model, optimizer, X_train, y_train, size, order)
            elapsed += time.perf_counter() - start
            val_loss, val_accuracy = evaluate(model, X_val, y_val)
            never_seen = n - len(order.unique())
            history.append((batch_losses, val_loss, val_accuracy, never_seen))
            run.log(step, rows_never_seen=never_seen)
            step += 1
        results.append(summarise(size, n, history, elapsed / p.epochs))
        plots.append(run_plot(size, history, results[-1]))
        run.show("runs", runs_figure(plots, results))
        run.show("results", results_table(results, n))
    return metrics(results)


# ------------------------------------------------------------------ what the run shows


def summarise(size, n, history, seconds_per_epoch):
    """The course kept the model of the epoch with the lowest validation loss."""
    best = min(range(len(history)), key=lambda e: history[e][1])
    return {
        "size": size,
        "updates": math.ceil(n / size),
        "seconds": seconds_per_epoch,
        "best_epoch": best + 1,
        "val_loss": history[best][1],
        "val_accuracy": history[best][2],
        "never_seen": sum(h[3] for h in history) / len(history),
    }


def run_plot(size, history, result, points=120):
    xs, ys = [], []
    for epoch, (losses, *_) in enumerate(history):
        every = max(1, len(losses) * len(history) // points)
        for i in range(0, len(losses), every):
            xs.append(epoch + (i + 1) / len(losses))
            ys.append(losses[i])
    epochs = list(range(1, len(history) + 1))
    return Plot(
        [
            Series("batch loss", xs, ys, faint=True),
            Series("validation loss", epochs, [h[1] for h in history], style="points"),
        ],
        summary=f"batch {size}: validation accuracy {number(result['val_accuracy'])}",
        xlabel="epoch",
        ylabel="loss",
        title=f"batch {size}: val acc {number(result['val_accuracy'])}",
    )


def runs_figure(plots, results):
    accs = ", ".join(f"{r['size']} → {number(r['val_accuracy'])}" for r in results)
    return Multiples(
        plots,
        cols=2,
        title="Loss of each batch (line) and validation loss (points)",
        summary=f"validation accuracy by batch size: {accs}; the line of batch "
        "losses is noisier the smaller the batch",
    )


def results_table(results, n):
    best = max(range(len(results)), key=lambda i: results[i]["val_accuracy"])
    rows = [
        [
            r["size"],
            r["updates"],
            round(r["seconds"], 3),
            r["best_epoch"],
            round(r["val_loss"], 4),
            round(r["val_accuracy"], 3),
            COURSE_ACCURACY.get(r["size"], "—"),
        ]
        for r in results
    ]
    slowest = max(results, key=lambda r: r["seconds"])
    return Table(
        [
            "batch size",
            "updates per epoch",
            "seconds per epoch",
            "best epoch",
            "val loss",
            "val accuracy",
            "course (8,000 images)",
        ],
        rows,
        highlight=[best],
        title=f"One model per batch size, same epochs, {number(n)} training images",
        summary=f"best validation accuracy {number(results[best]['val_accuracy'])} with batch "
        f"{results[best]['size']}; the slowest epoch: batch {slowest['size']} "
        f"({seconds(slowest['seconds'])})",
    )


def metrics(results):
    best = max(results, key=lambda r: r["val_accuracy"])
    largest = max(results, key=lambda r: r["size"])
    out = {
        "best_accuracy": best["val_accuracy"],
        "best_batch_size": best["size"],
        "largest_batch": largest["size"],
        "largest_batch_accuracy": largest["val_accuracy"],
        "rows_never_seen": sum(r["never_seen"] for r in results) / len(results),
    }
    for r in results:
        out[f"val_accuracy_{r['size']}"] = r["val_accuracy"]
        out[f"seconds_per_epoch_{r['size']}"] = r["seconds"]
    return out


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.text(
            "batch_sizes",
            "8,64,128,256",
            max_len=40,
            check=parse_batch_sizes,
            describe=SIZES_RULE,
            help="the batch sizes to compare: one model is trained for each",
        ),
        Param.int("epochs", 10, lo=1, hi=100, help="passes over the training data, the same for every size"),
        Param.float(
            "lr", 0.001, lo=1e-5, hi=1.0, log=True, help="learning rate of Adam, the same for every size"
        ),
        Param.int("hidden", 50, lo=1, hi=1024, help="hidden units of the 784-hidden-10 network"),
        Param.int(
            "train_size",
            8000,
            lo=100,
            hi=60000,
            help="at most this many training images (the bundled set has 4,000)",
        ),
        Param.bool(
            "with_replacement",
            False,
            help="the course's shuffling mistake, in each epoch: draw n rows at random with replacement",
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the split, the initial weights and the order"),
    ],
    train=train,
    charts=[
        Chart.figure("runs", title="One run per batch size"),
        Chart.figure("results", title="Results"),
        Chart.line(
            "coverage",
            ["rows_never_seen"],
            title="Training rows never seen in an epoch",
            x="epoch (the runs one after another)",
        ),
    ],
    goal=Goal(
        "Make batch 256 as good as the small batches: 92% validation accuracy in at most 10 epochs",
        require={"largest_batch": (">=", 256), "largest_batch_accuracy": (">=", 0.92)},
        limits={"epochs": ("<=", 10)},
        hints=[
            "A batch of 256 makes only 16 updates per epoch on 4,000 images, a batch of 8 "
            "makes 500. In 10 epochs the big batch has simply moved less.",
            "The gradient of a big batch is less noisy, so the big batch can take bigger "
            "steps: raise the learning rate.",
            "batch_sizes = 256 and lr = 0.005 (about five times the default).",
        ],
    ),
    solution={"batch_sizes": "256", "lr": 0.005},
    quick={"batch_sizes": "64,256", "epochs": 1, "train_size": 500},
    quizzes=[
        Quiz.number(
            "updates",
            page=1,
            question="4,000 training images, batch size 64: how many updates (optimizer "
            "steps) make one epoch?",
            answer=63,
            tol=0,
            explain="62 full batches of 64 use 3,968 images; the last 32 form a 63rd, smaller batch.",
            nudge="Each step uses one batch, and the images left over that do not fill a "
            "batch still make one.",
        ),
        Quiz.choice(
            "never-seen",
            page=2,
            question="Drawing n row numbers with replacement out of n, about what share "
            "of the rows is never drawn?",
            options=["about 1%", "about 37%", "about 50%"],
            answer=1,
            explain="Each row is missed by one draw with probability 1 − 1/n, by all n "
            "draws with (1 − 1/n)ⁿ ≈ 1/e ≈ 0.37.",
            why={
                0: "Too few: each draw misses a given row with probability 1 − 1/n, and "
                "the row escapes all n draws much more often than 1 time in 100.",
                2: "Work out (1 − 1/n)ⁿ, the chance a row escapes all n draws, for a large n such as 1,000.",
            },
        ),
    ],
)
