# expect: the shape is []; it should be [2]
import torch


def sigmoid_unit_grad(x, w, b, y):
    p = torch.sigmoid(x @ w + b)
    return 2 * (p - y) * p * (1 - p)
