"""cross_features: x1², x2² and x1·x2 as columns."""

import torch


def cross_features(points):
    x1, x2 = points[:, 0], points[:, 1]  # two columns, each [N]
    return torch.stack([x1**2, x2**2, x1 * x2], dim=1)  # side by side: [N, 3]
