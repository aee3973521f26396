"""naive_matrix_dot: the matrix product with loops (Chollet, chapter 2).

Write naive_matrix_dot(x, y) for x of shape [n, k] and y of shape [k, m]: return an [n, m]
float32 tensor whose entry [i, j] is the dot product of row i of x with column j of y.
Do not use @, torch.matmul, torch.mm or torch.dot.

Check it with:  tutor check tensor-ops/naive_matrix_dot
"""

import torch


def naive_matrix_dot(x, y):
    raise NotImplementedError
