"""affine: a layer is y = xW + b (aiaioo exercise 210)."""


def affine(x, W, b):
    return x @ W + b
