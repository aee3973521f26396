"""accuracy: the fraction of points classified right."""

import torch


def accuracy(scores, y):
    return (scores.argmax(dim=1) == y).float().mean().item()
