# expect: the shape is [3, 1]; it should be [1, 3]
import torch


def cross_features(points):
    x1, x2 = points[:, 0], points[:, 1]
    return torch.stack([x1 ** 2, x2 ** 2, x1 * x2])
