"""mse: the mean squared error, by hand.

Write mse(y_pred, y) for two float tensors of the same shape: the mean, over every entry, of
(y_pred - y) squared. Return a 0-dimensional tensor (not a Python float), so that
loss.backward() can compute gradients through it. Do not use nn.MSELoss or F.mse_loss.

Check it with:  tutor check gradient-descent/mse
"""

import torch


def mse(y_pred, y):
    raise NotImplementedError
