# expect: with p = 0 nothing should be dropped
import torch


def dropout(x, p, training, generator):
    if not training:
        return x
    return x * (torch.rand(x.shape, generator=generator) < p) / (1 - p)
