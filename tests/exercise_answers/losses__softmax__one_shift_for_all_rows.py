# expect: some values are nan or inf
import torch


def softmax(z):
    e = torch.exp(z - z.max())
    return e / e.sum(dim=1, keepdim=True)
