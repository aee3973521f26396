"""The xor lesson's training as a plain PyTorch script: no tutor code, no Textual.

It mirrors `lessons/classification/xor.py`'s `train` step by step (same data, model, initial
weights, optimiser, per-step test loss, final accuracy and decision map), so the time it takes
is the baseline for the same run inside the app. Run it alone:

    python -m benchmarks.plain_xor --threads 1 --runs 2
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np


def toy_xor(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Toy problem 3: integer features in -100..100, label 1 unless f1·f2 > 0
    (the same draws as lessons.datasets.toy; the smoke test checks they agree)."""
    rng = np.random.default_rng(seed)
    f2 = rng.integers(-100, 101, size=n)
    f1 = rng.integers(-100, 101, size=n)
    f2 = np.where(f1 == f2, f2 + 1, f2)
    X = np.stack([f1, f2], axis=1).astype(np.float32)
    y = (~(f1 * f2 > 0)).astype(np.int64)
    return X, y


def make_model(hidden: int, activation: str, bias: bool, init: str):
    import torch
    from torch import nn

    activations = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "none": nn.Identity}
    if hidden == 0:
        model = nn.Linear(2, 2, bias=bias)
    else:
        model = nn.Sequential(
            nn.Linear(2, hidden, bias=bias), activations[activation](), nn.Linear(hidden, 2, bias=bias)
        )
    if init == "course":
        with torch.no_grad():
            for tensor in model.parameters():
                tensor.uniform_(0, 1)
    return model


def train_xor(
    hidden=0,
    activation="relu",
    bias=False,
    init="course",
    lr=0.01,
    epochs=1000,
    seed=0,
    with_replacement=False,
) -> dict:
    """One run; returns its wall seconds (data to decision map, as the app's run counts them),
    test accuracy and final train loss."""
    import torch
    from torch.nn.functional import cross_entropy

    started = time.monotonic()
    X_train, y_train = (torch.tensor(a) for a in toy_xor(1000, 2 * seed))
    X_test, y_test = (torch.tensor(a) for a in toy_xor(1000, 2 * seed + 1))
    torch.manual_seed(seed)
    model = make_model(hidden, activation, bias, init)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    train_losses, test_losses = [], []
    for epoch in range(epochs):
        X, y = X_train, y_train
        if with_replacement:
            rows = torch.randint(len(X_train), (len(X_train),))
            X, y = X_train[rows], y_train[rows]
        loss = cross_entropy(model(X), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            test_loss = cross_entropy(model(X_test), y_test)
        train_losses.append((epoch, loss.item()))  # what the lesson logs per step
        test_losses.append((epoch, test_loss.item()))
    with torch.no_grad():
        test_accuracy = (model(X_test).argmax(dim=1) == y_test).float().mean().item()
        train_loss = cross_entropy(model(X_train), y_train).item()
        grid = torch.linspace(-100, 100, 41)  # the decision map's 41x41 grid
        f2, f1 = torch.meshgrid(grid, grid, indexing="ij")
        points = torch.stack([f1.flatten(), f2.flatten()], dim=1)
        model(points).softmax(dim=1)[:, 1].reshape(41, 41)
    return {"seconds": time.monotonic() - started, "test_accuracy": test_accuracy, "train_loss": train_loss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    parser.add_argument("--runs", type=int, default=2, help="runs in this process (the first is cold)")
    parser.add_argument("--params", default="{}", help="JSON of train_xor arguments")
    parser.add_argument("--out", help="write the results here as JSON")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    runs = [train_xor(**json.loads(args.params)) for _ in range(args.runs)]
    data = {"runs": runs, "threads": torch.get_num_threads()}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(data, f)
    else:
        print(json.dumps(data, indent=1))


if __name__ == "__main__":
    main()
