"""What the cars regression lessons share: the data, the least-squares line, an MSE surface.

grid-search, gradient-descent, autograd and nonlinearity all fit MPG from a car's weight;
the reference answer (ordinary least squares) and the loss maps they draw come from here.
"""

from __future__ import annotations

import numpy as np

from lessons import datasets


def cars_xy(feature: str = "weight") -> tuple[np.ndarray, np.ndarray]:
    """(x, mpg) as float64 arrays, 392 cars; x is `feature` (weight in lb by default)."""
    data = datasets.cars(feature, "mpg")
    return data[:, 0], data[:, 1]


def mse(m: float, b: float, x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((m * x + b - y) ** 2))


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (m, b) of the best straight line y = m·x + b (closed form)."""
    m = np.mean((x - x.mean()) * (y - y.mean())) / np.var(x)
    return float(m), float(y.mean() - m * x.mean())


def mse_surface(x: np.ndarray, y: np.ndarray, ms: np.ndarray, bs: np.ndarray) -> np.ndarray:
    """MSE of every line: row i is b = bs[i], column j is m = ms[j] (the Heatmap layout).

    Uses mean((m·x + b − y)²) = m²·mean(x²) + 2m·mean(x(b − y)) + mean((b − y)²), so a
    large grid costs no more than a few sums."""
    m = np.asarray(ms, dtype=float)[None, :]
    b = np.asarray(bs, dtype=float)[:, None]
    x2, xy, y2 = np.mean(x * x), np.mean(x * y), np.mean(y * y)
    return m * m * x2 + 2 * m * (b * x.mean() - xy) + b * b - 2 * b * y.mean() + y2


def span(values, pad: float = 0.1) -> tuple[float, float]:
    """A range holding all `values`, widened by `pad` of its width on each side."""
    lo, hi = float(np.min(values)), float(np.max(values))
    width = (hi - lo) or (abs(lo) or 1.0)
    return lo - pad * width, hi + pad * width
