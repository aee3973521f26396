# expect: returned a new tensor
import torch


def zero_negatives_(x):
    x = torch.relu(x)
    return x
