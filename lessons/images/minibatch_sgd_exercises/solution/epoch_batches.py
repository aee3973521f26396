"""epoch_batches: every row exactly once per epoch."""

import torch


def epoch_batches(n, batch_size, generator):
    order = torch.randperm(n, generator=generator)  # every row once, in a random order
    return list(order.split(batch_size))
