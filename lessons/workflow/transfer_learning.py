"""transfer-learning: pre-train a small CNN on the digits 0-4, reuse its layers frozen under a
new last layer for the digits 5-9 with a few examples each, and compare with the same network
trained from scratch on the same examples (learnpytorch 06, done offline; reference result 85)."""

import copy

import numpy as np
import torch
from torch import nn

from lessons import mnist
from tutor import locations, model_cache
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Images, Table
from tutor.formatting import number, plural

OLD_DIGITS, NEW_DIGITS = [0, 1, 2, 3, 4], [5, 6, 7, 8, 9]
FREEZE = ["conv + dense", "conv only", "nothing"]


def conv_layers():
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 16 maps of 14×14
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 32 maps of 7×7
        nn.Flatten(),
    )


def dense_layer():
    return nn.Sequential(nn.Linear(32 * 7 * 7, 64), nn.ReLU())


def network():
    """conv layers -> dense layer -> last layer: one output per digit of its five."""
    return nn.Sequential(conv_layers(), dense_layer(), nn.Linear(64, 5))


def reuse(pretrained, freeze):
    """The pre-trained layers, frozen up to the cut; the layers above the cut are new."""
    convs, dense, _ = copy.deepcopy(pretrained)  # its last layer knew 0-4: dropped
    if freeze == "conv + dense":
        convs.requires_grad_(False)
        dense.requires_grad_(False)
    elif freeze == "conv only":
        convs.requires_grad_(False)
        dense = dense_layer()
    return nn.Sequential(convs, dense, nn.Linear(64, 5))


def weights(model, trainable_only=False):
    return sum(w.numel() for w in model.parameters() if w.requires_grad or not trainable_only)


# ----------------------------------------------------------------- data


def pick(images, labels, digits, device, per_digit=None, rng=None):
    """The images of these digits (all, or `per_digit` of each picked at random) as floats in
    0..1 [N, 1, 28, 28]; labels renumbered 0-4 (digit 5 is output 0 of a new-digits network)."""
    if per_digit is None:
        rows = np.flatnonzero(np.isin(labels, digits))
    else:
        rows = np.concatenate([rng.permutation(np.flatnonzero(labels == d))[:per_digit] for d in digits])
    x = torch.tensor(images[rows], dtype=torch.float32).unsqueeze(1) / 255
    return x.to(device), torch.tensor(labels[rows] - digits[0]).to(device)


# ----------------------------------------------------------------- training


