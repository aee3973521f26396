"""freeze_all_but_last: only the new last layer learns.

Transfer learning keeps the layers a network learned on one task and trains only a new last
layer on the next task. The kept layers are frozen: their parameters get requires_grad False,
so autograd computes no gradient for them and the optimiser never changes them.

Write freeze_all_but_last(model) for an nn.Sequential model:
  - every parameter of every layer except the last gets requires_grad = False
  - every parameter of the last layer (model[-1]) requires gradients (set it to True: the
    model may arrive frozen already)
  - return a list of the parameters that still learn: what you would hand the optimiser
Change the model in place; do not replace its layers.

Check it with:  tutor check transfer-learning/freeze_all_but_last
"""

import torch
from torch import nn


def freeze_all_but_last(model):
    raise NotImplementedError
