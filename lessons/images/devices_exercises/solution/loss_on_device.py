"""loss_on_device: the model and the batch on one device."""

import torch.nn.functional as F


def loss_on_device(model, X, y, device):
    model.to(device)  # a module moves its weights in place
    X, y = X.to(device), y.to(device)  # a tensor's .to returns a moved copy
    return F.cross_entropy(model(X), y).item()  # .item(): a Python float, back on the CPU
