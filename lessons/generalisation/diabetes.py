"""What the generalisation lessons share: the diabetes data, split 353/89 and standardised
with training statistics only, a random-forest baseline, and `Fit`, the training loop that
records training and validation MSE per epoch and keeps the best model (parrt notebooks 3, 4).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np
import torch
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from torch import nn

from tutor.figures import Series, downsample


def split(
    random_state: int = 1, held_out: float | int = 0.2
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X_train, X_val, y_train, y_val): 442 patients, 80% for training and 20% held out
    (353 / 89 rows; parrt's notebook 4 held out int(442 · 0.2) = 88 rows: held_out=88).
    X has the 10 features, y the disease progression a year later."""
    X, y = load_diabetes(return_X_y=True)
    return train_test_split(X, y, test_size=held_out, random_state=random_state)


def standardise(X_train: np.ndarray, X_val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both sets shifted and scaled with the mean and std of the *training* rows only: the
    validation rows stand for patients the model has never seen, so they may not shape it."""
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_val - mean) / std


@dataclass
class Data:
    """The split as float32 tensors; targets are columns of shape (rows, 1)."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_val: torch.Tensor
    y_val: torch.Tensor


def load(device: str = "cpu") -> Data:
    X_train, X_val, y_train, y_val = split()
    X_train, X_val = standardise(X_train, X_val)

    def tensor(a):
        return torch.tensor(a, dtype=torch.float32, device=device)

    return Data(tensor(X_train), tensor(y_train).reshape(-1, 1), tensor(X_val), tensor(y_val).reshape(-1, 1))


def random_forest(trees: int = 500, seed: int = 0, held_out: float | int = 0.2) -> tuple[float, float]:
    """(training MSE, validation MSE) of a random forest on the same split. Trees split on
    thresholds, so they need no standardising."""
    X_train, X_val, y_train, y_val = split(held_out=held_out)
    forest = RandomForestRegressor(n_estimators=trees, random_state=seed, n_jobs=1)
    forest.fit(X_train, y_train)
    return (
        float(np.mean((forest.predict(X_train) - y_train) ** 2)),
        float(np.mean((forest.predict(X_val) - y_val) ** 2)),
    )


class Fit:
    """One model trained with Adam on all training rows at once (one step per epoch).

    After each step it measures the validation MSE and keeps a copy of the weights with the
    lowest so far. `eval_mode=False` is the mistake of measuring in training mode.
    """

    def __init__(
        self,
        model: nn.Module,
        data: Data,
        lr: float,
        weight_decay: float = 0.0,
        eval_mode: bool = True,
        optimizer: type = torch.optim.Adam,
    ):
        self.model, self.data, self.eval_mode = model, data, eval_mode
        self.optimizer = optimizer(model.parameters(), lr=lr, weight_decay=weight_decay)
        self.train_mse: list[float] = []
        self.val_mse: list[float] = []
        self.best_mse, self.best_epoch, self.best_state = math.inf, -1, None

    def epoch(self) -> tuple[float, float]:
        """One training step, then the validation MSE; returns (train MSE, validation MSE)."""
        self.model.train()
        loss = nn.functional.mse_loss(self.model(self.data.x_train), self.data.y_train)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()

        if self.eval_mode:
            self.model.eval()  # batch norm: its running averages; dropout: off
        with torch.no_grad():
            val = nn.functional.mse_loss(self.model(self.data.x_val), self.data.y_val).item()
        self.train_mse.append(loss.item())
        self.val_mse.append(val)
        if val < self.best_mse:  # keep the best model seen so far
            self.best_mse, self.best_epoch = val, len(self.val_mse) - 1
            self.best_state = copy.deepcopy(self.model.state_dict())
        return loss.item(), val

    def epochs_since_best(self) -> int:
        return len(self.val_mse) - 1 - self.best_epoch

    def best_model(self) -> nn.Module:
        """A copy of the model with the best weights (early stopping's model selection)."""
        model = copy.deepcopy(self.model)
        model.load_state_dict(self.best_state)
        return model


def evaluate(model: nn.Module, data: Data) -> tuple[float, float]:
    """(training MSE, validation MSE) of a model as it is now, in eval mode."""
    model.eval()
    with torch.no_grad():
        return (
            nn.functional.mse_loss(model(data.x_train), data.y_train).item(),
            nn.functional.mse_loss(model(data.x_val), data.y_val).item(),
        )


def curve(name: str, values: list[float], max_points: int = 500) -> Series:
    """A per-epoch curve for a figure, thinned to at most `max_points` (each bucket keeps its
    lowest and highest point)."""
    points = downsample(list(enumerate(values)), max_points)
    return Series(name, [x for x, _ in points], [y for _, y in points])
