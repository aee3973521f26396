"""mse_grid: every line's MSE with no loop.

The lesson tries every line y = m · x + b on a grid of slopes and intercepts, one at a time.
Do it in one go:

Write mse_grid(x, y, slopes, intercepts) for
  x, y         1-D float tensors of N points
  slopes       1-D float tensor of S slopes
  intercepts   1-D float tensor of B intercepts
Return the [S, B] tensor whose entry [i, j] is the mean squared error of the line
slopes[i] · x + intercepts[j]: the mean over the points of (prediction - y) ** 2.

The rule: no Python loop and no comprehension. Broadcasting does the looping.

Check it with:  tutor check grid-search/mse_grid
"""

import torch


def mse_grid(x, y, slopes, intercepts):
    raise NotImplementedError
