"""losses: softmax, cross-entropy for one point and for a batch, the "normalised sigmoid",
and BCE vs MSE for two classes (aiaioo ex 430–480, parrt notebook 5)."""

import re

import torch
import torch.nn.functional as F

from lessons.classification.views import number_text, tensor_text
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Multiples, Plot, Series, Table
from tutor.formatting import number

COURSE_BATCH = ((6.0, 2.0, 1.9), (5.0, 2.0, 1.9), (4.0, 2.0, 1.9))  # ex 450's three points
COURSE_TARGETS = [0, 0, 0]
SLIDE_50 = (4.0, 5.0, 6.0, 10.0)  # values of f1 on slide 50


def parse_targets(text):
    labels = [v for v in re.split(r"[,\s]+", text.strip()) if v]
    if len(labels) != 3 or any(v not in ("0", "1") for v in labels):
        raise ValueError("the batch needs three class labels, each 0 or 1")
    return [int(v) for v in labels]


def log_softmax_by_hand(scores):
    shifted = scores - scores.max(dim=1, keepdim=True).values  # same ratios, exp cannot overflow
    return shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))


def softmax_by_hand(scores):
    return torch.exp(log_softmax_by_hand(scores))  # exp(c) / sum of exp(c): each row sums to 1


def cross_entropy_by_hand(scores, targets):
    log_p = log_softmax_by_hand(scores)
    return -log_p[torch.arange(len(targets)), targets].mean()  # −log p(right class), averaged


def cross_entropy(scores, targets, softmax_first=False):
    if softmax_first:  # the mistake: cross_entropy applies softmax
        scores = scores.softmax(dim=1)  # itself, so this squashes twice
    return F.cross_entropy(scores, targets)  # takes raw scores (logits) and class indices


def normalised_sigmoid(scores):
    s = torch.sigmoid(scores)
    return s / s.sum(dim=1, keepdim=True)


def point_steps(f, W, target, softmax_first):
    """The one-point computation, a row per step: (name, how, value)."""
    c = f @ W
    e = torch.exp(c)
    p = softmax_by_hand(c)
    ce_hand = cross_entropy_by_hand(c, target)
    ce = cross_entropy(c, target, softmax_first)
    s = torch.sigmoid(c)
    ns = normalised_sigmoid(c)
    nll = -torch.log(ns[0, target[0]])
    torch_says = (
        "F.cross_entropy(c.softmax(dim=1), y)  ← mistake" if softmax_first else "F.cross_entropy(c, y)"
    )
    rows = [
        ["features f", "your point", f[0]],
        ["scores c", "f @ W", c[0]],
        ["exp(c)", "torch.exp(c)", e[0]],
        ["sum of exp(c)", "e.sum()", e.sum()],
        ["softmax, by hand", "exp(c) / sum of exp(c)", p[0]],
        ["softmax, PyTorch", "c.softmax(dim=1)", c.softmax(dim=1)[0]],
        ["cross-entropy, by hand", f"−log p[{target[0]}]", ce_hand],
        ["cross-entropy, PyTorch", torch_says, ce],
        ["sigmoid(c)", "1 / (1 + exp(−c))", s[0]],
        ["normalised sigmoid", "sigmoid(c) / sum", ns[0]],
        ["its NLL", f"−log of it at class {target[0]}", nll],
    ]
    values = {
        "softmax_p0": p[0, 0],
        "softmax_p1": p[0, 1],
        "ce_point": ce,
        "ce_point_by_hand": ce_hand,
        "nsig_p0": ns[0, 0],
        "nsig_p1": ns[0, 1],
        "nsig_nll": nll,
    }
    return rows, {k: v.item() + 0.0 for k, v in values.items()}  # + 0.0: no "-0"


def batch_table(batch, W, targets, softmax_first):
    c = batch @ W
    p = softmax_by_hand(c)
    losses = -log_softmax_by_hand(c)[torch.arange(len(targets)), targets]
    mean_by_hand = cross_entropy_by_hand(c, targets)
    ce = cross_entropy(c, targets, softmax_first)
    rows = [
        [
            f"row {i + 1}",
            tensor_text(batch[i]),
            tensor_text(c[i]),
            tensor_text(p[i]),
            targets[i].item(),
            losses[i].item(),
        ]
        for i in range(len(targets))
    ]
    rows.append(["mean, by hand", "", "", "", "", mean_by_hand.item()])
    rows.append(["F.cross_entropy", "", "", "", tensor_text(targets), ce.item()])
    agree = abs(ce - mean_by_hand).item() < 1e-6
    torch_says = "agrees" if agree else f"says {number_text(ce.item())}, NOT the same"
    summary = (
        f"batch cross-entropy = mean of the rows' −log p(target) = "
        f"{number_text(mean_by_hand.item())}; PyTorch {torch_says}"
    )
    return (
        Table(
            ["", "features", "scores", "softmax", "target", "−log p(target)"],
            rows,
            summary=summary,
            highlight=[] if agree else [len(rows) - 1],
            title="Cross-entropy over a batch",
        ),
        mean_by_hand.item(),
        ce.item(),
    )


