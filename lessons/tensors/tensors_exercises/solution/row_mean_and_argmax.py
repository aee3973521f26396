"""row_mean_and_argmax: aggregate along a dimension."""


def row_mean_and_argmax(x):
    return x.mean(dim=1), x.argmax(dim=1)
