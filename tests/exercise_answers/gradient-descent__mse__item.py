# expect: expected a tensor, got float
def mse(y_pred, y):
    return ((y_pred - y) ** 2).mean().item()
