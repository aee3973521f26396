"""Dropout by hand: train mode and eval mode."""

import torch


def dropout(x, p, training, generator):
    if not training:
        return x
    keep = torch.rand(x.shape, generator=generator) >= p  # kept with probability 1 - p
    return x * keep / (1 - p)
