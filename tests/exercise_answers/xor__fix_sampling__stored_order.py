# expect: shuffle them with the generator
import torch


def epoch_rows(n, generator):
    return torch.arange(n)
