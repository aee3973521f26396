"""playground: the TensorFlow Playground experiment in the terminal (learnpytorch 02 circles
and blobs; playground.tensorflow.org), with cross-entropy, several classes and a live map."""

import time

import numpy as np
import torch
from torch import nn

from lessons import datasets
from lessons.classification import playground_map
from lessons.classification.playground_features import DESCRIBE, parse_features
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Heatmap

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "linear": nn.Identity}
FEATURES = {                                  # what each input feature computes from (x1, x2)
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 ** 2,
    "x2^2": lambda x1, x2: x2 ** 2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: torch.sin(x1),
    "sin(x2)": lambda x1, x2: torch.sin(x2),
}
SHOW_EVERY = 0.2                              # seconds between two views of the decision map
GRID = torch.arange(-30, 31) / 5               # the map: -6, -5.8, …, 6 in both directions


def input_features(points, names):
    """One column per chosen feature, computed from the points' two coordinates."""
    x1, x2 = points[:, 0], points[:, 1]
    return torch.stack([FEATURES[name](x1, x2) for name in names], dim=1)


def make_model(n_inputs, hidden_layers, units, activation, n_classes):
    layers, width = [], n_inputs
    for _ in range(hidden_layers):
        layers += [nn.Linear(width, units), ACTIVATIONS[activation]()]
        width = units
    layers.append(nn.Linear(width, n_classes))          # one score (logit) per class
    return nn.Sequential(*layers)


def penalty(model, kind, rate):
    """L1 or L2 regularisation of the weights (not the biases), added to the loss."""
    weights = [layer.weight for layer in model if isinstance(layer, nn.Linear)]
    if kind == "L1":
        return rate * sum(w.abs().sum() for w in weights)
    if kind == "L2":
        return rate * sum((w ** 2).sum() for w in weights) / 2
    return 0.0


def accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


def decision_map(model, names, n_classes, points, headline, previous):
    """The map: P(class 1) for two classes, else the predicted class; and its class grid."""
    x2, x1 = torch.meshgrid(GRID, GRID, indexing="ij")          # row i is x2 = GRID[i]
    grid = torch.stack([x1.flatten(), x2.flatten()], dim=1)
    device = next(model.parameters()).device
    with torch.no_grad():
        probs = model(input_features(grid, names).to(device)).softmax(dim=1).cpu()
    classes = probs.argmax(dim=1).reshape(len(GRID), len(GRID)).numpy()
    z = probs[:, 1].reshape(len(GRID), len(GRID)) if n_classes == 2 else classes
    summary = f"{headline}; {playground_map.describe(classes, previous, n_classes)}"
    heat = Heatmap(z=z, xs=GRID, ys=GRID, summary=summary, xlabel="x1", ylabel="x2",
                   points=points, palette="classes", vmin=0, vmax=1 if n_classes == 2 else n_classes - 1,
                   title="P(class 1)" if n_classes == 2 else "Predicted class")
    return heat, classes