def one_epoch(model, optimizer, x, y, order):
    shuffled = torch.randperm(len(y), generator=order).to(y.device)
    total = 0.0
    for start in range(0, len(y), 64):
        batch = shuffled[start : start + 64]
        loss = nn.functional.cross_entropy(model(x[batch]), y[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(batch)
    return total / len(y)


def accuracy(model, x, y):
    with torch.inference_mode():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def adam(model, lr):
    return torch.optim.Adam([w for w in model.parameters() if w.requires_grad], lr=lr)


def cache_path(p, data):
    which = "full" if data.source.startswith("full") else "bundled"
    name = f"transfer-pretrained-{which}-seed{p.seed}-{p.pretrain_each}x{p.pretrain_epochs}.pt"
    return locations.models_dir() / name


def pretrain(p, data, run):
    """The network trained on the digits 0-4; read from the cache when these settings ran before."""
    torch.manual_seed(p.seed)
    net = network().to(run.device)
    if not p.pretrained:
        run.note("pre-training skipped: the reused layers keep their random starting weights")
        return net, None, "skipped"
    path = cache_path(p, data)
    cached = (
        model_cache.load(
            path, run, lambda saved: (net.load_state_dict(saved["model"]), float(saved["test_accuracy"]))[1]
        )
        if p.reuse
        else None
    )
    if cached is not None:
        run.note(f"pre-training: loaded from {path}")
        return net, cached, "cached"
    torch.manual_seed(p.seed)  # (a file that failed to load may have
    net = network().to(run.device)  # changed some weights)
    rng = np.random.default_rng(p.seed)
    x, y = pick(data.train_images, data.train_labels, OLD_DIGITS, run.device, p.pretrain_each, rng)
    x_test, y_test = pick(data.test_images, data.test_labels, OLD_DIGITS, run.device)
    optimizer, order = adam(net, 1e-3), torch.Generator().manual_seed(p.seed)
    for epoch in run.epochs(p.pretrain_epochs):
        run.log(epoch + 1, pretrain_loss=one_epoch(net, optimizer, x, y, order))
    test_accuracy = accuracy(net, x_test, y_test)
    with model_cache.saving(path) as part:
        torch.save({"model": net.state_dict(), "test_accuracy": test_accuracy}, part)
    run.note(
        f"pre-training: {number(len(y))} digits 0-4, {plural(p.pretrain_epochs, 'epoch')}; saved as {path}"
    )
    return net, test_accuracy, "trained"


# ----------------------------------------------------------------- what the run shows


def comparison(p, pre_accuracy, transfer, scratch, accuracies, examples):
    total = weights(scratch)
    pre_row = [
        "pre-trained on 0-4",
        "digits 0-4" if p.pretrained else "nothing (random)",
        f"{number(total)} / {number(total)}",
        pre_accuracy if pre_accuracy is not None else "—",
    ]
    rows = [
        pre_row,
        [
            f"reused, frozen: {p.freeze}",
            f"{examples} digits 5-9",
            f"{number(weights(transfer, True))} / {number(weights(transfer))}",
            accuracies[0],
        ],
        ["from scratch", f"{examples} digits 5-9", f"{number(total)} / {number(total)}", accuracies[1]],
    ]
    gap = accuracies[0] - accuracies[1]
    return Table(
        ["model", "trained on", "trainable / all weights", "test accuracy"],
        rows,
        summary=f"{plural(p.shots, 'example')} per digit: reused ({p.freeze} frozen) "
        f"{number(accuracies[0])} vs from scratch {number(accuracies[1])}, "
        f"{100 * gap:+.1f} points; the first row is scored on digits 0-4",
        highlight=[1],
        title=f"Test accuracy on the held-out digits 5-9 after {plural(p.epochs, 'epoch')}",
    )


def disagreements(transfer, scratch, x, y, per_digit=2):
    with torch.inference_mode():
        t, s = transfer(x).argmax(dim=1), scratch(x).argmax(dim=1)
    n_t = int(((t == y) & (s != y)).sum())
    n_s = int(((s == y) & (t != y)).sum())
    differ = (t == y) != (s == y)
    rows = [i for d in range(5) for i in torch.nonzero(differ & (y == d)).flatten()[:per_digit].tolist()]
    t, s, y = (t + 5).tolist(), (s + 5).tolist(), (y + 5).tolist()  # outputs 0-4 are digits 5-9
    mark = {True: "✓", False: "✗"}
    captions = [f"{y[i]}: reused {t[i]}{mark[t[i] == y[i]]} scratch {s[i]}{mark[s[i] == y[i]]}" for i in rows]
    return Images(
        [x[i, 0].cpu() for i in rows],
        captions,
        title="Test digits only one model gets right",
        summary=f"the reused network alone is right on {n_t} test digits, the scratch "
        f"network alone on {n_s}; up to {per_digit} of each digit shown, true digit first",
    )


def train(p, run):
    data = mnist.load(seed=p.seed)
    run.note(data.source)
    pretrained, pre_accuracy, pretraining = pretrain(p, data, run)

    rng = np.random.default_rng(p.seed)  # the few examples of 5-9
    x, y = pick(data.train_images, data.train_labels, NEW_DIGITS, run.device, p.shots, rng)
    x_test, y_test = pick(data.test_images, data.test_labels, NEW_DIGITS, run.device)
    if len(y) < 5 * p.shots:
        run.note(f"only {len(y)} training digits 5-9 exist; all are used")

    torch.manual_seed(p.seed + 1)
    transfer = reuse(pretrained, p.freeze).to(run.device)
    run.note(
        f"trainable weights: {number(weights(transfer))} before freezing, "
        f"{number(weights(transfer, trainable_only=True))} after (freeze = {p.freeze})"
    )
    torch.manual_seed(p.seed + 1)
    scratch = network().to(run.device)
    models = {"transfer": transfer, "scratch": scratch}
    optimizers = {name: adam(model, p.lr) for name, model in models.items()}
    orders = {name: torch.Generator().manual_seed(p.seed) for name in models}  # same batches

    every = max(1, p.epochs // 25)
    for epoch in run.epochs(p.epochs):
        for name, model in models.items():
            loss = one_epoch(model, optimizers[name], x, y, orders[name])
            run.log(epoch + 1, **{f"{name}_loss": loss})
        if (epoch + 1) % every == 0 or epoch + 1 == p.epochs:
            run.log(
                epoch + 1,
                **{f"{name}_accuracy": accuracy(model, x_test, y_test) for name, model in models.items()},
            )

    accuracies = [accuracy(transfer, x_test, y_test), accuracy(scratch, x_test, y_test)]
    run.show("compare", comparison(p, pre_accuracy, transfer, scratch, accuracies, len(y)))
    run.show("disagree", disagreements(transfer, scratch, x_test, y_test))
    metrics = {
        "transfer_accuracy": accuracies[0],
        "scratch_accuracy": accuracies[1],
        "advantage": accuracies[0] - accuracies[1],
        "examples": len(y),
        "trainable_before": weights(transfer),
        "trainable_after": weights(transfer, True),
        "pretraining": pretraining,
    }
    if pre_accuracy is not None:
        metrics["pretrain_accuracy"] = pre_accuracy
    return metrics


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.int("shots", 10, lo=1, hi=400, help="training examples of each new digit 5-9"),
        Param.choice(
            "freeze",
            FREEZE[0],
            FREEZE,
            help="pre-trained layers kept frozen; the layers above them are new and learn",
        ),
        Param.int("epochs", 50, lo=1, hi=500, help="passes over the few examples, the same for both models"),
        Param.float("lr", 0.001, lo=1e-5, hi=1.0, log=True, help="Adam's learning rate, for both models"),
        Param.bool(
            "pretrained",
            True,
            help="false: skip pre-training, so the reused layers keep random weights (a control)",
        ),
        Param.int("pretrain_epochs", 5, lo=1, hi=50, help="passes over the digits 0-4 in pre-training"),
        Param.int(
            "pretrain_each",
            400,
            lo=10,
            hi=6000,
            help="pre-training images of each digit 0-4 (the bundled set has 400)",
        ),
        Param.bool(
            "reuse", True, help="reuse the pre-trained network saved by an earlier run with these settings"
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the data split, examples, weights and batches"),
    ],
    train=train,
    charts=[
        Chart.line(
            "accuracy",
            ["transfer_accuracy", "scratch_accuracy"],
            title="Test accuracy on digits 5-9: reused vs from scratch",
        ),
        Chart.line(
            "loss", ["transfer_loss", "scratch_loss"], title="Training loss on the few examples", logy=True
        ),
        Chart.figure("compare", title="Reused vs from scratch"),
        Chart.figure("disagree", title="Where they differ"),
        Chart.line("pretraining", ["pretrain_loss"], title="Pre-training loss on digits 0-4"),
    ],
    goal=Goal(
        "With 10 examples per digit, bring a reused, frozen network to 80% on the digits 5-9, "
        "within 2 points of training from scratch",
        require={"transfer_accuracy": (">=", 0.8), "advantage": (">=", -0.02)},
        limits={"shots": ("<=", 10), "pretrained": ("==", True), "freeze": ("!=", "nothing")},
        hints=[
            "Which layers know something about 5-9? The dense layer was trained only to tell 0-4 apart.",
            "Freeze less: keep the conv layers' general stroke detectors, and let a new "
            "dense layer learn from the examples of 5-9.",
            "freeze = conv only, with everything else at its default.",
        ],
    ),
    solution={"freeze": "conv only"},
    quick={"shots": 2, "epochs": 2, "pretrain_epochs": 1, "pretrain_each": 20},
    quizzes=[
        Quiz.number(
            "trainable",
            page=1,
            question="With freeze = conv + dense, only the new last layer learns: 64 inputs, "
            "5 outputs. How many trainable weights is that, biases included?",
            answer=325,
            tol=0,
            explain="64 × 5 weights + 5 biases = 325, out of 105,541 in the network.",
            nudge="A Linear layer has inputs × outputs weights plus one bias per output.",
        ),
        Quiz.choice(
            "which-layers",
            page=3,
            question="Why does freezing the dense layer hurt on 5-9 here?",
            options=[
                "Frozen layers cannot compute anything",
                "It learned features that tell 0-4 apart, and the new digits need others",
                "The new last layer has too many weights for 50 examples",
            ],
            answer=1,
            explain="Late layers specialise in the task they were trained on; early layers "
            "(edges, strokes) serve many tasks. Cut lower and a new dense layer "
            "can learn what 5-9 need.",
            why={
                0: "A frozen layer still computes its output; only its weights stop changing.",
                2: "The new last layer has the same size whatever is frozen; what changes "
                "is which layers beneath it can adapt.",
            },
        ),
    ],
)
