# expect: got -1, expected -0.25
import torch


def sigmoid_unit_grad(x, w, b, y):
    p = torch.sigmoid(x @ w + b)
    return 2 * (p - y) * x
