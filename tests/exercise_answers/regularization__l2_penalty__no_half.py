# expect: got 1.4, expected 0.7
import torch


def l2_penalty(model, wd):
    return wd * sum((p ** 2).sum() for p in model.parameters())
