"""logistic-regression: wine classes 0 and 1 from proline and alcohol (parrt notebook 5,
learnpytorch 02): sigmoid, binary cross-entropy, accuracy, the decision boundary."""

import numpy as np
import torch
from torch import nn

from lessons import datasets
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Heatmap, Multiples, Table

FEATURES = ("proline", "alcohol")
ACTIVATIONS = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU, "tanh": nn.Tanh}


def split_rows(n, test_fraction, seed):
    """Row indices (train, test) from a seeded shuffle; no test rows when test_fraction is 0."""
    order = np.random.default_rng(seed).permutation(n)
    n_test = round(n * test_fraction)
    return order[n_test:], order[:n_test]


def make_model(hidden, activation, layers=1):
    """Two inputs to one logit: logistic regression (hidden = 0) or `layers` hidden layers."""
    if hidden == 0:
        return nn.Linear(2, 1)
    blocks, width = [], 2
    for _ in range(layers):
        blocks += [nn.Linear(width, hidden), ACTIVATIONS[activation]()]
        width = hidden
    return nn.Sequential(*blocks, nn.Linear(hidden, 1))


def boundary_bend(p_grid):
    """How far the p = 0.5 boundary strays from a straight line: the RMS distance of the
    boundary cells from their best-fitting line, as a fraction of the map's size (None if
    the map holds no boundary)."""
    side = p_grid > 0.5
    edge = np.zeros_like(side)
    edge[:, :-1] |= side[:, :-1] != side[:, 1:]
    edge[:-1, :] |= side[:-1, :] != side[1:, :]
    rows, cols = np.nonzero(edge)
    if len(rows) < 3:
        return None
    pts = np.stack([cols / (side.shape[1] - 1), rows / (side.shape[0] - 1)], axis=1)
    pts = pts - pts.mean(axis=0)
    smallest = np.linalg.svd(pts, compute_uv=False)[-1]
    return float(smallest / np.sqrt(len(pts)))


def boundary_map(model, to_input, X, y, train_text, test_text="", train_rows=None, test_rows=()):
    """P(class 1) on a grid over the raw features (all wines' range), with every wine drawn
    as a glyph; with held-out wines, the same map twice side by side, the training wines on
    one and the held-out wines on the other. Also the boundary's bend (None: no boundary)."""
    cols, rows = 80, 40
    pad = 0.05 * (X.max(axis=0) - X.min(axis=0))
    xs = np.linspace(X[:, 0].min() - pad[0], X[:, 0].max() + pad[0], cols)
    ys = np.linspace(X[:, 1].min() - pad[1], X[:, 1].max() + pad[1], rows)
    gx, gy = np.meshgrid(xs, ys)  # row i is alcohol = ys[i]
    grid = to_input(np.stack([gx.ravel(), gy.ravel()], axis=1))
    with torch.no_grad():
        p = torch.sigmoid(model(grid)).reshape(rows, cols).cpu().numpy()
    bend = boundary_bend(p)
    if bend is None:
        shape = "the whole map is one class (no boundary in view)"
    elif bend < 0.01:
        shape = f"the p = 0.5 boundary is a straight line (bend {bend:.1%} of the map)"
    else:
        shape = f"the p = 0.5 boundary curves (bend {bend:.1%} of the map; a line scores under 1%)"
    about = f"{shape}; class 1 covers {np.mean(p > 0.5):.1%} of the map"
    title = f"P(class 1) over {FEATURES[0]} × {FEATURES[1]}"

    def panel(shown, text, which):
        points = [(a, b, int(c)) for (a, b), c in zip(X[shown].tolist(), y[shown].tolist())]
        return Heatmap(
            z=p,
            xs=xs,
            ys=ys,
            summary=f"{text}; {about}",
            xlabel=FEATURES[0],
            ylabel=FEATURES[1],
            points=points,
            palette="classes",
            vmin=0.0,
            vmax=1.0,
            title=which,
        )

    if not len(test_rows):
        return panel(np.arange(len(y)), train_text, f"{title}, with every wine"), bend
    maps = [
        panel(train_rows, train_text, f"the {len(train_rows)} training wines"),
        panel(test_rows, test_text, f"the {len(test_rows)} held-out wines"),
    ]
    return Multiples(maps, summary=f"{train_text}, {test_text}; {about}", title=title), bend


