# expect: got 5.6, expected 4.4
def descent_step(w, lr):
    return w + lr * 2 * (w - 2)
