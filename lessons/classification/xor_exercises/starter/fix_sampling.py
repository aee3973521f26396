"""Find and fix the bug: rows drawn with replacement (the course's mistake).

epoch_rows(n, generator) returns the order in which one epoch of training visits the n
training rows: an int64 tensor of n row numbers, shuffled with the given torch.Generator
(so that the same seed gives the same order). Every row must appear exactly once.

As written it draws n row numbers with replacement: some rows come twice or more and about
a third of them never come at all. Find the mistake and fix it.

Check it with:  tutor check xor/fix_sampling
"""

import torch


def epoch_rows(n, generator):
    return torch.randint(n, (n,), generator=generator)
