# expect: your file does not define `mse`
def mean_squared_error(y_pred, y):
    return ((y_pred - y) ** 2).mean()
