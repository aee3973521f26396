"""softmax: scores to probabilities, without overflow."""

import torch


def softmax(z):
    shifted = z - z.max(dim=1, keepdim=True).values  # same ratios; the largest exp is exp(0) = 1
    e = torch.exp(shifted)
    return e / e.sum(dim=1, keepdim=True)
