"""One gradient-descent step, the gradients by hand (the training loop, way one of three)."""


def step_by_hand(m, b, x, y, lr):
    error = m * x + b - y  # E, one per point
    grad_m = 2 * (error * x).mean().item()  # dL/dm = 2·mean(E·x)
    grad_b = 2 * error.mean().item()  # dL/db = 2·mean(E)
    return m - lr * grad_m, b - lr * grad_b
