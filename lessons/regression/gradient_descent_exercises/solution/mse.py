"""mse: the mean squared error, by hand."""

import torch


def mse(y_pred, y):
    return ((y_pred - y) ** 2).mean()
