# expect: values differ
def affine(x, W, b):
    return x @ W