def slide_50(f, W, target, softmax_first):
    """Cross-entropy and the normalised sigmoid's NLL as f1 grows (the other features kept)."""
    f1_values = sorted(set(SLIDE_50) | {f[0, 0].item()})
    rows, here = [], None
    for i, f1 in enumerate(f1_values):
        g = f.clone()
        g[0, 0] = f1
        c = g @ W
        p_soft = softmax_by_hand(c)[0, target[0]]
        p_sig = normalised_sigmoid(c)[0, target[0]]
        rows.append(
            [
                f1,
                tensor_text(c[0]),
                p_soft.item(),
                cross_entropy(c, target, softmax_first).item(),
                p_sig.item(),
                -torch.log(p_sig).item(),
            ]
        )
        if f1 == f[0, 0].item():
            here = i
    first, last = rows[0], rows[-1]
    summary = (
        f"as f1 goes from {first[0]:g} to {last[0]:g}, cross-entropy goes {number(first[3])} → "
        f"{number(last[3])}, the normalised sigmoid's NLL {number(first[5])} → {number(last[5])} "
        f"(class {target[0]}; your f1 is highlighted)"
    )
    return Table(
        ["f1", "scores c", "softmax p(target)", "cross-entropy", "norm. sigmoid p(target)", "its NLL"],
        rows,
        summary=summary,
        highlight=[here],
        title="The loss as f1 grows (slide 50)",
    )


def loss_curves(f, W, target, softmax_first):
    f1 = torch.linspace(-10, 20, 121)
    points = f.repeat(len(f1), 1)
    points[:, 0] = f1
    c = points @ W
    y = target.repeat(len(f1))
    ce = F.cross_entropy(c, y, reduction="none")
    nll = -torch.log(normalised_sigmoid(c)[torch.arange(len(f1)), y])
    series = [Series("cross-entropy (softmax)", f1, ce), Series("normalised sigmoid NLL", f1, nll)]
    if softmax_first:
        wrong = F.cross_entropy(c.softmax(dim=1), y, reduction="none")
        series.append(Series("cross_entropy(softmax(c)) (mistake)", f1, wrong))
    lowest = [min(s.y) + 0.0 for s in series]  # + 0.0: no "-0"
    summary = (
        "lowest values over f1 in −10..20: "
        + ", ".join(f"{s.name} {number(v)}" for s, v in zip(series, lowest))
        + f" (class {target[0].item()}; the vertical line is your f1)"
    )
    return Plot(series, summary=summary, xlabel="f1", ylabel="loss", vlines=[(f[0, 0].item(), "your f1")])


def bce_vs_mse():
    """Two classes, one score z, p = sigmoid(z), the true class is 1: the loss and its slope."""
    z = torch.linspace(-8, 8, 161, requires_grad=True)
    p = torch.sigmoid(z)
    bce = F.binary_cross_entropy(p, torch.ones_like(p), reduction="none")
    mse = (p - 1) ** 2
    (bce_slope,) = torch.autograd.grad(bce.sum(), z, retain_graph=True)  # p is shared by both
    (mse_slope,) = torch.autograd.grad(mse.sum(), z)
    z, i = z.detach(), 20  # z[20] = −6: confidently wrong
    summary = (
        f"confidently wrong (z = {number(z[i].item())}, p = {number(p[i].item())}): "
        f"BCE {number(bce[i].item())}, slope {number(bce_slope[i].item())}; "
        f"MSE {number(mse[i].item())}, slope {number(mse_slope[i].item())}: MSE barely pushes z up"
    )
    return Multiples(
        [
            Plot(
                [Series("BCE  −log p", z, bce.detach()), Series("MSE  (1 − p)²", z, mse.detach())],
                summary="BCE grows without limit as z goes wrong; MSE stops at 1",
                xlabel="score z (true class 1)",
                ylabel="loss",
                title="Loss",
            ),
            Plot(
                [Series("BCE slope", z, bce_slope), Series("MSE slope", z, mse_slope)],
                summary="BCE's slope is p − 1; MSE's vanishes when p is near 0",
                xlabel="score z (true class 1)",
                ylabel="d loss / dz",
                title="Slope (what training follows)",
            ),
        ],
        summary=summary,
        title="Two classes: BCE vs MSE on p = sigmoid(z)",
    )


