"""Checks of the softmax-classifier exercises (run in the checker's child process)."""

import copy

import torch
from torch import nn
from torch.nn import functional as F

SOFTMAX_FIRST = (
    "F.cross_entropy takes raw scores and applies softmax itself: your loss is the "
    "cross-entropy of probabilities (softmax applied twice). Pass it the model's output as it is"
)
ZERO_GRAD = (
    "do you call optimizer.zero_grad() before loss.backward()? Without it each step adds "
    "its gradient to those of the steps before"
)
ARGMAX = (
    "the accuracy should be the share of rows whose largest score is in the label's "
    "column: predicted = scores.argmax(dim=1), one class per row"
)


# ---------------------------------------------------------------------------- train_step


def _digits(n, seed, features=20):
    """n points of ten classes a small network can learn: the class is the largest of the
    first ten features."""
    g = torch.Generator().manual_seed(seed)
    images = torch.randn(n, features, generator=g)
    return images, images[:, :10].argmax(dim=1)


def _network(seed, features=20):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(features, 32), nn.ReLU(), nn.Linear(32, 10))


def _weights(model):
    first = next(model.parameters()).detach().flatten()[:4]
    return "first weights [" + ", ".join(f"{v:.4g}" for v in first.tolist()) + ", …]"


def _step(c, model, images, labels, optimizer, name):
    """The learner's step; checks it returns (loss, accuracy) as two Python floats."""
    got = c.call(model, images, labels, optimizer, name=name)
    c.expect(
        isinstance(got, (tuple, list)) and len(got) == 2,
        f"{name} returns (loss, accuracy)",
        "return two values, loss and accuracy: return loss.item(), accuracy",
        got=got,
    )
    c.expect(
        all(isinstance(v, float) for v in got),
        f"{name} returns two Python floats",
        "return Python floats, not tensors: loss.item(), and the accuracy's .item()",
        got=got,
    )
    return got


def _same_step(c, model, images, labels, optimizer, ref_model, ref_optimizer, name, step=1, right=""):
    """One step of the learner's and one of the reference's, from the same weights."""
    with torch.no_grad():
        scores = ref_model(images)
    want_loss, want_accuracy = c.ref(ref_model, images, labels, ref_optimizer)
    loss, accuracy = _step(c, model, images, labels, optimizer, name)
    twice = F.cross_entropy(scores.softmax(dim=1), labels).item()  # the course's mistake
    c.expect(
        abs(loss - want_loss) <= 1e-4,
        f"{name}: the loss",
        SOFTMAX_FIRST
        if abs(loss - twice) < 1e-4
        else "the loss you return is not F.cross_entropy of this step's scores and the labels",
        expected=want_loss,
        got=loss,
    )
    c.expect(
        abs(accuracy - want_accuracy) < 1e-6,
        f"{name}: the accuracy{right}",
        ARGMAX,
        expected=want_accuracy,
        got=accuracy,
    )
    same = all(torch.allclose(p, q, atol=1e-5) for p, q in zip(model.parameters(), ref_model.parameters()))
    c.expect(
        same,
        f"{name}: the weights after the step",
        f"after step {step} your weights differ from a correct step's: {ZERO_GRAD}"
        if step > 1
        else "after one step your weights differ from a correct step's: call "
        "optimizer.step() after loss.backward()",
        expected=_weights(ref_model),
        got=_weights(model),
    )


