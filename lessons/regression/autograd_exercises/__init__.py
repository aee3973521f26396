"""Exercises of autograd: one step of gradient descent with autograd (parrt notebook 1), and the
same step with the gradients worked out by hand. With nn-and-optimizers/train_step (nn and
optim) they are the training loop three ways."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise(
        "descend",
        "One gradient-descent step with autograd",
        page=3,
        task="Write descend(m, b, x, y, lr) for tensors m and b that require gradients: "
        "compute the MSE of the line m * x + b against y, backpropagate, then, inside "
        "torch.no_grad(), move m and b against their gradients in place and zero "
        "the gradients. Return the loss as a Python float.",
        hints=[
            "loss = ((m * x + b - y) ** 2).mean(); loss.backward() fills m.grad and b.grad.",
            "with torch.no_grad(): m -= lr * m.grad; b -= lr * b.grad; then "
            "m.grad.zero_(); b.grad.zero_(). Write m -= …, not m = m - …: the latter "
            "makes a new tensor and the caller's m never changes.",
        ],
    ),
    Exercise(
        "step_by_hand",
        "One gradient-descent step, the gradients by hand",
        page=2,
        task="Write step_by_hand(m, b, x, y, lr) for the loss mean((m·x + b − y)²): work out "
        "its gradients for m and for b by hand, and return the new (m, b), each moved "
        "by − lr · its gradient, as Python floats. No autograd.",
        hints=[
            "With E = m·x + b − y, the chain rule gives dL/dm = 2 · mean(E · x) and dL/db = 2 · mean(E).",
            "E = m * x + b - y; grad_m = 2 * (E * x).mean().item(); "
            "grad_b = 2 * E.mean().item(); return m - lr * grad_m, b - lr * grad_b",
        ],
    ),
]
