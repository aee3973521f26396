# expect: return a tensor built from the parameters
import torch


def l2_penalty(model, wd):
    return torch.tensor(wd / 2 * sum((p ** 2).sum().item() for p in model.parameters()))
