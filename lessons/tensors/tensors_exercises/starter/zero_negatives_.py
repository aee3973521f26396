"""zero_negatives_: change a tensor in place.

Write zero_negatives_(x): set every negative entry of x to 0 IN x ITSELF (do not make a new
tensor) and return x. In PyTorch a method whose name ends in an underscore changes its
tensor in place: x.add_(1), x.clamp_(min=0), x.zero_().

Check it with:  tutor check tensors/zero_negatives_
"""

import torch


def zero_negatives_(x):
    raise NotImplementedError
