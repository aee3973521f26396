# expect: values differ
import torch


def softmax(z):
    e = torch.exp(z - z.max(dim=1, keepdim=True).values)
    return e / e.sum(dim=0, keepdim=True)
