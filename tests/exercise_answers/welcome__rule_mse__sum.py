# expect: expected 17.6667
import torch


def rule_mse(weight, mpg, a, b):
    return ((a + b * weight / 1000 - mpg) ** 2).sum().item()
