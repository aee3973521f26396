"""deeper-and-cnn: depth vs width, convolution and pooling shapes, and LeNet-5 against three
fully connected networks on 32×32 digits (aiaioo ex 830–890, learnpytorch 03)."""

import time

import torch
from torch import nn

from lessons import mnist
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Bars, Table
from tutor.formatting import number, plural

NAMES = {
    "softmax": "softmax regression",
    "mlp128": "MLP 1024-128-10",
    "deep7": "7-layer MLP",
    "lenet5": "LeNet-5 (a CNN)",
}
# Test accuracy after 4 epochs on the full 60,000 digits (aiaioo ex 830 / 850 / 870 / 890).
COURSE_ACCURACY = {"softmax": 0.9231, "mlp128": 0.9727, "deep7": 0.9725, "lenet5": 0.9861}


def make_model(name):
    if name == "softmax":  # one linear layer: a score per digit
        return nn.Sequential(nn.Flatten(), nn.Linear(1024, 10))
    if name == "mlp128":  # one hidden layer, wide
        return nn.Sequential(nn.Flatten(), nn.Linear(1024, 128), nn.ReLU(), nn.Linear(128, 10))
    if name == "deep7":  # seven linear layers, narrowing
        sizes = [1024, 640, 512, 256, 128, 64, 32]
        layers = [nn.Flatten()]
        for n_in, n_out in zip(sizes, sizes[1:]):
            layers += [nn.Linear(n_in, n_out), nn.ReLU()]
        return nn.Sequential(*layers, nn.Linear(32, 10))
    return nn.Sequential(  # LeNet-5: [batch, 1, 32, 32] in
        nn.Conv2d(1, 6, kernel_size=5),
        nn.ReLU(),
        nn.MaxPool2d(2),  # C1 → 6×28×28 → 6×14×14
        nn.Conv2d(6, 16, kernel_size=5),
        nn.ReLU(),
        nn.MaxPool2d(2),  # C3 → 16×10×10 → 16×5×5
        nn.Conv2d(16, 120, kernel_size=5),
        nn.ReLU(),
        nn.Flatten(),  # C5 → 120×1×1 → 120
        nn.Linear(120, 84),
        nn.ReLU(),  # F6
        nn.Linear(84, 10),
    )


LENET_LAYERS = [
    ("C1 Conv2d(1, 6, 5)", "32 − 5 + 1 = 28"),
    ("S2 MaxPool2d(2)", "28 / 2 = 14"),
    ("C3 Conv2d(6, 16, 5)", "14 − 5 + 1 = 10"),
    ("S4 MaxPool2d(2)", "10 / 2 = 5"),
    ("C5 Conv2d(16, 120, 5)", "5 − 5 + 1 = 1"),
    ("Flatten()", "120 × 1 × 1 = 120"),
    ("F6 Linear(120, 84)", ""),
    ("output Linear(84, 10)", ""),
]


def count_parameters(model):
    return sum(t.numel() for t in model.parameters())


def as_32x32(images, device):
    """uint8 [N, 28, 28] → floats in [0, 1], padded by 2 pixels to [N, 1, 32, 32] as LeNet-5 expects."""
    x = torch.tensor(images).float() / 255
    return nn.functional.pad(x, (2, 2, 2, 2)).unsqueeze(1).to(device)


def test_accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(1) == y).float().mean().item()


