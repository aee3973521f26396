# expect: uses `relu`
import torch


def naive_relu(x):
    return torch.relu(x)
