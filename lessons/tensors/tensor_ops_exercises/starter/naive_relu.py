"""naive_relu: ReLU one element at a time (Chollet, chapter 2).

Write naive_relu(x) for a 2-D tensor x: return a NEW tensor of the same shape in which every
negative entry is replaced by 0 and every other entry is kept. Use two loops (rows, then
columns). Do not call torch.relu, clamp or maximum, and do not change x.

Check it with:  tutor check tensor-ops/naive_relu
"""

import torch


def naive_relu(x):
    raise NotImplementedError
