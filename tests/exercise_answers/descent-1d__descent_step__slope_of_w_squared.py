# expect: got 4, expected 4.4
def descent_step(w, lr):
    return w - lr * 2 * w
