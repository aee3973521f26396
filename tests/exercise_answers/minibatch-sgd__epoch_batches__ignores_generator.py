# expect: two generators seeded alike gave different orders
import torch


def epoch_batches(n, batch_size, generator):
    return list(torch.randperm(n).split(batch_size))
