# expect: return a 1-D tensor of 10 row numbers
import torch


def epoch_rows(n, generator):
    return torch.randint(n, (n,), generator=generator).unique()
