# expect: has a Python loop
import torch


def squared_distances(a, b):
    out = torch.zeros(len(a), len(b))
    for i in range(len(a)):
        out[i] = ((a[i] - b) ** 2).sum(dim=1)
    return out
