# expect: return a Python float
import torch


def rule_mse(weight, mpg, a, b):
    return ((a + b * weight / 1000 - mpg) ** 2).mean()