def check_train_step(c):
    # by hand: the scores are the images (identity weights): rows [3, 1, 0], [2, 0, 1],
    # [0, 2, 0] predict 0, 0, 1; the labels 0, 0, 2 make 2 of 3 right
    model = nn.Linear(3, 3, bias=False)
    with torch.no_grad():
        model.weight.copy_(torch.eye(3))
    ref_model = copy.deepcopy(model)
    images = torch.tensor([[3.0, 1.0, 0.0], [2.0, 0.0, 1.0], [0.0, 2.0, 0.0]])
    labels = torch.tensor([0, 0, 2])
    _same_step(
        c,
        model,
        images,
        labels,
        torch.optim.SGD(model.parameters(), lr=0.1),
        ref_model,
        torch.optim.SGD(ref_model.parameters(), lr=0.1),
        "by hand, scores [[3, 1, 0], [2, 0, 1], [0, 2, 0]], labels [0, 0, 2]",
        right=" (rows predict 0, 0, 1: 2 of 3 right)",
    )
    # a network, three steps of Adam from the same weights
    images, labels = _digits(48, seed=0)
    model = _network(seed=0)
    ref_model = copy.deepcopy(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    ref_optimizer = torch.optim.Adam(ref_model.parameters(), lr=0.01)
    for step in range(1, 4):
        _same_step(
            c,
            model,
            images,
            labels,
            optimizer,
            ref_model,
            ref_optimizer,
            f"48 points, 10 classes, Adam, step {step}",
            step=step,
        )
    # it trains: the loss falls 10× and every training point is classified right
    images, labels = _digits(64, seed=1)
    model = _network(seed=1)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.03)
    name = "64 points, 150 steps of Adam"
    first, _ = _step(c, model, images, labels, optimizer, name)
    for _ in range(149):
        last, accuracy = _step(c, model, images, labels, optimizer, name)
    c.expect(
        last <= first / 10 and accuracy == 1.0,
        "the loss falls 10× in 150 steps and every point ends right",
        "after 150 steps the loss did not fall 10× or some training points are still wrong",
        expected=f"loss at most {first / 10:.4g}, accuracy 1.0",
        got=f"loss {first:.4g} → {last:.4g}, accuracy {accuracy:.3g}",
    )


# ---------------------------------------------------------------------------- confusion_matrix


def _entries(counts):
    """The entries that are not 0, e.g. "[3, 3] 1, [3, 5] 1"."""
    where = counts.nonzero().tolist()
    return ", ".join(f"{ij} {counts[tuple(ij)].item()}" for ij in where[:8]) + (
        ", …" if len(where) > 8 else ""
    )


def check_confusion_matrix(c):
    c.not_using(
        "confusion_matrix",
        "metrics",
        why="count them yourself with tensor operations, not with sklearn.metrics",
    )
    labels, predicted = torch.tensor([3, 3, 5, 9]), torch.tensor([3, 5, 5, 4])
    name = "true 3, 3, 5, 9 predicted 3, 5, 5, 4: ones at [3, 3], [3, 5], [5, 5], [9, 4]"
    got = c.call(labels, predicted, name=name)
    ok = isinstance(got, torch.Tensor) and got.shape == (10, 10)
    c.expect(
        ok,
        "a 10 × 10 tensor",
        "return a 10 × 10 tensor: one row per true digit and one column per predicted "
        "digit, all ten even when some digits do not occur",
        got=got,
    )
    c.expect(
        not got.is_floating_point(),
        "counts are whole numbers (int64)",
        "counts are whole numbers: make the tensor with dtype=torch.int64 "
        "(torch.zeros gives float32 unless told otherwise)",
        got=got,
    )
    expected = c.ref(labels, predicted)
    c.expect(
        not (torch.equal(got, expected.T) and not torch.equal(got, expected)),
        "row = true digit, column = prediction",
        "rows are the true digits and columns the predictions, counts[t, p]; yours has "
        "them the other way round",
        expected=_entries(expected),
        got=_entries(got),
    )
    c.same(labels, predicted, name=name)
    g = torch.Generator().manual_seed(0)
    for n in (50, 500):
        labels = torch.randint(0, 10, (n,), generator=g)
        right = torch.rand(n, generator=g) < 0.8
        predicted = torch.where(right, labels, torch.randint(0, 10, (n,), generator=g))
        c.same(labels, predicted, name=f"{n} random digits, 80% right")
    labels = torch.randint(0, 5, (40,), generator=g)
    c.same(labels, (labels + 1) % 5, name="only digits 0-4, every one wrong: rows 5-9 are zeros")
    c.same(torch.zeros(0, dtype=torch.int64), torch.zeros(0, dtype=torch.int64), name="no digits at all")