def train(p, run):
    X, y = datasets.two_d(p.dataset, p.points, p.noise, seed=p.seed)
    n_classes = int(y.max()) + 1
    order = np.random.default_rng(p.seed).permutation(len(y))
    n_train = round(len(y) * p.train_ratio)
    train_rows, test_rows = order[:n_train], order[n_train:]
    names = parse_features(p.features)
    X_train = input_features(torch.tensor(X[train_rows]), names).to(run.device)
    X_test = input_features(torch.tensor(X[test_rows]), names).to(run.device)
    y_train = torch.tensor(y[train_rows]).to(run.device)
    y_test = torch.tensor(y[test_rows]).to(run.device)
    shown = {"train": train_rows, "test": test_rows, "both": order}[p.show_points]
    glyphs = [(a, b, c) for (a, b), c in zip(X[shown].tolist(), y[shown].tolist())]

    torch.manual_seed(p.seed)
    model = make_model(len(names), p.hidden_layers, p.units, p.activation, n_classes).to(run.device)
    widths = [len(names)] + [p.units] * p.hidden_layers + [n_classes]
    run.note(f"{p.dataset}: {n_train} training and {len(test_rows)} test points, {n_classes} classes; "
             f"network {' → '.join(map(str, widths))}")
    opt = torch.optim.SGD(model.parameters(), lr=p.lr)
    last_view, last_classes = 0.0, None
    for epoch in run.epochs(p.epochs):
        for batch in torch.randperm(n_train, device=run.device).split(p.batch_size):
            for group in opt.param_groups:
                group["lr"] = p.lr                       # live: may change while the run goes on
            loss = nn.functional.cross_entropy(model(X_train[batch]), y_train[batch])
            loss = loss + penalty(model, p.regularization, p.reg_rate)
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            train_loss = nn.functional.cross_entropy(model(X_train), y_train).item()
            test_loss = nn.functional.cross_entropy(model(X_test), y_test).item()
        run.log(epoch, train_loss=train_loss, test_loss=test_loss, lr=p.lr)
        if time.monotonic() - last_view >= SHOW_EVERY or epoch == p.epochs - 1:
            headline = (f"epoch {epoch + 1}: test accuracy {accuracy(model, X_test, y_test):.2f} "
                        f"(train {accuracy(model, X_train, y_train):.2f})")
            heat, last_classes = decision_map(model, names, n_classes, glyphs, headline, last_classes)
            run.show("map", heat)
            last_view = time.monotonic()
    return {"test_accuracy": accuracy(model, X_test, y_test),
            "train_accuracy": accuracy(model, X_train, y_train),
            "test_loss": test_loss, "train_loss": train_loss}


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice("dataset", "circles", datasets.TWO_D,
                     help="the points to classify (blobs has 4 classes, the others 2)"),
        Param.float("noise", 0.1, lo=0.0, hi=0.5, help="jitter added to every point (0: clean shapes)"),
        Param.int("points", 500, lo=100, hi=2000, help="how many points the data set has"),
        Param.float("train_ratio", 0.5, lo=0.1, hi=0.9, help="share of the points used for training"),
        Param.text("features", "x1, x2", check=parse_features, describe=DESCRIBE,
                   help="inputs computed from each point, e.g. x1, x2, x1^2, x1*x2, sin(x1)"),
        Param.int("hidden_layers", 2, lo=0, hi=6, help="hidden layers (0: the inputs feed the output)"),
        Param.int("units", 4, lo=1, hi=8, help="units in each hidden layer"),
        Param.choice("activation", "tanh", list(ACTIVATIONS), help="the function after every hidden layer"),
        Param.float("lr", 0.03, lo=1e-5, hi=10.0, log=True, live=True,
                    help="learning rate of SGD; you may change it while the run goes on"),
        Param.choice("regularization", "none", ["none", "L1", "L2"],
                     help="penalty on large weights added to the loss"),
        Param.float("reg_rate", 0.01, lo=0.0, hi=10.0, help="strength of the L1 or L2 penalty"),
        Param.int("batch_size", 10, lo=1, hi=1000, help="training points per SGD step"),
        Param.int("epochs", 500, lo=1, hi=5000, help="passes over the training points"),
        Param.choice("show_points", "train", ["train", "test", "both"],
                     help="which points the decision map draws"),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the data, the split and the initial weights"),
    ],
    train=train,
    charts=[Chart.figure("map", title="Decision map"),
            Chart.line("loss", ["train_loss", "test_loss"], title="Cross-entropy per epoch"),
            Chart.line("lr", ["lr"], title="Learning rate in use", logy=True)],
    goal=Goal("Separate the circles with a linear activation: 95% test accuracy",
              require={"test_accuracy": (">=", 0.95)},
              limits={"dataset": ("==", "circles"), "activation": ("==", "linear")},
              hints=["With activation = linear the whole network is one linear function of its "
                     "inputs, so with inputs x1, x2 its boundary is a straight line. Change what "
                     "goes in, not the network.",
                     "A circle around the centre is where x1² + x2² is constant. Which input "
                     "features would make that a straight line?",
                     "features = x1^2, x2^2 (activation linear, the other defaults) reaches "
                     "about 0.99."]),
    solution={"activation": "linear", "features": "x1^2, x2^2"},
    quick={"epochs": 3, "points": 200},
    quizzes=[
        Quiz.choice("linear-circles", page=1,
                    question="Circles, activation linear, inputs x1 and x2, 6 layers of 8 units. "
                             "What test accuracy do you expect?",
                    options=["about 50%", "about 75%", "close to 100%"], answer=0,
                    explain="Linear layers compose into one linear map, whose boundary is one "
                            "straight line. Any line through two nested rings gets about half "
                            "of the points wrong.",
                    why={1: "Stacked linear layers still draw one straight boundary; ask how many "
                            "points of two nested rings a straight line can get right.",
                         2: "Close to 100% needs a closed boundary around the inner ring, and "
                            "without a nonlinear activation 6 layers draw the same kind of "
                            "boundary as 1."}),
        Quiz.choice("live-lr", page=3,
                    question="The loss curve is flat and high and the map barely moves. What is "
                             "the cheapest thing to try first?",
                    options=["Restart with more layers", "Raise the learning rate while it runs",
                             "Add noise"], answer=1,
                    explain="A too-small learning rate crawls. lr is live: raise it and watch the "
                            "next epochs speed up, without losing what was learned.",
                    why={0: "A restart throws away what was learned, and more layers do not make "
                            "each step bigger; a flat, high curve says the steps are too small.",
                         2: "Noise makes the data harder to fit, not the learning faster."}),
    ],
)
