# expect: values differ
def mse(y_pred, y):
    return ((y_pred - y) ** 2).sum()
