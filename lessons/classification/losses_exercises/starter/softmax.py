"""softmax: scores to probabilities, without overflow.

Write softmax(z) for a 2-D tensor z of scores with one row per point: entry [i, j] of the
result is exp(z[i, j]) divided by the sum of exp(z[i, k]) over the row i. Every row of the
result sums to 1. Keep z's dtype.

It must also work for z = [[1000.0, 0.0]]: exp(1000) is inf in float32, and inf / inf is
nan. Do not call torch.softmax, F.softmax, log_softmax or softmin: write it yourself.

Check it with:  tutor check losses/softmax
"""

import torch


def softmax(z):
    raise NotImplementedError
