"""mse: the mean squared error, by hand."""


def mse(y_pred, y):
    return ((y_pred - y) ** 2).mean()
