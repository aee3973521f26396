# expect: got 3, expected 1
import torch


def mse_grid(x, y, slopes, intercepts):
    predictions = slopes[:, None, None] * x + intercepts[None, :, None]
    return ((predictions - y) ** 2).sum(dim=-1)
