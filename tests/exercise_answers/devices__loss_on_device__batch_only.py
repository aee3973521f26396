# expect: move the model too
import torch.nn.functional as F


def loss_on_device(model, X, y, device):
    X, y = X.to(device), y.to(device)
    return F.cross_entropy(model(X), y).item()
