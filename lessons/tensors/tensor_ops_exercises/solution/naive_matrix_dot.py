"""naive_matrix_dot: the matrix product with loops (Chollet, chapter 2)."""

import torch


def naive_matrix_dot(x, y):
    z = torch.zeros(x.shape[0], y.shape[1])
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            for k in range(x.shape[1]):
                z[i, j] += x[i, k] * y[k, j]
    return z
