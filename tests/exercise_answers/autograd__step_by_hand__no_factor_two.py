# expect: item 0: got 0.65, expected 1.3
import torch


def step_by_hand(m, b, x, y, lr):
    error = m * x + b - y
    return m - lr * (error * x).mean().item(), b - lr * error.mean().item()
