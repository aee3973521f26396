# expect: has a Python comprehension
import torch


def cross_features(points):
    return torch.tensor([[x1 ** 2, x2 ** 2, x1 * x2] for x1, x2 in points.tolist()])
