# expect: in eval mode (training=False) dropout must return x unchanged
import torch


def dropout(x, p, training, generator):
    return x * (torch.rand(x.shape, generator=generator) >= p) / (1 - p)
