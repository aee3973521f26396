"""playground: the TensorFlow Playground experiment in the terminal (learnpytorch 02 circles
and blobs; playground.tensorflow.org), with cross-entropy, several classes, a regression set,
an activation per layer, a live map, and runs that resume from the last one's weights."""

import time

import numpy as np
import torch
from torch import nn

from lessons import datasets
from lessons.classification import playground_map
from lessons.classification.playground_features import DESCRIBE, parse_features
from tutor import locations, model_cache
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Heatmap
from tutor.formatting import number

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "linear": nn.Identity}
FEATURES = {  # what each input feature computes from (x1, x2)
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1**2,
    "x2^2": lambda x1, x2: x2**2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: torch.sin(x1),
    "sin(x2)": lambda x1, x2: torch.sin(x2),
}
SHOW_EVERY = 0.2  # seconds between two views of the decision map
GRID = torch.arange(-30, 31) / 5  # the map: -6, -5.8, …, 6 in both directions
COURSE_CIRCLES = "circles-course"  # learnpytorch's own circles: radius 1, so a smaller map
HEADS = ["softmax", "sigmoid"]  # one logit per class, or (two classes) one logit
SAVED = "playground-last.pt"  # the last run's weights, in $TUTOR_HOME/data/models


def parse_activations(text):
    """ "tanh" (the same after every hidden layer) or "relu, tanh" (one per hidden layer,
    the first layer's first)."""
    names = text.replace(",", " ").lower().split()
    unknown = [name for name in names if name not in ACTIVATIONS]
    if unknown:
        raise ValueError(f"unknown activation {unknown[0]!r}; choose from {', '.join(ACTIVATIONS)}")
    if not names:
        raise ValueError("name an activation")
    return names


def layer_activations(text, hidden_layers):
    """One activation name per hidden layer."""
    names = parse_activations(text)
    if len(names) == 1:
        return names * hidden_layers
    if len(names) != hidden_layers:
        raise ValueError(
            f"activation names {len(names)} functions for {hidden_layers} hidden "
            "layers: give one for every layer, or one per layer"
        )
    return names


def input_features(points, names):
    """One column per chosen feature, computed from the points' two coordinates."""
    x1, x2 = points[:, 0], points[:, 1]
    return torch.stack([FEATURES[name](x1, x2) for name in names], dim=1)


def make_model(n_inputs, activations, units, n_outputs):
    """One hidden layer of `units` per name in `activations`, each followed by its function."""
    layers, width = [], n_inputs
    for name in activations:
        layers += [nn.Linear(width, units), ACTIVATIONS[name]()]
        width = units
    layers.append(nn.Linear(width, n_outputs))  # one score (logit) per class, or one in all
    return nn.Sequential(*layers)


def loss_of(scores, y, head):
    """softmax head: cross-entropy over one logit per class; sigmoid head (two classes, as
    learnpytorch): binary cross-entropy of one logit, the score of class 1; mse (regression):
    the mean squared error of one real-valued output."""
    if head == "mse":
        return nn.functional.mse_loss(scores[:, 0], y)
    if head == "sigmoid":
        return nn.functional.binary_cross_entropy_with_logits(scores[:, 0], y.float())
    return nn.functional.cross_entropy(scores, y)


def probabilities(scores, head):
    """P(class) for every class, from either head."""
    if head == "sigmoid":
        p1 = torch.sigmoid(scores[:, 0])
        return torch.stack([1 - p1, p1], dim=1)
    return scores.softmax(dim=1)


def penalty(model, kind, rate):
    """L1 or L2 regularisation of the weights (not the biases), added to the loss."""
    weights = [layer.weight for layer in model if isinstance(layer, nn.Linear)]
    if kind == "L1":
        return rate * sum(w.abs().sum() for w in weights)
    if kind == "L2":
        return rate * sum((w**2).sum() for w in weights) / 2
    return 0.0


def accuracy(model, X, y, head):
    with torch.no_grad():
        return (probabilities(model(X), head).argmax(dim=1) == y).float().mean().item()


def map_points(span):
    """The map's axis over [-span, span] and its grid of (x1, x2) points, row by row."""
    axis = GRID * span / 6
    x2, x1 = torch.meshgrid(axis, axis, indexing="ij")  # row i is x2 = axis[i]
    return axis, torch.stack([x1.flatten(), x2.flatten()], dim=1)


