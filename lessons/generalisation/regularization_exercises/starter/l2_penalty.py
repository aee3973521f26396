"""l2_penalty: weight decay as a term of the loss.

Weight decay adds a price for large weights to the loss:

    loss = MSE + (wd / 2) · (sum of every weight squared)

Write l2_penalty(model, wd) for an nn.Module and a float wd: return (wd / 2) times the sum of
the squares of every number in every parameter (weights and biases) of the model, as a 0-d
tensor that autograd can follow (not a Python float). Its gradient with respect to each
weight w is then wd · w: exactly what torch.optim.SGD(..., weight_decay=wd) adds.

Check it with:  tutor check regularization/l2_penalty
"""

import torch


def l2_penalty(model, wd):
    raise NotImplementedError
