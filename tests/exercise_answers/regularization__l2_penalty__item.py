# expect: expected a tensor, got float
import torch


def l2_penalty(model, wd):
    return wd / 2 * sum((p ** 2).sum().item() for p in model.parameters())
