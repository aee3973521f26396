"""devices: `.to(device)`, device-agnostic code, timing one training step on every device this
machine has, and bringing results back to NumPy (parrt notebook 7, learnpytorch 00)."""

import time

import torch
from torch import nn

from lessons import mnist
from tutor.course import Chart, Goal, Lesson, Param, Quiz, pages_from
from tutor.devices import probe
from tutor.figures import Bars, Table, Text
from tutor.formatting import number, plural

# What PyTorch says for `.numpy()` on a tensor in GPU memory (torch/csrc/utils/tensor_numpy.cpp).
CUDA_NUMPY_ERROR = (
    "TypeError: can't convert cuda:0 device type tensor to numpy. "
    "Use Tensor.cpu() to copy the tensor to host memory first."
)
CONVERSIONS = {
    "numpy": "scores.numpy()",
    "cpu-numpy": "scores.cpu().numpy()",
    "detach-cpu-numpy": "scores.detach().cpu().numpy()",
}


def pick_device():
    """The usual device-agnostic line: the best device this machine has."""
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def wait_for(device):
    """A GPU runs queued work in the background: wait for it before reading the clock."""
    if device == "cuda":
        torch.cuda.synchronize()
    elif device == "mps":
        torch.mps.synchronize()


def time_training(device, images, labels, p, run):
    """Seconds per training step on `device`, the seconds of the whole run (moving the data,
    building the model, every step, the loss back as a Python number), the last loss, and the
    model's scores."""
    begin = time.perf_counter()
    torch.manual_seed(p.seed)  # the same model on every device
    model = nn.Sequential(nn.Linear(784, p.hidden), nn.ReLU(), nn.Linear(p.hidden, 10)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    X, y = images.to(device), labels.to(device)  # data must live where the model lives

    def step():
        loss = nn.functional.cross_entropy(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    step()  # warm-up: one-off start-up costs
    wait_for(device)
    start = time.perf_counter()
    for _ in run.steps(p.steps):
        loss = step()
    wait_for(device)
    seconds = (time.perf_counter() - start) / p.steps
    last_loss = loss.item()  # .item(): one Python float, copied back from the device
    whole = time.perf_counter() - begin
    return seconds, whole, last_loss, model(X)  # scores: on `device`, tracked by autograd


def to_numpy(scores, how):
    if how == "numpy":
        return scores.numpy()  # only for a CPU tensor that autograd does not track
    if how == "cpu-numpy":
        return scores.cpu().numpy()  # copies to the CPU, but autograd still tracks it
    return scores.detach().cpu().numpy()  # works for every tensor on every device


def try_to_numpy(scores, how):
    """What the learner's conversion line does: (error message or None, lines to show)."""
    where = f"# scores: shape {tuple(scores.shape)}, on {scores.device}, requires_grad={scores.requires_grad}"
    try:
        array = to_numpy(scores, how)
    except (TypeError, RuntimeError) as exc:  # the exact message PyTorch gives
        message = f"{type(exc).__name__}: {exc}"
        return message, [where, CONVERSIONS[how], message]
    return None, [where, CONVERSIONS[how], f"→ numpy array {array.shape}, {array.dtype}"]


def numpy_panel(attempts, how, statuses, fixed):
    errors = [message for message, _ in attempts if message]
    lines = [line for _, shown in attempts for line in shown + [""]]
    cuda = next(s for s in statuses if s.name == "cuda")
    if not cuda.available:
        lines += [
            f"# NOT produced here: this machine has no CUDA GPU ({cuda.detail}).",
            "# On a machine with one, scores.numpy() on a tensor in GPU memory fails with:",
            f"#   {CUDA_NUMPY_ERROR}",
            "",
        ]
    lines += [
        "# The fix, run here: detach from autograd, copy to the CPU, then convert",
        CONVERSIONS["detach-cpu-numpy"],
        f"→ numpy array {fixed.shape}, {fixed.dtype}; first row "
        + " ".join(f"{v:.2f}" for v in fixed[0]),  # as numpy prints it, fixed decimals
    ]
    if errors:
        summary = f"{len(errors)} of {len(attempts)} conversions failed: {errors[0]}"
    else:
        summary = f"{CONVERSIONS[how]} worked on every device timed ({len(attempts)})"
    if not cuda.available:
        summary += "; the cuda error is shown as text, not produced here (no GPU)"
    return Text(
        "\n".join(lines),
        summary=summary,
        style="error" if errors else "code",
        title="Bringing the scores back to NumPy",
    )


def device_table(statuses, app_device):
    rows = [
        [
            s.name,
            "yes" if s.available else "no",
            s.detail,
            "timed" if s.available else "—",
            "yes" if s.name == app_device else "",
        ]
        for s in statuses
    ]
    summary = "; ".join(
        f"{s.name}: {'available' if s.available else 'not available'} ({s.detail})" for s in statuses
    )
    return Table(
        ["device", "available", "details", "this run", "app's device"],
        rows,
        summary=summary,
        highlight=[i for i, s in enumerate(statuses) if s.available],
        title="Devices on this machine (tutor.devices.probe)",
    )


def timing_bars(timings, statuses, p):
    labels = [f"{name} ({number(p.batch_size / s)} images/s)" for name, s in timings.items()]
    values = [s * 1000 for s in timings.values()]
    cpu_ms = timings["cpu"] * 1000
    summary = f"cpu: {number(cpu_ms)} ms per training step of {plural(p.batch_size, 'image')}"
    for name, seconds in timings.items():
        if name != "cpu":
            summary += (
                f"; {name}: {number(seconds * 1000)} ms, {number(timings['cpu'] / seconds)}× the cpu's speed"
            )
    missing = [s for s in statuses if not s.available and s.name != "mps"]
    if len(timings) == 1:
        summary += (
            "; no GPU on this machine ("
            + "; ".join(f"{s.name}: {s.detail}" for s in missing)
            + "), so only the cpu was timed"
        )
    return Bars(
        labels,
        values,
        unit="ms per step",
        summary=summary,
        log=max(values) > 20 * min(values),
        title="One training step on each device",
    )


def train(p, run):
    statuses = probe()
    run.show("devices", device_table(statuses, run.device))
    run.note(f"the device-agnostic line picks {pick_device()!r} here; the app runs lessons on {run.device!r}")
    data = mnist.load(seed=p.seed)
    run.note(data.source)
    images = torch.tensor(data.train_images[: p.batch_size]).reshape(-1, 784).float() / 255
    labels = torch.tensor(data.train_labels[: p.batch_size])
    timings, wholes, losses, attempts = {}, {}, {}, []
    for device in [s.name for s in statuses if s.available]:
        timings[device], wholes[device], losses[device], scores = time_training(
            device, images, labels, p, run
        )
        attempts.append(try_to_numpy(scores, p.to_numpy))
    run.note("loss after the timed steps: " + ", ".join(f"{d} {number(v)}" for d, v in losses.items()))
    run.note(
        f"the whole run ({p.steps + 1} steps, with moving the data and building the model): "
        + ", ".join(f"{d} {number(s)} s" for d, s in wholes.items())
        + " (the course's whole run: 37.6 s on a CPU, about 2 s on a Colab GPU)"
    )
    run.show("timing", timing_bars(timings, statuses, p))
    fixed = scores.detach().cpu().numpy()
    run.show("numpy", numpy_panel(attempts, p.to_numpy, statuses, fixed))
    metrics = {f"{d}_ms_per_step": s * 1000 for d, s in timings.items()}
    metrics.update({f"{d}_whole_run_s": s for d, s in wholes.items()})
    return {
        **metrics,
        "devices_timed": len(timings),
        "fastest": min(timings, key=timings.get),
        "numpy_errors": sum(1 for message, _ in attempts if message),
        "cuda_available": int(torch.cuda.is_available()),
    }


LESSON = Lesson(
    pages=pages_from(__file__),
    params=[
        Param.choice(
            "to_numpy",
            "numpy",
            list(CONVERSIONS),
            help="how the scores come back: .numpy(), .cpu().numpy() or .detach().cpu().numpy()",
        ),
        Param.int("hidden", 512, lo=16, hi=4096, help="hidden units of the 784-hidden-10 network timed"),
        Param.int("batch_size", 512, lo=1, hi=4000, help="MNIST images in the batch of each training step"),
        Param.int(
            "steps", 20, lo=1, hi=500, help="training steps timed on each device (after one warm-up step)"
        ),
        Param.int("seed", 0, lo=0, hi=2**31 - 1, help="seeds the data split and the initial weights"),
    ],
    train=train,
    charts=[
        Chart.figure("devices", title="Devices here"),
        Chart.figure("timing", title="Time per training step"),
        Chart.figure("numpy", title="Back to NumPy"),
    ],
    goal=Goal(
        "Time a training step on every device here and bring the scores back to NumPy without an error",
        require={"numpy_errors": ("==", 0), "devices_timed": (">=", 1)},
        hints=[
            "Read the error in the 'Back to NumPy' panel: PyTorch names the fix in it.",
            ".numpy() needs a CPU tensor that autograd no longer tracks: .detach() stops "
            "the tracking and .cpu() copies the numbers to the CPU (on a CPU tensor it "
            "does nothing).",
            "Set to_numpy = detach-cpu-numpy: scores.detach().cpu().numpy() works on every device.",
        ],
    ),
    solution={"to_numpy": "detach-cpu-numpy"},
    quick={"hidden": 32, "batch_size": 64, "steps": 2},
    quizzes=[
        Quiz.choice(
            "same-device",
            page=1,
            question="The model is on cuda and X is on the cpu. What happens at model(X)?",
            options=[
                "PyTorch copies X to the GPU for you",
                "A RuntimeError: the tensors are on different devices",
                "It runs on the CPU instead",
            ],
            answer=1,
            explain="PyTorch never moves data behind your back: every tensor in one "
            "operation must be on the same device, so move both with .to(device).",
            why={
                0: "PyTorch never moves a tensor to another device unless you ask with .to(device).",
                2: "PyTorch does not fall back to the CPU behind your back, and the "
                "model's weights are on the GPU.",
            },
        ),
        Quiz.choice(
            "sync",
            page=2,
            question="Why call torch.cuda.synchronize() before reading the clock?",
            options=[
                "It makes the GPU faster",
                "GPU calls return before the work is done; without waiting you time only the queueing",
                "It frees GPU memory",
            ],
            answer=1,
            explain="CUDA work is queued and runs in the background. synchronize() waits "
            "until the queue is empty, so the time includes the real work.",
            why={
                0: "synchronize() does no work of its own: it only waits.",
                2: "Memory is freed by dropping tensors (and torch.cuda.empty_cache()); "
                "synchronize() only waits.",
            },
        ),
    ],
)
