"""epoch_batches: every row exactly once per epoch.

Write epoch_batches(n, batch_size, generator): the batches of one epoch over n rows, as a
list of int64 tensors of row numbers. Shuffle the row numbers 0..n-1 with the given
torch.Generator (so a seeded generator repeats the order), then cut them into batches of
batch_size; the last batch may be smaller. Every row must be in exactly one batch.

Check it with:  tutor check minibatch-sgd/epoch_batches
"""

import torch


def epoch_batches(n, batch_size, generator):
    raise NotImplementedError
