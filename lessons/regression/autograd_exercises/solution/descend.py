"""One gradient-descent step with autograd (parrt notebook 1)."""

import torch


def descend(m, b, x, y, lr):
    loss = ((m * x + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():  # the update itself must not be recorded by autograd
        m -= lr * m.grad
        b -= lr * b.grad
    m.grad.zero_()  # backward adds to .grad: clear it for the next step
    b.grad.zero_()
    return loss.item()