def train(p, run):
    f = torch.tensor(p.point)  # 1×3: one point
    W = torch.tensor(p.W)  # 3×2: one column per class
    target = torch.tensor([p.target])
    batch = torch.tensor(p.batch)
    targets = torch.tensor(parse_targets(p.targets))
    rows, metrics = point_steps(f, W, target, p.softmax_into_cross_entropy)
    gap = abs(metrics["ce_point"] - metrics["ce_point_by_hand"])
    shown = [[name, how, tensor_text(v)] for name, how, v in rows]
    run.show(
        "point",
        Table(
            ["step", "how", "value"],
            shown,
            reveal=True,
            highlight=[7] if gap > 1e-6 else [],
            summary=f"scores {shown[1][2]} → softmax {shown[4][2]} → cross-entropy "
            f"{shown[6][2]} (PyTorch {shown[7][2]}); normalised sigmoid "
            f"{shown[9][2]} → NLL {shown[10][2]}",
            title=f"One point, class {p.target}: press . for each step",
        ),
    )
    run.show("slide50", slide_50(f, W, target, p.softmax_into_cross_entropy))
    run.show("curves", loss_curves(f, W, target, p.softmax_into_cross_entropy))
    table, batch_by_hand, batch_ce = batch_table(batch, W, targets, p.softmax_into_cross_entropy)
    run.show("batch", table)
    run.show("bce", bce_vs_mse())
    course_batch = p.batch == COURSE_BATCH and targets.tolist() == COURSE_TARGETS
    return {
        **metrics,
        "ce_batch": batch_ce,
        "ce_batch_by_hand": batch_by_hand,
        "max_abs_difference_hand_vs_torch": max(gap, abs(batch_ce - batch_by_hand)),
        "course_batch": int(course_batch),
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.matrix(
            "point", [[6, 2, 1.9]], shape=(1, 3), lo=-100, hi=100, help="the features f1 f2 f3 of one point"
        ),
        Param.int("target", 0, lo=0, hi=1, help="the point's true class, 0 or 1"),
        Param.matrix(
            "W",
            [[1, 0], [0, 1], [0, 1]],
            shape=(3, 2),
            lo=-100,
            hi=100,
            help="weights: a row per feature, a column per class (default: toy 2's ideal)",
        ),
        Param.matrix(
            "batch",
            COURSE_BATCH,
            shape=(3, 3),
            lo=-100,
            hi=100,
            help="three points, one per row, for the batch loss",
        ),
        Param.text(
            "targets",
            "0 0 0",
            max_len=20,
            check=parse_targets,
            describe="three class labels, each 0 or 1, such as 0 1 0",
            help="the true classes of the three batch points",
        ),
        Param.bool(
            "softmax_into_cross_entropy",
            False,
            help="mistake: apply softmax before F.cross_entropy (which applies it again)",
        ),
    ],
    train=train,
    charts=[
        Chart.figure("point", title="One point, step by step"),
        Chart.figure("slide50", title="The loss as f1 grows"),
        Chart.figure("curves", title="Cross-entropy vs normalised sigmoid"),
        Chart.figure("batch", title="A batch"),
        Chart.figure("bce", title="BCE vs MSE"),
    ],
    goal=Goal(
        "Make the model sure and right on the course's batch: batch cross-entropy at most "
        "0.01, changing only W",
        require={"ce_batch": ("<=", 0.01), "course_batch": ("==", 1)},
        hints=[
            "Cross-entropy is small when the right class's score is far ahead of the "
            "other. Which row of the batch has the smallest lead for class 0?",
            "Row 3 (f1 = 4) scores [4, 3.9]: class 0 leads by only 0.1. Multiplying W by "
            "a number multiplies every score, and every lead, by it.",
            "W = 50 0; 0 50; 0 50 makes row 3's lead 5 and its loss about 0.007; the "
            "batch loss, the mean over the three rows, is about 0.002.",
        ],
    ),
    solution={"W": "50 0; 0 50; 0 50"},
    quick={},
    quizzes=[
        Quiz.number(
            "tie",
            page=0,
            question="The scores are c = [2, 2]. What is the softmax probability of class 0?",
            answer=0.5,
            tol=1e-6,
            explain="exp(2) / (exp(2) + exp(2)) = 1/2: equal scores, "
            "equal probabilities, whatever the score is.",
            nudge="Softmax divides each exp(score) by the sum of all of them.",
        ),
        Quiz.number(
            "coin",
            page=1,
            question="The model gives the right class probability 0.5. "
            "What is the cross-entropy (natural log)? Three decimals.",
            answer=0.693,
            tol=0.0006,
            explain="−ln 0.5 = ln 2 ≈ 0.693, the loss of a coin toss.",
            nudge="Cross-entropy is −ln of the probability given to the right class.",
        ),
        Quiz.choice(
            "mse-slow",
            page=4,
            question="The true class is 1 but the model says p = 0.002. Why does MSE on "
            "p = sigmoid(z) learn slowly here?",
            options=[
                "MSE is small there, about 0.002",
                "The sigmoid is flat there, and MSE's slope keeps that factor; BCE's "
                "log cancels it, leaving p − 1",
                "BCE and MSE have the same slope; only the learning rate matters",
            ],
            answer=1,
            explain="d/dz (1 − p)² = −2(1 − p)·p(1 − p), tiny when p ≈ 0. For BCE, "
            "d/dz −log p = p − 1 ≈ −1: a full push.",
            why={
                0: "The error is 1 − 0.002 ≈ 1, so the squared error is close to 1, near "
                "its largest, not small.",
                2: "Their slopes differ: differentiate each with respect to z and compare "
                "the factors the sigmoid brings in.",
            },
        ),
    ],
)
