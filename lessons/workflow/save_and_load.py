"""save-and-load: a trained MLP's state_dict saved with torch.save, its size explained, loaded
into a new instance with identical predictions, torch.load(weights_only=True) and why, and
what a missing or damaged file does (learnpytorch 01; reference result 69)."""

import pickle
import re
import tempfile
import zipfile
from pathlib import Path

import torch
from torch import nn

from lessons import mnist
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.figures import Table, Text
from tutor.formatting import number
from tutor.locations import models_dir
from tutor.model_cache import saving

LOAD_FROM = ["the file just saved", "a missing file", "a damaged file"]
# learnpytorch 01's two saved files, each holding 2 numbers: model_0.pth (its own module, two
# nn.Parameter named weights and bias) and model_1.pth (nn.Linear(1, 1)).
COURSE_FILE_BYTES = {"01_pytorch_workflow_model_0.pth": 1063, "01_pytorch_workflow_model_1.pth": 1127}


class LinearRegressionModel(nn.Module):
    """learnpytorch 01's model_0: y = weights · x + bias, with the two numbers as parameters."""

    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.randn(1))
        self.bias = nn.Parameter(torch.randn(1))

    def forward(self, x):
        return self.weights * x + self.bias


def check_file_name(name):
    """A plain file name in the models folder: no folders, no hidden files, .pt or .pth."""
    if "/" in name or "\\" in name:
        raise ValueError("a file name only, not a path")
    if not name.endswith((".pt", ".pth")):
        raise ValueError("it must end in .pt or .pth")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}", name) or ".." in name:
        raise ValueError("use letters, digits, '-', '_' and '.', starting with a letter or digit")


def mlp(hidden):
    return nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 10))


def as_tensors(data, device):
    """uint8 images [N, 28, 28] -> vectors [N, 784] of floats in 0..1; int64 labels."""

    def floats(images):
        return (torch.tensor(images, dtype=torch.float32) / 255).reshape(-1, 784).to(device)

    return (
        floats(data.train_images),
        torch.tensor(data.train_labels).to(device),
        floats(data.test_images),
        torch.tensor(data.test_labels).to(device),
    )


