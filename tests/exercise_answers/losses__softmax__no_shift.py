# expect: some values are nan or inf
import torch


def softmax(z):
    e = torch.exp(z)
    return e / e.sum(dim=1, keepdim=True)
