"""Figures and text shared by the classification lessons: a one-layer classifier's decision
map on toy problem 1, and tensors written out the way a learner reads them."""

import math

import torch

from tutor.figures import Heatmap


def number_text(v: float) -> str:
    """A number with up to 6 significant digits; scientific only when tiny or huge."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):  # "inf" inside brackets would read as a style tag
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    if abs(v) < 1e-4 or abs(v) >= 1e6:
        return f"{v:.4e}"
    return f"{v:.6g}"


def tensor_text(t) -> str:
    """[[−10, 10], [20, −20]]: a tensor (or nested list) as nested brackets of numbers."""
    values = t.tolist() if hasattr(t, "tolist") else t
    if isinstance(values, list):
        return "[" + ", ".join(tensor_text(v) for v in values) + "]"
    return number_text(float(values))


def boundary_text(W) -> str:
    """Where the two scores of f·W (W 2×2, no bias) are equal, in words."""
    (w00, w01), (w10, w11) = W.tolist()
    # class 1 wins where (w01 − w00)·f1 + (w11 − w10)·f2 > 0
    a, b = w01 - w00, w11 - w10
    if a == 0 and b == 0:
        return "both scores are always equal: every point is a tie, and argmax says class 0"
    if b == 0:
        return f"the boundary is the vertical line f1 = 0; class 1 is on the {'right' if a > 0 else 'left'}"
    above = "above" if b > 0 else "below"
    return f"the boundary is the line f2 = {number_text(round(-a / b, 3))}·f1; class 1 is {above} it"


def toy1_decision_map(W, X_test, y_test, size=41, shown=250) -> Heatmap:
    """The class argmax(f·W) picks at every point of the square, with test points by true class."""
    W = W.detach().cpu().float()
    grid = torch.linspace(-100, 100, size)
    f2, f1 = torch.meshgrid(grid, grid, indexing="ij")  # row i is f2 = grid[i]
    points = torch.stack([f1.flatten(), f2.flatten()], dim=1)
    classes = (points @ W).argmax(dim=1).reshape(size, size).float()
    X, y = X_test.cpu(), y_test.cpu()
    wrong = int(((X @ W).argmax(dim=1) != y).sum())
    summary = (
        f"{boundary_text(W)} (the true rule: class 1 above f2 = f1); "
        f"{wrong} of {len(y)} test points are on the wrong side"
    )
    return Heatmap(
        z=classes,
        xs=grid,
        ys=grid,
        summary=summary,
        xlabel="f1",
        ylabel="f2",
        points=[(a, b, c) for (a, b), c in zip(X[:shown].tolist(), y[:shown].tolist())],
        palette="classes",
        vmin=0.0,
        vmax=1.0,
        title="Class chosen by argmax(f·W), with test points by true class",
    )
