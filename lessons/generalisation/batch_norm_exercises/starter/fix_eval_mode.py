"""Find and fix the bug: measuring in train mode.

validation_mse(model, X, y) returns the mean squared error of a model on validation rows,
as a Python float. The model has nn.BatchNorm1d layers and is in training mode when this is
called. As written, each call normalises the validation rows by their own mean and spread
and also updates the model's running averages, so the number depends on which rows are in
the batch and measuring changes the model. Fix it. When it returns, the model must be in
training mode again, as it was.

Check it with:  tutor check batch-norm/fix_eval_mode
"""

import torch
import torch.nn.functional as F


def validation_mse(model, X, y):
    return F.mse_loss(model(X), y).item()
