# expect: uses `softmax`
import torch


def softmax(z):
    return torch.softmax(z, dim=1)
