"""descent_step: one step downhill on (w − 2)² + 3."""


def descent_step(w, lr):
    slope = 2 * (w - 2)  # d/dw of (w - 2)² + 3
    return w - lr * slope
