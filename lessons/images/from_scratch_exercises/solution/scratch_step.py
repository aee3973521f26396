"""scratch_step: forward and SGD update with raw tensors (Chollet, chapter 2)."""

import torch
import torch.nn.functional as F


def scratch_step(x, y, W, b, lr):
    loss = F.cross_entropy(x @ W + b, y)  # forward
    loss.backward()  # W.grad, b.grad
    with torch.no_grad():  # the update is not part of the model
        for w in (W, b):
            w -= lr * w.grad  # in place: the caller's tensors change
            w.grad = None  # the next step starts from zero
    return loss.item()
