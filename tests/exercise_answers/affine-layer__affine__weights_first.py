# expect: your code raised RuntimeError
def affine(x, W, b):
    return W @ x + b
