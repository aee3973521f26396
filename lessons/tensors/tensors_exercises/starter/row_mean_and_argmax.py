"""row_mean_and_argmax: aggregate along a dimension.

Write row_mean_and_argmax(x) for a 2-D float tensor x of shape [rows, columns]. Return a pair
(means, best):
  means[i]  the mean of row i                      (a float tensor of shape [rows])
  best[i]   the column of row i's largest entry    (an int64 tensor of shape [rows])

Check it with:  tutor check tensors/row_mean_and_argmax
"""

import torch


def row_mean_and_argmax(x):
    raise NotImplementedError