def decision_map(model, names, n_classes, points, headline, previous, head, span=6.0):
    """The map over [-span, span]²: P(class 1) for two classes, else the predicted class; and
    its class grid."""
    axis, grid = map_points(span)
    device = next(model.parameters()).device
    with torch.no_grad():
        probs = probabilities(model(input_features(grid, names).to(device)), head).cpu()
    classes = probs.argmax(dim=1).reshape(len(axis), len(axis)).numpy()
    z = probs[:, 1].reshape(len(axis), len(axis)) if n_classes == 2 else classes
    summary = f"{headline}; {playground_map.describe(classes, previous, n_classes)}"
    heat = Heatmap(
        z=z,
        xs=axis,
        ys=axis,
        summary=summary,
        xlabel="x1",
        ylabel="x2",
        points=points,
        palette="classes",
        vmin=0,
        vmax=1 if n_classes == 2 else n_classes - 1,
        title="P(class 1)" if n_classes == 2 else "Predicted class",
    )
    return heat, classes


def value_map(model, names, headline):
    """Regression: the network's output over [-6, 6]², and how far it is from the true surface."""
    axis, grid = map_points(6.0)
    device = next(model.parameters()).device
    with torch.no_grad():
        predicted = model(input_features(grid, names).to(device))[:, 0].cpu()
    truth = datasets.hills_surface(grid[:, 0], grid[:, 1])
    gap = ((predicted - truth) ** 2).mean().item()
    summary = (
        f"{headline}; the map's values run from {number(predicted.min().item())} to "
        f"{number(predicted.max().item())} (the true surface: {number(truth.min().item())} to "
        f"{number(truth.max().item())}); mean squared gap to "
        f"the true surface over the map {number(gap)}"
    )
    return Heatmap(
        z=predicted.reshape(len(axis), len(axis)),
        xs=axis,
        ys=axis,
        summary=summary,
        xlabel="x1",
        ylabel="x2",
        palette="diverging",
        vmin=-1,
        vmax=1,
        title="Predicted value",
    )


def points_and_split(p):
    """(X, y, train rows, test rows): a generated set split by train_ratio, or learnpytorch's
    circles with its own 800/200 split. For the regression set y holds real-valued targets."""
    if p.dataset == COURSE_CIRCLES:
        X_train, y_train, X_test, y_test = datasets.course_circles()
        X, y = np.concatenate([X_train, X_test]), np.concatenate([y_train, y_test])
        return X, y, np.arange(len(y_train)), np.arange(len(y_train), len(y))
    if p.dataset in datasets.REGRESSION_2D:
        X, y = datasets.hills(p.points, p.noise, seed=p.seed)
    else:
        X, y = datasets.two_d(p.dataset, p.points, p.noise, seed=p.seed)
    order = np.random.default_rng(p.seed).permutation(len(y))
    n_train = round(len(y) * p.train_ratio)
    return X, y, order[:n_train], order[n_train:]


def saved_path():
    return locations.models_dir() / SAVED


def resume(model, setup, run):
    """Load the last run's weights and random state if it trained this same setup; return how
    many epochs they have had (0: starting afresh)."""
    path = saved_path()
    if not path.exists():
        run.note("resume: no earlier run saved; starting afresh")
        return 0
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
        changed = [k for k in setup if saved["setup"].get(k) != setup[k]]
    except Exception as error:  # an unreadable or foreign file: start afresh
        run.note(f"resume: {path.name} could not be read ({error}); starting afresh")
        return 0
    if changed:
        run.note(f"resume: the last run had a different {', '.join(changed)}; starting afresh")
        return 0
    model.load_state_dict(saved["weights"])
    torch.set_rng_state(saved["rng"])  # the next batches, as one long run takes
    run.note(f"resume: going on from the last run's weights, after epoch {saved['epochs']}")
    return saved["epochs"]


def save(model, setup, epochs):
    with model_cache.saving(saved_path()) as part:  # written whole, or not at all
        torch.save(
            {"setup": setup, "epochs": epochs, "rng": torch.get_rng_state(), "weights": model.state_dict()},
            part,
        )


def describe(p, run, n_train, n_test, n_classes, widths, activations):
    """Notes on the data and the network, and on the params this data set ignores."""
    regression = p.dataset in datasets.REGRESSION_2D
    task = "a real-valued target" if regression else f"{n_classes} classes"
    run.note(
        f"{p.dataset}: {n_train} training and {n_test} test points, {task}; "
        f"network {' → '.join(map(str, widths))}, activations {', '.join(activations) or 'none'}"
    )
    if regression:
        run.note("one real-valued output, mean squared error loss (head does not apply)")
    if p.dataset == COURSE_CIRCLES:
        run.note("learnpytorch's circles and split (points, noise and train_ratio do not apply)")


