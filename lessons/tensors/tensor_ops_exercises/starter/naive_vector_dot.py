"""naive_vector_dot: the dot product with a loop (Chollet, chapter 2).

Write naive_vector_dot(x, y) for two 1-D tensors of the same length: return the sum of
x[i] * y[i] over every i, as a Python float. Do not use @, torch.dot or torch.matmul.

Check it with:  tutor check tensor-ops/naive_vector_dot
"""

import torch


def naive_vector_dot(x, y):
    raise NotImplementedError
