"""One gradient-descent step, the gradients by hand (the training loop, way one of three).

The loss of the line m·x + b on points (x, y) is the mean squared error
    L = mean(E ** 2), with E = m * x + b - y.

Write step_by_hand(m, b, x, y, lr) for Python floats m, b, lr and 1-D float tensors x, y:
  1. work out dL/dm and dL/db by hand with the chain rule (no .backward(), no autograd)
  2. return the new (m, b) as a tuple of two Python floats: m - lr * dL/dm, b - lr * dL/db

The same step with autograd is autograd/descend; with nn and optim, nn-and-optimizers/train_step.

Check it with:  tutor check autograd/step_by_hand
"""

import torch


def step_by_hand(m, b, x, y, lr):
    raise NotImplementedError
