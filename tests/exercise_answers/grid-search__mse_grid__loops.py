# expect: has a Python loop
import torch


def mse_grid(x, y, slopes, intercepts):
    table = torch.zeros(len(slopes), len(intercepts))
    for i, m in enumerate(slopes):
        for j, b in enumerate(intercepts):
            table[i, j] = ((m * x + b - y) ** 2).mean()
    return table
