"""Dropout by hand: train mode and eval mode.

Write dropout(x, p, training, generator):
  training=True    zero each entry of x independently with probability p (draw the random
                   numbers with the given torch.Generator), and multiply every entry that is
                   kept by 1 / (1 - p), so that each entry's expected value stays x
  training=False   return x unchanged (this is what model.eval() switches nn.Dropout to)
Return a new tensor; do not change x. Do not use nn.Dropout or F.dropout.

Check it with:  tutor check batch-norm/dropout
"""

import torch


def dropout(x, p, training, generator):
    raise NotImplementedError
