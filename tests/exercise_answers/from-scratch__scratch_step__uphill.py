# expect: subtract, with the lr given
import torch
import torch.nn.functional as F


def scratch_step(x, y, W, b, lr):
    loss = F.cross_entropy(x @ W + b, y)
    loss.backward()
    with torch.no_grad():
        W += lr * W.grad
        b += lr * b.grad
        W.grad = b.grad = None
    return loss.item()
