# expect: move the batch too
import torch.nn.functional as F


def loss_on_device(model, X, y, device):
    model.to(device)
    return F.cross_entropy(model(X), y).item()
