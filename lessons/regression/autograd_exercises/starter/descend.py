"""One gradient-descent step with autograd (parrt notebook 1, "the same fit, in PyTorch").

Write descend(m, b, x, y, lr). m and b are one-number tensors with requires_grad=True (the
slope and the intercept of a line); x and y are the data; lr is the learning rate.
  1. loss = the mean of (m * x + b - y) squared
  2. loss.backward()               fills m.grad and b.grad
  3. inside torch.no_grad(): change m and b IN PLACE by -lr times their gradient
  4. zero both gradients (m.grad.zero_()), so the next step starts from 0
Return the loss as a Python float (loss.item()). The caller keeps using the same m and b.

Check it with:  tutor check autograd/descend
"""

import torch


def descend(m, b, x, y, lr):
    raise NotImplementedError