def resume_setup(p, names, activations, head):
    """What the last run must have shared with this one for `resume` to go on from it."""
    return {
        "dataset": p.dataset,
        "noise": p.noise,
        "points": p.points,
        "train_ratio": p.train_ratio,
        "features": names,
        "units": p.units,
        "activations": activations,
        "head": head,
        "seed": p.seed,
    }


def head_for(p, n_classes):
    """The output head: mean squared error for the regression set, else p.head."""
    if p.dataset in datasets.REGRESSION_2D:
        return "mse"
    if p.head == "sigmoid" and n_classes > 2:
        raise ValueError(
            f"the sigmoid head gives one logit, for two classes; {p.dataset} has "
            f"{n_classes}: use head = softmax"
        )
    return p.head


def scores(model, data, head, losses):
    """The map's heading: test and training MSE, or accuracy."""
    if head == "mse":
        return f"test MSE {number(losses[1])} (train {number(losses[0])})"
    X_train, y_train, X_test, y_test = data
    return (
        f"test accuracy {number(accuracy(model, X_test, y_test, head))} "
        f"(train {number(accuracy(model, X_train, y_train, head))})"
    )


def train(p, run):
    X, y, train_rows, test_rows = points_and_split(p)
    regression = p.dataset in datasets.REGRESSION_2D
    n_classes, n_train = (0 if regression else int(y.max()) + 1), len(train_rows)
    head = head_for(p, n_classes)
    order = np.concatenate([train_rows, test_rows])
    names = parse_features(p.features)
    activations = layer_activations(p.activation, p.hidden_layers)
    X_train = input_features(torch.tensor(X[train_rows]), names).to(run.device)
    X_test = input_features(torch.tensor(X[test_rows]), names).to(run.device)
    y_train = torch.tensor(y[train_rows]).to(run.device)
    y_test = torch.tensor(y[test_rows]).to(run.device)
    data = (X_train, y_train, X_test, y_test)
    shown = {"train": train_rows, "test": test_rows, "both": order}[p.show_points]
    glyphs = [] if regression else [(a, b, c) for (a, b), c in zip(X[shown].tolist(), y[shown].tolist())]

    torch.manual_seed(p.seed)
    n_outputs = n_classes if head == "softmax" else 1
    model = make_model(len(names), activations, p.units, n_outputs).to(run.device)
    widths = [len(names)] + [p.units] * p.hidden_layers + [n_outputs]
    describe(p, run, n_train, len(test_rows), n_classes, widths, activations)
    setup = resume_setup(p, names, activations, head)
    done = resume(model, setup, run) if p.resume else 0  # epochs the weights have had
    span = 1.5 if p.dataset == COURSE_CIRCLES else 6.0
    opt = torch.optim.SGD(model.parameters(), lr=p.lr)
    last_view, last_classes = 0.0, None
    for epoch in run.epochs(p.epochs):
        for batch in torch.randperm(n_train, device=run.device).split(p.batch_size):
            for group in opt.param_groups:
                group["lr"] = p.lr  # live: may change while the run goes on
            loss = loss_of(model(X_train[batch]), y_train[batch], head)
            loss = loss + penalty(model, p.regularization, p.reg_rate)
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            train_loss = loss_of(model(X_train), y_train, head).item()
            test_loss = loss_of(model(X_test), y_test, head).item()
        run.log(done + epoch, train_loss=train_loss, test_loss=test_loss, lr=p.lr)
        if time.monotonic() - last_view >= SHOW_EVERY or epoch == p.epochs - 1:
            title = f"epoch {done + epoch + 1}: {scores(model, data, head, (train_loss, test_loss))}"
            if regression:
                heat = value_map(model, names, title)
            else:
                heat, last_classes = decision_map(
                    model, names, n_classes, glyphs, title, last_classes, head, span
                )
            run.show("map", heat)
            last_view = time.monotonic()
    save(model, setup, done + p.epochs)
    metrics = {"test_loss": test_loss, "train_loss": train_loss, "epochs_trained": done + p.epochs}
    if not regression:
        metrics.update(
            test_accuracy=accuracy(model, X_test, y_test, head),
            train_accuracy=accuracy(model, X_train, y_train, head),
        )
    return metrics


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "dataset",
            "circles",
            [*datasets.TWO_D, COURSE_CIRCLES, *datasets.REGRESSION_2D],
            help="the points (blobs: 4 classes, the others 2; circles-course: "
            "learnpytorch's own circles and split; hills: a number to predict)",
        ),
        Param.float(
            "noise",
            0.1,
            lo=0.0,
            hi=0.5,
            help="jitter added to every point (0: clean shapes); on hills, to every target",
        ),
        Param.int("points", 500, lo=100, hi=2000, help="how many points the data set has"),
        Param.float("train_ratio", 0.5, lo=0.1, hi=0.9, help="share of the points used for training"),
        Param.text(
            "features",
            "x1, x2",
            check=parse_features,
            describe=DESCRIBE,
            help="inputs computed from each point, e.g. x1, x2, x1^2, x1*x2, sin(x1)",
        ),
        Param.int("hidden_layers", 2, lo=0, hi=6, help="hidden layers (0: the inputs feed the output)"),
        Param.int("units", 4, lo=1, hi=10, help="units in each hidden layer"),
        Param.text(
            "activation",
            "tanh",
            check=parse_activations,
            max_len=80,
            describe="relu, tanh, sigmoid or linear: one for all layers, or one per layer (relu, tanh)",
            help="the function after each hidden layer",
        ),
        Param.choice(
            "head",
            "softmax",
            HEADS,
            help="softmax: one logit per class, cross-entropy; sigmoid (two classes, as "
            "learnpytorch): one logit, binary cross-entropy",
        ),
        Param.float(
            "lr",
            0.03,
            lo=1e-5,
            hi=10.0,
            log=True,
            live=True,
            help="learning rate of SGD; you may change it while the run goes on",
        ),
        Param.choice(
            "regularization", "none", ["none", "L1", "L2"], help="penalty on large weights added to the loss"
        ),
        Param.float("reg_rate", 0.01, lo=0.0, hi=10.0, help="strength of the L1 or L2 penalty"),
        Param.int("batch_size", 10, lo=1, hi=1000, help="training points per SGD step"),
        Param.int("epochs", 500, lo=1, hi=5000, help="passes over the training points"),
        Param.choice(
            "show_points", "train", ["train", "test", "both"], help="which points the decision map draws"
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the data, the split and the initial weights"),
        Param.bool(
            "resume",
            False,
            help="go on from the last run's weights (same data and network); with "
            "epochs = 1, each r trains one more epoch",
        ),
    ],
    train=train,
    charts=[
        Chart.figure("map", title="Decision map"),
        Chart.line("loss", ["train_loss", "test_loss"], title="Loss per epoch (cross-entropy; MSE on hills)"),
        Chart.line("lr", ["lr"], title="Learning rate in use", logy=True),
    ],
    goal=Goal(
        "Separate the circles with a linear activation: 95% test accuracy",
        require={"test_accuracy": (">=", 0.95)},
        limits={"dataset": ("==", "circles"), "activation": ("==", "linear")},
        hints=[
            "With activation = linear the whole network is one linear function of its "
            "inputs, so with inputs x1, x2 its boundary is a straight line. Change what "
            "goes in, not the network.",
            "A circle around the centre is where x1² + x2² is constant. Which input "
            "features would make that a straight line?",
            "features = x1^2, x2^2 (activation linear, the other defaults) reaches about 0.99.",
        ],
    ),
    solution={"activation": "linear", "features": "x1^2, x2^2"},
    quick={"epochs": 3, "points": 200},
    quizzes=[
        Quiz.choice(
            "linear-circles",
            page=1,
            question="Circles, activation linear, inputs x1 and x2, 6 layers of 8 units. "
            "What test accuracy do you expect?",
            options=["about 50%", "about 75%", "close to 100%"],
            answer=0,
            explain="Linear layers compose into one linear map, whose boundary is one "
            "straight line. Any line through two nested rings gets about half "
            "of the points wrong.",
            why={
                1: "Stacked linear layers still draw one straight boundary; ask how many "
                "points of two nested rings a straight line can get right.",
                2: "Close to 100% needs a closed boundary around the inner ring, and "
                "without a nonlinear activation 6 layers draw the same kind of "
                "boundary as 1.",
            },
        ),
        Quiz.choice(
            "live-lr",
            page=3,
            question="The loss curve is flat and high and the map barely moves. What is "
            "the cheapest thing to try first?",
            options=["Restart with more layers", "Raise the learning rate while it runs", "Add noise"],
            answer=1,
            explain="A too-small learning rate crawls. lr is live: raise it and watch the "
            "next epochs speed up, without losing what was learned.",
            why={
                0: "A restart throws away what was learned, and more layers do not make "
                "each step bigger; a flat, high curve says the steps are too small.",
                2: "Noise makes the data harder to fit, not the learning faster.",
            },
        ),
    ],
)
