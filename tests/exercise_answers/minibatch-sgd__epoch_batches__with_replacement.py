# expect: some rows are in two batches and some in none
import torch


def epoch_batches(n, batch_size, generator):
    order = torch.randint(0, n, (n,), generator=generator)
    return list(order.split(batch_size))
