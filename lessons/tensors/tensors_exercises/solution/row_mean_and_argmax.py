"""row_mean_and_argmax: aggregate along a dimension."""

import torch


def row_mean_and_argmax(x):
    return x.mean(dim=1), x.argmax(dim=1)
