# expect: item 1: got 1.3, expected 0.8
import torch


def step_by_hand(m, b, x, y, lr):
    error = m * x + b - y
    grad = 2 * (error * x).mean().item()
    return m - lr * grad, b - lr * grad
