"""squared_distances: a table of distances with no loop.

Write squared_distances(a, b) for points a of shape [n, d] and b of shape [m, d]: return the
[n, m] tensor whose entry [i, j] is the squared distance between a[i] and b[j], that is
sum over k of (a[i, k] - b[j, k]) ** 2.

The rule: no Python loop and no comprehension. Broadcasting does the looping for you.

Check it with:  tutor check tensor-ops/squared_distances
"""

import torch


def squared_distances(a, b):
    raise NotImplementedError
