# expect: item 0: got 2.6, expected 1.3
import torch


def step_by_hand(m, b, x, y, lr):
    error = m * x + b - y
    return m - lr * 2 * (error * x).sum().item(), b - lr * 2 * error.sum().item()