def pipeline_table(X, y, logits, test_rows):
    """Logits -> probabilities -> labels for the rows the model gets wrong, then a few more."""
    prob = torch.sigmoid(logits).cpu().numpy()
    logits = logits.cpu().numpy()
    wrong = np.nonzero((prob > 0.5) != (y == 1))[0]
    right = np.nonzero((prob > 0.5) == (y == 1))[0]
    shown = list(wrong[:6]) + list(right[: 8 - min(len(wrong), 6)])
    rows = [
        [
            X[i, 0],
            X[i, 1],
            round(float(logits[i]), 3),
            round(float(prob[i]), 3),
            int(prob[i] > 0.5),
            int(y[i]),
            "test" if i in test_rows else "train",
        ]
        for i in shown
    ]
    summary = (
        f"{len(wrong)} of {len(y)} wines are on the wrong side of p = 0.5 (highlighted); "
        "a wine is called class 1 when its logit is above 0, i.e. P(class 1) above 0.5"
    )
    return Table(
        ["proline", "alcohol", "logit", "P(class 1)", "predicted", "class", "set"],
        rows,
        summary=summary,
        highlight=list(range(min(len(wrong), 6))),
        title="Logits → probabilities → labels",
    )


def stability_table():
    """Loss and gradient for a class-0 example whose logit is z, computed both ways."""
    z = torch.tensor([1.0, 5.0, 10.0, 16.0, 17.0, 50.0, 120.0], requires_grad=True)
    target = torch.zeros_like(z)
    stable = nn.functional.binary_cross_entropy_with_logits(z, target, reduction="none")
    (stable_grad,) = torch.autograd.grad(stable.sum(), z)
    p = torch.sigmoid(z)
    course = nn.functional.binary_cross_entropy(p, target, reduction="none")
    (course_grad,) = torch.autograd.grad(course.sum(), z)
    rows = [
        [a, b, c, d, e, f]
        for a, b, c, d, e, f in zip(
            z.tolist(),
            p.tolist(),
            stable.tolist(),
            stable_grad.tolist(),
            course.tolist(),
            course_grad.tolist(),
        )
    ]
    summary = (
        "from z = 17, float32 rounds sigmoid(z) to exactly 1: Sigmoid + BCELoss then reports "
        "100 (its cap) and a gradient of 0, while BCEWithLogitsLoss gives z and a gradient of 1"
    )
    return Table(
        ["logit z", "sigmoid(z)", "BCEWithLogits", "its gradient", "Sigmoid+BCELoss", "its gradient"],
        rows,
        summary=summary,
        highlight=[4, 5, 6],
        title="A confident wrong answer (true class 0), scored both ways",
    )


def versus_table(p, m, n_train, n_test):
    """The curled boundary against a straight one trained on the same split."""
    rows = [
        ["logistic regression (a line)", m["line_train_accuracy"], m["line_test_accuracy"]],
        [f"{p.hidden} hidden {p.activation} units (a curve)", m["train_accuracy"], m["test_accuracy"]],
        ["curve − line", m["train_gain"], m["test_gain"]],
    ]
    summary = (
        f"the curve gains {m['train_gain'] * n_train:+.0f} of {n_train} training wines and "
        f"{m['test_gain'] * n_test:+.0f} of {n_test} held-out wines over the line"
    )
    return Table(
        ["model", "training accuracy", "test accuracy"],
        rows,
        summary=summary,
        highlight=[2],
        title="A curve against a line, on the same held-out wines",
    )


def fit(model, data, p, steps, run=None):
    """Adam on all training wines at once, one step per item of `steps`; with `run`, logs
    loss and accuracy (training and test) at each step. Returns the last training loss."""
    X_train, y_train, X_test, y_test = data
    opt = torch.optim.Adam(model.parameters(), lr=p.lr)
    for epoch in steps:
        logits = model(X_train).squeeze(1)
        if p.sigmoid_then_bce:  # the course's way
            loss = nn.functional.binary_cross_entropy(torch.sigmoid(logits), y_train)
        else:  # the stable way
            loss = nn.functional.binary_cross_entropy_with_logits(logits, y_train)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if run is None:
            continue
        train_accuracy = ((logits > 0) == (y_train == 1)).float().mean()
        run.log(epoch, train_loss=loss.item(), train_accuracy=train_accuracy.item())
        if len(y_test):
            with torch.no_grad():
                test_logits = model(X_test).squeeze(1)
                test_loss = nn.functional.binary_cross_entropy_with_logits(test_logits, y_test)
                test_accuracy = ((test_logits > 0) == (y_test == 1)).float().mean()
            run.log(epoch, test_loss=test_loss.item(), test_accuracy=test_accuracy.item())
    return loss


