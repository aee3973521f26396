"""dataloaders: the same mini-batch training written twice, by slicing tensors by hand and with
`TensorDataset` + `DataLoader(shuffle=True)` or a custom `Dataset` (parrt notebook 9,
learnpytorch 04)."""

import time

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset

from lessons import mnist
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Table
from tutor.formatting import number


class DigitImages(Dataset):
    """Our own Dataset: keeps the raw uint8 digits and scales one when it is asked for."""

    def __init__(self, images, labels):
        self.images = torch.tensor(images)  # [N, 28, 28], 0..255
        self.labels = torch.tensor(labels)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i].flatten().float() / 255, self.labels[i]


def new_model(p, device):
    torch.manual_seed(p.seed)  # both loops start from the same weights
    model = nn.Sequential(nn.Linear(784, p.hidden), nn.ReLU(), nn.Linear(p.hidden, 10)).to(device)
    return model, torch.optim.Adam(model.parameters(), lr=p.lr)


def step(model, optimizer, images, labels):
    loss = nn.functional.cross_entropy(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item() * len(labels)


def epoch_by_slicing(model, optimizer, X, y, batch_size, shuffle, generator):
    order = torch.randperm(len(X), generator=generator) if shuffle else torch.arange(len(X))
    total = 0.0
    for start in range(0, len(X), batch_size):
        rows = order[start : start + batch_size]
        total += step(model, optimizer, X[rows], y[rows])
    return total / len(X)


def epoch_by_loader(model, optimizer, loader, device):
    total = 0.0
    for images, labels in loader:  # the loader slices and shuffles for us
        total += step(model, optimizer, images.to(device), labels.to(device))
    return total / len(loader.dataset)


def accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(1) == y).float().mean().item()


def timed(fn, *args):
    start = time.perf_counter()
    return fn(*args), time.perf_counter() - start


def train(p, run):
    data = mnist.load(seed=p.seed)
    run.note(data.source)
    n = min(p.train_size, len(data.train_labels))
    X = torch.tensor(data.train_images[:n]).reshape(n, 784).float() / 255
    y = torch.tensor(data.train_labels[:n])
    X_test = torch.tensor(data.test_images).reshape(-1, 784).float().to(run.device) / 255
    y_test = torch.tensor(data.test_labels).to(run.device)
    X_val, y_val = (X.to(run.device), y.to(run.device)) if p.validate_on_training_data else (X_test, y_test)

    # way 1: slice the tensors by hand, with our own shuffled order
    X_dev, y_dev = X.to(run.device), y.to(run.device)
    generator = torch.Generator().manual_seed(p.seed)
    # way 2: a Dataset, and a DataLoader that shuffles and slices it
    if p.dataset == "tensors":
        dataset = TensorDataset(X, y)
    else:
        dataset = DigitImages(data.train_images[:n], data.train_labels[:n])
    loader = DataLoader(
        dataset, batch_size=p.batch_size, shuffle=p.shuffle, generator=torch.Generator().manual_seed(p.seed)
    )

    slicing, loading = new_model(p, run.device), new_model(p, run.device)
    history = []
    for epoch in run.epochs(p.epochs):
        loss_a, seconds_a = timed(
            epoch_by_slicing, *slicing, X_dev, y_dev, p.batch_size, p.shuffle, generator
        )
        loss_b, seconds_b = timed(epoch_by_loader, *loading, loader, run.device)
        acc_a, acc_b = accuracy(slicing[0], X_val, y_val), accuracy(loading[0], X_val, y_val)
        run.log(
            epoch + 1,
            slicing_train_loss=loss_a,
            loader_train_loss=loss_b,
            slicing_val_accuracy=acc_a,
            loader_val_accuracy=acc_b,
        )
        history.append((loss_a, loss_b, acc_a, acc_b, seconds_a, seconds_b))
    held_out = (accuracy(slicing[0], X_test, y_test), accuracy(loading[0], X_test, y_test))
    return report(p, run, history, held_out, len(loader))


