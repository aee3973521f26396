"""Exercises of gradient-descent: the loss it minimises and one step down it, both by hand (parrt
notebook 1). The same step is written with autograd in autograd/descend and with nn and optim in
nn-and-optimizers/train_step: the training loop three ways."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise("mse", "mse(y_pred, y) without nn.MSELoss", page=1,
             task="Write mse(y_pred, y): the mean of the squared differences between two "
                  "tensors of the same shape, as a 0-dimensional tensor that autograd can "
                  "differentiate. Do not use nn.MSELoss or F.mse_loss.",
             hints=["The difference first, then square it, then the mean: in that order.",
                    "return ((y_pred - y) ** 2).mean()"]),
    Exercise("step_by_hand", "One gradient-descent step, the gradients by hand", page=1,
             task="Write step_by_hand(m, b, x, y, lr) for the loss mean((m·x + b − y)²): work out "
                  "its gradients for m and for b by hand, and return the new (m, b), each moved "
                  "by − lr · its gradient, as Python floats. No autograd.",
             hints=["With E = m·x + b − y, the chain rule gives dL/dm = 2 · mean(E · x) and "
                    "dL/db = 2 · mean(E).",
                    "E = m * x + b - y; grad_m = 2 * (E * x).mean().item(); "
                    "grad_b = 2 * E.mean().item(); return m - lr * grad_m, b - lr * grad_b"]),
]
