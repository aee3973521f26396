"""l2_penalty: weight decay as a term of the loss."""


def l2_penalty(model, wd):
    squares = sum((p**2).sum() for p in model.parameters())  # every weight and bias
    return wd / 2 * squares  # its gradient is wd · w
