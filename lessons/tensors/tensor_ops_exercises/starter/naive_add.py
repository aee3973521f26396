"""naive_add: element-wise addition with loops (Chollet, chapter 2).

Write naive_add(x, y) for two 2-D tensors of the same shape: return a NEW tensor whose entry
[i, j] is x[i, j] + y[i, j]. Use loops over the rows and columns; do not change x or y.

Check it with:  tutor check tensor-ops/naive_add
"""

import torch


def naive_add(x, y):
    raise NotImplementedError
