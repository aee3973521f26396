"""affine: a layer is y = xW + b (aiaioo exercise 210).

Write affine(x, W, b) for
  x  [n, inputs]        one row per example
  W  [inputs, outputs]  column j holds the weights of output j
  b  [outputs]          one bias per output
Return y = x @ W + b, of shape [n, outputs].

aiaioo's exercise: x = [[1, 2, 3]], W = [[3, 7], [4, 1], [1, 2]], b = [0.5, 0.3]
gives [[14.5, 15.3]].

Check it with:  tutor check affine-layer/affine
"""

import torch


def affine(x, W, b):
    raise NotImplementedError
