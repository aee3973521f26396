"""zero_negatives_: change a tensor in place."""

import torch


def zero_negatives_(x):
    return x.clamp_(min=0)