def train_model(name, X, y, X_test, y_test, p, run):
    torch.manual_seed(p.seed)
    model = make_model(name).to(run.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=p.lr)
    start = time.perf_counter()
    for epoch in run.epochs(p.epochs):
        order = torch.randperm(len(X), device=run.device)
        for i in range(0, len(X), p.batch_size):
            rows = order[i : i + p.batch_size]
            loss = nn.functional.cross_entropy(model(X[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        run.log(epoch + 1, **{f"{name}_accuracy": test_accuracy(model, X_test, y_test)})
    return test_accuracy(model, X_test, y_test), time.perf_counter() - start


def train(p, run):
    run.show("shapes", shape_table(p))
    counts = {name: count_parameters(make_model(name)) for name in NAMES}
    run.show(
        "parameters",
        Bars(
            [NAMES[n] for n in counts],
            list(counts.values()),
            unit="parameters",
            log=True,
            title="Parameters on 32×32 input",
            summary=", ".join(f"{NAMES[n]} {number(c)}" for n, c in counts.items())
            + " parameters; LeNet-5 has half as many as the one-hidden-layer MLP",
        ),
    )
    data = mnist.load(seed=p.seed)
    run.note(data.source)
    n = min(p.train_size, len(data.train_labels))
    X, y = as_32x32(data.train_images[:n], run.device), torch.tensor(data.train_labels[:n]).to(run.device)
    X_test, y_test = as_32x32(data.test_images, run.device), torch.tensor(data.test_labels).to(run.device)
    results = {}
    for name in NAMES if p.model == "all" else [p.model]:
        run.note(f"training {NAMES[name]} on {number(n)} digits")
        results[name] = train_model(name, X, y, X_test, y_test, p, run)
        run.show("results", results_table(results, counts, p))
    best = max(results, key=lambda k: results[k][0])
    return {
        "test_accuracy": results[best][0],
        "best_model": best,
        **{f"{k}_accuracy": acc for k, (acc, _) in results.items()},
        **{f"{k}_parameters": c for k, c in counts.items()},
    }


# ------------------------------------------------------------------ what the run shows


def shape_row(label, layer, shape, formula=""):
    out = layer(torch.zeros(shape))  # a dummy input of the right shape
    return [label, list(shape), list(out.shape), count_parameters(layer), formula], out.shape


def shape_table(p):
    k, s, pad = p.kernel, p.stride, p.padding
    mine = (64 + 2 * pad - k) // s + 1
    rows = [
        shape_row("Conv2d(3, 10, 3)", nn.Conv2d(3, 10, 3), (1, 3, 64, 64), "(64 − 3) / 1 + 1 = 62")[0],
        shape_row(
            "Conv2d(3, 10, 5, stride=2)",
            nn.Conv2d(3, 10, 5, stride=2),
            (1, 3, 64, 64),
            "⌊(64 − 5) / 2⌋ + 1 = 30",
        )[0],
        shape_row("MaxPool2d(2)", nn.MaxPool2d(2), (1, 10, 62, 62), "62 / 2 = 31")[0],
    ]
    if mine >= 1:
        rows.append(
            shape_row(
                f"yours: Conv2d(3, 10, {k}, stride={s}, padding={pad})",
                nn.Conv2d(3, 10, k, stride=s, padding=pad),
                (1, 3, 64, 64),
                f"⌊(64 + 2·{pad} − {k}) / {s}⌋ + 1 = {mine}",
            )[0]
        )
    shape = (1, 1, 32, 32)
    layers = [layer for layer in make_model("lenet5") if not isinstance(layer, nn.ReLU)]
    for (label, rule), layer in zip(LENET_LAYERS, layers):
        row, shape = shape_row(f"LeNet-5 {label}", layer, shape, rule)
        rows.append(row)
    return Table(
        ["layer", "input shape", "output shape", "parameters", "size rule"],
        rows,
        reveal=True,
        title="Shapes from the real layers on a dummy input (press . for the next row)",
        summary="3×3 conv: 64 → 62; 5×5 stride 2: 64 → 30; max-pool 2: 62 → 31; "
        f"your conv: 64 → {mine if mine >= 1 else 'nothing (kernel larger than input)'}; "
        "LeNet-5: 32 → 28 → 14 → 10 → 5 → 1, then 120 → 84 → 10",
    )


def results_table(results, counts, p):
    rows = [
        [NAMES[k], counts[k], round(acc, 4), round(sec, 1), COURSE_ACCURACY[k]]
        for k, (acc, sec) in results.items()
    ]
    best = max(results, key=lambda k: results[k][0])
    return Table(
        ["model", "parameters", "test accuracy", "seconds", "course (60,000 digits, 4 epochs)"],
        rows,
        highlight=[list(results).index(best)],
        title=f"Test accuracy after {plural(p.epochs, 'epoch')}",
        summary=f"best: {NAMES[best]} at {number(results[best][0])}; "
        + ", ".join(f"{NAMES[k]} {number(acc)}" for k, (acc, _) in results.items()),
    )


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "model", "all", ["all", *NAMES], help="which network to train: all four in turn, or one of them"
        ),
        Param.int("epochs", 6, lo=1, hi=50, help="passes over the training data, for each model"),
        Param.int("batch_size", 64, lo=1, hi=4096, help="digits per update"),
        Param.float("lr", 0.002, lo=1e-5, hi=1.0, log=True, help="learning rate of Adam"),
        Param.int(
            "train_size",
            8000,
            lo=100,
            hi=60000,
            help="at most this many training digits (the bundled set has 4,000)",
        ),
        Param.int("kernel", 3, lo=1, hi=11, help="your convolution in the shape table: kernel size"),
        Param.int("stride", 1, lo=1, hi=4, help="your convolution: stride (step between windows)"),
        Param.int("padding", 0, lo=0, hi=5, help="your convolution: zeros added around each edge"),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the split, the initial weights and the order"),
    ],
    train=train,
    charts=[
        Chart.line("accuracy", [f"{k}_accuracy" for k in NAMES], title="Test accuracy per epoch"),
        Chart.figure("results", title="Results"),
        Chart.figure("parameters", title="Parameters"),
        Chart.figure("shapes", title="Convolution and pooling shapes"),
    ],
    goal=Goal(
        "Reach 97% test accuracy",
        require={"test_accuracy": (">=", 0.97)},
        hints=[
            "Compare the four models in the results table: which kind of network is "
            "ahead, and is it still improving at the last epoch?",
            "More layers did not help the MLPs much. The CNN reuses each small filter "
            "all over the image: train LeNet-5 alone, a few epochs longer.",
            "model = lenet5, epochs = 10 reaches about 0.97–0.98.",
        ],
    ),
    solution={"model": "lenet5", "epochs": 10},
    quick={"model": "lenet5", "epochs": 1, "train_size": 300},
    quizzes=[
        Quiz.number(
            "conv-size",
            page=1,
            question="A 5×5 convolution with stride 1 and no padding on a 32×32 image: "
            "how wide is the output?",
            answer=28,
            tol=0,
            explain="(32 − 5) / 1 + 1 = 28: that is LeNet-5's first layer, C1.",
            nudge="Without padding the 5-wide window must stay inside the image: count the "
            "positions its left edge can take.",
        ),
        Quiz.number(
            "conv-params",
            page=3,
            question="How many parameters has nn.Conv2d(6, 16, kernel_size=5)?",
            answer=2416,
            tol=0,
            explain="Each of 16 filters has 6 × 5 × 5 = 150 weights and one bias: "
            "16 × 151 = 2,416, whatever the image size.",
            nudge="Each filter spans all 6 input channels with a 5×5 window, and has one bias.",
        ),
    ],
)
