# expect: should be multiplied by 1 / (1 - p)
import torch


def dropout(x, p, training, generator):
    if not training:
        return x
    return x * (torch.rand(x.shape, generator=generator) >= p)