def gains_over_line(metrics, line_right, train_rows, test_rows):
    """The line's accuracies (line_right: right or wrong, per wine) and the curve's gains."""
    line_train, line_test = float(line_right[train_rows].mean()), float(line_right[test_rows].mean())
    return {
        "line_train_accuracy": line_train,
        "line_test_accuracy": line_test,
        "train_gain": metrics["train_accuracy"] - line_train,
        "test_gain": metrics["test_accuracy"] - line_test,
    }


def train(p, run):
    X, y = datasets.wine(*FEATURES)  # 130 wines, classes 0 and 1
    train_rows, test_rows = split_rows(len(y), p.test_fraction, p.seed)
    mean, std = X[train_rows].mean(axis=0), X[train_rows].std(axis=0)  # training rows only
    if not p.standardize:
        mean, std = np.zeros(2), np.ones(2)

    def to_input(raw):  # raw features -> model input
        return torch.tensor((raw - mean) / std, dtype=torch.float32, device=run.device)

    X_train, X_test = to_input(X[train_rows]), to_input(X[test_rows])
    y_train = torch.tensor(y[train_rows], dtype=torch.float32, device=run.device)
    y_test = torch.tensor(y[test_rows], dtype=torch.float32, device=run.device)
    run.note(
        f"wine classes 0 and 1: {len(y)} rows ({np.sum(y == 0)} + {np.sum(y == 1)}), "
        f"{len(train_rows)} to train on, {len(test_rows)} held out for testing"
    )

    data = (X_train, y_train, X_test, y_test)

    def correct(model):  # right or wrong, per wine
        with torch.no_grad():
            return (model(to_input(X)).squeeze(1) > 0).cpu().numpy() == (y == 1)

    torch.manual_seed(p.seed)
    model = make_model(p.hidden, p.activation, p.layers).to(run.device)
    loss = fit(model, data, p, run.epochs(p.epochs), run)

    with torch.no_grad():
        all_logits = model(to_input(X)).squeeze(1)
        probs = torch.sigmoid(all_logits)
    right = correct(model)
    metrics = {
        "train_accuracy": float(right[train_rows].mean()),
        "train_correct": int(right[train_rows].sum()),
        "train_loss": loss.item(),
        "saturated": int(((probs == 0) | (probs == 1)).sum()),
    }  # exactly 0 or 1 in float32
    train_text, test_text = f"training accuracy {metrics['train_correct']}/{len(train_rows)}", ""
    if len(test_rows):
        metrics["test_accuracy"] = float(right[test_rows].mean())
        test_text = f"test accuracy {int(right[test_rows].sum())}/{len(test_rows)}"
    if len(test_rows) and p.hidden:  # the same split, the same steps, no hidden layer
        torch.manual_seed(p.seed)
        line = make_model(0, p.activation).to(run.device)
        fit(line, data, p, range(p.epochs))
        metrics.update(gains_over_line(metrics, correct(line), train_rows, test_rows))
        run.show("versus", versus_table(p, metrics, len(train_rows), len(test_rows)))
    if p.sigmoid_then_bce and metrics["saturated"]:
        run.note(
            f"{metrics['saturated']} of {len(y)} outputs are exactly 0 or 1 in float32: "
            "through Sigmoid + BCELoss their gradient is 0"
        )
    heat, bend = boundary_map(model, to_input, X, y, train_text, test_text, train_rows, test_rows)
    if bend is not None:
        metrics["boundary_bend"] = bend
    run.show("boundary", heat)
    run.show("pipeline", pipeline_table(X, y, all_logits, set(test_rows.tolist())))
    run.show("stability", stability_table())
    return metrics


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.int(
            "hidden", 0, lo=0, hi=64, help="units in a hidden layer (0: logistic regression, no hidden layer)"
        ),
        Param.choice(
            "activation",
            "sigmoid",
            list(ACTIVATIONS),
            help="the function after the hidden layer (unused when hidden = 0)",
        ),
        Param.int(
            "layers", 1, lo=1, hi=2, help="hidden layers of `hidden` units each (unused when hidden = 0)"
        ),
        Param.float("lr", 0.05, lo=1e-4, hi=1.0, log=True, help="learning rate of Adam"),
        Param.int("epochs", 1000, lo=1, hi=20000, help="training steps, each on all training rows"),
        Param.float(
            "test_fraction",
            0.0,
            lo=0.0,
            hi=0.5,
            help="share of the rows held out for testing (0: train on all, as the course did)",
        ),
        Param.bool(
            "standardize",
            True,
            help="rescale each feature to mean 0, std 1 (statistics from the training rows)",
        ),
        Param.bool(
            "sigmoid_then_bce",
            False,
            help="the course's loss: Sigmoid, then BCELoss (try it with standardize off)",
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the train/test split and initial weights"),
    ],
    train=train,
    charts=[
        Chart.line("loss", ["train_loss", "test_loss"], title="Binary cross-entropy per step"),
        Chart.line("accuracy", ["train_accuracy", "test_accuracy"], title="Accuracy per step"),
        Chart.figure("boundary", title="Decision boundary"),
        Chart.figure("versus", title="Curve vs line"),
        Chart.figure("pipeline", title="Logits → labels"),
        Chart.figure("stability", title="Why logits"),
    ],
    goal=Goal(
        "Catch a curve flattering itself: with at least 20% of the wines held out, a "
        "hidden layer of 10 or more units that beats the line by 2 points or more on "
        "its training wines but not on the held-out ones",
        require={"train_gain": (">=", 0.02), "test_gain": ("<=", 0.0)},
        limits={"test_fraction": (">=", 0.2), "hidden": (">=", 10)},
        hints=[
            "Hold wines out (test_fraction 0.3) and give the model a hidden layer of 10: "
            "the run then also trains logistic regression on the same split and shows "
            "both in the Curve vs line tab.",
            "A curve can reach wines a line cannot, so its training accuracy rises. "
            "Whether it also wins on wines it never saw is what the test column says. "
            "With 39 test wines one wine is 2.6 points, so look at a few seeds.",
            "test_fraction = 0.3, hidden = 10 (sigmoid), seed 0: training 91 of 91 "
            "against the line's 86, test 37 of 39 against the line's 38.",
        ],
    ),
    solution={"test_fraction": 0.3, "hidden": 10},
    quick={"epochs": 50},
    quizzes=[
        Quiz.number(
            "p-of-zero",
            page=0,
            question="A wine's logit is exactly 0. What probability of class 1 does the model give it?",
            answer=0.5,
            tol=1e-9,
            explain="sigmoid(0) = 1 / (1 + e⁰) = 1/2: the wine sits on the boundary.",
            nudge="Put z = 0 into sigmoid(z) = 1 / (1 + e^(−z)).",
        ),
        Quiz.choice(
            "why-logits",
            page=2,
            question="Why does the lesson feed logits to BCEWithLogitsLoss rather than "
            "probabilities to BCELoss?",
            options=[
                "It trains faster on every data set",
                "It computes the loss from the logit directly, so a very confident "
                "wrong answer still gets its true loss and a gradient",
                "BCELoss cannot handle two classes",
            ],
            answer=1,
            explain="Once float32 rounds sigmoid(z) to exactly 0 or 1, BCELoss sees log 0: "
            "it caps the loss at 100 and the gradient through the sigmoid is 0.",
            why={
                0: "Speed is not the point, and no loss is faster on every data set. "
                "Think about what happens when sigmoid(z) rounds to exactly 0 or 1.",
                2: "Two classes are exactly what BCELoss is for: it is binary cross-entropy.",
            },
        ),
        Quiz.choice(
            "line",
            page=3,
            question="With hidden = 0, what shape is the boundary p = 0.5?",
            options=["Always a straight line", "A circle", "Whatever the data need"],
            answer=0,
            explain="p = 0.5 where the logit w1·x1 + w2·x2 + b is 0: the equation of a line.",
            why={
                1: "A circle needs squared terms such as x1², and with no hidden layer "
                "the logit is only w1·x1 + w2·x2 + b.",
                2: "Without a hidden layer the model cannot bend anything: write down "
                "where w1·x1 + w2·x2 + b equals 0.",
            },
        ),
    ],
)
