# expect: got 0.25, expected 0.7
import torch


def l2_penalty(model, wd):
    return wd / 2 * sum((p ** 2).sum() for name, p in model.named_parameters() if "weight" in name)
