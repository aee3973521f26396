"""zero_negatives_: change a tensor in place."""


def zero_negatives_(x):
    return x.clamp_(min=0)
