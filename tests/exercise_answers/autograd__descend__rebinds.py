# expect: m and b differ from a correct step's
import torch


def descend(m, b, x, y, lr):
    loss = ((m * x + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        m = m - lr * m.grad
        b = b - lr * b.grad
    return loss.item()