def train_classifier(model, x, y, epochs, run):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in run.epochs(epochs):
        order = torch.randperm(len(y), device=y.device)
        losses = []
        for start in range(0, len(y), 64):
            batch = order[start : start + 64]
            loss = nn.functional.cross_entropy(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        run.log(epoch + 1, train_loss=sum(losses) / len(losses))


# ----------------------------------------------------------------- what is in the file


def size_table(model, path):
    numbers = sum(t.numel() for t in model.state_dict().values())
    size = path.stat().st_size
    rows = [[f"yours: {path.name}", numbers, 4 * numbers, size, size - 4 * numbers]]
    with tempfile.TemporaryDirectory() as tmp:  # the course's 2-number models, saved now
        for (name, course_bytes), tiny in zip(
            COURSE_FILE_BYTES.items(), (LinearRegressionModel(), nn.Linear(1, 1))
        ):
            torch.save(tiny.state_dict(), Path(tmp) / name)
            now = (Path(tmp) / name).stat().st_size
            what = f"{name.removeprefix('01_pytorch_workflow_')} ({type(tiny).__name__})"
            rows += [
                [f"{what}, saved now", 2, 8, now, now - 8],
                [f"{what}, course file", 2, 8, course_bytes, course_bytes - 8],
            ]
    return Table(
        ["file", "numbers", "numbers × 4 bytes", "file bytes", "bookkeeping bytes"],
        rows,
        summary=f"{path.name} is {number(size)} bytes: {number(numbers)} float32 numbers × 4 = "
        f"{number(4 * numbers)} bytes, plus {number(size - 4 * numbers)} bytes of bookkeeping",
        highlight=[0],
        title="File size = numbers × 4 bytes + bookkeeping",
    )


def records_table(path, state_dict, whole_model):
    """torch.save writes a zip archive: one record per tensor, plus the pickle that says what
    goes where."""
    tensors = iter(state_dict.items())
    rows = []
    with zipfile.ZipFile(path) as archive:
        for record in archive.infolist():
            what = "bookkeeping"
            if record.filename.endswith("data.pkl") and whole_model:
                what = "the pickled model: its classes, attributes and which record holds each tensor"
            elif record.filename.endswith("data.pkl"):
                what = "the pickled dict: names, shapes, which record holds each tensor"
            elif "/data/" in record.filename:
                name, t = next(tensors)
                what = f"{name}: {'×'.join(map(str, t.shape))} float32 numbers"
            rows.append([record.filename, record.file_size, what])
    size = path.stat().st_size
    rows.append(["zip headers and padding", size - sum(r[1] for r in rows), "bookkeeping"])
    numbers = sum(r[1] for r in rows if "/data/" in r[0])
    return Table(
        ["record", "bytes", "holds"],
        rows,
        title="Inside the file (a zip archive)",
        summary=f"{len(rows) - 1} records: the tensor records hold the {number(numbers)} bytes of "
        f"numbers, the other {number(size - numbers)} bytes are pickle and zip bookkeeping",
    )


# ----------------------------------------------------------------- loading, and what can go wrong


class RunNote:
    """A small object of our own: not a tensor, so weights_only=True refuses to rebuild it."""

    def __init__(self, epochs, accuracy):
        self.epochs, self.accuracy = epochs, accuracy


class CallsAFunction:
    """Pickle lets an object say how to rebuild itself: "call this function with these
    arguments". This one names the harmless sum([1, 2, 3]); a hostile file could name any."""

    def __reduce__(self):
        return (sum, ([1, 2, 3],))


TERMINAL_CODES = re.compile(r"\x1b\[[0-9;]*m")


def plain(exc):
    """The exception as Python prints it, without the terminal's bold codes."""
    return f"{type(exc).__name__}: {TERMINAL_CODES.sub('', str(exc))}"


def why_load_failed(exc):
    if isinstance(exc, FileNotFoundError):
        return (
            "missing",
            "There is no file at that path. A model must be saved before it can be "
            "loaded: check the file name and the folder.",
        )
    if isinstance(exc, pickle.UnpicklingError):
        return (
            "refused",
            "The file holds more than tensors (such as a whole pickled model), and "
            "weights_only=True refused to rebuild a Python object from it. Save "
            "model.state_dict() instead of the model.",
        )
    return (
        "damaged",
        "The file is there but is not a complete PyTorch file: it was cut short or "
        "changed after saving (an interrupted save, copy or download). Save it again or get a "
        "fresh copy; nothing in it can be trusted.",
    )


def file_to_load(path, load_from):
    if load_from == "a missing file":
        missing = path.with_name("never-saved-" + path.name)
        while missing.exists():
            missing = missing.with_name("never-saved-" + missing.name)
        return missing
    if load_from == "a damaged file":
        damaged = path.with_name(path.stem + "-damaged" + path.suffix)
        content = path.read_bytes()
        damaged.write_bytes(content[: len(content) // 2])  # a copy cut off half-way
        return damaged
    return path


def weights_only_demo():
    """The refusal weights_only=True gives, and a file that makes torch.load call a function."""
    with tempfile.TemporaryDirectory() as tmp:
        note, calls = Path(tmp) / "run-note.pt", Path(tmp) / "calls-a-function.pt"
        torch.save(RunNote(epochs=5, accuracy=0.93), note)
        try:
            torch.load(note, weights_only=True)
            refusal = "(no error: this PyTorch loaded the object)"
        except pickle.UnpicklingError as exc:
            refusal = plain(exc)
        torch.save(CallsAFunction(), calls)
        returned = torch.load(calls, weights_only=False)  # our own file, made a line above
    return Text(
        f'torch.load("run-note.pt", weights_only=True) on a file holding a RunNote '
        f'object:\n\n{refusal}\n\ntorch.load("calls-a-function.pt", weights_only=False) '
        f"returned {returned!r}: the file told the loader to call sum([1, 2, 3]), and it did.",
        summary="weights_only=True refuses any object that is not a tensor or a plain "
        f"container; without it, loading a file ran a function it named (and "
        f"returned {returned!r})",
        style="error",
        title="Why weights_only=True",
    )


def failure_text(source, exc, outcome, explanation):
    return Text(
        f'torch.load("{source.name}", weights_only=True) raised\n\n{plain(exc)}\n\n'
        f"What it means: {explanation}",
        summary=f"loading failed ({outcome}): {explanation}",
        style="error",
        title="Loading failed",
    )


def agreement(model, other, x, y):
    """other's test accuracy, how often it picks the same digit as model, the largest gap
    between their outputs."""
    with torch.inference_mode():
        a, b = model(x), other(x)
    return [
        (b.argmax(1) == y).float().mean().item(),
        (b.argmax(1) == a.argmax(1)).float().mean().item(),
        (a - b).abs().max().item(),
    ]


def reload_table(original, before, after, identical, n, keys):
    return Table(
        ["model", "test accuracy", "same digit as the original", "largest logit difference"],
        [
            ["original", *original],
            ["new instance, random weights", *before],
            ["new instance, after loading", *after],
        ],
        summary=f"load_state_dict returned {keys}; after loading, the {number(n)} × 10 logits are "
        f"{'identical' if identical else 'NOT identical'} (largest difference {after[2]:g}); "
        f"before, the new model agreed on {before[1]:.0%}",
        highlight=[2],
        title=f"Predictions for the {number(n)} test digits",
    )


def train(p, run):
    data = mnist.load(seed=p.seed)
    run.note(data.source)
    x_train, y_train, x_test, y_test = as_tensors(data, run.device)
    torch.manual_seed(p.seed)
    model = mlp(p.hidden).to(run.device)
    train_classifier(model, x_train, y_train, p.epochs, run)
    model.eval()

    path = models_dir() / p.file_name  # save
    with saving(path) as part:  # a new file: never through a link
        torch.save(model if p.whole_model else model.state_dict(), part)
    run.note(f"saved {path} ({number(path.stat().st_size)} bytes)")
    run.show("size", size_table(model, path))
    run.show("inside", records_table(path, model.state_dict(), p.whole_model))
    run.show("safety", weights_only_demo())
    original = agreement(model, model, x_test, y_test)
    metrics = {
        "test_accuracy": original[0],
        "parameters": sum(w.numel() for w in model.parameters()),
        "file_bytes": path.stat().st_size,
    }

    source = file_to_load(path, p.load_from)  # load into a new instance
    fresh = mlp(p.hidden).to(run.device).eval()
    before = agreement(model, fresh, x_test, y_test)
    try:
        keys = fresh.load_state_dict(torch.load(source, map_location=run.device, weights_only=True))
    except Exception as exc:  # the run goes on and says why
        outcome, explanation = why_load_failed(exc)
        run.note(f"loading {source.name} failed: {outcome}")
        run.show("reload", failure_text(source, exc, outcome, explanation))
        return {**metrics, "outcome": outcome}
    with torch.inference_mode():
        identical = torch.equal(model(x_test), fresh(x_test))
    after = agreement(model, fresh, x_test, y_test)
    run.note(f"load_state_dict returned {keys}")  # every name and shape matched
    run.show("reload", reload_table(original, before, after, identical, len(y_test), keys))
    return {
        **metrics,
        "outcome": "loaded",
        "identical": "yes" if identical else "no",
        "max_abs_difference": after[2],
        "load_result": str(keys),
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.int("hidden", 128, lo=1, hi=1024, help="hidden units of the MLP 784-hidden-10"),
        Param.int(
            "epochs", 5, lo=1, hi=50, help="passes over the training digits (Adam, lr 0.001, batches of 64)"
        ),
        Param.text(
            "file_name",
            "mnist-mlp.pt",
            max_len=84,
            check=check_file_name,
            describe="a file name such as mnist-mlp.pt: letters, digits, '-', '_' and '.', "
            "ending in .pt or .pth",
            help="the file in the tutor's data/models folder (an existing one is overwritten)",
        ),
        Param.choice(
            "load_from",
            LOAD_FROM[0],
            LOAD_FROM,
            help="what the new model is loaded from: the saved file, one never saved, "
            "or a copy cut off half-way",
        ),
        Param.bool(
            "whole_model",
            False,
            help="mistake: torch.save(model) pickles the whole object instead of its state_dict",
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the data split, weights and batch order"),
    ],
    train=train,
    charts=[
        Chart.figure("size", title="How big is the file?"),
        Chart.figure("reload", title="Loaded into a new model"),
        Chart.figure("inside", title="Inside the file"),
        Chart.figure("safety", title="weights_only=True"),
        Chart.line("loss", ["train_loss"], title="Training loss per epoch"),
    ],
    goal=Goal(
        "Save a model of at most 100,000 bytes that gets 90% of the test digits right, and "
        "reload it with identical predictions",
        require={
            "outcome": ("==", "loaded"),
            "max_abs_difference": ("==", 0.0),
            "file_bytes": ("<=", 100_000),
            "test_accuracy": (">=", 0.9),
        },
        hints=[
            "The file is about 4 bytes per number. Count the numbers of a 784-h-10 MLP: "
            "785·h for the first layer and (h + 1)·10 for the second.",
            "100,000 bytes leaves room for about 24,500 numbers, so at most about 30 "
            "hidden units. A smaller network needs more epochs to reach 90%.",
            "hidden = 24 with epochs = 10 gives a file of about 78,000 bytes and about 92% test accuracy.",
        ],
    ),
    solution={"hidden": 24, "epochs": 10},
    quick={"hidden": 8, "epochs": 1},
    quizzes=[
        Quiz.number(
            "bytes",
            page=1,
            question="A 784-32-10 MLP: how many bytes do its float32 numbers take "
            "(weights and biases, 4 bytes each)?",
            answer=101_800,
            tol=0,
            explain="784·32 + 32 + 32·10 + 10 = 25,450 numbers; × 4 = 101,800 bytes. "
            "The file adds a couple of thousand bytes of bookkeeping.",
            nudge="Count the weights (inputs × outputs) and biases (one per output) of "
            "both layers, then 4 bytes each.",
        ),
        Quiz.choice(
            "stranger",
            page=3,
            question="A stranger sends you model.pt. Which line is safe to run?",
            options=[
                "torch.load('model.pt', weights_only=False)",
                "torch.load('model.pt', weights_only=True)",
                "pickle.load(open('model.pt', 'rb'))",
            ],
            answer=1,
            explain="weights_only=True rebuilds only tensors and plain containers, so the "
            "file cannot make the loader call a function. The other two run "
            "whatever the pickle asks for.",
            why={
                0: "weights_only=False lets the file's pickle call any function it names, "
                "so a stranger's file can run code on your machine.",
                2: "pickle.load runs whatever the file asks for, so a stranger's file can "
                "run code on your machine.",
            },
        ),
    ],
)
