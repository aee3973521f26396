"""Exercises of autograd: one step of gradient descent with autograd (parrt notebook 1)."""

from tutor.exercises import Exercise

EXERCISES = [
    Exercise("descend", "One gradient-descent step with autograd", page=3,
             task="Write descend(m, b, x, y, lr) for tensors m and b that require gradients: "
                  "compute the MSE of the line m * x + b against y, backpropagate, then, inside "
                  "torch.no_grad(), move m and b against their gradients in place and zero "
                  "the gradients. Return the loss as a Python float.",
             hints=["loss = ((m * x + b - y) ** 2).mean(); loss.backward() fills m.grad and b.grad.",
                    "with torch.no_grad(): m -= lr * m.grad; b -= lr * b.grad; then "
                    "m.grad.zero_(); b.grad.zero_(). Write m -= …, not m = m - …: the latter "
                    "makes a new tensor and the caller's m never changes."]),
]
