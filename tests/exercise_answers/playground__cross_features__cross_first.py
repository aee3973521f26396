# expect: got 6, expected 4
import torch


def cross_features(points):
    x1, x2 = points[:, 0], points[:, 1]
    return torch.stack([x1 * x2, x1 ** 2, x2 ** 2], dim=1)
