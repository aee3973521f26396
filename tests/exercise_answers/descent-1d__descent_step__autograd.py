# expect: work the slope out by hand
import torch


def descent_step(w, lr):
    w = torch.tensor(w, requires_grad=True)
    ((w - 2) ** 2 + 3).backward()
    return (w - lr * w.grad).item()