def report(p, run, history, held_out, batches):
    gap = max(abs(h[0] - h[1]) for h in history)
    last = history[-1]
    per_epoch = [sum(h[4] for h in history) / len(history), sum(h[5] for h in history) / len(history)]
    val_name = "training digits: the mistake" if p.validate_on_training_data else "held-out digits"
    rows = [
        ["index slicing", batches, round(per_epoch[0], 3), last[0], last[2], held_out[0]],
        ["DataLoader", batches, round(per_epoch[1], 3), last[1], last[3], held_out[1]],
    ]
    same = "identical" if gap == 0 else f"within {number(gap)} of each other"
    run.show(
        "compare",
        Table(
            [
                "loop",
                "batches per epoch",
                "seconds per epoch",
                "train loss",
                f"val accuracy ({val_name})",
                "held-out accuracy",
            ],
            rows,
            title="The same training, written two ways",
            summary=f"the two loops' training losses are {same} at every epoch; held-out accuracy "
            f"{number(held_out[0])} (slicing) vs {number(held_out[1])} (DataLoader)",
        ),
    )
    if p.validate_on_training_data:
        run.note(
            f"'validation' used the training digits: it reports {number(last[3])}, "
            f"but on digits the model never saw the DataLoader's model scores {number(held_out[1])}"
        )
    return {
        "slicing_val_accuracy": last[2],
        "loader_val_accuracy": last[3],
        "slicing_held_out_accuracy": held_out[0],
        "loader_held_out_accuracy": held_out[1],
        "largest_loss_gap": gap,
        "slicing_seconds_per_epoch": per_epoch[0],
        "loader_seconds_per_epoch": per_epoch[1],
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "dataset",
            "tensors",
            ["tensors", "custom"],
            help="what the DataLoader reads: TensorDataset(X, y) or our own Dataset class",
        ),
        Param.bool("shuffle", True, help="shuffle the rows every epoch, in both loops"),
        Param.int("batch_size", 64, lo=1, hi=4096, help="images per batch, in both loops"),
        Param.int("epochs", 8, lo=1, hi=100, help="passes over the training data"),
        Param.float("lr", 0.001, lo=1e-5, hi=1.0, log=True, help="learning rate of Adam"),
        Param.int("hidden", 50, lo=1, hi=1024, help="hidden units of the 784-hidden-10 network"),
        Param.int(
            "train_size",
            8000,
            lo=100,
            hi=60000,
            help="at most this many training images (the bundled set has 4,000)",
        ),
        Param.bool(
            "validate_on_training_data",
            False,
            help="mistake from the course: the 'validation' tensors are the training tensors",
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the split, the initial weights and the order"),
    ],
    train=train,
    charts=[
        Chart.line(
            "loss",
            ["slicing_train_loss", "loader_train_loss"],
            title="Training loss: index slicing vs DataLoader",
        ),
        Chart.line(
            "accuracy",
            ["slicing_val_accuracy", "loader_val_accuracy"],
            title="Validation accuracy: index slicing vs DataLoader",
        ),
        Chart.figure("compare", title="Both loops side by side"),
    ],
    goal=Goal(
        "Train through your own Dataset class and reach 92.5% accuracy on held-out digits",
        require={"loader_val_accuracy": (">=", 0.925)},
        limits={"dataset": ("==", "custom"), "validate_on_training_data": ("==", False)},
        hints=[
            "Set dataset = custom: the DataLoader then reads DigitImages, which scales "
            "each digit in __getitem__. It hands out the same numbers as the "
            "TensorDataset, so the accuracy stays near 0.92.",
            "A network with 50 hidden units is near its limit after 8 epochs: give it more "
            "units, a few more epochs, or a slightly larger learning rate.",
            "dataset = custom, hidden = 128, epochs = 12, lr = 0.002 reaches about 0.93.",
        ],
    ),
    solution={"dataset": "custom", "hidden": 128, "epochs": 12, "lr": 0.002},
    quick={"epochs": 1, "train_size": 500},
    quizzes=[
        Quiz.choice(
            "getitem",
            page=2,
            question="A DataLoader with batch_size=64 over a Dataset: how often is "
            "__getitem__ called per batch?",
            options=["once, with 64 indices", "64 times, once per index", "once per epoch"],
            answer=1,
            explain="The loader asks for one item at a time and stacks the 64 results into "
            "one tensor per field. That is why a slow __getitem__ slows training.",
            why={
                0: "__getitem__ takes a single index; the default loader never hands it a list of 64.",
                2: "Every batch is built from freshly fetched items, so __getitem__ runs "
                "many times in each epoch.",
            },
        ),
        Quiz.choice(
            "same-curves",
            page=3,
            question="With shuffle on, both loops seeded with the same number, why do the "
            "curves still differ a little?",
            options=[
                "The DataLoader computes gradients differently",
                "The two loops visit the images in different random orders",
                "Adam is random",
            ],
            answer=1,
            explain="The arithmetic is the same. Only the order of the batches differs, "
            "because the DataLoader draws its order from its generator in its own way.",
            why={
                0: "The DataLoader only hands out batches; the model and the loss compute "
                "the gradients, the same way in both loops.",
                2: "Adam's update is a fixed formula with no randomness in it.",
            },
        ),
    ],
)
