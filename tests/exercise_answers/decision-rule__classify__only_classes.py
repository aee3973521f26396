# expect: expected tuple(
def classify(X, W):
    return (X @ W).argmax(dim=1)
