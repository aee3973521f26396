# expect: the shape is [4, 2]; it should be [2, 4]
import torch


def naive_matrix_dot(x, y):
    z = torch.zeros(y.shape[1], x.shape[0])
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            for k in range(x.shape[1]):
                z[j, i] += x[i, k] * y[k, j]
    return z
