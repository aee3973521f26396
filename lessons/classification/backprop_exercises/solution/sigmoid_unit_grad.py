"""The chain rule for one sigmoid unit: dL/dw."""

import torch


def sigmoid_unit_grad(x, w, b, y):
    p = torch.sigmoid(x @ w + b)
    dL_dp = 2 * (p - y)  # L = (p - y)²
    dp_dz = p * (1 - p)  # the sigmoid's slope
    return dL_dp * dp_dz * x  # dz/dw = x
