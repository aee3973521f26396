"""train_step: forward, loss, zero_grad, backward, step.

Write train_step(model, X, y, opt): ONE step of training.
  1. forward:    y_pred = model(X)
  2. loss:       the mean squared error of y_pred against y (F.mse_loss or nn.MSELoss())
  3. zero_grad:  clear the gradients left by the last step
  4. backward:   compute the gradients of the loss
  5. step:       let the optimiser opt change the parameters
Return the loss as a Python float (loss.item()).

Check it with:  tutor check nn-and-optimizers/train_step
"""

import torch
import torch.nn.functional as F


def train_step(model, X, y, opt):
    raise NotImplementedError
