# expect: do you zero m.grad and b.grad after the update?
import torch


def descend(m, b, x, y, lr):
    loss = ((m * x + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        m -= lr * m.grad
        b -= lr * b.grad
    return loss.item()
